import type { KnownBlock } from '@slack/types';
import { formatDateTime, formatLocalDate, quotedAtEnd } from '../i18n/format';
import { defineMessages, type Locale } from '../i18n/messages';
import { periodInSentence } from '../i18n/period-names';
import { ADMIN_TOOLS, adminOpenButton } from './admin-tools';
import { actions, button, escapeMrkdwn, header, mention, section } from './blocks';
import { nudgeButtonValue } from './nudges';

/**
 * What the admin tools say (`/thidua quantri`): the menu, each change confirmed in words, what the
 * people concerned are told, and why a form is refused, field by field.
 */
export const adminText = defineMessages(
  {
    menuTitle: 'Quản trị thi đua',
    menuIntro:
      'Công cụ của Ban Thi đua – Khen thưởng. Mỗi thay đổi được ghi vào nhật ký. Gõ nhanh: `/thidua quantri canbo`, `truongkhoi`, `giahan`, `molai`, `ngaynghi`, `nhatky [đơn vị] [@người] [từ ngày] [đến ngày]`, `teptochuc`.',
    refused: 'Chỉ quản trị viên (Ban Thi đua – Khen thưởng) mới dùng được công cụ này; chưa có thay đổi nào.',
    repeat: 'Yêu cầu này đã được thực hiện.',
    unknownTool: (typed: string, tools: string) => `Không có công cụ “${typed}”. Các công cụ: ${tools}.`,
    done: 'Đã xong',
    close: 'Đóng',
    save: 'Lưu',
    cancel: 'Hủy',
    officerAdded: (user: string, unit: string, previous: string | undefined) =>
      `Đã giao ${user} làm cán bộ thi đua của ${unit}${previous ? ` (thôi phụ trách ${previous})` : ''}. Đã báo cho ${user} bằng tin nhắn riêng.`,
    officerRemoved: (user: string, unit: string, remaining: number) =>
      `${user} không còn là cán bộ thi đua của ${unit}.${remaining === 0 ? ` ${unit} hiện không còn cán bộ phụ trách nào: hãy giao người thay.` : ''}`,
    leadsSet: (block: string, year: number, lead: string, deputy: string | undefined) =>
      `${block}, năm ${year}: Trưởng khối là ${lead}${deputy ? `, Phó khối là ${deputy}` : ', chưa có Phó khối'}. Kênh của khối đã được thông báo.`,
    extended: (unit: string, period: string, due: string, officers: string) =>
      `Đã gia hạn nộp báo cáo ${periodInSentence(period)} của ${unit} đến ${due}.${officers ? ` Đã báo cho ${officers}.` : ''}`,
    reopened: (unit: string, period: string, until: string, officers: string) =>
      `Đã mở lại báo cáo ${periodInSentence(period)} của ${unit} đến ${until}: đơn vị sửa và nộp trực tiếp, không cần Trưởng khối duyệt.${officers ? ` Đã báo cho ${officers}.` : ''}`,
    holidayAdded: (date: string, name: string) =>
      `Đã thêm ngày nghỉ ${date}${name ? ` (${name})` : ''}. Nhắc hạn và tổng hợp điểm tính ngày làm việc theo lịch mới.`,
    officerNotice: {
      added: (unit: string, organisation: string, by: string) =>
        `Ban Thi đua – Khen thưởng (${by}) đã giao đồng chí làm cán bộ thi đua của ${unit}, ${organisation}. Gõ \`/thidua hanchot\` để xem các hạn của đơn vị, \`/thidua help\` để xem các lệnh.`,
      removed: (unit: string, _organisation: string, by: string) =>
        `Ban Thi đua – Khen thưởng (${by}) đã thôi giao đồng chí phụ trách công tác thi đua của ${unit}.`,
    },
    leadsLine: (block: string, year: number, lead: string, deputy: string | undefined) =>
      `${block}: Trưởng khối năm ${year} là ${lead}${deputy ? `, Phó khối là ${deputy}` : ''} (theo Ban Thi đua – Khen thưởng).`,
    extensionNotice: (unit: string, period: string, due: string, reason: string) =>
      `Báo cáo ${periodInSentence(period)} của ${unit} được gia hạn nộp đến ${due}. Lý do: ${quotedAtEnd(reason)}`,
    reopenNotice: (unit: string, period: string, until: string, reason: string) =>
      `Báo cáo ${periodInSentence(period)} của ${unit} được mở lại đến ${until}: đơn vị sửa và nộp trực tiếp. Lý do: ${quotedAtEnd(reason)}`,
    pickBlock: 'Chọn khối để đặt Trưởng khối, Phó khối:',
    auditUnknownUnit: (typed: string) =>
      `Không có đơn vị “${typed}”. Ghi mã hoặc tên đơn vị, @người, ngày (ngày/tháng/năm, ví dụ 15/03/2021).`,
    auditAmbiguousUnit: (typed: string, codes: string) => `“${typed}” khớp với nhiều đơn vị: ${codes}. Vui lòng ghi mã đơn vị.`,
    auditUnreadable: (words: string) => `Không đọc được: ${words}. Ngày ghi ngày/tháng/năm, ví dụ 15/03/2021; người ghi dạng @tên.`,
    untilBeforeFrom: 'Ngày kết thúc phải từ ngày bắt đầu trở đi.',
    submit: 'Nộp báo cáo',
    edit: 'Sửa báo cáo',
    problems: {
      required: 'Chưa chọn hoặc chưa ghi.',
      unknown: 'Không còn trong tệp tổ chức; vui lòng chọn lại.',
      invalid: 'Giá trị không hợp lệ; vui lòng chọn lại.',
      not_member: 'Đơn vị này không thuộc khối trong năm đó.',
      same_as_lead: 'Phó khối phải khác Trưởng khối.',
      not_officer: 'Người này không phải cán bộ thi đua của đơn vị đã chọn.',
      already_officer: 'Người này đã là cán bộ thi đua của đơn vị đã chọn.',
      not_after_due: 'Hạn mới phải sau hạn nộp của kỳ.',
      in_past: 'Thời điểm này đã qua; chọn thời điểm sau bây giờ.',
      submitted: 'Đơn vị đã nộp báo cáo kỳ này; không cần gia hạn. Để đơn vị sửa báo cáo đã khóa, dùng “Mở lại báo cáo”.',
      not_submitted:
        'Đơn vị chưa nộp báo cáo kỳ này, nên chưa có gì để mở lại; đơn vị vẫn nộp được (ghi là nộp muộn), hoặc gia hạn cho đơn vị.',
      not_locked: 'Báo cáo chưa khóa: đơn vị vẫn sửa trực tiếp được đến',
      already_holiday: 'Ngày này đã là ngày nghỉ.',
    },
  },
  {
    menuTitle: 'Emulation admin',
    menuIntro:
      "The Emulation & Commendation Board's tools. Every change goes to the audit log. Shortcuts: `/thidua admin officers`, `leads`, `extend`, `reopen`, `holiday`, `log [unit] [@person] [from date] [to date]`, `file`.",
    refused: 'Only admins (the Emulation & Commendation Board) can use this tool; nothing was changed.',
    repeat: 'This request was carried out already.',
    unknownTool: (typed: string, tools: string) => `There is no tool “${typed}”. Tools: ${tools}.`,
    done: 'Done',
    close: 'Close',
    save: 'Save',
    cancel: 'Cancel',
    officerAdded: (user: string, unit: string, previous: string | undefined) =>
      `${user} is now an emulation officer of ${unit}${previous ? ` (no longer of ${previous})` : ''}. ${user} was told by DM.`,
    officerRemoved: (user: string, unit: string, remaining: number) =>
      `${user} is no longer an emulation officer of ${unit}.${remaining === 0 ? ` ${unit} has no officer now: please assign one.` : ''}`,
    leadsSet: (block: string, year: number, lead: string, deputy: string | undefined) =>
      `${block}, ${year}: the lead is ${lead}${deputy ? `, the deputy ${deputy}` : ', no deputy yet'}. The block's channel was told.`,
    extended: (unit: string, period: string, due: string, officers: string) =>
      `The ${periodInSentence(period)} report of ${unit} is now due ${due}.${officers ? ` ${officers} told.` : ''}`,
    reopened: (unit: string, period: string, until: string, officers: string) =>
      `The ${periodInSentence(period)} report of ${unit} is open again until ${until}: the unit changes it directly, without the lead's approval.${officers ? ` ${officers} told.` : ''}`,
    holidayAdded: (date: string, name: string) =>
      `${date}${name ? ` (${name})` : ''} is now a holiday. Nudges and summaries count working days with it.`,
    officerNotice: {
      added: (unit: string, organisation: string, by: string) =>
        `The Emulation & Commendation Board (${by}) made you an emulation officer of ${unit}, ${organisation}. Type \`/thidua deadlines\` for the unit's deadlines, \`/thidua help\` for the commands.`,
      removed: (unit: string, _organisation: string, by: string) =>
        `The Emulation & Commendation Board (${by}) relieved you of the emulation work of ${unit}.`,
    },
    leadsLine: (block: string, year: number, lead: string, deputy: string | undefined) =>
      `${block}: the lead for ${year} is ${lead}${deputy ? `, the deputy ${deputy}` : ''} (set by the Emulation & Commendation Board).`,
    extensionNotice: (unit: string, period: string, due: string, reason: string) =>
      `The ${periodInSentence(period)} report of ${unit} is now due ${due}. Reason: ${quotedAtEnd(reason)}`,
    reopenNotice: (unit: string, period: string, until: string, reason: string) =>
      `The ${periodInSentence(period)} report of ${unit} is open again until ${until}: the unit changes it directly. Reason: ${quotedAtEnd(reason)}`,
    pickBlock: 'Choose the block whose lead and deputy to set:',
    auditUnknownUnit: (typed: string) =>
      `There is no unit “${typed}”. Write a unit's code or name, @person, dates (day/month/year, e.g. 15/03/2021).`,
    auditAmbiguousUnit: (typed: string, codes: string) => `“${typed}” matches several units: ${codes}. Please write the unit's code.`,
    auditUnreadable: (words: string) => `Could not read: ${words}. Write dates as day/month/year, e.g. 15/03/2021, and people as @name.`,
    untilBeforeFrom: 'The last day must be on or after the first.',
    submit: 'Submit report',
    edit: 'Edit report',
    problems: {
      required: 'Not chosen or not filled in.',
      unknown: 'No longer in the organisation file; please choose again.',
      invalid: 'Not a valid value; please choose again.',
      not_member: 'This unit is not a member of the block that year.',
      same_as_lead: 'The deputy must differ from the lead.',
      not_officer: 'This person is not an emulation officer of the unit chosen.',
      already_officer: 'This person is already an emulation officer of the unit chosen.',
      not_after_due: "The new due must be after the period's due.",
      in_past: 'This moment has passed; choose one after now.',
      submitted: 'The unit has submitted this report; no extension is needed. To let it change a locked report, use “Reopen a report”.',
      not_submitted:
        'The unit has not submitted this report, so there is nothing to reopen; it can still submit (recorded as late), or extend its due.',
      not_locked: 'The report is not locked: the unit edits it directly until',
      already_holiday: 'This day is a holiday already.',
    },
  },
);

