import { type GradeBands, gradeOf } from './grades';
import { rankUnits, type StandingRow, type Standings } from './ranking';
import { isScoredKind } from './scoring';
import { TIE_EPSILON } from './scoring-rules';

/**
 * The year's result (kết quả cả năm) of a block's units, from the periods' standings as the engine
 * scores them (reviewed scores where the lead reviewed). Pure: periods and standings come in, ranks
 * and grades go out; points are in the block's own scale.
 *
 * The rule is `years[].year_result`:
 * - `final_period`: the year's result is the standings of its final period: the period that runs from
 *   the start of the year's first period to the end of its last (a cumulative year report such as
 *   "Cả năm"), else the period that ends last;
 * - `average`: each unit's total is the mean of its period totals over the periods already due (a
 *   period the unit did not report counts 0 and is named); its grade is the grade of the mean total,
 *   with the bands' conditions (no criterion at 0, min_share_each) read on each criterion's mean points;
 * - not set: `final_period` when the year has a period covering it as above, else `average`.
 * Ranking is the standings' own (standard competition ranking, ties within TIE_EPSILON shared and
 * flagged, no tie-break; units with nothing to count ranked last).
 */
export const YEAR_RESULT_RULES = ['final_period', 'average'] as const;
export type YearResultRule = (typeof YEAR_RESULT_RULES)[number];

export interface YearPeriod {
  id: number;
  /** yyyy-MM-dd, the organisation's calendar. */
  startsOn: string;
  endsOn: string;
  due: Date;
}

/** The period from the start of the year's first period to the end of its last (the latest due among such), if any. */
export function wholeYearPeriod<P extends YearPeriod>(periods: readonly P[]): P | undefined {
  if (periods.length === 0) return undefined;
  // Calendar dates as yyyy-MM-dd text sort as dates.
  const start = periods.map((period) => period.startsOn).sort()[0];
  const end = periods
    .map((period) => period.endsOn)
    .sort()
    .at(-1);
  return latestDue(periods.filter((period) => period.startsOn === start && period.endsOn === end));
}

function latestDue<P extends YearPeriod>(periods: readonly P[]): P | undefined {
  return [...periods].sort((left, right) => right.due.getTime() - left.due.getTime() || right.id - left.id)[0];
}

/** How the year's result is made at an instant: from which period(s), and which are not due yet. */
export type YearBasis<P extends YearPeriod> =
  | { rule: 'final_period'; period: P /** The file did not say: the rule was chosen by the periods. */; defaulted: boolean; due: boolean }
  | { rule: 'average'; counted: P[]; pending: P[]; defaulted: boolean };

/** The basis of the year's result at `now` (UTC instants; a period counts for the average once its due has passed). */
export function yearBasis<P extends YearPeriod>(rule: YearResultRule | null, periods: readonly P[], now: Date): YearBasis<P> | undefined {
  if (periods.length === 0) return undefined;
  const whole = wholeYearPeriod(periods);
  const chosen: YearResultRule = rule ?? (whole ? 'final_period' : 'average');
  const defaulted = rule === null;
  if (chosen === 'final_period') {
    const last = [...periods].sort((left, right) => (left.endsOn < right.endsOn ? 1 : left.endsOn > right.endsOn ? -1 : 0))[0]!;
    const period = whole ?? latestDue(periods.filter((candidate) => candidate.endsOn === last.endsOn))!;
    return { rule: 'final_period', period, defaulted, due: period.due.getTime() < now.getTime() };
  }
  const byDue = [...periods].sort((left, right) => left.due.getTime() - right.due.getTime() || left.id - right.id);
  return {
    rule: 'average',
    counted: byDue.filter((period) => period.due.getTime() < now.getTime()),
    pending: byDue.filter((period) => period.due.getTime() >= now.getTime()),
    defaulted,
  };
}

/** The periods a basis counts. */
export function countedPeriods<P extends YearPeriod>(basis: YearBasis<P>): P[] {
  return basis.rule === 'final_period' ? [basis.period] : basis.counted;
}

/** Not final yet: the final period is not due, or periods of the average are still to come. */
export function isProvisional(basis: YearBasis<YearPeriod>): boolean {
  return basis.rule === 'final_period' ? !basis.due : basis.pending.length > 0;
}

export interface YearPeriodResult {
  periodId: number;
  reported: boolean;
  total: number;
  rank: number;
  tie: boolean;
  grade: string | null;
  fullyReviewed: boolean;
}

