import type { Store } from '../../db/store';
import type { OrganisationSettings } from '../../db/store/organisation';
import type { ReportRow, ReportVersion, Review } from '../../db/store/reports';
import type { PeriodRow, UnitRow } from '../../db/store/structure';
import { type ReviewProblem, readPoints } from '../domain/review-form';
import { type CriterionScore, reviewCeiling } from '../domain/scoring';
import { REVIEW_CONFIRM, REVIEW_OUTCOME_BLOCK, REVIEW_REASON_BLOCK, REVIEW_RETURN } from '../views/ids';
import type { ReportCriterion } from '../views/report';
import { buildReturnedMessage, buildReviewedMessage, LEAD_DECIDES, pointsBlockId } from '../views/review';
import { type Caller, identifyCaller, mayDecide } from './caller';
import type { AppDeps } from './deps';
import { pledgedTargets, reportCriteria, scoreReport } from './reports/form';
import type { FormAnswers } from './unit-forms/submit';

/**
 * Review (thẩm định): the block lead's officers — or an admin — open a unit's report from the status
 * table, set the points the lead decides (graded criteria, bonus, deduction) and confirm the report,
 * or return it with a reason. Reviewed points are what counts in standings; a returned report's
 * officers get a DM with a button that opens it again, and may then resubmit it even after the lock.
 * The lead unit's own report is reviewed by the admins, as with change requests.
 */
export interface ReviewSubject {
  version: ReportVersion & { report: ReportRow };
  period: PeriodRow;
  unit: UnitRow;
  blockId: number;
  criteria: ReportCriterion[];
  targets: ReadonlyMap<number, number>;
}

/** The report version `versionId` if it is still the one in force, with what reviewing it needs. */
function reviewSubject(store: Store, versionId: number): ReviewSubject | undefined {
  const version = store.reports.version(versionId);
  if (!version || store.reports.inForce(version.report.id)?.id !== version.id) return undefined;
  const period = store.structure.periodById(version.report.periodId);
  const unit = store.structure.unitById(version.report.unitId);
  if (!period || !unit) return undefined;
  return {
    version,
    period,
    unit,
    blockId: version.report.blockId,
    criteria: reportCriteria(store, period.year, version.report.blockId),
    targets: pledgedTargets(store, period.year, unit.id),
  };
}

const requestOf = (subject: ReviewSubject) => ({ year: subject.period.year, blockId: subject.blockId, unitId: subject.unit.id });

/** What the review modal is drawn from. */
export interface ReviewToOpen {
  subject: ReviewSubject;
  /** The latest review, when it confirmed this version: the modal starts from its points. */
  confirmed?: Review;
  /** Each criterion's score on the unit's own values. */
  scores: Map<number, CriterionScore>;
  /** What each field the lead sets starts from. */
  startingPoints: Map<number, number>;
}

/** The review of report version `versionId` that `caller` opens, or why they cannot. */
export function reviewToOpen(
  store: Store,
  caller: Caller,
  versionId: number,
): { ok: true; review: ReviewToOpen } | { ok: false; reason: 'stale' | 'refused' } {
  const subject = reviewSubject(store, versionId);
  if (!subject) return { ok: false, reason: 'stale' };
  if (!mayDecide(store, caller, requestOf(subject)).allowed) return { ok: false, reason: 'refused' };
  const { version } = subject;
  const previous = store.reports.latestReview(version.id);
  const confirmed = previous?.outcome === 'reviewed' ? previous : undefined;
  const unscored = scoreReport(subject, { values: version.values, late: version.late });
  // The fields start from the points given in a previous review, else from what the unit wrote
  // (nothing claimed: 0 bonus or deduction points; a graded criterion left blank stays blank).
  const startingPoints = new Map(
    subject.criteria
      .filter((criterion) => LEAD_DECIDES.has(criterion.kind))
      .flatMap((criterion) => {
        const points =
          confirmed?.scores.get(criterion.id)?.points ??
          version.values.get(criterion.id)?.value ??
          (criterion.kind === 'graded' ? undefined : 0);
        return points === undefined
          ? []
          : [
              [
                criterion.id,
                Math.min(points, reviewCeiling(criterion.kind, criterion.maxPoints, version.values.get(criterion.id)?.value)),
              ] as const,
            ];
      }),
  );
  return {
    ok: true,
    review: {
      subject,
      ...(confirmed ? { confirmed } : {}),
      scores: new Map(unscored.criteria.map((line) => [line.criterionId, line])),
      startingPoints,
    },
  };
}

