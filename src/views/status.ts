import type { KnownBlock, ModalView, SectionBlock } from '@slack/types';
import { daysBetween, localDateOf } from '../domain/calendar';
import type { PageWindow } from '../domain/pagination';
import { countOf, formatDateTime, formatPoints } from '../i18n/format';
import { defineMessages, type Locale } from '../i18n/messages';
import { periodInSentence, periodOfYearInSentence } from '../i18n/period-names';
import { actions, button, context, escapeMrkdwn, field, formModal, header, mention, noticeModal, packTexts, section } from './blocks';
import { type Decider, deciderText } from './common-text';
import { FIELD_LIMITS } from './field-limits';
import {
  REVIEW_OPEN,
  STATUS_CONFIRM_ACTIONS_BLOCK,
  STATUS_CONFIRM_CALLBACK,
  STATUS_CONFIRM_COMMENT_ACTION,
  STATUS_CONFIRM_COMMENT_BLOCK,
  STATUS_CONFIRM_MANY,
  STATUS_NEXT,
  STATUS_NUDGE,
  STATUS_PREVIOUS,
} from './ids';
import { pageControls } from './paging';

/**
 * `/thidua tiendo`: where each unit of a block stands for a period — submitted on time or late,
 * reviewed, returned, or missing with its officers mentioned — with "Nhắc" and "Thẩm định" buttons
 * for the block lead.
 */
/** What the status table's page buttons carry: which block, period and page. */
export interface StatusPage {
  blockId: number;
  periodId: number;
  page: number;
}

export type UnitState = 'missing' | 'submitted' | 'reviewed' | 'returned';

export interface StatusRow {
  unitId: number;
  unitName: string;
  officerIds: readonly string[];
  state: UnitState;
  /** When the unit first submitted, and whether that was after the due. */
  firstSubmittedAt?: Date;
  late?: boolean;
  /** The version in force (what a review looks at). */
  versionId?: number;
  /** When the version in force was saved and its number, once it is not the first (a correction or a resubmission). */
  changed?: { at: Date; version: number };
  reviewedBy?: string;
  returnedReason?: string;
  /** A returned report is due again by then. */
  resubmitBy?: Date;
  /** A change waiting for the lead's decision. */
  pendingChange?: boolean;
  /** The unit's own due, when an admin extended it (gia hạn). */
  extendedTo?: Date;
  /** Which buttons the reader gets on this line. */
  canNudge: boolean;
  canReview: boolean;
  /** For a lead who may not review this line (its own unit): who does (undefined: the board). */
  reviewer?: Decider | undefined;
}

export interface StatusFacts {
  blockName: string;
  period: { id: number; name: string; year: number; due: Date };
  blockId: number;
  zone: string;
  now: Date;
  rows: StatusRow[];
  /** Reports the reader may confirm as they stand (nothing to score), for the one action that confirms them all. */
  confirmable?: number;
  page: Pick<PageWindow, 'page' | 'pageCount' | 'start' | 'end'>;
}

