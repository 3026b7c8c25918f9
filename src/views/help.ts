import type { KnownBlock } from '@slack/types';
import type { Locale } from '../i18n/messages';
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

/** The list of sub-commands, each with its usage, what it does, and a real example. */
export function buildHelp(entries: HelpEntry[], locale: Locale, whoAmI: string): { text: string; blocks: KnownBlock[] } {
  const text = commonText[locale];
  const blocks: KnownBlock[] = [header(text.helpTitle), section(text.helpIntro)];
  for (const { help, aliases } of entries) {
    const alias = aliases.length ? `  _(${text.alsoTyped}: ${aliases.map((word) => `\`${word}\``).join(', ')})_` : '';
    blocks.push(section(`*\`${help.usage}\`*${alias}\n${help.description}\n${text.example}: \`${help.example}\``));
  }
  blocks.push(context(`${text.youAre}: ${whoAmI}`));
  const plain = [
    text.helpTitle,
    ...entries.map(({ help }) => `${help.usage} — ${help.description} (${text.example}: ${help.example})`),
  ].join('\n');
  return { text: plain, blocks };
}
