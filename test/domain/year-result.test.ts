import { describe, expect, it } from 'vitest';
import { DEFAULT_GRADE_BANDS } from '../../src/domain/grades';
import { computeStandings } from '../../src/domain/ranking';
import type { ScoringCriterion, UnitScoringInput } from '../../src/domain/scoring';
import { computeYearStandings, isProvisional, wholeYearPeriod, type YearPeriod, yearBasis } from '../../src/domain/year-result';

const at = (date: string) => new Date(`${date}T10:00:00Z`);
const period = (id: number, startsOn: string, endsOn: string, due: string): YearPeriod => ({ id, startsOn, endsOn, due: at(due) });

const Q1 = period(1, '2021-01-01', '2021-03-31', '2021-04-10');
const H1 = period(2, '2021-01-01', '2021-06-30', '2021-07-10');
const M9 = period(3, '2021-01-01', '2021-09-30', '2021-10-10');
const YEAR = period(4, '2021-01-01', '2021-11-30', '2021-12-10');
const Q2 = period(5, '2021-04-01', '2021-06-30', '2021-07-10');
const Q3 = period(6, '2021-07-01', '2021-09-30', '2021-10-10');
const Q4 = period(7, '2021-10-01', '2021-12-31', '2022-01-10');

describe('the period that covers the year', () => {
  it.each([
    { name: 'cumulative periods: the one from the first start to the last end', periods: [Q1, H1, M9, YEAR], whole: YEAR },
    { name: 'quarters: none runs the whole year', periods: [Q1, Q2, Q3, Q4], whole: undefined },
    { name: 'a single period is the year', periods: [Q2], whole: Q2 },
    { name: 'none without periods', periods: [], whole: undefined },
  ])('$name', ({ periods, whole }) => {
    expect(wholeYearPeriod(periods)).toBe(whole);
  });
});

describe('the basis of the year result', () => {
  const cases = [
    {
      name: 'not set, cumulative periods: the whole-year period',
      rule: null,
      periods: [Q1, H1, M9, YEAR],
      now: '2021-12-15',
      expected: { rule: 'final_period', period: YEAR, defaulted: true, due: true },
    },
    {
      name: 'not set, quarters: the average of the quarters due',
      rule: null,
      periods: [Q1, Q2, Q3, Q4],
      now: '2021-12-15',
      expected: { rule: 'average', counted: [Q1, Q2, Q3], pending: [Q4], defaulted: true },
    },
    {
      name: 'average asked for with cumulative periods: the periods due',
      rule: 'average' as const,
      periods: [Q1, H1, M9, YEAR],
      now: '2021-12-15',
      expected: { rule: 'average', counted: [Q1, H1, M9, YEAR], pending: [], defaulted: false },
    },
    {
      name: 'final period asked for with quarters: the one that ends last',
      rule: 'final_period' as const,
      periods: [Q1, Q2, Q3, Q4],
      now: '2021-12-15',
      expected: { rule: 'final_period', period: Q4, defaulted: false, due: false },
    },
  ];
  it.each(cases)('$name', ({ rule, periods, now, expected }) => {
    expect(yearBasis(rule, periods, at(now))).toEqual(expected);
  });

  it('is provisional while the final period or a period of the average is not due', () => {
    expect(isProvisional(yearBasis(null, [Q1, H1, M9, YEAR], at('2021-11-01'))!)).toBe(true);
    expect(isProvisional(yearBasis(null, [Q1, H1, M9, YEAR], at('2021-12-11'))!)).toBe(false);
    expect(isProvisional(yearBasis('average', [Q1, Q2, Q3, Q4], at('2021-12-11'))!)).toBe(true);
    expect(yearBasis(null, [], at('2021-12-11'))).toBeUndefined();
  });
});