export const statusText = defineMessages(
  {
    title: (period: string, year: number) => `Tiến độ báo cáo ${periodOfYearInSentence(period, year, 'vi')}`,
    block: (block: string, due: string, when: string) => `*${block}* — hạn nộp ${due} (${when})`,
    daysLeft: (days: number) => (days === 0 ? 'hôm nay là hạn' : `còn ${days} ngày`),
    daysLate: (days: number) => (days === 0 ? 'đã quá hạn hôm nay' : `đã quá hạn ${days} ngày`),
    counts: (submitted: number, total: number, late: number, reviewed: number, returned: number, missing: number) =>
      [
        `Đã nộp ${submitted}/${total}${late ? ` (${late} muộn)` : ''}`,
        `đã thẩm định ${reviewed}`,
        ...(returned ? [`trả lại ${returned}`] : []),
        `chưa nộp ${missing}`,
      ].join(' · '),
    state: {
      missing: 'Chưa nộp',
      submitted: 'Chờ thẩm định',
      reviewed: 'Đã thẩm định',
      returned: 'Đã trả lại',
    } satisfies Record<UnitState, string>,
    submittedAt: (at: string, late: boolean) => `nộp ${at}${late ? ' (muộn)' : ' (đúng hạn)'}`,
    changedAt: (at: string, version: number) => `sửa lần cuối ${at} (bản ${version})`,
    reviewedBy: (by: string) => `người thẩm định: ${by}`,
    returnedReason: (reason: string) => `lý do: “${reason}”`,
    resubmitBy: (at: string) => `hạn nộp lại ${at}`,
    pendingChange: 'có đề nghị sửa chờ duyệt',
    extendedTo: (due: string) => `được gia hạn đến ${due}`,
    reviewedByOther: (who: string) => `do ${who} thẩm định`,
    confirmMany: (count: number) => `Xác nhận ${count} báo cáo không cần chấm`,
    confirmTitle: 'Xác nhận báo cáo',
    confirmSubmit: 'Xác nhận tất cả',
    close: 'Đóng',
    confirmIntro: (count: number) =>
      `${count} báo cáo sau không có gì Trưởng khối phải cho điểm: đơn vị không đề nghị điểm thưởng, không có tiêu chí nào chỉ Trưởng khối chấm, và đơn vị đã tự chấm đủ mọi tiêu chí tự chấm. Xác nhận tất cả, giữ nguyên điểm đơn vị đã tự chấm? Mỗi đơn vị nhận tin nhắn riêng. Báo cáo cần chấm vẫn thẩm định từng báo cáo bằng nút “Thẩm định”.`,
    confirmLine: (unit: string, total: string) => `• ${unit} — ${total} điểm`,
    commentLabel: 'Nhận xét (không bắt buộc)',
    commentHint: 'Gửi kèm tin nhắn xác nhận đến từng đơn vị trên.',
    confirmNone: 'Không còn báo cáo nào xác nhận được như đã báo cáo (có thể đã được thẩm định).',
    confirmed: (count: number, units: string) => `✅ Đã xác nhận ${count} báo cáo: ${units}.`,
    confirmedSkipped: (count: number) => ` ${count} báo cáo đã thay đổi hoặc đã được thẩm định nên không xác nhận.`,
    noOfficers: 'chưa có cán bộ phụ trách',
    nudge: 'Nhắc',
    review: 'Thẩm định',
    nudged: (unit: string, officers: string, task: string) => `Đã nhắc ${officers} (${unit}) ${task}.`,
    alreadySubmitted: (unit: string, task: string) => `${unit} đã ${task}; không cần nhắc nữa.`,
    task: {
      report: (period: string) => `nộp báo cáo ${periodInSentence(period)}`,
      pledge: (year: number) => `ký giao ước thi đua năm ${year}`,
    },
    nobodyToNudge: (unit: string) => `${unit} chưa có cán bộ phụ trách trong tệp tổ chức, nên không nhắc được.`,
    nudgedRecently: (unit: string, by: string, at: string, again: string) =>
      `${unit} vừa được ${by} nhắc lúc ${at}; chưa gửi thêm tin nhắc. Có thể nhắc lại từ ${again}.`,
    nudgeRefused: 'Chỉ cán bộ của đơn vị Trưởng khối (hoặc quản trị viên) mới gửi lời nhắc được.',
  },
  {
    title: (period: string, year: number) => `Report progress — ${period} ${year}`,
    block: (block: string, due: string, when: string) => `*${block}* — due ${due} (${when})`,
    daysLeft: (days: number) => (days === 0 ? 'due today' : `${countOf(days, 'day')} left`),
    daysLate: (days: number) => (days === 0 ? 'overdue since today' : `${countOf(days, 'day')} overdue`),
    counts: (submitted: number, total: number, late: number, reviewed: number, returned: number, missing: number) =>
      [
        `Submitted ${submitted}/${total}${late ? ` (${late} late)` : ''}`,
        `reviewed ${reviewed}`,
        ...(returned ? [`returned ${returned}`] : []),
        `missing ${missing}`,
      ].join(' · '),
    state: {
      missing: 'Not submitted',
      submitted: 'Awaiting review',
      reviewed: 'Reviewed',
      returned: 'Returned',
    } satisfies Record<UnitState, string>,
    submittedAt: (at: string, late: boolean) => `submitted ${at}${late ? ' (late)' : ' (on time)'}`,
    changedAt: (at: string, version: number) => `last changed ${at} (version ${version})`,
    reviewedBy: (by: string) => `reviewer: ${by}`,
    returnedReason: (reason: string) => `reason: “${reason}”`,
    resubmitBy: (at: string) => `due again ${at}`,
    pendingChange: 'a change awaits approval',
    extendedTo: (due: string) => `due extended to ${due}`,
    reviewedByOther: (who: string) => `reviewed by ${who}`,
    confirmMany: (count: number) => `Confirm ${countOf(count, 'report')} with nothing to score`,
    confirmTitle: 'Confirm reports',
    confirmSubmit: 'Confirm all',
    close: 'Close',
    confirmIntro: (count: number) =>
      `${count === 1 ? 'This report has' : `These ${count} reports have`} nothing for the block lead to score: no bonus claimed, no criterion that only the block lead scores, and a self-score on every criterion the unit scores itself. ${count === 1 ? 'Confirm it with the unit’s own scores?' : 'Confirm them all with the units’ own scores?'} Each unit gets a direct message. Reports to score are still reviewed one by one with “Review”.`,
    confirmLine: (unit: string, total: string) => `• ${unit} — ${total} points`,
    commentLabel: 'Comment (optional)',
    commentHint: 'Sent with the confirmation to each unit above.',
    confirmNone: 'No report is left to confirm as reported (they may have been reviewed already).',
    confirmed: (count: number, units: string) => `✅ Confirmed ${countOf(count, 'report')}: ${units}.`,
    confirmedSkipped: (count: number) =>
      count === 1
        ? ' 1 report changed or was reviewed meanwhile, so it was not confirmed.'
        : ` ${count} reports changed or were reviewed meanwhile, so they were not confirmed.`,
    noOfficers: 'no officer assigned',
    nudge: 'Remind',
    review: 'Review',
    nudged: (unit: string, officers: string, task: string) => `Reminded ${officers} (${unit}) to ${task}.`,
    alreadySubmitted: (unit: string, task: string) => `${unit} has done it (${task}); no reminder needed.`,
    task: {
      report: (period: string) => `submit the report for ${periodInSentence(period)}`,
      pledge: (year: number) => `sign the ${year} pledge`,
    },
    nobodyToNudge: (unit: string) => `${unit} has no officer in the organisation file, so nobody can be reminded.`,
    nudgedRecently: (unit: string, by: string, at: string, again: string) =>
      `${unit} was reminded by ${by} at ${at}; no new reminder sent. It can be reminded again from ${again}.`,
    nudgeRefused: "Only the block lead's officers (or an admin) can send a reminder.",
  },
);

