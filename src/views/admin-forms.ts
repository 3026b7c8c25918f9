import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { defineMessages, type Locale } from '../i18n/messages';
import { adminText } from './admin';
import { escapeMrkdwn, field, formModal, section, truncate } from './blocks';
import { FIELD_LIMITS } from './field-limits';
import { adminIds } from './ids';

/**
 * The admin tools' forms (modals): who is an officer of which unit, a block's lead and deputy, a
 * unit's extended due, a reopened report, a holiday, and the filters of the audit log. Units are
 * chosen from a list grouped by block; the server checks every answer again (src/services/admin/).
 */
export interface UnitChoice {
  id: number;
  code: string;
  name: string;
}

/** The units to choose from, by block (units in no block last). */
export interface UnitGroups {
  blocks: { name: string; units: UnitChoice[] }[];
  unassigned: UnitChoice[];
}

export interface PeriodChoice {
  id: number;
  code: string;
  name: string;
  year: number;
}

const formText = defineMessages(
  {
    officersTitle: 'Cán bộ thi đua',
    officersIntro:
      'Giao hoặc thôi giao một người làm cán bộ thi đua của một đơn vị. Mỗi người phụ trách một đơn vị: giao đơn vị mới thì thôi đơn vị cũ.',
    change: 'Việc cần làm',
    add: 'Giao làm cán bộ của đơn vị',
    remove: 'Thôi giao cán bộ của đơn vị',
    unit: 'Đơn vị',
    user: 'Người',
    leadsTitle: 'Trưởng khối, Phó khối',
    leadsIntro: (block: string) =>
      `*${block}*: Trưởng khối và Phó khối của năm đã chọn. Từ khi lưu, cán bộ của đơn vị Trưởng khối thẩm định, nhắc và duyệt đề nghị của khối.`,
    year: 'Năm',
    lead: 'Trưởng khối',
    deputy: 'Phó khối',
    noDeputy: 'Không có Phó khối',
    extensionTitle: 'Gia hạn nộp báo cáo',
    extensionIntro:
      'Hạn riêng của một đơn vị cho một kỳ: nhắc hạn, nộp muộn và khóa báo cáo tính theo hạn mới. Chỉ dành cho đơn vị chưa nộp.',
    period: 'Kỳ báo cáo',
    newDue: 'Hạn mới',
    time: 'Giờ',
    reason: 'Lý do',
    reasonHint: 'Ghi vào nhật ký và báo cho cán bộ của đơn vị.',
    reopenTitle: 'Mở lại báo cáo',
    reopenIntro: 'Báo cáo đã khóa được mở lại: đến thời điểm đã chọn, đơn vị sửa và nộp trực tiếp, không cần Trưởng khối duyệt.',
    until: 'Mở đến ngày',
    holidayTitle: 'Thêm ngày nghỉ',
    holidayIntro: 'Ngày nghỉ được bỏ qua khi tính ngày làm việc cho nhắc hạn và tổng hợp điểm, như các ngày nghỉ trong tệp tổ chức.',
    date: 'Ngày',
    holidayName: 'Tên ngày nghỉ',
    holidayNameHint: 'Không bắt buộc, ví dụ: Nghỉ bù Quốc khánh',
    auditTitle: 'Nhật ký',
    auditIntro: 'Đọc nhật ký thay đổi, mới nhất trước. Để trống để xem tất cả.',
    from: 'Từ ngày',
    to: 'Đến ngày',
    show: 'Xem',
    choose: 'Chọn',
    otherUnits: 'Đơn vị chưa thuộc khối',
  },
  {
    officersTitle: 'Officers',
    officersIntro: 'Make a person an emulation officer of a unit, or relieve them. One unit a person: a new unit replaces the old one.',
    change: 'What to do',
    add: 'Make an officer of the unit',
    remove: 'Relieve as officer of the unit',
    unit: 'Unit',
    user: 'Person',
    leadsTitle: 'Block lead and deputy',
    leadsIntro: (block: string) =>
      `*${block}*: the lead and deputy for the year chosen. Once saved, the lead unit's officers review, nudge and decide for the block.`,
    year: 'Year',
    lead: 'Lead',
    deputy: 'Deputy',
    noDeputy: 'No deputy',
    extensionTitle: 'Extend a due',
    extensionIntro:
      "A unit's own due for a period: nudges, lateness and the lock follow the new due. Only for a unit that has not submitted.",
    period: 'Period',
    newDue: 'New due',
    time: 'Time',
    reason: 'Reason',
    reasonHint: "Kept in the audit log and told to the unit's officers.",
    reopenTitle: 'Reopen a report',
    reopenIntro: "A locked report is opened again: until the moment chosen, the unit changes it directly, without the lead's approval.",
    until: 'Open until',
    holidayTitle: 'Add a holiday',
    holidayIntro:
      'A holiday is skipped when working days are counted for nudges and summaries, like the holidays of the organisation file.',
    date: 'Date',
    holidayName: 'Holiday',
    holidayNameHint: 'Optional, e.g. National Day (substitute)',
    auditTitle: 'Audit log',
    auditIntro: 'Read the log of changes, newest first. Leave empty to see everything.',
    from: 'From',
    to: 'To',
    show: 'Show',
    choose: 'Choose',
    otherUnits: 'Units in no block',
  },
);

