import type { KnownBlock, SectionBlock } from '@slack/types';
import type { PageWindow } from '../domain/pagination';
import { formatDate } from '../i18n/format';
import { defineMessages, type Locale } from '../i18n/messages';
import { periodInSentence } from '../i18n/period-names';
import { button, context, escapeMrkdwn, section } from './blocks';
import { BLOCK_PICK, BLOCK_PICK_NEXT, BLOCK_PICK_PREVIOUS } from './ids';
import { pageControls } from './paging';

/**
 * Each block's progress at a glance (the admins' App Home), and the buttons an admin outside every
 * block gets from a block-scoped command (`tiendo`, `xephang`, `giaouoc`, `tieuchi`) that named no
 * block: one per block, with its progress, each running the command for that block.
 */
export interface BlockProgress {
  block: { id: number; code: string; name: string };
  units: number;
  signed: number;
  period?: { id: number; code: string; name: string; due: Date };
  submitted: number;
  /** Not submitted and past their due in force. */
  overdue: number;
  late: number;
  awaitingReview: number;
  returned: number;
}

/** What a block button carries: the command to run again, the words typed after it, the block, or a page of blocks. */
export interface BlockPick {
  command: string;
  args: string;
  block?: string;
  page?: number;
}

export const progressText = defineMessages(
  {
    line: (block: string, pledge: string, report: string) => `*${block}* — ${pledge}${report ? ` · ${report}` : ''}`,
    pledge: (signed: number, units: number) => `giao ước ${signed}/${units}`,
    report: (period: string, due: string, submitted: number, units: number) =>
      `báo cáo ${periodInSentence(period)} (hạn ${due}): đã nộp ${submitted}/${units}`,
    overdue: (count: number) => `${count} quá hạn`,
    late: (count: number) => `${count} nộp muộn`,
    awaitingReview: (count: number) => `${count} chờ thẩm định`,
    returned: (count: number) => `${count} bị trả lại`,
    pickIntro: (command: string) => `Tài khoản quản trị không thuộc khối nào: chọn khối để xem \`/thidua ${command}\`.`,
    pick: 'Xem',
  },
  {
    line: (block: string, pledge: string, report: string) => `*${block}* — ${pledge}${report ? ` · ${report}` : ''}`,
    pledge: (signed: number, units: number) => `pledges ${signed}/${units}`,
    report: (period: string, due: string, submitted: number, units: number) =>
      `${period} reports (due ${due}): ${submitted}/${units} submitted`,
    overdue: (count: number) => `${count} overdue`,
    late: (count: number) => `${count} late`,
    awaitingReview: (count: number) => `${count} awaiting review`,
    returned: (count: number) => `${count} returned`,
    pickIntro: (command: string) => `This admin account belongs to no block: pick a block to see \`/thidua ${command}\`.`,
    pick: 'Show',
  },
);

/** "*Khối thi đua Nội chính* — giao ước 7/7 · báo cáo Quý I (hạn 10/04/2021): đã nộp 4/7, 2 quá hạn, 1 chờ thẩm định" */
export function progressLine(progress: BlockProgress, zone: string, locale: Locale): string {
  const text = progressText[locale];
  const period = progress.period;
  const details = [
    ...(progress.overdue ? [text.overdue(progress.overdue)] : []),
    ...(progress.late ? [text.late(progress.late)] : []),
    ...(progress.awaitingReview ? [text.awaitingReview(progress.awaitingReview)] : []),
    ...(progress.returned ? [text.returned(progress.returned)] : []),
  ];
  const report = period
    ? [text.report(escapeMrkdwn(period.name), formatDate(period.due, zone, locale), progress.submitted, progress.units), ...details].join(
        ', ',
      )
    : '';
  return text.line(escapeMrkdwn(progress.block.name), text.pledge(progress.signed, progress.units), report);
}

/** Blocks a page of the picker shows: each a section, with the intro and page controls well within 50 a message. */
export const PICKER_BLOCKS_PER_PAGE = 20;

/** One button per block of the page, beside its progress, each running `pick.command` for that block. */
export function buildBlockPicker(
  facts: {
    pick: BlockPick;
    progress: readonly BlockProgress[];
    page: Pick<PageWindow, 'page' | 'pageCount' | 'start' | 'end'>;
    zone: string;
  },
  locale: Locale,
): { text: string; blocks: KnownBlock[] } {
  const text = progressText[locale];
  const { command, args } = facts.pick;
  const shown = facts.progress.slice(facts.page.start, facts.page.end);
  const blocks: KnownBlock[] = [context(text.pickIntro(escapeMrkdwn(command)))];
  for (const progress of shown) {
    const line: SectionBlock = section(progressLine(progress, facts.zone, locale));
    line.accessory = button(text.pick, BLOCK_PICK, JSON.stringify({ command, args, block: progress.block.code } satisfies BlockPick));
    blocks.push(line);
  }
  blocks.push(
    ...pageControls(
      facts.page,
      { previous: BLOCK_PICK_PREVIOUS, next: BLOCK_PICK_NEXT, block: 'block_pick_pages' },
      (page) => JSON.stringify({ command, args, page } satisfies BlockPick),
      locale,
    ),
  );
  return { text: text.pickIntro(command), blocks };
}
