import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GRADE_BANDS, defaultGradeBands, gradeOf, scoredMaximum } from '../../src/domain/grades';
import { computeStandings, rankUnits, totalDecimals } from '../../src/domain/ranking';
import {
  type CriterionKind,
  type ScoreNote,
  type ScoringCriterion,
  scoreCriterion,
  scoreUnit,
  type UnitScoringInput,
  VERSION_1_KINDS,
} from '../../src/domain/scoring';

type Version1Kind = (typeof VERSION_1_KINDS)[number];

import { formatPoints } from '../../src/i18n/format';
import { EXAMPLE_CRITERIA, reportOf as report } from '../support/scoring';
import { version1BlockArbitrary, version1Inputs } from '../support/scoring-arbitraries';

const ID = 7;

function criterion(kind: CriterionKind, maxPoints: number, id = ID): ScoringCriterion {
  return { id, code: String(id), name: `Tiêu chí ${id}`, groupName: 'Nhóm', kind, maxPoints };
}

type Case = {
  name: string;
  max: number;
  value: number | null | undefined;
  target?: number;
  reviewed?: number;
  /** A review exists but scores another criterion only. */
  reviewOfOthers?: boolean;
  points: number;
  source: 'computed' | 'self' | 'reviewed' | 'none';
  notes: ScoreNote[];
};

