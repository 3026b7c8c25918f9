import type { ReportChange } from '../domain/report-diff';
import type { ReportAsk } from '../domain/report-form';
import type { EntryDetail, ScoringCriterion } from '../domain/scoring';
import { countOf, formatDateTime, formatNumber, formatPoints, quotedAtEnd } from '../i18n/format';
import { defineMessages, type Locale } from '../i18n/messages';
import { periodInSentence, periodOfYearInSentence } from '../i18n/period-names';
import { escapeMrkdwn, truncate } from './blocks';
import { fileLinks } from './evidence';
import { criterionLabel } from './pledge';

/**
 * The periodic report (báo cáo tiến độ): its modal, the result, the officer's confirmation and the
 * block channel's line. One field per criterion by kind, the pledged target beside target and
 * lower-is-better fields, a reason beside bonus and deduction points, then evidence and notes.
 */
export type ReportMode = 'submit' | 'late' | 'edit' | 'returned' | 'locked';

/** An entry as people read it: its level, the items ticked, each indicator's result, else its value. */
export function reportedEntryText(
  criterion: Pick<ReportCriterion, 'kind' | 'measureUnit' | 'rule' | 'ask'>,
  entry: { value: number | null; detail?: EntryDetail | undefined } | null | undefined,
  locale: Locale,
): string {
  const detail = entry?.detail;
  if (detail?.level) return `“${escapeMrkdwn(detail.level)}”`;
  if (detail?.items) return detail.items.length ? escapeMrkdwn(detail.items.join('; ')) : reportText[locale].change.none;
  if (detail?.indicators) {
    const indicators = criterion.ask?.kind === 'indicators' ? criterion.ask.indicators : [];
    return Object.entries(detail.indicators)
      .map(([code, result]) => {
        const indicator = indicators.find((candidate) => candidate.code === code);
        const shown = reportedValueText({ kind: 'target', measureUnit: indicator?.unit ?? null }, result, locale);
        return `${escapeMrkdwn(indicator?.name ?? code)}: ${shown}`;
      })
      .join('; ');
  }
  return reportedValueText(criterion, entry?.value ?? null, locale);
}

/** A reported value as people read it: "98%", "Có", "3 điểm" (mrkdwn: the file's words escaped). */
export function reportedValueText(criterion: Pick<ReportCriterion, 'kind' | 'measureUnit'>, value: number | null, locale: Locale): string {
  const text = reportText[locale];
  if (value === null) return text.change.none;
  if (criterion.kind === 'yes_no') return value > 0 ? text.yes : text.no;
  const number = formatNumber(value, locale, 6);
  return criterion.measureUnit === '%' ? `${number}%` : criterion.measureUnit ? `${number} ${escapeMrkdwn(criterion.measureUnit)}` : number;
}

/** A criterion as the forms show it: the scoring engine's, with its unit of measure. */
export interface ReportCriterion extends ScoringCriterion {
  measureUnit: string | null;
  /** What the unit is asked (src/domain/report-form.ts reportAsk); absent: what the kind asks in version 1. */
  ask?: ReportAsk;
}

