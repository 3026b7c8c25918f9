import { DEFAULT_GRADE_BANDS, type GradeBands, gradeOfScore } from './grades';
import { type ScoringCriterion, scoreUnit, type TableRules, TIE_EPSILON, type UnitScore, type UnitScoringInput } from './scoring';
import { plainZero } from './scoring-rules';

/**
 * Standings: units ranked on their totals with honest ties (the rules are in scoring.ts's header),
 * graded, and the decimals a total needs to be told apart from its neighbours or a grade floor.
 */
export interface RankedUnit extends UnitScore {
  /** Standard competition rank (1, 2, 2, 4); units without a report share the rank after the last reported. */
  rank: number;
  /** Shares its rank with another reported unit: the block decides (cần Khối bình xét). */
  tie: boolean;
  /** Position in the input (the block's unit order), the display order inside a shared rank. */
  order: number;
}

export interface StandingRow extends RankedUnit {
  /** The grade band's name; null when the unit has not reported. */
  grade: string | null;
}

export interface Standings {
  criteria: readonly ScoringCriterion[];
  /** Display order: by rank, then the block's unit order. */
  rows: StandingRow[];
  /** Some reported units share a rank and the block has to settle it. */
  hasTies: boolean;
}

/** What ranking reads of a result: its total and whether it was reported (a period's score, a year's result). */
export type Rankable = Pick<UnitScore, 'total' | 'reported'>;

export type Ranked<T extends Rankable> = T & Pick<RankedUnit, 'rank' | 'tie' | 'order'>;

/**
 * Ranks results by total, high to low, by standard competition ranking. Ties: totals within
 * TIE_EPSILON of the highest total of their group share its rank and are flagged; no tie-break. Not reported: last,
 * sharing one rank, not flagged. A period's unit scores and a year's results are ranked alike.
 */
export function rankUnits<T extends Rankable>(results: readonly T[]): Ranked<T>[] {
  const indexed = results.map((score, order) => ({ score, order }));
  const reported = indexed
    .filter(({ score }) => score.reported)
    .sort((left, right) => right.score.total - left.score.total || left.order - right.order);
  const ranked: Ranked<T>[] = [];
  for (let start = 0; start < reported.length; ) {
    let end = start + 1;
    // Anchored at the group's highest total, not chained pair by pair: a tie never spans more than TIE_EPSILON.
    while (end < reported.length && reported[start]!.score.total - reported[end]!.score.total <= TIE_EPSILON) end++;
    const group = reported.slice(start, end).sort((left, right) => left.order - right.order);
    for (const { score, order } of group) ranked.push({ ...score, rank: start + 1, tie: group.length > 1, order });
    start = end;
  }
  for (const { score, order } of indexed) {
    if (!score.reported) ranked.push({ ...score, rank: reported.length + 1, tie: false, order });
  }
  return ranked;
}

/**
 * Scores, ranks and grades a block's units for one period. Inputs in the block's unit order (that is
 * the display order inside a tie); points in the block's scale; ties as in rankUnits; table rules
 * (group caps, not_applicable) as in scoring.ts's header. A grade is provisional while `awaitingLead`.
 */
export function computeStandings(
  criteria: readonly ScoringCriterion[],
  inputs: readonly UnitScoringInput[],
  bands: GradeBands = DEFAULT_GRADE_BANDS,
  rules: TableRules = {},
): Standings {
  // rankUnits returns fresh objects: the grade is set on them rather than copied into another (a province is thousands of rows).
  const rows = rankUnits(inputs.map((input) => scoreUnit(criteria, input, rules))) as StandingRow[];
  for (const row of rows) row.grade = row.reported ? gradeOfScore(row, bands) : null;
  return { criteria, rows, hasTies: rows.some((row) => row.tie) };
}

// ── Display ────────────────────────────────────────────────────────────────────────────────────

const decimalFormats = new Map<number, Intl.NumberFormat>();

/** Rounded as formatPoints rounds (ICU, shortest decimal), so equal keys mean equal displays. */
function displayKey(value: number, decimals: number): string {
  let format = decimalFormats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      useGrouping: false,
      signDisplay: 'negative',
    });
    decimalFormats.set(decimals, format);
  }
  return format.format(value);
}

/** A value rounded as it is shown with `decimals` places (ICU rounding, as formatPoints): what an export writes. Never −0. */
export function roundAsShown(value: number, decimals: number): number {
  return plainZero(Number(displayKey(value, decimals)));
}

/**
 * Decimals to show each row's total with: `min` (2), raised up to `max` (4) while another row with a
 * different rank would show the same figure, so the page never shows equal numbers at different
 * ranks unless they agree to `max` decimals (the rank column still tells them apart), and while the
 * rounded figure would reach a grade floor (`floors`, the bands' mins) the total does not reach
 * (94.996 shown as "95,00" beside "Hoàn thành tốt" could not be checked). Rows marked notReported
 * show no total and are left out of the comparison (they get `min`).
 */
export function totalDecimals(
  rows: readonly { total: number; rank: number; notReported?: boolean }[],
  floors: readonly number[] = [],
  min = 2,
  max = 4,
): number[] {
  return rows.map((row) => {
    if (row.notReported) return min;
    let decimals = min;
    const clashes = (places: number) =>
      rows.some(
        (other) => !other.notReported && other.rank !== row.rank && displayKey(other.total, places) === displayKey(row.total, places),
      );
    const roundsUpToFloor = (places: number) =>
      floors.some((floor) => row.total < floor - TIE_EPSILON && Number(displayKey(row.total, places)) >= floor);
    while (decimals < max && (clashes(decimals) || roundsUpToFloor(decimals))) decimals++;
    return decimals;
  });
}
