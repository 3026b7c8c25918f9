import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { EvidenceFile } from '../domain/evidence';
import { NO, type ReportAsk, YES } from '../domain/report-form';
import type { CorrectionProblem, ReviewAsk, ReviewChange } from '../domain/review-corrections';
import type { PointsProblem, ReviewProblem } from '../domain/review-form';
import { type CriterionScore, type EntryDetail, reviewCeiling } from '../domain/scoring';
import { formatDateTime, formatNumber, formatPoints, quotedAtEnd } from '../i18n/format';
import { defineMessages, type Locale } from '../i18n/messages';
import { periodInSentence, periodOfYearInSentence } from '../i18n/period-names';
import { button, context, escapeMrkdwn, field, formModal, mention, noticeModal, packTexts, section, truncate } from './blocks';
import { evidenceLines, evidenceText } from './evidence';
import { FIELD_LIMITS } from './field-limits';
import {
  REVIEW_CALLBACK,
  REVIEW_CONFIRM,
  REVIEW_INPUT_ACTION,
  REVIEW_NOTE_BLOCK_PREFIX,
  REVIEW_OPEN,
  REVIEW_OUTCOME_BLOCK,
  REVIEW_POINTS_BLOCK_PREFIX,
  REVIEW_REASON_BLOCK,
  REVIEW_RETURN,
  REVIEW_VALUE_BLOCK_PREFIX,
} from './ids';
import { momentOf, nudgeButtonValue } from './nudges';
import { criterionLabel, inputNumber } from './pledge';
import { type ReportCriterion, reportedEntryText, reportedValueText, reportText } from './report';
import { valueProblemText } from './report-modal';

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
    intro: (unit: string, period: string, year: number) => `*${unit}* — báo cáo ${periodOfYearInSentence(period, year, 'vi')}`,
    submitted: (version: number, at: string, by: string, late: boolean) =>
      `Bản ${version}, nộp ${at} bởi ${by}${late ? ' (nộp muộn)' : ' (đúng hạn)'}.`,
    changedVersion: (version: number, at: string, by: string, first: string, late: boolean) =>
      `Bản ${version}, sửa ${at} bởi ${by}; báo cáo nộp lần đầu ${first}${late ? ' (nộp muộn)' : ' (đúng hạn)'}.`,
    notes: (notes: string) => `Ghi chú của đơn vị: ${notes}`,
    previous: (by: string, at: string) => `Đã thẩm định trước đó: ${by}, ${at}; các ô dưới đây điền sẵn điểm đã chấm.`,
    figures: '*Số liệu đơn vị báo cáo*',
    line: (label: string, reported: string, points: string) => `• ${label}: ${reported} → ${points} điểm`,
    lineTarget: (label: string, reported: string, target: string, points: string) =>
      `• ${label}: ${reported} (chỉ tiêu ${target}) → ${points} điểm`,
    lineCeiling: (label: string, reported: string, ceiling: string, points: string) =>
      `• ${label}: ${reported} (mức trần ${ceiling}) → ${points} điểm`,
    lineNoTarget: (label: string, reported: string, points: string) =>
      `• ${label}: ${reported} (đơn vị chưa giao ước chỉ tiêu) → ${points} điểm`,
    decide: '*Điểm do Trưởng khối quyết định*',
    gradedLabel: (label: string, max: string) => `${label} — tối đa ${max} điểm`,
    gradedHint: (self: string) => `Đơn vị tự chấm: ${self}.`,
    bonusHint: (claimed: string, reason: string) =>
      `Đơn vị đề nghị ${claimed} điểm${reason ? `: “${reason}”` : ''}. Giữ nguyên, giảm, hoặc ghi 0 để không chấp nhận.`,
    deductionHint: (claimed: string, reason: string) => `Đơn vị ghi ${claimed} điểm trừ${reason ? `: “${reason}”` : ''}. Có thể sửa.`,
    noClaim: { bonus: 'Đơn vị không đề nghị điểm thưởng.', deduction: 'Đơn vị không ghi điểm trừ.' },
    leadScores: 'Trưởng khối chấm (đơn vị không tự chấm tiêu chí này).',
    raiseWithReason: (claimed: string) => `Ghi cao hơn ${claimed} điểm thì ghi lý do bên dưới.`,
    addWithReason: 'Ghi điểm thì ghi lý do bên dưới.',
    leadLabel: (label: string) => `${label} — Trưởng khối chấm`,
    claimLabel: (label: string, claim: string) => `${label} — đơn vị ghi: ${claim}`,
    unitGave: (answer: string) => `Đơn vị báo cáo: ${answer}. Sửa thì ghi lý do bên dưới.`,
    itemsHint: 'Đánh dấu các mục được công nhận; thêm hay bỏ mục thì ghi lý do bên dưới.',
    countHint: 'Số trường hợp được công nhận; khác số đơn vị ghi thì ghi lý do bên dưới.',
    noteLabel: (code: string) => `Lý do thay đổi — tiêu chí ${code}`,
    noteHint: 'Bắt buộc khi sửa số liệu, cộng thêm điểm thưởng hay thêm điểm trừ; đơn vị sẽ nhận được lý do này.',
    changes: '*Sửa số liệu đơn vị báo cáo* (nếu cần, kèm lý do)',
    changesIntro: 'Trưởng khối đã thay đổi:',
    correctionIntro: 'Điểm thay đổi theo bản điều chỉnh:',
    awaitingLine: (note: string) => `chờ Trưởng khối thẩm định lại${note ? `; nhận xét trước đây của Trưởng khối: “${note}”` : ''}`,
    correctionTotal: (before: string, after: string, provisional: boolean) =>
      `Tổng điểm: ${before} → ${after} điểm${provisional ? ' (tạm tính: còn tiêu chí chờ Trưởng khối thẩm định)' : ''}.`,
    pointsAfter: (points: string) => `${points} điểm`,
    changeLine: (label: string, before: string, after: string, reason: string) =>
      `• ${label}: ${before} → ${after}${reason ? ` — lý do: “${reason}”` : ''}`,
    nothingToDecide: 'Bảng tiêu chí không có tiêu chí chấm điểm, điểm thưởng hay điểm trừ cần Trưởng khối quyết định.',
    outcomeLabel: 'Kết quả thẩm định',
    confirm: 'Xác nhận kết quả',
    returnIt: 'Trả lại để đơn vị sửa',
    reasonLabel: 'Nhận xét (lý do, nếu trả lại)',
    reasonHint: 'Không bắt buộc khi xác nhận; bắt buộc khi trả lại. Đơn vị nhận được nội dung này qua tin nhắn riêng.',
    problem: {
      notANumber: (typed: string) => `Giá trị “${typed}” không phải là số. Nhập số, ví dụ 8 hoặc 8,5.`,
      range: (max: string) => `Nhập số từ 0 đến ${max}.`,
      required: 'Cần nhập điểm (có thể là 0).',
      outcome: 'Chọn xác nhận hoặc trả lại.',
      reason: 'Cần ghi lý do trả lại.',
      changeReason: 'Cần ghi lý do thay đổi: đơn vị sẽ nhận được lý do này.',
      overCap: (max: string) => `Vượt điểm tối đa của tiêu chí (${max} điểm).`,
    },
    result: {
      reviewed: (unit: string, period: string, points: string) =>
        `✅ Đã thẩm định báo cáo ${periodInSentence(period)} của ${unit}: ${points} điểm.`,
      returned: (unit: string, period: string) =>
        `Đã trả lại báo cáo ${periodInSentence(period)} cho ${unit}; cán bộ của đơn vị được báo qua tin nhắn riêng.`,
      stale: 'Báo cáo vừa có bản mới trong lúc thẩm định; chưa lưu gì. Vui lòng mở lại từ `/thidua tiendo` để thẩm định bản mới.',
      refused: 'Chỉ cán bộ của đơn vị Trưởng khối (hoặc quản trị viên) mới thẩm định được báo cáo này; chưa lưu gì.',
    },
    returnedMessage: (unit: string, period: string, by: string, reason: string) =>
      `Báo cáo ${periodInSentence(period)} của ${unit} được Trưởng khối trả lại (${by}): ${quotedAtEnd(reason)} Vui lòng sửa và nộp lại.`,
    resubmitBy: (moment: string) => `Hạn nộp lại: ${moment}.`,
    reviewedMessage: (unit: string, period: string, by: string, points: string) =>
      `Báo cáo ${periodInSentence(period)} của ${unit} đã được thẩm định (${by}): ${points} điểm.`,
    comment: (comment: string) => `Nhận xét của Trưởng khối: “${comment}”`,
    openReport: 'Mở báo cáo',
    resubmitted: (unit: string, period: string, version: number) =>
      `${unit} đã nộp lại báo cáo ${periodInSentence(period)} (bản ${version}) sau khi bị trả lại; báo cáo chờ thẩm định.`,
    changedAfterReview: (unit: string, period: string, version: number) =>
      `${unit} đã sửa báo cáo ${periodInSentence(period)} (bản ${version}) sau khi được thẩm định; kết quả thẩm định trước không còn tính, báo cáo chờ thẩm định lại.`,
    reviewNow: 'Thẩm định',
  },
  {
    title: 'Review report',
    submit: 'Save review',
    cancel: 'Cancel',
    close: 'Close',
    intro: (unit: string, period: string, year: number) => `*${unit}* — report for ${periodInSentence(period)} ${year}`,
    submitted: (version: number, at: string, by: string, late: boolean) =>
      `Version ${version}, submitted ${at} by ${by}${late ? ' (late)' : ' (on time)'}.`,
    changedVersion: (version: number, at: string, by: string, first: string, late: boolean) =>
      `Version ${version}, changed ${at} by ${by}; the report was first submitted ${first}${late ? ' (late)' : ' (on time)'}.`,
    notes: (notes: string) => `The unit's notes: ${notes}`,
    previous: (by: string, at: string) => `Reviewed before: ${by}, ${at}; the fields below hold the points given then.`,
    figures: '*Figures the unit reported*',
    line: (label: string, reported: string, points: string) => `• ${label}: ${reported} → ${points} points`,
    lineTarget: (label: string, reported: string, target: string, points: string) =>
      `• ${label}: ${reported} (target ${target}) → ${points} points`,
    lineCeiling: (label: string, reported: string, ceiling: string, points: string) =>
      `• ${label}: ${reported} (ceiling ${ceiling}) → ${points} points`,
    lineNoTarget: (label: string, reported: string, points: string) => `• ${label}: ${reported} (no pledged target) → ${points} points`,
    decide: '*Points the block lead decides*',
    gradedLabel: (label: string, max: string) => `${label} — at most ${max} points`,
    gradedHint: (self: string) => `The unit's self-score: ${self}.`,
    bonusHint: (claimed: string, reason: string) =>
      `The unit claims ${claimed} points${reason ? `: “${reason}”` : ''}. Keep, cut, or enter 0 to refuse.`,
    deductionHint: (claimed: string, reason: string) =>
      `The unit reports ${claimed} points deducted${reason ? `: “${reason}”` : ''}. May be corrected.`,
    noClaim: { bonus: 'The unit claims no bonus.', deduction: 'The unit reports no deduction.' },
    leadScores: 'Scored by the block lead (the unit does not score this criterion).',
    raiseWithReason: (claimed: string) => `More than ${claimed} points needs a reason below.`,
    addWithReason: 'Any points need a reason below.',
    leadLabel: (label: string) => `${label} — scored by the block lead`,
    claimLabel: (label: string, claim: string) => `${label} — the unit wrote: ${claim}`,
    unitGave: (answer: string) => `The unit reported: ${answer}. A change needs a reason below.`,
    itemsHint: 'Tick the items that stand; adding or removing one needs a reason below.',
    countHint: 'The number of cases that stand; a different number from the unit’s needs a reason below.',
    noteLabel: (code: string) => `Reason for the change — criterion ${code}`,
    noteHint: 'Required to change a figure, award more bonus or add a deduction; the unit is told this reason.',
    changes: "*Change the unit's figures* (if needed, with a reason)",
    changesIntro: 'The block lead changed:',
    correctionIntro: 'Points changed by the correction:',
    awaitingLine: (note: string) => `awaiting the block lead’s review again${note ? `; the lead’s earlier note: “${note}”` : ''}`,
    correctionTotal: (before: string, after: string, provisional: boolean) =>
      `Total: ${before} → ${after} points${provisional ? ' (provisional: lines await the block lead’s review)' : ''}.`,
    pointsAfter: (points: string) => `${points} points`,
    changeLine: (label: string, before: string, after: string, reason: string) =>
      `• ${label}: ${before} → ${after}${reason ? ` — reason: “${reason}”` : ''}`,
    nothingToDecide: 'The scoring table has no graded, bonus or deduction criterion for the block lead to decide.',
    outcomeLabel: 'Review outcome',
    confirm: 'Confirm the results',
    returnIt: 'Return to the unit for correction',
    reasonLabel: 'Comment (the reason, if returning)',
    reasonHint: 'Optional when confirming; required when returning. The unit receives it by direct message.',
    problem: {
      notANumber: (typed: string) => `“${typed}” is not a number. Enter a number, e.g. 8 or 8.5.`,
      range: (max: string) => `Enter a number from 0 to ${max}.`,
      required: 'Enter the points (0 allowed).',
      outcome: 'Choose confirm or return.',
      reason: 'Give the reason for returning.',
      changeReason: 'Give the reason for the change: the unit is told it.',
      overCap: (max: string) => `Above the criterion's max (${max} points).`,
    },
    result: {
      reviewed: (unit: string, period: string, points: string) =>
        `✅ ${unit}'s report for ${periodInSentence(period)} is reviewed: ${points} points.`,
      returned: (unit: string, period: string) =>
        `The report for ${periodInSentence(period)} is returned to ${unit}; its officers are told by direct message.`,
      stale:
        'The report got a new version while it was being reviewed; nothing was saved. Please open it again from `/thidua status` to review the new version.',
      refused: "Only the block lead's officers (or an admin) can review this report; nothing was saved.",
    },
    returnedMessage: (unit: string, period: string, by: string, reason: string) =>
      `${unit}'s report for ${periodInSentence(period)} was returned by the block lead (${by}): ${quotedAtEnd(reason)} Please correct and resubmit it.`,
    resubmitBy: (moment: string) => `Due again: ${moment}.`,
    reviewedMessage: (unit: string, period: string, by: string, points: string) =>
      `${unit}'s report for ${periodInSentence(period)} is reviewed (${by}): ${points} points.`,
    comment: (comment: string) => `The block lead’s comment: “${comment}”`,
    openReport: 'Open the report',
    resubmitted: (unit: string, period: string, version: number) =>
      `${unit} resubmitted its report for ${periodInSentence(period)} (version ${version}) after it was returned; it awaits review.`,
    changedAfterReview: (unit: string, period: string, version: number) =>
      `${unit} changed its report for ${periodInSentence(period)} (version ${version}) after it was reviewed; the earlier review no longer counts and the report awaits review again.`,
    reviewNow: 'Review',
  },
);