const CASES: Record<Version1Kind, Case[]> = {
  target: [
    { name: '95 of 100 → 95 % of the max', max: 40, value: 95, target: 100, points: 38, source: 'computed', notes: [] },
    { name: 'exactly the target → max', max: 40, value: 100, target: 100, points: 40, source: 'computed', notes: [] },
    { name: 'over the target → capped at max', max: 40, value: 130, target: 100, points: 40, source: 'computed', notes: ['capped'] },
    { name: 'nothing achieved → 0', max: 40, value: 0, target: 100, points: 0, source: 'computed', notes: [] },
    { name: 'value left empty → 0', max: 40, value: null, target: 100, points: 0, source: 'none', notes: ['missing_value'] },
    { name: 'value absent → 0', max: 40, value: undefined, target: 100, points: 0, source: 'none', notes: ['missing_value'] },
    { name: 'no pledged target → 0', max: 40, value: 95, points: 0, source: 'none', notes: ['missing_target'] },
    { name: 'neither value nor target', max: 40, value: null, points: 0, source: 'none', notes: ['missing_value', 'missing_target'] },
    { name: 'zero target, something achieved → max', max: 40, value: 3, target: 0, points: 40, source: 'computed', notes: ['zero_target'] },
    { name: 'zero target, nothing achieved → max', max: 40, value: 0, target: 0, points: 40, source: 'computed', notes: ['zero_target'] },
    {
      name: 'negative target → treated as zero',
      max: 40,
      value: 3,
      target: -5,
      points: 40,
      source: 'computed',
      notes: ['clamped', 'zero_target'],
    },
    { name: 'negative achievement → 0', max: 40, value: -10, target: 100, points: 0, source: 'computed', notes: ['clamped'] },
    { name: 'NaN value → missing', max: 40, value: Number.NaN, target: 100, points: 0, source: 'none', notes: ['missing_value'] },
    {
      name: 'infinite value → missing',
      max: 40,
      value: Number.POSITIVE_INFINITY,
      target: 100,
      points: 0,
      source: 'none',
      notes: ['missing_value'],
    },
    { name: 'NaN target → missing', max: 40, value: 50, target: Number.NaN, points: 0, source: 'none', notes: ['missing_target'] },
    { name: 'max that is not a number counts as 0', max: Number.NaN, value: 50, target: 100, points: 0, source: 'computed', notes: [] },
    { name: 'negative max counts as 0', max: -5, value: 50, target: 100, points: 0, source: 'computed', notes: [] },
  ],
  lower_better: [
    { name: 'under the ceiling → max', max: 5, value: 2, target: 3, points: 5, source: 'computed', notes: [] },
    { name: 'at the ceiling → max', max: 5, value: 3, target: 3, points: 5, source: 'computed', notes: [] },
    { name: 'twice the ceiling → half', max: 5, value: 6, target: 3, points: 2.5, source: 'computed', notes: [] },
    { name: 'actual 0 with ceiling 0 → max', max: 5, value: 0, target: 0, points: 5, source: 'computed', notes: [] },
    { name: 'anything over a ceiling of 0 → 0', max: 5, value: 4, target: 0, points: 0, source: 'computed', notes: [] },
    { name: 'no ceiling pledged → 0', max: 5, value: 1, points: 0, source: 'none', notes: ['missing_target'] },
    {
      name: 'no ceiling pledged, actual 0 → max (0 is under any ceiling)',
      max: 5,
      value: 0,
      points: 5,
      source: 'computed',
      notes: ['zero_actual'],
    },
    { name: 'value left empty → 0', max: 5, value: null, target: 3, points: 0, source: 'none', notes: ['missing_value'] },
    { name: 'negative actual → 0 → max', max: 5, value: -2, target: 3, points: 5, source: 'computed', notes: ['clamped'] },
  ],
  yes_no: [
    { name: 'yes → max', max: 5, value: 1, points: 5, source: 'computed', notes: [] },
    { name: 'no → 0', max: 5, value: 0, points: 0, source: 'computed', notes: [] },
    { name: 'any positive value is yes', max: 5, value: 2, points: 5, source: 'computed', notes: [] },
    { name: 'negative → no', max: 5, value: -1, points: 0, source: 'computed', notes: ['clamped'] },
    { name: 'left empty → 0', max: 5, value: null, points: 0, source: 'none', notes: ['missing_value'] },
    { name: 'a pledged target is ignored', max: 5, value: 1, target: 99, points: 5, source: 'computed', notes: [] },
  ],
  graded: [
    { name: 'self-score counts until reviewed', max: 10, value: 8, points: 8, source: 'self', notes: ['awaiting_review'] },
    { name: 'self-score over max → max', max: 10, value: 12, points: 10, source: 'self', notes: ['awaiting_review', 'capped'] },
    { name: 'negative self-score → 0', max: 10, value: -1, points: 0, source: 'self', notes: ['awaiting_review', 'clamped'] },
    {
      name: 'no self-score, not reviewed → 0',
      max: 10,
      value: null,
      points: 0,
      source: 'none',
      notes: ['awaiting_review', 'missing_value'],
    },
    {
      name: "reviewed: the lead's score replaces the self-score",
      max: 10,
      value: 8,
      reviewed: 7,
      points: 7,
      source: 'reviewed',
      notes: [],
    },
    { name: 'reviewed above the self-score', max: 10, value: 6, reviewed: 9.5, points: 9.5, source: 'reviewed', notes: [] },
    { name: 'reviewed over max → max', max: 10, value: 8, reviewed: 11, points: 10, source: 'reviewed', notes: ['capped'] },
    { name: 'reviewed without a self-score', max: 10, value: null, reviewed: 6, points: 6, source: 'reviewed', notes: [] },
    {
      name: 'a review of other lines leaves this one waiting',
      max: 10,
      value: 8,
      reviewOfOthers: true,
      points: 8,
      source: 'self',
      notes: ['awaiting_review'],
    },
    {
      name: 'a NaN review counts as no review',
      max: 10,
      value: 8,
      reviewed: Number.NaN,
      points: 8,
      source: 'self',
      notes: ['awaiting_review'],
    },
  ],
  bonus: [
    { name: 'claimed, not reviewed → 0 for now', max: 5, value: 3, points: 0, source: 'none', notes: ['awaiting_review'] },
    { name: 'claimed and accepted', max: 5, value: 3, reviewed: 3, points: 3, source: 'reviewed', notes: [] },
    { name: 'accepted over the cap → cap', max: 5, value: 7, reviewed: 7, points: 5, source: 'reviewed', notes: ['capped'] },
    { name: 'cut by the lead', max: 5, value: 4, reviewed: 2, points: 2, source: 'reviewed', notes: [] },
    { name: 'refused by the lead', max: 5, value: 4, reviewed: 0, points: 0, source: 'reviewed', notes: [] },
    { name: 'nothing claimed', max: 5, value: null, points: 0, source: 'none', notes: [] },
    { name: 'zero claimed', max: 5, value: 0, points: 0, source: 'none', notes: [] },
    { name: 'negative claim', max: 5, value: -2, points: 0, source: 'none', notes: ['clamped'] },
    { name: 'negative review → 0', max: 5, value: 2, reviewed: -1, points: 0, source: 'reviewed', notes: ['clamped'] },
    { name: 'a review above the claim → the claim', max: 5, value: 2, reviewed: 4, points: 2, source: 'reviewed', notes: ['over_claim'] },
    { name: 'a review with nothing claimed → 0', max: 5, value: null, reviewed: 3, points: 0, source: 'reviewed', notes: ['over_claim'] },
    {
      name: 'a claim over the cap, accepted in full → cap',
      max: 5,
      value: 9,
      reviewed: 9,
      points: 5,
      source: 'reviewed',
      notes: ['capped'],
    },
  ],
  deduction: [
    { name: 'declared points are taken off', max: 5, value: 2, points: -2, source: 'self', notes: [] },
    { name: 'over the cap → −cap', max: 5, value: 8, points: -5, source: 'self', notes: ['capped'] },
    { name: 'nothing declared', max: 5, value: null, points: 0, source: 'none', notes: [] },
    { name: 'cut by the lead', max: 5, value: 4, reviewed: 1, points: -1, source: 'reviewed', notes: [] },
    { name: 'added by the lead', max: 5, value: null, reviewed: 3, points: -3, source: 'reviewed', notes: [] },
    { name: 'reviewed over the cap', max: 5, value: 2, reviewed: 9, points: -5, source: 'reviewed', notes: ['capped'] },
    { name: 'negative declared → 0, not −0', max: 5, value: -3, points: 0, source: 'self', notes: ['clamped'] },
  ],
};

