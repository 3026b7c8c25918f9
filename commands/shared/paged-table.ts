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
import { type Resolved, type Scope, scopeOf } from './scope';

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
  /** What the words after the command name mean (default: "[khối] [năm]" with scopeOf), or what to answer instead; it only reads. */
  resolve?: (context: CommandContext) => Resolved<S>;
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
          const { store } = context.deps;
          const now = context.deps.clock.now();
          // The words read and the page drawn as one unit of work (each version asked once).
          const reply = store.readOnce(() => {
            const resolved = table.resolve
              ? table.resolve(context)
              : (scopeOf(context, { command: table.name, allowRest: table.allowRest }) as Resolved<S>);
            if ('reply' in resolved) return resolved.reply;
            return table.render(store, table.firstPage(resolved.scope), context.caller, context.organisation, now, context.locale);
          });
          await context.respond(reply);
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
