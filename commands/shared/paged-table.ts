import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { z } from 'zod';
import type { Store } from '../../db/store';
import type { OrganisationSettings } from '../../db/store/organisation';
import type { Catalogue, Locale } from '../../src/i18n/messages';
import type { Caller } from '../../src/services/caller';
import type { AppDeps } from '../../src/services/deps';
import type { SubCommandHelp } from '../../src/views/help';
import type { CommandContext, Feature, Reply } from './feature';
import type { ListenerApp } from './listeners';
import { pressedBy } from './openers';
import { resolveScope, type Scope } from './scope';

/**
 * A table about a block and a year (`/thidua <name> [khối] [năm] [...]`), too long for one
 * message: the command draws its first page; Previous / Next buttons (src/views/paging.ts) carry
 * which page of what (a small JSON value) and the page is drawn again from the database, so it is
 * current, in place of the reply. Anyone in the organisation may read and turn pages.
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
  /** Draws the page as of `now` (the organisation's clock); it only reads, as one unit of work (store.readOnce). */
  render(store: Store, page: P, caller: Caller, organisation: OrganisationSettings, now: Date, locale: Locale): Reply;
}

/** How many drawn pages a table remembers between writes (store.remember's bound): a page is tens of kilobytes. */
export const PAGES_KEPT = 200;

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
          const { store } = context.deps;
          const now = context.deps.clock.now();
          await context.respond(
            store.readOnce(() => table.render(store, table.firstPage(scope), context.caller, context.organisation, now, context.locale)),
          );
        },
      },
    ],
    register(app: ListenerApp, deps: AppDeps) {
      for (const actionId of table.actionIds) {
        app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, action, body, respond }) => {
          await ack();
          const pressed = await pressedBy(deps, body.user.id, action.value, table.page, respond);
          if (!pressed) return;
          const now = deps.clock.now();
          const reply = deps.store.readOnce(() =>
            table.render(deps.store, pressed.value, pressed.caller, pressed.organisation, now, pressed.locale),
          );
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
