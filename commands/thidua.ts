import type { App } from '@slack/bolt';
import type { OrganisationSettings } from '../db/store/organisation';
import type { AppDeps } from '../src/deps';
import { matchCommand } from '../src/domain/command-words';
import { mention } from '../src/views/blocks';
import { commonText } from '../src/views/common-text';
import { type Caller, identifyCaller, isMember } from './context';
import type { Reply, SubCommand } from './feature';

/**
 * The one slash command. It acknowledges at once (Slack allows 3 s), then works out who is asking
 * and which sub-command they typed, and answers ephemerally through the response_url.
 */
export function registerThiduaCommand(app: App, deps: AppDeps, subCommands: SubCommand[], fallback: SubCommand): void {
  const words = subCommands.map((command) => ({ name: command.name, words: command.aliases }));
  app.command('/thidua', async ({ command, ack, respond, client }) => {
    await ack();
    const reply = (message: Reply) =>
      respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: message.text,
        ...(message.blocks ? { blocks: message.blocks } : {}),
      }).then(() => undefined);
    const organisation = deps.store.organisation.get();
    if (!organisation) return reply({ text: commonText.vi.noOrganisation });
    const locale = organisation.locale;
    const text = commonText[locale];
    const caller = identifyCaller(deps.store, organisation, command.user_id, deps.clock.now());

    const match = matchCommand(command.text, words);
    if (match.kind === 'unknown') {
      const suggestions = match.suggestions.map((name) => `\`/thidua ${name}\``).join(` ${text.or} `);
      return reply({
        text: [text.unknownCommand(match.word), suggestions ? text.didYouMean(suggestions) : '', text.seeHelp].filter(Boolean).join(' '),
      });
    }
    const target = match.kind === 'match' ? subCommands.find((candidate) => candidate.name === match.name)! : fallback;
    if (target.audience !== 'anyone' && !isMember(caller)) return reply({ text: notInOrganisationText(deps, organisation) });
    try {
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
    } catch (error) {
      deps.logger.error(`/thidua ${command.text} by ${command.user_id} failed`, error);
      await reply({ text: text.failure });
    }
  });
}

export function notInOrganisationText(deps: AppDeps, organisation: OrganisationSettings): string {
  return commonText[organisation.locale].notInOrganisation(organisation.name, deps.store.organisation.adminIds().map(mention).join(', '));
}

/** "cán bộ thi đua của Công an tỉnh; đơn vị Trưởng khối Khối thi đua Nội chính" */
export function describeCaller(caller: Caller, organisation: OrganisationSettings): string {
  const text = commonText[organisation.locale];
  const roles = [
    ...(caller.isAdmin ? [text.roleAdmin] : []),
    ...(caller.unit ? [text.roleOfficer(caller.unit.name)] : []),
    ...(caller.leadOf.length ? [text.roleLead(caller.leadOf.map((block) => block.name).join(', '))] : []),
  ];
  return `${mention(caller.userId)} — ${roles.length ? roles.join('; ') : text.roleNone}`;
}