/** The criteria whose points the block lead decides. */
export const LEAD_DECIDES = new Set(['graded', 'bonus', 'deduction']);

/** One message per field in error, by block id: what Slack shows beside each (response_action: errors). */
export function reviewErrors(problems: readonly (ReviewProblem | CorrectionProblem<ReviewItem>)[], locale: Locale): Record<string, string> {
  const text = reviewText[locale].problem;
  const pointsMessage = (problem: PointsProblem, max: number) =>
    problem.kind === 'required'
      ? text.required
      : problem.kind === 'not_a_number'
        ? text.notANumber(problem.typed)
        : text.range(formatNumber(max, locale));
  return Object.fromEntries(
    // biome-ignore lint/suspicious/useIterableCallbackReturn: the switch covers every problem's field (tsc checks it).
    problems.map((problem) => {
      switch (problem.field) {
        case 'outcome':
          return [REVIEW_OUTCOME_BLOCK, text.outcome];
        case 'reason':
          return 'id' in problem ? [noteBlockId(problem.id.criterion.id), text.changeReason] : [REVIEW_REASON_BLOCK, text.reason];
        case 'points':
          return [pointsBlockId(problem.criterionId), pointsMessage(problem.problem, problem.max)];
        case 'range':
          return [answerBlockId(problem.id), text.range(formatNumber(problem.max, locale))];
        case 'over_cap':
          return [answerBlockId(problem.id), text.overCap(formatNumber(problem.max, locale))];
        case 'indicator':
          return [
            indicatorBlockId(problem.id.criterion.id, problem.code),
            valueProblemText(problem.problem, { kind: 'target', maxPoints: 0 }, locale),
          ];
        case 'value':
          return [
            answerBlockId(problem.id),
            problem.id.ask.kind === 'points'
              ? pointsMessage(problem.problem as PointsProblem, problem.id.ask.ceiling)
              : valueProblemText(problem.problem, problem.id.criterion, locale),
          ];
        case 'evidence':
        case 'files':
          return [REVIEW_REASON_BLOCK, text.reason];
      }
    }),
  );
}

