import { readNumber } from './numbers';
import { checkReportForm, type ReportAsk, type ReportProblem, type ReportValueRead, reportAsk } from './report-form';
import { type CriterionEntry, type CriterionKind, type CriterionRule, claimedAmount, reviewCeiling } from './scoring';

/**
 * The rules of the lead's review (thẩm định) under version 2, apart from how the form looks. For
 * each criterion the lead:
 * - scores a lead-scored one (scored_by: lead) — a score 0..max for graded, else a level, yes/no or
 *   a count, as the unit would have answered — required;
 * - scores a self-scored graded one and accepts or cuts a plain bonus (≤ the claim) or a plain
 *   deduction, as in version 1 (`points`);
 * - may award more bonus than claimed, points nobody claimed, or more deduction than declared, and
 *   may change any reported figure, level, count, indicator result or the items that stand: each
 *   such change needs a reason and stays within the criterion's cap (a correction, scored as if the
 *   unit had reported it; src/domain/scoring-rules.ts).
 * What is not a change (the same figure as reported) needs no reason and is not recorded.
 */
export type ReviewDecision =
  /** The lead's points (version 1's meaning), with the reason when one was given; `asClaimed`: a claim of items or cases accepted as it stands. */
  | { kind: 'points'; points: number; note: string | null; asClaimed?: true }
  /** The lead's entry in place of the unit's, and why (empty for a lead-scored criterion the lead simply scored). */
  | { kind: 'correction'; entry: CriterionEntry; reason: string }
  | { kind: 'unchanged' };

/** What the lead is asked for a criterion. */
export type ReviewAsk =
  | { kind: 'points'; ceiling: number; reasonAbove: number | null }
  | { kind: 'lead'; ask: ReportAsk }
  | { kind: 'change'; ask: ReportAsk }
  | { kind: 'none' };

export interface ReviewCriterion {
  id: number;
  kind: CriterionKind;
  maxPoints: number;
  rule?: CriterionRule | null | undefined;
  /** A figure's unit: one that counts things takes a whole number (countsThings). */
  measureUnit?: string | null | undefined;
}

/**
 * What the lead may set for `criterion` of the unit `unitCode` that reported `own`: points (graded,
 * and a plain bonus or deduction, where `reasonAbove` is the figure above which a reason is needed:
 * the claim), a lead-scored answer, a change to what the unit reported, or nothing (automatic, not applicable).
 */
export function reviewAsk(
  criterion: ReviewCriterion,
  unitCode: string | undefined,
  own: Pick<CriterionEntry, 'value'> | undefined,
): ReviewAsk {
  const rule = criterion.rule ?? undefined;
  if (rule?.scoredBy === 'lead') {
    if (criterion.kind === 'graded') return { kind: 'points', ceiling: criterion.maxPoints, reasonAbove: null };
    return { kind: 'lead', ask: reportAsk({ kind: criterion.kind, rule: { ...rule, scoredBy: undefined } }, unitCode) };
  }
  const asked = reportAsk(criterion, unitCode);
  if (asked.kind === 'none') return { kind: 'none' };
  if (criterion.kind === 'graded') return { kind: 'points', ceiling: criterion.maxPoints, reasonAbove: null };
  if (asked.kind === 'claim' && asked.as === 'points') {
    const claimed = Math.max(0, own?.value ?? 0);
    // A bonus may be cut freely and raised with a reason; a deduction likewise added to.
    return {
      kind: 'points',
      ceiling: criterion.maxPoints,
      reasonAbove: criterion.kind === 'bonus' ? reviewCeiling('bonus', criterion.maxPoints, claimed) : claimed,
    };
  }
  return { kind: 'change', ask: asked };
}

const READ_APART = '·';

export type CorrectionProblem<Id> =
  | ReportProblem<Id>
  | { field: 'range'; id: Id; max: number }
  | { field: 'over_cap'; id: Id; max: number };

export interface ReviewFieldInput<Id> {
  id: Id;
  criterion: ReviewCriterion;
  ask: ReviewAsk;
  /** The unit's own entry (what it reported). */
  own: ReportValueRead | undefined;
  typed: string | null | undefined;
  ticked?: readonly string[] | null | undefined;
  indicators?: Readonly<Record<string, string | null | undefined>>;
  reason: string | null | undefined;
}

