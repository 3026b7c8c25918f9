import { directiveNumberKey } from '../domain/directive-number';
import { DEFAULT_GRADE_BANDS } from '../domain/grades';
import type { Locale } from '../i18n/messages';
import { DEFAULT_TITLES } from './file-schema';
import { fileText } from './file-text';

/**
 * Checks between sections of the organisation file (unknown codes, duplicates, one block per unit,
 * one unit per officer, leads inside their block that year, period dates; version 2: each year's
 * members, the units named by applies_to and indicators, groups that name criteria, directives'
 * replacements and expiry; the year end: commendation titles among organization.titles, grades among
 * the year's bands, deduction criteria and items of the year's tables). Every message names the offending value. They run on the raw YAML, apart
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

  // Directives: a replacement other than itself, an expiry after the issue date.
  list(file.directives).forEach((rawDirective, position) => {
    const directive = record(rawDirective);
    const written = number(directive);
    const replacedBy = typeof directive.replaced_by === 'string' ? directive.replaced_by.trim() : undefined;
    if (written && replacedBy && directiveNumberKey(written) === directiveNumberKey(replacedBy))
      problem(['directives', position, 'replaced_by'], text.replacesItself(replacedBy));
    const [issued, expired] = [directive.issued, directive.expired].map((value) => (typeof value === 'string' ? value.trim() : undefined));
    if (issued && expired && expired < issued) problem(['directives', position, 'expired'], text.expiredBeforeIssued(expired, issued));
  });

  list(file.years).forEach((rawYear, yearPosition) => {
    const year = record(rawYear);
    const yearLabel = code(year.year) ?? String(yearPosition);
    const at = (...path: (string | number)[]) => ['years', yearPosition, ...path];
    const overrides = record(year.blocks);

    // This year's members: years[].blocks.<CODE>.units, else blocks[].units; one block per unit in a year.
    const membersThisYear = new Map<string, Set<string>>();
    const blockOfUnitThisYear = new Map<string, string>();
    blocks.forEach((block) => {
      const blockCode = code(record(block).code);
      if (blockCode === undefined) return;
      const listed = record(overrides[blockCode]).units;
      const fromYear = Array.isArray(listed);
      const members = new Set<string>();
      list(fromYear ? listed : record(block).units).forEach((member, memberPosition) => {
        const unitCode = code(member);
        if (unitCode === undefined || !unitIndex.has(unitCode)) {
          if (fromYear && unitCode !== undefined) problem(at('blocks', blockCode, 'units', memberPosition), text.unknownUnit(unitCode));
          return;
        }
        const other = blockOfUnitThisYear.get(unitCode);
        if (other !== undefined && other !== blockCode) {
          if (fromYear) problem(at('blocks', blockCode, 'units', memberPosition), text.unitTwiceInYear(unitCode, other));
          return;
        }
        blockOfUnitThisYear.set(unitCode, blockCode);
        members.add(unitCode);
      });
      membersThisYear.set(blockCode, members);
    });

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
        else if (!membersThisYear.get(blockCode)?.has(unitCode))
          problem(
            at('leads', blockCode, role),
            record(overrides[blockCode]).units === undefined
              ? text.notInBlock(unitCode, blockCode)
              : text.notMemberThatYear(unitCode, blockCode, yearLabel),
          );
      }
      if (code(lead.deputy) !== undefined && code(lead.deputy) === code(lead.lead))
        problem(at('leads', blockCode, 'deputy'), text.deputyIsLead(code(lead.deputy)!));
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
      if (start && end && end < start) problem(at('periods', periodPosition, 'end'), text.endBeforeStart(end, start));
      if (start && due && due.slice(0, 10) < start) problem(at('periods', periodPosition, 'due'), text.dueBeforeStart(due, start));
    });

    /** A table's criteria: codes unique, the units applies_to and indicators name (members of the block that year, for a block's own table). */
    const checkCriteria = (criteria: unknown[], tablePath: (string | number)[], blockCode?: string) => {
      indexBy(
        criteria,
        (criterion) => code(criterion.code),
        'criteria',
        (index) => [...tablePath, 'criteria', index, 'code'],
      );
      const members = blockCode === undefined ? undefined : membersThisYear.get(blockCode);
      const unitNamed = (value: unknown, path: (string | number)[]) => {
        const unitCode = code(value);
        if (unitCode === undefined) return;
        if (!unitIndex.has(unitCode)) problem(path, text.unknownUnit(unitCode));
        else if (members && !members.has(unitCode)) problem(path, text.notMemberThatYear(unitCode, blockCode!, yearLabel));
      };
      criteria.forEach((rawCriterion, index) => {
        const criterion = record(rawCriterion);
        list(criterion.applies_to).forEach((unitCode, position) => {
          unitNamed(unitCode, [...tablePath, 'criteria', index, 'applies_to', position]);
        });
        for (const unitCode of Object.keys(record(criterion.indicators)))
          unitNamed(unitCode, [...tablePath, 'criteria', index, 'indicators', unitCode]);
      });
    };
    /** Group caps name groups the table has (a misspelt group would cap nothing). */
    const checkGroups = (groups: unknown, criteria: unknown[], tablePath: (string | number)[]) => {
      // Bonus and deduction are never in a group's sum: their groups are not groups a cap can name.
      const names = [
        ...new Set(
          criteria.flatMap((criterion) => {
            const { group, kind } = record(criterion);
            return typeof group === 'string' && kind !== 'bonus' && kind !== 'deduction' ? [group.trim()] : [];
          }),
        ),
      ];
      list(groups).forEach((group, index) => {
        const name = typeof record(group).name === 'string' ? String(record(group).name).trim() : undefined;
        if (name !== undefined && !names.includes(name)) problem([...tablePath, 'groups', index, 'name'], text.unknownGroup(name, names));
      });
    };

    const sharedCriteria = list(year.criteria);
    checkCriteria(sharedCriteria, at());
    // The year's groups cap the shared table, and any block table that does not list its own groups.
    const blockTables = Object.entries(overrides).map(([blockCode, rawOverride]) => ({ blockCode, override: record(rawOverride) }));
    const sharedUsers = blocks.filter((block) => {
      const blockCode = code(record(block).code);
      return blockCode !== undefined && record(overrides[blockCode]).criteria === undefined;
    });
    const groupedCriteria = [
      ...(sharedUsers.length || blockTables.length === 0 ? sharedCriteria : []),
      ...blockTables
        .filter(({ override }) => override.criteria !== undefined && override.groups === undefined)
        .flatMap(({ override }) => list(override.criteria)),
    ];
    checkGroups(year.groups, groupedCriteria, at());
    for (const { blockCode, override } of blockTables) {
      if (!blockIndex.has(blockCode)) problem(at('blocks', blockCode), text.unknownBlock(blockCode));
      const criteria = override.criteria !== undefined ? list(override.criteria) : sharedCriteria;
      if (override.criteria !== undefined) checkCriteria(criteria, at('blocks', blockCode), blockCode);
      checkGroups(override.groups, criteria, at('blocks', blockCode));
    }

    // Commendations: titles a pledge can register, grades of the year's bands, deductions of its tables.
    const declaredTitles = list(record(file.organization).titles).flatMap((title) => (typeof title === 'string' ? [title.trim()] : []));
    const titles = declaredTitles.length ? declaredTitles : DEFAULT_TITLES;
    const gradeNames = Array.isArray(year.grades)
      ? list(year.grades).flatMap((grade) => (typeof record(grade).name === 'string' ? [String(record(grade).name).trim()] : []))
      : [...DEFAULT_GRADE_BANDS.bands.map((band) => band.name), DEFAULT_GRADE_BANDS.below];
    const deductionItems = new Map<string, Set<string>>();
    for (const table of [sharedCriteria, ...blockTables.map(({ override }) => list(override.criteria))])
      for (const rawCriterion of table) {
        const criterion = record(rawCriterion);
        const criterionCode = code(criterion.code);
        if (criterion.kind !== 'deduction' || criterionCode === undefined) continue;
        const items = deductionItems.get(criterionCode) ?? new Set<string>();
        for (const item of list(criterion.items)) if (typeof record(item).name === 'string') items.add(String(record(item).name).trim());
        deductionItems.set(criterionCode, items);
      }
    indexBy(
      list(record(year.commendations).titles),
      (title) => (typeof title.title === 'string' ? title.title.trim() : undefined),
      'titles',
      (index) => at('commendations', 'titles', index, 'title'),
    );
    list(record(year.commendations).titles).forEach((rawTitle, index) => {
      const title = record(rawTitle);
      const path = (...rest: (string | number)[]) => at('commendations', 'titles', index, ...rest);
      if (typeof title.title === 'string' && !titles.includes(title.title.trim()))
        problem(path('title'), text.unknownTitle(title.title.trim(), titles));
      if (typeof title.min_grade === 'string' && !gradeNames.includes(title.min_grade.trim()))
        problem(path('min_grade'), text.unknownGrade(title.min_grade.trim(), gradeNames));
      list(title.no_deduction).forEach((rawBar, barIndex) => {
        const bar = typeof rawBar === 'object' && rawBar !== null ? record(rawBar) : { code: rawBar };
        const criterionCode = code(bar.code);
        if (criterionCode === undefined) return;
        const items = deductionItems.get(criterionCode);
        if (!items) {
          problem(path('no_deduction', barIndex), text.notADeduction(criterionCode));
          return;
        }
        list(bar.items).forEach((item, itemIndex) => {
          if (typeof item === 'string' && !items.has(item.trim()))
            problem(path('no_deduction', barIndex, 'items', itemIndex), text.unknownItem(item.trim(), criterionCode, [...items]));
        });
      });
    });
  });
  return problems;
}
