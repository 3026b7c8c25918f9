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
 * Version 2 (criterion rules in src/domain/scoring-rules.ts; table rules here):
 * - groups: a group's criteria (bonus and deduction excluded) count at most its max; each line keeps
 *   its own points (the breakdown shows them), the unit's scoreSum takes the capped group sums.
 * - not_applicable `rescale`: a criterion that does not apply is left out and the scored sum is
 *   multiplied by base / applicable max (both after group caps); `full` (default) counts it as its max.
 * - grades[].min_share_each: a band is out of reach while a criterion that applies (neither bonus nor
 *   deduction, max > 0) scores under that share of its max; a line still waiting for the lead is left
 *   out of that test (and of no_zero_criterion) and the grade is provisional until it is scored.
 *
 * Shape: inputs are keyed by criterion id in ReadonlyMaps so the loader can pass what it reads without
 * copying; results keep one line per criterion in the criteria's order, with the inputs that were used
 * (`reported`, `target`, and `reviewed` — the lead's raw score, so "claimed 7, accepted 6, capped at 5"
 * can be told), so a view can write "95/100 × 40 = 38,00" without recomputing. Grade bands carry their
 * own name for totals below the lowest band, so the whole scale is configuration.
 */

import {
  type CriterionKind,
  type CriterionScore,
  capOf,
  type NotApplicableMode,
  plainZero,
  pledgedTarget,
  type ScoringCriterion,
  scoreCriterion,
  type UnitScoringInput,
} from './scoring-rules';

export * from './scoring-rules';

/** A table's version-2 rules beyond its criteria: group caps and how a criterion that does not apply counts. */
export interface TableRules {
  groups?: readonly GroupCap[];
  notApplicable?: NotApplicableMode;
}

export interface GroupCap {
  name: string;
  max: number;
}

/** A capped group's sum for a unit: its lines' points, and what counted (min(sum, max)). */
export interface GroupSum {
  name: string;
  max: number;
  sum: number;
  counted: number;
}

export interface UnitScore {
  unitId: number;
  reported: boolean;
  late: boolean;
  /** One line per criterion, in the criteria's order. */
  criteria: CriterionScore[];
  /** Sum of the scored kinds (everything but bonus and deduction), after group caps and rescaling. */
  scoreSum: number;
  /** Bonus points counted (≥ 0). */
  bonus: number;
  /** Deduction points taken, as a positive magnitude (≥ 0). */
  deduction: number;
  /** scoreSum + bonus − deduction. */
  total: number;
  /** A scored criterion with max > 0 stands at 0 points (bars the top grade by default). */
  hasZeroCriterion: boolean;
  /** Reported, reviewed by the lead, and nothing awaits it (graded, lead-scored and claimed bonus lines all reviewed). */
  fullyReviewed: boolean;
  /** The groups whose cap applies, with their sums (only groups that have a max). */
  groups: GroupSum[];
  /** not_applicable `rescale` at work: the scored sum was multiplied by base / applicable. */
  scale: { base: number; applicable: number } | null;
  /** The smallest share of its max among the lines min_share_each looks at; null when none. */
  lowestShare: number | null;
  /** A lead-scored line is not scored yet: the grade is provisional. */
  awaitingLead: boolean;
}

/** Whether a kind's points add to the scored sum (bonus and deduction stand apart). */
export function isScoredKind(kind: CriterionKind): boolean {
  return kind !== 'bonus' && kind !== 'deduction';
}

/**
 * The points a table's scored criteria can give (bonus and deduction aside): its base. With group
 * caps, a group gives at most its max. Without groups this is the plain sum (as version 1).
 */