describe('scoreCriterion, kind by kind', () => {
  for (const kind of VERSION_1_KINDS) {
    it.each(CASES[kind])(`${kind}: $name`, (testCase) => {
      const review = testCase.reviewOfOthers ? { [ID + 1]: 5 } : testCase.reviewed !== undefined ? { [ID]: testCase.reviewed } : undefined;
      const targets = new Map(testCase.target !== undefined ? [[ID, testCase.target]] : []);
      const line = scoreCriterion(criterion(kind, testCase.max), report({ [ID]: testCase.value }, review), { targets });
      expect(line.points).toBeCloseTo(testCase.points, 12);
      expect(Object.is(line.points, -0)).toBe(false);
      expect(line.source).toBe(testCase.source);
      expect(line.notes).toEqual(testCase.notes);
    });
  }

  it('keeps the inputs it used, so a view can explain the line', () => {
    const line = scoreCriterion(criterion('target', 40), report({ [ID]: 95 }), { targets: new Map([[ID, 100]]) });
    expect(line).toEqual({
      criterionId: ID,
      kind: 'target',
      maxPoints: 40,
      reported: 95,
      target: 100,
      reviewed: null,
      points: 38,
      source: 'computed',
      notes: [],
      basis: { rule: 'share', share: 0.95 },
    });
    const graded = scoreCriterion(criterion('graded', 10), report({ [ID]: 8 }, { [ID]: 12 }), { targets: new Map() });
    expect(graded).toMatchObject({ reported: 8, target: null, reviewed: 12, points: 10 });
  });
});

const TABLE = EXAMPLE_CRITERIA;
const PLEDGE = new Map([
  [1, 100],
  [4, 3],
]);

