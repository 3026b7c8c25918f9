import type { Review, UnitReport } from '../../db/store/reports';
import type { CriterionRow } from '../../db/store/structure';
import type { ScoringCriterion, UnitScoringInput } from '../domain/scoring';

/**
 * What the scoring engine reads, from what the store holds: the criteria of a block's table, and
 * for a unit its report — the values in force, with the lead's points when its latest review
 * confirmed it (a returned report counts its own values) — and the targets of its pledge in force.
 */
export function scoringCriterion(row: Pick<CriterionRow, 'id' | 'code' | 'name' | 'groupName' | 'kind' | 'maxPoints'>): ScoringCriterion {
  return { id: row.id, code: row.code, name: row.name, groupName: row.groupName, kind: row.kind, maxPoints: row.maxPoints };
}

export function scoringCriteria(
  rows: readonly Pick<CriterionRow, 'id' | 'code' | 'name' | 'groupName' | 'kind' | 'maxPoints'>[],
): ScoringCriterion[] {
  return rows.map(scoringCriterion);
}

/** A report as scored: its values, whether it came late, and the review that counts (if any). */
export interface ScoredReport {
  values: ReadonlyMap<number, { value: number | null }>;
  late: boolean;
  review?: Pick<Review, 'scores' | 'reviewerUserId'>;
}

/** The stored report's part that scores: the version in force, late if first submitted late, a confirming review. */
export function scoredReport(report: UnitReport | undefined): ScoredReport | undefined {
  if (!report?.inForce) return undefined;
  const review = report.review?.outcome === 'reviewed' ? report.review : undefined;
  return { values: report.inForce.values, late: report.first?.late ?? report.inForce.late, ...(review ? { review } : {}) };
}

export function scoringInput(
  unitId: number,
  report: ScoredReport | undefined,
  targets: ReadonlyMap<number, number> | undefined,
): UnitScoringInput {
  return {
    unitId,
    targets: targets ?? new Map(),
    ...(report
      ? {
          report: {
            // Read as they are (the engine only reads): a province holds tens of thousands of values.
            values: report.values,
            late: report.late,
            ...(report.review
              ? {
                  review: {
                    points: new Map([...report.review.scores].map(([criterionId, score]) => [criterionId, score.points])),
                    reviewerUserId: report.review.reviewerUserId,
                  },
                }
              : {}),
          },
        }
      : {}),
  };
}