export function tableBase(
  criteria: readonly Pick<ScoringCriterion, 'kind' | 'maxPoints' | 'groupName'>[],
  groups: readonly GroupCap[] = [],
): number {
  const caps = new Map(groups.map((group) => [group.name, group.max]));
  let ungrouped = 0;
  const sums = new Map<string, number>();
  for (const criterion of criteria) {
    if (!isScoredKind(criterion.kind) || !(criterion.maxPoints > 0)) continue;
    if (caps.has(criterion.groupName)) sums.set(criterion.groupName, (sums.get(criterion.groupName) ?? 0) + criterion.maxPoints);
    else ungrouped += criterion.maxPoints;
  }
  return [...sums].reduce((total, [name, sum]) => total + Math.min(sum, caps.get(name)!), ungrouped);
}

/** A unit's period score: every line, the sums and the flags. Points in the block's scale; table rules as in the module header. */
export function scoreUnit(criteria: readonly ScoringCriterion[], input: UnitScoringInput, rules: TableRules = {}): UnitScore {
  const report = input.report;
  const notApplicable = rules.notApplicable ?? 'full';
  const context = {
    unitCode: input.unitCode,
    targets: input.targets,
    indicatorTargets: input.indicatorTargets,
    auto: input.auto,
    notApplicable,
  };
  const lines = criteria.map(
    (criterion): CriterionScore =>
      report
        ? scoreCriterion(criterion, report, context)
        : {
            criterionId: criterion.id,
            kind: criterion.kind,
            maxPoints: capOf(criterion),
            reported: null,
            target: pledgedTarget(criterion, context),
            reviewed: null,
            points: 0,
            source: 'none',
            notes: [],
            basis: { rule: 'missing' },
          },
  );

  const caps = new Map((rules.groups ?? []).map((group) => [group.name, group.max]));
  const groupSums = new Map<string, number>();
  let scoreSum = 0;
  let bonus = 0;
  let deduction = 0;
  let hasZeroCriterion = false;
  let awaiting = false;
  let awaitingLead = false;
  let lowestShare: number | null = null;
  let leftOut = false;
  criteria.forEach((criterion, index) => {
    const line = lines[index]!;
    if (line.kind === 'bonus') bonus += line.points;
    else if (line.kind === 'deduction') deduction -= line.points;
    else {
      if (caps.has(criterion.groupName)) groupSums.set(criterion.groupName, (groupSums.get(criterion.groupName) ?? 0) + line.points);
      else scoreSum += line.points;
      // Most lines carry no note: skip the searches for them (this runs for every line of a province).
      const notApplies = line.notes.length > 0 && line.notes.includes('not_applicable');
      const waitsForLead = line.notes.length > 0 && line.notes.includes('awaiting_lead');
      if (notApplies && notApplicable === 'rescale') leftOut = true;
      if (line.maxPoints > 0 && !notApplies && !waitsForLead) {
        if (line.points <= 0) hasZeroCriterion = true;
        const share = line.points / line.maxPoints;
        if (lowestShare === null || share < lowestShare) lowestShare = share;
      }
    }
    if (line.notes.length > 0) {
      if (line.notes.includes('awaiting_review')) awaiting = true;
      if (line.notes.includes('awaiting_lead')) awaitingLead = true;
    }
  });
  const groups: GroupSum[] = [];
  for (const [name, sum] of groupSums) {
    const max = caps.get(name)!;
    const counted = Math.min(sum, max);
    groups.push({ name, max, sum, counted });
    scoreSum += counted;
  }
  let scale: UnitScore['scale'] = null;
  if (report && leftOut) {
    const base = tableBase(criteria, rules.groups);
    const applicable = tableBase(
      criteria.filter((_, index) => !lines[index]!.notes.includes('not_applicable')),
      rules.groups,
    );
    if (applicable > 0 && applicable !== base) {
      scale = { base, applicable };
      scoreSum = (scoreSum * base) / applicable;
    }
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
    fullyReviewed: report?.review !== undefined && !awaiting && !awaitingLead,
    groups,
    scale,
    lowestShare: report ? lowestShare : null,
    awaitingLead: report !== undefined && awaitingLead,
  };
}
