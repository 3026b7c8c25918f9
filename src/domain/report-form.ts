import { type EvidenceFile, type EvidenceFilesProblem, readEvidenceFiles, readEvidenceLink } from './evidence';
import { foldedWords } from './fold';
import { keptAnswer } from './kept';
import { type NumberProblem, readNumber } from './numbers';
import {
  appliesTo,
  type CriterionKind,
  type CriterionRule,
  type EntryDetail,
  type Indicator,
  type Item,
  indicatorsOf,
  type Level,
} from './scoring';

/**
 * The rules of a periodic report, apart from how the form looks. What the unit is asked for a
 * criterion (reportAsk), and how each answer is read:
 * - target / lower_better: the achieved or actual value, a number ≥ 0, required; a unit with its own
 *   indicators gives each indicator's result instead, each a number ≥ 0, required;
 * - yes_no: a choice, required (stored as 1 or 0);
 * - graded: the unit's self-score, 0 to the criterion's maximum, required;
 * - levels: one of the criterion's levels, required (stored by name);
 * - count: how many cases, a whole number ≥ 0, required;
 * - bonus / deduction: points claimed (or owed), 0 to the maximum; with `each`, how many cases (a whole
 *   number); with `items`, the items ticked. Blank means none; anything claimed needs a reason.
 * - criteria the block lead scores, the bot computes, or that do not apply to the unit: not asked.
 * Plus an optional evidence link (minh chứng): an http(s) address, completed with https:// when typed without one;
 * and evidence files: those of the earlier version kept, and those uploaded (src/domain/evidence.ts).
 */
export type ValueProblem =
  | NumberProblem
  | { kind: 'negative' }
  | { kind: 'above_max'; max: number }
  | { kind: 'choice_required' }
  | { kind: 'not_whole' }
  | { kind: 'unknown_choice' };

export type ReportProblem<Id> =
  | { field: 'value'; id: Id; problem: ValueProblem }
  | { field: 'indicator'; id: Id; code: string; problem: ValueProblem }
  | { field: 'reason'; id: Id }
  | { field: 'evidence' }
  | { field: 'files'; problem: EvidenceFilesProblem };

/** What a report asks of a unit for one criterion. */
export type ReportAsk =
  | { kind: 'figure' }
  | { kind: 'indicators'; indicators: readonly Indicator[] }
  | { kind: 'yes_no' }
  | { kind: 'score' }
  | { kind: 'level'; levels: readonly Level[] }
  | { kind: 'count' }
  | { kind: 'claim'; as: 'points' | 'count' | 'items'; items: readonly Item[] }
  /** Not asked: the block lead scores it, the bot computes it, or it does not apply to the unit. */
  | { kind: 'none'; why: 'lead' | 'auto' | 'not_applicable' };

/** What the unit is asked for `criterion` (its code decides applies_to and indicators). */
export function reportAsk(criterion: { kind: CriterionKind; rule?: CriterionRule | null | undefined }, unitCode?: string): ReportAsk {
  const rule = criterion.rule ?? undefined;
  if (rule?.scoredBy === 'lead') return { kind: 'none', why: 'lead' };
  if (rule?.scoredBy === 'auto') return { kind: 'none', why: 'auto' };
  if (!appliesTo({ rule }, unitCode)) return { kind: 'none', why: 'not_applicable' };
  switch (criterion.kind) {
    case 'target':
    case 'lower_better': {
      const indicators = indicatorsOf({ kind: criterion.kind, rule }, unitCode);
      return indicators.length ? { kind: 'indicators', indicators } : { kind: 'figure' };
    }
    case 'yes_no':
      return { kind: 'yes_no' };
    case 'graded':
      return { kind: 'score' };
    case 'levels':
      return { kind: 'level', levels: rule?.levels ?? [] };
    case 'count':
      return { kind: 'count' };
    case 'bonus':
    case 'deduction':
      return rule?.items
        ? { kind: 'claim', as: 'items', items: rule.items }
        : { kind: 'claim', as: rule?.each !== undefined ? 'count' : 'points', items: [] };
  }
}

