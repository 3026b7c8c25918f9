import type { KnownBlock } from '@slack/types';
import { defineMessages, type Locale } from '../i18n/messages';
import { context, header, section } from './blocks';
import { commonText } from './common-text';

/** How a sub-command is shown in the help. */
export interface SubCommandHelp {
  /** e.g. "/thidua vanban <từ khóa | số hiệu>" */
  usage: string;
  description: string;
  /** A real example, e.g. "/thidua vanban chi thi 34" */
  example: string;
}

export interface HelpEntry {
  help: SubCommandHelp;
  aliases: string[];
}

/** The help's parts, in the order shown: a unit's work, a block lead's, the admins', then what every member uses. */
export const HELP_SECTIONS = ['unit', 'lead', 'admin', 'common'] as const;
export type HelpSection = (typeof HELP_SECTIONS)[number];

/**
 * What a help reply holds: `role`, the reader's sections (with how to see the rest); `all`, every
 * command; `one`, one command asked for; `outsider`, what someone outside the organisation may use.
 */
export type HelpScope = 'role' | 'all' | 'one' | 'outsider';

export const helpText = defineMessages(
  {
    headings: {
      unit: 'Việc của đơn vị',
      lead: 'Thẩm định và công bố — Trưởng khối, Phó khối',
      admin: 'Quản trị — Ban Thi đua – Khen thưởng',
      common: 'Tra cứu và cài đặt',
    } satisfies Record<HelpSection, string>,
    intros: {
      unit: 'Cán bộ thi đua ký giao ước và nộp báo cáo cho đơn vị mình.',
      lead: 'Trưởng khối thẩm định báo cáo và nhắc đơn vị trong `tiendo`; đăng bảng xếp hạng, xuất Excel, giữ bản tổng hợp tự động trong `xephang`; mở và kết thúc bình xét trong `binhxet`; duyệt đề nghị sửa ngay trong tin nhắn riêng. Phó khối thẩm định báo cáo và đề nghị sửa của đơn vị Trưởng khối.',
      admin:
        'Quản trị viên làm được mọi việc của đơn vị và Trưởng khối thay họ (được ghi vào nhật ký), nạp tệp tổ chức và tổng hợp đề nghị khen thưởng của cả tỉnh.',
      common: '',
    } satisfies Record<HelpSection, string>,
    footer: {
      role: 'Đây là các lệnh theo vai trò của đồng chí. Gõ `/thidua help tatca` để xem mọi lệnh, `/thidua help <lệnh>` để xem một lệnh, ví dụ `/thidua help baocao`.',
      all: 'Gõ `/thidua help <lệnh>` để xem một lệnh, ví dụ `/thidua help baocao`; `/thidua help` để xem các lệnh theo vai trò của đồng chí.',
      one: 'Gõ `/thidua help` để xem các lệnh theo vai trò của đồng chí, `/thidua help tatca` để xem mọi lệnh.',
      outsider: '',
    } satisfies Record<HelpScope, string>,
    unknownTopic: (word: string) => `Không có lệnh “${word}” để xem hướng dẫn.`,
    seeAll: 'Gõ `/thidua help tatca` để xem mọi lệnh.',
  },
  {
    headings: {
      unit: "A unit's work",
      lead: 'Review and publication — block lead, deputy',
      admin: 'Administration — Emulation Board',
      common: 'Look-ups and settings',
    },
    intros: {
      unit: "A unit's officers sign its pledge and submit its reports.",
      lead: 'The block lead reviews reports and reminds units in `status`; posts the standings, exports Excel and holds the automatic summary in `standings`; opens and closes the deliberation in `deliberation`; decides change requests in the direct message. The deputy reviews the lead unit’s own reports and change requests.',
      admin:
        "Admins can do any unit's or block lead's work on their behalf (recorded in the log), load the organisation file and compile the province's commendation proposals.",
      common: '',
    },
    footer: {
      role: 'These are the commands for your role. Type `/thidua help all` for every command, `/thidua help <command>` for one, e.g. `/thidua help report`.',
      all: 'Type `/thidua help <command>` for one command, e.g. `/thidua help report`; `/thidua help` for the commands of your role.',
      one: 'Type `/thidua help` for the commands of your role, `/thidua help all` for every command.',
      outsider: '',
    },
    unknownTopic: (word: string) => `There is no command “${word}” to explain.`,
    seeAll: 'Type `/thidua help all` to see every command.',
  },
);

/**
 * The help: each section's sub-commands with their usage, what they do and a real example (a
 * section's heading and intro when there is more than one part to tell apart), who the reader is,
 * and how to see the rest.
 */
export function buildHelp(
  sections: readonly { section: HelpSection; entries: readonly HelpEntry[] }[],
  scope: HelpScope,
  locale: Locale,
  whoAmI: string,
): { text: string; blocks: KnownBlock[] } {
  const text = commonText[locale];
  const words = helpText[locale];
  const blocks: KnownBlock[] = [header(text.helpTitle), section(text.helpIntro)];
  const headed = scope === 'role' || scope === 'all';
  for (const { section: part, entries } of sections) {
    if (!entries.length) continue;
    if (headed) blocks.push(section(`*${words.headings[part]}*${words.intros[part] ? `\n${words.intros[part]}` : ''}`));
    for (const { help, aliases } of entries) {
      const alias = aliases.length ? `  _(${text.alsoTyped}: ${aliases.map((word) => `\`${word}\``).join(', ')})_` : '';
      blocks.push(section(`*\`${help.usage}\`*${alias}\n${help.description}\n${text.example}: \`${help.example}\``));
    }
  }
  blocks.push(context(`${text.youAre}: ${whoAmI}`));
  if (words.footer[scope]) blocks.push(context(words.footer[scope]));
  const plain = [
    text.helpTitle,
    ...sections.flatMap(({ entries }) =>
      entries.map(({ help }) => `${help.usage} — ${help.description} (${text.example}: ${help.example})`),
    ),
  ].join('\n');
  return { text: plain, blocks };
}
