/**
 * One criterion's points for one unit: the rules of the organisation file, version 1 (the six kinds)
 * and version 2 (levels, counts, tiers, per-unit indicators, applies_to, lead-scored and automatic
 * criteria, `each` and `items` on bonus and deduction). Pure: no Slack, no database, no clock. Points
 * are in the block's own scale; full precision is kept. src/domain/scoring.ts sums the lines into
 * totals, grades and standings; its header holds the version-1 edge rules, which hold here unchanged.
 *
 * Version 2 (../shared/docs/organisation-file.md, "Version 2"):
 * | rule                           | the unit reports              | points                                                   |
 * | levels                         | one level (by name)           | that level's points                                      |
 * | count, each, from: zero        | how many (n)                  | min(n × each, max)                                       |
 * | count, each, from: max         | how many (n)                  | max(max − n × each, 0)                                   |
 * | tiers on target / lower_better | as the kind                   | the first tier (from the top) the exact percent reaches |
 * | indicators on target           | each of its indicators        | max × weighted mean of min(achieved / target, 1), or    |
 * |                                |                               | the tier of that mean (in percent) when tiers are set   |
 * | applies_to (not listed)        | —                             | `full`: max; `rescale`: left out, the sum is rescaled    |
 * | scored_by: lead                | —                             | the lead's entry; 0 and `awaiting_lead` until reviewed   |
 * | scored_by: auto                | —                             | max if the bot's record says on time, else 0             |
 * | each on bonus / deduction      | how many (n)                  | ± min(n × each, max)                                     |
 * | items on bonus / deduction     | the ticked items              | ± min(sum of their points, max)                          |
 *
 * The lead's review: `review.points` keeps its version-1 meaning (the score of a graded line, the
 * accepted part of a bonus claim — never more than claimed —, the points of a deduction). Version 2
 * adds `review.corrections`: an entry the lead wrote in place of the unit's (a level, a figure, the
 * items that stand, a count, indicator results), which is then scored as if reported, and counts as
 * reviewed — so a bonus the lead awards is counted even when nobody claimed it. A table without
 * version-2 fields and a review without corrections score exactly as version 1.
 *
 * Tiers compare the exact percent (value × 100 / target; a zero target is 100 %), with TIE_EPSILON of
 * tolerance for float noise only: 90 % reaches `at_least: 90`, 89,99 % does not.
 */

export const CRITERION_KINDS = ['target', 'lower_better', 'yes_no', 'graded', 'levels', 'count', 'bonus', 'deduction'] as const;
export type CriterionKind = (typeof CRITERION_KINDS)[number];

/** Version-1 kinds: what every version-1 file may use. */
export const VERSION_1_KINDS = [
  'target',
  'lower_better',
  'yes_no',
  'graded',
  'bonus',
  'deduction',
] as const satisfies readonly CriterionKind[];

/** The bot's own records an automatic criterion reads. */
export const AUTO_SOURCES = ['pledge_on_time', 'report_on_time'] as const;
export type AutoSource = (typeof AUTO_SOURCES)[number];

export const NOT_APPLICABLE_MODES = ['full', 'rescale'] as const;
export type NotApplicableMode = (typeof NOT_APPLICABLE_MODES)[number];

export interface Level {
  name: string;
  points: number;
}
export interface Tier {
  /** Percent of the target achieved (or of the ceiling kept), inclusive. */
  atLeast: number;
  points: number;
}
export interface Indicator {
  code: string;
  name: string;
  unit?: string | null;
  /** Defaults to 1. */
  weight?: number;
}
export interface Item {
  name: string;
  points: number;
}

/** A criterion's version-2 fields, all optional (JSON as stored with the criterion). */
export interface CriterionRule {
  levels?: readonly Level[];
  each?: number;
  from?: 'zero' | 'max';
  /** Highest first. */
  tiers?: readonly Tier[];
  /** Each listed unit's own indicators, by unit code. */
  indicators?: Readonly<Record<string, readonly Indicator[]>>;
  /** Unit codes; absent: every unit. */
  appliesTo?: readonly string[];
  /** Absent: the unit reports it. */
  scoredBy?: 'lead' | 'auto';
  source?: AutoSource;
  items?: readonly Item[];
}

export interface ScoringCriterion {
  id: number;
  code: string;
  name: string;
  groupName: string;
  kind: CriterionKind;
  /** The cap (điểm chuẩn), in points. */
  maxPoints: number;
  rule?: CriterionRule;
}

