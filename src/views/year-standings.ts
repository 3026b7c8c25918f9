import type { KnownBlock } from '@slack/types';
import { pageWindow } from '../domain/pagination';
import { totalDecimals } from '../domain/ranking';
import { formatDateTime, formatPoints } from '../i18n/format';
import { defineMessages, type Locale } from '../i18n/messages';
import { periodInSentence } from '../i18n/period-names';
import { periodLabel, standingsText } from '../standings/standings-text';
import type { YearRecord, YearRecordRow } from '../standings/year';
import { context, escapeMrkdwn, header, packTexts, section, truncate } from './blocks';
import { YEAR_STANDINGS_NEXT, YEAR_STANDINGS_PREVIOUS } from './ids';
import { pageControls } from './paging';

/**
 * The year's result as people read it: `/thidua xephang nam` (the block's year standings, paged) and
 * `/thidua ketqua` (one unit, period by period). Both say which rule made the result and whether it
 * may still change.
 */
export const yearStandingsText = defineMessages(
  {
    title: (year: number, block: string) => `Xếp hạng cả năm ${year} — ${block}`,
    unitTitle: (year: number, unit: string) => `Kết quả năm ${year} — ${unit}`,
    finalPeriod: (period: string, defaulted: boolean) =>
      `Kết quả năm là kết quả ${periodInSentence(period)}${defaulted ? ' (kỳ báo cáo cả năm)' : ''}.`,
    average: (periods: string) =>
      `Kết quả năm là trung bình cộng tổng điểm các kỳ đã đến hạn: ${periods}; kỳ đơn vị không báo cáo tính 0 điểm.`,
    averageNone: 'Kết quả năm là trung bình cộng tổng điểm các kỳ đã đến hạn; chưa có kỳ nào đến hạn.',
    finalNotDue: (period: string, due: string) => `${period} chưa đến hạn (${due}): kết quả còn tạm tính.`,
    pending: (periods: string) => `Chưa đến hạn: ${periods}; kết quả còn tạm tính.`,
    asOf: (at: string) => `Tính đến ${at}`,
    line: (rank: number, unit: string, total: string, grade: string) => `*${rank}. ${unit}* — *${total} điểm* · ${grade}`,
    notReported: (rank: number, units: string) => `_Chưa có kết quả (cùng xếp hạng ${rank}):_ ${units}`,
    nobodyReported: (units: string) => `_Chưa có kết quả:_ ${units}`,
    notAllReviewed: 'có báo cáo chưa thẩm định',
    gradeProvisional: 'xếp loại tạm tính: còn tiêu chí chờ Trưởng khối chấm',
    missing: (periods: string) => `chưa báo cáo ${periods}, tính 0 điểm`,
    unitOfBlock: (block: string) => `Thuộc ${block}.`,
    periodLine: (period: string, total: string, rank: number, units: number, tie: boolean, grade: string) =>
      `• ${period}: *${total} điểm* · hạng ${rank}/${units}${tie ? ' (đồng hạng)' : ''} · ${grade}`,
    periodNotReported: (period: string) => `• ${period}: chưa báo cáo`,
    periodNotDue: (period: string) => `• ${period}: chưa đến hạn`,
    yearLine: (year: number, total: string, rank: number, units: number, tie: boolean, grade: string) =>
      `*Cả năm ${year}: ${total} điểm · hạng ${rank}/${units}${tie ? ' (đồng hạng — cần Khối bình xét)' : ''} · ${grade}*`,
    yearNone: (year: number) => `*Cả năm ${year}:* chưa có kết quả.`,
    chartSent: 'Biểu đồ điểm từng kỳ đã gửi vào tin nhắn riêng với bot.',
    chartCaption: (year: number, unit: string) => `Điểm từng kỳ năm ${year} — ${unit}`,
    eachUnit: '`/thidua ketqua <đơn vị>`: điểm, hạng, xếp loại từng kỳ của một đơn vị.',
    noMembers: (block: string, year: number) => `${block} chưa có đơn vị thành viên nào năm ${year}.`,
  },
  {
    title: (year: number, block: string) => `Standings for the whole of ${year} — ${block}`,
    unitTitle: (year: number, unit: string) => `Results of ${year} — ${unit}`,
    finalPeriod: (period: string, defaulted: boolean) =>
      `The year's result is the result of ${periodInSentence(period)}${defaulted ? ', the period covering the year' : ''}.`,
    average: (periods: string) => `The year's result is the mean total of the periods due: ${periods}; a period not reported counts 0.`,
    averageNone: "The year's result is the mean total of the periods due; no period is due yet.",
    finalNotDue: (period: string, due: string) => `${period} is not due yet (${due}): the result is provisional.`,
    pending: (periods: string) => `Not due yet: ${periods}; the result is provisional.`,
    asOf: (at: string) => `As of ${at}`,
    line: (rank: number, unit: string, total: string, grade: string) => `*${rank}. ${unit}* — *${total} points* · ${grade}`,
    notReported: (rank: number, units: string) => `_No result (all ranked ${rank}):_ ${units}`,
    nobodyReported: (units: string) => `_No result:_ ${units}`,
    notAllReviewed: 'a report awaits review',
    gradeProvisional: "provisional grade: a criterion awaits the block lead's score",
    missing: (periods: string) => `${periods} not reported, counted 0`,
    unitOfBlock: (block: string) => `Member of ${block}.`,
    periodLine: (period: string, total: string, rank: number, units: number, tie: boolean, grade: string) =>
      `• ${period}: *${total} points* · rank ${rank} of ${units}${tie ? ' (tied)' : ''} · ${grade}`,
    periodNotReported: (period: string) => `• ${period}: not reported`,
    periodNotDue: (period: string) => `• ${period}: not due yet`,
    yearLine: (year: number, total: string, rank: number, units: number, tie: boolean, grade: string) =>
      `*Whole of ${year}: ${total} points · rank ${rank} of ${units}${tie ? ' (tied — for the block to decide)' : ''} · ${grade}*`,
    yearNone: (year: number) => `*Whole of ${year}:* no result yet.`,
    chartSent: 'A chart of every period was sent to your direct messages with the bot.',
    chartCaption: (year: number, unit: string) => `Every period of ${year} — ${unit}`,
    eachUnit: "`/thidua ketqua <unit>`: a unit's points, rank and grade in every period.",
    noMembers: (block: string, year: number) => `${block} has no member units in ${year}.`,
  },
);

