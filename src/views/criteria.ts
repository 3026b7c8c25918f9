import type { KnownBlock } from '@slack/types';
import { groupCriteria, scoringCaps, type TableCriterion } from '../domain/criteria-table';
import { pagesBySize, pageWindow } from '../domain/pagination';
import type { CriterionKind } from '../domain/scoring';
import { formatNumber } from '../i18n/format';
import { defineMessages, type Locale } from '../i18n/messages';
import { context, escapeMrkdwn, header, packTexts, section } from './blocks';
import { CRITERIA_NEXT, CRITERIA_PREVIOUS } from './ids';
import { pageControls } from './paging';

export const criteriaText = defineMessages(
  {
    title: (year: number, block: string) => `Tiêu chí chấm điểm năm ${year} — ${block}`,
    points: (points: string) => `${points} điểm`,
    how: {
      target: (max: string) => `tính theo tỷ lệ hoàn thành chỉ tiêu, tối đa ${max} điểm`,
      lower_better: (max: string) => `đạt tối đa ${max} điểm khi không vượt mức trần; vượt thì giảm theo tỷ lệ`,
      yes_no: (max: string) => `đạt ${max} điểm nếu có, 0 nếu không`,
      graded: (max: string) => `đơn vị tự chấm từ 0 đến ${max} điểm, Trưởng khối thẩm định`,
      bonus: (max: string) => `cộng tối đa ${max} điểm, sau khi Trưởng khối thẩm định`,
      deduction: (max: string) => `trừ tối đa ${max} điểm`,
    } satisfies Record<CriterionKind, (max: string) => string>,
    totals: (base: string, bonus: string, deduction: string) =>
      `*Tổng điểm chuẩn:* ${base} điểm · *Điểm thưởng:* tối đa ${bonus} điểm · *Điểm trừ:* tối đa ${deduction} điểm`,
    totalsOfWholeTable: 'Các mức trên tính cho cả bảng tiêu chí.',
    filtered: (filter: string, shown: number, total: number) => `Lọc theo «${filter}»: ${shown}/${total} tiêu chí.`,
    noMatch: (filter: string, block: string, year: number, groups: string) =>
      `Không có tiêu chí nào khớp «${filter}» trong bảng của ${block} năm ${year}. Các nhóm tiêu chí: ${groups}.`,
    empty: (block: string, year: number) => `${block} chưa có bảng tiêu chí chấm điểm năm ${year} trong tệp cấu hình tổ chức.`,
  },
  {
    title: (year: number, block: string) => `Scoring criteria ${year} — ${block}`,
    points: (points: string) => `${points} points`,
    how: {
      target: (max: string) => `in proportion to the share of the target achieved, up to ${max} points`,
      lower_better: (max: string) => `up to ${max} points when within the ceiling; reduced in proportion above it`,
      yes_no: (max: string) => `${max} points if yes, 0 if no`,
      graded: (max: string) => `self-scored from 0 to ${max} points, reviewed by the block lead`,
      bonus: (max: string) => `adds up to ${max} points, after the block lead's review`,
      deduction: (max: string) => `takes away up to ${max} points`,
    } satisfies Record<CriterionKind, (max: string) => string>,
    totals: (base: string, bonus: string, deduction: string) =>
      `*Base total:* ${base} points · *Bonus:* up to ${bonus} points · *Deductions:* up to ${deduction} points`,
    totalsOfWholeTable: 'These figures are for the whole table.',
    filtered: (filter: string, shown: number, total: number) => `Filtered by «${filter}»: ${shown} of ${total} criteria.`,
    noMatch: (filter: string, block: string, year: number, groups: string) =>
      `No criterion matches «${filter}» in the table of ${block} for ${year}. Groups: ${groups}.`,
    empty: (block: string, year: number) => `${block} has no scoring table for ${year} in the organisation file.`,
  },
);

export interface CriteriaRow extends TableCriterion {
  measureUnit: string | null;
}

export interface CriteriaFacts {
  blockName: string;
  year: number;
  /** The block's whole table, in the file's order. */
  all: CriteriaRow[];
  /** What the filter kept (the whole table when there is no filter). */
  shown: CriteriaRow[];
  filter: string;
}

/** What a page button carries: block id, year, filter, page (0-based). */
export interface CriteriaPage {
  blockId: number;
  year: number;
  filter: string;
  page: number;
}

/** Characters of criteria text on one page: well under Slack's ~12k per message. */
const PAGE_BUDGET = 6000;
const SECTION_LIMIT = 3000;

/** "• *1.* Hoàn thành chỉ tiêu chuyên môn đã giao ước (%) — 40 điểm: tính theo tỷ lệ …" */
export function criterionLine(criterion: CriteriaRow, locale: Locale): string {
  const text = criteriaText[locale];
  const max = formatNumber(criterion.maxPoints, locale);
  const unit = criterion.measureUnit ? ` (${escapeMrkdwn(criterion.measureUnit)})` : '';
  return `• *${escapeMrkdwn(criterion.code)}.* ${escapeMrkdwn(criterion.name)}${unit} — ${text.points(max)}: ${text.how[criterion.kind](max)}`;
}

/**
 * The block's scoring table, grouped as in the organisation file, one page at a time: each group
 * a section (split when long), the caps of the whole table on the last page.
 */
export function buildCriteriaTable(
  facts: CriteriaFacts,
  requestedPage: number,
  locale: Locale,
  pageValue: (page: number) => string,
): { text: string; blocks: KnownBlock[] } {
  const text = criteriaText[locale];
  const groups = groupCriteria(facts.all);
  if (facts.all.length === 0)
    return {
      text: text.empty(escapeMrkdwn(facts.blockName), facts.year),
      blocks: [section(text.empty(escapeMrkdwn(facts.blockName), facts.year))],
    };
  if (facts.shown.length === 0) {
    const message = escapeMrkdwn(text.noMatch(facts.filter, facts.blockName, facts.year, groups.map((group) => group.name).join('; ')));
    return { text: message, blocks: [section(message)] };
  }
  const sections = groupCriteria(facts.shown).flatMap((group) =>
    packTexts([`*${escapeMrkdwn(group.name)}*`, ...group.criteria.map((criterion) => criterionLine(criterion, locale))], '\n', {
      limit: SECTION_LIMIT,
    }),
  );
  const pages = pagesBySize(sections, (chunk) => chunk.length, PAGE_BUDGET);
  const window = pageWindow(pages.length, 1, requestedPage);
  const title = text.title(facts.year, facts.blockName);
  const blocks: KnownBlock[] = [header(title)];
  if (facts.filter) blocks.push(context(escapeMrkdwn(text.filtered(facts.filter, facts.shown.length, facts.all.length))));
  blocks.push(...pages[window.page]!.map((chunk) => section(chunk)));
  if (window.page === window.pageCount - 1) {
    const caps = scoringCaps(facts.all);
    blocks.push(
      section(
        text.totals(formatNumber(caps.baseTotal, locale), formatNumber(caps.bonusCap, locale), formatNumber(caps.deductionCap, locale)),
      ),
    );
    if (facts.filter) blocks.push(context(text.totalsOfWholeTable));
  }
  blocks.push(...pageControls(window, { previous: CRITERIA_PREVIOUS, next: CRITERIA_NEXT, block: 'criteria_pages' }, pageValue, locale));
  return { text: escapeMrkdwn(title), blocks };
}