export function pointsBlockId(criterionId: number): string {
  return `${REVIEW_POINTS_BLOCK_PREFIX}${criterionId}`;
}

/** The field of a lead's answer that is not points (a level, a figure, a count, items), and of each indicator. */
export function reviewValueBlockId(criterionId: number): string {
  return `${REVIEW_VALUE_BLOCK_PREFIX}${criterionId}`;
}

export function indicatorBlockId(criterionId: number, code: string): string {
  return `${REVIEW_VALUE_BLOCK_PREFIX}${criterionId}_${code}`;
}

/** The reason given for a change, an award or an added deduction. */
export function noteBlockId(criterionId: number): string {
  return `${REVIEW_NOTE_BLOCK_PREFIX}${criterionId}`;
}

function answerBlockId(item: ReviewItem): string {
  return item.ask.kind === 'points' ? pointsBlockId(item.criterion.id) : reviewValueBlockId(item.criterion.id);
}

/**
 * A criterion in the review: what the lead is asked (src/domain/review-corrections.ts), and whether
 * it is drawn as a field — a change to a figure is offered while the modal has room; past that the
 * figure is shown only.
 */
export interface ReviewItem {
  criterion: ReportCriterion;
  ask: ReviewAsk;
  field: boolean;
}

/** An entry a field starts from: the unit's, or the lead's from a previous review. */
export interface ReviewStart {
  value: number | null;
  detail?: EntryDetail | undefined;
}

