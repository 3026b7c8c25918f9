import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Store } from '../db/store';
import type { OrganisationSettings } from '../db/store/organisation';
import type { UnitRow } from '../db/store/structure';
import type { AppDeps } from '../src/deps';
import type { Locale } from '../src/i18n/messages';
import { readJson } from '../src/read-json';
import { mention } from '../src/views/blocks';
import {
  alreadyDecidedText,
  buildChangeRequestMessage,
  buildChangeRequestOutcome,
  buildDecisionDoneView,
  buildRejectReasonModal,
  type ChangeRequestFacts,
  changeRequestText,
  parseChangeRequestValue,
} from '../src/views/change-request';
import { commonText } from '../src/views/common-text';
import {
  CHANGE_REQUEST_APPROVE,
  CHANGE_REQUEST_REASON_ACTION,
  CHANGE_REQUEST_REASON_BLOCK,
  CHANGE_REQUEST_REASON_CALLBACK,
  CHANGE_REQUEST_REJECT,
} from '../src/views/ids';
import { type Caller, identifyCaller, isMember, leadsBlock } from './context';
import type { Feature } from './feature';
import { notInOrganisationText } from './thidua';

/**
 * Change requests: after a due, a change to what a unit submitted (its pledge; later a periodic
 * report) is not applied but asked for. The block lead's officers — or the admins when the block
 * has no lead, or when the lead unit itself asks — get a DM with the change and Approve / Reject;
 * Reject asks for a reason. The requester is told the outcome; the decision lands in the audit log.
 *
 * The mechanism is shared; what differs per kind of request (how to read it, what approving
 * means) is a ChangeRequestKind, registered by name in commands/index.ts.
 */
export type ChangeRequest = ChangeRequestFacts & {
  /** The year and block whose lead decides, and the unit that asked. */
  year: number;
  blockId: number;
  unitId: number;
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
}

export type ChangeRequestKinds = Readonly<Record<string, ChangeRequestKind>>;

/** Who decides: the lead unit's officers for the request's year, unless there is none or it is the lead unit's own request. */
export function decidersOf(
  store: Store,
  request: Pick<ChangeRequest, 'year' | 'blockId' | 'unitId'>,
): { lead?: UnitRow; userIds: string[] } {
  const lead = store.structure.blockYear(request.year, request.blockId)?.lead;
  const officers = lead && lead.id !== request.unitId ? store.structure.officerIds(lead.id) : [];
  return lead && officers.length ? { lead, userIds: officers } : { userIds: store.organisation.adminIds() };
}

/**
 * Whether `caller` may decide (a change request, a review): as the block's lead that year
 * (leadsBlock), unless the deciders are the admins alone (no lead, or the lead unit's own request).
 */
export function mayDecide(
  store: Store,
  caller: Caller,
  request: Pick<ChangeRequest, 'year' | 'blockId' | 'unitId'>,
): { allowed: false } | { allowed: true; actingAsAdmin: boolean } {
  if (decidersOf(store, request).lead) return leadsBlock(store, caller, request.blockId, request.year);
  return caller.isAdmin ? { allowed: true, actingAsAdmin: true } : { allowed: false };
}

const requestKey = (request: Pick<ChangeRequest, 'kind' | 'id'>) => `change-request:${request.kind}:${request.id}:`;

/**
 * Queues the request's DM to each of its deciders, in the transaction that stored it (call
 * deps.delivery.kick() after). Returns who decides, for telling the requester.
 */
export function queueChangeRequest(
  deps: AppDeps,
  tx: Store,
  request: ChangeRequest,
  organisation: OrganisationSettings,
): { lead?: UnitRow; userIds: string[] } {
  const deciders = decidersOf(tx, request);
  const message = buildChangeRequestMessage(request, organisation.timeZone, organisation.locale);
  for (const userId of deciders.userIds) {
    deps.delivery.queue(tx, { key: `${requestKey(request)}${userId}`, kind: 'change_request', message: { user: userId, ...message } });
  }
  return deciders;
}

