/**
 * FROZEN: the scoring engine as it was before version 2 of the organisation file (main b0645bb),
 * kept unchanged as the oracle of test/domain/scoring-v1-equivalence.test.ts: for any version-1 table
 * and reports, today's engine (src/domain/scoring.ts) must give what this one gives. Do not edit.
 *
 * The scoring engine: a period's points per criterion, totals, grade bands and standings, exactly per
 * the table in ../shared/docs/organisation-file.md. Pure: no Slack, no database, no clock. Points are
 * in the block's own scale (usually a base of 100); full precision is kept, display rounds.
 *
 * | kind         | the unit reports         | the pledge sets | points                                            |
 * | target       | achieved value           | target value    | max × min(achieved / target, 1)                   |
 * | lower_better | actual value             | ceiling value   | max if actual ≤ ceiling, else max × ceiling/actual |
 * | yes_no       | yes (> 0) / no (0)       | —               | max or 0                                          |
 * | graded       | a self-score 0..max      | —               | self-score until the lead reviews; then the lead's |
 * | bonus        | points claimed           | —               | + min(claimed, max), counted after lead review    |
 * | deduction    | points                   | —               | − min(points, max)                                |
 *
 * Edge rules (where one changes the arithmetic it leaves a note on the line, so a view can say why):
 * - Anything non-finite (NaN, ±Infinity) — a value, a target, a reviewed score — is treated as missing.
 * - Missing value (target, lower_better, yes_no, graded) → 0 points, note `missing_value`.
 *   For bonus and deduction an empty value means "none claimed" (units fill them only when they have
 *   something): 0 points and no note.
 * - target / lower_better with no pledged target (ceiling) → 0 points, note `missing_target`;
 *   except lower_better with an actual of 0, which is under any ceiling → full, note `zero_actual`.
 * - Negative inputs (value, target, ceiling, self-score, reviewed score, claim) → raised to 0, note
 *   `clamped`.
 * - target ≤ 0 (after clamping: target 0) → full points whenever a value is reported, note
 *   `zero_target`: achieved ≥ 0 = target, and dividing by zero is never attempted.
 * - Achievement over the target, a score over the max, a bonus or deduction over the max → cut to the
 *   cap, note `capped`.
 * - lower_better: actual ≤ ceiling (so actual 0 always) → full; otherwise max × (ceiling / actual),
 *   where actual > ceiling ≥ 0 makes the division safe.
 * - graded: the lead's score when the review holds this criterion, else the self-score, note
 *   `awaiting_review`; either is clamped to [0, max].
 * - bonus: 0 until the lead reviews it (note `awaiting_review` when something is claimed), then
 *   + min(accepted, claimed, max): the lead accepts or cuts a claim, never raises it (note
 *   `over_claim` when a review asked for more; nothing claimed → 0).
 * - deduction: − min(points, max), the lead's (possibly cut or added) points when reviewed, else the
 *   unit's own.
 * - A review counts per criterion: a criterion missing from `review.points` is not reviewed.
 * - A criterion's max that is not a finite number ≥ 0 counts as 0 (the organisation file forbids it;
 *   this only keeps arithmetic finite). Every line's points therefore lie in [0, max] (deductions in
 *   [−max, 0]) and no total is ever NaN or infinite.
 * - A unit with no report scores 0 on every line (no notes: the row says "not reported"), gets no
 *   grade (null), and ranks after every reported unit.
 *
 * Ranking: standard competition ranking (1, 2, 2, 4) on the total, high to low. Totals within
 * TIE_EPSILON of the highest total of their group share its rank (float noise such as 0.1 + 0.2 vs
 * 0.3 is not a difference; a group never spans more than TIE_EPSILON); every member of such a group of reported units is flagged `tie` for the block to
 * settle. There is no hidden tie-break: the order inside a tied group is the input order (the block's
 * unit order) and is for display only. Units without a report share one rank after the last reported
 * unit, `reported: false`, never `tie`.
 *
 * Shape: inputs are keyed by criterion id in ReadonlyMaps so the loader can pass what it reads without
 * copying; results keep one line per criterion in the criteria's order, with the inputs that were used
 * (`reported`, `target`, and `reviewed` — the lead's raw score, so "claimed 7, accepted 6, capped at 5"
 * can be told), so a view can write "95/100 × 40 = 38,00" without recomputing. Grade bands carry their
 * own name for totals below the lowest band, so the whole scale is configuration.
 */

export const CRITERION_KINDS = ['target', 'lower_better', 'yes_no', 'graded', 'bonus', 'deduction'] as const;
export type CriterionKind = (typeof CRITERION_KINDS)[number];