export const reportText = defineMessages(
  {
    title: 'Báo cáo kỳ',
    submit: {
      submit: 'Nộp báo cáo',
      late: 'Nộp báo cáo',
      edit: 'Lưu báo cáo',
      returned: 'Nộp lại báo cáo',
      locked: 'Gửi đề nghị sửa',
    } satisfies Record<ReportMode, string>,
    nextPage: 'Trang tiếp',
    cancel: 'Hủy',
    close: 'Đóng',
    intro: (unit: string, block: string) => `*${unit}* — ${block}`,
    period: (name: string, year: number, from: string, to: string) =>
      `Báo cáo ${periodOfYearInSentence(name, year, 'vi')} (${from} – ${to})`,
    extendedDue: (due: string) => `${due} (đã gia hạn)`,
    mode: {
      submit: (due: string) => `Hạn nộp: ${due}.`,
      late: (due: string) => `Đã quá hạn nộp (${due}): báo cáo vẫn được nhận và ghi là nộp muộn.`,
      edit: (due: string, lockedAt: string) =>
        `Hạn nộp: ${due}. Đơn vị sửa báo cáo trực tiếp đến ${lockedAt}; mỗi lần lưu là một bản mới, các bản cũ vẫn được giữ.`,
      returned: (reason: string, by: string, due: string) =>
        `Trưởng khối đã trả lại báo cáo (${by}): ${quotedAtEnd(reason)} Sửa và nộp lại${due ? ` trước ${due}` : ''}; bản nộp lại được nhận trực tiếp.`,
      locked: (lockedAt: string, decider: string) =>
        `Báo cáo đã khóa từ ${lockedAt}: thay đổi sẽ thành đề nghị sửa gửi ${decider} duyệt; bản đang có hiệu lực giữ nguyên đến khi được duyệt.`,
    },
    prefilledInForce: (version: number, at: string, by: string) => `Đã điền sẵn báo cáo đang có hiệu lực (bản ${version}, ${at}, ${by}).`,
    prefilledPending: (at: string, by: string) => `Đã điền sẵn đề nghị sửa đang chờ duyệt (gửi ${at}, ${by}); gửi lại sẽ thay đề nghị đó.`,
    reviewed: (by: string, at: string) => `Đã thẩm định: ${by}, ${at}.`,
    reviewedThenEdited: (by: string, at: string) =>
      `Đã thẩm định: ${by}, ${at}. Lưu bản mới thì kết quả thẩm định này không còn: báo cáo trở lại chờ Trưởng khối thẩm định.`,
    provisional: (points: string, leftOut: string) => `Điểm tạm tính của bản đang có hiệu lực: *${points} điểm*${leftOut}.`,
    reviewedScore: (points: string) => `Điểm đã thẩm định của bản đang có hiệu lực: *${points} điểm*.`,
    score: (points: string, leftOut: string) => `Điểm tạm tính: ${points} điểm${leftOut}.`,
    leftOut: {
      bonus: 'điểm thưởng',
      leadScored: 'các tiêu chí do Trưởng khối chấm',
      and: ' và ',
      sentence: (parts: string) => ` (chưa gồm ${parts})`,
      selfScored: ' Điểm tự chấm được tính tạm đến khi Trưởng khối thẩm định.',
    },
    actingAsAdmin: 'Quản trị viên thực hiện thay cho đơn vị; việc này được ghi vào nhật ký.',
    pageOf: (page: number, count: number, first: number, last: number, total: number) =>
      `Trang ${page}/${count} — tiêu chí ${first}–${last} trên ${total}.`,
    hint: {
      target: (pledged: string) => `Kết quả đạt được. Chỉ tiêu đã giao ước: ${pledged}.`,
      lower_better: (pledged: string) => `Số thực tế. Mức trần đã giao ước: ${pledged}.`,
      noPledge:
        'Đơn vị chưa giao ước chỉ tiêu này: tiêu chí được tính 0 điểm cho đến khi có chỉ tiêu (riêng số thực tế bằng 0 vẫn đủ điểm với tiêu chí càng thấp càng tốt).',
      yes_no: (max: string) => `Có: ${max} điểm; không: 0 điểm.`,
      graded: (max: string) => `Tự chấm từ 0 đến ${max} điểm; Trưởng khối thẩm định.`,
      levels: (max: string) => `Chọn một mức, tối đa ${max} điểm.`,
      count: (rule: string) => `Số trường hợp (số nguyên, 0 nếu không có): ${rule}.`,
      claimCount: (rule: string) => `Số trường hợp (số nguyên); để trống nếu không có: ${rule}.`,
      claimItems: (rule: string) => `Đánh dấu các mục đơn vị có: ${rule}.`,
      bonus: (max: string) =>
        `Điểm thưởng đề nghị, tối đa ${max} điểm; để trống nếu không có. Chỉ được tính sau khi Trưởng khối thẩm định.`,
      deduction: (max: string) => `Điểm trừ, tối đa ${max} điểm; để trống nếu không có.`,
      reason: 'Bắt buộc khi có điểm: căn cứ, số văn bản khen thưởng hoặc vi phạm.',
    },
    reasonLabel: (code: string) => `Lý do — tiêu chí ${code}`,
    chooseItems: 'Chọn các mục',
    notAsked: { lead: 'do Trưởng khối chấm', auto: 'tự động', not_applicable: 'không áp dụng với đơn vị' },
    autoPledge: (at: string | null, onTime: boolean) =>
      at === null ? 'tự động: chưa ký giao ước' : `tự động: đã ký ngày ${at}${onTime ? '' : ' (sau hạn)'}`,
    autoReport: (due: string) => `tự động: theo thời điểm nộp bản đầu tiên của báo cáo (hạn ${due})`,
    yes: 'Có',
    no: 'Không',
    placeholder: 'ví dụ 95 hoặc 95,5',
    evidenceLabel: 'Minh chứng (đường dẫn)',
    evidenceHint: 'Đường dẫn tới hồ sơ, tài liệu minh chứng (https://…). Không bắt buộc.',
    filesLabel: 'Tệp minh chứng',
    filesHint: (max: number) => `Tải lên tối đa ${max} tệp: PDF, Word, Excel, PowerPoint, ảnh hoặc ZIP. Không bắt buộc.`,
    filesMore: (kept: number, max: number) =>
      `Tải thêm tệp: PDF, Word, Excel, PowerPoint, ảnh hoặc ZIP; cùng các tệp đã nộp được giữ lại, tối đa ${max} tệp (đang giữ ${kept}).`,
    keptLabel: 'Tệp đã nộp',
    keptHint: 'Bỏ chọn tệp không còn dùng làm minh chứng.',
    uploadAgain: (count: number) =>
      `${count} tệp vừa tải lên chưa được lưu vì báo cáo đã khóa trong lúc đồng chí điền: xin tải lên lại ở ô “Tệp minh chứng”.`,
    notesLabel: 'Ghi chú',
    notesHint: 'Không bắt buộc.',
    problem: {
      required: {
        target: 'Cần nhập kết quả đạt được.',
        lower_better: 'Cần nhập số thực tế (có thể là 0).',
        graded: 'Cần nhập điểm tự chấm.',
        levels: 'Cần chọn một mức.',
        count: 'Cần nhập số trường hợp (0 nếu không có).',
        bonus: 'Cần nhập số điểm thưởng đề nghị.',
        deduction: 'Cần nhập số điểm trừ.',
      },
      notANumber: (typed: string, hint: string) => `Giá trị “${typed}” không phải là số. ${hint}`,
      numberHint: 'Nhập số, ví dụ 95 hoặc 95,5.',
      negative: 'Nhập số không âm, ví dụ 0 hoặc 95.',
      pointsRange: (max: string) => `Nhập điểm từ 0 đến ${max}.`,
      choice: 'Chọn Có hoặc Không.',
      chooseLevel: 'Chọn một mức.',
      chooseItem: 'Đánh dấu ít nhất một mục, hoặc xóa lý do nếu không có.',
      wholeCount: 'Nhập số nguyên không âm, ví dụ 0, 1 hoặc 2.',
      unknownChoice: 'Lựa chọn này không còn trong bảng tiêu chí; vui lòng chọn lại.',
      reason: 'Cần ghi lý do cho số điểm này.',
      evidence:
        'Minh chứng phải là một đường dẫn trang web, ví dụ drive.vinhphuc.gov.vn/bao-cao-q1.pdf hoặc https://drive.vinhphuc.gov.vn/bao-cao-q1.pdf.',
      files: {
        too_many: (count: number, max: number) => `Tối đa ${max} tệp minh chứng; đang có ${count} tệp. Bỏ bớt tệp rồi gửi lại.`,
        type: (name: string) => `Tệp “${name}” không thuộc loại được nhận. Chỉ nhận PDF, Word, Excel, PowerPoint, ảnh hoặc ZIP.`,
        unreadable: 'Không đọc được tệp vừa tải lên; vui lòng tải lại.',
      },
    },
    result: {
      submitted: (unit: string, period: string, score: string) => `✅ Đã nộp báo cáo ${periodInSentence(period)} của ${unit}. ${score}`,
      submittedLate: (unit: string, period: string, score: string) =>
        `✅ Đã nộp báo cáo ${periodInSentence(period)} của ${unit} (nộp muộn). ${score}`,
      updated: (unit: string, period: string, version: number, score: string) =>
        `✅ Đã lưu báo cáo ${periodInSentence(period)} của ${unit} (bản ${version}). ${score}`,
      requested: (decider: string) =>
        `Đã gửi đề nghị sửa báo cáo tới ${decider} duyệt. Bản đang có hiệu lực giữ nguyên đến khi được duyệt; kết quả sẽ được báo qua tin nhắn riêng.`,
      unchanged: 'Không có thay đổi nào so với báo cáo đang có hiệu lực; chưa lưu gì.',
      unchangedPending: 'Không có thay đổi nào so với đề nghị sửa đang chờ duyệt; chưa lưu gì.',
      withdrawn: 'Nội dung trùng với báo cáo đang có hiệu lực: đã rút đề nghị sửa đang chờ duyệt.',
      stale: 'Bảng tiêu chí của khối vừa thay đổi trong lúc điền biểu mẫu; chưa lưu gì. Vui lòng gõ lại `/thidua baocao`.',
    },
    submittedLine: (unit: string, period: string, late: boolean, done: number, total: number, byAdmin: boolean) =>
      `${unit} đã nộp báo cáo ${periodInSentence(period)}${late ? ' (nộp muộn)' : ''} — ${done}/${total} đơn vị${byAdmin ? ' (quản trị viên nộp thay)' : ''}`,
    confirmation: (unit: string, period: string, at: string, version: number, score: string) =>
      `✅ Đã nhận báo cáo ${periodInSentence(period)} của ${unit} lúc ${at} (bản ${version}). ${score}`,
    requestTitle: (period: string, year: number) => `Sửa báo cáo ${periodOfYearInSentence(period, year, 'vi')}`,
    change: {
      value: (label: string, before: string, after: string) => `${label}: ${before} → ${after}`,
      reason: (label: string, before: string, after: string) => `${label} — lý do: ${before} → ${after}`,
      evidence: (before: string, after: string) => `Minh chứng: ${before} → ${after}`,
      files: (before: string, after: string) => `Tệp minh chứng: ${before} → ${after}`,
      notes: (before: string, after: string) => `Ghi chú: ${before} → ${after}`,
      none: '(trống)',
    },
  },
  {
    title: 'Period report',
    submit: {
      submit: 'Submit report',
      late: 'Submit report',
      edit: 'Save report',
      returned: 'Resubmit report',
      locked: 'Request change',
    } satisfies Record<ReportMode, string>,
    nextPage: 'Next page',
    cancel: 'Cancel',
    close: 'Close',
    intro: (unit: string, block: string) => `*${unit}* — ${block}`,
    period: (name: string, year: number, from: string, to: string) => `Report for ${periodInSentence(name)} ${year} (${from} – ${to})`,
    extendedDue: (due: string) => `${due} (extended)`,
    mode: {
      submit: (due: string) => `Due: ${due}.`,
      late: (due: string) => `The due (${due}) has passed: the report is still accepted and recorded as late.`,
      edit: (due: string, lockedAt: string) =>
        `Due: ${due}. The unit edits the report directly until ${lockedAt}; each save is a new version and earlier ones are kept.`,
      returned: (reason: string, by: string, due: string) =>
        `The block lead returned the report (${by}): ${quotedAtEnd(reason)} Correct and resubmit${due ? ` by ${due}` : ''}; the resubmission is accepted directly.`,
      locked: (lockedAt: string, decider: string) =>
        `The report is locked since ${lockedAt}: a change becomes a request for ${decider}; the version in force stays until it is approved.`,
    },
    prefilledInForce: (version: number, at: string, by: string) => `Filled in from the report in force (version ${version}, ${at}, ${by}).`,
    prefilledPending: (at: string, by: string) =>
      `Filled in from the change request awaiting approval (sent ${at}, ${by}); sending again replaces it.`,
    reviewed: (by: string, at: string) => `Reviewed: ${by}, ${at}.`,
    reviewedThenEdited: (by: string, at: string) =>
      `Reviewed: ${by}, ${at}. Saving a new version sets this review aside: the report waits for the block lead's review again.`,
    provisional: (points: string, leftOut: string) => `Provisional score of the version in force: *${points} points*${leftOut}.`,
    reviewedScore: (points: string) => `Reviewed score of the version in force: *${points} points*.`,
    score: (points: string, leftOut: string) => `Provisional score: ${points} points${leftOut}.`,
    leftOut: {
      bonus: 'bonus points',
      leadScored: 'the criteria the block lead scores',
      and: ' and ',
      sentence: (parts: string) => ` (not counting ${parts})`,
      selfScored: ' Self-scores count provisionally until the block lead reviews them.',
    },
    actingAsAdmin: 'An admin acts for the unit; this is recorded in the audit log.',
    pageOf: (page: number, count: number, first: number, last: number, total: number) =>
      `Page ${page} of ${count} — criteria ${first}–${last} of ${total}.`,
    hint: {
      target: (pledged: string) => `The value achieved. Pledged target: ${pledged}.`,
      lower_better: (pledged: string) => `The actual figure. Pledged ceiling: ${pledged}.`,
      noPledge:
        'The unit pledged no target for this criterion: it scores 0 until it has one (except an actual of 0 on a lower-is-better one, which scores in full).',
      yes_no: (max: string) => `Yes: ${max} points; no: 0.`,
      graded: (max: string) => `Self-score from 0 to ${max}; the block lead reviews it.`,
      levels: (max: string) => `Choose one level, up to ${max} points.`,
      count: (rule: string) => `How many cases (a whole number, 0 if none): ${rule}.`,
      claimCount: (rule: string) => `How many cases (a whole number); leave empty if none: ${rule}.`,
      claimItems: (rule: string) => `Tick the items the unit has: ${rule}.`,
      bonus: (max: string) => `Bonus points claimed, at most ${max}; leave empty if none. Counted once the block lead has reviewed them.`,
      deduction: (max: string) => `Points deducted, at most ${max}; leave empty if none.`,
      reason: 'Required with points: the ground, the number of the award or the violation.',
    },
    reasonLabel: (code: string) => `Reason — criterion ${code}`,
    chooseItems: 'Choose the items',
    notAsked: { lead: 'scored by the block lead', auto: 'automatic', not_applicable: 'does not apply to the unit' },
    autoPledge: (at: string | null, onTime: boolean) =>
      at === null ? 'automatic: pledge not signed' : `automatic: signed ${at}${onTime ? '' : ' (late)'}`,
    autoReport: (due: string) => `automatic: by when the report's first version is submitted (due ${due})`,
    yes: 'Yes',
    no: 'No',
    placeholder: 'e.g. 95 or 95.5',
    evidenceLabel: 'Evidence (link)',
    evidenceHint: 'A link to the supporting documents (https://…). Optional.',
    filesLabel: 'Evidence files',
    filesHint: (max: number) => `Upload up to ${max} files: PDF, Word, Excel, PowerPoint, pictures or ZIP. Optional.`,
    filesMore: (kept: number, max: number) =>
      `Upload more files: PDF, Word, Excel, PowerPoint, pictures or ZIP; with the files kept, at most ${max} (${kept} kept).`,
    keptLabel: 'Files submitted',
    keptHint: 'Untick a file that is no longer evidence.',
    uploadAgain: (count: number) =>
      `The ${countOf(count, 'file')} just uploaded ${count === 1 ? 'was' : 'were'} not kept because the report locked while it was being filled in: please upload ${count === 1 ? 'it' : 'them'} again under “Evidence files”.`,
    notesLabel: 'Notes',
    notesHint: 'Optional.',
    problem: {
      required: {
        target: 'Enter the value achieved.',
        lower_better: 'Enter the actual figure (0 allowed).',
        graded: 'Enter the self-score.',
        levels: 'Choose a level.',
        count: 'Enter how many cases (0 if none).',
        bonus: 'Enter the bonus points claimed.',
        deduction: 'Enter the points deducted.',
      },
      notANumber: (typed: string, hint: string) => `“${typed}” is not a number. ${hint}`,
      numberHint: 'Enter a number, e.g. 95 or 95.5.',
      negative: 'Enter a number of 0 or more, e.g. 0 or 95.',
      pointsRange: (max: string) => `Enter points from 0 to ${max}.`,
      choice: 'Choose Yes or No.',
      chooseLevel: 'Choose a level.',
      chooseItem: 'Tick at least one item, or clear the reason if there is none.',
      wholeCount: 'Enter a whole number of 0 or more, e.g. 0, 1 or 2.',
      unknownChoice: 'This choice is no longer in the scoring table; please choose again.',
      reason: 'Give the reason for these points.',
      evidence: 'Evidence must be a web link, e.g. drive.example.gov.vn/report-q1.pdf or https://drive.example.gov.vn/report-q1.pdf.',
      files: {
        too_many: (count: number, max: number) => `At most ${max} evidence files; there are ${count}. Remove some and submit again.`,
        type: (name: string) => `The file “${name}” is not a kind taken. Only PDF, Word, Excel, PowerPoint, pictures or ZIP.`,
        unreadable: 'The file just uploaded could not be read; please upload it again.',
      },
    },
    result: {
      submitted: (unit: string, period: string, score: string) =>
        `✅ ${unit}'s report for ${periodInSentence(period)} is submitted. ${score}`,
      submittedLate: (unit: string, period: string, score: string) =>
        `✅ ${unit}'s report for ${periodInSentence(period)} is submitted (late). ${score}`,
      updated: (unit: string, period: string, version: number, score: string) =>
        `✅ ${unit}'s report for ${periodInSentence(period)} is saved (version ${version}). ${score}`,
      requested: (decider: string) =>
        `The change request was sent to ${decider}. The version in force stays until it is approved; the outcome comes by direct message.`,
      unchanged: 'Nothing differs from the report in force; nothing was saved.',
      unchangedPending: 'Nothing differs from the change request awaiting approval; nothing was saved.',
      withdrawn: 'Identical to the report in force: the change request awaiting approval is withdrawn.',
      stale: "The block's scoring table changed while the form was open; nothing was saved. Please type `/thidua report` again.",
    },
    submittedLine: (unit: string, period: string, late: boolean, done: number, total: number, byAdmin: boolean) =>
      `${unit} submitted its report for ${periodInSentence(period)}${late ? ' (late)' : ''} — ${done}/${total} units${byAdmin ? ' (submitted by an admin)' : ''}`,
    confirmation: (unit: string, period: string, at: string, version: number, score: string) =>
      `✅ ${unit}'s report for ${periodInSentence(period)} was received at ${at} (version ${version}). ${score}`,
    requestTitle: (period: string, year: number) => `Change to the ${periodInSentence(period)} ${year} report`,
    change: {
      value: (label: string, before: string, after: string) => `${label}: ${before} → ${after}`,
      reason: (label: string, before: string, after: string) => `${label} — reason: ${before} → ${after}`,
      evidence: (before: string, after: string) => `Evidence: ${before} → ${after}`,
      files: (before: string, after: string) => `Evidence files: ${before} → ${after}`,
      notes: (before: string, after: string) => `Notes: ${before} → ${after}`,
      none: '(empty)',
    },
  },
);