/**
 * Redraws every DM already posted for the request to show what became of it (no buttons once
 * decided or replaced), so a decision cannot be made twice from a stale message.
 */
export async function refreshChangeRequestMessages(
  deps: AppDeps,
  client: WebClient,
  request: ChangeRequest,
  organisation: OrganisationSettings,
): Promise<void> {
  const message = buildChangeRequestMessage(request, organisation.timeZone, organisation.locale);
  for (const row of deps.store.outbox.withKeyPrefix(requestKey(request))) {
    if (row.status !== 'sent' || !row.channelId || !row.ts) continue;
    try {
      await client.chat.update({ channel: row.channelId, ts: row.ts, text: message.text, blocks: message.blocks });
    } catch (error) {
      deps.logger.warn(`could not redraw ${row.dedupeKey}`, error);
    }
  }
}

/** Applies a decision with its audit entry and the DM to the requester, all or nothing. False when someone decided first. */
function applyDecision(
  deps: AppDeps,
  kind: ChangeRequestKind,
  request: ChangeRequest,
  outcome: 'accepted' | 'rejected',
  decision: Decision,
  organisation: OrganisationSettings,
  claim?: string,
): boolean {
  return deps.store.transaction((tx) => {
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
    const decided: ChangeRequest = {
      ...request,
      status: outcome,
      decidedBy: decision.by,
      decidedAt: decision.at,
      reason: decision.reason ?? null,
    };
    deps.delivery.queue(tx, {
      key: `change-request-outcome:${request.kind}:${request.id}`,
      kind: 'change_request_outcome',
      message: { user: request.requestedBy, ...buildChangeRequestOutcome(decided, organisation.timeZone, organisation.locale) },
    });
    return true;
  });
}

const reasonMetadata = z.object({ kind: z.string(), id: z.number().int() });

/** The Approve / Reject buttons and the reason modal, for every kind in `kinds`. */
/** The deciders' DMs about requests replaced by a newer one (or taken back) lose their buttons. */
export async function redrawWithdrawn(
  deps: AppDeps,
  client: WebClient,
  kind: ChangeRequestKind,
  ids: readonly number[],
  organisation: OrganisationSettings,
): Promise<void> {
  for (const id of ids) {
    const request = kind.load(deps.store, id, organisation.locale);
    if (request) await refreshChangeRequestMessages(deps, client, request, organisation);
  }
}

