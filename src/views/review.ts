import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { ReviewProblem } from '../domain/review-form';
import { type CriterionScore, reviewCeiling } from '../domain/scoring';
import { formatDateTime, formatNumber, formatPoints } from '../i18n/format';
import { defineMessages, type Locale } from '../i18n/messages';
import { button, context, escapeMrkdwn, field, formModal, link, mention, noticeModal, packTexts, section, truncate } from './blocks';
import { FIELD_LIMITS } from './field-limits';
import {
  REVIEW_CALLBACK,
  REVIEW_CONFIRM,
  REVIEW_INPUT_ACTION,
  REVIEW_OPEN,
  REVIEW_OUTCOME_BLOCK,
  REVIEW_POINTS_BLOCK_PREFIX,
  REVIEW_REASON_BLOCK,
  REVIEW_RETURN,
} from './ids';
import { nudgeButtonValue } from './nudges';
import { criterionLabel, inputNumber } from './pledge';
import { type ReportCriterion, reportedValueText } from './report';

/**
 * The block lead's review of a report (thẩm định): the unit's figures and the points they give,
 * then the lead's own points for what the lead decides — graded criteria, bonus and deduction
 * points — and the outcome: confirmed, or returned to the unit with a reason.
 */
export const reviewText = defineMessages(
  {
    title: 'Thẩm định báo cáo',
    submit: 'Lưu thẩm định',
    cancel: 'Hủy',
    close: 'Đóng',
    intro: (unit: string, period: string, year: number) => `*${unit}* — báo cáo ${period} năm ${year}`,
    submitted: (version: number, at: string, by: string, late: boolean) =>
      `Bản ${version}, nộp ${at} bởi ${by}${late ? ' (nộp muộn)' : ' (đúng hạn)'}.`,
    evidence: (link: string) => `Minh chứng: ${link}`,
    noEvidence: 'Không có đường dẫn minh chứng.',
    notes: (notes: string) => `Ghi chú của đơn vị: ${notes}`,
    previous: (by: string, at: string) => `Đã thẩm định trước đó: ${by}, ${at}; các ô dưới đây điền sẵn điểm đã chấm.`,
    figures: '*Số liệu đơn vị báo cáo*',
    line: (label: string, reported: string, points: string) => `• ${label}: ${reported} → ${points} điểm`,
    lineTarget: (label: string, reported: string, target: string, points: string) =>
      `• ${label}: ${reported} (chỉ tiêu ${target}) → ${points} điểm`,
    lineCeiling: (label: string, reported: string, ceiling: string, points: string) =>
      `• ${label}: ${reported} (mức trần ${ceiling}) → ${points} điểm`,
    decide: '*Điểm do Trưởng khối quyết định*',
    gradedLabel: (label: string, max: string) => `${label} — tối đa ${max} điểm`,
    gradedHint: (self: string) => `Đơn vị tự chấm: ${self}.`,
    bonusHint: (claimed: string, reason: string) =>
      `Đơn vị đề nghị ${claimed} điểm: «${reason}». Giữ nguyên, giảm, hoặc ghi 0 để không chấp nhận.`,
    deductionHint: (claimed: string, reason: string) => `Đơn vị ghi ${claimed} điểm trừ: «${reason}». Có thể sửa.`,
    noClaim: 'Đơn vị không đề nghị.',
    nothingToDecide: 'Bảng tiêu chí không có tiêu chí chấm điểm, điểm thưởng hay điểm trừ cần Trưởng khối quyết định.',
    outcomeLabel: 'Kết quả thẩm định',
    confirm: 'Xác nhận kết quả',
    returnIt: 'Trả lại để đơn vị sửa',
    reasonLabel: 'Lý do trả lại',
    reasonHint: 'Bắt buộc khi trả lại: đơn vị sẽ nhận được nội dung này.',
    problem: {
      notANumber: (typed: string) => `Giá trị «${typed}» không phải là số. Nhập số, ví dụ 8 hoặc 8,5.`,
      range: (max: string) => `Nhập số từ 0 đến ${max}.`,
      required: 'Cần nhập điểm (có thể là 0).',
      outcome: 'Chọn xác nhận hoặc trả lại.',
      reason: 'Cần ghi lý do trả lại.',
    },
    result: {
      reviewed: (unit: string, period: string, points: string) => `✅ Đã thẩm định báo cáo ${period} của ${unit}: ${points} điểm.`,
      returned: (unit: string, period: string) =>
        `Đã trả lại báo cáo ${period} cho ${unit}; cán bộ của đơn vị được báo qua tin nhắn riêng.`,
      stale: 'Báo cáo vừa có bản mới trong lúc thẩm định; chưa lưu gì. Vui lòng mở lại từ `/thidua tiendo` để thẩm định bản mới.',
      refused: 'Chỉ cán bộ của đơn vị Trưởng khối (hoặc quản trị viên) mới thẩm định được báo cáo này; chưa lưu gì.',
    },
    returnedMessage: (unit: string, period: string, by: string, reason: string) =>
      `Báo cáo ${period} của ${unit} được Trưởng khối trả lại (${by}): «${reason}». Vui lòng sửa và nộp lại.`,
    reviewedMessage: (unit: string, period: string, by: string, points: string) =>
      `Báo cáo ${period} của ${unit} đã được thẩm định (${by}): ${points} điểm.`,
    openReport: 'Mở báo cáo',
    resubmitted: (unit: string, period: string, version: number) =>
      `${unit} đã nộp lại báo cáo ${period} (bản ${version}) sau khi bị trả lại; báo cáo chờ thẩm định.`,
    reviewNow: 'Thẩm định',
  },
  {
    title: 'Review report',
    submit: 'Save review',
    cancel: 'Cancel',
    close: 'Close',
    intro: (unit: string, period: string, year: number) => `*${unit}* — report for ${period} ${year}`,
    submitted: (version: number, at: string, by: string, late: boolean) =>
      `Version ${version}, submitted ${at} by ${by}${late ? ' (late)' : ' (on time)'}.`,
    evidence: (link: string) => `Evidence: ${link}`,
    noEvidence: 'No evidence link.',
    notes: (notes: string) => `The unit's notes: ${notes}`,
    previous: (by: string, at: string) => `Reviewed before: ${by}, ${at}; the fields below hold the points given then.`,
    figures: '*Figures the unit reported*',
    line: (label: string, reported: string, points: string) => `• ${label}: ${reported} → ${points} points`,
    lineTarget: (label: string, reported: string, target: string, points: string) =>
      `• ${label}: ${reported} (target ${target}) → ${points} points`,
    lineCeiling: (label: string, reported: string, ceiling: string, points: string) =>
      `• ${label}: ${reported} (ceiling ${ceiling}) → ${points} points`,
    decide: '*Points the block lead decides*',
    gradedLabel: (label: string, max: string) => `${label} — at most ${max} points`,
    gradedHint: (self: string) => `The unit's self-score: ${self}.`,
    bonusHint: (claimed: string, reason: string) => `The unit claims ${claimed} points: «${reason}». Keep, cut, or enter 0 to refuse.`,
    deductionHint: (claimed: string, reason: string) => `The unit reports ${claimed} points deducted: «${reason}». May be corrected.`,
    noClaim: 'Nothing claimed.',
    nothingToDecide: 'The scoring table has no graded, bonus or deduction criterion for the block lead to decide.',
    outcomeLabel: 'Review outcome',
    confirm: 'Confirm the results',
    returnIt: 'Return to the unit for correction',
    reasonLabel: 'Reason for returning',
    reasonHint: 'Required when returning: the unit receives it.',
    problem: {
      notANumber: (typed: string) => `«${typed}» is not a number. Enter a number, e.g. 8 or 8.5.`,
      range: (max: string) => `Enter a number from 0 to ${max}.`,
      required: 'Enter the points (0 allowed).',
      outcome: 'Choose confirm or return.',
      reason: 'Give the reason for returning.',
    },
    result: {
      reviewed: (unit: string, period: string, points: string) => `✅ ${unit}'s report for ${period} is reviewed: ${points} points.`,
      returned: (unit: string, period: string) =>
        `The report for ${period} is returned to ${unit}; its officers are told by direct message.`,
      stale:
        'The report got a new version while it was being reviewed; nothing was saved. Please open it again from `/thidua status` to review the new version.',
      refused: "Only the block lead's officers (or an admin) can review this report; nothing was saved.",
    },
    returnedMessage: (unit: string, period: string, by: string, reason: string) =>
      `${unit}'s report for ${period} was returned by the block lead (${by}): «${reason}». Please correct and resubmit it.`,
    reviewedMessage: (unit: string, period: string, by: string, points: string) =>
      `${unit}'s report for ${period} is reviewed (${by}): ${points} points.`,
    openReport: 'Open the report',
    resubmitted: (unit: string, period: string, version: number) =>
      `${unit} resubmitted its report for ${period} (version ${version}) after it was returned; it awaits review.`,
    reviewNow: 'Review',
  },
);

