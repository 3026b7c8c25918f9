import { directiveNumberKey } from '../domain/directive-number';
import type { Locale } from '../i18n/messages';
import { fileText } from './file-text';

/**
 * Checks between sections of the organisation file (unknown codes, duplicates, one block per unit,
 * one unit per officer, leads inside their block, period dates). They run on the raw YAML, apart
 * from the schema, so that they are reported together with every other problem even when some
 * fields are malformed: a bad file is rejected with all of its problems at once.
 */
export interface Problem {
  path: (string | number)[];
  message: string;
}

type Raw = Record<string, unknown>;
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const record = (value: unknown): Raw => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {});
/** A code as the schema reads it (numbers become text), or undefined when it is not one. */
const code = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' ? String(value).trim() : undefined;

export function crossReferenceProblems(raw: unknown, locale: Locale): Problem[] {
  const text = fileText[locale];
  const problems: Problem[] = [];
  const problem = (path: (string | number)[], message: string) => problems.push({ path, message });
  const file = record(raw);

  /** First index of each key; later duplicates are problems, named as written (`shown`) when the key is normalised. */
  const indexBy = (
    items: unknown[],
    key: (item: Raw) => string | undefined,
    label: string,
    at: (index: number) => (string | number)[],
    shown: (item: Raw) => string | undefined = key,
  ) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const value = key(record(item));
      if (value === undefined) return;
      const earlier = seen.get(value);
      if (earlier === undefined) seen.set(value, index);
      else problem(at(index), text.duplicate(label, shown(record(item)) ?? value, earlier));
    });
    return seen;
  };

  const units = list(file.units);
  const unitIndex = indexBy(
    units,
    (unit) => code(unit.code),
    'units',
    (index) => ['units', index, 'code'],
  );
  const officerUnit = new Map<string, string>();
  units.forEach((unit, unitPosition) => {
    const unitCode = code(record(unit).code);
    list(record(unit).officers).forEach((userId, officerPosition) => {
      if (typeof userId !== 'string' || unitCode === undefined) return;
      const other = officerUnit.get(userId);
      if (other !== undefined && other !== unitCode)
        problem(['units', unitPosition, 'officers', officerPosition], text.officerTwice(userId, other));
      else officerUnit.set(userId, unitCode);
    });
  });

  const blocks = list(file.blocks);
  const blockIndex = indexBy(
    blocks,
    (block) => code(block.code),
    'blocks',
    (index) => ['blocks', index, 'code'],
  );
  const unitBlock = new Map<string, string>();
  blocks.forEach((block, blockPosition) => {
    const blockCode = code(record(block).code) ?? '';
    list(record(block).units).forEach((member, memberPosition) => {
      const unitCode = code(member);
      if (unitCode === undefined) return;
      const path = ['blocks', blockPosition, 'units', memberPosition];
      if (!unitIndex.has(unitCode)) problem(path, text.unknownUnit(unitCode));
      else if (unitBlock.has(unitCode)) problem(path, text.unitTwice(unitCode, unitBlock.get(unitCode)!));
      else unitBlock.set(unitCode, blockCode);
    });
  });

  // Numbers are the same however they are written (34-CT/TW is 34/CT-TW): the store keeps them unique so.
  const number = (directive: Raw) => (typeof directive.number === 'string' ? directive.number.trim() : undefined);
  indexBy(
    list(file.directives),
    (directive) => {
      const written = number(directive);
      return written ? directiveNumberKey(written) : undefined;
    },
    'directives',
    (index) => ['directives', index, 'number'],
    number,
  );
  indexBy(
    list(file.years),
    (year) => code(year.year),
    'years',
    (index) => ['years', index, 'year'],
  );

  list(file.years).forEach((rawYear, yearPosition) => {
    const year = record(rawYear);
    const at = (...path: (string | number)[]) => ['years', yearPosition, ...path];
    for (const [blockCode, rawLead] of Object.entries(record(year.leads))) {
      if (!blockIndex.has(blockCode)) {
        problem(at('leads', blockCode), text.unknownBlock(blockCode));
        continue;
      }
      const lead = record(rawLead);
      for (const role of ['lead', 'deputy'] as const) {
        const unitCode = code(lead[role]);
        if (unitCode === undefined) continue;
        if (!unitIndex.has(unitCode)) problem(at('leads', blockCode, role), text.unknownUnit(unitCode));
        else if (unitBlock.get(unitCode) !== blockCode) problem(at('leads', blockCode, role), text.notInBlock(unitCode, blockCode));
      }
      if (code(lead.deputy) !== undefined && code(lead.deputy) === code(lead.lead))
        problem(at('leads', blockCode, 'deputy'), text.deputyIsLead);
    }

    const periods = list(year.periods);
    indexBy(
      periods,
      (period) => code(period.code),
      'periods',
      (index) => at('periods', index, 'code'),
    );
    periods.forEach((rawPeriod, periodPosition) => {
      const period = record(rawPeriod);
      const [start, end, due] = [period.start, period.end, period.due].map((value) =>
        typeof value === 'string' ? value.trim() : undefined,
      );
      if (start && end && end < start) problem(at('periods', periodPosition, 'end'), text.endBeforeStart);
      if (start && due && due.slice(0, 10) < start) problem(at('periods', periodPosition, 'due'), text.dueBeforeStart);
    });

    indexBy(
      list(year.criteria),
      (criterion) => code(criterion.code),
      'criteria',
      (index) => at('criteria', index, 'code'),
    );
    for (const [blockCode, override] of Object.entries(record(year.blocks))) {
      if (!blockIndex.has(blockCode)) problem(at('blocks', blockCode), text.unknownBlock(blockCode));
      indexBy(
        list(record(override).criteria),
        (criterion) => code(criterion.code),
        'criteria',
        (index) => at('blocks', blockCode, 'criteria', index, 'code'),
      );
    }
  });
  return problems;
}
