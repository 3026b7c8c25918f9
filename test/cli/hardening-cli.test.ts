import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { createStore } from '../../db/store';
import { LocalSlack } from '../../src/local-slack/server';
import { importOrganisationText } from '../../src/services/organisation';
import { DEMO_YAML } from '../support/bot';
import { runThidua, scratchFolder } from '../support/processes';

/**
 * `npx thidua` as an operator meets it on a bad day: every error is one line in Vietnamese with
 * exit code 1 (no stack trace), `export --out` never overwrites a file unless told to with
 * --force, and a file that is not an organisation file is named as such without its content
 * being printed back.
 */
function demoDatabase(): { folder: string; env: { DATABASE_PATH: string } } {
  const folder = scratchFolder();
  const env = { DATABASE_PATH: join(folder, 'thidua.sqlite') };
  const handle = openDatabase(env.DATABASE_PATH);
  importOrganisationText(createStore(handle.db), DEMO_YAML, 'test', new Date('2021-03-01T00:00:00Z'));
  handle.close();
  return { folder, env };
}

/** One line on stderr, no stack trace, exit code 1. */
function expectOneLine(result: { code: number | null; stderr: string }): string {
  expect(result.code).toBe(1);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return lines[0]!;
}

const EXPORT = ['export', '--block', 'NOI_CHINH', '--period', 'Q1', '--year', '2021', '--format', 'csv'];

describe('npx thidua on a bad day', () => {
  let slack: LocalSlack | undefined;
  let occupied: Server | undefined;
  afterEach(async () => {
    await slack?.stop();
    await new Promise((resolve) => (occupied ? occupied.close(resolve) : resolve(undefined)));
    slack = undefined;
    occupied = undefined;
  });

  it('export --out never overwrites a file without --force, and says so in one line', async () => {
    const { folder, env } = demoDatabase();
    const out = join(folder, 'bang-diem.csv');
    writeFileSync(out, 'bảng của đồng chí, đừng ghi đè');
    expect(expectOneLine(await runThidua([...EXPORT, '--out', out], env))).toBe(
      `Tệp “${out}” đã có; thêm --force để ghi đè, hoặc chọn tên khác bằng --out. / “${out}” exists; add --force to overwrite.`,
    );
    expect(readFileSync(out, 'utf8')).toBe('bảng của đồng chí, đừng ghi đè');
    const forced = await runThidua([...EXPORT, '--out', out, '--force'], env);
    expect(forced.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Công an tỉnh');
  });

  it('says in one line why --out cannot be written', async () => {
    const { folder, env } = demoDatabase();
    expect(expectOneLine(await runThidua([...EXPORT, '--out', join(folder, 'khong-co', 'bang.csv')], env))).toBe(
      `Không ghi được “${join(folder, 'khong-co', 'bang.csv')}”: thư mục không tồn tại. / cannot write “${join(folder, 'khong-co', 'bang.csv')}”: no such folder.`,
    );
    mkdirSync(join(folder, 'thu-muc'));
    expect(expectOneLine(await runThidua([...EXPORT, '--out', join(folder, 'thu-muc'), '--force'], env))).toBe(
      `Không ghi được “${join(folder, 'thu-muc')}”: đây là một thư mục. / cannot write “${join(folder, 'thu-muc')}”: is a folder.`,
    );
    expect(expectOneLine(await runThidua(['backup', join(folder, 'khong-co', 'sao-luu.sqlite')], env))).toMatch(
      /^Không ghi được bản sao lưu “.*sao-luu\.sqlite”: /,
    );
  });

  it('says in one line that the port is taken', async () => {
    slack = new LocalSlack();
    await slack.start();
    occupied = createServer();
    const port = await new Promise<number>((resolve) =>
      occupied!.listen(0, '127.0.0.1', () => resolve((occupied!.address() as { port: number }).port)),
    );
    const result = await runThidua(['start'], {
      SLACK_BOT_TOKEN: 'xoxb-port-test',
      SLACK_SIGNING_SECRET: 'port-test-signing-secret',
      SLACK_API_URL: slack.apiUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_PATH: join(scratchFolder(), 'thidua.sqlite'),
    });
    expect(expectOneLine(result)).toBe(
      `Cổng ${port} (127.0.0.1) đang được một chương trình khác dùng: dừng chương trình đó hoặc đặt PORT khác / port ${port} is in use`,
    );
  });

  it('names what is wrong with a file that is not an organisation file, without printing the file back', async () => {
    const folder = scratchFolder();
    const env = { DATABASE_PATH: join(folder, 'thidua.sqlite') };
    const secret = 'Mật khẩu hộp thư: thidua-2021 *bí-mật &neo';
    const notes = join(folder, 'ghi-chu.md');
    writeFileSync(notes, `# Ghi chú\n\n${secret}\n- danh sách: { a: [1, 2\n\tthụt lề bằng tab\n`);
    const binary = join(folder, 'bang.xlsx');
    writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0xfe, ...Buffer.from(secret)]));
    const results = new Map<string, string>();
    for (const file of [notes, binary]) {
      const result = await runThidua(['import', file], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        new RegExp(`^Tệp ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} không hợp lệ \\(\\d+ lỗi\\); chưa có thay đổi nào được lưu:\\n`),
      );
      expect(result.stderr).not.toContain('thidua-2021');
      expect(result.stderr).not.toContain('bí-mật');
      expect(result.stderr).not.toMatch(/\n\s+at /);
      results.set(file, result.stderr);
    }
    // It starts as a zip does, so it is taken for a workbook, and said not to be a readable one.
    expect(results.get(binary)).toContain('tệp không đọc được như một bảng tính Excel (.xlsx)');
    expect(results.get(notes)).toMatch(/dòng \d+, cột \d+: /);
  });
});