/** A field's problem in words; a report not locked yet says until when. */
export function problemText(
  problem: { problem: keyof (typeof adminText)['vi']['problems']; at?: Date },
  zone: string,
  locale: Locale,
): string {
  const text = adminText[locale].problems[problem.problem];
  return problem.at ? `${text} ${formatDateTime(problem.at, zone, locale)}.` : text;
}

/** `/thidua quantri`: every tool as a button. */
export function buildAdminMenu(locale: Locale): { text: string; blocks: KnownBlock[] } {
  const text = adminText[locale];
  const buttons = ADMIN_TOOLS.map((tool) => adminOpenButton(tool, locale));
  return {
    text: text.menuTitle,
    blocks: [
      header(text.menuTitle),
      section(text.menuIntro),
      actions('admin_tools_0', ...buttons.slice(0, 4)),
      actions('admin_tools_1', ...buttons.slice(4)),
    ],
  };
}

type Message = { text: string; blocks: KnownBlock[] };

/** The DM to a person made or no longer an officer. */
export function buildOfficerNotice(
  facts: { change: 'added' | 'removed'; unitName: string; organisationName: string; by: string },
  locale: Locale,
): Message {
  const line = adminText[locale].officerNotice[facts.change](
    escapeMrkdwn(facts.unitName),
    escapeMrkdwn(facts.organisationName),
    mention(facts.by),
  );
  return { text: line, blocks: [section(line)] };
}