export interface ReportFieldInput<Id> {
  id: Id;
  kind: CriterionKind;
  maxPoints: number;
  /** What was typed (numbers), or the choice 'yes' / 'no' (yes_no), or a level's name (levels). */
  typed: string | null | undefined;
  /** The reason typed beside bonus and deduction points. */
  reason?: string | null | undefined;
  /** What is asked (reportAsk); absent: what the kind asks in version 1. */
  ask?: ReportAsk;
  /** The items ticked (a bonus or deduction with items). */
  ticked?: readonly string[] | null | undefined;
  /** Each indicator's result as typed, by indicator code (a unit with its own indicators). */
  indicators?: Readonly<Record<string, string | null | undefined>>;
  /** The unit a figure is measured in: one that counts things (“vụ việc”) takes a whole number. */
  measureUnit?: string | null | undefined;
}

/** Units that count things, folded: a figure in one of them is a whole number (“95,5 vụ việc” is a typing slip). */
const COUNTING_UNITS = new Set(
  [
    ...['vụ', 'vụ việc', 'việc', 'trường hợp', 'hồ sơ', 'đơn', 'đơn thư', 'người', 'lượt', 'lần', 'cuộc', 'văn bản'],
    ...['sáng kiến', 'mô hình', 'đơn vị', 'cơ sở', 'doanh nghiệp', 'hộ', 'cán bộ', 'bài', 'lớp', 'buổi', 'hội nghị'],
    ...['công trình', 'dự án', 'case', 'cases', 'person', 'people', 'item', 'items', 'time', 'times'],
  ].map((unit) => foldedWords(unit).join(' ')),
);

/** countsThings' answers by the unit as written: a table has a few, and every field of every submission asks. */
const countingByUnit = new Map<string, boolean>();

/** Whether a figure measured in `measureUnit` counts things, and so is a whole number. */
export function countsThings(measureUnit: string | null | undefined): boolean {
  return !!measureUnit && keptAnswer(countingByUnit, measureUnit, 1024, () => COUNTING_UNITS.has(foldedWords(measureUnit).join(' ')));
}

export interface ReportValueRead {
  value: number | null;
  reason: string | null;
  /** A level, the items ticked, or each indicator's result. */
  detail?: EntryDetail;
}

export const YES = 'yes';
export const NO = 'no';

/** Whether a criterion's field takes a reason beside its points. */
export function needsReason(kind: CriterionKind): boolean {
  return kind === 'bonus' || kind === 'deduction';
}

type FieldReading<Id> = { ok: true; value: ReportValueRead } | { ok: false; problems: ReportProblem<Id>[] };

/** A field's value refused for `problem` (a function of its own: every field of every submission is read). */
function refusedValue<Id>(id: Id, problem: ValueProblem): { ok: false; problems: ReportProblem<Id>[] } {
  return { ok: false, problems: [{ field: 'value', id, problem }] };
}

