import type { OrganisationSettings } from '../../../db/store/organisation';
import { buildChangeRequestOutcome } from '../../views/change-request';
import type { Decider } from '../../views/common-text';
import { decidersOf, identifyCaller, isMember, mayDecide } from '../caller';
import type { AppDeps } from '../deps';
import { queueHomeRefresh } from '../home';
import { CHANGE_REQUEST_KINDS } from './kinds';
import { type ChangeRequest, type ChangeRequestKind, type Decision, readerCopies } from './requests';

/** Why a press or a submission about a change request cannot be decided. */
export type UndecidableRequest =
  | { kind: 'no_organisation' }
  | { kind: 'not_member'; organisation: OrganisationSettings }
  | { kind: 'gone'; organisation: OrganisationSettings }
  | { kind: 'not_allowed'; organisation: OrganisationSettings; decider?: Decider }
  /** Decided (or withdrawn) already: its messages may need redrawing. */
  | { kind: 'decided'; organisation: OrganisationSettings; request: ChangeRequest; requestKind: ChangeRequestKind };

export type LocatedRequest =
  | { ok: true; organisation: OrganisationSettings; requestKind: ChangeRequestKind; request: ChangeRequest; actingAsAdmin: boolean }
  | { ok: false; problem: UndecidableRequest };

/** The request a press or a submission is about (`subject` as its button or modal carries it), and whether `userId` may decide it now. */
export function locateChangeRequest(deps: AppDeps, userId: string, subject: { kind: string; id: number } | undefined): LocatedRequest {
  const refuse = (problem: UndecidableRequest) => ({ ok: false as const, problem });
  const { store } = deps;
  const organisation = store.organisation.get();
  if (!organisation) return refuse({ kind: 'no_organisation' });
  const caller = identifyCaller(store, organisation, userId, deps.clock.now());
  if (!isMember(caller)) return refuse({ kind: 'not_member', organisation });
  // Own keys only: a forged "constructor:1" must not find Object's own members.
  const requestKind = subject && Object.hasOwn(CHANGE_REQUEST_KINDS, subject.kind) ? CHANGE_REQUEST_KINDS[subject.kind] : undefined;
  const request = subject && requestKind ? requestKind.load(store, subject.id, organisation.locale) : undefined;
  if (!requestKind || !request) return refuse({ kind: 'gone', organisation });
  const permission = mayDecide(store, caller, request);
  if (!permission.allowed) {
    const { lead, deputy } = decidersOf(store, request);
    return refuse({ kind: 'not_allowed', organisation, ...(lead ? { decider: { name: lead.name, deputy: deputy === true } } : {}) });
  }
  if (request.status !== 'pending') return refuse({ kind: 'decided', organisation, request, requestKind });
  return { ok: true, organisation, requestKind, request, actingAsAdmin: permission.actingAsAdmin };
}

/**
 * Approves or rejects a located request with its audit entry and the DM to the requester, all or
 * nothing, and kicks the delivery. `claim` (a modal's view id) applies a repeated submission once.
 * Returns whether it applied (false: someone decided first, or a repeat) and the request as it now stands.
 */
export function decideChangeRequest(
  deps: AppDeps,
  located: Extract<LocatedRequest, { ok: true }>,
  outcome: 'accepted' | 'rejected',
  decision: Decision,
  claim?: string,
): { applied: boolean; current: ChangeRequest } {
  const { organisation, requestKind: kind, request } = located;
  const applied = deps.store.transaction((tx) => {
    if (claim && !tx.events.claim(claim, 'view_submission', decision.at)) return false;
    if (!kind.decide(tx, request, outcome, decision)) return false;
    tx.audit.record({
      at: decision.at,
      actorUserId: decision.by,
      actingAsAdmin: decision.actingAsAdmin,
      action: outcome === 'accepted' ? kind.auditActions.approved : kind.auditActions.rejected,
      ...request.auditEntity,
      details: {
        kind: request.kind,
        versionId: request.id,
        year: request.year,
        unitId: request.unitId,
        changes: request.changes,
        ...(decision.reason ? { reason: decision.reason } : {}),
      },
    });
    // The requester reads the outcome in their own language.
    const { locale, request: inTheirLanguage } = readerCopies(tx, kind, request, organisation)(request.requestedBy);
    const decided: ChangeRequest = {
      ...inTheirLanguage,
      status: outcome,
      decidedBy: decision.by,
      decidedAt: decision.at,
      reason: decision.reason ?? null,
    };
    const details = outcome === 'accepted' ? (kind.approvedDetails?.(tx, request, locale) ?? []) : [];
    deps.delivery.queue(tx, {
      key: `change-request-outcome:${request.kind}:${request.id}`,
      kind: 'change_request_outcome',
      message: { user: request.requestedBy, ...buildChangeRequestOutcome(decided, organisation.timeZone, locale, details) },
    });
    queueHomeRefresh(deps, tx, { blocks: [request.blockId], admins: true }, `change-request:${request.kind}:${request.id}`);
    return true;
  });
  if (applied) deps.delivery.kick();
  return { applied, current: kind.load(deps.store, request.id, organisation.locale) ?? request };
}