/** The block channel's line when an admin sets its lead and deputy. */
export function buildLeadsLine(facts: { blockName: string; year: number; lead: string; deputy?: string }, locale: Locale): Message {
  const line = adminText[locale].leadsLine(
    escapeMrkdwn(facts.blockName),
    facts.year,
    escapeMrkdwn(facts.lead),
    facts.deputy ? escapeMrkdwn(facts.deputy) : undefined,
  );
  return { text: line, blocks: [section(line)] };
}

interface TermsNoticeFacts {
  unitName: string;
  unitCode: string;
  period: { code: string; name: string; year: number };
  reason: string;
  zone: string;
}

/**
 * The unit officers' DM when their due is extended (with the button to submit) or their locked
 * report is reopened until `at` (with the button to edit it).
 */
export function buildTermsNotice(kind: 'extension' | 'reopen', facts: TermsNoticeFacts & { at: Date }, locale: Locale): Message {
  const text = adminText[locale];
  const line = text[kind === 'extension' ? 'extensionNotice' : 'reopenNotice'](
    escapeMrkdwn(facts.unitName),
    escapeMrkdwn(facts.period.name),
    formatDateTime(facts.at, facts.zone, locale),
    escapeMrkdwn(facts.reason),
  );
  return withReportButton(line, kind === 'extension' ? text.submit : text.edit, facts);
}

