import type { KnownBlock } from '@slack/types';
import { fitWithin, pageWindow } from '../domain/pagination';
import { totalDecimals } from '../domain/ranking';
import type { CriterionKind } from '../domain/scoring';
import { countOf, formatDateTime, formatPoints } from '../i18n/format';
import { defineMessages, type Locale } from '../i18n/messages';
import { periodInSentence } from '../i18n/period-names';
import type { StandingChange, StandingsRecord, StandingsRecordRow } from '../standings/record';
import { periodLabel, standingsText } from '../standings/standings-text';
import { actions, button, context, escapeMrkdwn, header, mention, packTexts, section, truncate } from './blocks';
import {
  STANDINGS_ACTIONS_BLOCK,
  STANDINGS_DETAIL,
  STANDINGS_EXPORT,
  STANDINGS_HOLD,
  STANDINGS_NEXT,
  STANDINGS_PREVIOUS,
  STANDINGS_PUBLISH,
  STANDINGS_UNIT_BLOCK_PREFIX,
} from './ids';
import { pageControls } from './paging';

/**
 * The standings as people read them: `/thidua xephang` (one unit a line with a "Chi tiết" button,
 * paged), the breakdown of one unit (every criterion: reported, target, points, who reviewed), and
 * the post in the block's channel (automatic summary, a lead's post, a correction). All are drawn
 * from a StandingsRecord, so what is shown, what is posted and what is stored agree.
 */
export type PublicationKind = 'summary' | 'manual' | 'correction';

