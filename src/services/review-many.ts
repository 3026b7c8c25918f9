import type { Store } from '../../db/store';
import type { OrganisationSettings } from '../../db/store/organisation';
import { buildReviewedMessage } from '../views/review';
import { type Caller, identifyCaller, mayDecide } from './caller';
import type { AppDeps } from './deps';
import { queueHomeRefresh } from './home';
import { localeOf } from './people';
import { scoreReport } from './reports/form';
import { type ReviewSubject, reviewSubject } from './review';

/**
 * Confirming in one action the reports that need no scoring (tiendo's “Xác nhận …”): a submitted,
 * unreviewed report in force where the lead has nothing to decide — no award claimed (a bonus
 * above 0), no line the lead scores, no graded line left blank — is confirmed as the unit scored
 * it. Reports with something to score are left for the review modal, one by one.
 */
export interface Confirmable {
  versionId: number;
  unitName: string;
  /** The total once confirmed (the unit's own scores, as they stand). */
  total: number;
}

/** The points a confirmation as it stands sets, or undefined when the lead has something to decide. */
function asItStands(subject: ReviewSubject): Map<number, { points: number; note: null }> | undefined {
  const points = new Map<number, { points: number; note: null }>();
  for (const { criterion, ask } of subject.items) {
    const own = subject.version.values.get(criterion.id)?.value ?? null;
    if (ask.kind === 'lead') return undefined;
    if (criterion.kind === 'bonus' && (own ?? 0) > 0) return undefined;
    if (ask.kind !== 'points') continue;
    if (own === null && criterion.kind === 'graded') return undefined;
    points.set(criterion.id, { points: Math.min(Math.max(0, own ?? 0), ask.ceiling), note: null });
  }
  return points;
}

function firstSubmittedAt(store: Store, subject: ReviewSubject): Date {
  return (
    store.reports.forUnits(subject.period.id, [subject.unit.id]).get(subject.unit.id)?.first?.submittedAt ?? subject.version.submittedAt
  );
}

/** A report `caller` may confirm as it stands, with the points and total that gives; undefined when not. */
function confirmation(store: Store, caller: Caller, versionId: number) {
  const subject = reviewSubject(store, versionId);
  if (!subject || store.reports.latestReview(versionId)) return undefined;
  const permission = mayDecide(store, caller, { year: subject.period.year, blockId: subject.blockId, unitId: subject.unit.id });
  if (!permission.allowed) return undefined;
  const points = asItStands(subject);
  if (!points) return undefined;
  const total = scoreReport(subject, {
    values: subject.version.values,
    late: subject.version.late,
    firstSubmittedAt: firstSubmittedAt(store, subject),
    review: { scores: points, corrections: new Map(), reviewerUserId: caller.userId },
  }).total;
  return { subject, points, total, actingAsAdmin: permission.actingAsAdmin };
}

/**
 * The block's reports of the period that `caller` may confirm as they stand, in the block's order.
 * Remembered until anything is written (store.remember): each report is read and scored on its
 * own, and tiendo asks on every draw. Who may decide is the caller's unit and admin role.
 */
export function confirmableReports(store: Store, caller: Caller, blockId: number, periodId: number): readonly Confirmable[] {
  return store.remember('confirmableReports', [blockId, periodId, caller.userId, caller.isAdmin, caller.unit?.id ?? null], () =>
    readConfirmable(store, caller, blockId, periodId),
  );
}

function readConfirmable(store: Store, caller: Caller, blockId: number, periodId: number): Confirmable[] {
  const period = store.structure.periodById(periodId);
  if (!period) return [];
  const members = store.structure.membersInYear(period.year, blockId);
  const reports = store.reports.forUnits(
    periodId,
    members.map((member) => member.id),
  );
  return members.flatMap((member) => {
    const inForce = reports.get(member.id)?.inForce;
    const found = inForce && confirmation(store, caller, inForce.id);
    return found ? [{ versionId: inForce.id, unitName: member.name, total: found.total }] : [];
  });
}

/**
 * Confirms the listed reports as they stand, each with its audit entry and the DM to its submitter
 * (with the lead's comment, if any),
 * in one transaction (`viewId` applies a repeated submission once). A report that changed, was
 * reviewed meanwhile or now needs scoring is left out and counted.
 */
export function confirmReports(
  deps: AppDeps,
  organisation: OrganisationSettings,
  /** `comment`: the lead's words sent with every confirmation, stored on each review. */
  submission: { userId: string; viewId: string; versionIds: readonly number[]; comment: string | null },
): { kind: 'duplicate' } | { kind: 'confirmed'; confirmed: Confirmable[]; skipped: number } {
  const now = deps.clock.now();
  const by = submission.userId;
  const outcome = deps.store.transaction((tx) => {
    if (!tx.events.claim(`view:${submission.viewId}`, 'view_submission', now)) return undefined;
    const caller = identifyCaller(tx, organisation, by, now);
    const confirmed: Confirmable[] = [];
    const blockIds = new Set<number>();
    for (const versionId of submission.versionIds) {
      const found = confirmation(tx, caller, versionId);
      if (!found) continue;
      const { subject, points, total } = found;
      const review = tx.reports.addReview({
        versionId,
        reviewerUserId: by,
        actingAsAdmin: found.actingAsAdmin,
        outcome: 'reviewed',
        reason: submission.comment,
        scores: points,
        at: now,
      });
      tx.audit.record({
        at: now,
        actorUserId: by,
        actingAsAdmin: found.actingAsAdmin,
        action: 'report.reviewed',
        entityType: 'report',
        entityId: subject.version.report.id,
        details: {
          versionId,
          reviewId: review.id,
          total,
          asItStands: true,
          ...(submission.comment ? { comment: submission.comment } : {}),
        },
      });
      deps.delivery.queue(tx, {
        key: `report-reviewed:${review.id}`,
        kind: 'report_reviewed',
        message: {
          user: subject.version.submittedBy,
          ...buildReviewedMessage(
            {
              unitName: subject.unit.name,
              periodName: subject.period.name,
              by,
              total,
              ...(submission.comment ? { comment: submission.comment } : {}),
            },
            localeOf({ store: tx }, subject.version.submittedBy),
          ),
        },
      });
      confirmed.push({ versionId, unitName: subject.unit.name, total });
      blockIds.add(subject.blockId);
    }
    // The confirmed units' Homes show their reviewed score; the lead's and the admins' what is left to review.
    if (confirmed.length) queueHomeRefresh(deps, tx, { blocks: [...blockIds], admins: true }, `confirm:${submission.viewId}`);
    return confirmed;
  });
  if (!outcome) return { kind: 'duplicate' };
  deps.delivery.kick();
  return { kind: 'confirmed', confirmed: outcome, skipped: submission.versionIds.length - outcome.length };
}