function withReportButton(line: string, label: string, facts: TermsNoticeFacts): Message {
  const { actionId, value } = nudgeButtonValue({
    kind: 'report',
    year: facts.period.year,
    periodCode: facts.period.code,
    unitCode: facts.unitCode,
  });
  const block = section(line);
  block.accessory = button(label, actionId, value, 'primary');
  return { text: line, blocks: [block] };
}

/** What an admin is told once a change is made. */
export type AdminConfirmation =
  | { kind: 'officer_added'; userId: string; unitName: string; previousUnitName?: string }
  | { kind: 'officer_removed'; userId: string; unitName: string; remaining: number }
  | { kind: 'leads_set'; blockName: string; year: number; lead: string; deputy?: string }
  /** A unit's due extended, or its report reopened, to `at`. */
  | { kind: 'extended' | 'reopened'; unitName: string; periodName: string; at: Date; officers: readonly string[] }
  | { kind: 'holiday_added'; date: string; name: string };

export function confirmationText(confirmation: AdminConfirmation, zone: string, locale: Locale): string {
  const text = adminText[locale];
  const officers = (ids: readonly string[]) => ids.map(mention).join(', ');
  switch (confirmation.kind) {
    case 'officer_added':
      return text.officerAdded(
        mention(confirmation.userId),
        escapeMrkdwn(confirmation.unitName),
        confirmation.previousUnitName ? escapeMrkdwn(confirmation.previousUnitName) : undefined,
      );
    case 'officer_removed':
      return text.officerRemoved(mention(confirmation.userId), escapeMrkdwn(confirmation.unitName), confirmation.remaining);
    case 'leads_set':
      return text.leadsSet(
        escapeMrkdwn(confirmation.blockName),
        confirmation.year,
        escapeMrkdwn(confirmation.lead),
        confirmation.deputy ? escapeMrkdwn(confirmation.deputy) : undefined,
      );
    case 'extended':
    case 'reopened':
      return text[confirmation.kind](
        escapeMrkdwn(confirmation.unitName),
        escapeMrkdwn(confirmation.periodName),
        formatDateTime(confirmation.at, zone, locale),
        officers(confirmation.officers),
      );
    case 'holiday_added':
      return text.holidayAdded(formatLocalDate(confirmation.date, locale), escapeMrkdwn(confirmation.name));
  }
}