export function buildSubmittedLine(
  facts: { unitName: string; periodName: string; late: boolean; done: number; total: number; byAdmin: boolean },
  locale: Locale,
): { text: string } {
  return {
    text: reportText[locale].submittedLine(
      escapeMrkdwn(facts.unitName),
      escapeMrkdwn(facts.periodName),
      facts.late,
      facts.done,
      facts.total,
      facts.byAdmin,
    ),
  };
}

export function buildReportConfirmation(
  facts: { unitName: string; periodName: string; at: Date; version: number; score: ProvisionalScore; zone: string },
  locale: Locale,
): { text: string } {
  return {
    text: reportText[locale].confirmation(
      escapeMrkdwn(facts.unitName),
      escapeMrkdwn(facts.periodName),
      formatDateTime(facts.at, facts.zone, locale),
      facts.version,
      provisionalScoreText(facts.score, locale),
    ),
  };
}

/**
 * A unit's provisional total before the lead's review: a claimed bonus and the lines the lead scores
 * count 0 until reviewed (left out), self-scores count as entered until reviewed.
 */
export interface ProvisionalScore {
  total: number;
  leftOut: { bonus: boolean; leadScored: boolean };
  selfScored: boolean;
}

/** "(chưa gồm điểm thưởng và …)" when the total leaves something out, else nothing. */
function leftOutText(score: ProvisionalScore, locale: Locale): string {
  const words = reportText[locale].leftOut;
  const parts = [...(score.leftOut.bonus ? [words.bonus] : []), ...(score.leftOut.leadScored ? [words.leadScored] : [])];
  return parts.length ? words.sentence(parts.join(words.and)) : '';
}

