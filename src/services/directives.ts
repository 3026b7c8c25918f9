import type { WebClient } from '@slack/web-api';
import type { Store } from '../../db/store';
import type { DirectiveRow, DirectiveSearchResult, DirectiveSuggestions } from '../../db/store/directives';
import { DEFAULT_TIME_ZONE, localDateOf } from '../domain/calendar';
import type { DirectiveInput } from '../domain/directive';
import { type DirectiveQuery, parseDirectiveQuery } from '../domain/directive-query';
import { readJson } from '../read-json';
import { buildSharedDirective, CHANNEL_ID, PAGE_SIZE, type SearchPlace, shareValueSchema } from '../views/directives';
import type { AppDeps } from './deps';
import type { Seal } from './seal';

/**
 * The directive library (văn bản): searches for anyone, sharing a result to a channel, and the
 * admins' additions and edits with their audit entries.
 */
export type DirectiveSearch =
  | { kind: 'none'; query: DirectiveQuery; suggestions: DirectiveSuggestions }
  | { kind: 'found'; query: DirectiveQuery; result: DirectiveSearchResult; correctedQuery?: string };

/** Today in the organisation's calendar (yyyy-MM-dd): which directives are still in force. */
export function directivesToday(deps: Pick<AppDeps, 'store' | 'clock'>): string {
  return localDateOf(deps.clock.now(), deps.store.organisation.get()?.timeZone ?? DEFAULT_TIME_ZONE);
}

/** One page of results for what was typed, from `offset`, in force on `today` ranked first at equal relevance; or what to try instead. */
export function searchDirectives(store: Store, typed: string, offset: number, today: string): DirectiveSearch {
  const query = parseDirectiveQuery(typed);
  let result = store.directives.search(query, { offset, limit: PAGE_SIZE }, today);
  // A page past the end (the library shrank since the button was drawn): start again from the top.
  if (result.hits.length === 0 && offset > 0) result = store.directives.search(query, { offset: 0, limit: PAGE_SIZE }, today);
  if (result.total === 0) return { kind: 'none', query, suggestions: store.directives.suggestions(query) };
  const correctedQuery = result.partial ? store.directives.suggestions(query).correctedQuery : undefined;
  return { kind: 'found', query, result, ...(correctedQuery !== undefined ? { correctedQuery } : {}) };
}

export type SaveOutcome =
  | { kind: 'saved'; directive: DirectiveRow; added: boolean }
  /** A repeat of a submission already saved. */
  | { kind: 'repeat' }
  /** Another directive has this number already. */
  | { kind: 'taken'; directive: DirectiveRow }
  /** The directive being edited is no longer there. */
  | { kind: 'gone' };

type Refusal = Extract<SaveOutcome, { kind: 'taken' | 'gone' }>;

/** Thrown inside the save transaction to roll it back (with its claim) and answer with field errors. */
class Refused extends Error {
  constructor(readonly outcome: Refusal) {
    super(outcome.kind);
  }
}

/** The fields an edit changed, before and after, for the audit log. */
function changes(before: DirectiveRow, after: DirectiveRow): Record<string, { from: unknown; to: unknown }> {
  const fields = ['number', 'kind', 'issuer', 'issuedOn', 'title', 'summary', 'url', 'tags', 'expiredOn', 'replacedBy'] as const;
  return Object.fromEntries(
    fields
      .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
      .map((field) => [field, { from: before[field], to: after[field] }]),
  );
}

/**
 * An admin's directive (`editingId` when it edits one), stored with its audit entry. The modal's
 * view id is claimed first, so that a retry of a submission that was saved is recognised as one; a
 * submission refused rolls the claim back, so the corrected one can still be saved.
 */
export function saveDirective(
  deps: AppDeps,
  submission: { userId: string; viewId: string; input: DirectiveInput; editingId?: number },
): SaveOutcome {
  const { userId, input, editingId } = submission;
  const now = deps.clock.now();
  try {
    return deps.store.transaction((tx): SaveOutcome => {
      if (!tx.events.claim(`view:${submission.viewId}`, 'view_submission', now)) return { kind: 'repeat' };
      const taken = tx.directives.byNumber(input.number, editingId);
      if (taken) throw new Refused({ kind: 'taken', directive: taken });
      const before = editingId !== undefined ? tx.directives.byId(editingId) : undefined;
      if (editingId !== undefined && !before) throw new Refused({ kind: 'gone' });
      const directive = before ? tx.directives.update(before.id, input, userId, now) : tx.directives.add(input, userId, now);
      tx.audit.record({
        at: now,
        actorUserId: userId,
        actingAsAdmin: true,
        action: before ? 'directive.updated' : 'directive.added',
        entityType: 'directive',
        entityId: directive.id,
        details: before ? { number: directive.number, changes: changes(before, directive) } : { number: directive.number, input },
      });
      return { kind: 'saved', directive, added: !before };
    });
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    return error.outcome;
  }
}