/** What an entry holds beside its number (version 2; stored as JSON with the value). */
export interface EntryDetail {
  /** levels: the chosen level's name. */
  level?: string;
  /** items: the names of the ticked items. */
  items?: string[];
  /** indicators: the achieved value of each indicator, by its code. */
  indicators?: Record<string, number | null>;
}

/** What a unit (or the lead, correcting it) entered for one criterion. */
export interface CriterionEntry {
  /** A number, 1/0 for yes/no, a self-score, claimed points, or a count. */
  value: number | null;
  detail?: Readonly<EntryDetail> | undefined;
}

export interface UnitReportInput {
  /** By criterion id. */
  values: ReadonlyMap<number, CriterionEntry>;
  /** The block lead's review. */
  review?: {
    /** Points for graded criteria, accepted points for bonus (≤ the claim) and deduction. */
    points: ReadonlyMap<number, number>;
    /** Entries the lead wrote in place of the unit's (version 2). */
    corrections?: ReadonlyMap<number, CriterionEntry>;
    reviewerUserId: string;
  };
  /** Submitted after the period's due (shown, never scored here: lateness is a deduction line). */
  late: boolean;
}

/** A fact the bot knows from its own records: on time or not, and when (UTC ms; null: never). */
export interface AutoFact {
  onTime: boolean;
  at: number | null;
}

export interface UnitScoringInput {
  unitId: number;
  /** The unit's code: applies_to and indicators name units by code. */
  unitCode?: string;
  /** Undefined: the unit has not reported for the period. */
  report?: UnitReportInput;
  /** The pledge's targets (target kind) and ceilings (lower_better kind) by criterion id. */
  targets: ReadonlyMap<number, number>;
  /** The pledge's target of each indicator, by criterion id then indicator code. */
  indicatorTargets?: ReadonlyMap<number, Readonly<Record<string, number>>>;
  /** What automatic criteria read. */
  auto?: Partial<Record<AutoSource, AutoFact>>;
}

export type ScoreNote =
  | 'missing_value'
  | 'missing_target'
  | 'zero_target'
  | 'zero_actual'
  | 'capped'
  | 'over_claim'
  | 'awaiting_review'
  | 'clamped'
  | 'floored'
  | 'not_applicable'
  | 'awaiting_lead'
  | 'corrected';

export const SCORE_NOTES = [
  'missing_value',
  'missing_target',
  'zero_target',
  'zero_actual',
  'capped',
  'over_claim',
  'awaiting_review',
  'clamped',
  'floored',
  'not_applicable',
  'awaiting_lead',
  'corrected',
] as const satisfies readonly ScoreNote[];

/** Where the points came from: the formula, the unit's own score, the lead's, or nothing. */
export type ScoreSource = 'computed' | 'self' | 'reviewed' | 'none';

export interface IndicatorPart {
  code: string;
  name: string;
  unit: string | null;
  weight: number;
  achieved: number | null;
  target: number | null;
  /** min(achieved / target, 1); 0 when either is missing. */
  share: number;
}

/** Which rule gave a line its points, with what it used: what the breakdown says in words. */
export type ScoreBasis =
  /** target: max × share, share = min(achieved / target, 1). */
  | { rule: 'share'; share: number }
  /** lower_better: share 1 within the ceiling, ceiling / actual above it. */
  | { rule: 'ceiling'; share: number }
  /** tiers: the tier the percent reached (null: none). */
  | { rule: 'tier'; percent: number; tier: Tier | null }
  /** indicators: max × weighted mean, or its tier when `tiers` is set. */
  | { rule: 'indicators'; share: number; parts: IndicatorPart[]; tier?: Tier | null }
  | { rule: 'yes_no'; yes: boolean }
  | { rule: 'auto'; source: AutoSource; onTime: boolean; at: number | null }
  /** graded: the unit's self-score or the lead's score. */
  | { rule: 'score'; by: 'unit' | 'lead' }
  | { rule: 'level'; level: Level | null }
  | { rule: 'count'; count: number; each: number; from: 'zero' | 'max' }
  | { rule: 'items'; items: Item[] }
  /** bonus / deduction as points. */
  | { rule: 'points' }
  | { rule: 'not_applicable'; mode: NotApplicableMode }
  | { rule: 'awaiting_lead' }
  /** Nothing to score with (the notes say what is missing), or the unit has not reported. */
  | { rule: 'missing' };

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
  /** Signed: deductions are ≤ 0, everything else ≥ 0. Full precision, before any group cap. */
  points: number;
  source: ScoreSource;
  notes: ScoreNote[];
  basis: ScoreBasis;
}

