import { defineMessages } from '../src/i18n/messages';
import { isMember } from '../src/services/caller';
import { describeCaller } from '../src/views/caller';
import { buildHelp } from '../src/views/help';
import type { SubCommand } from './shared/feature';
import { notInOrganisation } from './shared/replies';
import { commandWord } from './shared/router';

const helpText = defineMessages(
  { usage: '/thidua help', description: 'Danh sách các lệnh, cách dùng và ví dụ.', example: '/thidua trogiup' },
  { usage: '/thidua help', description: 'The list of commands, how to use them, with examples.', example: '/thidua help' },
);

/** `/thidua help` (also an empty `/thidua`): every sub-command that exists, with an example. */
export function helpCommand(all: () => SubCommand[]): SubCommand {
  return {
    name: 'help',
    aliases: ['trogiup', 'trợ giúp', 'huongdan', 'hướng dẫn'],
    help: helpText,
    audience: 'anyone',
    async run({ deps, caller, organisation, locale, respond }) {
      const entries = all().map((command) => {
        // The words the usage shows ("/thidua pledge [year]" → "pledge") are no other way to type it.
        const shown = commandWord(command, locale);
        return {
          help: command.help[locale],
          aliases: command.aliases.filter((alias) => /^[a-z]+$/.test(alias) && alias !== command.name && alias !== shown),
        };
      });
      await respond(buildHelp(entries, locale, isMember(caller) ? describeCaller(caller, locale) : notInOrganisation(deps, organisation)));
    },
  };
}