/** A version-2 answer: a level, a count, items, each indicator's result (or nothing asked). */
function readAsked<Id>(field: ReportFieldInput<Id>, ask: ReportAsk): FieldReading<Id> | undefined {
  const reason = field.reason?.trim() || null;
  switch (ask.kind) {
    case 'none':
      return { ok: true, value: { value: null, reason: null } };
    case 'level': {
      const chosen = field.typed?.trim();
      if (!chosen) return refusedValue(field.id, { kind: 'choice_required' });
      return ask.levels.some((level) => level.name === chosen)
        ? { ok: true, value: { value: null, reason: null, detail: { level: chosen } } }
        : refusedValue(field.id, { kind: 'unknown_choice' });
    }
    case 'count': {
      const reading = readNumber(field.typed);
      if (!reading.ok) return refusedValue(field.id, reading.problem);
      return wholeCount(reading.value) ?? { ok: true, value: { value: reading.value, reason: null } };
    }
    case 'indicators': {
      const problems: ReportProblem<Id>[] = [];
      const results: Record<string, number> = {};
      for (const indicator of ask.indicators) {
        const reading = readNumber(field.indicators?.[indicator.code]);
        if (!reading.ok) problems.push({ field: 'indicator', id: field.id, code: indicator.code, problem: reading.problem });
        else if (reading.value < 0)
          problems.push({ field: 'indicator', id: field.id, code: indicator.code, problem: { kind: 'negative' } });
        else if (countsThings(indicator.unit) && !Number.isInteger(reading.value))
          problems.push({ field: 'indicator', id: field.id, code: indicator.code, problem: { kind: 'not_whole' } });
        else results[indicator.code] = reading.value;
      }
      return problems.length
        ? { ok: false, problems }
        : { ok: true, value: { value: null, reason: null, detail: { indicators: results } } };
    }
    case 'claim':
      if (ask.as === 'items') {
        const known = new Set(ask.items.map((item) => item.name));
        const ticked = [...new Set(field.ticked ?? [])];
        if (ticked.some((name) => !known.has(name))) return refusedValue(field.id, { kind: 'unknown_choice' });
        if (ticked.length === 0)
          return reason ? refusedValue(field.id, { kind: 'choice_required' }) : { ok: true, value: { value: null, reason: null } };
        if (!reason) return { ok: false, problems: [{ field: 'reason', id: field.id }] };
        return { ok: true, value: { value: null, reason, detail: { items: ticked } } };
      }
      if (ask.as === 'count') {
        const reading = readNumber(field.typed);
        if (!reading.ok)
          return reading.problem.kind === 'required' && !reason
            ? { ok: true, value: { value: null, reason: null } }
            : refusedValue(field.id, reading.problem);
        const problem = wholeCount(reading.value);
        if (problem) return problem;
        if (reading.value > 0 && !reason) return { ok: false, problems: [{ field: 'reason', id: field.id }] };
        return { ok: true, value: { value: reading.value, reason: reading.value > 0 ? reason : null } };
      }
      return undefined;
    default:
      return undefined;
  }

  function wholeCount(count: number): FieldReading<Id> | undefined {
    if (count < 0) return refusedValue(field.id, { kind: 'negative' });
    if (!Number.isInteger(count)) return refusedValue(field.id, { kind: 'not_whole' });
    return undefined;
  }
}

function readField<Id>(field: ReportFieldInput<Id>): FieldReading<Id> {
  const asked = field.ask ? readAsked(field, field.ask) : undefined;
  if (asked) return asked;
  if (field.kind === 'yes_no') {
    if (field.typed === YES) return { ok: true, value: { value: 1, reason: null } };
    if (field.typed === NO) return { ok: true, value: { value: 0, reason: null } };
    return refusedValue(field.id, { kind: 'choice_required' });
  }
  const optional = needsReason(field.kind);
  const reason = field.reason?.trim() || null;
  const reading = readNumber(field.typed);
  if (!reading.ok) {
    if (optional && reading.problem.kind === 'required')
      return reason ? refusedValue(field.id, { kind: 'required' }) : { ok: true, value: { value: null, reason: null } };
    return refusedValue(field.id, reading.problem);
  }
  if ((field.kind === 'target' || field.kind === 'lower_better') && countsThings(field.measureUnit) && !Number.isInteger(reading.value))
    return refusedValue(field.id, { kind: 'not_whole' });
  return checkAmount(field, reading.value, reason);
}

/** The rules on a number once read: not negative, within the maximum where points are scored, a reason for points claimed. */
function checkAmount<Id>(
  field: Pick<ReportFieldInput<Id>, 'id' | 'kind' | 'maxPoints'>,
  amount: number,
  reason: string | null,
): { ok: true; value: ReportValueRead } | { ok: false; problems: ReportProblem<Id>[] } {
  const optional = needsReason(field.kind);
  if (amount < 0) return refusedValue(field.id, { kind: 'negative' });
  if ((field.kind === 'graded' || optional) && amount > field.maxPoints)
    return refusedValue(field.id, { kind: 'above_max', max: field.maxPoints });
  if (optional && amount > 0 && !reason) return { ok: false, problems: [{ field: 'reason', id: field.id }] };
  return { ok: true, value: { value: amount, reason: optional ? reason : null } };
}

