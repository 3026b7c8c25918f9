import type { WebClient } from '@slack/web-api';
import type { Store } from '../../../db/store';
import type { OrganisationSettings } from '../../../db/store/organisation';
import { type ChangeReasonProblem, readChangeReason } from '../../domain/versions';
import type { Locale } from '../../i18n/messages';
import { buildChangeRequestMessage, type ChangeRequestFacts } from '../../views/change-request';
import { UNIT_CHANGE_REASON_BLOCK } from '../../views/ids';
import { decidersOf, type UnitRequest } from '../caller';
import type { AppDeps } from '../deps';
import { localeOf } from '../people';
import type { FormAnswers } from '../unit-forms/submit';

/**
 * Change requests: after a due, a change to what a unit submitted (its pledge, its periodic report)
 * is not applied but asked for. The block lead's officers — or the admins when the block has no
 * lead, or when the lead unit itself asks — get a DM with the change and Approve / Reject; Reject
 * asks for a reason. The requester is told the outcome; the decision lands in the audit log.
 *
 * The mechanism is shared; what differs per kind of request (how to read it, what approving means)
 * is a ChangeRequestKind, listed by name in kinds.ts.
 */
export type ChangeRequest = ChangeRequestFacts &
  UnitRequest & {
    /** Where decisions are written in the audit log, e.g. { entityType: 'pledge', entityId: 12 }. */
    auditEntity: { entityType: string; entityId: string | number };
  };

export interface Decision {
  by: string;
  at: Date;
  /** An admin decided, not the block lead's officers. */
  actingAsAdmin: boolean;
  /** Given when rejecting. */
  reason?: string;
}

export interface ChangeRequestKind {
  /** The request (any status) in the organisation's language; undefined when there is no such id. */
  load(store: Store, id: number, locale: Locale): ChangeRequest | undefined;
  /**
   * Approves (the change is in force from now) or rejects (what was in force stays) a pending
   * request, in the caller's transaction. False when it is no longer pending: someone decided first.
   */
  decide(tx: Store, request: ChangeRequest, outcome: 'accepted' | 'rejected', decision: Decision): boolean;
  /** The audit log's action names for the two decisions, e.g. 'pledge.amendment_approved'. */
  auditActions: { approved: string; rejected: string };
  /** What the requester's DM adds once the request is approved (read in the deciding transaction, after `decide`), in `locale`. */
  approvedDetails?(tx: Store, request: ChangeRequest, locale: Locale): string[];
}

/** The facts of a change request that its version row holds, as every kind reads them. */
export function versionFacts(version: {
  status: ChangeRequest['status'];
  submittedBy: string;
  submittedAt: Date;
  actingAsAdmin: boolean;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  changeReason: string | null;
}): Pick<
  ChangeRequest,
  'status' | 'requestedBy' | 'requestedAt' | 'actingAsAdmin' | 'decidedBy' | 'decidedAt' | 'reason' | 'changeReason'
> {
  return {
    status: version.status,
    requestedBy: version.submittedBy,
    requestedAt: version.submittedAt,
    actingAsAdmin: version.actingAsAdmin,
    decidedBy: version.decidedBy,
    decidedAt: version.decidedAt,
    reason: version.decisionReason,
    changeReason: version.changeReason,
  };
}

/**
 * The “Lý do điều chỉnh” of a unit form's last page when the submission is a change request: required.
 * A last page drawn before the form became one (the lock passed while it was open) has no such
 * field: the pipeline draws it again with the field before anything is stored (unit-forms/submit.ts).
 */
export function changeReasonOf(answers: FormAnswers): { ok: true; changeReason?: string } | { ok: false; problem: ChangeReasonProblem } {
  const answer = answers.get(UNIT_CHANGE_REASON_BLOCK);
  if (!answer) return { ok: true };
  const changeReason = readChangeReason(answer.text);
  return changeReason ? { ok: true, changeReason } : { ok: false, problem: { field: 'change_reason' } };
}