/** The criteria whose points the block lead decides. */
export const LEAD_DECIDES = new Set(['graded', 'bonus', 'deduction']);

/** One message per field in error, by block id: what Slack shows beside each (response_action: errors). */
export function reviewErrors(problems: readonly ReviewProblem[], locale: Locale): Record<string, string> {
  const text = reviewText[locale].problem;
  return Object.fromEntries(
    problems.map((problem) => {
      if (problem.field === 'outcome') return [REVIEW_OUTCOME_BLOCK, text.outcome];
      if (problem.field === 'reason') return [REVIEW_REASON_BLOCK, text.reason];
      const { kind } = problem.problem;
      const message =
        kind === 'required'
          ? text.required
          : kind === 'not_a_number'
            ? text.notANumber(problem.problem.typed)
            : text.range(formatNumber(problem.max, locale));
      return [pointsBlockId(problem.criterionId), message];
    }),
  );
}

export function pointsBlockId(criterionId: number): string {
  return `${REVIEW_POINTS_BLOCK_PREFIX}${criterionId}`;
}

export interface ReviewModalFacts {
  unitName: string;
  period: { name: string; year: number };
  version: { number: number; at: Date; by: string; late: boolean; evidenceUrl: string | null; notes: string };
  previous?: { by: string; at: Date };
  zone: string;
  criteria: ReportCriterion[];
  /** The unit's own figures and reasons. */
  values: ReadonlyMap<number, { value: number | null; reason: string | null }>;
  targets: ReadonlyMap<number, number>;
  /** What each line scores as reported (before the lead's points). */
  scores: ReadonlyMap<number, CriterionScore>;
  /** The points the fields start from: the previous review's, else the unit's own. */
  startingPoints: ReadonlyMap<number, number>;
  metadata: string;
}