/** One criterion's field of the review, read: the decision, or its problems (the same words as the report's). */
export function readReviewField<Id>(
  field: ReviewFieldInput<Id>,
): { ok: true; decision: ReviewDecision } | { ok: false; problems: CorrectionProblem<Id>[] } {
  const reason = field.reason?.trim() || null;
  const { ask, criterion } = field;
  const fail = (problem: CorrectionProblem<Id>) => ({ ok: false as const, problems: [problem] });
  switch (ask.kind) {
    case 'none':
      return { ok: true, decision: { kind: 'unchanged' } };
    case 'points': {
      const reading = readNumber(field.typed);
      if (!reading.ok) return fail({ field: 'value', id: field.id, problem: reading.problem });
      const points = reading.value;
      if (points < 0 || points > ask.ceiling) return fail({ field: 'range', id: field.id, max: ask.ceiling });
      if (ask.reasonAbove !== null && points > ask.reasonAbove) {
        if (!reason) return fail({ field: 'reason', id: field.id });
        // More bonus than claimed is an award: a correction, since an accepted claim never exceeds the claim.
        if (criterion.kind === 'bonus') return { ok: true, decision: { kind: 'correction', entry: { value: points }, reason } };
      }
      return { ok: true, decision: { kind: 'points', points, note: reason } };
    }
    case 'lead':
    case 'change': {
      const read = checkReportForm({
        fields: [
          {
            id: field.id,
            kind: criterion.kind,
            maxPoints: criterion.maxPoints,
            measureUnit: criterion.measureUnit,
            typed: field.typed,
            // A claim's reason is the reason of the change, read apart below: the report's reader only needs one to be
            // there. None when the lead ticked no item: the claim refused, which the unit could not say with a reason.
            reason: ask.ask.kind === 'claim' && !(ask.ask.as === 'items' && !field.ticked?.length) ? (reason ?? READ_APART) : null,
            ask: ask.ask,
            ticked: field.ticked,
            ...(field.indicators ? { indicators: field.indicators } : {}),
          },
        ],
      });
      if (read.problems.length) return { ok: false, problems: read.problems.filter((problem) => problem.field !== 'reason') };
      const entry: CriterionEntry = entryOf(read.values.get(field.id)!);
      const rule = criterion.rule ?? undefined;
      if (rule?.each !== undefined && entry.value !== null && entry.value * rule.each > criterion.maxPoints)
        return fail({ field: 'over_cap', id: field.id, max: criterion.maxPoints });
      if (ask.kind === 'lead') {
        if (isEmpty(entry)) return fail({ field: 'value', id: field.id, problem: { kind: 'required' } });
        return { ok: true, decision: { kind: 'correction', entry, reason: reason ?? '' } };
      }
      if (sameAnswer(entry, field.own)) {
        // A bonus counts once reviewed: one of items or cases kept as claimed is accepted at what it claims.
        if (criterion.kind === 'bonus')
          return {
            ok: true,
            decision: {
              kind: 'points',
              points: claimedAmount({ rule: criterion.rule ?? undefined }, field.own),
              note: null,
              asClaimed: true,
            },
          };
        return { ok: true, decision: { kind: 'unchanged' } };
      }
      if (!reason) return fail({ field: 'reason', id: field.id });
      return { ok: true, decision: { kind: 'correction', entry, reason } };
    }
  }
}

function entryOf(read: ReportValueRead): CriterionEntry {
  return read.detail ? { value: read.value, detail: read.detail } : { value: read.value };
}

function isEmpty(entry: CriterionEntry): boolean {
  return entry.value === null && entry.detail === undefined;
}

/** The same answer as the unit gave (the reason aside): not a change. */
function sameAnswer(entry: CriterionEntry, own: ReportValueRead | undefined): boolean {
  const canonical = (value: number | null, detail: CriterionEntry['detail']) =>
    JSON.stringify([
      value,
      detail?.level ?? null,
      [...(detail?.items ?? [])].sort(),
      Object.entries(detail?.indicators ?? {}).sort(([a], [b]) => a.localeCompare(b)),
    ]);
  return canonical(entry.value, entry.detail) === canonical(own?.value ?? null, own?.detail);
}

/** What changed in a review, for the unit's message: the criterion, what it reported, what stands now, why. */
export interface ReviewChange {
  criterionId: number;
  before: CriterionEntry | null;
  after: { entry: CriterionEntry } | { points: number };
  reason: string;
}

/**
 * Every change the lead made to what the unit reported, in the criteria's order: corrections with
 * their reason, and points that differ from the unit's figure (a graded score, a claim cut or raised)
 * with the reason given, if any. A lead-scored criterion is the lead's own score, not a change.
 */
export function reviewChanges(
  criteria: readonly ReviewCriterion[],
  own: ReadonlyMap<number, ReportValueRead>,
  decisions: ReadonlyMap<number, ReviewDecision>,
): ReviewChange[] {
  return criteria.flatMap((criterion): ReviewChange[] => {
    const decision = decisions.get(criterion.id);
    const reported = own.get(criterion.id);
    const before = reported ? entryOf(reported) : null;
    if (!decision || decision.kind === 'unchanged' || criterion.rule?.scoredBy === 'lead') return [];
    if (decision.kind === 'points' && decision.asClaimed) return [];
    if (decision.kind === 'correction')
      return [{ criterionId: criterion.id, before, after: { entry: decision.entry }, reason: decision.reason }];
    if ((before?.value ?? 0) === decision.points) return [];
    return [{ criterionId: criterion.id, before, after: { points: decision.points }, reason: decision.note ?? '' }];
  });
}