export const standingsViewText = defineMessages(
  {
    asOf: (at: string) => `Tính đến ${at}`,
    reportedCount: (reported: number, total: number) => `Đã báo cáo ${reported}/${total} đơn vị`,
    due: (at: string) => `Hạn nộp ${at}`,
    points: (points: string) => `${points} điểm`,
    returned: 'báo cáo bị trả lại, đang tính theo số liệu đơn vị báo cáo',
    pendingChange: 'có đề nghị sửa đổi chờ duyệt',
    notReportedRank: (rank: number, units: string) => `_Chưa báo cáo (cùng xếp hạng ${rank}):_ ${units}`,
    nobodyReported: (units: string) => `_Chưa báo cáo:_ ${units}`,
    detail: 'Chi tiết',
    publish: 'Đăng lên kênh',
    publishHeld: 'Đăng bản tổng hợp',
    holdSummary: 'Giữ bản tổng hợp tự động',
    summaryHeld: 'Bản tổng hợp tự động kỳ này đang được giữ lại, chưa đăng lên kênh; bấm “Đăng bản tổng hợp” khi đã sẵn sàng.',
    correct: 'Đăng bản đính chính',
    exportXlsx: 'Xuất Excel',
    kinds: { summary: 'bản tổng hợp tự động', manual: 'bản Trưởng khối đăng', correction: 'bản đính chính' } satisfies Record<
      PublicationKind,
      string
    >,
    published: (at: string, kind: string) => `Đã đăng lên kênh lúc ${at} (${kind}); chưa thay đổi từ đó.`,
    releasedSummary: (by: string) => `bản tổng hợp, ${by} đăng`,
    changed: (at: string, kind: string) => `*Bảng xếp hạng đã thay đổi so với bản đã đăng lúc ${at}* (${kind}):`,
    change: (unit: string, parts: string) => `• ${unit}: ${parts}`,
    rankChange: (before: number, after: number) => `hạng ${before} → ${after}`,
    totalChange: (before: string, after: string) => `${before} → ${after} điểm`,
    smallTotalChange: 'tổng điểm thay đổi dưới 0,01',
    gradeChange: (before: string, after: string) => `${before} → ${after}`,
    nowReported: 'đã báo cáo',
    noLongerReported: 'không còn báo cáo có hiệu lực',
    nowReviewed: 'đã được thẩm định',
    awaitingReview: 'chờ thẩm định',
    nowReturned: 'báo cáo bị trả lại',
    noLongerReturned: 'đã nộp lại sau khi bị trả lại',
    left: 'không còn trong khối',
    joined: 'mới vào khối',
    moreChanges: (count: number) => `… và ${count} đơn vị khác thay đổi.`,
    nothingReported: 'Chưa có đơn vị nào báo cáo kỳ này.',
    noMembers: (block: string) => `${block} chưa có đơn vị thành viên nào.`,
    noCriteria: (block: string, year: number) => `${block} chưa có bảng tiêu chí chấm điểm năm ${year}, nên chưa xếp hạng được.`,
    // Breakdown
    modalTitle: 'Chi tiết điểm',
    close: 'Đóng',
    rankLine: (rank: number, tie: boolean, total: string, grade: string) =>
      `Hạng ${rank}${tie ? ' (đồng hạng)' : ''} · *${total} điểm* · ${grade}`,
    notReportedDetail: (unit: string, period: string) =>
      `${unit} chưa báo cáo ${periodInSentence(period)}: mọi tiêu chí 0 điểm, xếp sau các đơn vị đã báo cáo.`,
    how: {
      target: (reported: string, target: string | null) =>
        target === null ? `đạt ${reported} · chưa giao ước chỉ tiêu` : `đạt ${reported} / chỉ tiêu ${target}`,
      lower_better: (reported: string, target: string | null) =>
        target === null ? `thực tế ${reported} · chưa giao ước mức trần` : `thực tế ${reported} / mức trần ${target}`,
      yes_no: (reported: string) => reported,
      graded: (reported: string) => `tự chấm ${reported}`,
      levels: (reported: string) => reported,
      count: (reported: string) => `${reported} trường hợp`,
      bonus: (reported: string) => `đề nghị ${reported}`,
      deduction: (reported: string) => `tự nhận ${reported}`,
    } satisfies Record<CriterionKind, (reported: string, target: string | null) => string>,
    noValue: 'chưa có số liệu',
    noneClaimed: { bonus: 'đơn vị không đề nghị', deduction: 'đơn vị không tự nhận' },
    reviewedBy: (how: 'graded' | 'accepted' | 'deducted', points: string, reviewer: string) =>
      `Trưởng khối ${{ graded: 'chấm', accepted: 'chấp nhận', deducted: 'trừ' }[how]} ${points}${reviewer ? ` (${reviewer})` : ''}`,
    lineMax: (max: string) => ` / ${max}`,
    sums: (scoreSum: string, bonus: string, deduction: string, total: string) =>
      `Cộng điểm tiêu chí *${scoreSum}* · Điểm thưởng *${bonus}* · Điểm trừ *${deduction}* · *Tổng ${total} điểm*`,
    reviewer: (who: string) => `Thẩm định: ${who}.`,
    provisional: (grade: string) => `${grade} (tạm tính: còn tiêu chí chờ Trưởng khối chấm)`,
    groupCapped: (group: string, sum: string, max: string) => `${group}: ${sum} điểm, tính tối đa ${max} điểm cả nhóm`,
    rescaled: (sum: string, base: string, applicable: string, scaled: string) =>
      `Quy đổi vì có tiêu chí không áp dụng: ${sum} × ${base} / ${applicable} = ${scaled} điểm`,
    notReviewed: 'Chưa được Trưởng khối thẩm định: điểm chấm là điểm đơn vị tự chấm, điểm thưởng chưa được tính.',
    // Channel post
    postTitle: {
      summary: (period: string, block: string) => `🏆 Kết quả xếp hạng ${periodInSentence(period)} — ${block}`,
      manual: (period: string, block: string) => `Kết quả xếp hạng ${periodInSentence(period)} — ${block}`,
      correction: (period: string, block: string) => `Đính chính kết quả xếp hạng ${periodInSentence(period)} — ${block}`,
    } satisfies Record<PublicationKind, (period: string, block: string) => string>,
    postedBy: {
      summary: (at: string, by: string) => (by ? `Bản tổng hợp do ${by} đăng lúc ${at}` : `Tổng hợp tự động lúc ${at}`),
      manual: (at: string, by: string) => `${by} đăng lúc ${at}`,
      correction: (at: string, by: string) => `${by} đăng lúc ${at}`,
    } satisfies Record<PublicationKind, (at: string, by: string) => string>,
    replaces: (at: string) => `*Thay cho bản đăng lúc ${at}.* Thay đổi:`,
    provisionalLine: 'tạm tính, chưa thẩm định',
    provisionalNote: (count: number, reported: number) =>
      `Tạm tính: ${count}/${reported} báo cáo chưa được Trưởng khối thẩm định; điểm của các dòng đó là điểm đơn vị tự chấm, chưa tính điểm thưởng và điểm Trưởng khối chấm.`,
    seeDetail: (command: string) => `Chi tiết từng tiêu chí: \`${command}\` · Biểu đồ trong luồng tin này.`,
    chartCaption: (period: string, block: string) => `Biểu đồ xếp hạng ${periodInSentence(period)} — ${block}`,
  },
  {
    asOf: (at: string) => `As of ${at}`,
    reportedCount: (reported: number, total: number) => `${reported} of ${total} units reported`,
    due: (at: string) => `Due ${at}`,
    points: (points: string) => `${points} points`,
    returned: "report returned; scored on the unit's own figures",
    pendingChange: 'a change awaits a decision',
    notReportedRank: (rank: number, units: string) => `_Not reported (all ranked ${rank}):_ ${units}`,
    nobodyReported: (units: string) => `_Not reported:_ ${units}`,
    detail: 'Details',
    publish: 'Post to the channel',
    publishHeld: 'Post the summary',
    holdSummary: 'Hold the automatic summary',
    summaryHeld: 'This period’s automatic summary is held and not posted; press “Post the summary” when it is ready.',
    correct: 'Post a correction',
    exportXlsx: 'Export to Excel',
    kinds: { summary: 'automatic summary', manual: 'posted by the block lead', correction: 'correction' },
    published: (at: string, kind: string) => `Posted to the channel at ${at} (${kind}); unchanged since.`,
    releasedSummary: (by: string) => `summary posted by ${by}`,
    changed: (at: string, kind: string) => `*The standings changed since the version posted at ${at}* (${kind}):`,
    change: (unit: string, parts: string) => `• ${unit}: ${parts}`,
    rankChange: (before: number, after: number) => `rank ${before} → ${after}`,
    totalChange: (before: string, after: string) => `${before} → ${after} points`,
    smallTotalChange: 'the total moved by less than 0.01',
    gradeChange: (before: string, after: string) => `${before} → ${after}`,
    nowReported: 'has reported',
    noLongerReported: 'no report in force any more',
    nowReviewed: 'reviewed',
    awaitingReview: 'awaiting review',
    nowReturned: 'report returned',
    noLongerReturned: 'resubmitted after being returned',
    left: 'no longer in the block',
    joined: 'new in the block',
    moreChanges: (count: number) => `… and ${countOf(count, 'more unit')} changed.`,
    nothingReported: 'No unit has reported for this period yet.',
    noMembers: (block: string) => `${block} has no member units.`,
    noCriteria: (block: string, year: number) => `${block} has no scoring table for ${year}, so there is nothing to rank.`,
    modalTitle: 'Score details',
    close: 'Close',
    rankLine: (rank: number, tie: boolean, total: string, grade: string) =>
      `Rank ${rank}${tie ? ' (tied)' : ''} · *${total} points* · ${grade}`,
    notReportedDetail: (unit: string, period: string) =>
      `${unit} has not reported for ${periodInSentence(period)}: 0 points on every criterion, ranked after every unit that reported.`,
    how: {
      target: (reported: string, target: string | null) =>
        target === null ? `achieved ${reported} · no pledged target` : `achieved ${reported} / target ${target}`,
      lower_better: (reported: string, target: string | null) =>
        target === null ? `actual ${reported} · no pledged ceiling` : `actual ${reported} / ceiling ${target}`,
      yes_no: (reported: string) => reported,
      graded: (reported: string) => `self-score ${reported}`,
      levels: (reported: string) => reported,
      count: (reported: string) => `${reported} cases`,
      bonus: (reported: string) => `claimed ${reported}`,
      deduction: (reported: string) => `declared ${reported}`,
    },
    noValue: 'no value',
    noneClaimed: { bonus: 'none claimed', deduction: 'none declared by the unit' },
    reviewedBy: (how: 'graded' | 'accepted' | 'deducted', points: string, reviewer: string) =>
      `block lead ${{ graded: 'scored', accepted: 'accepted', deducted: 'deducted' }[how]} ${points}${reviewer ? ` (${reviewer})` : ''}`,
    lineMax: (max: string) => ` / ${max}`,
    sums: (scoreSum: string, bonus: string, deduction: string, total: string) =>
      `Criteria *${scoreSum}* · Bonus *${bonus}* · Deductions *${deduction}* · *Total ${total} points*`,
    reviewer: (who: string) => `Reviewed by ${who}.`,
    provisional: (grade: string) => `${grade} (provisional: a criterion awaits the block lead's score)`,
    groupCapped: (group: string, sum: string, max: string) => `${group}: ${sum} points, counted at most ${max} for the group`,
    rescaled: (sum: string, base: string, applicable: string, scaled: string) =>
      `Rescaled for criteria that do not apply: ${sum} × ${base} / ${applicable} = ${scaled} points`,
    notReviewed: "Not reviewed by the block lead yet: graded lines are the unit's own scores and bonus points do not count yet.",
    postTitle: {
      summary: (period: string, block: string) => `🏆 Standings ${periodInSentence(period)} — ${block}`,
      manual: (period: string, block: string) => `Standings ${periodInSentence(period)} — ${block}`,
      correction: (period: string, block: string) => `Correction: standings ${periodInSentence(period)} — ${block}`,
    },
    postedBy: {
      summary: (at: string, by: string) => (by ? `Summary posted by ${by} at ${at}` : `Automatic summary at ${at}`),
      manual: (at: string, by: string) => `Posted by ${by} at ${at}`,
      correction: (at: string, by: string) => `Posted by ${by} at ${at}`,
    },
    replaces: (at: string) => `*Replaces the version posted at ${at}.* Changes:`,
    provisionalLine: 'provisional, not reviewed',
    provisionalNote: (count: number, reported: number) =>
      `Provisional: ${count} of ${reported} reports not yet reviewed by the block lead; their lines are the units' own scores, without bonuses and the lines the lead scores.`,
    seeDetail: (command: string) => `Every criterion: \`${command}\` · The chart is in this thread.`,
    chartCaption: (period: string, block: string) => `Standings chart ${periodInSentence(period)} — ${block}`,
  },
);