export interface LineContext {
  unitCode?: string | undefined;
  targets: ReadonlyMap<number, number>;
  indicatorTargets?: ReadonlyMap<number, Readonly<Record<string, number>>> | undefined;
  auto?: Partial<Record<AutoSource, AutoFact>> | undefined;
  notApplicable?: NotApplicableMode;
}

/** Totals this close are equal: float noise, not a difference in merit. */
export const TIE_EPSILON = 1e-9;

export function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The cap actually applied: the configured max when it is a usable number, else 0. */
export function capOf(criterion: Pick<ScoringCriterion, 'maxPoints'>): number {
  return Number.isFinite(criterion.maxPoints) && criterion.maxPoints > 0 ? criterion.maxPoints : 0;
}

/** The indicators a unit reports for a criterion, if it has its own. */
export function indicatorsOf(criterion: Pick<ScoringCriterion, 'kind' | 'rule'>, unitCode: string | undefined): readonly Indicator[] {
  if (criterion.kind !== 'target' || unitCode === undefined) return [];
  return criterion.rule?.indicators?.[unitCode] ?? [];
}

/** Whether the criterion applies to the unit (applies_to lists it, or lists nobody). */
export function appliesTo(criterion: Pick<ScoringCriterion, 'rule'>, unitCode: string | undefined): boolean {
  const listed = criterion.rule?.appliesTo;
  return listed === undefined || (unitCode !== undefined && listed.includes(unitCode));
}

/** What the unit is asked for a criterion: nothing when the lead scores it, the bot computes it, or it does not apply. */
export function isAskedOfUnit(criterion: Pick<ScoringCriterion, 'rule'>, unitCode: string | undefined): boolean {
  return criterion.rule?.scoredBy === undefined && appliesTo(criterion, unitCode);
}

/** The pledged target or ceiling, for the kinds that have one (none for a unit with its own indicators). */
export function pledgedTarget(criterion: ScoringCriterion, context: Pick<LineContext, 'targets' | 'unitCode'>): number | null {
  if (criterion.kind !== 'target' && criterion.kind !== 'lower_better') return null;
  if (indicatorsOf(criterion, context.unitCode).length > 0) return null;
  return finiteOrNull(context.targets.get(criterion.id));
}

