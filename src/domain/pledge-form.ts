import { readNumber } from './numbers';
import type { CriterionKind } from './scoring';

/**
 * The rules of a pledge form, apart from how it looks. A pledge sets one number per criterion that
 * needs one: the value to reach for a `target` criterion (must be above 0) or the ceiling not to
 * exceed for a `lower_better` one (0 allowed: "no violation at all"). Numbers are read with
 * parseLocaleNumber, so 1.234,5 and 1234.5 are both accepted.
 */
export const PLEDGED_KINDS = ['target', 'lower_better'] as const;
export type PledgedKind = (typeof PLEDGED_KINDS)[number];

export function isPledgedKind(kind: CriterionKind): kind is PledgedKind {
  return (PLEDGED_KINDS as readonly string[]).includes(kind);
}

export type TargetProblem =
  | { kind: 'required' }
  | { kind: 'not_a_number'; typed: string }
  | { kind: 'not_positive' }
  | { kind: 'negative' };

export type TargetReading = { ok: true; value: number } | { ok: false; problem: TargetProblem };

/** One typed value for a criterion of `kind`; blank (null, '', spaces) is `required`. */
export function readTargetValue(kind: PledgedKind, typed: string | null | undefined): TargetReading {
  const parsed = readNumber(typed);
  return parsed.ok ? checkTarget(kind, parsed.value) : parsed;
}

function checkTarget(kind: PledgedKind, value: number): TargetReading {
  if (kind === 'target' && value <= 0) return { ok: false, problem: { kind: 'not_positive' } };
  if (kind === 'lower_better' && value < 0) return { ok: false, problem: { kind: 'negative' } };
  return { ok: true, value };
}

/** Whether a target carried from an earlier page (already read) still obeys the rules: the modal is not trusted. */
export function isValidTarget(kind: PledgedKind, value: number): boolean {
  return Number.isFinite(value) && checkTarget(kind, value).ok;
}

export interface PledgeFieldInput<Id> {
  id: Id;
  kind: PledgedKind;
  typed: string | null | undefined;
}

export type FormProblem<Id> = { field: 'target'; id: Id; problem: TargetProblem } | { field: 'titles' } | { field: 'signature' };

export interface PledgeFormInput<Id> {
  targets: readonly PledgeFieldInput<Id>[];
  /** The rest of the form (titles, signature) is on this page; false on the earlier pages of a long form. */
  final: boolean;
  titles: readonly string[];
  signed: boolean;
}

/**
 * Every problem of one page of the form, in the page's order (targets, titles, signature), and
 * the values read. Titles sought: at least one. Signature: the box must be ticked.
 */
export function checkPledgeForm<Id>(input: PledgeFormInput<Id>): { values: Map<Id, number>; problems: FormProblem<Id>[] } {
  const values = new Map<Id, number>();
  const problems: FormProblem<Id>[] = [];
  for (const field of input.targets) {
    const reading = readTargetValue(field.kind, field.typed);
    if (reading.ok) values.set(field.id, reading.value);
    else problems.push({ field: 'target', id: field.id, problem: reading.problem });
  }
  if (input.final) {
    if (input.titles.length === 0) problems.push({ field: 'titles' });
    if (!input.signed) problems.push({ field: 'signature' });
  }
  return { values, problems };
}