// One criterion graded 0..100 and a deduction: a unit's period total is its score minus its deduction.
const CRITERIA: ScoringCriterion[] = [
  { id: 1, code: '1', name: 'Nhiệm vụ', groupName: 'I', kind: 'graded', maxPoints: 100 },
  { id: 2, code: 'K', name: 'Điểm trừ', groupName: 'Điểm trừ', kind: 'deduction', maxPoints: 5 },
];
const input = (unitId: number, score: number | undefined, deduction = 0): UnitScoringInput => ({
  unitId,
  targets: new Map(),
  ...(score === undefined
    ? {}
    : {
        report: {
          values: new Map([
            [1, { value: score }],
            [2, { value: deduction }],
          ]),
          late: false,
          review: { points: new Map([[1, score]]), reviewerUserId: 'U0LEAD' },
        },
      }),
});
const UNITS = [11, 12, 13, 14];
/** Period totals by unit (undefined: not reported). */
function standingsOf(totals: Record<number, number | undefined>) {
  return computeStandings(
    CRITERIA,
    UNITS.map((unitId) => input(unitId, totals[unitId])),
    DEFAULT_GRADE_BANDS,
  );
}

describe('the year standings', () => {
  const periods = [
    { period: Q1, standings: standingsOf({ 11: 90, 12: 96, 13: 80, 14: undefined }) },
    { period: Q2, standings: standingsOf({ 11: 100, 12: 94, 13: 80, 14: 70 }) },
    { period: Q3, standings: standingsOf({ 11: 92, 12: 92, 13: 0, 14: 70 }) },
  ];

  it('average: the mean of the period totals, a period not reported counting 0; ranks and ties as the standings', () => {
    // By hand: 11 → (90+100+92)/3 = 94; 12 → (96+94+92)/3 = 94 (tie with 11); 13 → 160/3 = 53,33; 14 → 140/3 = 46,67.
    const basis = yearBasis('average', [Q1, Q2, Q3], at('2021-12-15'))!;
    const year = computeYearStandings(basis, periods, UNITS, DEFAULT_GRADE_BANDS);
    expect(year.rows.map((row) => [row.unitId, row.rank, row.tie, Number(row.total.toFixed(4)), row.grade])).toEqual([
      [11, 1, true, 94, 'Hoàn thành tốt'],
      [12, 1, true, 94, 'Hoàn thành tốt'],
      [13, 3, false, 53.3333, 'Không hoàn thành'],
      [14, 4, false, 46.6667, 'Không hoàn thành'],
    ]);
    expect(year.hasTies).toBe(true);
    expect(year.rows.find((row) => row.unitId === 14)!.missing).toEqual([Q1.id]);
    expect(year.rows[0]!.periods.map((entry) => [entry.periodId, entry.total, entry.rank])).toEqual([
      [1, 90, 2],
      [5, 100, 1],
      [6, 92, 1],
    ]);
  });

  it('final period: the final period as it stands', () => {
    const basis = yearBasis('final_period', [Q1, Q2, Q3], at('2021-12-15'))!;
    const year = computeYearStandings(basis, periods, UNITS, DEFAULT_GRADE_BANDS);
    expect(year.rows.map((row) => [row.unitId, row.rank, row.tie, row.total])).toEqual([
      [11, 1, true, 92],
      [12, 1, true, 92],
      [14, 3, false, 70],
      [13, 4, false, 0],
    ]);
  });

  it('average grade: the grade of the mean total, not of any one period; a unit that reported nothing counted has none', () => {
    // 11 has 100, 100, 96 → mean 98.67 ≥ 95: Hoàn thành xuất sắc. 12 has 100, 100, 0 → mean 66.67: Không hoàn thành.
    const top = [
      { period: Q1, standings: standingsOf({ 11: 100, 12: 100 }) },
      { period: Q2, standings: standingsOf({ 11: 100, 12: 100 }) },
      { period: Q3, standings: standingsOf({ 11: 96, 12: 0 }) },
    ];
    const basis = yearBasis('average', [Q1, Q2, Q3], at('2021-12-15'))!;
    const year = computeYearStandings(basis, top, UNITS, DEFAULT_GRADE_BANDS);
    const grade = (unitId: number) => year.rows.find((row) => row.unitId === unitId)!.grade;
    expect([grade(11), grade(12), grade(13)]).toEqual(['Hoàn thành xuất sắc', 'Không hoàn thành', null]);
    expect(year.rows.find((row) => row.unitId === 13)).toMatchObject({ reported: false, rank: 3, tie: false });
  });
});