/**
 * Whether an entry carried from an earlier page of the form (already read) still obeys the rules:
 * the modal carries it, so it is not trusted. `ask` as reportAsk says (absent: what the kind asks in version 1).
 */
export function isValidReportEntry(kind: CriterionKind, maxPoints: number, entry: ReportValueRead, ask?: ReportAsk): boolean {
  if (ask && ask.kind !== 'figure' && ask.kind !== 'yes_no' && ask.kind !== 'score' && !(ask.kind === 'claim' && ask.as === 'points'))
    return isValidAskedEntry(ask, entry);
  if (entry.detail !== undefined) return false;
  if (kind === 'yes_no') return (entry.value === 0 || entry.value === 1) && entry.reason === null;
  if (entry.value === null) return needsReason(kind) && entry.reason === null;
  if (!Number.isFinite(entry.value)) return false;
  const checked = checkAmount({ id: null, kind, maxPoints }, entry.value, entry.reason?.trim() || null);
  return checked.ok && checked.value.reason === entry.reason;
}

/** A version-2 entry read again: what reading it anew would give back. */
function isValidAskedEntry(ask: ReportAsk, entry: ReportValueRead): boolean {
  const detail = entry.detail;
  const typed = entry.value === null ? null : String(entry.value);
  const again = readAsked(
    {
      id: null,
      kind: 'count',
      maxPoints: 0,
      typed: ask.kind === 'level' ? (detail?.level ?? null) : typed,
      reason: entry.reason,
      ticked: detail?.items ?? null,
      indicators: Object.fromEntries(
        Object.entries(detail?.indicators ?? {}).map(([code, result]) => [code, result === null ? null : String(result)]),
      ),
    },
    ask,
  );
  return again?.ok === true && sameEntry(again.value, entry);
}

/** Two entries alike: the same number, reason, level, items and indicator results (whatever the keys' order). */
function sameEntry(left: ReportValueRead, right: ReportValueRead): boolean {
  const canonical = (entry: ReportValueRead) =>
    JSON.stringify([
      entry.value,
      entry.reason,
      entry.detail?.level ?? null,
      entry.detail?.items ?? null,
      Object.entries(entry.detail?.indicators ?? {}).sort(([a], [b]) => a.localeCompare(b)),
    ]);
  return canonical(left) === canonical(right);
}

/** Every problem of one page of the form, in the page's order, and the values read. */
export function checkReportForm<Id>(input: {
  fields: readonly ReportFieldInput<Id>[];
  evidence?: string | null;
  files?: { kept: readonly EvidenceFile[]; uploaded: readonly EvidenceFile[] | 'unreadable' };
}): {
  values: Map<Id, ReportValueRead>;
  evidenceUrl: string | null;
  evidenceFiles: EvidenceFile[];
  problems: ReportProblem<Id>[];
} {
  const values = new Map<Id, ReportValueRead>();
  const problems: ReportProblem<Id>[] = [];
  for (const field of input.fields) {
    const read = readField(field);
    if (read.ok) values.set(field.id, read.value);
    else problems.push(...read.problems);
  }
  const evidence = readEvidenceLink(input.evidence);
  if (!evidence.ok) problems.push({ field: 'evidence' });
  const files = input.files ? readEvidenceFiles(input.files.kept, input.files.uploaded) : { ok: true as const, files: [] };
  if (!files.ok) problems.push({ field: 'files', problem: files.problem });
  return { values, evidenceUrl: evidence.ok ? evidence.url : null, evidenceFiles: files.ok ? files.files : [], problems };
}