/** Units a page of the table shows: each is one section, well within 50 blocks a message. */
export const STATUS_UNITS_PER_PAGE = 40;

/** "còn 3 ngày" / "đã quá hạn 2 ngày", counted on the organisation's calendar. */
export function dueDistance(due: Date, now: Date, zone: string, locale: Locale): string {
  const text = statusText[locale];
  const days = daysBetween(localDateOf(now, zone), localDateOf(due, zone));
  return now.getTime() > due.getTime() ? text.daysLate(Math.max(0, -days)) : text.daysLeft(Math.max(0, days));
}

function rowLine(row: StatusRow, facts: Pick<StatusFacts, 'zone'>, locale: Locale): string {
  const text = statusText[locale];
  const parts = [`*${escapeMrkdwn(row.unitName)}* — ${text.state[row.state]}`];
  if (row.firstSubmittedAt) parts.push(text.submittedAt(formatDateTime(row.firstSubmittedAt, facts.zone, locale), row.late === true));
  if (row.changed) parts.push(text.changedAt(formatDateTime(row.changed.at, facts.zone, locale), row.changed.version));
  if (row.state === 'reviewed' && row.reviewedBy) parts.push(text.reviewedBy(mention(row.reviewedBy)));
  if (row.state === 'returned' && row.returnedReason) parts.push(text.returnedReason(escapeMrkdwn(row.returnedReason)));
  if (row.state === 'returned' && row.resubmitBy) parts.push(text.resubmitBy(formatDateTime(row.resubmitBy, facts.zone, locale)));
  if (row.pendingChange) parts.push(text.pendingChange);
  if (row.extendedTo) parts.push(text.extendedTo(formatDateTime(row.extendedTo, facts.zone, locale)));
  if ('reviewer' in row && row.state !== 'missing' && row.state !== 'reviewed')
    parts.push(text.reviewedByOther(deciderText(row.reviewer, locale)));
  if (row.state === 'missing') parts.push(row.officerIds.length ? row.officerIds.map(mention).join(', ') : text.noOfficers);
  return parts.join(' · ');
}