export interface ScoringCriterion {
  id: number;
  code: string;
  name: string;
  groupName: string;
  kind: CriterionKind;
  /** The cap (điểm chuẩn), in points. */
  maxPoints: number;
}

export interface UnitReportInput {
  /** By criterion id: a number, 1/0 for yes/no, a self-score, or claimed points. */
  values: ReadonlyMap<number, { value: number | null }>;
  /** The block lead's review: points for graded criteria, accepted points for bonus and deduction. */
  review?: { points: ReadonlyMap<number, number>; reviewerUserId: string };
  /** Submitted after the period's due (shown, never scored here: lateness is a deduction line). */
  late: boolean;
}

export interface UnitScoringInput {
  unitId: number;
  /** Undefined: the unit has not reported for the period. */
  report?: UnitReportInput;
  /** The pledge's targets (target kind) and ceilings (lower_better kind) by criterion id. */
  targets: ReadonlyMap<number, number>;
}

export type ScoreNote =
  | 'missing_value'
  | 'missing_target'
  | 'zero_target'
  | 'zero_actual'
  | 'capped'
  | 'over_claim'
  | 'awaiting_review'
  | 'clamped';

/** Where the points came from: the formula, the unit's own score, the lead's, or nothing. */
export type ScoreSource = 'computed' | 'self' | 'reviewed' | 'none';

export interface CriterionScore {
  criterionId: number;
  kind: CriterionKind;
  /** The cap actually applied (0 when the configured one is unusable). */
  maxPoints: number;
  /** The unit's value as reported (finite, before clamping), else null. */
  reported: number | null;
  /** The pledged target or ceiling for target/lower_better (finite, before clamping), else null. */
  target: number | null;
  /** The lead's score for this line when reviewed (before clamping and capping), else null. */
  reviewed: number | null;
  /** Signed: deductions are ≤ 0, everything else ≥ 0. Full precision. */
  points: number;
  source: ScoreSource;
  notes: ScoreNote[];
}

export interface UnitScore {
  unitId: number;
  reported: boolean;
  late: boolean;
  /** One line per criterion, in the criteria's order. */
  criteria: CriterionScore[];
  /** Sum of the scored kinds (everything but bonus and deduction). */
  scoreSum: number;
  /** Bonus points counted (≥ 0). */
  bonus: number;
  /** Deduction points taken, as a positive magnitude (≥ 0). */
  deduction: number;
  /** scoreSum + bonus − deduction. */
  total: number;
  /** A scored criterion with max > 0 stands at 0 points (bars the top grade by default). */
  hasZeroCriterion: boolean;
  /** Reported, reviewed by the lead, and nothing awaits it (graded and claimed bonus lines all reviewed). */
  fullyReviewed: boolean;
}

/** Totals this close are equal: float noise, not a difference in merit. */
export const TIE_EPSILON = 1e-9;

function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The cap actually applied: the configured max when it is a usable number, else 0. */
function capOf(criterion: ScoringCriterion): number {
  return Number.isFinite(criterion.maxPoints) && criterion.maxPoints > 0 ? criterion.maxPoints : 0;
}

/** The pledged target or ceiling, for the kinds that have one. */
function pledgedTarget(criterion: ScoringCriterion, targets: ReadonlyMap<number, number>): number | null {
  return criterion.kind === 'target' || criterion.kind === 'lower_better' ? finiteOrNull(targets.get(criterion.id)) : null;
}

/** Turns −0 into 0 so nothing ever shows "-0,00". */
function plainZero(value: number): number {
  return value === 0 ? 0 : value;
}

function atLeastZero(value: number, notes: ScoreNote[]): number {
  if (value < 0) {
    notes.push('clamped');
    return 0;
  }
  return plainZero(value);
}

function atMost(value: number, cap: number, notes: ScoreNote[]): number {
  if (value > cap) {
    notes.push('capped');
    return cap;
  }
  return value;
}

/** The most a lead may give on a criterion: its max, and for a bonus no more than was claimed (nothing claimed → 0). */
export function reviewCeiling(kind: CriterionKind, maxPoints: number, claimed: number | null | undefined): number {
  return kind === 'bonus' ? Math.min(maxPoints, Math.max(0, claimed ?? 0)) : maxPoints;
}

