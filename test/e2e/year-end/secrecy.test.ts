import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger';
import { BALLOT_LOG_LINE, withoutBallotTraffic } from '../../../src/services/year-end/log-redaction';
import { deliberationIds } from '../../../src/views/ids';
import { startTestBot, type TestBot } from '../../support/bot';
import { A_YEAR, ADMIN, CHANNEL, command, docxText, FLAG, seedYear, YEAR_END } from './support';
import { BALLOTS, type BallotChoice, codeIn, pressIn, vote } from './voting';

/**
 * The secret ballot: nothing the bot keeps or says names what a unit chose. The proof: the same vote
 * held twice, the second time with the same ballots handed to different units (so the same tallies),
 * leaves the same database (every table, the sealed ballots aside while the vote is open — and they
 * are gone once it closes), the same outbox, the same audit log and the same documents; and no log
 * line, at debug level, carries a ballot's answers or its change code.
 */
type Voter = keyof typeof BALLOTS;
const VOTERS: Voter[] = ['CA', 'TT', 'VKS', 'TAND', 'STP', 'BCHQS'];
/** The same six ballots, each cast by the next unit: CA casts TT's ballot, TT casts VKS's, …, BCHQS casts CA's. */
const SHIFTED = Object.fromEntries(VOTERS.map((unit, index) => [unit, BALLOTS[VOTERS[(index + 1) % VOTERS.length]!]])) as Record<
  Voter,
  BallotChoice
>;

const runs: TestBot[] = [];
afterEach(async () => {
  for (const run of runs.splice(0)) await run.close();
});

/** Every table, row by row, without what differs by nature between two runs: wall-clock times of delivery, Slack's ids, random keys. */
function database(t: TestBot, { sealed }: { sealed: boolean }): Record<string, unknown[]> {
  const sqlite = t.bot.handle.sqlite;
  const tables = sqlite
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%directive_search%' order by name",
    )
    .all() as { name: string }[];
  const leaveOut: Record<string, string[]> = {
    outbox: ['created_at', 'not_before', 'sent_at', 'lease_until', 'claimed_by', 'ts', 'attempts', 'error'],
    processed_events: ['id', 'received_at'],
    ballots: sealed ? [] : ['sealed'],
    meta: [],
  };
  const dump: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    const rows = sqlite.prepare(`select * from "${name}"`).all() as Record<string, unknown>[];
    const skip = new Set(leaveOut[name] ?? []);
    // A random key of the bot's own (the seal of shared buttons) is kept in meta: not a vote's.
    dump[name] = rows
      .filter((row) => !(name === 'meta' && String(row.key).includes('seal')))
      .map((row) =>
        Object.fromEntries(
          Object.entries(row)
            .filter(([column]) => !skip.has(column))
            // A press's trigger id (Slack's) ends the dedupe key of what the press asked for.
            .map(([column, value]) => [
              column,
              column === 'dedupe_key' ? String(value).replace(/\d+\.\d+\.[0-9a-f]+$/, '<trigger>') : value,
            ]),
        ),
      );
  }
  return dump;
}

async function yearEnd(ballots: Record<Voter, BallotChoice>) {
  const logLines: string[] = [];
  const t = await startTestBot({ now: YEAR_END, logLines, logLevel: 'debug' });
  runs.push(t);
  seedYear(t.bot.store, A_YEAR, { titles: { VKS: [FLAG] }, deductions: { CA: { NAM: 1 } } });
  await command(t, 'U0CA0001', 'binhxet');
  await t.bot.idle();
  const codes: string[] = [];
  for (const unit of VOTERS) codes.push(codeIn((await vote(t, unit, ballots[unit])).text));
  const open = database(t, { sealed: false });
  const sealedBallots = (t.bot.handle.sqlite.prepare('select sealed from ballots').all() as { sealed: string }[]).map((row) => row.sealed);
  const status = await command(t, 'U0CA0001', 'binhxet');
  await pressIn(t, 'U0CA0001', status.blocks, deliberationIds.closeAction);
  await t.bot.idle();
  const province = await command(t, ADMIN, 'khenthuong');
  await pressIn(t, ADMIN, province.blocks, deliberationIds.provinceExportAction);
  await t.bot.idle();
  const files = new Map(
    [...t.slack.conversations.values()]
      .flat()
      .flatMap((message) => message.files ?? [])
      .map((file) => [file.name, t.slack.uploads.get(file.id)!.bytes!] as const),
  );
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(files.get('de-nghi-khen-thuong-2021.xlsx')! as unknown as ArrayBuffer);
  return {
    t,
    logLines,
    codes,
    open,
    sealedBallots,
    closed: database(t, { sealed: true }),
    audit: t.bot.store.audit.all().map(({ id: _id, ...row }) => row),
    minutes: await docxText(files.get('bien-ban-binh-xet-NOI_CHINH-2021.docx')!),
    proposal: await docxText(files.get('to-trinh-khen-thuong-NOI_CHINH-2021.docx')!),
    provinceRows: workbook.worksheets.flatMap((sheet) =>
      sheet
        .getSheetValues()
        .map((row) => JSON.stringify(row))
        .filter((row) => !row.includes('Tính đến')),
    ),
  };
}