export type ReviewOutcome =
  | { kind: 'stale' }
  | { kind: 'refused' }
  | { kind: 'invalid'; problems: ReviewProblem[] }
  | { kind: 'duplicate' }
  | { kind: 'reviewed'; unitName: string; periodName: string; total: number }
  | { kind: 'returned'; unitName: string; periodName: string };

/**
 * The lead's review of report version `versionId` as submitted in the modal: checked again (who,
 * which version), stored with its audit entry and the DM it sends — to the submitter once
 * confirmed, to the unit's officers once returned — in one transaction; a repeat is applied once.
 */
export function reviewReport(
  deps: AppDeps,
  organisation: OrganisationSettings,
  submission: { userId: string; viewId: string; versionId?: number; answers: FormAnswers },
): ReviewOutcome {
  const { store } = deps;
  const { locale } = organisation;
  const now = deps.clock.now();
  const by = submission.userId;
  const subject = submission.versionId !== undefined ? reviewSubject(store, submission.versionId) : undefined;
  if (!subject) return { kind: 'stale' };
  const permission = mayDecide(store, identifyCaller(store, organisation, by, now), requestOf(subject));
  if (!permission.allowed) return { kind: 'refused' };

  const typed = (blockId: string) => submission.answers.get(blockId)?.text ?? null;
  const problems: ReviewProblem[] = [];
  const points = new Map<number, { points: number; note: string | null }>();
  for (const criterion of subject.criteria.filter((candidate) => LEAD_DECIDES.has(candidate.kind))) {
    // A bonus is accepted or cut, never raised above what the unit claimed.
    const ceiling = reviewCeiling(criterion.kind, criterion.maxPoints, subject.version.values.get(criterion.id)?.value);
    const reading = readPoints(typed(pointsBlockId(criterion.id)), ceiling);
    if (reading.ok) points.set(criterion.id, { points: reading.value, note: null });
    else problems.push({ field: 'points', criterionId: criterion.id, problem: reading.problem, max: ceiling });
  }
  const outcome = typed(REVIEW_OUTCOME_BLOCK);
  const reason = (typed(REVIEW_REASON_BLOCK) ?? '').trim();
  if (outcome !== REVIEW_CONFIRM && outcome !== REVIEW_RETURN) problems.push({ field: 'outcome' });
  if (outcome === REVIEW_RETURN && !reason) problems.push({ field: 'reason' });
  if (problems.length) return { kind: 'invalid', problems };

  const returned = outcome === REVIEW_RETURN;
  const { version, unit, period } = subject;
  const done = store.transaction((tx) => {
    if (!tx.events.claim(`view:${submission.viewId}`, 'view_submission', now)) return undefined;
    const review = tx.reports.addReview({
      versionId: version.id,
      reviewerUserId: by,
      actingAsAdmin: permission.actingAsAdmin,
      outcome: returned ? 'returned' : 'reviewed',
      reason: returned ? reason : null,
      scores: returned ? new Map() : points,
      at: now,
    });
    const total = scoreReport(subject, {
      values: version.values,
      late: version.late,
      review: { scores: points, reviewerUserId: by },
    }).total;
    tx.audit.record({
      at: now,
      actorUserId: by,
      actingAsAdmin: permission.actingAsAdmin,
      action: returned ? 'report.returned' : 'report.reviewed',
      entityType: 'report',
      entityId: version.report.id,
      details: {
        versionId: version.id,
        reviewId: review.id,
        ...(returned ? { reason } : { total, points: Object.fromEntries([...points].map(([id, score]) => [id, score.points])) }),
      },
    });
    if (returned) {
      for (const userId of tx.structure.officerIds(unit.id)) {
        deps.delivery.queue(tx, {
          key: `report-returned:${review.id}:${userId}`,
          kind: 'report_returned',
          message: {
            user: userId,
            ...buildReturnedMessage(
              { unitName: unit.name, unitCode: unit.code, period: { name: period.name, code: period.code, year: period.year }, by, reason },
              locale,
            ),
          },
        });
      }
    } else {
      deps.delivery.queue(tx, {
        key: `report-reviewed:${review.id}`,
        kind: 'report_reviewed',
        message: {
          user: version.submittedBy,
          ...buildReviewedMessage({ unitName: unit.name, periodName: period.name, by, total }, locale),
        },
      });
    }
    return { total };
  });
  if (!done) return { kind: 'duplicate' };
  deps.delivery.kick();
  return returned
    ? { kind: 'returned', unitName: unit.name, periodName: period.name }
    : { kind: 'reviewed', unitName: unit.name, periodName: period.name, total: done.total };
}
