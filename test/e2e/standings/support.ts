import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { STANDINGS_DETAIL } from '../../../src/views/ids';
import { firstResponse, startTestBot, type TestBot, type TestBotOptions, textOf } from '../../support/bot';
import { DEMO_YES, seedNoiChinhQ1, seedReport } from '../../support/standings';

/**
 * The demo's Khối thi đua Nội chính (lead Công an tỉnh, channel C0NOICHINH), Quý I 2021 due
 * Saturday 10/04/2021 17:00; the automatic summary is due Monday 12/04/2021 09:00 (Hà Nội).
 * Three units report (test/support/standings.ts): Công an tỉnh 94, Tòa án nhân dân tỉnh and Sở Tư
 * pháp 89 each; Sở Y tế reports in Khối thi đua Văn hóa – Xã hội. The helpers drive the bot the
 * current test started with startStandingsBot (or seeded).
 */
let current: TestBot | undefined;
export const bot = () => current!;

export async function startStandingsBot(options?: TestBotOptions): Promise<TestBot> {
  current = await startTestBot(options);
  return current;
}

/** Closes the current test's bot, if it started one. */
export async function closeStandingsBot(): Promise<void> {
  await current?.close();
  current = undefined;
}

export const CA = 'U0CA0001';
export const STP = 'U0TP0001';
export const ADMIN = 'U0ADMIN01';
export const CHANNEL = 'C0NOICHINH';
export const OTHER_CHANNEL = 'C0VHXH';
export const SUBMITTED = new Date('2021-04-08T03:00:00Z');
export const LATE = new Date('2021-04-11T03:00:00Z');
export const BEFORE_SUMMARY = new Date('2021-04-12T01:30:00Z'); // Monday 08:30 in Hà Nội
export const SUMMARY_TIME = new Date('2021-04-12T02:00:00Z'); // Monday 09:00 in Hà Nội
export const LATER = new Date('2021-04-12T04:00:00Z'); // Monday 11:00

export async function seeded(now = LATER, yaml?: string) {
  const t = await startStandingsBot({ now, ...(yaml ? { organisationYaml: yaml } : {}) });
  const versions = seedNoiChinhQ1(t.bot.store, SUBMITTED, LATE);
  seedReport(t.bot.store, { unitCode: 'SYT', periodCode: 'Q1', values: { '1': 70, '2': 6, ...DEMO_YES }, by: 'U0YT0001', at: SUBMITTED });
  return versions;
}

export async function standings(user: string, text = 'xephang', channel = CHANNEL) {
  const reply = await bot().driver.slashCommand(user, text, channel);
  const answer = await firstResponse(bot().slack, reply.responseUrl);
  return { answer, text: textOf(answer), blocks: (answer.blocks ?? []) as Record<string, unknown>[], responseUrl: reply.responseUrl };
}

export function buttons(blocks: unknown[]): { actionId: string; text: string; value: string }[] {
  const found: { actionId: string; text: string; value: string }[] = [];
  for (const block of blocks as { accessory?: Record<string, unknown>; elements?: Record<string, unknown>[] }[]) {
    for (const element of [...(block.accessory ? [block.accessory] : []), ...(block.elements ?? [])]) {
      if (element.type === 'button')
        found.push({
          actionId: String(element.action_id),
          text: String((element.text as { text: string }).text),
          value: String(element.value),
        });
    }
  }
  return found;
}

export async function press(user: string, actionId: string, value: string, blocks: unknown[] = []) {
  const reply = await bot().driver.pressButton({ userId: user, actionId, value, in: { ephemeral: { channel: CHANNEL, blocks } } });
  return reply.responseUrl!;
}

/** Presses "Chi tiết" and waits for the breakdown modal; fails if Slack refused it. */
export async function openDetail(user: string, value: string, blocks: unknown[]) {
  const before = bot().slack.callsTo('views.open').length;
  await press(user, STANDINGS_DETAIL, value, blocks);
  const call = await bot().slack.waitFor(() => bot().slack.callsTo('views.open')[before], 5000, 'the breakdown modal');
  expect(call.ok, JSON.stringify(call.error)).toBe(true);
  return textOf(bot().slack.openViewOf(user)!.view);
}

export function expectLines(text: string, lines: readonly string[]) {
  for (const line of lines) expect(text).toContain(line);
}

export const unitId = (code: string) => bot().bot.store.structure.unitByCode(code)!.id;
export const drain = () => bot().bot.deps.delivery.drain();
// The scheduler also sends deadline nudges on these days: look only at what standings post.
export const files = (channel: string) =>
  bot()
    .slack.messagesIn(channel)
    .filter((message) => message.files?.length);
export const posts = (channel: string) =>
  bot()
    .slack.messagesIn(channel)
    .filter((message) => String(message.metadata?.event_payload?.key ?? '').startsWith('standings-'));
export const queued = () => bot().bot.store.outbox.withKeyPrefix('standings-');

/** Rank, unit, total and grade of each row of the summary sheet (the table starts after the title rows). */
export async function summaryRows(bytes: Buffer): Promise<{ rank: number; unit: string; total: number; grade: string | null }[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const headerRow = [...Array(sheet.rowCount).keys()].map((index) => index + 1).find((row) => sheet.getCell(row, 1).value === 'Hạng')!;
  const columns = new Map<string, number>();
  sheet.getRow(headerRow).eachCell((cell, column) => columns.set(String(cell.value), column));
  const rows: { rank: number; unit: string; total: number; grade: string | null }[] = [];
  for (let row = headerRow + 2; row <= sheet.rowCount; row++) {
    const rank = sheet.getCell(row, 1).value;
    if (typeof rank !== 'number') continue;
    const grade = sheet.getCell(row, columns.get('Xếp loại')!).value;
    rows.push({
      rank,
      unit: String(sheet.getCell(row, 2).value),
      total: Number(sheet.getCell(row, columns.get('Tổng điểm')!).value),
      grade: grade === null ? null : String(grade),
    });
  }
  return rows;
}
