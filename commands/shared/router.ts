import type { SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { MAX_COMMAND_LENGTH, matchCommand } from '../../src/domain/command-words';
import { formatNumber } from '../../src/i18n/format';
import { identifyCaller, isMember } from '../../src/services/caller';
import type { AppDeps } from '../../src/services/deps';
import { escapeMrkdwn } from '../../src/views/blocks';
import { commonText } from '../../src/views/common-text';
import type { Reply, SubCommand } from './feature';
import type { ListenerApp } from './listeners';
import { notInOrganisation, slashReplies } from './replies';

/**
 * The one slash command. It works out who is asking and which sub-command they typed, and answers
 * ephemerally in the acknowledgement when the answer is ready within the budget (nearly always),
 * else through the response_url (slashReplies).
 */
export function registerThiduaCommand(app: ListenerApp, deps: AppDeps, subCommands: SubCommand[], fallback: SubCommand): void {
  const words = subCommands.map((command) => ({ name: command.name, words: command.aliases }));
  app.command('/thidua', async ({ command, ack, respond, client }) => {
    const replies = slashReplies(ack, respond);
    try {
      await answer(command, client, replies.reply);
    } finally {
      // Also when the sub-command failed: acknowledged here, it is then answered by answerFailures
      // (src/listener-guards.ts) through the response_url, as every listener is.
      await replies.settle();
    }
  });

  async function answer(command: SlashCommand, client: WebClient, reply: (reply: Reply | string) => Promise<void>): Promise<void> {
    const organisation = deps.store.organisation.get();
    if (!organisation) return reply(commonText.vi.noOrganisation);
    const locale = organisation.locale;
    const text = commonText[locale];
    if (command.text.length > MAX_COMMAND_LENGTH)
      return reply(text.commandTooLong(formatNumber(command.text.length, locale), formatNumber(MAX_COMMAND_LENGTH, locale)));
    const caller = identifyCaller(deps.store, organisation, command.user_id, deps.clock.now());

    const match = matchCommand(command.text, words);
    if (match.kind === 'unknown') {
      const suggestions = match.suggestions.map((name) => `\`/thidua ${name}\``).join(` ${text.or} `);
      return reply(
        [text.unknownCommand(escapeMrkdwn(match.word)), suggestions ? text.didYouMean(suggestions) : '', text.seeHelp]
          .filter(Boolean)
          .join(' '),
      );
    }
    const target = match.kind === 'match' ? subCommands.find((candidate) => candidate.name === match.name)! : fallback;
    if (target.audience !== 'anyone' && !isMember(caller)) return reply(notInOrganisation(deps, organisation));
    await target.run({
      deps,
      caller,
      organisation,
      locale,
      args: match.kind === 'match' ? match.rest : '',
      channelId: command.channel_id,
      triggerId: command.trigger_id,
      client,
      respond: reply,
    });
  }
}