export interface ReviewModalFacts {
  unitName: string;
  period: { name: string; year: number };
  version: {
    number: number;
    at: Date;
    firstAt: Date;
    by: string;
    late: boolean;
    evidenceUrl: string | null;
    evidenceFiles: readonly EvidenceFile[];
    notes: string;
  };
  previous?: { by: string; at: Date };
  zone: string;
  criteria: ReportCriterion[];
  /** What the lead is asked of each criterion (absent: version 1's points for graded, bonus and deduction). */
  items?: ReviewItem[];
  /** The unit's own figures and reasons. */
  values: ReadonlyMap<number, { value: number | null; reason: string | null; detail?: EntryDetail | undefined }>;
  targets: ReadonlyMap<number, number>;
  /** What each line scores as reported (before the lead's points). */
  scores: ReadonlyMap<number, CriterionScore>;
  /** The points the fields start from: the previous review's, else the unit's own. */
  startingPoints: ReadonlyMap<number, number>;
  /** The answers the other fields start from, and the reasons a previous review gave. */
  startingEntries?: ReadonlyMap<number, ReviewStart>;
  startingNotes?: ReadonlyMap<number, string>;
  metadata: string;
}

const option = (text: string, value: string): PlainTextOption => ({ text: { type: 'plain_text', text: truncate(text, 75) }, value });