describe('scoreUnit', () => {
  it('adds the scored lines, the accepted bonus and takes the deduction', () => {
    const score = scoreUnit(TABLE, {
      unitId: 1,
      targets: PLEDGE,
      report: report({ 1: 95, 2: 8, 3: 1, 4: 6, 5: 7, 6: 1 }, { 2: 9, 5: 4, 6: 1 }, true),
    });
    expect(score.criteria.map((line) => line.points)).toEqual([38, 9, 5, 2.5, 4, -1]);
    expect(score).toMatchObject({
      reported: true,
      late: true,
      scoreSum: 54.5,
      bonus: 4,
      deduction: 1,
      total: 57.5,
      hasZeroCriterion: false,
      fullyReviewed: true,
    });
  });

  it('is not fully reviewed while a graded line or a claimed bonus waits for the lead', () => {
    const graded = scoreUnit(TABLE, { unitId: 1, targets: PLEDGE, report: report({ 1: 95, 2: 8, 3: 1, 4: 0 }) });
    expect(graded.fullyReviewed).toBe(false);
    const bonus = scoreUnit(TABLE, { unitId: 1, targets: PLEDGE, report: report({ 1: 95, 2: 8, 3: 1, 4: 0, 5: 3 }, { 2: 8 }) });
    expect(bonus.fullyReviewed).toBe(false);
    expect(bonus.bonus).toBe(0);
    const none = scoreUnit(TABLE, { unitId: 1, targets: PLEDGE, report: report({ 1: 95, 2: 8, 3: 1, 4: 0 }, { 2: 8 }) });
    expect(none.fullyReviewed).toBe(true);
    // Nothing for the lead to score, but no review yet: still waiting for the lead.
    const objective = [criterion('target', 40, 1), criterion('yes_no', 5, 3)];
    expect(scoreUnit(objective, { unitId: 1, targets: PLEDGE, report: report({ 1: 95, 3: 1 }) }).fullyReviewed).toBe(false);
    expect(scoreUnit(objective, { unitId: 1, targets: PLEDGE, report: report({ 1: 95, 3: 1 }, {}) }).fullyReviewed).toBe(true);
  });

  it('flags a scored criterion at zero, but not an empty bonus or deduction', () => {
    const zero = scoreUnit(TABLE, { unitId: 1, targets: PLEDGE, report: report({ 1: 100, 2: 10, 3: 0, 4: 0 }, { 2: 10 }) });
    expect(zero.hasZeroCriterion).toBe(true);
    const full = scoreUnit(TABLE, { unitId: 1, targets: PLEDGE, report: report({ 1: 100, 2: 10, 3: 1, 4: 0 }, { 2: 10 }) });
    expect(full.hasZeroCriterion).toBe(false);
    expect(full.total).toBe(60);
  });

  it('scores a unit without a report as 0 on every line, keeping the pledged targets', () => {
    const score = scoreUnit(TABLE, { unitId: 9, targets: PLEDGE });
    expect(score).toMatchObject({ reported: false, late: false, total: 0, scoreSum: 0, bonus: 0, deduction: 0, fullyReviewed: false });
    expect(score.criteria.every((line) => line.points === 0 && line.source === 'none' && line.notes.length === 0)).toBe(true);
    expect(score.criteria.map((line) => line.target)).toEqual([100, null, null, 3, null, null]);
  });
});