/** Turns −0 into 0 so nothing ever shows "-0,00". */
export function plainZero(value: number): number {
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

/** The first tier the percent reaches, from the top (tiers are listed highest first). */
export function tierReached(tiers: readonly Tier[], percent: number): Tier | null {
  return tiers.find((tier) => percent >= tier.atLeast - TIE_EPSILON) ?? null;
}

/** What a bonus or deduction entry claims before its cap (points, n × each, or the ticked items' sum); 0 for nothing. */
export function claimedAmount(criterion: Pick<ScoringCriterion, 'rule'>, entry: CriterionEntry | undefined): number {
  return Math.max(0, claimOf(criterion, entry, []).amount ?? 0);
}

/** What a bonus or deduction entry amounts to before its cap: points, n × each, or the ticked items' sum. */
function claimOf(
  criterion: Pick<ScoringCriterion, 'rule'>,
  entry: CriterionEntry | undefined,
  notes: ScoreNote[],
): { amount: number | null; basis: ScoreBasis } {
  const rule = criterion.rule;
  if (rule?.items) {
    const ticked = new Set(entry?.detail?.items ?? []);
    const items = rule.items.filter((item) => ticked.has(item.name));
    return { amount: items.length ? items.reduce((sum, item) => sum + item.points, 0) : null, basis: { rule: 'items', items } };
  }
  const value = finiteOrNull(entry?.value);
  if (rule?.each !== undefined) {
    const count = value === null ? null : atLeastZero(value, notes);
    return {
      amount: count === null ? null : count * rule.each,
      basis: { rule: 'count', count: count ?? 0, each: rule.each, from: 'zero' },
    };
  }
  return { amount: value, basis: AS_POINTS };
}

interface Scored {
  points: number;
  basis: ScoreBasis;
}

/** A line from what was worked out (a plain function, not a closure: this runs for every line of a province). */
function lineOf(
  criterion: ScoringCriterion,
  maxPoints: number,
  target: number | null,
  notes: ScoreNote[],
  points: number,
  source: ScoreSource,
  basis: ScoreBasis,
  reported: number | null,
  reviewed: number | null = null,
): CriterionScore {
  return {
    criterionId: criterion.id,
    kind: criterion.kind,
    maxPoints,
    reported,
    target,
    reviewed,
    points: plainZero(points),
    source,
    notes,
    basis,
  };
}

// Bases without figures, shared rather than allocated for every line.
const MISSING: ScoreBasis = { rule: 'missing' };
const AWAITING_LEAD: ScoreBasis = { rule: 'awaiting_lead' };
const AS_POINTS: ScoreBasis = { rule: 'points' };
const BY_LEAD: ScoreBasis = { rule: 'score', by: 'lead' };
const BY_UNIT: ScoreBasis = { rule: 'score', by: 'unit' };
const YES: ScoreBasis = { rule: 'yes_no', yes: true };
const NO: ScoreBasis = { rule: 'yes_no', yes: false };
const WITHIN_CEILING: ScoreBasis = { rule: 'ceiling', share: 1 };
const FULL_SHARE: ScoreBasis = { rule: 'share', share: 1 };

function missingEntry(notes: ScoreNote[]): Scored {
  notes.push('missing_value');
  return { points: 0, basis: MISSING };
}

/** One criterion's line for a unit that reported. Points in the criterion's scale; see the module rules. */
export function scoreCriterion(criterion: ScoringCriterion, report: UnitReportInput, context: LineContext): CriterionScore {
  const kind = criterion.kind;
  const rule = criterion.rule;
  const max = capOf(criterion);
  const notes: ScoreNote[] = [];
  const target = pledgedTarget(criterion, context);

  if (!appliesTo(criterion, context.unitCode)) {
    notes.push('not_applicable');
    const mode = context.notApplicable ?? 'full';
    const counted = kind === 'bonus' || kind === 'deduction' || mode === 'rescale' ? 0 : max;
    return lineOf(criterion, max, target, notes, counted, 'computed', { rule: 'not_applicable', mode }, null);
  }
  if (rule?.scoredBy === 'auto') {
    const source = rule.source ?? 'report_on_time';
    const fact = context.auto?.[source];
    const onTime = fact?.onTime ?? false;
    return lineOf(
      criterion,
      max,
      target,
      notes,
      onTime ? max : 0,
      'computed',
      { rule: 'auto', source, onTime, at: fact?.at ?? null },
      null,
    );
  }

  const own = report.values.get(criterion.id);
  const correction = report.review?.corrections?.get(criterion.id);
  const reviewPoints = finiteOrNull(report.review?.points.get(criterion.id));

  // A lead-scored bonus or deduction is one the unit does not claim: the lead's correction is its entry below.
  if (rule?.scoredBy === 'lead' && kind !== 'bonus' && kind !== 'deduction') {
    const leadScore = kind === 'graded' ? (reviewPoints ?? finiteOrNull(correction?.value)) : null;
    if (kind === 'graded' && leadScore !== null)
      return lineOf(criterion, max, target, notes, atMost(atLeastZero(leadScore, notes), max, notes), 'reviewed', BY_LEAD, null, leadScore);
    if (kind === 'graded' || !correction) {
      notes.push('awaiting_lead');
      return lineOf(criterion, max, target, notes, 0, 'none', AWAITING_LEAD, null);
    }
    const scored = entryPoints(criterion, correction, max, target, context, notes);
    return lineOf(criterion, max, target, notes, scored.points, 'reviewed', scored.basis, finiteOrNull(correction.value));
  }

  const reviewable = kind === 'graded' || kind === 'bonus' || kind === 'deduction';
  const reviewed = reviewable ? reviewPoints : null;
  const reported = finiteOrNull(own?.value);

  if (kind === 'bonus' || kind === 'deduction') {
    if (correction) {
      notes.push('corrected');
      const claim = claimOf(criterion, correction, notes);
      const amount = claim.amount === null ? 0 : atMost(atLeastZero(claim.amount, notes), max, notes);
      return lineOf(criterion, max, target, notes, kind === 'bonus' ? amount : -amount, 'reviewed', claim.basis, reported);
    }
    const claim = claimOf(criterion, own, notes);
    if (kind === 'bonus') {
      // The lead accepts or cuts what the unit claimed; never more than the claim, then the cap.
      if (reviewed !== null) {
        const claimed = claim.amount === null ? 0 : Math.max(0, claim.amount);
        const accepted = atLeastZero(reviewed, notes);
        if (accepted > claimed) {
          notes.push('over_claim');
          return lineOf(criterion, max, target, notes, atMost(claimed, max, notes), 'reviewed', claim.basis, reported, reviewed);
        }
        return lineOf(criterion, max, target, notes, atMost(accepted, max, notes), 'reviewed', claim.basis, reported, reviewed);
      }
      if (claim.amount !== null && (rule?.each !== undefined ? claim.amount : atLeastZero(claim.amount, notes)) > 0)
        notes.push('awaiting_review');
      return lineOf(criterion, max, target, notes, 0, 'none', claim.basis, reported);
    }
    if (reviewed !== null)
      return lineOf(
        criterion,
        max,
        target,
        notes,
        -atMost(atLeastZero(reviewed, notes), max, notes),
        'reviewed',
        claim.basis,
        reported,
        reviewed,
      );
    if (claim.amount === null) return lineOf(criterion, max, target, notes, 0, 'none', claim.basis, reported);
    const taken = rule?.each !== undefined || rule?.items ? claim.amount : atLeastZero(claim.amount, notes);
    return lineOf(criterion, max, target, notes, -atMost(taken, max, notes), 'self', claim.basis, reported);
  }

  if (kind === 'graded') {
    if (correction && reviewed === null) {
      notes.push('corrected');
      const score = finiteOrNull(correction.value);
      if (score !== null)
        return lineOf(criterion, max, target, notes, atMost(atLeastZero(score, notes), max, notes), 'reviewed', BY_LEAD, reported, score);
    }
    if (reviewed !== null)
      return lineOf(
        criterion,
        max,
        target,
        notes,
        atMost(atLeastZero(reviewed, notes), max, notes),
        'reviewed',
        BY_LEAD,
        reported,
        reviewed,
      );
    notes.push('awaiting_review');
    if (reported === null) {
      notes.push('missing_value');
      return lineOf(criterion, max, target, notes, 0, 'none', MISSING, null);
    }
    return lineOf(criterion, max, target, notes, atMost(atLeastZero(reported, notes), max, notes), 'self', BY_UNIT, reported);
  }

  const entry = correction ?? own;
  if (correction) notes.push('corrected');
  const scored = entryPoints(criterion, entry, max, target, context, notes);
  const value = finiteOrNull(entry?.value);
  const nothing = scored.basis.rule === 'missing';
  const source: ScoreSource = nothing ? 'none' : correction ? 'reviewed' : kind === 'levels' ? 'self' : 'computed';
  return lineOf(
    criterion,
    max,
    target,
    notes,
    scored.points,
    source,
    scored.basis,
    kind === 'levels' ? null : correction ? finiteOrNull(own?.value) : value,
  );
}

/** The points of target, lower_better, yes_no, levels and count entries (and graded, for a lead-scored line). */
function entryPoints(
  criterion: ScoringCriterion,
  entry: CriterionEntry | undefined,
  max: number,
  target: number | null,
  context: LineContext,
  notes: ScoreNote[],
): Scored {
  const rule = criterion.rule;
  const value = finiteOrNull(entry?.value);
  switch (criterion.kind) {
    case 'target':
    case 'lower_better': {
      const indicators = indicatorsOf(criterion, context.unitCode);
      if (indicators.length > 0) return indicatorPoints(criterion, indicators, entry, max, context, notes);
      const kind = criterion.kind;
      // Nothing at all is under every ceiling, pledged or not.
      if (kind === 'lower_better' && target === null && value !== null && atLeastZero(value, notes) === 0) {
        notes.push('zero_actual');
        return rule?.tiers ? tierPoints(rule.tiers, 100, max) : { points: max, basis: WITHIN_CEILING };
      }
      if (value === null) notes.push('missing_value');
      if (target === null) notes.push('missing_target');
      if (value === null || target === null) return { points: 0, basis: MISSING };
      const actual = atLeastZero(value, notes);
      const goal = atLeastZero(target, notes);
      if (kind === 'lower_better') {
        if (rule?.tiers) return tierPoints(rule.tiers, actual <= goal ? 100 : (goal * 100) / actual, max);
        if (actual <= goal) return { points: max, basis: WITHIN_CEILING };
        return { points: max * (goal / actual), basis: { rule: 'ceiling', share: goal / actual } };
      }
      if (goal === 0) {
        notes.push('zero_target');
        return rule?.tiers ? tierPoints(rule.tiers, 100, max) : { points: max, basis: FULL_SHARE };
      }
      if (rule?.tiers) return tierPoints(rule.tiers, (actual * 100) / goal, max);
      const share = atMost(actual / goal, 1, notes);
      return { points: max * share, basis: { rule: 'share', share } };
    }
    case 'yes_no':
      if (value === null) return missingEntry(notes);
      return atLeastZero(value, notes) > 0 ? { points: max, basis: YES } : { points: 0, basis: NO };
    case 'graded':
      if (value === null) return missingEntry(notes);
      return { points: atMost(atLeastZero(value, notes), max, notes), basis: BY_LEAD };
    case 'levels': {
      const chosen = entry?.detail?.level ?? null;
      const level = rule?.levels?.find((candidate) => candidate.name === chosen) ?? null;
      if (!level) return missingEntry(notes);
      return { points: atMost(atLeastZero(level.points, notes), max, notes), basis: { rule: 'level', level } };
    }
    case 'count': {
      if (value === null) return missingEntry(notes);
      const count = atLeastZero(value, notes);
      const each = rule?.each ?? 1;
      const from = rule?.from ?? 'zero';
      const basis: ScoreBasis = { rule: 'count', count, each, from };
      if (from === 'zero') return { points: atMost(count * each, max, notes), basis };
      const left = max - count * each;
      if (left < 0) notes.push('floored');
      return { points: Math.max(left, 0), basis };
    }
    case 'bonus':
    case 'deduction':
      // Scored by scoreCriterion itself; a lead-scored bonus or deduction reads its correction so.
      return { points: 0, basis: AS_POINTS };
  }
}

function noteOnce(notes: ScoreNote[], which: ScoreNote): void {
  if (!notes.includes(which)) notes.push(which);
}

/** The points of the first tier the percent reaches, within the max. */
function tierPoints(tiers: readonly Tier[], percent: number, max: number): Scored {
  const tier = tierReached(tiers, percent);
  return { points: tier ? Math.min(Math.max(tier.points, 0), max) : 0, basis: { rule: 'tier', percent, tier } };
}

/** max × the weighted mean of each indicator's min(achieved / target, 1), or the tier of that mean. */
function indicatorPoints(
  criterion: ScoringCriterion,
  indicators: readonly Indicator[],
  entry: CriterionEntry | undefined,
  max: number,
  context: LineContext,
  notes: ScoreNote[],
): Scored {
  const targets = context.indicatorTargets?.get(criterion.id);
  const parts = indicators.map((indicator): IndicatorPart => {
    const achieved = finiteOrNull(entry?.detail?.indicators?.[indicator.code]);
    const target = finiteOrNull(targets?.[indicator.code]);
    const weight = indicator.weight ?? 1;
    const part = { code: indicator.code, name: indicator.name, unit: indicator.unit ?? null, weight, achieved, target };
    if (achieved === null) noteOnce(notes, 'missing_value');
    if (target === null) noteOnce(notes, 'missing_target');
    if (achieved === null || target === null) return { ...part, share: 0 };
    const value = Math.max(achieved, 0);
    const goal = Math.max(target, 0);
    if (achieved < 0 || target < 0) noteOnce(notes, 'clamped');
    if (goal === 0) {
      noteOnce(notes, 'zero_target');
      return { ...part, share: 1 };
    }
    if (value > goal) noteOnce(notes, 'capped');
    return { ...part, share: Math.min(value / goal, 1) };
  });
  if (parts.every((part) => part.achieved === null)) return { points: 0, basis: MISSING };
  const totalWeight = parts.reduce((sum, part) => sum + part.weight, 0);
  const share = totalWeight > 0 ? parts.reduce((sum, part) => sum + part.weight * part.share, 0) / totalWeight : 0;
  const tiers = criterion.rule?.tiers;
  if (tiers) {
    const tier = tierReached(tiers, share * 100);
    return { points: tier ? Math.min(Math.max(tier.points, 0), max) : 0, basis: { rule: 'indicators', share, parts, tier } };
  }
  return { points: max * share, basis: { rule: 'indicators', share, parts } };
}
