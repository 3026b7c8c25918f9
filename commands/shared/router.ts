import type { BlockAction, ButtonAction, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { OrganisationSettings } from '../../db/store/organisation';
import { MAX_COMMAND_LENGTH, matchCommand } from '../../src/domain/command-words';
import { formatNumber } from '../../src/i18n/format';
import type { Locale } from '../../src/i18n/messages';
import { type Caller, identifyCaller, isMember } from '../../src/services/caller';
import type { AppDeps } from '../../src/services/deps';
import { languageOf, localeOf, refreshSlackLocale } from '../../src/services/people';
import { escapeMrkdwn } from '../../src/views/blocks';
import { commonText } from '../../src/views/common-text';
import { BLOCK_PICK, BLOCK_PICK_NEXT, BLOCK_PICK_PREVIOUS } from '../../src/views/ids';
import type { BlockPick } from '../../src/views/progress';
import type { Reply, SubCommand } from './feature';
import type { ListenerApp } from './listeners';
import { pressedBy } from './openers';
import { ephemeral, notInOrganisation, slashReplies } from './replies';
import { blockPicker } from './scope';

/**
 * The one slash command. It works out who is asking and which sub-command they typed, and answers
 * ephemerally in the acknowledgement when the answer is ready within the budget (nearly always),
 * else through the response_url (slashReplies).
 */
export function registerThiduaCommand(app: ListenerApp, deps: AppDeps, subCommands: SubCommand[], fallback: SubCommand): void {
  // Frozen, so matchCommand keeps its index and its answers for this list (src/domain/kept.ts).
  const words = Object.freeze(
    subCommands.map((command) => Object.freeze({ name: command.name, words: Object.freeze([...command.aliases]) })),
  );
  app.command('/thidua', async ({ command, ack, respond, client }) => {
    const replies = slashReplies(ack, respond, deps.wire.nowMs);
    try {
      await answer(command, client, replies.reply);
    } finally {
      // Also when the sub-command failed: acknowledged here, it is then answered by answerFailures
      // (src/listener-guards.ts) through the response_url, as every listener is.
      await replies.settle();
    }
  });
  registerBlockPicks(app, deps, subCommands);

  function answer(command: SlashCommand, client: WebClient, reply: (reply: Reply | string) => Promise<void>): Promise<void> {
    // Who is asking, in which language, and the sub-command up to its first wait — the words read
    // and the page drawn, for a table — as one unit of work over the database (store.readOnce):
    // the versions of what is answered from memory are asked once for the command, not once for
    // who is asking and again for the page. Nothing outside this process's synchronous run can
    // come between the two; a write the sub-command makes on the way is seen by the reads after it.
    return deps.store.readOnce(() => {
      const organisation = deps.store.organisation.get();
      if (!organisation) return reply(commonText.vi.noOrganisation);
      const caller = identifyCaller(deps.store, organisation, command.user_id, deps.clock.now());
      const language = languageOf(deps, command.user_id);
      // A member's Slack language is read (and kept) on their first command, and again a week later; someone else's is not kept.
      if (isMember(caller) && language.slackLocaleDue)
        return refreshSlackLocale(deps, client, command.user_id).then(() =>
          run(command, client, reply, organisation, caller, localeOf(deps, command.user_id)),
        );
      return run(command, client, reply, organisation, caller, language.locale);
    });
  }

  function run(
    command: SlashCommand,
    client: WebClient,
    reply: (reply: Reply | string) => Promise<void>,
    organisation: OrganisationSettings,
    caller: Caller,
    locale: Locale,
  ): Promise<void> {
    const text = commonText[locale];
    if (command.text.length > MAX_COMMAND_LENGTH)
      return reply(text.commandTooLong(formatNumber(command.text.length, locale), formatNumber(MAX_COMMAND_LENGTH, locale)));

    const match = matchCommand(command.text, words);
    if (match.kind === 'unknown') {
      const suggestions = match.suggestions
        .map((name) => `\`/thidua ${commandWord(subCommands.find((candidate) => candidate.name === name)!, locale)}\``)
        .join(` ${text.or} `);
      return reply(
        [
          text.unknownCommand(escapeMrkdwn(command.text.trim().replace(/\s+/g, ' '))),
          suggestions ? text.didYouMean(suggestions) : '',
          text.seeHelp,
        ]
          .filter(Boolean)
          .join(' '),
      );
    }
    const target = match.kind === 'match' ? subCommands.find((candidate) => candidate.name === match.name)! : fallback;
    if (target.audience !== 'anyone' && !isMember(caller)) return reply(notInOrganisation(deps, organisation));
    return target.run({
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

/**
 * The words that name `command` for a reader of `locale`, as its help line shows them ("baocao";
 * "report" in English; "xephang nam"): what a suggestion tells that reader to type.
 */
export function commandWord(command: SubCommand, locale: Locale): string {
  const words = command.help[locale].usage.split(/\s+/).slice(1);
  const end = words.findIndex((word) => /^[[<]/.test(word));
  return words.slice(0, end === -1 ? undefined : end).join(' ');
}

const pickSchema = z.object({
  command: z.string().max(40),
  args: z.string().max(MAX_COMMAND_LENGTH),
  block: z.string().max(40).optional(),
  page: z.number().int().min(0).optional(),
}) satisfies z.ZodType<BlockPick>;

/**
 * The block buttons an admin outside every block gets from a block-scoped command that named none
 * (commands/shared/scope.ts): a block's button runs the command again with that block, as if typed
 * (the command checks again who may see what); the page buttons draw another page of blocks.
 */
function registerBlockPicks(app: ListenerApp, deps: AppDeps, subCommands: SubCommand[]): void {
  app.action<BlockAction<ButtonAction>>(BLOCK_PICK, async ({ ack, action, body, respond, client }) => {
    await ack();
    const pressed = await pressedBy(deps, body.user.id, action.value, pickSchema, respond);
    if (!pressed) return;
    const { organisation, caller, value } = pressed;
    const target = subCommands.find((candidate) => candidate.name === value.command);
    const locale = localeOf(deps, body.user.id);
    if (!target || !value.block) return ephemeral(respond)(commonText[locale].staleButton);
    await target.run({
      deps,
      caller,
      organisation,
      locale,
      // The block first: where every scoped command reads it ([khối] [năm] [từ lọc]), and the period commands take either order.
      args: `${value.block} ${value.args}`.trim(),
      channelId: body.channel?.id ?? '',
      triggerId: body.trigger_id,
      client,
      respond: ephemeral(respond),
      showOnly: true,
    });
  });
  for (const actionId of [BLOCK_PICK_PREVIOUS, BLOCK_PICK_NEXT]) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, action, body, respond }) => {
      await ack();
      const pressed = await pressedBy(deps, body.user.id, action.value, pickSchema, respond);
      if (!pressed) return;
      const { organisation, caller, value } = pressed;
      const locale = localeOf(deps, body.user.id);
      const page = blockPicker({ deps, caller, organisation, locale }, value);
      if (!page) return ephemeral(respond)(commonText[locale].staleButton);
      await respond({
        response_type: 'ephemeral',
        replace_original: true,
        text: page.text,
        ...(page.blocks ? { blocks: page.blocks } : {}),
      });
    });
  }
}