describe('gradeOf', () => {
  it.each([
    [100, false, 'Hoàn thành xuất sắc'],
    [95, false, 'Hoàn thành xuất sắc'],
    [94.99999999999999, false, 'Hoàn thành xuất sắc'],
    [95, true, 'Hoàn thành tốt'],
    [102, true, 'Hoàn thành tốt'],
    [94.99, false, 'Hoàn thành tốt'],
    [85, false, 'Hoàn thành tốt'],
    [84.99, false, 'Hoàn thành'],
    [75, true, 'Hoàn thành'],
    [74.99, false, 'Không hoàn thành'],
    [0, true, 'Không hoàn thành'],
    [-3, false, 'Không hoàn thành'],
  ])('%d points, a zero criterion: %s → %s', (total, hasZero, grade) => {
    expect(gradeOf(total, hasZero)).toBe(grade);
  });

  it.each([
    [100, 95, 'Hoàn thành xuất sắc'],
    [1000, 950, 'Hoàn thành xuất sắc'],
    [1000, 949.99, 'Hoàn thành tốt'],
    [1000, 95, 'Không hoàn thành'],
    [550, 467.5, 'Hoàn thành tốt'],
    [550, 412.49, 'Không hoàn thành'],
    [0, 95, 'Hoàn thành xuất sắc'],
  ])('default bands on a base of %d: %d points → %s', (base, total, grade) => {
    expect(gradeOf(total, false, defaultGradeBands(base))).toBe(grade);
  });

  it('reads a table’s base from its scored criteria, bonus and deduction aside', () => {
    expect(scoredMaximum(EXAMPLE_CRITERIA)).toBe(
      EXAMPLE_CRITERIA.filter((row) => row.kind !== 'bonus' && row.kind !== 'deduction').reduce((sum, row) => sum + row.maxPoints, 0),
    );
    expect(
      scoredMaximum([
        { kind: 'target', maxPoints: 600 },
        { kind: 'graded', maxPoints: 400 },
        { kind: 'bonus', maxPoints: 50 },
        { kind: 'deduction', maxPoints: 50 },
      ]),
    ).toBe(1000);
    expect(scoredMaximum([{ kind: 'target', maxPoints: Number.NaN }])).toBe(0);
  });

  it('takes bands from configuration, in any order, with their own fallback', () => {
    const bands = {
      bands: [
        { name: 'Khá', min: 500 },
        { name: 'Giỏi', min: 800, requireNoZeroCriterion: true },
      ],
      below: 'Yếu',
    };
    expect(gradeOf(800, false, bands)).toBe('Giỏi');
    expect(gradeOf(800, true, bands)).toBe('Khá');
    expect(gradeOf(799, false, bands)).toBe('Khá');
    expect(gradeOf(499, false, bands)).toBe('Yếu');
    expect(gradeOf(1000, false, { bands: [], below: 'Chưa xếp loại' })).toBe('Chưa xếp loại');
  });

  it('grades reported units in the standings and leaves unreported ones without a grade', () => {
    const inputs: UnitScoringInput[] = [
      { unitId: 1, targets: PLEDGE, report: report({ 1: 100, 2: 10, 3: 1, 4: 0, 5: 5 }, { 2: 10, 5: 5 }) },
      { unitId: 2, targets: PLEDGE },
    ];
    const tenfold: ScoringCriterion[] = TABLE.map((line) => (line.kind === 'target' ? { ...line, maxPoints: 80 } : line));
    const { rows } = computeStandings(tenfold, inputs);
    expect(rows.map((row) => [row.unitId, row.total, row.grade])).toEqual([
      [1, 105, 'Hoàn thành xuất sắc'],
      [2, 0, null],
    ]);
    expect(DEFAULT_GRADE_BANDS.below).toBe('Không hoàn thành');
  });
});

/** A block where each unit's total is simply its self-score on one graded line; null = no report. */
function standingsOf(totals: (number | null)[]) {
  const single = [criterion('graded', 1000, 1)];
  const inputs = totals.map(
    (total, index): UnitScoringInput => ({
      unitId: index + 1,
      targets: new Map(),
      ...(total === null ? {} : { report: report({ 1: total }) }),
    }),
  );
  return computeStandings(single, inputs).rows.map((row) => ({ unit: row.unitId, rank: row.rank, tie: row.tie, reported: row.reported }));
}

