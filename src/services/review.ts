import type { Store } from '../../db/store';
import type { OrganisationSettings } from '../../db/store/organisation';
import type { Correction, ReportRow, ReportVersion, Review } from '../../db/store/reports';
import type { PeriodRow, UnitRow } from '../../db/store/structure';
import { resubmissionDue } from '../domain/periods';
import { reportAsk } from '../domain/report-form';
import { type CorrectionProblem, type ReviewDecision, readReviewField, reviewAsk, reviewChanges } from '../domain/review-corrections';
import type { ReviewProblem } from '../domain/review-form';
import type { CriterionScore, TableRules } from '../domain/scoring';
import { REVIEW_CONFIRM, REVIEW_OUTCOME_BLOCK, REVIEW_REASON_BLOCK, REVIEW_RETURN } from '../views/ids';
import type { ReportCriterion } from '../views/report';
import {
  buildReturnedMessage,
  buildReviewedMessage,
  indicatorBlockId,
  noteBlockId,
  pointsBlockId,
  type ReviewItem,
  type ReviewStart,
  reviewValueBlockId,
} from '../views/review';
import { type Caller, identifyCaller, mayDecide } from './caller';
import type { AppDeps } from './deps';
import { queueHomeRefresh } from './home';
import { localeOf } from './people';
import { reportCriteria, scoreReport, unitPledgeFacts } from './reports/form';
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
  indicatorTargets: ReadonlyMap<number, Readonly<Record<string, number>>>;
  rules: TableRules;
  automatic: { pledgeSignedAt: Date | null; pledgeDue: Date; periodDue: Date };
  /** What the lead is asked of each criterion, and which are drawn as fields. */
  items: ReviewItem[];
}

/** Blocks the review's fields may take, under Slack's 100 per modal with its header, figures and outcome. */
const FIELD_BLOCKS = 80;

/**
 * What the lead is asked of each criterion (reviewAsk) and which are drawn as fields: every score,
 * answer and claim the lead decides; changes to figures while the modal has room (past that a
 * figure is shown only, and stands as reported).
 */
export function reviewItems(criteria: readonly ReportCriterion[], unitCode: string, values: ReportVersion['values']): ReviewItem[] {
  let budget = FIELD_BLOCKS;
  return criteria.map((criterion): ReviewItem => {
    const ask = reviewAsk(criterion, unitCode, values.get(criterion.id));
    const answerBlocks = ask.kind === 'lead' || ask.kind === 'change' ? (ask.ask.kind === 'indicators' ? ask.ask.indicators.length : 1) : 1;
    const blocks =
      ask.kind === 'none'
        ? 0
        : ask.kind === 'points'
          ? ask.reasonAbove === null
            ? 1
            : 2
          : ask.kind === 'lead'
            ? answerBlocks
            : answerBlocks + 1;
    const decided = ask.kind === 'points' || ask.kind === 'lead' || (ask.kind === 'change' && ask.ask.kind === 'claim');
    const field = ask.kind !== 'none' && (decided || blocks <= budget);
    if (field) budget -= blocks;
    return { criterion, ask, field };
  });
}

/** The report version `versionId` if it is still the one in force, with what reviewing it needs. */
export function reviewSubject(store: Store, versionId: number): ReviewSubject | undefined {
  const version = store.reports.version(versionId);
  if (!version || store.reports.inForce(version.report.id)?.id !== version.id) return undefined;
  const period = store.structure.periodById(version.report.periodId);
  const unit = store.structure.unitById(version.report.unitId);
  if (!period || !unit) return undefined;
  const year = store.structure.year(period.year);
  const blockYear = store.structure.blockYear(period.year, version.report.blockId);
  const pledge = unitPledgeFacts(store, period.year, unit.id);
  const criteria = reportCriteria(store, period.year, version.report.blockId).map((criterion) => ({
    ...criterion,
    ask: reportAsk(criterion, unit.code),
  }));
  return {
    version,
    period,
    unit,
    blockId: version.report.blockId,
    criteria,
    targets: pledge.targets,
    indicatorTargets: pledge.indicatorTargets,
    rules: { groups: blockYear?.groups ?? [], notApplicable: blockYear?.notApplicable ?? 'full' },
    automatic: { pledgeSignedAt: pledge.signedAt, pledgeDue: year?.pledgeDue ?? period.due, periodDue: period.due },
    items: reviewItems(criteria, unit.code, version.values),
  };
}

