import { commandKey, matchCommand } from '../src/domain/command-words';
import { defineMessages, type Locale } from '../src/i18n/messages';
import { isMember, rolesOf } from '../src/services/caller';
import { escapeMrkdwn } from '../src/views/blocks';
import { describeCaller } from '../src/views/caller';
import { commonText } from '../src/views/common-text';
import { buildHelp, HELP_SECTIONS, type HelpEntry, type HelpSection, helpText } from '../src/views/help';
import type { SubCommand } from './shared/feature';
import { notInOrganisation } from './shared/replies';
import { commandWord } from './shared/router';

const helpUsage = defineMessages(
  {
    usage: '/thidua help [lệnh | tatca]',
    description:
      'Các lệnh theo vai trò của đồng chí (đơn vị, Trưởng khối, quản trị viên), cách dùng và ví dụ; ghi tên một lệnh để xem riêng lệnh đó, “tatca” để xem mọi lệnh.',
    example: '/thidua trogiup baocao',
  },
  {
    usage: '/thidua help [command | all]',
    description:
      'The commands for your role (unit, block lead, admin), how to use them, with examples; name a command to see it alone, “all” for every command.',
    example: '/thidua help report',
  },
);

/** The part of the help each sub-command belongs to; any other is for every member (look-ups, settings). */
const SECTION_OF: Readonly<Record<string, HelpSection>> = {
  dangky: 'unit',
  baocao: 'unit',
  hanchot: 'unit',
  binhxet: 'unit',
  tiendo: 'lead',
  quantri: 'admin',
  khenthuong: 'admin',
};

/** The words that ask for every command. */
const ALL_WORDS = new Set(['tatca', 'tất cả', 'all', 'toanbo', 'toàn bộ'].map(commandKey));

/**
 * `/thidua help` (also an empty `/thidua`): the commands of the reader's role (caller.ts rolesOf:
 * the same who-is-who as the App Home) — a unit's officer its unit's, a block's lead or deputy also
 * the review and publication, an admin also the administration — with an example each;
 * `help tatca` every command, `help <lệnh>` one. Someone outside the organisation is shown what
 * they may use and whom to ask.
 */
export function helpCommand(all: () => SubCommand[]): SubCommand {
  return {
    name: 'help',
    aliases: ['trogiup', 'trợ giúp', 'huongdan', 'hướng dẫn'],
    help: helpUsage,
    audience: 'anyone',
    async run({ deps, caller, organisation, locale, args, respond }) {
      const commands = all();
      const entry = (command: SubCommand): HelpEntry => {
        // The words the usage shows ("/thidua pledge [year]" → "pledge") are no other way to type it.
        const shown = commandWord(command, locale);
        return {
          help: command.help[locale],
          aliases: command.aliases.filter((alias) => /^[a-z]+$/.test(alias) && alias !== command.name && alias !== shown),
        };
      };
      const member = isMember(caller);
      const whoAmI = member ? describeCaller(caller, locale) : notInOrganisation(deps, organisation);
      const topic = args.trim();

      if (topic && !ALL_WORDS.has(commandKey(topic))) {
        const match = matchCommand(
          topic,
          commands.map((command) => ({ name: command.name, words: command.aliases })),
        );
        const command = match.kind === 'match' ? commands.find((candidate) => candidate.name === match.name) : undefined;
        if (!command) return respond({ text: unknownTopic(topic, match.kind === 'unknown' ? match.suggestions : [], commands, locale) });
        return respond(buildHelp([{ section: sectionOf(command), entries: [entry(command)] }], 'one', locale, whoAmI));
      }

      const roles = rolesOf(deps.store, caller);
      const shows: Record<HelpSection, boolean> = topic
        ? { unit: true, lead: true, admin: true, common: true }
        : { unit: roles.officer || roles.admin, lead: roles.reviewer || roles.admin, admin: roles.admin, common: true };
      // Outside the organisation: only what anyone may use (help, directives, language).
      const visible = commands.filter((command) => shows[sectionOf(command)] && (member || command.audience === 'anyone'));
      const sections = HELP_SECTIONS.map((section) => ({
        section,
        entries: visible.filter((command) => sectionOf(command) === section).map(entry),
      }));
      return respond(buildHelp(sections, !member ? 'outsider' : topic ? 'all' : 'role', locale, whoAmI));
    },
  };
}

function sectionOf(command: SubCommand): HelpSection {
  return SECTION_OF[command.name] ?? 'common';
}

/** “Không có lệnh “x” để xem hướng dẫn. Có phải đồng chí muốn gõ `/thidua help baocao`? …” */
function unknownTopic(typed: string, suggestions: readonly string[], commands: readonly SubCommand[], locale: Locale): string {
  const suggested = suggestions
    .map((name) => commands.find((command) => command.name === name))
    .filter((command): command is SubCommand => command !== undefined)
    .map((command) => `\`/thidua help ${commandWord(command, locale)}\``)
    .join(` ${commonText[locale].or} `);
  return [
    helpText[locale].unknownTopic(escapeMrkdwn(typed.replace(/\s+/g, ' '))),
    suggested ? commonText[locale].didYouMean(suggested) : '',
    helpText[locale].seeAll,
  ]
    .filter(Boolean)
    .join(' ');
}