/** A period's name for mrkdwn (the file's name, escaped). */
const label = (record: YearRecord, periodId: number, locale: Locale) => {
  const period = record.periods.find((candidate) => candidate.id === periodId)!;
  return escapeMrkdwn(periodLabel(period, locale));
};

/** Which rule made the result, and what is not due yet: the lines every year view starts with (plain text, to be escaped). */
export function basisLines(record: YearRecord, zone: string, locale: Locale): string[] {
  const text = yearStandingsText[locale];
  // Plain text: the callers escape the lines as a whole.
  // Inside a sentence, after a colon: "…đã đến hạn: Quý I năm 2021; …; cả năm 2021" (voice.md).
  const names = (ids: readonly number[]) =>
    ids.map((id) => periodInSentence(periodLabel(record.periods.find((period) => period.id === id)!, locale))).join('; ');
  if (record.rule === 'final_period') {
    const period = record.periods.find((candidate) => candidate.id === record.counted[0])!;
    return [
      text.finalPeriod(periodLabel(period, locale), record.defaulted),
      ...(record.provisional ? [text.finalNotDue(periodLabel(period, locale), formatDateTime(new Date(period.due), zone, locale))] : []),
    ];
  }
  return [
    record.counted.length ? text.average(names(record.counted)) : text.averageNone,
    ...(record.pending.length ? [text.pending(names(record.pending))] : []),
  ];
}

export function yearDecimals(record: YearRecord): number[] {
  return totalDecimals(
    record.rows.map((row) => ({ total: row.total, rank: row.rank, notReported: !row.reported })),
    record.gradeFloors,
  );
}

/** What a year row is flagged with: tie, reports awaiting review, a provisional grade, periods not reported. */
export function yearRowFlags(record: YearRecord, row: YearRecordRow, locale: Locale): string[] {
  const text = yearStandingsText[locale];
  if (!row.reported) return [];
  return [
    ...(row.tie ? [standingsText[locale].tie] : []),
    ...(!row.fullyReviewed ? [text.notAllReviewed] : []),
    ...(row.gradeProvisional ? [text.gradeProvisional] : []),
    ...(row.missing.length ? [text.missing(row.missing.map((id) => label(record, id, locale)).join('; '))] : []),
  ];
}

export interface YearStandingsPage {
  blockId: number;
  year: number;
  page: number;
}

export const YEAR_UNITS_PER_PAGE = 20;

