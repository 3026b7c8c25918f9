import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BIN, childEnvironment, finished, ROOT, runThidua, scratchFolder } from '../support/processes';

const fixture = (name: string) => join(ROOT, 'test/fixtures', name);
const DEMO = join(ROOT, 'db/seed/demo.yaml');

function snapshot(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true });
  const tables = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as {
    name: string;
  }[];
  const rows = Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`select * from "${name}"`).all()]));
  db.close();
  return rows;
}

describe('npx thidua', () => {
  it('rejects a file with three mistakes: all three with their paths, exit 1, database unchanged', async () => {
    const folder = scratchFolder();
    const env = { DATABASE_PATH: join(folder, 'thidua.sqlite') };
    expect((await runThidua(['import', DEMO], env)).code).toBe(0);
    const before = snapshot(env.DATABASE_PATH);

    const result = await runThidua(['import', fixture('three-mistakes.yaml')], env);
    expect(result.code).toBe(1);
    const problems = result.stderr.split('\n').filter((line) => line.startsWith('  '));
    expect(problems).toHaveLength(3);
    expect(problems[0]).toBe('  blocks[0].units[2]: không có đơn vị mã "XYZ" trong units');
    expect(problems[1]).toMatch(/^ {2}years\[0\]\.criteria\[0\]\.kind: /);
    expect(problems[2]).toMatch(/^ {2}years\[0\]\.pledge_due: /);
    expect(snapshot(env.DATABASE_PATH)).toEqual(before);
  });

  it('does not even create the database for a bad file', async () => {
    const folder = scratchFolder();
    const result = await runThidua(['import', fixture('three-mistakes.yaml')], { DATABASE_PATH: join(folder, 'new.sqlite') });
    expect(result.code).toBe(1);
    expect(existsSync(join(folder, 'new.sqlite'))).toBe(false);
  });

  it('imports a good file with a summary, and reports no changes the second time', async () => {
    const env = { DATABASE_PATH: join(scratchFolder(), 'thidua.sqlite') };
    const first = await runThidua(['import', fixture('contract-example.yaml')], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Đơn vị\s+2 thêm, 0 cập nhật, 0 ngừng sử dụng/);
    expect(first.stdout).toMatch(/Tiêu chí\s+6 thêm/);
    const second = await runThidua(['import', fixture('contract-example.yaml')], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Không có thay đổi nào');
  });

  it('replaces the demo organisation instead of mixing a real file into it', async () => {
    const env = { DATABASE_PATH: join(scratchFolder(), 'thidua.sqlite') };
    await runThidua(['console'], env, ':quit\n'); // the console loads the demo into the empty database
    const result = await runThidua(['import', fixture('contract-example.yaml')], env);
    expect(result.stdout).toContain('dữ liệu demo được thay bằng tệp này');
    const db = new Database(env.DATABASE_PATH, { readonly: true });
    expect(db.prepare('select count(*) as n from units').get()).toEqual({ n: 2 });
    db.close();
  });

  it.each([
    [['import'], /Thiếu tên tệp/],
    [['import', '/nonexistent/org.yaml'], /Không đọc được tệp “\/nonexistent\/org.yaml”: không tồn tại/],
    [['frobnicate'], /Không có lệnh “frobnicate”/],
  ])('explains a usage mistake in one line: %j', async (args, message) => {
    const result = await runThidua(args, { DATABASE_PATH: join(scratchFolder(), 'x.sqlite') });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it('names the variable when the environment is wrong', async () => {
    const result = await runThidua(['start'], { SLACK_BOT_TOKEN: 'xoxp-wrong', SLACK_SIGNING_SECRET: 'secret-123' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('SLACK_BOT_TOKEN: phải bắt đầu bằng "xoxb-"');
  });

  it('migrates and backs up the database consistently', async () => {
    const folder = scratchFolder();
    const env = { DATABASE_PATH: join(folder, 'thidua.sqlite') };
    const migrated = await runThidua(['migrate'], env);
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toMatch(/migration đã áp dụng/);
    await runThidua(['import', DEMO], env);
    const backup = join(folder, 'backup.sqlite');
    const result = await runThidua(['backup', backup], env);
    expect(result.code).toBe(0);
    expect(snapshot(backup).units).toEqual(snapshot(env.DATABASE_PATH).units);
    expect((await runThidua(['backup', backup], env)).stderr).toMatch(/đã có; chọn tên khác/);
  });

  it('prints the Vietnamese help as a demo user: printf "/thidua help\\n" | npm start', async () => {
    const env = childEnvironment({ DATABASE_PATH: join(scratchFolder(), 'thidua.sqlite') });
    const result = await finished(
      spawn('npm', ['start', '--silent'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] }),
      '/thidua help\n',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Thi Đua — bảng điều khiển cục bộ');
    expect(result.stdout).toContain('Đang là: U0CA0001 — cán bộ thi đua của Công an tỉnh');
    expect(result.stdout).toContain('═══ Thi Đua — các lệnh ═══');
    expect(result.stdout).toContain('Ví dụ: /thidua trogiup');
  });

  it('keeps what a second console session on the same database submits, and quits cleanly at once', async () => {
    const env = childEnvironment({ DATABASE_PATH: join(scratchFolder(), 'thidua.sqlite') });
    const sign = (user: string) =>
      finished(
        spawn(process.execPath, [BIN, 'console', '--at', '2021-03-20 09:00', '--as', user], {
          cwd: ROOT,
          env,
          stdio: ['pipe', 'pipe', 'pipe'],
        }),
        '/thidua dangky\n100\n0\n3\n-\n1\n:quit\n',
      );
    const first = await sign('U0TP0001');
    expect(first.stdout).toContain('Sở Tư pháp đã ký giao ước thi đua năm 2021 — 1/7 đơn vị');
    // A new process numbers its modals anew: an id from the first run must not read as already applied.
    const second = await sign('U0TT0001');
    expect(second.stdout).toContain('Thanh tra tỉnh đã ký giao ước thi đua năm 2021 — 2/7 đơn vị');
    const quit = await finished(spawn(process.execPath, [BIN, 'console'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] }), ':quit\n');
    expect([quit.code, quit.stderr]).toEqual([0, '']);
  });

  it('console: takes a bot command typed without /thidua, as people type it by habit', async () => {
    const env = childEnvironment({ DATABASE_PATH: join(scratchFolder(), 'thidua.sqlite') });
    const run = finished(
      spawn(process.execPath, [BIN, 'console', '--at', '2021-03-29 08:00', '--as', 'U0TP0001'], {
        cwd: ROOT,
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
      }),
      'xephang\n:quit\n',
    );
    const { code, stdout } = await run;
    expect(code).toBe(0);
    expect(stdout).toContain('═══ Xếp hạng Quý I năm 2021 — Khối thi đua Nội chính ═══');
    expect(stdout).not.toContain('Không có lệnh “xephang”');
  });

  it('console: says which command it does not know, shows DMs with pressable buttons, and :quit inside a form leaves', async () => {
    const env = childEnvironment({ DATABASE_PATH: join(scratchFolder(), 'thidua.sqlite') });
    const run = (input: string) =>
      finished(
        spawn(process.execPath, [BIN, 'console', '--at', '2021-03-29 08:00', '--as', 'U0TP0001'], {
          cwd: ROOT,
          env,
          stdio: ['pipe', 'pipe', 'pipe'],
        }),
        input,
      );
    const first = await run(':foo\n:dm\n:tick\n:dm\n1\n100\n:quit\n/thidua help\n');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Không có lệnh “:foo” của bảng điều khiển.');
    expect(first.stdout).toContain('Chưa có tin nhắn nào trong tin nhắn riêng của Cán bộ Sở Tư pháp.');
    // After the tick the DM holds the nudge; its button (1) opens the pledge form, where :quit closes it and the console.
    expect(first.stdout).toMatch(/Tin nhắn riêng → Cán bộ Sở Tư pháp:\n {2}⏰ Còn 2 ngày đến hạn ký giao ước[^\n]*\n {4}\[1\] Ký giao ước/);
    expect(first.stdout).toContain('┌ Biểu mẫu: Giao ước thi đua');
    expect(first.stdout).toContain('└ Đã đóng biểu mẫu, không gửi.');
    expect(first.stdout).not.toContain('═══ Thi Đua — các lệnh ═══');
  });

  it('console: a confirmation with no fields (the lead’s “Xác nhận tất cả”) is submitted with Enter, or closed with :cancel', async () => {
    const env = childEnvironment({ DATABASE_PATH: join(scratchFolder(), 'thidua.sqlite') });
    // Sở Tư pháp reports Quý I with nothing for the lead to score beyond its own self-scores (no link, no file, no notes).
    const report = ['/thidua baocao', '95', '1', '1', '1', '1', '1', '1', '1', '0', '1', '1', '', '', '', '', '', '', ''];
    const walk = await finished(
      spawn(process.execPath, [BIN, 'console', '--at', '2021-04-01 08:00', '--as', 'U0TP0001'], {
        cwd: ROOT,
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
      }),
      `${[...report, ':as CA', '/thidua tiendo', '1', ':cancel', '/thidua tiendo', '1', '', ':quit'].join('\n')}\n`,
    );
    expect([walk.code, walk.stderr]).toEqual([0, '']);
    // Whether the form asks only for the press or for an optional field too, :cancel closes it and Enter sends it.
    const [cancelled, ...confirmed] = walk.stdout.split('┌ Biểu mẫu: Xác nhận báo cáo').slice(1);
    expect(cancelled).toContain('└ Đã đóng biểu mẫu, không gửi.');
    expect(cancelled).not.toContain('Đã xác nhận');
    expect(confirmed.join('')).toContain('✅ Đã xác nhận 1 báo cáo: Sở Tư pháp.');
    expect(confirmed.join('')).toContain('Báo cáo Quý I của Sở Tư pháp đã được thẩm định (@Cán bộ Công an tỉnh 1)');
  });

  it('has an executable bin', () => {
    expect(existsSync(BIN)).toBe(true);
  });
});