const option = (text: string, value: string): PlainTextOption => ({ text: { type: 'plain_text', text }, value });

function pointsField(blockId: string, label: string, hint: string, start: number | undefined): InputBlock {
  return field(blockId, label, hint, {
    type: 'plain_text_input',
    action_id: REVIEW_INPUT_ACTION,
    max_length: FIELD_LIMITS.reviewPoints,
    ...(start !== undefined ? { initial_value: inputNumber(start) } : {}),
  });
}

export function buildReviewModal(facts: ReviewModalFacts, locale: Locale): ModalView {
  const text = reviewText[locale];
  const at = (instant: Date) => formatDateTime(instant, facts.zone, locale);
  const blocks: KnownBlock[] = [
    section(
      `${text.intro(escapeMrkdwn(facts.unitName), escapeMrkdwn(facts.period.name), facts.period.year)}\n${text.submitted(facts.version.number, at(facts.version.at), mention(facts.version.by), facts.version.late)}`,
    ),
    context(
      facts.version.evidenceUrl
        ? text.evidence(link(facts.version.evidenceUrl, truncate(facts.version.evidenceUrl, 200)))
        : text.noEvidence,
      ...(facts.version.notes ? [text.notes(escapeMrkdwn(truncate(facts.version.notes, 1000)))] : []),
      ...(facts.previous ? [text.previous(mention(facts.previous.by), at(facts.previous.at))] : []),
    ),
  ];
  const computed = facts.criteria.filter((criterion) => !LEAD_DECIDES.has(criterion.kind));
  if (computed.length) {
    const lines = computed.map((criterion) => {
      const reported = reportedValueText(criterion, facts.values.get(criterion.id)?.value ?? null, locale);
      const points = formatPoints(facts.scores.get(criterion.id)?.points ?? 0, locale);
      const target = facts.targets.get(criterion.id);
      const label = escapeMrkdwn(criterionLabel(criterion));
      if (target === undefined) return text.line(label, reported, points);
      return (criterion.kind === 'lower_better' ? text.lineCeiling : text.lineTarget)(
        label,
        reported,
        reportedValueText(criterion, target, locale),
        points,
      );
    });
    blocks.push(...packTexts([text.figures, ...lines], '\n').map((chunk) => section(chunk)));
  }
  const decided = facts.criteria.filter((criterion) => LEAD_DECIDES.has(criterion.kind));
  blocks.push(section(decided.length ? text.decide : text.nothingToDecide));
  for (const criterion of decided) {
    const own = facts.values.get(criterion.id);
    const claimed = own?.value === null || own?.value === undefined ? undefined : formatNumber(own.value, locale);
    const hint =
      criterion.kind === 'graded'
        ? text.gradedHint(claimed ?? '—')
        : claimed === undefined
          ? text.noClaim
          : (criterion.kind === 'bonus' ? text.bonusHint : text.deductionHint)(claimed, truncate(own?.reason ?? '', 500));
    const ceiling = reviewCeiling(criterion.kind, criterion.maxPoints, own?.value);
    blocks.push(
      pointsField(
        pointsBlockId(criterion.id),
        text.gradedLabel(criterionLabel(criterion), formatNumber(ceiling, locale)),
        hint,
        facts.startingPoints.get(criterion.id),
      ),
    );
  }
  blocks.push(
    field(REVIEW_OUTCOME_BLOCK, text.outcomeLabel, undefined, {
      type: 'radio_buttons',
      action_id: REVIEW_INPUT_ACTION,
      options: [option(text.confirm, REVIEW_CONFIRM), option(text.returnIt, REVIEW_RETURN)],
      initial_option: option(text.confirm, REVIEW_CONFIRM),
    }),
    field(REVIEW_REASON_BLOCK, text.reasonLabel, text.reasonHint, {
      type: 'plain_text_input',
      action_id: REVIEW_INPUT_ACTION,
      multiline: true,
      max_length: FIELD_LIMITS.reason,
    }),
  );
  return formModal({
    callbackId: REVIEW_CALLBACK,
    title: text.title,
    submit: text.submit,
    close: text.cancel,
    metadata: facts.metadata,
    blocks,
  });
}

