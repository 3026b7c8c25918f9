import type { Review, UnitReport } from '../../db/store/reports';
import type { CriterionRow } from '../../db/store/structure';
import { keptFor } from '../domain/kept';
import type { AutoFact, AutoSource, CriterionEntry, CriterionRule, ScoringCriterion, UnitScoringInput } from '../domain/scoring';

/**
 * What the scoring engine reads, from what the store holds: the criteria of a block's table, and
 * for a unit its report — the values in force, with the lead's points and corrections when its
 * latest review confirmed it (a returned report counts its own values) — the targets of its pledge
 * in force (its indicators' too), and what automatic criteria read: when it first signed and first
 * reported, against the dues in force.
 */
export function scoringCriterion(
  row: Pick<CriterionRow, 'id' | 'code' | 'name' | 'groupName' | 'kind' | 'maxPoints'> & { rule?: CriterionRule | null },
): ScoringCriterion {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    groupName: row.groupName,
    kind: row.kind,
    maxPoints: row.maxPoints,
    ...(row.rule ? { rule: row.rule } : {}),
  };
}

/** The table as the scoring engine reads it; kept beside a table the read cache hands out (frozen), as each score of it asks again. */
export function scoringCriteria(rows: readonly ScoredRow[]): readonly ScoringCriterion[] {
  return keptFor(scoringTables, rows, () => Object.freeze(rows.map((row) => Object.freeze(scoringCriterion(row)))));
}
type ScoredRow = Pick<CriterionRow, 'id' | 'code' | 'name' | 'groupName' | 'kind' | 'maxPoints'> & { rule?: CriterionRule | null };
const scoringTables = new WeakMap<readonly ScoredRow[], readonly ScoringCriterion[]>();

/** A report as scored: its values, whether it came late, when it was first submitted, and the review that counts (if any). */
export interface ScoredReport {
  values: ReadonlyMap<number, CriterionEntry>;
  late: boolean;
  /** The first accepted version's submission: what report_on_time is judged by. */
  firstSubmittedAt?: Date;
  review?: Pick<Review, 'scores' | 'reviewerUserId'> & Partial<Pick<Review, 'corrections'>>;
}

/** The stored report's part that scores: the version in force, late if first submitted late, a confirming review. */
export function scoredReport(report: UnitReport | undefined): ScoredReport | undefined {
  if (!report?.inForce) return undefined;
  const review = report.review?.outcome === 'reviewed' ? report.review : undefined;
  return {
    values: report.inForce.values,
    late: report.first?.late ?? report.inForce.late,
    firstSubmittedAt: report.first?.submittedAt ?? report.inForce.submittedAt,
    ...(review ? { review } : {}),
  };
}

/** What a unit's input needs beyond its report and targets (version 2): its code, its indicators' targets, the facts automatic criteria read. */
export interface UnitFacts {
  unitCode?: string;
  indicatorTargets?: ReadonlyMap<number, Readonly<Record<string, number>>>;
  auto?: Partial<Record<AutoSource, AutoFact>>;
}

/** On time when it happened at or before the due in force (the first signature, the first version of the period's report). */
export function autoFacts(facts: {
  signedAt: Date | null;
  pledgeDue: Date;
  reportedAt: Date | null;
  reportDue: Date;
}): Record<AutoSource, AutoFact> {
  const fact = (at: Date | null, due: Date): AutoFact => ({
    onTime: at !== null && at.getTime() <= due.getTime(),
    at: at?.getTime() ?? null,
  });
  return { pledge_on_time: fact(facts.signedAt, facts.pledgeDue), report_on_time: fact(facts.reportedAt, facts.reportDue) };
}

export function scoringInput(
  unitId: number,
  report: ScoredReport | undefined,
  targets: ReadonlyMap<number, number> | undefined,
  facts: UnitFacts = {},
): UnitScoringInput {
  return {
    unitId,
    targets: targets ?? new Map(),
    ...(facts.unitCode !== undefined ? { unitCode: facts.unitCode } : {}),
    ...(facts.indicatorTargets ? { indicatorTargets: facts.indicatorTargets } : {}),
    ...(facts.auto ? { auto: facts.auto } : {}),
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
                    ...(report.review.corrections?.size ? { corrections: report.review.corrections } : {}),
                    reviewerUserId: report.review.reviewerUserId,
                  },
                }
              : {}),
          },
        }
      : {}),
  };
}