const OPTIONS_PER_GROUP = 100;
const { fields, inputAction } = adminIds;

const option = (text: string, value: string | number): PlainTextOption => ({
  text: { type: 'plain_text', text: truncate(text, 75) },
  value: String(value),
});

/** A unit select grouped by block (Slack allows 100 options a group, 100 groups). */
function unitSelect(groups: UnitGroups, locale: Locale): InputBlock['element'] {
  const text = formText[locale];
  const all = [...groups.blocks, ...(groups.unassigned.length ? [{ name: text.otherUnits, units: groups.unassigned }] : [])];
  const optionGroups = all.flatMap((group) => {
    const chunks: { label: { type: 'plain_text'; text: string }; options: PlainTextOption[] }[] = [];
    for (let start = 0; start < group.units.length; start += OPTIONS_PER_GROUP)
      chunks.push({
        label: { type: 'plain_text', text: truncate(group.name, 75) },
        options: group.units.slice(start, start + OPTIONS_PER_GROUP).map((unit) => option(`${unit.name} (${unit.code})`, unit.id)),
      });
    return chunks;
  });
  return {
    type: 'static_select',
    action_id: inputAction,
    placeholder: { type: 'plain_text', text: text.choose },
    option_groups: optionGroups.slice(0, 100),
  };
}

function select(options: PlainTextOption[], locale: Locale, initial?: string): InputBlock['element'] {
  const chosen = options.find((candidate) => candidate.value === initial);
  return {
    type: 'static_select',
    action_id: inputAction,
    placeholder: { type: 'plain_text', text: formText[locale].choose },
    options,
    ...(chosen ? { initial_option: chosen } : {}),
  };
}

function form(
  callbackId: string,
  title: string,
  submit: string,
  intro: string,
  inputs: KnownBlock[],
  locale: Locale,
  metadata = '',
): ModalView {
  return formModal({ callbackId, title, submit, close: adminText[locale].cancel, metadata, blocks: [section(intro), ...inputs] });
}

export function buildOfficersForm(groups: UnitGroups, locale: Locale): ModalView {
  const text = formText[locale];
  const changes = [option(text.add, 'add'), option(text.remove, 'remove')];
  return form(
    adminIds.callbacks.officers,
    text.officersTitle,
    adminText[locale].save,
    text.officersIntro,
    [
      field(fields.change, text.change, undefined, {
        type: 'radio_buttons',
        action_id: inputAction,
        options: changes,
        initial_option: changes[0]!,
      }),
      field(fields.unit, text.unit, undefined, unitSelect(groups, locale)),
      field(fields.user, text.user, undefined, {
        type: 'users_select',
        action_id: inputAction,
        placeholder: { type: 'plain_text', text: text.choose },
      }),
    ],
    locale,
  );
}