function pointsField(blockId: string, label: string, hint: string, start: number | undefined | null, locale: Locale): InputBlock {
  return field(blockId, label, hint, {
    type: 'plain_text_input',
    action_id: REVIEW_INPUT_ACTION,
    max_length: FIELD_LIMITS.reviewPoints,
    ...(start !== undefined && start !== null ? { initial_value: inputNumber(start, locale) } : {}),
  });
}

function noteField(criterion: ReportCriterion, start: string | undefined, locale: Locale): InputBlock {
  const text = reviewText[locale];
  return field(noteBlockId(criterion.id), text.noteLabel(criterion.code), text.noteHint, {
    type: 'plain_text_input',
    action_id: REVIEW_INPUT_ACTION,
    max_length: FIELD_LIMITS.reviewNote,
    ...(start ? { initial_value: start } : {}),
  });
}

/** The field(s) of a lead's answer that is not points: a figure, each indicator, yes/no, a level, a count, items. */
function answerFields(item: ReviewItem, ask: ReportAsk, start: ReviewStart | undefined, label: string, locale: Locale): InputBlock[] {
  const text = reviewText[locale];
  const words = reportText[locale];
  const blockId = reviewValueBlockId(item.criterion.id);
  switch (ask.kind) {
    case 'indicators':
      return ask.indicators.map((indicator) =>
        pointsField(
          indicatorBlockId(item.criterion.id, indicator.code),
          `${item.criterion.code}${indicator.code}. ${indicator.name}${indicator.unit ? ` (${indicator.unit})` : ''}`,
          text.unitGave(reportedEntryText(item.criterion, start, locale)),
          start?.detail?.indicators?.[indicator.code],
          locale,
        ),
      );
    case 'yes_no': {
      const options = [option(words.yes, YES), option(words.no, NO)];
      const initial = start?.value === null || start?.value === undefined ? undefined : options[start.value > 0 ? 0 : 1];
      return [
        field(blockId, label, undefined, {
          type: 'radio_buttons',
          action_id: REVIEW_INPUT_ACTION,
          options,
          ...(initial ? { initial_option: initial } : {}),
        }),
      ];
    }
    case 'level': {
      const options = ask.levels.map((level) => ({
        ...option(`${level.name} — ${formatNumber(level.points, locale)}`, truncate(level.name, 150)),
      }));
      const initial = options.find((candidate) => candidate.value === start?.detail?.level);
      return [
        field(blockId, label, undefined, {
          type: 'static_select',
          action_id: REVIEW_INPUT_ACTION,
          options,
          ...(initial ? { initial_option: initial } : {}),
        }),
      ];
    }
    case 'claim':
      if (ask.as === 'items') {
        const options = ask.items.map((claimItem) =>
          option(
            `${claimItem.name} (${item.criterion.kind === 'bonus' ? '+' : '−'}${formatNumber(claimItem.points, locale)})`,
            truncate(claimItem.name, 150),
          ),
        );
        const initial = options.filter((candidate) => start?.detail?.items?.includes(candidate.value ?? '') === true);
        return [
          field(
            blockId,
            label,
            text.itemsHint,
            options.length <= 10
              ? { type: 'checkboxes', action_id: REVIEW_INPUT_ACTION, options, ...(initial.length ? { initial_options: initial } : {}) }
              : {
                  type: 'multi_static_select',
                  action_id: REVIEW_INPUT_ACTION,
                  placeholder: { type: 'plain_text', text: words.chooseItems },
                  options: options.slice(0, 100),
                  ...(initial.length ? { initial_options: initial } : {}),
                },
          ),
        ];
      }
      return [pointsField(blockId, label, text.countHint, start?.value, locale)];
    default:
      return [pointsField(blockId, label, text.unitGave(reportedEntryText(item.criterion, start, locale)), start?.value, locale)];
  }
}