/** “bản tổng hợp tự động”, or who posted the summary they held back, or a lead's post, or a correction. */
function publicationKind(published: Publication, locale: Locale): string {
  const text = standingsViewText[locale];
  return published.kind === 'summary' && published.by ? text.releasedSummary(mention(published.by)) : text.kinds[published.kind];
}

/** The command that shows these standings, for a post to point at. */
export function standingsCommand(record: Pick<StandingsRecord, 'period' | 'block'>): string {
  return `/thidua xephang ${record.period.code} ${record.block.code} ${record.period.year}`;
}

/** What a row is flagged with, in reading order: tie, late, returned or awaiting review, pending change. */
export function rowFlags(row: StandingsRecordRow, locale: Locale, posted = false): string[] {
  const words = standingsText[locale];
  const text = standingsViewText[locale];
  if (!row.reported) return [];
  return [
    ...(row.tie ? [words.tie] : []),
    ...(row.late ? [words.late] : []),
    ...(row.returned ? [text.returned] : !row.fullyReviewed ? [posted ? text.provisionalLine : words.awaitingReview] : []),
    ...(row.pendingChange ? [text.pendingChange] : []),
  ];
}

export function decimalsOf(record: StandingsRecord): number[] {
  return totalDecimals(
    record.rows.map((row) => ({ total: row.total, rank: row.rank, notReported: !row.reported })),
    record.gradeFloors ?? [],
  );
}