export interface YearRow {
  unitId: number;
  rank: number;
  tie: boolean;
  /** Reported at least one counted period. */
  reported: boolean;
  total: number;
  /** Null when nothing counted was reported. */
  grade: string | null;
  /** A lead-scored line of a counted period is still unscored: the grade may change. */
  gradeProvisional: boolean;
  /** Every counted period the unit reported is reviewed by the lead. */
  fullyReviewed: boolean;
  /** Counted periods the unit did not report (0 points in the average). */
  missing: number[];
  /** Every period of the year, in the order given (not only the counted ones). */
  periods: YearPeriodResult[];
  /** Display order inside a tie (the block's unit order). */
  order: number;
}

export interface YearStandings {
  rows: YearRow[];
  hasTies: boolean;
}

/**
 * The year's standings. `periods` are all the year's periods in display order, each with its
 * standings (a missing entry: nobody was scored for it); `units` are the block's members that year in
 * its order. Ties and the order inside them as in rankUnits.
 */
export function computeYearStandings<P extends YearPeriod>(
  basis: YearBasis<P>,
  periods: readonly { period: P; standings: Standings | undefined }[],
  units: readonly number[],
  bands: GradeBands,
): YearStandings {
  const rowOf = new Map<number, Map<number, StandingRow>>();
  for (const { period, standings } of periods)
    rowOf.set(period.id, new Map((standings?.rows ?? []).map((row) => [row.unitId, row] as const)));
  const counted = countedPeriods(basis);
  const results = units.map((unitId) => {
    const perPeriod = periods.map(({ period }): YearPeriodResult => {
      const row = rowOf.get(period.id)?.get(unitId);
      return {
        periodId: period.id,
        reported: row?.reported ?? false,
        total: row?.reported ? row.total : 0,
        rank: row?.rank ?? 0,
        tie: row?.tie ?? false,
        grade: row?.grade ?? null,
        fullyReviewed: row?.fullyReviewed ?? false,
      };
    });
    const countedRows = counted.map((period) => rowOf.get(period.id)?.get(unitId));
    const reportedRows = countedRows.filter((row): row is StandingRow => row?.reported === true);
    const missing = counted.filter((_, index) => !countedRows[index]?.reported).map((period) => period.id);
    const common = {
      unitId,
      reported: reportedRows.length > 0,
      missing,
      periods: perPeriod,
      fullyReviewed: reportedRows.every((row) => row.fullyReviewed),
      gradeProvisional: reportedRows.some((row) => row.awaitingLead),
    };
    if (basis.rule === 'final_period') {
      const row = reportedRows[0];
      return { ...common, total: row?.total ?? 0, grade: row?.grade ?? null };
    }
    const total = counted.length ? reportedRows.reduce((sum, row) => sum + row.total, 0) / counted.length : 0;
    return { ...common, total, grade: reportedRows.length ? averageGrade(total, reportedRows, counted.length, bands) : null };
  });
  const rows: YearRow[] = rankUnits(results).map((row) => ({ ...row }));
  return { rows, hasTies: rows.some((row) => row.tie) };
}

/**
 * The grade of a mean total: the bands read on each scored criterion's mean points over the counted
 * periods (a period not reported gives 0). A criterion that did not apply in every reported period,
 * or still waits for the lead in one, is left out of the bands' conditions, as in a period.
 */
function averageGrade(total: number, reported: readonly StandingRow[], counted: number, bands: GradeBands): string {
  const sums = new Map<number, { max: number; points: number; leftOut: boolean; applies: boolean }>();
  for (const row of reported)
    for (const line of row.criteria) {
      if (!isScoredKind(line.kind) || !(line.maxPoints > 0)) continue;
      const entry = sums.get(line.criterionId) ?? { max: line.maxPoints, points: 0, leftOut: false, applies: false };
      entry.points += line.points;
      if (line.notes.includes('awaiting_lead')) entry.leftOut = true;
      if (!line.notes.includes('not_applicable')) entry.applies = true;
      sums.set(line.criterionId, entry);
    }
  let hasZero = false;
  let lowestShare: number | null = null;
  for (const entry of sums.values()) {
    if (entry.leftOut || !entry.applies) continue;
    const mean = entry.points / counted;
    if (mean <= TIE_EPSILON) hasZero = true;
    const share = mean / entry.max;
    if (lowestShare === null || share < lowestShare) lowestShare = share;
  }
  return gradeOf(total, hasZero, bands, lowestShare);
}
