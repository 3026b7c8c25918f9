import { readNumber } from './numbers';
import { countsThings } from './report-form';
import { appliesTo, type CriterionKind, type CriterionRule, indicatorsOf } from './scoring';

/**
 * The rules of a pledge form, apart from how it looks. A pledge sets one number per criterion that
 * needs one: the value to reach for a `target` criterion (must be above 0) or the ceiling not to
 * exceed for a `lower_better` one (0 allowed: "no violation at all"); a unit with its own indicators
 * (version 2) sets one per indicator instead, and a criterion the lead scores, the bot computes or
 * that does not apply to the unit asks for none. A value in "%" is a share: 0 to 100. Numbers are
 * read with parseLocaleNumber, so 1.234,5 and 1234.5 are both accepted.
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
  | { kind: 'negative' }
  | { kind: 'above_100' }
  | { kind: 'not_whole' };

export type TargetReading = { ok: true; value: number } | { ok: false; problem: TargetProblem };

/** A target the pledge asks: the criterion's own (indicator null) or one of the unit's indicators. */
export interface AskedTarget {
  /** The indicator's code; null for the criterion's own target. */
  indicator: string | null;
  /** The indicator's name (null for the criterion's own). */
  name: string | null;
  /** The unit the value is in ("%" makes it a share, 0 to 100). */
  measureUnit: string | null;
}

/** The targets a unit's pledge asks for a criterion: none, its own, or one per indicator of the unit's. */
export function askedTargets(
  criterion: { kind: CriterionKind; measureUnit: string | null; rule?: CriterionRule | null | undefined },
  unitCode?: string,
): AskedTarget[] {
  const rule = criterion.rule ?? undefined;
  if (!isPledgedKind(criterion.kind) || rule?.scoredBy !== undefined || !appliesTo({ rule }, unitCode)) return [];
  const indicators = indicatorsOf({ kind: criterion.kind, rule }, unitCode);
  if (indicators.length)
    return indicators.map((indicator) => ({ indicator: indicator.code, name: indicator.name, measureUnit: indicator.unit ?? null }));
  return [{ indicator: null, name: null, measureUnit: criterion.measureUnit }];
}

/** One typed value for a criterion of `kind` (in `measureUnit`); blank (null, '', spaces) is `required`. */
export function readTargetValue(kind: PledgedKind, typed: string | null | undefined, measureUnit: string | null = null): TargetReading {
  const parsed = readNumber(typed);
  return parsed.ok ? checkTarget(kind, parsed.value, measureUnit) : parsed;
}

function checkTarget(kind: PledgedKind, value: number, measureUnit: string | null): TargetReading {
  if (kind === 'target' && value <= 0) return { ok: false, problem: { kind: 'not_positive' } };
  if (kind === 'lower_better' && value < 0) return { ok: false, problem: { kind: 'negative' } };
  if (measureUnit === '%' && value > 100) return { ok: false, problem: { kind: 'above_100' } };
  if (countsThings(measureUnit) && !Number.isInteger(value)) return { ok: false, problem: { kind: 'not_whole' } };
  return { ok: true, value };
}

/** Whether a target carried from an earlier page (already read) still obeys the rules: the modal is not trusted. */
export function isValidTarget(kind: PledgedKind, value: number, measureUnit: string | null = null): boolean {
  return Number.isFinite(value) && checkTarget(kind, value, measureUnit).ok;
}

export interface PledgeFieldInput<Id> {
  id: Id;
  kind: PledgedKind;
  typed: string | null | undefined;
  /** The unit the value is in ("%": 0 to 100). */
  measureUnit?: string | null;
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
    const reading = readTargetValue(field.kind, field.typed, field.measureUnit ?? null);
    if (reading.ok) values.set(field.id, reading.value);
    else problems.push({ field: 'target', id: field.id, problem: reading.problem });
  }
  if (input.final) {
    if (input.titles.length === 0) problems.push({ field: 'titles' });
    if (!input.signed) problems.push({ field: 'signature' });
  }
  return { values, problems };
}
