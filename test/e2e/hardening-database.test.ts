import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BOT_BUSY_TIMEOUT_MS } from '../../db/client';
import { realWireTimer } from '../../src/clock';
import { STATUS_NEXT } from '../../src/views/ids';
import { firstResponse, startTestBot, type TestBot, textOf } from '../support/bot';
import { DEMO, demoLookups } from '../support/demo';
import { openModalBy } from '../support/interactions';
import { scratchFolder } from '../support/processes';

/**
 * A database that refuses writes (a read-only file, a full disk, a failing write) is reported:
 * /healthz answers 503 with the reason, every request that needed a write is answered in words
 * within Slack's 3 s ("nothing was saved, try again"), the log has one clear line, and nothing is
 * left half-written.
 */
const { stp: STP, channel: CHANNEL, beforeDue: BEFORE_DUE } = DEMO;
const NOTHING_SAVED =
  'Đã có lỗi khi xử lý yêu cầu; chưa có thay đổi nào được lưu. Vui lòng thử lại sau ít phút, hoặc báo Ban Thi đua – Khen thưởng nếu lỗi lặp lại.';

let t: TestBot;
const log: string[] = [];
afterEach(async () => {
  log.length = 0;
  await t?.close();
});
const { reportAnswers: answers, valueBlock: value } = demoLookups(() => t);

/** Row counts of every table a report submission writes. */
function writtenRows(): Record<string, number> {
  const count = (table: string) => (t.bot.handle.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  return Object.fromEntries(
    ['reports', 'report_versions', 'report_values', 'outbox', 'audit_log', 'processed_events'].map((table) => [table, count(table)]),
  );
}

async function health(): Promise<{ status: number; body: { status: string; database: { status: string; error?: string } } }> {
  const response = await fetch(`http://127.0.0.1:${t.bot.port}/healthz`);
  return { status: response.status, body: (await response.json()) as never };
}

describe('a database that refuses writes', () => {
  it('makes /healthz answer 503 with the reason, and a report submission is answered in words within 3 s with one log line', async () => {
    t = await startTestBot({ now: BEFORE_DUE, logLines: log });
    expect((await health()).status).toBe(200);
    await openModalBy(t, STP, 'baocao', CHANNEL);
    const before = writtenRows();

    // The file turns read-only under the running bot.
    t.bot.handle.sqlite.pragma('query_only = ON');
    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('error');
    expect(down.body.database.error).toBe('cannot write: the database refused (SQLITE_READONLY: attempt to write a readonly database)');

    const sentAt = realWireTimer.nowMs();
    const reply = await t.driver.submitView(STP, answers());
    expect(realWireTimer.nowMs() - sentAt).toBeLessThan(3000);
    expect(reply.status).toBe(200);
    // The form stays open with what was typed; the message sits on its first field.
    expect(reply.body).toEqual({ response_action: 'errors', errors: { [value('1')]: NOTHING_SAVED } });
    expect(t.slack.openViewOf(STP)).toBeDefined();
    await t.bot.idle();
    expect(log.filter((line) => line.startsWith('ERROR'))).toEqual([
      'ERROR [test] view_submission report_submit by U0TP0001 failed: the database refused (SQLITE_READONLY: attempt to write a readonly database); told them nothing was saved',
    ]);

    t.bot.handle.sqlite.pragma('query_only = OFF');
    expect(writtenRows()).toEqual(before);
    expect((await health()).status).toBe(200);
  });

  it('leaves nothing half-written when a write fails in the middle of a submission, and takes the same form once it works again', async () => {
    t = await startTestBot({ now: BEFORE_DUE, logLines: log });
    await openModalBy(t, STP, 'baocao', CHANNEL);
    const before = writtenRows();
    // The report row and the submission's claim are written first; the version's write then fails.
    t.bot.handle.sqlite.exec(
      "create temp trigger refuse_versions before insert on main.report_versions begin select raise(abort, 'disk I/O error'); end",
    );
    const reply = await t.driver.submitView(STP, answers());
    expect(reply.body).toEqual({ response_action: 'errors', errors: { [value('1')]: NOTHING_SAVED } });
    expect(writtenRows()).toEqual(before);
    expect(t.slack.messagesIn(CHANNEL)).toEqual([]);

    t.bot.handle.sqlite.exec('drop trigger refuse_versions');
    const again = await t.driver.submitView(STP, answers());
    expect(textOf((again.body as { view: object }).view)).toContain('Đã nộp báo cáo Quý I của Sở Tư pháp');
  });

  it('answers within 3 s when another process holds the write lock, and takes the form once it is free', async () => {
    const path = join(scratchFolder(), 'thidua.sqlite');
    t = await startTestBot({ now: BEFORE_DUE, logLines: log, databasePath: path, busyTimeoutMs: BOT_BUSY_TIMEOUT_MS });
    await openModalBy(t, STP, 'baocao', CHANNEL);
    // An import or a tick in another process, in the middle of its transaction.
    const other = new Database(path);
    other.exec('begin immediate');
    const sentAt = realWireTimer.nowMs();
    const reply = await t.driver.submitView(STP, answers());
    expect(realWireTimer.nowMs() - sentAt).toBeLessThan(3000);
    expect(reply.body).toEqual({ response_action: 'errors', errors: { [value('1')]: NOTHING_SAVED } });
    await t.bot.idle();
    expect(log.filter((line) => line.startsWith('ERROR'))).toEqual([
      'ERROR [test] view_submission report_submit by U0TP0001 failed: the database refused (SQLITE_BUSY: database is locked); told them nothing was saved',
    ]);
    other.exec('rollback');
    other.close();
    const again = await t.driver.submitView(STP, answers());
    expect(textOf((again.body as { view: object }).view)).toContain('Đã nộp báo cáo Quý I của Sở Tư pháp');
  });

  it('answers a slash command and a button that fail in words too', async () => {
    t = await startTestBot({ now: BEFORE_DUE, logLines: log });
    // Reading fails as well: nothing can be looked up.
    t.bot.handle.sqlite.close();
    const command = await t.driver.slashCommand(STP, 'xephang', CHANNEL);
    expect(command.status).toBe(200);
    expect(textOf(await firstResponse(t.slack, command.responseUrl))).toBe(NOTHING_SAVED);
    const pressed = await t.driver.pressButton({
      userId: STP,
      actionId: STATUS_NEXT,
      value: JSON.stringify({ b: 1, r: 1, p: 1 }),
      in: { ephemeral: { channel: CHANNEL, blocks: [] } },
    });
    expect(textOf(await firstResponse(t.slack, pressed.responseUrl!))).toBe(NOTHING_SAVED);
    // The listeners only: the delivery cannot read a closed database.
    await t.bot.listenersIdle();
    expect(log.filter((line) => line.startsWith('ERROR'))).toEqual([
      'ERROR [test] command /thidua by U0TP0001 failed: TypeError: The database connection is not open; told them nothing was saved',
      'ERROR [test] block_actions status_next by U0TP0001 failed: TypeError: The database connection is not open; told them nothing was saved',
    ]);
  });
});