/** "*1. Công an tỉnh* — *94,00 điểm* · Hoàn thành tốt" and a second line of flags when any (also the App Home's standings). */
export function rowLine(row: StandingsRecordRow, decimals: number, locale: Locale, markdown: boolean, posted = false): string {
  const text = standingsViewText[locale];
  const points = text.points(formatPoints(row.total, locale, decimals));
  const flags = rowFlags(row, locale, posted);
  if (!markdown) return `${row.rank}. ${row.unitName} — ${points} — ${row.grade ?? ''}${flags.length ? ` (${flags.join('; ')})` : ''}`;
  return `*${row.rank}. ${escapeMrkdwn(row.unitName)}* — *${points}* · ${escapeMrkdwn(row.grade ?? '')}${flags.length ? `\n_${flags.join(' · ')}_` : ''}`;
}

/**
 * Units without a report, with their shared rank said in words, so the line does not read as one
 * more ranked unit: "_Chưa báo cáo (cùng xếp hạng 4):_ Thanh tra tỉnh; …" (no rank when nobody reported).
 */
function notReportedLines(record: StandingsRecord, rows: readonly StandingsRecordRow[], locale: Locale): string[] {
  const missing = rows.filter((row) => !row.reported);
  if (missing.length === 0) return [];
  const text = standingsViewText[locale];
  const units = missing.map((row) => escapeMrkdwn(row.unitName)).join('; ');
  // A shared "1." for a block where nobody reported would read as if they all came first.
  return [record.rows.some((row) => row.reported) ? text.notReportedRank(missing[0]!.rank, units) : text.nobodyReported(units)];
}