/** The modal once a review is submitted: `message` is plain text (names as the organisation file has them), escaped here. */
export function buildReviewResultView(message: string, locale: Locale): ModalView {
  return noticeModal(reviewText[locale].title, reviewText[locale].close, escapeMrkdwn(message));
}

/** The DM to a unit's officers when the lead returns its report, with a button that opens it again. */
export function buildReturnedMessage(
  facts: { unitName: string; unitCode: string; period: { name: string; code: string; year: number }; by: string; reason: string },
  locale: Locale,
): { text: string; blocks: KnownBlock[] } {
  const text = reviewText[locale];
  const { actionId, value } = nudgeButtonValue({
    kind: 'report',
    year: facts.period.year,
    periodCode: facts.period.code,
    unitCode: facts.unitCode,
  });
  const message = text.returnedMessage(
    escapeMrkdwn(facts.unitName),
    escapeMrkdwn(facts.period.name),
    mention(facts.by),
    escapeMrkdwn(facts.reason),
  );
  return {
    text: message,
    blocks: [
      section(message),
      { type: 'actions', block_id: 'report_returned', elements: [button(text.openReport, actionId, value, 'primary')] },
    ],
  };
}

/** To whoever reviews: a returned report came back, with a button that opens its review. */
export function buildResubmittedMessage(
  facts: { unitName: string; periodName: string; version: { id: number; number: number } },
  locale: Locale,
): { text: string; blocks: KnownBlock[] } {
  const text = reviewText[locale];
  const message = text.resubmitted(escapeMrkdwn(facts.unitName), escapeMrkdwn(facts.periodName), facts.version.number);
  return {
    text: message,
    blocks: [
      section(message),
      {
        type: 'actions',
        block_id: 'report_resubmitted',
        elements: [button(text.reviewNow, REVIEW_OPEN, String(facts.version.id), 'primary')],
      },
    ],
  };
}

export function buildReviewedMessage(
  facts: { unitName: string; periodName: string; by: string; total: number },
  locale: Locale,
): { text: string } {
  return {
    text: reviewText[locale].reviewedMessage(
      escapeMrkdwn(facts.unitName),
      escapeMrkdwn(facts.periodName),
      mention(facts.by),
      formatPoints(facts.total, locale),
    ),
  };
}
