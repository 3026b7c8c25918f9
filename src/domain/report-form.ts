import { type NumberProblem, readNumber } from './numbers';
import type { CriterionKind } from './scoring';

/**
 * The rules of a periodic report, apart from how the form looks. One field per criterion, by kind:
 * - target / lower_better: the achieved or actual value, a number ≥ 0, required;
 * - yes_no: a choice, required (stored as 1 or 0);
 * - graded: the unit's self-score, 0 to the criterion's maximum, required;
 * - bonus / deduction: points claimed (or owed), 0 to the maximum; blank means none; more than 0
 *   needs a reason.
 * Plus an optional evidence link (minh chứng), which must be an http(s) address when given.
 */
export type ValueProblem = NumberProblem | { kind: 'negative' } | { kind: 'above_max'; max: number } | { kind: 'choice_required' };

export type ReportProblem<Id> = { field: 'value'; id: Id; problem: ValueProblem } | { field: 'reason'; id: Id } | { field: 'evidence' };

export interface ReportFieldInput<Id> {
  id: Id;
  kind: CriterionKind;
  maxPoints: number;
  /** What was typed (numbers), or the choice 'yes' / 'no' (yes_no). */
  typed: string | null | undefined;
  /** The reason typed beside bonus and deduction points. */
  reason?: string | null | undefined;
}

export interface ReportValueRead {
  value: number | null;
  reason: string | null;
}

export const YES = 'yes';
export const NO = 'no';

/** Whether a criterion's field takes a reason beside its points. */
export function needsReason(kind: CriterionKind): boolean {
  return kind === 'bonus' || kind === 'deduction';
}

function readField<Id>(field: ReportFieldInput<Id>): { ok: true; value: ReportValueRead } | { ok: false; problems: ReportProblem<Id>[] } {
  const value = (problem: ValueProblem) => ({ ok: false as const, problems: [{ field: 'value' as const, id: field.id, problem }] });
  if (field.kind === 'yes_no') {
    if (field.typed === YES) return { ok: true, value: { value: 1, reason: null } };
    if (field.typed === NO) return { ok: true, value: { value: 0, reason: null } };
    return value({ kind: 'choice_required' });
  }
  const optional = needsReason(field.kind);
  const reason = field.reason?.trim() || null;
  const reading = readNumber(field.typed);
  if (!reading.ok) {
    if (optional && reading.problem.kind === 'required')
      return reason ? value({ kind: 'required' }) : { ok: true, value: { value: null, reason: null } };
    return value(reading.problem);
  }
  return checkAmount(field, reading.value, reason);
}

/** The rules on a number once read: not negative, within the maximum where points are scored, a reason for points claimed. */
function checkAmount<Id>(
  field: Pick<ReportFieldInput<Id>, 'id' | 'kind' | 'maxPoints'>,
  amount: number,
  reason: string | null,
): { ok: true; value: ReportValueRead } | { ok: false; problems: ReportProblem<Id>[] } {
  const value = (problem: ValueProblem) => ({ ok: false as const, problems: [{ field: 'value' as const, id: field.id, problem }] });
  const optional = needsReason(field.kind);
  if (amount < 0) return value({ kind: 'negative' });
  if ((field.kind === 'graded' || optional) && amount > field.maxPoints) return value({ kind: 'above_max', max: field.maxPoints });
  if (optional && amount > 0 && !reason) return { ok: false, problems: [{ field: 'reason', id: field.id }] };
  return { ok: true, value: { value: amount, reason: optional ? reason : null } };
}

/**
 * Whether an entry carried from an earlier page of the form (already read) still obeys the rules:
 * the modal carries it, so it is not trusted.
 */
export function isValidReportEntry(kind: CriterionKind, maxPoints: number, entry: ReportValueRead): boolean {
  if (kind === 'yes_no') return (entry.value === 0 || entry.value === 1) && entry.reason === null;
  if (entry.value === null) return needsReason(kind) && entry.reason === null;
  if (!Number.isFinite(entry.value)) return false;
  const checked = checkAmount({ id: null, kind, maxPoints }, entry.value, entry.reason?.trim() || null);
  return checked.ok && checked.value.reason === entry.reason;
}

export function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** Every problem of one page of the form, in the page's order, and the values read. */
export function checkReportForm<Id>(input: { fields: readonly ReportFieldInput<Id>[]; evidence?: string | null }): {
  values: Map<Id, ReportValueRead>;
  evidenceUrl: string | null;
  problems: ReportProblem<Id>[];
} {
  const values = new Map<Id, ReportValueRead>();
  const problems: ReportProblem<Id>[] = [];
  for (const field of input.fields) {
    const read = readField(field);
    if (read.ok) values.set(field.id, read.value);
    else problems.push(...read.problems);
  }
  const evidence = input.evidence?.trim() || null;
  if (evidence && !isWebAddress(evidence)) problems.push({ field: 'evidence' });
  return { values, evidenceUrl: evidence, problems };
}