/** ChangeRequestKind.decide over the versions a kind keeps in the store (tx.pledges, tx.reports). */
export function decideVersion(records: (tx: Store) => Pick<Store['pledges'], 'decide'>): ChangeRequestKind['decide'] {
  return (tx, request, outcome, decision) =>
    records(tx).decide(request.id, outcome, { by: decision.by, at: decision.at, ...(decision.reason ? { reason: decision.reason } : {}) });
}

/** What redrawing a posted message needs of Slack's Web API. */
export type MessageEditor = Pick<WebClient, 'chat'>;

export const requestKey = (request: Pick<ChangeRequest, 'kind' | 'id'>) => `change-request:${request.kind}:${request.id}:`;

/**
 * The request as `kind` reads it in each reader's language, read once per language: `request` is
 * the one already read (in the organisation's language) and serves when the reader's is the same.
 */
export function readerCopies(store: Store, kind: ChangeRequestKind, request: ChangeRequest, organisation: OrganisationSettings) {
  const copies = new Map<Locale, ChangeRequest>([[organisation.locale, request]]);
  return (userId: string): { locale: Locale; request: ChangeRequest } => {
    const locale = localeOf({ store }, userId);
    if (!copies.has(locale)) copies.set(locale, kind.load(store, request.id, locale) ?? request);
    return { locale, request: copies.get(locale)! };
  };
}

/**
 * Queues the request's DM to each of its deciders, each in the decider's language, in the
 * transaction that stored it (the delivery is kicked after it). Returns who decides, for telling the requester.
 */
export function queueChangeRequest(
  deps: AppDeps,
  tx: Store,
  kind: ChangeRequestKind,
  request: ChangeRequest,
  organisation: OrganisationSettings,
): ReturnType<typeof decidersOf> {
  const deciders = decidersOf(tx, request);
  const copyFor = readerCopies(tx, kind, request, organisation);
  for (const userId of deciders.userIds) {
    const copy = copyFor(userId);
    const message = buildChangeRequestMessage(copy.request, organisation.timeZone, copy.locale);
    deps.delivery.queue(tx, { key: `${requestKey(request)}${userId}`, kind: 'change_request', message: { user: userId, ...message } });
  }
  return deciders;
}

/**
 * Redraws every DM already posted for the request, in its reader's language, to show what became
 * of it (no buttons once decided or replaced), so a decision cannot be made twice from a stale message.
 */
export async function refreshChangeRequestMessages(
  deps: AppDeps,
  client: MessageEditor,
  kind: ChangeRequestKind,
  request: ChangeRequest,
  organisation: OrganisationSettings,
): Promise<void> {
  const copyFor = readerCopies(deps.store, kind, request, organisation);
  const prefix = requestKey(request);
  for (const row of deps.store.outbox.withKeyPrefix(prefix)) {
    if (row.status !== 'sent' || !row.channelId || !row.ts) continue;
    const copy = copyFor(row.dedupeKey.slice(prefix.length));
    const message = buildChangeRequestMessage(copy.request, organisation.timeZone, copy.locale);
    try {
      await client.chat.update({ channel: row.channelId, ts: row.ts, text: message.text, blocks: message.blocks });
    } catch (error) {
      deps.logger.warn(`could not redraw ${row.dedupeKey}`, error);
    }
  }
}

/** The deciders' DMs about requests replaced by a newer one (or taken back) lose their buttons. */
export async function redrawWithdrawn(
  deps: AppDeps,
  client: MessageEditor,
  kind: ChangeRequestKind,
  ids: readonly number[],
  organisation: OrganisationSettings,
): Promise<void> {
  for (const id of ids) {
    const request = kind.load(deps.store, id, organisation.locale);
    if (request) await refreshChangeRequestMessages(deps, client, kind, request, organisation);
  }
}