const requestOf = (subject: ReviewSubject) => ({ year: subject.period.year, blockId: subject.blockId, unitId: subject.unit.id });

/** What the review modal is drawn from. */
export interface ReviewToOpen {
  subject: ReviewSubject;
  /** The latest review, when it confirmed this version: the modal starts from its points and changes. */
  confirmed?: Review;
  /** When the unit first submitted the report: its submission time, as tiendo shows it (a later version is a change to it). */
  firstSubmittedAt: Date;
  /** Each criterion's score on the unit's own values. */
  scores: Map<number, CriterionScore>;
  /** What each points field starts from. */
  startingPoints: Map<number, number>;
  /** What each other field starts from (a previous review's change, else the unit's answer), and the reasons given. */
  startingEntries: Map<number, ReviewStart>;
  startingNotes: Map<number, string>;
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
  // The fields start from what a previous review set, else from what the unit wrote (nothing
  // claimed: 0 bonus or deduction points; a graded criterion left blank stays blank).
  const startingPoints = new Map<number, number>();
  const startingEntries = new Map<number, ReviewStart>();
  const startingNotes = new Map<number, string>();
  for (const { criterion, ask } of subject.items) {
    const own = version.values.get(criterion.id);
    const correction = confirmed?.corrections.get(criterion.id);
    const note = correction?.reason || confirmed?.scores.get(criterion.id)?.note;
    if (note) startingNotes.set(criterion.id, note);
    if (ask.kind === 'points') {
      const points =
        correction?.value ??
        confirmed?.scores.get(criterion.id)?.points ??
        (criterion.rule?.scoredBy === 'lead' ? undefined : own?.value) ??
        (criterion.kind === 'graded' ? undefined : 0);
      if (points !== undefined && points !== null) startingPoints.set(criterion.id, Math.min(points, ask.ceiling));
    } else if (correction)
      startingEntries.set(criterion.id, { value: correction.value, ...(correction.detail ? { detail: correction.detail } : {}) });
  }
  return {
    ok: true,
    review: {
      subject,
      ...(confirmed ? { confirmed } : {}),
      firstSubmittedAt:
        store.reports.forUnits(subject.period.id, [subject.unit.id]).get(subject.unit.id)?.first?.submittedAt ?? version.submittedAt,
      scores: new Map(unscored.criteria.map((line) => [line.criterionId, line])),
      startingPoints,
      startingEntries,
      startingNotes,
    },
  };
}