/** `/thidua xephang nam`: the block's year standings, one unit a line in rank order, paged. */
export function buildYearStandingsReply(record: YearRecord, zone: string, requestedPage: number, locale: Locale) {
  const text = yearStandingsText[locale];
  const title = text.title(record.year, record.block.name);
  if (record.rows.length === 0) {
    const message = escapeMrkdwn(text.noMembers(record.block.name, record.year));
    return { text: message, blocks: [section(message)] };
  }
  const blocks: KnownBlock[] = [
    header(title),
    context(
      escapeMrkdwn([...basisLines(record, zone, locale), text.asOf(formatDateTime(new Date(record.computedAt), zone, locale))].join(' ')),
    ),
  ];
  const window = pageWindow(record.rows.length, YEAR_UNITS_PER_PAGE, requestedPage);
  const decimals = yearDecimals(record);
  const shown = record.rows.slice(window.start, window.end);
  const lines = shown.flatMap((row) => {
    if (!row.reported) return [];
    const flags = yearRowFlags(record, row, locale);
    const total = formatPoints(row.total, locale, decimals[record.rows.indexOf(row)]);
    return [
      `${text.line(row.rank, escapeMrkdwn(row.unitName), total, escapeMrkdwn(row.grade ?? ''))}${flags.length ? `\n_${flags.join(' · ')}_` : ''}`,
    ];
  });
  const missing = shown.filter((row) => !row.reported);
  if (missing.length) {
    const units = missing.map((row) => escapeMrkdwn(row.unitName)).join('; ');
    // A rank only says something when some unit has a result to stand behind.
    lines.push(record.rows.some((row) => row.reported) ? text.notReported(missing[0]!.rank, units) : text.nobodyReported(units));
  }
  blocks.push(...packTexts(lines, '\n').map((chunk) => section(chunk)));
  blocks.push(context(text.eachUnit));
  const pageValue = (page: number) => JSON.stringify({ blockId: record.block.id, year: record.year, page } satisfies YearStandingsPage);
  blocks.push(
    ...pageControls(
      window,
      { previous: YEAR_STANDINGS_PREVIOUS, next: YEAR_STANDINGS_NEXT, block: 'year_standings_pages' },
      pageValue,
      locale,
    ),
  );
  const plain = [
    title,
    ...record.rows
      .filter((row) => row.reported)
      .map(
        (row) =>
          `${row.rank}. ${row.unitName} — ${formatPoints(row.total, locale, decimals[record.rows.indexOf(row)])} — ${row.grade ?? ''}`,
      ),
  ].join('\n');
  return { text: escapeMrkdwn(truncate(plain, 3000)), blocks };
}

/** `/thidua ketqua`: one unit's points, rank and grade in every period of the year, then its year result. */
export function buildUnitYearReply(record: YearRecord, unitId: number, zone: string, chartSent: boolean, locale: Locale) {
  const text = yearStandingsText[locale];
  const row = record.rows.find((candidate) => candidate.unitId === unitId)!;
  const units = record.rows.length;
  const due = new Set([...record.counted, ...record.periods.filter((period) => period.due < record.computedAt).map((period) => period.id)]);
  // By the final period's rule the year line is that period's result: said once, as the year's.
  const shownPeriods = record.periods.flatMap((period, index) =>
    record.rule === 'final_period' && record.counted.includes(period.id) ? [] : [{ period, result: row.periods[index]! }],
  );
  const periodLines = shownPeriods.map(({ period, result }) => {
    const name = escapeMrkdwn(periodLabel(period, locale));
    if (result.reported)
      return text.periodLine(name, formatPoints(result.total, locale), result.rank, units, result.tie, escapeMrkdwn(result.grade ?? ''));
    return due.has(period.id) ? text.periodNotReported(name) : text.periodNotDue(name);
  });
  const decimals = yearDecimals(record)[record.rows.indexOf(row)];
  const yearLine = row.reported
    ? text.yearLine(record.year, formatPoints(row.total, locale, decimals), row.rank, units, row.tie, escapeMrkdwn(row.grade ?? ''))
    : text.yearNone(record.year);
  const flags = yearRowFlags(record, row, locale).filter((flag) => flag !== standingsText[locale].tie);
  const blocks: KnownBlock[] = [
    header(text.unitTitle(record.year, row.unitName)),
    context(escapeMrkdwn([text.unitOfBlock(record.block.name), ...basisLines(record, zone, locale)].join(' '))),
    ...(periodLines.length ? [section(periodLines.join('\n'))] : []),
    section(`${yearLine}${flags.length ? `\n_${flags.join(' · ')}_` : ''}`),
    ...(chartSent ? [context(text.chartSent)] : []),
  ];
  // The lines are mrkdwn already (names escaped); the title is not.
  const plain = [escapeMrkdwn(text.unitTitle(record.year, row.unitName)), ...periodLines, yearLine].join('\n').replace(/\*/g, '');
  return { text: truncate(plain, 3000), blocks };
}