/** A unit's line with the button its reader may press: “Nhắc” beside a missing report, “Thẩm định” beside a submitted one. */
export function statusRowBlock(row: StatusRow, facts: Pick<StatusFacts, 'period' | 'zone'>, locale: Locale): SectionBlock {
  const text = statusText[locale];
  const line: SectionBlock = section(rowLine(row, facts, locale));
  if (row.state === 'missing' && row.canNudge) line.accessory = button(text.nudge, STATUS_NUDGE, `${facts.period.id}:${row.unitId}`);
  else if (row.state !== 'missing' && row.canReview && row.versionId !== undefined)
    line.accessory = button(text.review, REVIEW_OPEN, String(row.versionId));
  return line;
}

/** The counts over a period's lines: "Đã nộp 4/7 (1 muộn) · đã thẩm định 1 · chưa nộp 3". */
export function statusCounts(rows: readonly StatusRow[], locale: Locale): string {
  const count = (state: UnitState) => rows.filter((row) => row.state === state).length;
  const missing = count('missing');
  const late = rows.filter((row) => row.late).length;
  return statusText[locale].counts(rows.length - missing, rows.length, late, count('reviewed'), count('returned'), missing);
}

export function buildStatus(facts: StatusFacts, locale: Locale): { text: string; blocks: KnownBlock[] } {
  const text = statusText[locale];
  const summary = statusCounts(facts.rows, locale);
  const blocks: KnownBlock[] = [
    header(text.title(facts.period.name, facts.period.year)),
    section(
      text.block(
        escapeMrkdwn(facts.blockName),
        formatDateTime(facts.period.due, facts.zone, locale),
        dueDistance(facts.period.due, facts.now, facts.zone, locale),
      ),
    ),
    context(summary),
  ];
  if (facts.confirmable)
    blocks.push(
      actions(
        STATUS_CONFIRM_ACTIONS_BLOCK,
        button(
          text.confirmMany(facts.confirmable),
          STATUS_CONFIRM_MANY,
          JSON.stringify({ blockId: facts.blockId, periodId: facts.period.id }),
        ),
      ),
    );
  for (const row of facts.rows.slice(facts.page.start, facts.page.end)) blocks.push(statusRowBlock(row, facts, locale));
  blocks.push(
    ...pageControls(
      facts.page,
      { previous: STATUS_PREVIOUS, next: STATUS_NEXT, block: 'status_pages' },
      (page) => JSON.stringify({ blockId: facts.blockId, periodId: facts.period.id, page } satisfies StatusPage),
      locale,
    ),
  );
  return { text: escapeMrkdwn(`${text.title(facts.period.name, facts.period.year)} — ${facts.blockName}: ${summary}`), blocks };
}

/** The list “Xác nhận …” opens: each report to confirm with its total; submitting confirms them all. */
export function buildConfirmManyModal(
  reports: readonly { unitName: string; total: number }[],
  metadata: string,
  locale: Locale,
): ModalView {
  const text = statusText[locale];
  if (reports.length === 0) return noticeModal(text.confirmTitle, text.close, text.confirmNone);
  const lines = reports.map((report) => text.confirmLine(escapeMrkdwn(report.unitName), formatPoints(report.total, locale)));
  return formModal({
    callbackId: STATUS_CONFIRM_CALLBACK,
    title: text.confirmTitle,
    submit: text.confirmSubmit,
    close: text.close,
    metadata,
    blocks: [
      section(text.confirmIntro(reports.length)),
      ...packTexts(lines, '\n').map((chunk) => section(chunk)),
      field(STATUS_CONFIRM_COMMENT_BLOCK, text.commentLabel, text.commentHint, {
        type: 'plain_text_input',
        action_id: STATUS_CONFIRM_COMMENT_ACTION,
        multiline: true,
        max_length: FIELD_LIMITS.reason,
      }),
    ],
  });
}

/** What the modal says once submitted. */
export function buildConfirmedView(confirmed: readonly { unitName: string }[], skipped: number, locale: Locale): ModalView {
  const text = statusText[locale];
  const said = confirmed.length
    ? text.confirmed(confirmed.length, confirmed.map((report) => report.unitName).join('; ')) +
      (skipped ? text.confirmedSkipped(skipped) : '')
    : text.confirmNone;
  return noticeModal(text.confirmTitle, text.close, escapeMrkdwn(said));
}
