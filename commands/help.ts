import { defineMessages } from '../src/i18n/messages';
import { buildHelp } from '../src/views/help';
import { isMember } from './context';
import type { SubCommand } from './feature';
import { describeCaller, notInOrganisationText } from './thidua';

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
      const entries = all().map((command) => ({
        help: command.help[locale],
        aliases: command.aliases.filter((alias) => /^[a-z]+$/.test(alias) && alias !== command.name),
      }));
      await respond(
        buildHelp(entries, locale, isMember(caller) ? describeCaller(caller, organisation) : notInOrganisationText(deps, organisation)),
      );
    },
  };
}
