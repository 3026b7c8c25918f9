import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { z } from 'zod';
import type { Store } from '../db/store';
import type { OrganisationSettings } from '../db/store/organisation';
import type { AppDeps } from '../src/deps';
import type { Catalogue } from '../src/i18n/messages';
import { readJson } from '../src/read-json';
import { commonText } from '../src/views/common-text';
import { resolveScope, type Scope } from './args';
import { type Caller, identifyCaller, isMember } from './context';
import type { CommandContext, Feature, Reply, SubCommandHelp } from './feature';
import { notInOrganisationText } from './thidua';

/**
 * A table about a block and a year (`/thidua <name> [khối] [năm] [...]`), too long for one
 * message: the command draws its first page; Previous / Next buttons carry which page of what
 * (a small JSON value) and the page is drawn again from the database, so it is current, in place
 * of the reply. Anyone in the organisation may read and turn pages.
 */
export interface PagedTable<P, S = Scope> {
  name: string;
  aliases: string[];
  help: Catalogue<SubCommandHelp>;
  /** Words left after the block and year: the table's own (a filter), or else an unknown block. */
  allowRest: boolean;
  /** What the words after the command name (default: "[khối] [năm]" with resolveScope); answers the caller itself when it cannot. */
  resolve?: (context: CommandContext) => Promise<S | undefined>;
  firstPage(scope: S): P;
  /** Reads a page button's value back. */
  page: z.ZodType<P>;
  /** The page buttons' action ids. */
  actionIds: readonly string[];
  /** Draws the page as of `now` (the organisation's clock). */
  render(store: Store, page: P, caller: Caller, organisation: OrganisationSettings, now: Date): Reply;
}

export function pagedTableFeature<P, S = Scope>(table: PagedTable<P, S>): Feature {
  return {
    subCommands: [
      {
        name: table.name,
        aliases: table.aliases,
        help: table.help,
        async run(context) {
          const scope = table.resolve
            ? await table.resolve(context)
            : ((await resolveScope(context, { command: table.name, allowRest: table.allowRest })) as S | undefined);
          if (scope === undefined) return;
          await context.respond(
            table.render(context.deps.store, table.firstPage(scope), context.caller, context.organisation, context.deps.clock.now()),
          );
        },
      },
    ],
    register(app: App, deps: AppDeps) {
      for (const actionId of table.actionIds) {
        app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, action, body, respond }) => {
          await ack();
          const pressed = await pressedBy(deps, body.user.id, action.value, table.page, respond);
          if (!pressed) return;
          const reply = table.render(deps.store, pressed.value, pressed.caller, pressed.organisation, deps.clock.now());
          await respond({
            response_type: 'ephemeral',
            replace_original: true,
            text: reply.text,
            ...(reply.blocks ? { blocks: reply.blocks } : {}),
          });
        });
      }
    },
  };
}

/**
 * Who pressed a button and what its value says, when they belong to the organisation and the value
 * reads as `schema`; otherwise they are answered (ephemerally) and this is undefined.
 */
export async function pressedBy<T>(
  deps: AppDeps,
  userId: string,
  value: string | undefined,
  schema: z.ZodType<T>,
  respond: RespondFn,
): Promise<{ organisation: OrganisationSettings; caller: Caller; value: T } | undefined> {
  const organisation = deps.store.organisation.get();
  if (!organisation) return undefined;
  const caller = identifyCaller(deps.store, organisation, userId, deps.clock.now());
  if (!isMember(caller)) {
    await respond({ response_type: 'ephemeral', replace_original: false, text: notInOrganisationText(deps, organisation) });
    return undefined;
  }
  const read = readJson(value, schema);
  if (read !== undefined) return { organisation, caller, value: read };
  await respond({ response_type: 'ephemeral', replace_original: false, text: commonText[organisation.locale].failure });
  return undefined;
}
