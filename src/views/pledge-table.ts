import type { KnownBlock } from '@slack/types';
import { fitWithin, pageWindow } from '../domain/pagination';
import { countOf, formatDateTime } from '../i18n/format';
import { defineMessages, type Locale } from '../i18n/messages';
import { button, context, escapeMrkdwn, header, mention, section, truncate } from './blocks';
import { type ChangeRequestFacts, changeRequestActions, changeRequestText } from './change-request';
import { PLEDGE_TABLE_NEXT, PLEDGE_TABLE_NUDGE, PLEDGE_TABLE_PREVIOUS } from './ids';
import { pageControls } from './paging';
import { pledgeSummaryLines, type UnitPledgeSummary } from './pledge';

const tableText = defineMessages(
  {
    title: (year: number, block: string) => `Giao ước thi đua năm ${year} — ${block}`,
    summary: (signed: number, total: number, due: string) => `Đã ký ${signed}/${total} đơn vị · Hạn ký: ${due}`,
    pendingCount: (count: number) => `${count} đề nghị sửa đổi chờ duyệt`,
    notSigned: '_Chưa ký_',
    nudge: 'Nhắc',
    signed: (at: string, by: string, byAdmin: boolean, late: boolean) =>
      `ký ${at}, ${by}${byAdmin ? ' (quản trị viên ký thay)' : ''}${late ? ' · sau hạn' : ''}`,
    amended: (version: number, at: string, by: string) => `Đang áp dụng bản ${version} (sửa đổi ${at}, ${by}).`,
    pending: (at: string, by: string) => `*Đề nghị sửa đổi chờ Trưởng khối duyệt* (gửi ${at}, ${by}):`,
    more: (count: number) => `… và ${count} thay đổi khác.`,
    empty: (block: string) => `${block} chưa có đơn vị thành viên nào.`,
  },
  {
    title: (year: number, block: string) => `${year} emulation pledges — ${block}`,
    summary: (signed: number, total: number, due: string) => `${signed} of ${total} units signed · Due ${due}`,
    pendingCount: (count: number) => `${count} amendment requests awaiting a decision`,
    notSigned: '_Not signed_',
    nudge: 'Remind',
    signed: (at: string, by: string, byAdmin: boolean, late: boolean) =>
      `signed ${at}, ${by}${byAdmin ? ' (by an admin)' : ''}${late ? ' · late' : ''}`,
    amended: (version: number, at: string, by: string) => `Version ${version} in force (amended ${at}, ${by}).`,
    pending: (at: string, by: string) => `*Amendment awaiting the block lead* (sent ${at}, ${by}):`,
    more: (count: number) => `… and ${countOf(count, 'more change')}.`,
    empty: (block: string) => `${block} has no member units.`,
  },
);

export interface PledgeTableRow {
  unitId: number;
  unitName: string;
  /** The reader leads the block: “Nhắc” beside a unit that has not signed. */
  canNudge: boolean;
  /** The first signature. */
  signed?: { at: Date; by: string; late: boolean; byAdmin: boolean };
  /** The version in force. */
  inForce?: Pick<UnitPledgeSummary, 'titles' | 'targets'> & { version: number; at: Date; by: string };
  pending?: ChangeRequestFacts & { canDecide: boolean };
}

export interface PledgeTableFacts {
  blockName: string;
  year: number;
  due: Date;
  zone: string;
  rows: PledgeTableRow[];
}

/** What a page button carries: block id, year, page (0-based). */
export interface PledgeTablePage {
  blockId: number;
  year: number;
  page: number;
}

export const UNITS_PER_PAGE = 10;

function rowText(row: PledgeTableRow, index: number, zone: string, locale: Locale): string {
  const text = tableText[locale];
  const name = `*${index}. ${escapeMrkdwn(row.unitName)}*`;
  if (!row.signed || !row.inForce) return `${name} — ${text.notSigned}`;
  const lines = [
    `${name} — ${text.signed(formatDateTime(row.signed.at, zone, locale), mention(row.signed.by), row.signed.byAdmin, row.signed.late)}`,
    ...pledgeSummaryLines(row.inForce, locale, 900),
  ];
  if (row.inForce.version > 1)
    lines.push(text.amended(row.inForce.version, formatDateTime(row.inForce.at, zone, locale), mention(row.inForce.by)));
  if (row.pending) {
    const changes = fitWithin(row.pending.changes, (line) => line.length + 2, 900, 1);
    lines.push(
      text.pending(formatDateTime(row.pending.requestedAt, zone, locale), mention(row.pending.requestedBy)),
      ...changes.shown.map((line) => `• ${line}`),
      ...(changes.omitted ? [text.more(changes.omitted)] : []),
      ...(row.pending.changeReason ? [changeRequestText[locale].changeReason(escapeMrkdwn(truncate(row.pending.changeReason, 300)))] : []),
    );
  }
  return lines.join('\n');
}

/**
 * The block's pledges, one unit a section in the block's order, UNITS_PER_PAGE a page: who signed
 * when, titles, targets, the version in force, and a pending amendment with its buttons for whoever
 * may decide it. Units that have not signed say so.
 */
export function buildPledgeTable(
  facts: PledgeTableFacts,
  requestedPage: number,
  locale: Locale,
  pageValue: (page: number) => string,
): { text: string; blocks: KnownBlock[] } {
  const text = tableText[locale];
  const title = text.title(facts.year, facts.blockName);
  if (facts.rows.length === 0) {
    const empty = text.empty(escapeMrkdwn(facts.blockName));
    return { text: empty, blocks: [section(empty)] };
  }
  const window = pageWindow(facts.rows.length, UNITS_PER_PAGE, requestedPage);
  const signed = facts.rows.filter((row) => row.signed).length;
  const pending = facts.rows.filter((row) => row.pending).length;
  const blocks: KnownBlock[] = [
    header(title),
    context(
      [
        text.summary(signed, facts.rows.length, formatDateTime(facts.due, facts.zone, locale)),
        ...(pending ? [text.pendingCount(pending)] : []),
      ].join(' · '),
    ),
  ];
  facts.rows.slice(window.start, window.end).forEach((row, offset) => {
    const line = section(rowText(row, window.start + offset + 1, facts.zone, locale));
    if (!row.signed && row.canNudge) line.accessory = button(text.nudge, PLEDGE_TABLE_NUDGE, `${facts.year}:${row.unitId}`);
    blocks.push(line);
    if (row.pending?.canDecide) blocks.push(changeRequestActions(row.pending, locale));
  });
  blocks.push(
    ...pageControls(window, { previous: PLEDGE_TABLE_PREVIOUS, next: PLEDGE_TABLE_NEXT, block: 'pledge_table_pages' }, pageValue, locale),
  );
  return {
    text: escapeMrkdwn(`${title}: ${text.summary(signed, facts.rows.length, formatDateTime(facts.due, facts.zone, locale))}`),
    blocks,
  };
}
