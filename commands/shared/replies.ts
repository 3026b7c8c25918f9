import type { AckFn, RespondArguments, RespondFn } from '@slack/bolt';
import type { OrganisationSettings } from '../../db/store/organisation';
import { SerialisedJson } from '../../src/serialised-json';
import type { AppDeps } from '../../src/services/deps';
import { notInOrganisationText } from '../../src/views/caller';
import type { Reply } from './feature';

/** Answers through a response_url with what only the caller sees, beside (not instead of) what they pressed. */
export function ephemeral(respond: RespondFn): (reply: Reply | string) => Promise<void> {
  return (reply) => respond({ ...message(reply), replace_original: false }).then(() => undefined);
}

function message(reply: Reply | string): RespondArguments {
  const { text, blocks } = typeof reply === 'string' ? { text: reply, blocks: undefined } : reply;
  return { response_type: 'ephemeral', text, ...(blocks ? { blocks } : {}) };
}

/** The acknowledgements of replies that cannot change, by reply: serialised once (src/serialised-json.ts, src/http-ack.ts). */
const serialised = new WeakMap<Reply, SerialisedJson>();

/**
 * `reply` as an acknowledgement's body. A frozen reply — a page the read cache keeps between writes
 * and hands to everyone meanwhile, frozen all through (db/store/read-cache.ts) — is serialised once;
 * any other reply may still be changed by whoever built it, so it is serialised when sent.
 */
function acknowledgement(reply: Reply | string): RespondArguments {
  if (typeof reply === 'string' || !Object.isFrozen(reply)) return message(reply);
  let body = serialised.get(reply);
  if (!body) {
    body = new SerialisedJson(message(reply));
    serialised.set(reply, body);
  }
  // Bolt's ack() hands its body to buildContentResponse, which writes these bytes; JSON.stringify reads `value`.
  return body as unknown as RespondArguments;
}

/**
 * How long a slash command's acknowledgement may wait for its reply. Slack allows 3 s from sending
 * the command, the network included; a reply is nearly always ready in milliseconds.
 */
export const ACK_BUDGET_MS = 2000;

/**
 * A slash command's replies: the first one ready within `budgetMs` goes back in the
 * acknowledgement itself — Slack shows it as the ephemeral answer, with no second request through
 * the response_url. Slow work (a modal that takes long to open, anything past the budget) is
 * acknowledged empty at the budget and answered through the response_url, as is any later reply.
 * `settle()` acknowledges empty when the command ended without a reply (it opened a modal).
 * The budget runs from the call (`nowMs`, real time); its timer is set only when the command's own
 * synchronous run ended without a reply: nearly every reply is ready in that run, and a timer set and
 * cleared for each of them cost about 1 % of a command.
 */
export function slashReplies(
  ack: AckFn<string | RespondArguments>,
  respond: RespondFn,
  nowMs: () => number,
  budgetMs = ACK_BUDGET_MS,
): { reply(reply: Reply | string): Promise<void>; settle(): Promise<void> } {
  let acknowledged: Promise<void> | undefined;
  let budget: ReturnType<typeof setTimeout> | undefined;
  const acknowledge = (body?: RespondArguments) => {
    if (budget) clearTimeout(budget);
    acknowledged ??= ack(body);
    return acknowledged;
  };
  const startedAt = nowMs();
  // Runs once the code calling this has run to its first wait (the command, up to its first await).
  queueMicrotask(() => {
    if (!acknowledged) budget = setTimeout(() => void acknowledge(), budgetMs - (nowMs() - startedAt));
  });
  const later = ephemeral(respond);
  return {
    reply: (reply) => (acknowledged ? later(reply) : acknowledge(acknowledgement(reply))),
    settle: () => acknowledge(),
  };
}

/** What someone outside the organisation file is told: whom to ask. */
export function notInOrganisation(deps: AppDeps, organisation: OrganisationSettings): string {
  return notInOrganisationText(organisation.name, deps.store.organisation.adminIds(), organisation.locale);
}