/** "Điểm tạm tính: 60,00 điểm (chưa gồm …)." and, with self-scores, that they count until reviewed. */
export function provisionalScoreText(score: ProvisionalScore, locale: Locale): string {
  const text = reportText[locale];
  return text.score(formatPoints(score.total, locale), leftOutText(score, locale)) + (score.selfScored ? text.leftOut.selfScored : '');
}

/** The form's line about the version in force: its reviewed total, or its provisional total and what it leaves out. */
export function provisionalInForceText(score: ProvisionalScore, locale: Locale, reviewed: boolean): string {
  const text = reportText[locale];
  if (reviewed) return text.reviewedScore(formatPoints(score.total, locale));
  return (
    text.provisional(formatPoints(score.total, locale), leftOutText(score, locale)) + (score.selfScored ? text.leftOut.selfScored : '')
  );
}

/** One line per change, in the organisation's language, in the form's order, as mrkdwn (what was typed escaped). */
export function describeReportChanges(
  changes: readonly ReportChange[],
  criteria: ReadonlyMap<number, ReportCriterion>,
  locale: Locale,
): string[] {
  const text = reportText[locale].change;
  const quote = (words: string | null) => (words ? `“${escapeMrkdwn(truncate(words, 300))}”` : text.none);
  const label = (criterion: ReportCriterion) => escapeMrkdwn(criterionLabel(criterion));
  // biome-ignore lint/suspicious/useIterableCallbackReturn: the switch covers every ReportChange kind (tsc checks it).
  return changes.map((change) => {
    switch (change.kind) {
      case 'value': {
        const criterion = criteria.get(change.id)!;
        return text.value(
          label(criterion),
          reportedEntryText(criterion, change.before, locale),
          reportedEntryText(criterion, change.after, locale),
        );
      }
      case 'reason':
        return text.reason(label(criteria.get(change.id)!), quote(change.before), quote(change.after));
      case 'evidence':
        return text.evidence(
          change.before ? escapeMrkdwn(change.before) : text.none,
          change.after ? escapeMrkdwn(change.after) : text.none,
        );
      case 'files':
        // The files now given as links (the decider opens them), those before by name.
        return text.files(
          change.before.length ? change.before.map((file) => escapeMrkdwn(truncate(file.name, 150))).join('; ') : text.none,
          change.after.length ? fileLinks(change.after) : text.none,
        );
      case 'notes':
        return text.notes(quote(change.before || null), quote(change.after));
    }
  });
}