/**
 * “Chia sẻ vào kênh”: one directive from a search, posted into the conversation where the search
 * was made, by someone who is both in the organisation and in that conversation, once per
 * directive and conversation within SHARE_WINDOW_MS.
 * - The conversation is never taken from the request: the search's own place rides in the button,
 *   sealed with whoever searched (src/services/seal.ts), so an altered value — another channel, another
 *   user's button — is refused.
 * - Membership is asked of Slack (conversations.members) at the moment of sharing: someone who
 *   left the channel since the search cannot post into it.
 * - The share is claimed in the database (the outbox key, read and written in one IMMEDIATE
 *   transaction), so twenty presses post once.
 */
export const SHARE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Pages of conversations.members read at most (1,000 members each). */
const MEMBER_PAGES = 20;

/**
 * The place of a search `userId` made in `channel`, to draw its buttons with; none in a direct
 * message (nobody else would see the share, and the bot cannot post into two people's DM).
 */
export function searchPlace(seal: Seal, userId: string, channel: string): SearchPlace | undefined {
  return CHANNEL_ID.test(channel) ? { channel, seal: seal.sign(placeSubject(userId, channel)) } : undefined;
}

/** The place a button says its search was made in, if its seal is `userId`'s for it; else undefined. */
export function verifiedPlace(
  seal: Seal,
  userId: string,
  carried: { channel?: string | undefined; seal?: string | undefined },
): SearchPlace | undefined {
  if (!carried.channel || !carried.seal || !seal.verify(placeSubject(userId, carried.channel), carried.seal)) return undefined;
  return { channel: carried.channel, seal: carried.seal };
}

function placeSubject(userId: string, channel: string): string {
  return `directive-search:${userId}:${channel}`;
}

export type ShareOutcome =
  /** The button's value is not one this bot drew for this person (altered, or from before sealing). */
  | { kind: 'stale' }
  | { kind: 'gone' }
  | { kind: 'not_in_conversation' }
  /** Slack could not tell who is in the conversation. */
  | { kind: 'unverified'; reason: string }
  | { kind: 'already'; at: Date }
  | { kind: 'shared'; directive: DirectiveRow };

/**
 * Shares the directive a button names, for `userId` (already known to be in the organisation),
 * or says why not. `client` asks Slack who is in the conversation.
 */
export async function shareDirective(
  deps: AppDeps,
  client: WebClient,
  input: { userId: string; value: string | undefined; locale: 'vi' | 'en' },
): Promise<ShareOutcome> {
  const value = readJson(input.value, shareValueSchema);
  const place = value ? verifiedPlace(deps.seal, input.userId, value) : undefined;
  if (!value || !place) return { kind: 'stale' };
  const directive = deps.store.directives.byId(value.directive);
  if (!directive) return { kind: 'gone' };
  const membership = await isInConversation(client, place.channel, input.userId);
  if (membership !== true)
    return membership === false ? { kind: 'not_in_conversation' } : { kind: 'unverified', reason: membership.reason };

  const now = deps.clock.now();
  const prefix = `directive-share:${directive.id}:${place.channel}:`;
  const message = buildSharedDirective(directive, input.userId, input.locale, deps.store.directives.replacementOf(directive));
  const outcome = deps.store.transaction((tx): ShareOutcome => {
    const last = tx.outbox.latestWithKeyPrefix(prefix);
    if (last && now.getTime() - Number(last.dedupeKey.slice(prefix.length)) < SHARE_WINDOW_MS)
      return { kind: 'already', at: new Date(Number(last.dedupeKey.slice(prefix.length))) };
    deps.delivery.queue(tx, { key: `${prefix}${now.getTime()}`, kind: 'directive_share', message: { channel: place.channel, ...message } });
    return { kind: 'shared', directive };
  });
  if (outcome.kind === 'shared') deps.delivery.kick();
  return outcome;
}

/** Whether Slack lists `userId` among the conversation's members; why it could not say otherwise. */
async function isInConversation(client: WebClient, channel: string, userId: string): Promise<boolean | { reason: string }> {
  try {
    let cursor: string | undefined;
    for (let page = 0; page < MEMBER_PAGES; page++) {
      const answer = await client.conversations.members({ channel, limit: 1000, ...(cursor ? { cursor } : {}) });
      if (answer.members?.includes(userId)) return true;
      cursor = answer.response_metadata?.next_cursor || undefined;
      if (!cursor) return false;
    }
    return { reason: 'too_many_members' };
  } catch (error) {
    const code = (error as { data?: { error?: unknown } }).data?.error;
    return { reason: typeof code === 'string' ? code : 'no_answer' };
  }
}
