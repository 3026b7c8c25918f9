import type { Store } from '../../../db/store';
import type { ReportValue, ReportVersion } from '../../../db/store/reports';
import { diffReports, type ReportContent } from '../../domain/report-diff';
import { describeReportChanges, reportText } from '../../views/report';
import { type CorrectedLine, correctionScoreLines, LEAD_DECIDES } from '../../views/review';
import { type ChangeRequest, type ChangeRequestKind, decideVersion, versionFacts } from '../change-requests/requests';
import { reviewSubject } from '../review';
import { asksChangeReason, type ReportForm, reportCriteria, scoreReport } from './form';

export function contentOf(version: ReportVersion): ReportContent {
  return { values: version.values, evidenceUrl: version.evidenceUrl, evidenceFiles: version.evidenceFiles, notes: version.notes };
}

/**
 * An approved correction keeps the lead's review: the review of the version it replaces is carried
 * to it for every line the correction left unchanged (points and the lead's own changes). A changed
 * line the lead decides (graded, bonus, deduction, lead-scored) is left out, so it waits for the
 * lead's review (`awaiting`) while the others stand; a changed line the bot computes needs nothing.
 */
function carryReview(tx: Store, versionId: number, at: Date): void {
  const version = tx.reports.version(versionId);
  const base = version && tx.reports.acceptedBefore(version.report.id, version.id);
  const previous = base && tx.reports.latestReview(base.id);
  if (!version || !base || previous?.outcome !== 'reviewed') return;
  const period = tx.structure.periodById(version.report.periodId);
  if (!period) return;
  const criteria = reportCriteria(tx, period.year, version.report.blockId);
  const changed = new Set(
    criteria
      .filter((criterion) => !sameValue(base.values.get(criterion.id), version.values.get(criterion.id)))
      .map((criterion) => criterion.id),
  );
  const keep = <T>(entries: ReadonlyMap<number, T>) => new Map([...entries].filter(([criterionId]) => !changed.has(criterionId)));
  const awaiting = criteria
    .filter((criterion) => changed.has(criterion.id) && (LEAD_DECIDES.has(criterion.kind) || criterion.rule?.scoredBy === 'lead'))
    .map((criterion) => criterion.id);
  tx.reports.addReview({
    versionId: version.id,
    reviewerUserId: previous.reviewerUserId,
    actingAsAdmin: previous.actingAsAdmin,
    outcome: 'reviewed',
    reason: previous.reason,
    scores: keep(previous.scores),
    corrections: keep(previous.corrections),
    at,
    carriedFrom: { reviewId: previous.id, awaiting },
  });
}

/**
 * The points an approved correction of a reviewed report changed, as the unit is told them: each line
 * whose points moved, scored before on the replaced version with its review and after on the
 * correction with the review carried to it, with the unit's reason; a line left waiting for the lead
 * with the lead's earlier note. Undefined when the replaced version was not reviewed (its points were
 * provisional anyway).
 */
function correctionScores(tx: Store, request: ChangeRequest): Parameters<typeof correctionScoreLines>[0] | undefined {
  const subject = reviewSubject(tx, request.id);
  if (!subject) return undefined;
  const { version, unit, period } = subject;
  const base = tx.reports.acceptedBefore(version.report.id, version.id);
  const previous = base && tx.reports.latestReview(base.id);
  const carried = tx.reports.latestReview(version.id);
  if (!base || previous?.outcome !== 'reviewed' || carried?.outcome !== 'reviewed') return undefined;
  const first = tx.reports.forUnits(period.id, [unit.id]).get(unit.id)?.first ?? version;
  const score = (values: typeof version.values, review: typeof carried) =>
    scoreReport(subject, { values, late: first.late, firstSubmittedAt: first.submittedAt, review });
  const replaced = score(base.values, previous);
  const before = new Map(replaced.criteria.map((line) => [line.criterionId, line.points]));
  const after = score(version.values, carried);
  const awaiting = new Set(carried.awaiting);
  const criteria = new Map(subject.criteria.map((criterion) => [criterion.id, criterion]));
  const lines = after.criteria.flatMap((line): CorrectedLine[] => {
    const was = before.get(line.criterionId);
    const criterion = criteria.get(line.criterionId);
    if (was === undefined || !criterion || Math.abs(was - line.points) < POINTS_EPSILON) return [];
    const leadNote = previous.scores.get(criterion.id)?.note ?? previous.corrections.get(criterion.id)?.reason ?? null;
    return [
      {
        criterion,
        before: was,
        after: line.points,
        reason: request.changeReason ?? null,
        ...(awaiting.has(criterion.id) ? { awaiting: { leadNote } } : {}),
      },
    ];
  });
  const provisional = after.criteria.some((line) => line.notes.includes('awaiting_review') || line.notes.includes('awaiting_lead'));
  return { lines, total: { before: replaced.total, after: after.total, provisional } };
}

/** Points closer than this are the same (sums of decimals). */
const POINTS_EPSILON = 1e-9;

const sameValue = (left: ReportValue | undefined, right: ReportValue | undefined) =>
  JSON.stringify([left?.value ?? null, left?.reason ?? null, left?.detail ?? null]) ===
  JSON.stringify([right?.value ?? null, right?.reason ?? null, right?.detail ?? null]);

/** The “Lý do điều chỉnh” the last page asks when it does, prefilled from the pending request's. */
export function changeReasonAsked(form: Pick<ReportForm, 'mode' | 'current'>): { changeReason?: string } {
  return asksChangeReason(form) ? { changeReason: form.current?.pending?.changeReason ?? '' } : {};
}

/** The report changes asked for once a period is locked, decided by the block lead. */
export const reportChangeRequests: ChangeRequestKind = {
  load(store, id, locale) {
    const version = store.reports.version(id);
    if (!version) return undefined;
    const { report } = version;
    const period = store.structure.periodById(report.periodId);
    const unit = store.structure.unitById(report.unitId);
    if (!period || !unit) return undefined;
    const base = store.reports.acceptedBefore(report.id, version.id);
    const criteria = reportCriteria(store, period.year, report.blockId);
    const changes = diffReports(
      base ? contentOf(base) : undefined,
      contentOf(version),
      criteria.map((criterion) => criterion.id),
    );
    return {
      kind: 'report',
      id: version.id,
      year: period.year,
      blockId: report.blockId,
      unitId: report.unitId,
      auditEntity: { entityType: 'report', entityId: report.id },
      title: reportText[locale].requestTitle(period.name, period.year),
      unitName: unit.name,
      changes: describeReportChanges(changes, new Map(criteria.map((criterion) => [criterion.id, criterion])), locale),
      ...versionFacts(version),
    } satisfies ChangeRequest;
  },
  decide(tx, request, outcome, decision) {
    if (!decideVersion((store) => store.reports)(tx, request, outcome, decision)) return false;
    if (outcome === 'accepted') carryReview(tx, request.id, decision.at);
    return true;
  },
  auditActions: { approved: 'report.change_approved', rejected: 'report.change_rejected' },
  approvedDetails(tx, request, locale) {
    const scores = correctionScores(tx, request);
    return scores ? correctionScoreLines(scores, locale) : [];
  },
};
