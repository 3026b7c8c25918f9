import type { BlockAction, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { AppDeps } from '../src/deps';
import { identifyCaller } from './context';
import type { ModalOpener } from './feature';

/**
 * A button that opens a modal (a nudge's "Nộp báo cáo", a returned report's "Mở báo cáo") gets the
 * same context as a slash command: who pressed it, its trigger, and an ephemeral answer for when
 * the modal cannot be opened. Undefined before any organisation is loaded.
 */
export function openerFromAction(deps: AppDeps, body: BlockAction, client: WebClient, respond: RespondFn): ModalOpener | undefined {
  const organisation = deps.store.organisation.get();
  if (!organisation) return undefined;
  return {
    deps,
    caller: identifyCaller(deps.store, organisation, body.user.id, deps.clock.now()),
    organisation,
    locale: organisation.locale,
    triggerId: body.trigger_id,
    client,
    respond: (reply) => respond({ response_type: 'ephemeral', replace_original: false, text: reply.text, ...(reply.blocks ? { blocks: reply.blocks } : {}) }).then(() => undefined),
  };
}
