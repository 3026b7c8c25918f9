import type { KnownBlock } from '@slack/types';
import { groupCriteria, scoringCaps, type TableCriterion } from '../domain/criteria-table';
import { pagesBySize, pageWindow } from '../domain/pagination';
import type { CriterionRule, GroupCap, NotApplicableMode } from '../domain/scoring';
import { formatNumber } from '../i18n/format';
import { defineMessages, type Locale } from '../i18n/messages';
import { indicatorLines, ruleLine } from '../standings/rule-text';
import { context, escapeMrkdwn, header, packTexts, section } from './blocks';
import { CRITERIA_NEXT, CRITERIA_PREVIOUS } from './ids';
import { pageControls } from './paging';

export const criteriaText = defineMessages(
  {
    title: (year: number, block: string) => `Tiêu chí chấm điểm năm ${year} — ${block}`,
    points: (points: string) => `${points} điểm`,
    groupCap: (max: string) => ` (tối đa ${max} điểm cả nhóm)`,
    totals: (base: string, bonus: string, deduction: string) =>
      `*Tổng điểm chuẩn:* ${base} điểm · *Điểm thưởng:* tối đa ${bonus} điểm · *Điểm trừ:* tối đa ${deduction} điểm`,
    totalsOfWholeTable: 'Các mức trên tính cho cả bảng tiêu chí.',
    filtered: (filter: string, shown: number, total: number) => `Lọc theo “${filter}”: ${shown}/${total} tiêu chí.`,
    noMatch: (filter: string, block: string, year: number, groups: string) =>
      `Không có tiêu chí nào khớp “${filter}” trong bảng của ${block} năm ${year}. Các nhóm tiêu chí: ${groups}.`,
    empty: (block: string, year: number) => `${block} chưa có bảng tiêu chí chấm điểm năm ${year} trong tệp tổ chức.`,
  },
  {
    title: (year: number, block: string) => `Scoring criteria ${year} — ${block}`,
    points: (points: string) => `${points} points`,
    groupCap: (max: string) => ` (at most ${max} points for the group)`,
    totals: (base: string, bonus: string, deduction: string) =>
      `*Base total:* ${base} points · *Bonus:* up to ${bonus} points · *Deductions:* up to ${deduction} points`,
    totalsOfWholeTable: 'These figures are for the whole table.',
    filtered: (filter: string, shown: number, total: number) => `Filtered by “${filter}”: ${shown} of ${total} criteria.`,
    noMatch: (filter: string, block: string, year: number, groups: string) =>
      `No criterion matches “${filter}” in the table of ${block} for ${year}. Groups: ${groups}.`,
    empty: (block: string, year: number) => `${block} has no scoring table for ${year} in the organisation file.`,
  },
);

export interface CriteriaRow extends TableCriterion {
  measureUnit: string | null;
  rule?: CriterionRule | null;
}

export interface CriteriaFacts {
  blockName: string;
  year: number;
  /** The block's whole table, in the file's order. */
  all: CriteriaRow[];
  /** What the filter kept (the whole table when there is no filter). */
  shown: CriteriaRow[];
  filter: string;
  /** Units' names by code, for the criteria that name units (applies_to, indicators). */
  unitNames?: ReadonlyMap<string, string>;
  /** The table's group caps and how a criterion that does not apply counts. */
  groups?: readonly GroupCap[];
  notApplicable?: NotApplicableMode;
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

/**
 * "• *1.* Hoàn thành chỉ tiêu chuyên môn đã giao ước (%) — 40 điểm: tính theo tỷ lệ …": the rule in
 * one line (src/standings/rule-text.ts), then each unit's own indicators, if any, one line a unit.
 */
export function criterionLine(
  criterion: CriteriaRow,
  locale: Locale,
  facts: Pick<CriteriaFacts, 'unitNames' | 'notApplicable'> = {},
): string {
  const text = criteriaText[locale];
  const max = formatNumber(criterion.maxPoints, locale);
  const unit = criterion.measureUnit ? ` (${escapeMrkdwn(criterion.measureUnit)})` : '';
  const unitName = (code: string) => facts.unitNames?.get(code) ?? code;
  const rule = ruleLine(criterion, locale, { unitName, notApplicable: facts.notApplicable ?? 'full' });
  const indicators = indicatorLines(criterion, locale, unitName).map((line) => `\n      ◦ ${escapeMrkdwn(line)}`);
  return `• *${escapeMrkdwn(criterion.code)}.* ${escapeMrkdwn(criterion.name)}${unit} — ${text.points(max)}: ${escapeMrkdwn(rule)}${indicators.join('')}`;
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
  const caps = new Map((facts.groups ?? []).map((group) => [group.name, group.max]));
  const groupTitle = (name: string) => {
    const cap = caps.get(name);
    return `*${escapeMrkdwn(name)}*${cap === undefined ? '' : text.groupCap(formatNumber(cap, locale))}`;
  };
  const sections = groupCriteria(facts.shown).flatMap((group) =>
    packTexts([groupTitle(group.name), ...group.criteria.map((criterion) => criterionLine(criterion, locale, facts))], '\n', {
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
    const totals = scoringCaps(facts.all, facts.groups);
    blocks.push(
      section(
        text.totals(
          formatNumber(totals.baseTotal, locale),
          formatNumber(totals.bonusCap, locale),
          formatNumber(totals.deductionCap, locale),
        ),
      ),
    );
    if (facts.filter) blocks.push(context(text.totalsOfWholeTable));
  }
  blocks.push(...pageControls(window, { previous: CRITERIA_PREVIOUS, next: CRITERIA_NEXT, block: 'criteria_pages' }, pageValue, locale));
  return { text: escapeMrkdwn(title), blocks };
}