describe('ranking: standard competition ranking, honest ties', () => {
  it.each([
    {
      name: 'distinct totals',
      totals: [70, 90, 80],
      expected: [
        [2, 1, false],
        [3, 2, false],
        [1, 3, false],
      ],
    },
    {
      name: 'two-way tie in the middle',
      totals: [90, 80, 80, 70],
      expected: [
        [1, 1, false],
        [2, 2, true],
        [3, 2, true],
        [4, 4, false],
      ],
    },
    {
      name: 'two-way tie at the top',
      totals: [70, 88, 88],
      expected: [
        [2, 1, true],
        [3, 1, true],
        [1, 3, false],
      ],
    },
    {
      name: 'three-way tie at the top',
      totals: [70, 85, 85, 85, 60],
      expected: [
        [2, 1, true],
        [3, 1, true],
        [4, 1, true],
        [1, 4, false],
        [5, 5, false],
      ],
    },
    {
      name: 'three-way tie in the middle',
      totals: [99, 50, 80, 80, 80],
      expected: [
        [1, 1, false],
        [3, 2, true],
        [4, 2, true],
        [5, 2, true],
        [2, 5, false],
      ],
    },
    {
      name: 'ties at the top and in the middle',
      totals: [90, 90, 80, 70, 70, 60],
      expected: [
        [1, 1, true],
        [2, 1, true],
        [3, 3, false],
        [4, 4, true],
        [5, 4, true],
        [6, 6, false],
      ],
    },
    {
      name: 'tie at the bottom',
      totals: [90, 10, 10],
      expected: [
        [1, 1, false],
        [2, 2, true],
        [3, 2, true],
      ],
    },
    // Each pair within 1e-9 of the next, the ends 1.5e-9 apart: a tie is anchored at its highest total, not chained.
    {
      name: 'no chained tie across more than the tolerance',
      totals: [0, 1.5e-9, 0.8e-9],
      expected: [
        [2, 1, true],
        [3, 1, true],
        [1, 3, false],
      ],
    },
  ])('$name', ({ totals, expected }) => {
    expect(standingsOf(totals).map((row) => [row.unit, row.rank, row.tie])).toEqual(expected);
  });

  it('ranks units without a report after every reported unit, sharing one rank, not as a tie', () => {
    expect(standingsOf([80, null, 0, null, 90])).toEqual([
      { unit: 5, rank: 1, tie: false, reported: true },
      { unit: 1, rank: 2, tie: false, reported: true },
      { unit: 3, rank: 3, tie: false, reported: true },
      { unit: 2, rank: 4, tie: false, reported: false },
      { unit: 4, rank: 4, tie: false, reported: false },
    ]);
    expect(standingsOf([null, null]).map((row) => row.rank)).toEqual([1, 1]);
  });

  it('treats float noise as a tie (0.1 + 0.2 vs 0.3) and keeps the block order inside it', () => {
    const two = [criterion('graded', 10, 1), criterion('graded', 10, 2)];
    const inputs: UnitScoringInput[] = [
      { unitId: 1, targets: new Map(), report: report({ 1: 0.3, 2: 0 }) },
      { unitId: 2, targets: new Map(), report: report({ 1: 0.1, 2: 0.2 }) },
      { unitId: 3, targets: new Map(), report: report({ 1: 0.3, 2: 0.0001 }) },
    ];
    const standings = computeStandings(two, inputs);
    expect(0.1 + 0.2).not.toBe(0.3);
    // Unit 2's exact total is the larger float, yet it stays after unit 1: no hidden tie-break.
    expect(standings.rows.map((row) => [row.unitId, row.rank, row.tie])).toEqual([
      [3, 1, false],
      [1, 2, true],
      [2, 2, true],
    ]);
    expect(standings.hasTies).toBe(true);
  });

  it('reports no ties when there are none', () => {
    expect(computeStandings([criterion('yes_no', 5, 1)], [{ unitId: 1, targets: new Map(), report: report({ 1: 1 }) }]).hasTies).toBe(
      false,
    );
  });

  it('rankUnits works on scores made elsewhere and keeps their lines', () => {
    const scores = [
      scoreUnit(TABLE, { unitId: 1, targets: PLEDGE }),
      scoreUnit(TABLE, { unitId: 2, targets: PLEDGE, report: report({ 3: 1 }) }),
    ];
    const ranked = rankUnits(scores);
    expect(ranked.map((row) => [row.unitId, row.rank, row.order])).toEqual([
      [2, 1, 1],
      [1, 2, 0],
    ]);
    expect(ranked[0]!.criteria).toHaveLength(TABLE.length);
  });
});