/** One criterion's line for a unit that reported. Points in the criterion's scale; see the module rules. */
export function scoreCriterion(criterion: ScoringCriterion, report: UnitReportInput, targets: ReadonlyMap<number, number>): CriterionScore {
  const kind = criterion.kind;
  const max = capOf(criterion);
  const reported = finiteOrNull(report.values.get(criterion.id)?.value);
  const target = pledgedTarget(criterion, targets);
  const reviewable = kind === 'graded' || kind === 'bonus' || kind === 'deduction';
  const reviewed = reviewable ? finiteOrNull(report.review?.points.get(criterion.id)) : null;
  const notes: ScoreNote[] = [];
  const points = plainZero(pointsOf(kind, max, reported, target, reviewed, notes));
  return {
    criterionId: criterion.id,
    kind,
    maxPoints: max,
    reported,
    target,
    reviewed,
    points,
    source: sourceOf(kind, reported, target, reviewed),
    notes,
  };
}

/** The points of a line from its sanitised inputs (null = missing), noting every rule applied. */
function pointsOf(
  kind: CriterionKind,
  max: number,
  reported: number | null,
  target: number | null,
  reviewed: number | null,
  notes: ScoreNote[],
): number {
  switch (kind) {
    case 'target':
    case 'lower_better': {
      // Nothing at all is under every ceiling, pledged or not.
      if (kind === 'lower_better' && target === null && reported !== null && atLeastZero(reported, notes) === 0) {
        notes.push('zero_actual');
        return max;
      }
      if (reported === null) notes.push('missing_value');
      if (target === null) notes.push('missing_target');
      if (reported === null || target === null) return 0;
      const value = atLeastZero(reported, notes);
      const goal = atLeastZero(target, notes);
      if (kind === 'lower_better') return value <= goal ? max : max * (goal / value);
      if (goal === 0) {
        notes.push('zero_target');
        return max;
      }
      return max * atMost(value / goal, 1, notes);
    }
    case 'yes_no':
      if (reported === null) {
        notes.push('missing_value');
        return 0;
      }
      return atLeastZero(reported, notes) > 0 ? max : 0;
    case 'graded':
      if (reviewed !== null) return atMost(atLeastZero(reviewed, notes), max, notes);
      notes.push('awaiting_review');
      if (reported === null) {
        notes.push('missing_value');
        return 0;
      }
      return atMost(atLeastZero(reported, notes), max, notes);
    case 'bonus': {
      // The lead accepts or cuts what the unit claimed; never more than the claim, then the cap.
      if (reviewed !== null) {
        const claimed = reported === null ? 0 : Math.max(0, reported);
        const accepted = atLeastZero(reviewed, notes);
        if (accepted > claimed) {
          notes.push('over_claim');
          return atMost(claimed, max, notes);
        }
        return atMost(accepted, max, notes);
      }
      if (reported !== null && atLeastZero(reported, notes) > 0) notes.push('awaiting_review');
      return 0;
    }
    case 'deduction':
      if (reviewed !== null) return -atMost(atLeastZero(reviewed, notes), max, notes);
      return reported === null ? 0 : -atMost(atLeastZero(reported, notes), max, notes);
  }
}

/** Where a line's points come from, given which inputs are present. */
function sourceOf(kind: CriterionKind, reported: number | null, target: number | null, reviewed: number | null): ScoreSource {
  switch (kind) {
    case 'target':
      return reported === null || target === null ? 'none' : 'computed';
    case 'lower_better':
      return reported === null || (target === null && reported > 0) ? 'none' : 'computed';
    case 'yes_no':
      return reported === null ? 'none' : 'computed';
    case 'bonus':
      return reviewed !== null ? 'reviewed' : 'none';
    case 'graded':
    case 'deduction':
      return reviewed !== null ? 'reviewed' : reported !== null ? 'self' : 'none';
  }
}

/** A unit's period score: every line, the sums and the flags. Points in the block's scale. */
export function scoreUnit(criteria: readonly ScoringCriterion[], input: UnitScoringInput): UnitScore {
  const report = input.report;
  const lines = criteria.map(
    (criterion): CriterionScore =>
      report
        ? scoreCriterion(criterion, report, input.targets)
        : {
            criterionId: criterion.id,
            kind: criterion.kind,
            maxPoints: capOf(criterion),
            reported: null,
            target: pledgedTarget(criterion, input.targets),
            reviewed: null,
            points: 0,
            source: 'none',
            notes: [],
          },
  );

  let scoreSum = 0;
  let bonus = 0;
  let deduction = 0;
  let hasZeroCriterion = false;
  let awaiting = false;
  for (const line of lines) {
    if (line.kind === 'bonus') bonus += line.points;
    else if (line.kind === 'deduction') deduction -= line.points;
    else {
      scoreSum += line.points;
      if (line.maxPoints > 0 && line.points <= 0) hasZeroCriterion = true;
    }
    if (line.notes.includes('awaiting_review')) awaiting = true;
  }
  return {
    unitId: input.unitId,
    reported: report !== undefined,
    late: report?.late ?? false,
    criteria: lines,
    scoreSum,
    bonus,
    deduction: plainZero(deduction),
    total: plainZero(scoreSum + bonus - deduction),
    hasZeroCriterion,
    // A table with nothing for the lead to score still wants the lead's look at the report.
    fullyReviewed: report?.review !== undefined && !awaiting,
  };
}

