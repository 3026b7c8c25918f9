/**
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
