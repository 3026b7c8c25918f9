import { foldedWords, foldVietnamese } from './fold';
import { type CriterionKind, type GroupCap, tableBase } from './scoring';

/** The parts of a criterion that the scoring table's shape depends on. */
export interface TableCriterion {
  code: string;
  name: string;
  groupName: string;
  kind: CriterionKind;
  maxPoints: number;
}

/** Groups in the order their first criterion appears (the organisation file's order). */
export function groupCriteria<T extends TableCriterion>(criteria: readonly T[]): { name: string; criteria: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const criterion of criteria) groups.set(criterion.groupName, [...(groups.get(criterion.groupName) ?? []), criterion]);
  return [...groups.entries()].map(([name, members]) => ({ name, criteria: members }));
}

export interface ScoringCaps {
  /** Sum of the maximum points of every criterion that is neither bonus nor deduction (điểm chuẩn). */
  baseTotal: number;
  /** Most points bonuses can add, and deductions take away (sums of their maxima). */
  bonusCap: number;
  deductionCap: number;
}

/** The table's caps; with group caps, a group gives at most its max to the base. */
export function scoringCaps(criteria: readonly TableCriterion[], groups: readonly GroupCap[] = []): ScoringCaps {
  const sum = (filter: (kind: CriterionKind) => boolean) =>
    criteria.filter((criterion) => filter(criterion.kind)).reduce((total, criterion) => total + criterion.maxPoints, 0);
  return {
    baseTotal: groups.length ? tableBase(criteria, groups) : sum((kind) => kind !== 'bonus' && kind !== 'deduction'),
    bonusCap: sum((kind) => kind === 'bonus'),
    deductionCap: sum((kind) => kind === 'deduction'),
  };
}

/**
 * The criteria a typed filter names, without accents: those whose code equals the filter if any
 * ("9" is criterion 9, not every name containing a 9); otherwise those whose name has, for every
 * word typed, a word starting with it ("cai cach" finds "Cải cách hành chính, chuyển đổi số").
 * An empty filter keeps everything.
 */
export function filterCriteria<T extends TableCriterion>(criteria: readonly T[], filter: string): T[] {
  const typed = foldedWords(filter);
  if (typed.length === 0) return [...criteria];
  const code = foldVietnamese(filter).replace(/[^a-z0-9]/g, '');
  const byCode = criteria.filter((criterion) => foldVietnamese(criterion.code).replace(/[^a-z0-9]/g, '') === code);
  if (byCode.length) return byCode;
  return criteria.filter((criterion) => {
    const words = foldedWords(criterion.name);
    return typed.every((word) => words.some((candidate) => candidate.startsWith(word)));
  });
}