describe('totalDecimals: two decimals unless different ranks would look equal', () => {
  it.each([
    {
      name: 'distinct at two decimals',
      rows: [
        { total: 90, rank: 1 },
        { total: 58.5, rank: 2 },
      ],
      expected: [2, 2],
    },
    {
      name: 'a tie looks like a tie',
      rows: [
        { total: 58.5, rank: 1 },
        { total: 58.5, rank: 1 },
      ],
      expected: [2, 2],
    },
    {
      name: 'three decimals tell them apart',
      rows: [
        { total: 90, rank: 1 },
        { total: 58.504, rank: 2 },
        { total: 58.501, rank: 3 },
      ],
      expected: [2, 3, 3],
    },
    {
      name: 'never beyond four',
      rows: [
        { total: 58.50004, rank: 1 },
        { total: 58.50001, rank: 2 },
      ],
      expected: [4, 4],
    },
    {
      name: 'rounds as the display does (1.005 shows 1.01)',
      rows: [
        { total: 1.01, rank: 1 },
        { total: 1.005, rank: 2 },
      ],
      expected: [3, 3],
    },
    {
      name: 'a zero total of a unit that did not report is not shown',
      rows: [
        { total: 0.001, rank: 1 },
        { total: 0, rank: 2, notReported: true },
      ],
      expected: [2, 2],
    },
    {
      name: 'a reported zero is',
      rows: [
        { total: 0.001, rank: 1 },
        { total: 0, rank: 2 },
      ],
      expected: [3, 3],
    },
    { name: 'just under a grade floor: not rounded up to it', rows: [{ total: 94.996, rank: 1 }], floors: [95, 85, 75], expected: [3] },
    {
      name: 'on the floor, or well under it: two',
      rows: [
        { total: 95, rank: 1 },
        { total: 94.99, rank: 2 },
        { total: 84.9951, rank: 3 },
      ],
      floors: [95, 85],
      expected: [2, 2, 3],
    },
  ])('$name', ({ rows, floors, expected }) => {
    expect(totalDecimals(rows, floors)).toEqual(expected);
  });

  it('agrees with formatPoints about what looks equal', () => {
    expect(formatPoints(1.005, 'vi')).toBe(formatPoints(1.01, 'vi'));
    expect(formatPoints(58.504, 'vi', 3)).toBe('58,504');
    expect(formatPoints(-0.001, 'vi')).toBe('0,00');
  });
});

describe('properties over arbitrary inputs', () => {
  const blockArbitrary = version1BlockArbitrary;
  const toInputs = version1Inputs;

  it('never yields NaN, infinity or −0, and keeps every line within its cap', () => {
    fc.assert(
      fc.property(blockArbitrary, ([criteria, units]) => {
        const { rows } = computeStandings(criteria, toInputs(units));
        for (const row of rows) {
          for (const value of [row.total, row.scoreSum, row.bonus, row.deduction])
            expect(Number.isFinite(value) && !Object.is(value, -0)).toBe(true);
          expect(row.total).toBeCloseTo(row.scoreSum + row.bonus - row.deduction, 6);
          for (const line of row.criteria) {
            expect(Number.isFinite(line.points) && !Object.is(line.points, -0)).toBe(true);
            if (line.kind === 'deduction') expect(line.points >= -line.maxPoints && line.points <= 0).toBe(true);
            else expect(line.points >= 0 && line.points <= line.maxPoints).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('ranks by standard competition ranking, whatever the input order', () => {
    fc.assert(
      fc.property(
        blockArbitrary.chain(([criteria, units]) =>
          fc.tuple(
            fc.constant(criteria),
            fc.constant(units),
            fc.shuffledSubarray(
              units.map((_, index) => index),
              { minLength: units.length },
            ),
          ),
        ),
        ([criteria, units, permutation]) => {
          const inputs = toInputs(units);
          const { rows } = computeStandings(criteria, inputs);
          const reported = rows.filter((row) => row.reported);
          expect(rows).toHaveLength(inputs.length);
          reported.forEach((row, index) => {
            expect(row.rank).toBe(reported.findIndex((other) => other.rank === row.rank) + 1);
            expect(row.rank === index + 1 || row.rank === reported[index - 1]!.rank).toBe(true);
            expect(row.tie).toBe(reported.filter((other) => other.rank === row.rank).length > 1);
            if (index > 0) expect(reported[index - 1]!.total).toBeGreaterThanOrEqual(row.total - 1e-9);
          });
          for (const row of rows.filter((candidate) => !candidate.reported))
            expect([row.rank, row.tie]).toEqual([reported.length + 1, false]);
          expect(rows.slice(0, reported.length).every((row) => row.reported)).toBe(true);

          const shuffled = computeStandings(
            criteria,
            permutation.map((index) => inputs[index]!),
          );
          const rankOf = (list: typeof rows) => new Map(list.map((row) => [row.unitId, [row.rank, row.tie]]));
          expect(rankOf(shuffled.rows)).toEqual(rankOf(rows));
        },
      ),
      { numRuns: 300 },
    );
  });
});