describe('the secret ballot', () => {
  it('the same ballots cast by other units leave the same database, outbox, audit log and documents; no log line carries a ballot', async () => {
    const first = await yearEnd(BALLOTS);
    const second = await yearEnd(SHIFTED);

    // While the vote is open: every table alike but the sealed ballots, which are ciphertext of one length.
    expect(second.open).toEqual(first.open);
    expect(new Set([...first.sealedBallots, ...second.sealedBallots].map((sealed) => sealed.length)).size).toBe(1);
    for (const sealed of first.sealedBallots) expect(sealed).not.toMatch(/[AD]{8}\|/);
    // Once closed: the sealed ballots are gone and everything kept is alike — outbox and audit log included.
    expect(first.closed.ballots).toEqual(VOTERS.map(() => expect.objectContaining({ sealed: null })));
    expect(second.closed).toEqual(first.closed);
    expect(second.audit).toEqual(first.audit);
    expect(first.closed.outbox!.length).toBeGreaterThan(10);
    // The exports: the minutes, the proposal and the province's table.
    expect(second.minutes).toBe(first.minutes);
    expect(second.proposal).toBe(first.proposal);
    expect(second.provinceRows).toEqual(first.provinceRows);

    // The logs, at debug level: Slack's SDKs wrote ballot traffic, and every such entry was left out.
    for (const run of [first, second]) {
      expect(run.logLines.length).toBeGreaterThan(50);
      expect(run.logLines.some((line) => line.includes(BALLOT_LOG_LINE))).toBe(true);
      const leaks = run.logLines.filter(
        (line) =>
          run.codes.some((code) => line.includes(code)) ||
          line.includes(deliberationIds.proposalBlockPrefix) ||
          line.includes('selected_option') ||
          /\b(agree|disagree)\b/.test(line),
      );
      expect(leaks).toEqual([]);
    }
  });

  it('leaves ballot traffic out of every line the log writes, and looks through none it drops', () => {
    const lines: string[] = [];
    const underlying = createLogger('debug', 'thidua', (line) => lines.push(line));
    const logger = withoutBallotTraffic(underlying);
    const ballot = { view: { callback_id: deliberationIds.ballotCallback } };
    logger.debug('ack() call begins', ballot);
    logger.error(`failed: ${deliberationIds.ballotCallback}`);
    logger.info('nothing secret');
    underlying.setLevel('warn' as never);
    // Dropped below the level: not written, nor looked through (Bolt logs every acknowledgement's body at debug level).
    let looked = 0;
    const watched = {
      get view() {
        looked += 1;
        return ballot.view;
      },
    };
    logger.debug(watched);
    logger.info(watched);
    expect(looked).toBe(0);
    logger.warn(ballot);
    expect(lines.map((line) => line.slice(0, 6) + line.slice(line.indexOf(']') + 2))).toEqual([
      `DEBUG ${BALLOT_LOG_LINE}`,
      `ERROR ${BALLOT_LOG_LINE}`,
      'INFO  nothing secret',
      `WARN  ${BALLOT_LOG_LINE}`,
    ]);
  });

  it('the channel is told who has voted, never how', async () => {
    const { t } = await yearEnd(BALLOTS);
    const said = t.slack.messagesIn(CHANNEL).map((message) => message.text);
    expect(said).toContain('Công an tỉnh đã bỏ phiếu — 1/7 đơn vị.');
    expect(JSON.stringify(t.slack.messagesIn(CHANNEL))).not.toMatch(/Công an tỉnh (đã )?(chọn|đồng ý|bầu)/);
  });
});
