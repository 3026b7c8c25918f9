import type { App } from '@slack/bolt';
import { MAX_COMMAND_LENGTH, matchCommand } from '../../src/domain/command-words';
import { formatNumber } from '../../src/i18n/format';
import { identifyCaller, isMember } from '../../src/services/caller';
import type { AppDeps } from '../../src/services/deps';
import { escapeMrkdwn } from '../../src/views/blocks';
import { commonText } from '../../src/views/common-text';
import type { SubCommand } from './feature';
import { ephemeral, notInOrganisation } from './replies';

/**
 * The one slash command. It acknowledges at once (Slack allows 3 s), then works out who is asking
 * and which sub-command they typed, and answers ephemerally through the response_url.
 */
export function registerThiduaCommand(app: App, deps: AppDeps, subCommands: SubCommand[], fallback: SubCommand): void {
  const words = subCommands.map((command) => ({ name: command.name, words: command.aliases }));
  app.command('/thidua', async ({ command, ack, respond, client }) => {
    await ack();
    const reply = ephemeral(respond);
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
    // A sub-command that fails is answered by answerFailures (src/listener-guards.ts), as every listener is.
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
  });
}