// ── Grades ─────────────────────────────────────────────────────────────────────────────────────

export interface GradeBand {
  name: string;
  /** Inclusive lower bound on the total (≥), in points. */
  min: number;
  /** The band is out of reach while any scored criterion stands at 0. */
  requireNoZeroCriterion?: boolean;
}

/** Bands from the organisation file; `below` names every total under the lowest band. */
export interface GradeBands {
  bands: readonly GradeBand[];
  below: string;
}

/** Cần Thơ 2025 (../shared/docs/domain.md): ≥ 95 and no criterion at 0, ≥ 85, ≥ 75, else not completed. */
export const DEFAULT_GRADE_BANDS: GradeBands = {
  bands: [
    { name: 'Hoàn thành xuất sắc', min: 95, requireNoZeroCriterion: true },
    { name: 'Hoàn thành tốt', min: 85 },
    { name: 'Hoàn thành', min: 75 },
  ],
  below: 'Không hoàn thành',
};

/**
 * The default bands for a table whose scored criteria add up to `base` points: Cần Thơ's bands are
 * set on a 100-point base, so a block scored out of 1,000 or 550 (domain.md) gets them in proportion
 * (≥ 950, ≥ 850, ≥ 750 of 1,000). A base of 0 or 100 keeps them as they are.
 */
export function defaultGradeBands(base: number): GradeBands {
  if (!(base > 0) || base === 100) return DEFAULT_GRADE_BANDS;
  return { ...DEFAULT_GRADE_BANDS, bands: DEFAULT_GRADE_BANDS.bands.map((band) => ({ ...band, min: (band.min * base) / 100 })) };
}

/** The bands' floors (points), for showing totals that would otherwise round onto one (totalDecimals). */
export function gradeFloors(bands: GradeBands): number[] {
  return bands.bands.map((band) => band.min);
}

/** The points a table's scored criteria can give (bonus and deduction aside): its base. */
export function scoredMaximum(criteria: readonly Pick<ScoringCriterion, 'kind' | 'maxPoints'>[]): number {
  return criteria.reduce(
    (sum, criterion) =>
      criterion.kind === 'bonus' || criterion.kind === 'deduction' || !(criterion.maxPoints > 0) ? sum : sum + criterion.maxPoints,
    0,
  );
}

/**
 * The grade of a total (points): the highest band whose min the total reaches (≥, within TIE_EPSILON
 * so 94.99999999999999 is 95) and whose condition holds; a unit barred from a band by a zero criterion
 * falls to the next one. Bands may be listed in any order.
 */
export function gradeOf(total: number, hasZeroCriterion: boolean, bands: GradeBands = DEFAULT_GRADE_BANDS): string {
  const highestFirst = [...bands.bands].sort((left, right) => right.min - left.min);
  const band = highestFirst.find(
    (candidate) => total >= candidate.min - TIE_EPSILON && !(candidate.requireNoZeroCriterion && hasZeroCriterion),
  );
  return band?.name ?? bands.below;
}

// ── Standings ──────────────────────────────────────────────────────────────────────────────────

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

/**
 * Ranks unit scores by total, high to low, by standard competition ranking. Ties: totals within
 * TIE_EPSILON of the highest total of their group share its rank and are flagged; no tie-break. Not reported: last,
 * sharing one rank, not flagged.
 */
export function rankUnits(results: readonly UnitScore[]): RankedUnit[] {
  const indexed = results.map((score, order) => ({ score, order }));
  const reported = indexed
    .filter(({ score }) => score.reported)
    .sort((left, right) => right.score.total - left.score.total || left.order - right.order);
  const ranked: RankedUnit[] = [];
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
 * the display order inside a tie); points in the block's scale; ties as in rankUnits.
 */
export function computeStandings(
  criteria: readonly ScoringCriterion[],
  inputs: readonly UnitScoringInput[],
  bands: GradeBands = DEFAULT_GRADE_BANDS,
): Standings {
  const rows = rankUnits(inputs.map((input) => scoreUnit(criteria, input))).map(
    (row): StandingRow => ({ ...row, grade: row.reported ? gradeOf(row.total, row.hasZeroCriterion, bands) : null }),
  );
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
