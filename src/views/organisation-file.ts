import type { KnownBlock } from '@slack/types';
import { countOf, formatNumber } from '../i18n/format';
import { defineMessages, type Locale } from '../i18n/messages';
import { actions, button, escapeMrkdwn, header, packTexts, section } from './blocks';
import { organisationFileIds } from './ids';

/**
 * The organisation file loaded from Slack (commands/admin/organisation-file.ts): how to send it,
 * what it would change section by section with “Áp dụng” and “Hủy”, its problems, what was done.
 */
/** The sections of an organisation file and what importing it changes in each (db/store/organisation-import.ts). */
type ImportSection = 'settings' | 'units' | 'blocks' | 'years' | 'periods' | 'criteria' | 'directives';
const IMPORT_SECTIONS: readonly ImportSection[] = ['settings', 'units', 'blocks', 'years', 'periods', 'criteria', 'directives'];
export type ImportSummary = Record<ImportSection, { added: number; updated: number; retired: number }>;

export const importSectionText = defineMessages(
  {
    sections: {
      settings: 'Cấu hình chung',
      units: 'Đơn vị',
      blocks: 'Khối thi đua',
      years: 'Năm thi đua',
      periods: 'Kỳ báo cáo',
      criteria: 'Tiêu chí',
      directives: 'Văn bản',
    } satisfies Record<ImportSection, string>,
    counts: (added: number, updated: number, retired: number) => `${added} thêm, ${updated} cập nhật, ${retired} ngừng sử dụng`,
  },
  {
    sections: {
      settings: 'Settings',
      units: 'Units',
      blocks: 'Blocks',
      years: 'Years',
      periods: 'Periods',
      criteria: 'Criteria',
      directives: 'Directives',
    } satisfies Record<ImportSection, string>,
    counts: (added: number, updated: number, retired: number) => `${added} added, ${updated} updated, ${retired} retired`,
  },
);

const fileText = defineMessages(
  {
    howTo:
      'Gửi tệp tổ chức cho bot trong tin nhắn riêng với bot: tệp YAML, hoặc bảng tính XLSX theo mẫu (bot vừa gửi mẫu trống vào tin nhắn riêng đó). Bot kiểm tra toàn bộ tệp, cho xem các thay đổi theo từng mục, và chỉ áp dụng khi đồng chí bấm “Áp dụng”.',
    templateCaption: 'Mẫu bảng tính tệp tổ chức: điền theo trang hướng dẫn đầu tiên, rồi gửi lại tệp cho bot trong tin nhắn riêng này.',
    templateFileName: 'mau-to-chuc.xlsx',
    previewTitle: 'Tệp tổ chức: xem trước',
    previewIntro: (file: string) => `Nếu áp dụng tệp *${file}*, dữ liệu sẽ thay đổi như sau (chưa có gì được lưu):`,
    noChanges: (file: string) => `Tệp *${file}* hợp lệ và khớp với dữ liệu hiện có: không có thay đổi nào.`,
    apply: 'Áp dụng',
    cancel: 'Hủy',
    invalid: (file: string, count: number) =>
      `Tệp *${file}* có ${formatNumber(count, 'vi')} lỗi; chưa có thay đổi nào được lưu. Sửa các lỗi sau rồi gửi lại:`,
    applied: (file: string) => `Đã áp dụng tệp tổ chức *${file}*:`,
    cancelled: (file: string) => `Đã hủy: tệp *${file}* không được áp dụng, dữ liệu giữ nguyên.`,
    changed: (file: string) => `Tệp *${file}* đã khác với bản đã xem trước; chưa có thay đổi nào. Vui lòng gửi lại tệp.`,
    tooBig: (file: string, size: string) => `Tệp *${file}* quá lớn (${size} MB; tối đa 5 MB); chưa có thay đổi nào.`,
    unreachable: (file: string) => `Không tải được tệp *${file}* từ Slack; chưa có thay đổi nào. Vui lòng gửi lại sau ít phút.`,
    refused: 'Chỉ quản trị viên (Ban Thi đua – Khen thưởng) mới nạp được tệp tổ chức; chưa có thay đổi nào.',
    repeat: 'Tệp này đã được áp dụng.',
    more: (count: number) => `… và ${formatNumber(count, 'vi')} lỗi khác`,
  },
  {
    howTo:
      'Send the organisation file to the bot in your DM with it: the YAML file, or an XLSX workbook in the template (the bot has just sent the empty template to that DM). The bot checks the whole file, shows what would change section by section, and applies it only when you press “Apply”.',
    templateCaption:
      'The organisation workbook template: fill it in as its first sheet explains, then send the file back to the bot in this DM.',
    templateFileName: 'organisation-template.xlsx',
    previewTitle: 'Organisation file: preview',
    previewIntro: (file: string) => `Applying *${file}* would change the data as follows (nothing is saved yet):`,
    noChanges: (file: string) => `*${file}* is valid and matches the data already loaded: nothing would change.`,
    apply: 'Apply',
    cancel: 'Cancel',
    invalid: (file: string, count: number) => `*${file}* has ${countOf(count, 'problem')}; nothing was saved. Fix these and send it again:`,
    applied: (file: string) => `Applied the organisation file *${file}*:`,
    cancelled: (file: string) => `Cancelled: *${file}* was not applied; the data is unchanged.`,
    changed: (file: string) => `*${file}* is no longer the file previewed; nothing was changed. Please send it again.`,
    tooBig: (file: string, size: string) => `*${file}* is too large (${size} MB; at most 5 MB); nothing was changed.`,
    unreachable: (file: string) =>
      `*${file}* could not be downloaded from Slack; nothing was changed. Please send it again in a few minutes.`,
    refused: 'Only admins (the Emulation & Commendation Board) can load the organisation file; nothing was changed.',
    repeat: 'This file was applied already.',
    more: (count: number) => `… and ${countOf(count, 'more problem')}`,
  },
);