/** The lead and deputy of one block: its members to choose from, this year's pair chosen. */
export function buildLeadsForm(
  facts: { block: { id: number; name: string }; members: UnitChoice[]; years: number[]; year: number; leadId?: number; deputyId?: number },
  locale: Locale,
): ModalView {
  const text = formText[locale];
  const members = facts.members.map((unit) => option(`${unit.name} (${unit.code})`, unit.id));
  return form(
    adminIds.callbacks.leads,
    text.leadsTitle,
    adminText[locale].save,
    text.leadsIntro(escapeMrkdwn(facts.block.name)),
    [
      field(
        fields.year,
        text.year,
        undefined,
        select(
          facts.years.map((year) => option(String(year), year)),
          locale,
          String(facts.year),
        ),
      ),
      field(fields.lead, text.lead, undefined, select(members, locale, facts.leadId !== undefined ? String(facts.leadId) : undefined)),
      field(
        fields.deputy,
        text.deputy,
        undefined,
        select([option(text.noDeputy, 'none'), ...members], locale, facts.deputyId !== undefined ? String(facts.deputyId) : 'none'),
      ),
    ],
    locale,
    JSON.stringify({ blockId: facts.block.id }),
  );
}

/** An extension (gia hạn) or a reopening: a unit, a period, a moment, a reason. */
export function buildTermsForm(
  kind: 'extension' | 'reopen',
  facts: { groups: UnitGroups; periods: PeriodChoice[]; periodId?: number; date: string; time: string },
  locale: Locale,
): ModalView {
  const text = formText[locale];
  const extension = kind === 'extension';
  return form(
    extension ? adminIds.callbacks.extension : adminIds.callbacks.reopen,
    extension ? text.extensionTitle : text.reopenTitle,
    adminText[locale].save,
    extension ? text.extensionIntro : text.reopenIntro,
    [
      field(fields.unit, text.unit, undefined, unitSelect(facts.groups, locale)),
      field(
        fields.period,
        text.period,
        undefined,
        select(
          facts.periods.map((period) => option(`${period.name} ${period.year}`, period.id)),
          locale,
          facts.periodId !== undefined ? String(facts.periodId) : undefined,
        ),
      ),
      field(fields.date, extension ? text.newDue : text.until, undefined, {
        type: 'datepicker',
        action_id: inputAction,
        initial_date: facts.date,
      }),
      field(fields.time, text.time, undefined, { type: 'timepicker', action_id: inputAction, initial_time: facts.time }),
      field(fields.reason, text.reason, text.reasonHint, {
        type: 'plain_text_input',
        action_id: inputAction,
        multiline: true,
        max_length: FIELD_LIMITS.reason,
      }),
    ],
    locale,
  );
}

export function buildHolidayForm(facts: { date: string }, locale: Locale): ModalView {
  const text = formText[locale];
  return form(
    adminIds.callbacks.holiday,
    text.holidayTitle,
    adminText[locale].save,
    text.holidayIntro,
    [
      field(fields.date, text.date, undefined, { type: 'datepicker', action_id: inputAction, initial_date: facts.date }),
      field(fields.holidayName, text.holidayName, text.holidayNameHint, {
        type: 'plain_text_input',
        action_id: inputAction,
        max_length: FIELD_LIMITS.holidayName,
      }),
    ],
    locale,
  );
}

/** The audit log's filters: a unit, a person, a range of days; all optional. */
export function buildAuditForm(groups: UnitGroups, locale: Locale): ModalView {
  const text = formText[locale];
  return form(
    adminIds.callbacks.audit,
    text.auditTitle,
    text.show,
    text.auditIntro,
    [
      field(fields.unit, text.unit, undefined, unitSelect(groups, locale)),
      field(fields.user, text.user, undefined, {
        type: 'users_select',
        action_id: inputAction,
        placeholder: { type: 'plain_text', text: text.choose },
      }),
      field(fields.date, text.from, undefined, { type: 'datepicker', action_id: inputAction }),
      field(fields.until, text.to, undefined, { type: 'datepicker', action_id: inputAction }),
    ],
    locale,
  );
}