/** One line per unit whose standing changed: rank, total, grade, reporting. */
export function changeLines(changes: readonly StandingChange[], locale: Locale, budget = 1500): string[] {
  const text = standingsViewText[locale];
  const lines = changes.map((change) => {
    const { before, after } = change;
    const parts: string[] = [];
    if (!before) parts.push(text.joined);
    else if (!after) parts.push(text.left);
    else {
      if (before.reported !== after.reported) parts.push(after.reported ? text.nowReported : text.noLongerReported);
      if (before.rank !== after.rank) parts.push(text.rankChange(before.rank, after.rank));
      // Totals that differ only past the shown decimals get a word, not "89,00 → 89,00".
      const [totalBefore, totalAfter] = [formatPoints(before.total, locale), formatPoints(after.total, locale)];
      if (totalBefore !== totalAfter) parts.push(text.totalChange(totalBefore, totalAfter));
      else if (before.total !== after.total) parts.push(text.smallTotalChange);
      if (before.reported && after.reported && before.returned !== after.returned)
        parts.push(after.returned ? text.nowReturned : text.noLongerReturned);
      else if (before.reported && after.reported && before.fullyReviewed !== after.fullyReviewed)
        parts.push(after.fullyReviewed ? text.nowReviewed : text.awaitingReview);
      if (before.grade !== after.grade && before.grade && after.grade) parts.push(text.gradeChange(before.grade, after.grade));
    }
    return text.change(escapeMrkdwn(change.unitName), parts.join('; '));
  });
  const fitted = fitWithin(lines, (line) => line.length, budget, 1);
  return [...fitted.shown, ...(fitted.omitted ? [text.moreChanges(fitted.omitted)] : [])];
}

export interface Publication {
  kind: PublicationKind;
  at: Date;
  /** Who posted it; none for the automatic summary the scheduler posted. */
  by?: string;
  /** Empty when the current standings match what was posted. */
  changes: StandingChange[];
}

export interface StandingsReplyFacts {
  record: StandingsRecord;
  zone: string;
  /** The latest post in the block's channel, if any. */
  published?: Publication;
  /** A block lead or an admin: may post to the channel and export. */
  canPublish: boolean;
  /** The automatic summary: not posted yet (the lead may hold it), held by the lead, or posted. */
  summary?: 'due' | 'held' | 'posted';
}

/** What the buttons of one standings reply carry: block id, period id, page. */
/** What the standings' buttons carry: the block and period (Đăng lên kênh, Xuất Excel)… */
export interface StandingsSubject {
  blockId: number;
  periodId: number;
}

/** …the page (Trang trước / Trang sau)… */
export interface StandingsPage extends StandingsSubject {
  page: number;
}

/** …or the unit (Chi tiết). */
export interface StandingsUnit extends StandingsSubject {
  unitId: number;
}

export const UNITS_PER_PAGE = 15;

