import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { z } from 'zod';
import type { Store } from '../db/store';
import type { OrganisationSettings } from '../db/store/organisation';
import type { AppDeps } from '../src/deps';
import type { Catalogue } from '../src/i18n/messages';
import { commonText } from '../src/views/common-text';
import { resolveScope, type Scope } from './args';
import { type Caller, identifyCaller, isMember } from './context';
import type { Feature, Reply, SubCommandHelp } from './feature';
import { notInOrganisationText } from './thidua';

/**
 * A table about a block and a year (`/thidua <name> [khối] [năm] [...]`), too long for one
 * message: the command draws its first page; Previous / Next buttons carry which page of what
 * (a small JSON value) and the page is drawn again from the database, so it is current, in place
 * of the reply. Anyone in the organisation may read and turn pages.
 */
export interface PagedTable<P> {
  name: string;
  aliases: string[];
  help: Catalogue<SubCommandHelp>;
  /** Words left after the block and year: the table's own (a filter), or else an unknown block. */
  allowRest: boolean;
  firstPage(scope: Scope): P;
  /** Reads a page button's value back. */
  page: z.ZodType<P>;
  /** The page buttons' action ids. */
  actionIds: readonly string[];
  render(store: Store, page: P, caller: Caller, organisation: OrganisationSettings): Reply;
}

export function pagedTableFeature<P>(table: PagedTable<P>): Feature {
  return {
    subCommands: [
      {
        name: table.name,
        aliases: table.aliases,
        help: table.help,
        async run(context) {
          const scope = await resolveScope(context, { command: table.name, allowRest: table.allowRest });
          if (!scope) return;
          await context.respond(table.render(context.deps.store, table.firstPage(scope), context.caller, context.organisation));
        },
      },
    ],
    register(app: App, deps: AppDeps) {
      for (const actionId of table.actionIds) {
        app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, action, body, respond }) => {
          await ack();
          const organisation = deps.store.organisation.get();
          if (!organisation) return;
          const caller = identifyCaller(deps.store, organisation, body.user.id, deps.clock.now());
          if (!isMember(caller)) {
            await respond({ response_type: 'ephemeral', replace_original: false, text: notInOrganisationText(deps, organisation) });
            return;
          }
          let page: P;
          try {
            page = table.page.parse(JSON.parse(action.value ?? ''));
          } catch {
            await respond({ response_type: 'ephemeral', replace_original: false, text: commonText[organisation.locale].failure });
            return;
          }
          const reply = table.render(deps.store, page, caller, organisation);
          await respond({ response_type: 'ephemeral', replace_original: true, text: reply.text, ...(reply.blocks ? { blocks: reply.blocks } : {}) });
        });
      }
    },
  };
}