export type ReviewOutcome =
  | { kind: 'stale' }
  | { kind: 'refused' }
  | { kind: 'invalid'; problems: (ReviewProblem | CorrectionProblem<ReviewItem>)[] }
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
  const now = deps.clock.now();
  const by = submission.userId;
  const subject = submission.versionId !== undefined ? reviewSubject(store, submission.versionId) : undefined;
  if (!subject) return { kind: 'stale' };
  const permission = mayDecide(store, identifyCaller(store, organisation, by, now), requestOf(subject));
  if (!permission.allowed) return { kind: 'refused' };

  const typed = (blockId: string) => submission.answers.get(blockId)?.text ?? null;
  const problems: (ReviewProblem | CorrectionProblem<ReviewItem>)[] = [];
  const decisions = new Map<number, ReviewDecision>();
  for (const item of subject.items.filter((candidate) => candidate.field)) {
    const { criterion, ask } = item;
    const own = subject.version.values.get(criterion.id);
    const answers = ask.kind === 'lead' || ask.kind === 'change' ? ask.ask : undefined;
    const read = readReviewField({
      id: item,
      criterion,
      ask,
      own,
      typed: typed(ask.kind === 'points' ? pointsBlockId(criterion.id) : reviewValueBlockId(criterion.id)),
      ticked: submission.answers.get(reviewValueBlockId(criterion.id))?.selected ?? [],
      ...(answers?.kind === 'indicators'
        ? {
            indicators: Object.fromEntries(
              answers.indicators.map((indicator) => [indicator.code, typed(indicatorBlockId(criterion.id, indicator.code))]),
            ),
          }
        : {}),
      reason: typed(noteBlockId(criterion.id)),
    });
    if (read.ok) decisions.set(criterion.id, read.decision);
    else problems.push(...read.problems);
  }
  const points = new Map<number, { points: number; note: string | null }>();
  const corrections = new Map<number, Correction>();
  for (const [criterionId, decision] of decisions) {
    if (decision.kind === 'points') points.set(criterionId, { points: decision.points, note: decision.note });
    if (decision.kind === 'correction')
      corrections.set(criterionId, {
        value: decision.entry.value,
        reason: decision.reason,
        ...(decision.entry.detail ? { detail: { ...decision.entry.detail } } : {}),
      });
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
    // A returned report is due again years[].reminders.resubmission_working_days working days from now.
    const resubmitBy = returned
      ? resubmissionDue(
          now,
          tx.structure.year(period.year)!.resubmissionWorkingDays,
          period.due,
          organisation.timeZone,
          tx.organisation.holidays(),
        )
      : undefined;
    const review = tx.reports.addReview({
      versionId: version.id,
      reviewerUserId: by,
      actingAsAdmin: permission.actingAsAdmin,
      outcome: returned ? 'returned' : 'reviewed',
      // Returning: the reason; confirming: the lead's comment, if any.
      reason: reason || null,
      scores: returned ? new Map() : points,
      corrections: returned ? new Map() : corrections,
      at: now,
      ...(resubmitBy ? { resubmitBy } : {}),
    });
    const total = scoreReport(subject, {
      values: version.values,
      late: version.late,
      firstSubmittedAt: tx.reports.forUnits(period.id, [unit.id]).get(unit.id)?.first?.submittedAt ?? version.submittedAt,
      review: { scores: points, corrections, reviewerUserId: by },
    }).total;
    const changes = reviewChanges(subject.criteria, version.values, decisions);
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
        ...(resubmitBy
          ? { reason, due: resubmitBy.toISOString() }
          : {
              total,
              points: Object.fromEntries([...points].map(([id, score]) => [id, score.points])),
              ...(corrections.size ? { corrections: Object.fromEntries(corrections) } : {}),
              ...(reason ? { comment: reason } : {}),
            }),
      },
    });
    if (resubmitBy) {
      for (const userId of tx.structure.officerIds(unit.id)) {
        deps.delivery.queue(tx, {
          key: `report-returned:${review.id}:${userId}`,
          kind: 'report_returned',
          message: {
            user: userId,
            ...buildReturnedMessage(
              {
                unitName: unit.name,
                unitCode: unit.code,
                period: { name: period.name, code: period.code, year: period.year },
                by,
                reason,
                resubmitBy,
                zone: organisation.timeZone,
              },
              localeOf({ store: tx }, userId),
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
          ...buildReviewedMessage(
            {
              unitName: unit.name,
              periodName: period.name,
              by,
              total,
              changes,
              criteria: subject.criteria,
              ...(reason ? { comment: reason } : {}),
            },
            localeOf({ store: tx }, version.submittedBy),
          ),
        },
      });
    }
    queueHomeRefresh(deps, tx, { blocks: [subject.blockId], admins: true }, `review:${review.id}`);
    return { total };
  });
  if (!done) return { kind: 'duplicate' };
  deps.delivery.kick();
  return returned
    ? { kind: 'returned', unitName: unit.name, periodName: period.name }
    : { kind: 'reviewed', unitName: unit.name, periodName: period.name, total: done.total };
}
