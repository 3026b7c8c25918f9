import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { z } from 'zod';
import type { OrganisationSettings } from '../db/store/organisation';
import type { AppDeps } from '../src/deps';
import { commonText } from '../src/views/common-text';
import { type Caller, identifyCaller, isMember } from './context';
import type { Reply } from './feature';
import { notInOrganisationText } from './thidua';

/**
 * The Previous / Next buttons of a long ephemeral table: the button's value says which page of
 * what; the page is drawn again from the database (so it is current) and replaces the reply.
 * Anyone in the organisation may turn pages, as anyone may read the tables.
 */
export function registerPageButtons<P>(
  app: App,
  deps: AppDeps,
  actionIds: readonly string[],
  schema: z.ZodType<P>,
  render: (page: P, caller: Caller, organisation: OrganisationSettings) => Reply,
): void {
  for (const actionId of actionIds) {
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
        page = schema.parse(JSON.parse(action.value ?? ''));
      } catch {
        await respond({ response_type: 'ephemeral', replace_original: false, text: commonText[organisation.locale].failure });
        return;
      }
      const reply = render(page, caller, organisation);
      await respond({ response_type: 'ephemeral', replace_original: true, text: reply.text, ...(reply.blocks ? { blocks: reply.blocks } : {}) });
    });
  }
}