type Message = { text: string; blocks: KnownBlock[] };

/** The lines of a summary, one a section. */
export function summaryLines(summary: ImportSummary, locale: Locale): string[] {
  const text = importSectionText[locale];
  return IMPORT_SECTIONS.map(
    (name) => `${text.sections[name]}: ${text.counts(summary[name].added, summary[name].updated, summary[name].retired)}`,
  );
}

function summaryBlock(summary: ImportSummary, locale: Locale): KnownBlock {
  return section(
    summaryLines(summary, locale)
      .map((line) => `• ${line}`)
      .join('\n'),
  );
}

/** The caption and file name of the empty workbook sent to an admin's DM with the how-to. */
export function organisationTemplateFile(locale: Locale): { caption: string; filename: string } {
  return { caption: fileText[locale].templateCaption, filename: fileText[locale].templateFileName };
}

export function buildOrganisationFileHowTo(locale: Locale): Message {
  const text = fileText[locale].howTo;
  return { text, blocks: [section(text)] };
}

/** What the file would change, with “Áp dụng” (value: what finds the same file again) and “Hủy”. */
export function buildFilePreview(
  facts: { name: string; summary: ImportSummary; changes: boolean; value: string },
  locale: Locale,
): Message {
  const text = fileText[locale];
  const name = escapeMrkdwn(facts.name);
  if (!facts.changes) return { text: text.noChanges(name), blocks: [section(text.noChanges(name))] };
  return {
    text: text.previewTitle,
    blocks: [
      header(text.previewTitle),
      section(text.previewIntro(name)),
      summaryBlock(facts.summary, locale),
      actions(
        'organisation_file_decision',
        button(text.apply, organisationFileIds.applyAction, facts.value, 'primary'),
        button(text.cancel, organisationFileIds.cancelAction, facts.value),
      ),
    ],
  };
}

/** Every problem of a file, packed into sections within Block Kit's limits. */
export function buildFileProblems(facts: { name: string; problems: readonly string[]; count: number }, locale: Locale): Message {
  const intro = fileText[locale].invalid(escapeMrkdwn(facts.name), facts.count);
  // Slack takes about 12,000 characters of a message's blocks: past that the rest is counted.
  const chunks = packTexts(
    facts.problems.map((problem) => `• ${escapeMrkdwn(problem)}`),
    '\n',
    { maxLength: 10_000, more: (leftOut) => fileText[locale].more(leftOut) },
  );
  return { text: intro, blocks: [section(intro), ...chunks.map((chunk) => section(chunk))] };
}

export function buildFileApplied(facts: { name: string; summary: ImportSummary }, locale: Locale): Message {
  const line = fileText[locale].applied(escapeMrkdwn(facts.name));
  return { text: line, blocks: [section(line), summaryBlock(facts.summary, locale)] };
}

export type FileNotice = 'cancelled' | 'changed' | 'unreachable' | 'refused' | 'repeat';

export function buildFileNotice(kind: FileNotice | 'too_big', facts: { name?: string; size?: number }, locale: Locale): Message {
  const text = fileText[locale];
  const name = escapeMrkdwn(facts.name ?? '');
  const line =
    kind === 'refused' || kind === 'repeat'
      ? text[kind]
      : kind === 'too_big'
        ? text.tooBig(name, formatNumber(Math.round(((facts.size ?? 0) / 1024 / 1024) * 10) / 10, locale))
        : text[kind](name);
  return { text: line, blocks: [section(line)] };
}