export function changeRequestsFeature(kinds: ChangeRequestKinds): Feature {
  return {
    register(app: App, deps: AppDeps) {
      /** The request a press or a submission is about, and whether the user may decide it; undefined with `problem` to show otherwise. */
      const locate = (userId: string, subject: { kind: string; id: number } | undefined) => {
        const organisation = deps.store.organisation.get();
        if (!organisation) return { ok: false, problem: commonText.vi.noOrganisation } as const;
        const text = changeRequestText[organisation.locale];
        const caller = identifyCaller(deps.store, organisation, userId, deps.clock.now());
        if (!isMember(caller)) return { ok: false, problem: notInOrganisationText(deps, organisation) } as const;
        // Own keys only: a forged "constructor:1" must not find Object's own members.
        const kind = subject && Object.hasOwn(kinds, subject.kind) ? kinds[subject.kind] : undefined;
        const request = subject && kind ? kind.load(deps.store, subject.id, organisation.locale) : undefined;
        if (!kind || !request) return { ok: false, problem: text.gone } as const;
        const permission = mayDecide(deps.store, caller, request);
        if (!permission.allowed) {
          const { lead } = decidersOf(deps.store, request);
          return { ok: false, problem: text.notAllowed(lead ? text.deciderLead(lead.name) : text.deciderAdmins) } as const;
        }
        if (request.status !== 'pending')
          return {
            ok: false,
            problem: alreadyDecidedText(request, organisation.timeZone, organisation.locale),
            request,
            organisation,
          } as const;
        return { ok: true, organisation, kind, request, actingAsAdmin: permission.actingAsAdmin } as const;
      };

      /** A pressed button's request when the presser may decide it; otherwise answered (and its DMs redrawn if it was decided). */
      const locatePressed = async (userId: string, value: string | undefined, client: WebClient, respond: RespondFn) => {
        const found = locate(userId, parseChangeRequestValue(value));
        if (found.ok) return found;
        await respond({ response_type: 'ephemeral', replace_original: false, text: found.problem });
        if ('request' in found && found.request) await refreshChangeRequestMessages(deps, client, found.request, found.organisation);
        return undefined;
      };

      app.action<BlockAction<ButtonAction>>(CHANGE_REQUEST_APPROVE, async ({ ack, action, body, client, respond }) => {
        await ack();
        const found = await locatePressed(body.user.id, action.value, client, respond);
        if (!found) return;
        const { organisation, kind, request } = found;
        const decision: Decision = { by: body.user.id, at: deps.clock.now(), actingAsAdmin: found.actingAsAdmin };
        const applied = applyDecision(deps, kind, request, 'accepted', decision, organisation);
        const current = kind.load(deps.store, request.id, organisation.locale) ?? request;
        if (!applied) {
          await respond({
            response_type: 'ephemeral',
            replace_original: false,
            text: alreadyDecidedText(current, organisation.timeZone, organisation.locale),
          });
        } else {
          deps.delivery.kick();
          // In a DM the redrawn message says it all; an ephemeral table cannot be redrawn, so confirm there.
          if (body.container?.is_ephemeral) {
            await respond({
              response_type: 'ephemeral',
              replace_original: false,
              text: changeRequestText[organisation.locale].approvedDone(request.title, request.unitName, mention(request.requestedBy)),
            });
          }
        }
        await refreshChangeRequestMessages(deps, client, current, organisation);
      });

      app.action<BlockAction<ButtonAction>>(CHANGE_REQUEST_REJECT, async ({ ack, action, body, client, respond }) => {
        await ack();
        const found = await locatePressed(body.user.id, action.value, client, respond);
        if (!found) return;
        const { organisation, request } = found;
        const metadata = JSON.stringify({ kind: request.kind, id: request.id } satisfies z.infer<typeof reasonMetadata>);
        await client.views.open({
          trigger_id: body.trigger_id,
          view: buildRejectReasonModal(request, metadata, organisation.timeZone, organisation.locale),
        });
      });

      app.view(CHANGE_REQUEST_REASON_CALLBACK, async ({ ack, body, view, client }) => {
        const found = locate(body.user.id, readJson(view.private_metadata, reasonMetadata));
        if (!found.ok) {
          await ack({ response_action: 'errors', errors: { [CHANGE_REQUEST_REASON_BLOCK]: found.problem } });
          return;
        }
        const { organisation, kind, request } = found;
        const text = changeRequestText[organisation.locale];
        const reason = (view.state.values[CHANGE_REQUEST_REASON_BLOCK]?.[CHANGE_REQUEST_REASON_ACTION]?.value ?? '').trim();
        if (!reason) {
          await ack({ response_action: 'errors', errors: { [CHANGE_REQUEST_REASON_BLOCK]: text.reasonRequired } });
          return;
        }
        const decision: Decision = { by: body.user.id, at: deps.clock.now(), actingAsAdmin: found.actingAsAdmin, reason };
        if (!applyDecision(deps, kind, request, 'rejected', decision, organisation, `view:${view.id}`)) {
          const current = kind.load(deps.store, request.id, organisation.locale) ?? request;
          await ack(
            current.status === 'pending'
              ? undefined
              : {
                  response_action: 'errors',
                  errors: { [CHANGE_REQUEST_REASON_BLOCK]: alreadyDecidedText(current, organisation.timeZone, organisation.locale) },
                },
          );
          return;
        }
        await ack({
          response_action: 'update',
          view: buildDecisionDoneView(
            text.rejectedDone(request.title, request.unitName, mention(request.requestedBy)),
            organisation.locale,
          ),
        });
        deps.delivery.kick();
        await refreshChangeRequestMessages(deps, client, kind.load(deps.store, request.id, organisation.locale) ?? request, organisation);
      });
    },
  };
}