export function buildReviewModal(facts: ReviewModalFacts, locale: Locale): ModalView {
  const text = reviewText[locale];
  const at = (instant: Date) => formatDateTime(instant, facts.zone, locale);
  const items =
    facts.items ??
    facts.criteria.map(
      (criterion): ReviewItem => ({
        criterion,
        ask: LEAD_DECIDES.has(criterion.kind)
          ? {
              kind: 'points',
              ceiling: reviewCeiling(criterion.kind, criterion.maxPoints, facts.values.get(criterion.id)?.value),
              reasonAbove: null,
            }
          : { kind: 'none' },
        field: LEAD_DECIDES.has(criterion.kind),
      }),
    );
  const blocks: KnownBlock[] = [
    section(
      `${text.intro(escapeMrkdwn(facts.unitName), escapeMrkdwn(facts.period.name), facts.period.year)}\n${
        facts.version.number > 1
          ? text.changedVersion(
              facts.version.number,
              at(facts.version.at),
              mention(facts.version.by),
              at(facts.version.firstAt),
              facts.version.late,
            )
          : text.submitted(facts.version.number, at(facts.version.at), mention(facts.version.by), facts.version.late)
      }`,
    ),
  ];
  // The link and each file, a press away for the lead; "none" beside the notes when there is neither.
  const evidence = evidenceLines({ url: facts.version.evidenceUrl, files: facts.version.evidenceFiles }, locale);
  blocks.push(...packTexts(evidence, '\n').map((chunk) => section(chunk)));
  const noted = [
    ...(evidence.length ? [] : [evidenceText[locale].none]),
    ...(facts.version.notes ? [text.notes(escapeMrkdwn(truncate(facts.version.notes, 1000)))] : []),
    ...(facts.previous ? [text.previous(mention(facts.previous.by), at(facts.previous.at))] : []),
  ];
  if (noted.length) blocks.push(context(...noted));
  const decides = (item: ReviewItem) =>
    item.ask.kind === 'points' || item.ask.kind === 'lead' || (item.ask.kind === 'change' && item.ask.ask.kind === 'claim');
  const computed = items.filter((item) => !decides(item));
  if (computed.length) {
    const lines = computed.map(({ criterion }) => {
      const reported = reportedEntryText(criterion, facts.values.get(criterion.id), locale);
      const score = facts.scores.get(criterion.id);
      const points = formatPoints(score?.points ?? 0, locale);
      const target = facts.targets.get(criterion.id);
      const label = escapeMrkdwn(criterionLabel(criterion));
      if (target === undefined) return (score?.notes.includes('missing_target') ? text.lineNoTarget : text.line)(label, reported, points);
      return (criterion.kind === 'lower_better' ? text.lineCeiling : text.lineTarget)(
        label,
        reported,
        reportedValueText(criterion, target, locale),
        points,
      );
    });
    blocks.push(...packTexts([text.figures, ...lines], '\n').map((chunk) => section(chunk)));
  }
  const decided = items.filter(decides);
  blocks.push(section(decided.length ? text.decide : text.nothingToDecide));
  for (const item of decided) {
    const { criterion, ask } = item;
    const own = facts.values.get(criterion.id);
    if (ask.kind === 'points') {
      const claimed = own?.value === null || own?.value === undefined ? undefined : formatNumber(own.value, locale);
      const hint =
        criterion.kind === 'graded'
          ? criterion.rule?.scoredBy === 'lead'
            ? text.leadScores
            : text.gradedHint(claimed ?? '—')
          : claimed === undefined || (own?.value ?? 0) <= 0
            ? text.noClaim[criterion.kind === 'bonus' ? 'bonus' : 'deduction']
            : (criterion.kind === 'bonus' ? text.bonusHint : text.deductionHint)(claimed, truncate(own?.reason?.trim() ?? '', 500));
      // One maximum, in the label: the criterion's; what needs a reason is said in the hint.
      const above = ask.reasonAbove;
      blocks.push(
        pointsField(
          pointsBlockId(criterion.id),
          text.gradedLabel(criterionLabel(criterion), formatNumber(ask.ceiling, locale)),
          above !== null && above < ask.ceiling
            ? `${hint} ${above > 0 ? text.raiseWithReason(formatNumber(above, locale)) : text.addWithReason}`
            : hint,
          facts.startingPoints.get(criterion.id),
          locale,
        ),
      );
      if (ask.reasonAbove !== null) blocks.push(noteField(criterion, facts.startingNotes?.get(criterion.id), locale));
    } else if (ask.kind === 'lead') {
      blocks.push(
        ...answerFields(item, ask.ask, facts.startingEntries?.get(criterion.id), text.leadLabel(criterionLabel(criterion)), locale),
      );
    } else if (ask.kind === 'change') {
      const claim = reportedEntryText(criterion, own, locale);
      blocks.push(
        ...answerFields(
          item,
          ask.ask,
          facts.startingEntries?.get(criterion.id) ?? own,
          text.claimLabel(criterionLabel(criterion), claim),
          locale,
        ),
        noteField(criterion, facts.startingNotes?.get(criterion.id), locale),
      );
    }
  }
  const changeable = items.filter((item) => item.field && item.ask.kind === 'change' && !decides(item));
  if (changeable.length) {
    blocks.push(section(text.changes));
    for (const item of changeable) {
      if (item.ask.kind !== 'change') continue;
      const start = facts.startingEntries?.get(item.criterion.id) ?? facts.values.get(item.criterion.id);
      blocks.push(
        ...answerFields(item, item.ask.ask, start, criterionLabel(item.criterion), locale),
        noteField(item.criterion, facts.startingNotes?.get(item.criterion.id), locale),
      );
    }
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

/** A line whose points an approved correction changed: before → after, and why. */
export interface CorrectedLine {
  criterion: ReportCriterion;
  before: number;
  after: number;
  /** The unit's reason for the correction. */
  reason: string | null;
  /** A line the lead decides that the correction changed: it waits for the lead, with the lead's earlier note. */
  awaiting?: { leadNote: string | null };
}

/**
 * What the unit is told with the approval of a correction to a reviewed report: each line whose
 * points changed, before → after with its reason, then the total (provisional while lines wait).
 */
export function correctionScoreLines(
  facts: { lines: readonly CorrectedLine[]; total: { before: number; after: number; provisional: boolean } },
  locale: Locale,
): string[] {
  const text = reviewText[locale];
  if (facts.lines.length === 0) return [];
  const lines = facts.lines.map((line) => {
    const after = text.pointsAfter(formatNumber(line.after, locale));
    return text.changeLine(
      escapeMrkdwn(criterionLabel(line.criterion)),
      formatNumber(line.before, locale),
      line.awaiting ? `${after} (${text.awaitingLine(escapeMrkdwn(line.awaiting.leadNote ?? ''))})` : after,
      escapeMrkdwn(line.reason ?? ''),
    );
  });
  const total = text.correctionTotal(
    formatPoints(facts.total.before, locale),
    formatPoints(facts.total.after, locale),
    facts.total.provisional,
  );
  return [text.correctionIntro, ...lines, total];
}

/** The DM to a unit's officers when the lead returns its report, with a button that opens it again. */
export function buildReturnedMessage(
  facts: {
    unitName: string;
    unitCode: string;
    period: { name: string; code: string; year: number };
    by: string;
    reason: string;
    /** When it is due again, read in `zone`. */
    resubmitBy: Date;
    zone: string;
  },
  locale: Locale,
): { text: string; blocks: KnownBlock[] } {
  const text = reviewText[locale];
  const { actionId, value } = nudgeButtonValue({
    kind: 'report',
    year: facts.period.year,
    periodCode: facts.period.code,
    unitCode: facts.unitCode,
  });
  const message = `${text.returnedMessage(
    escapeMrkdwn(facts.unitName),
    escapeMrkdwn(facts.period.name),
    mention(facts.by),
    escapeMrkdwn(facts.reason),
  )}\n${text.resubmitBy(momentOf(facts.resubmitBy, facts.zone, locale))}`;
  return {
    text: message,
    blocks: [
      section(message),
      { type: 'actions', block_id: 'report_returned', elements: [button(text.openReport, actionId, value, 'primary')] },
    ],
  };
}

/** To whoever reviews: a returned report came back, or a reviewed one changed, with a button that opens its review. */
export function buildResubmittedMessage(
  facts: { unitName: string; periodName: string; version: { id: number; number: number }; after: 'returned' | 'reviewed' },
  locale: Locale,
): { text: string; blocks: KnownBlock[] } {
  const text = reviewText[locale];
  const say = facts.after === 'returned' ? text.resubmitted : text.changedAfterReview;
  const message = say(escapeMrkdwn(facts.unitName), escapeMrkdwn(facts.periodName), facts.version.number);
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
  facts: {
    unitName: string;
    periodName: string;
    by: string;
    total: number;
    /** What the lead changed, each with its reason (src/domain/review-corrections.ts). */
    changes?: readonly ReviewChange[];
    criteria?: readonly ReportCriterion[];
    /** The lead's comment on confirming, when there is one. */
    comment?: string;
  },
  locale: Locale,
): { text: string } {
  const text = reviewText[locale];
  const headline = [
    text.reviewedMessage(
      escapeMrkdwn(facts.unitName),
      escapeMrkdwn(facts.periodName),
      mention(facts.by),
      formatPoints(facts.total, locale),
    ),
    ...(facts.comment ? [text.comment(escapeMrkdwn(facts.comment))] : []),
  ].join('\n');
  const criteria = new Map((facts.criteria ?? []).map((criterion) => [criterion.id, criterion]));
  // reportedEntryText gives mrkdwn already (the file's words escaped).
  const lines = (facts.changes ?? []).flatMap((change) => {
    const criterion = criteria.get(change.criterionId);
    if (!criterion) return [];
    const after =
      'points' in change.after
        ? text.pointsAfter(formatNumber(change.after.points, locale))
        : reportedEntryText(criterion, change.after.entry, locale);
    return [
      text.changeLine(
        escapeMrkdwn(criterionLabel(criterion)),
        reportedEntryText(criterion, change.before, locale),
        after,
        escapeMrkdwn(change.reason),
      ),
    ];
  });
  return { text: lines.length ? [headline, text.changesIntro, ...lines].join('\n') : headline };
}
