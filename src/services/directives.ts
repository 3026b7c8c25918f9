import type { Store } from '../../db/store';
import type { DirectiveRow, DirectiveSearchResult, DirectiveSuggestions } from '../../db/store/directives';
import type { DirectiveInput } from '../domain/directive';
import { type DirectiveQuery, parseDirectiveQuery } from '../domain/directive-query';
import { buildSharedDirective, PAGE_SIZE } from '../views/directives';
import type { AppDeps } from './deps';

/**
 * The directive library (văn bản): searches for anyone, sharing a result to a channel, and the
 * admins' additions and edits with their audit entries.
 */
export type DirectiveSearch =
  | { kind: 'none'; query: DirectiveQuery; suggestions: DirectiveSuggestions }
  | { kind: 'found'; query: DirectiveQuery; result: DirectiveSearchResult; correctedQuery?: string };

/** One page of results for what was typed, from `offset`; or what to try instead. */
export function searchDirectives(store: Store, typed: string, offset: number): DirectiveSearch {
  const query = parseDirectiveQuery(typed);
  let result = store.directives.search(query, { offset, limit: PAGE_SIZE });
  // A page past the end (the library shrank since the button was drawn): start again from the top.
  if (result.hits.length === 0 && offset > 0) result = store.directives.search(query, { offset: 0, limit: PAGE_SIZE });
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
  const fields = ['number', 'kind', 'issuer', 'issuedOn', 'title', 'summary', 'url', 'tags'] as const;
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
 * "Chia sẻ vào kênh": one result posted to `channel` through the outbox, saying who shared it;
 * `pressId` tells presses apart. Undefined when the directive is gone.
 */
export function shareDirective(
  deps: AppDeps,
  share: { userId: string; directiveId: number; channel: string; pressId: string },
): DirectiveRow | undefined {
  const organisation = deps.store.organisation.get()!;
  const directive = deps.store.directives.byId(share.directiveId);
  if (!directive) return undefined;
  const message = buildSharedDirective(directive, share.userId, organisation.locale);
  deps.store.transaction((tx) =>
    deps.delivery.queue(tx, {
      key: `directive-share:${directive.id}:${share.channel}:${share.userId}:${share.pressId}`,
      kind: 'directive_share',
      message: { channel: share.channel, ...message },
    }),
  );
  deps.delivery.kick();
  return directive;
}