/** The ephemeral standings: one unit a line in rank order, UNITS_PER_PAGE a page, with what changed since the last post. */
export function buildStandingsReply(
  facts: StandingsReplyFacts,
  requestedPage: number,
  locale: Locale,
): { text: string; blocks: KnownBlock[] } {
  const { record, zone } = facts;
  const text = standingsViewText[locale];
  const title = standingsText[locale].title(periodLabel(record.period, locale), record.block.name);
  if (record.rows.length === 0)
    return { text: escapeMrkdwn(text.noMembers(record.block.name)), blocks: [section(escapeMrkdwn(text.noMembers(record.block.name)))] };
  if (record.criteria.length === 0) {
    const message = escapeMrkdwn(text.noCriteria(record.block.name, record.period.year));
    return { text: message, blocks: [section(message)] };
  }
  const reported = record.rows.filter((row) => row.reported).length;
  const facts0 = [
    text.asOf(formatDateTime(new Date(record.computedAt), zone, locale)),
    text.reportedCount(reported, record.rows.length),
    text.due(formatDateTime(new Date(record.period.due), zone, locale)),
  ];
  const blocks: KnownBlock[] = [header(title), context(facts0.join(' · '))];
  const published = facts.published;
  if (published && published.changes.length === 0)
    blocks.push(context(text.published(formatDateTime(published.at, zone, locale), publicationKind(published, locale))));
  if (published && published.changes.length > 0) {
    blocks.push(
      section(
        [
          text.changed(formatDateTime(published.at, zone, locale), publicationKind(published, locale)),
          ...changeLines(published.changes, locale),
        ].join('\n'),
      ),
    );
  }
  if (reported === 0) blocks.push(section(text.nothingReported));

  const window = pageWindow(record.rows.length, UNITS_PER_PAGE, requestedPage);
  const shown = record.rows.slice(window.start, window.end);
  const decimals = decimalsOf(record);
  const subject: StandingsSubject = { blockId: record.block.id, periodId: record.period.id };
  const pageValue = (page: number) => JSON.stringify({ ...subject, page } satisfies StandingsPage);
  for (const row of shown) {
    if (!row.reported) continue;
    blocks.push({
      ...section(rowLine(row, decimals[record.rows.indexOf(row)]!, locale, true), `${STANDINGS_UNIT_BLOCK_PREFIX}${row.unitId}`),
      accessory: button(text.detail, STANDINGS_DETAIL, JSON.stringify({ ...subject, unitId: row.unitId } satisfies StandingsUnit)),
    });
  }
  blocks.push(...packTexts(notReportedLines(record, shown, locale), '\n').map((chunk) => section(chunk)));

  if (facts.canPublish) {
    const value = JSON.stringify(subject);
    const held = facts.summary === 'held';
    const changed = held || !published || published.changes.length > 0;
    if (held) blocks.push(context(text.summaryHeld));
    blocks.push(
      actions(
        STANDINGS_ACTIONS_BLOCK,
        ...(changed && reported > 0
          ? [button(held ? text.publishHeld : published ? text.correct : text.publish, STANDINGS_PUBLISH, value, 'primary')]
          : []),
        ...(facts.summary === 'due' && reported > 0 ? [button(text.holdSummary, STANDINGS_HOLD, value)] : []),
        button(text.exportXlsx, STANDINGS_EXPORT, value),
      ),
    );
  }
  blocks.push(...pageControls(window, { previous: STANDINGS_PREVIOUS, next: STANDINGS_NEXT, block: 'standings_pages' }, pageValue, locale));
  const plain = [
    title,
    ...record.rows.filter((row) => row.reported).map((row) => rowLine(row, decimals[record.rows.indexOf(row)]!, locale, false)),
  ].join('\n');
  return { text: escapeMrkdwn(truncate(plain, 3000)), blocks };
}

// ── Breakdown ──────────────────────────────────────────────────────────────────────────────

export interface PostFacts {
  record: StandingsRecord;
  kind: PublicationKind;
  at: Date;
  /** Who posted it (a lead or an admin); none for the automatic summary. */
  by?: string;
  /** For a correction: the post it replaces and what changed. */
  replaces?: { at: Date; changes: StandingChange[] };
  zone: string;
}

/** The standings as posted in the block's channel; the chart follows in its thread. */
export function buildStandingsPost(facts: PostFacts, locale: Locale): { text: string; blocks: KnownBlock[] } {
  const { record } = facts;
  const text = standingsViewText[locale];
  const title = text.postTitle[facts.kind](periodLabel(record.period, locale), record.block.name);
  const at = formatDateTime(facts.at, facts.zone, locale);
  const reported = record.rows.filter((row) => row.reported);
  const blocks: KnownBlock[] = [
    header(title),
    context(
      `${text.postedBy[facts.kind](at, facts.by ? mention(facts.by) : '')} · ${text.reportedCount(reported.length, record.rows.length)}`,
    ),
  ];
  if (facts.replaces)
    blocks.push(
      section(
        [text.replaces(formatDateTime(facts.replaces.at, facts.zone, locale)), ...changeLines(facts.replaces.changes, locale)].join('\n'),
      ),
    );
  const decimals = decimalsOf(record);
  const lines = [
    ...reported.map((row) => rowLine(row, decimals[record.rows.indexOf(row)]!, locale, true, true)),
    ...notReportedLines(record, record.rows, locale),
  ];
  const provisional = reported.filter((row) => !row.fullyReviewed && !row.returned).length;
  if (provisional > 0) blocks.push(context(text.provisionalNote(provisional, reported.length)));
  blocks.push(...packTexts(lines.length ? lines : [text.nothingReported], '\n', { maxLength: 9000 }).map((chunk) => section(chunk)));
  blocks.push(context(text.seeDetail(standingsCommand(record))));
  return { text: escapeMrkdwn(`${title} · ${text.reportedCount(reported.length, record.rows.length)}`), blocks };
}
