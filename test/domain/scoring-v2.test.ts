import { describe, expect, it } from 'vitest';
import { type GradeBands, gradeOf } from '../../src/domain/grades';
import { computeStandings } from '../../src/domain/ranking';
import {
  type AutoFact,
  type CriterionEntry,
  type CriterionKind,
  type CriterionRule,
  type ScoreNote,
  type ScoringCriterion,
  scoreCriterion,
  scoreUnit,
  type TableRules,
  tableBase,
  type UnitReportInput,
  type UnitScoringInput,
} from '../../src/domain/scoring';

/**
 * Version 2 of the organisation file, rule by rule (../shared/docs/organisation-file.md, "Version 2"):
 * each table gives the entry, the points, the notes and which rule the breakdown names.
 */
const ID = 7;

function criterion(kind: CriterionKind, maxPoints: number, rule: CriterionRule = {}, id = ID, groupName = 'I'): ScoringCriterion {
  return { id, code: String(id), name: `Tiêu chí ${id}`, groupName, kind, maxPoints, rule };
}

function reportWith(
  entries: Record<number, CriterionEntry>,
  review?: { points?: Record<number, number>; corrections?: Record<number, CriterionEntry> },
): UnitReportInput {
  return {
    values: new Map(Object.entries(entries).map(([id, entry]) => [Number(id), entry])),
    late: false,
    ...(review
      ? {
          review: {
            points: new Map(Object.entries(review.points ?? {}).map(([id, points]) => [Number(id), points])),
            corrections: new Map(Object.entries(review.corrections ?? {}).map(([id, entry]) => [Number(id), entry])),
            reviewerUserId: 'U0LEAD',
          },
        }
      : {}),
  };
}

interface LineCase {
  name: string;
  criterion: ScoringCriterion;
  entry?: CriterionEntry;
  review?: { points?: Record<number, number>; corrections?: Record<number, CriterionEntry> };
  unitCode?: string;
  target?: number;
  indicatorTargets?: Record<string, number>;
  auto?: Partial<Record<'pledge_on_time' | 'report_on_time', AutoFact>>;
  notApplicable?: 'full' | 'rescale';
  points: number;
  notes?: ScoreNote[];
  rule: string;
}

function scoreCase(testCase: LineCase) {
  return scoreCriterion(
    criterion(testCase.criterion.kind, testCase.criterion.maxPoints, testCase.criterion.rule),
    reportWith(testCase.entry ? { [ID]: testCase.entry } : {}, testCase.review),
    {
      unitCode: testCase.unitCode ?? 'CA',
      targets: new Map(testCase.target !== undefined ? [[ID, testCase.target]] : []),
      indicatorTargets: new Map(testCase.indicatorTargets ? [[ID, testCase.indicatorTargets]] : []),
      auto: testCase.auto,
      notApplicable: testCase.notApplicable ?? 'full',
    },
  );
}

function runCases(cases: LineCase[]) {
  it.each(cases)('$name', (testCase) => {
    const line = scoreCase(testCase);
    expect(line.points).toBeCloseTo(testCase.points, 12);
    expect(Object.is(line.points, -0)).toBe(false);
    expect(line.notes).toEqual(testCase.notes ?? []);
    expect(line.basis.rule).toBe(testCase.rule);
  });
}

const PARTY_LEVELS = criterion('levels', 5, {
  levels: [
    { name: 'Hoàn thành xuất sắc nhiệm vụ', points: 5 },
    { name: 'Hoàn thành tốt nhiệm vụ', points: 4 },
    { name: 'Hoàn thành nhiệm vụ', points: 2 },
    { name: 'Không hoàn thành nhiệm vụ', points: 0 },
  ],
});

describe('levels: the chosen level’s points', () => {
  runCases([
    {
      name: 'the top level',
      criterion: PARTY_LEVELS,
      entry: { value: null, detail: { level: 'Hoàn thành xuất sắc nhiệm vụ' } },
      points: 5,
      rule: 'level',
    },
    {
      name: 'a middle level',
      criterion: PARTY_LEVELS,
      entry: { value: null, detail: { level: 'Hoàn thành tốt nhiệm vụ' } },
      points: 4,
      rule: 'level',
    },
    {
      name: 'the level worth 0',
      criterion: PARTY_LEVELS,
      entry: { value: null, detail: { level: 'Không hoàn thành nhiệm vụ' } },
      points: 0,
      rule: 'level',
    },
    { name: 'no level chosen → 0', criterion: PARTY_LEVELS, entry: { value: null }, points: 0, notes: ['missing_value'], rule: 'missing' },
    {
      name: 'a level no longer in the table → 0',
      criterion: PARTY_LEVELS,
      entry: { value: null, detail: { level: 'Xuất sắc' } },
      points: 0,
      notes: ['missing_value'],
      rule: 'missing',
    },
    {
      name: 'the lead changed the level in review',
      criterion: PARTY_LEVELS,
      entry: { value: null, detail: { level: 'Hoàn thành xuất sắc nhiệm vụ' } },
      review: { corrections: { [ID]: { value: null, detail: { level: 'Hoàn thành nhiệm vụ' } } } },
      points: 2,
      notes: ['corrected'],
      rule: 'level',
    },
  ]);
});

const MODELS = criterion('count', 5, { each: 1, from: 'zero' });
const DISCIPLINE = criterion('count', 5, { each: 1, from: 'max' });
const HALF_POINT = criterion('count', 3, { each: 0.5, from: 'max' });

describe('count: from zero (each model adds) and from max (each case takes away)', () => {
  runCases([
    { name: 'from zero: none → 0', criterion: MODELS, entry: { value: 0 }, points: 0, rule: 'count' },
    { name: 'from zero: 3 models → 3', criterion: MODELS, entry: { value: 3 }, points: 3, rule: 'count' },
    { name: 'from zero: exactly the max', criterion: MODELS, entry: { value: 5 }, points: 5, rule: 'count' },
    { name: 'from zero: cap binding at 7 models', criterion: MODELS, entry: { value: 7 }, points: 5, notes: ['capped'], rule: 'count' },
    { name: 'from zero: not reported', criterion: MODELS, entry: { value: null }, points: 0, notes: ['missing_value'], rule: 'missing' },
    { name: 'from max: no case → the max', criterion: DISCIPLINE, entry: { value: 0 }, points: 5, rule: 'count' },
    { name: 'from max: 2 cases → 3', criterion: DISCIPLINE, entry: { value: 2 }, points: 3, rule: 'count' },
    { name: 'from max: 5 cases → exactly 0', criterion: DISCIPLINE, entry: { value: 5 }, points: 0, rule: 'count' },
    {
      name: 'from max: 8 cases → 0, never below',
      criterion: DISCIPLINE,
      entry: { value: 8 },
      points: 0,
      notes: ['floored'],
      rule: 'count',
    },
    { name: 'from max: 0,5 a late report, 3 late', criterion: HALF_POINT, entry: { value: 3 }, points: 1.5, rule: 'count' },
    { name: 'a negative count is 0', criterion: DISCIPLINE, entry: { value: -2 }, points: 5, notes: ['clamped'], rule: 'count' },
    {
      name: 'the lead corrected the count',
      criterion: DISCIPLINE,
      entry: { value: 0 },
      review: { corrections: { [ID]: { value: 1 } } },
      points: 4,
      notes: ['corrected'],
      rule: 'count',
    },
  ]);
});

const TIERED = criterion('target', 10, {
  tiers: [
    { atLeast: 100, points: 10 },
    { atLeast: 90, points: 8 },
    { atLeast: 0, points: 5 },
  ],
});
const TIERED_NO_FLOOR = criterion('target', 10, { tiers: [{ atLeast: 80, points: 10 }] });
const TIERED_CEILING = criterion('lower_better', 6, {
  tiers: [
    { atLeast: 100, points: 6 },
    { atLeast: 50, points: 3 },
  ],
});

describe('tiers: the first tier reached from the top, at the exact percent', () => {
  runCases([
    { name: 'over the target → top tier', criterion: TIERED, entry: { value: 130 }, target: 100, points: 10, rule: 'tier' },
    { name: 'exactly 100 % → top tier', criterion: TIERED, entry: { value: 100 }, target: 100, points: 10, rule: 'tier' },
    { name: '99,99 % → the next tier', criterion: TIERED, entry: { value: 99.99 }, target: 100, points: 8, rule: 'tier' },
    { name: 'exactly 90 % reaches at_least 90', criterion: TIERED, entry: { value: 90 }, target: 100, points: 8, rule: 'tier' },
    { name: '27 of 30 is 90 % exactly', criterion: TIERED, entry: { value: 27 }, target: 30, points: 8, rule: 'tier' },
    { name: '89,99 % is not rounded up', criterion: TIERED, entry: { value: 89.99 }, target: 100, points: 5, rule: 'tier' },
    { name: 'nothing achieved → the floor tier', criterion: TIERED, entry: { value: 0 }, target: 100, points: 5, rule: 'tier' },
    { name: 'under every tier → 0', criterion: TIERED_NO_FLOOR, entry: { value: 79.9 }, target: 100, points: 0, rule: 'tier' },
    {
      name: '57 of 100 reaches at_least 57 (no float drift)',
      criterion: criterion('target', 4, { tiers: [{ atLeast: 57, points: 4 }] }),
      entry: { value: 57 },
      target: 100,
      points: 4,
      rule: 'tier',
    },
    { name: 'zero target → 100 %', criterion: TIERED, entry: { value: 0 }, target: 0, points: 10, notes: ['zero_target'], rule: 'tier' },
    { name: 'no target → 0', criterion: TIERED, entry: { value: 95 }, points: 0, notes: ['missing_target'], rule: 'missing' },
    { name: 'ceiling kept → 100 %', criterion: TIERED_CEILING, entry: { value: 2 }, target: 3, points: 6, rule: 'tier' },
    { name: 'twice the ceiling → 50 %', criterion: TIERED_CEILING, entry: { value: 6 }, target: 3, points: 3, rule: 'tier' },
    { name: 'a little over twice → under 50 %', criterion: TIERED_CEILING, entry: { value: 6.01 }, target: 3, points: 0, rule: 'tier' },
  ]);

  it('names the tier and the percent', () => {
    const line = scoreCase({ name: '', criterion: TIERED, entry: { value: 92 }, target: 100, points: 8, rule: 'tier' });
    expect(line.basis).toEqual({ rule: 'tier', percent: 92, tier: { atLeast: 90, points: 8 } });
  });
});

const CA_INDICATORS = criterion('target', 30, {
  indicators: {
    CA: [
      { code: 'a', name: 'Tỷ lệ điều tra khám phá án', unit: '%' },
      { code: 'b', name: 'Số vụ án ma túy phát hiện', unit: 'vụ', weight: 2 },
    ],
    THADS: [{ code: 'a', name: 'Tỷ lệ thi hành xong về việc', unit: '%' }],
  },
});
const CA_INDICATORS_TIERED = criterion('target', 30, {
  indicators: CA_INDICATORS.rule!.indicators!,
  tiers: [
    { atLeast: 100, points: 30 },
    { atLeast: 90, points: 25 },
    { atLeast: 0, points: 15 },
  ],
});

describe('indicators: each unit’s own targets, weighted', () => {
  runCases([
    {
      name: 'both reached → the max',
      criterion: CA_INDICATORS,
      entry: { value: null, detail: { indicators: { a: 90, b: 40 } } },
      indicatorTargets: { a: 90, b: 40 },
      points: 30,
      rule: 'indicators',
    },
    {
      // (1 × 0,9 + 2 × 0,75) / 3 = 0,8 → 24
      name: 'weighted: a at 90 %, b (weight 2) at 75 % → 80 %',
      criterion: CA_INDICATORS,
      entry: { value: null, detail: { indicators: { a: 81, b: 30 } } },
      indicatorTargets: { a: 90, b: 40 },
      points: 24,
      rule: 'indicators',
    },
    {
      name: 'over one target counts as 100 % of it',
      criterion: CA_INDICATORS,
      entry: { value: null, detail: { indicators: { a: 99, b: 30 } } },
      indicatorTargets: { a: 90, b: 40 },
      points: 25,
      notes: ['capped'],
      rule: 'indicators',
    },
    {
      name: 'an indicator left empty counts 0',
      criterion: CA_INDICATORS,
      entry: { value: null, detail: { indicators: { a: 90 } } },
      indicatorTargets: { a: 90, b: 40 },
      points: 10,
      notes: ['missing_value'],
      rule: 'indicators',
    },
    {
      name: 'an indicator without a pledged target counts 0',
      criterion: CA_INDICATORS,
      entry: { value: null, detail: { indicators: { a: 90, b: 40 } } },
      indicatorTargets: { a: 90 },
      points: 10,
      notes: ['missing_target'],
      rule: 'indicators',
    },
    {
      name: 'the tier of the weighted mean (80 % → floor tier)',
      criterion: CA_INDICATORS_TIERED,
      entry: { value: null, detail: { indicators: { a: 81, b: 30 } } },
      indicatorTargets: { a: 90, b: 40 },
      points: 15,
      rule: 'indicators',
    },
    {
      name: 'the tier of the weighted mean (100 % → top tier)',
      criterion: CA_INDICATORS_TIERED,
      entry: { value: null, detail: { indicators: { a: 95, b: 44 } } },
      indicatorTargets: { a: 90, b: 40 },
      points: 30,
      notes: ['capped'],
      rule: 'indicators',
    },
    {
      name: 'another unit with its own single indicator',
      criterion: CA_INDICATORS,
      unitCode: 'THADS',
      entry: { value: null, detail: { indicators: { a: 76 } } },
      indicatorTargets: { a: 80 },
      points: 28.5,
      rule: 'indicators',
    },
    {
      name: 'a unit without indicators uses the criterion’s own target',
      criterion: CA_INDICATORS,
      unitCode: 'STP',
      entry: { value: 95 },
      target: 100,
      points: 28.5,
      rule: 'share',
    },
    {
      name: 'nothing reported',
      criterion: CA_INDICATORS,
      entry: { value: null },
      indicatorTargets: { a: 90, b: 40 },
      points: 0,
      notes: ['missing_value'],
      rule: 'missing',
    },
  ]);
});

const ONLY_TT_SNV = criterion('yes_no', 10, { appliesTo: ['TT', 'SNV'] });

describe('applies_to and not_applicable', () => {
  runCases([
    { name: 'a listed unit is scored', criterion: ONLY_TT_SNV, unitCode: 'TT', entry: { value: 0 }, points: 0, rule: 'yes_no' },
    { name: 'a listed unit, yes', criterion: ONLY_TT_SNV, unitCode: 'SNV', entry: { value: 1 }, points: 10, rule: 'yes_no' },
    {
      name: 'full (default): another unit counts the max',
      criterion: ONLY_TT_SNV,
      unitCode: 'CA',
      points: 10,
      notes: ['not_applicable'],
      rule: 'not_applicable',
    },
    {
      name: 'rescale: another unit’s line counts nothing by itself',
      criterion: ONLY_TT_SNV,
      unitCode: 'CA',
      notApplicable: 'rescale',
      points: 0,
      notes: ['not_applicable'],
      rule: 'not_applicable',
    },
  ]);
});

const TT_TABLE = [criterion('target', 40, {}, 1), criterion('yes_no', 10, { appliesTo: ['TT'] }, 2), criterion('graded', 50, {}, 3)];
const ttInput = (unitCode: string): UnitScoringInput => ({
  unitId: 1,
  unitCode,
  targets: new Map([[1, 100]]),
  report: reportWith({ 1: { value: 80 }, 2: { value: 1 }, 3: { value: 40 } }, { points: { 3: 40 } }),
});

describe('not_applicable on the whole: full vs rescale', () => {
  it.each([
    // TT: 32 + 10 + 40 = 82 either way (everything applies).
    { unit: 'TT', mode: 'full' as const, total: 82, scale: null },
    { unit: 'TT', mode: 'rescale' as const, total: 82, scale: null },
    // CA, full: 32 + 10 (not applicable, counted in full) + 40 = 82.
    { unit: 'CA', mode: 'full' as const, total: 82, scale: null },
    // CA, rescale: (32 + 40) × 100 / 90 = 80.
    { unit: 'CA', mode: 'rescale' as const, total: 80, scale: { base: 100, applicable: 90 } },
  ])('$unit, $mode → $total', ({ unit, mode, total, scale }) => {
    const score = scoreUnit(TT_TABLE, ttInput(unit), { notApplicable: mode });
    expect(score.total).toBeCloseTo(total, 10);
    expect(score.scale).toEqual(scale);
  });
});

describe('scored_by: lead and scored_by: auto', () => {
  const LEAD = criterion('graded', 10, { scoredBy: 'lead' });
  const LEAD_LEVELS = criterion('levels', 5, { ...PARTY_LEVELS.rule, scoredBy: 'lead' });
  const PLEDGE_ON_TIME = criterion('yes_no', 5, { scoredBy: 'auto', source: 'pledge_on_time' });
  const REPORT_ON_TIME = criterion('yes_no', 5, { scoredBy: 'auto', source: 'report_on_time' });
  runCases([
    { name: 'lead: not yet reviewed → 0, waiting', criterion: LEAD, points: 0, notes: ['awaiting_lead'], rule: 'awaiting_lead' },
    {
      name: 'lead: a review that does not score it yet',
      criterion: LEAD,
      review: { points: { [ID + 1]: 3 } },
      points: 0,
      notes: ['awaiting_lead'],
      rule: 'awaiting_lead',
    },
    { name: 'lead: scored 8', criterion: LEAD, review: { points: { [ID]: 8 } }, points: 8, rule: 'score' },
    {
      name: 'lead: over the max → the max',
      criterion: LEAD,
      review: { points: { [ID]: 12 } },
      points: 10,
      notes: ['capped'],
      rule: 'score',
    },
    {
      name: 'lead: what the unit wrote is ignored',
      criterion: LEAD,
      entry: { value: 10 },
      points: 0,
      notes: ['awaiting_lead'],
      rule: 'awaiting_lead',
    },
    {
      name: 'lead-scored levels: the lead picks one',
      criterion: LEAD_LEVELS,
      review: { corrections: { [ID]: { value: null, detail: { level: 'Hoàn thành tốt nhiệm vụ' } } } },
      points: 4,
      rule: 'level',
    },
    {
      name: 'auto: signed on time → max',
      criterion: PLEDGE_ON_TIME,
      auto: { pledge_on_time: { onTime: true, at: Date.UTC(2021, 2, 17, 3) } },
      points: 5,
      rule: 'auto',
    },
    {
      name: 'auto: signed late → 0',
      criterion: PLEDGE_ON_TIME,
      auto: { pledge_on_time: { onTime: false, at: Date.UTC(2021, 3, 2, 3) } },
      points: 0,
      rule: 'auto',
    },
    { name: 'auto: never signed → 0', criterion: PLEDGE_ON_TIME, auto: {}, points: 0, rule: 'auto' },
    {
      name: 'auto: what the unit declares is ignored',
      criterion: REPORT_ON_TIME,
      entry: { value: 1 },
      auto: { report_on_time: { onTime: false, at: Date.UTC(2021, 3, 12) } },
      points: 0,
      rule: 'auto',
    },
    {
      name: 'auto: report on time → max',
      criterion: REPORT_ON_TIME,
      auto: { report_on_time: { onTime: true, at: Date.UTC(2021, 3, 9) } },
      points: 5,
      rule: 'auto',
    },
  ]);

  it('a unit waiting for the lead is not fully reviewed and its grade is provisional', () => {
    const score = scoreUnit([LEAD, criterion('yes_no', 90, {}, 1)], {
      unitId: 1,
      targets: new Map(),
      report: reportWith({ 1: { value: 1 } }, { points: {} }),
    });
    expect(score).toMatchObject({ total: 90, fullyReviewed: false, awaitingLead: true, hasZeroCriterion: false, lowestShare: 1 });
  });
});

describe('each and items on bonus and deduction', () => {
  const AWARDS = criterion('bonus', 15, {
    items: [
      { name: 'Cờ thi đua của Chính phủ', points: 15 },
      { name: 'Cờ thi đua của UBND tỉnh hoặc Bộ, ngành', points: 10 },
      { name: 'Bằng khen của Thủ tướng Chính phủ', points: 5 },
    ],
  });
  const LATE = criterion('deduction', 3, { each: 0.5 });
  const FAULTS = criterion('deduction', 4, {
    items: [
      { name: 'Chậm nộp hồ sơ', points: 1 },
      { name: 'Vi phạm kỷ luật', points: 3 },
      { name: 'Để xảy ra khiếu kiện đông người', points: 2 },
    ],
  });
  const MODELS_BONUS = criterion('bonus', 5, { each: 2 });
  runCases([
    {
      name: 'items: ticked, not yet reviewed → 0',
      criterion: AWARDS,
      entry: { value: null, detail: { items: ['Bằng khen của Thủ tướng Chính phủ'] } },
      points: 0,
      notes: ['awaiting_review'],
      rule: 'items',
    },
    {
      name: 'items: reviewed as claimed',
      criterion: AWARDS,
      entry: { value: null, detail: { items: ['Bằng khen của Thủ tướng Chính phủ'] } },
      review: { corrections: { [ID]: { value: null, detail: { items: ['Bằng khen của Thủ tướng Chính phủ'] } } } },
      points: 5,
      notes: ['corrected'],
      rule: 'items',
    },
    {
      name: 'items: two awards, cap binding at 15',
      criterion: AWARDS,
      entry: { value: null, detail: { items: ['Cờ thi đua của UBND tỉnh hoặc Bộ, ngành', 'Bằng khen của Thủ tướng Chính phủ', 'x'] } },
      review: {
        corrections: { [ID]: { value: null, detail: { items: ['Cờ thi đua của UBND tỉnh hoặc Bộ, ngành', 'Cờ thi đua của Chính phủ'] } } },
      },
      points: 15,
      notes: ['corrected', 'capped'],
      rule: 'items',
    },
    {
      name: 'items: the lead awards one nobody claimed',
      criterion: AWARDS,
      review: { corrections: { [ID]: { value: null, detail: { items: ['Cờ thi đua của UBND tỉnh hoặc Bộ, ngành'] } } } },
      points: 10,
      notes: ['corrected'],
      rule: 'items',
    },
    {
      name: 'items: accepted by points as version 1 (never above the claim)',
      criterion: AWARDS,
      entry: { value: null, detail: { items: ['Bằng khen của Thủ tướng Chính phủ'] } },
      review: { points: { [ID]: 10 } },
      points: 5,
      notes: ['over_claim'],
      rule: 'items',
    },
    {
      name: 'each on bonus: 2 models, reviewed',
      criterion: MODELS_BONUS,
      entry: { value: 2 },
      review: { points: { [ID]: 4 } },
      points: 4,
      rule: 'count',
    },
    {
      name: 'each on bonus: 4 models, the lead corrects the count, cap binding',
      criterion: MODELS_BONUS,
      entry: { value: 4 },
      review: { corrections: { [ID]: { value: 3 } } },
      points: 5,
      notes: ['corrected', 'capped'],
      rule: 'count',
    },
    { name: 'each on deduction: 3 late reports × 0,5', criterion: LATE, entry: { value: 3 }, points: -1.5, rule: 'count' },
    { name: 'each on deduction: 8 late, cap binding', criterion: LATE, entry: { value: 8 }, points: -3, notes: ['capped'], rule: 'count' },
    { name: 'each on deduction: none', criterion: LATE, entry: { value: 0 }, points: 0, rule: 'count' },
    {
      name: 'each on deduction: the lead adds one nobody declared',
      criterion: LATE,
      review: { corrections: { [ID]: { value: 2 } } },
      points: -1,
      notes: ['corrected'],
      rule: 'count',
    },
    {
      name: 'items on deduction: one fault',
      criterion: FAULTS,
      entry: { value: null, detail: { items: ['Vi phạm kỷ luật'] } },
      points: -3,
      rule: 'items',
    },
    {
      name: 'items on deduction: cap binding',
      criterion: FAULTS,
      entry: { value: null, detail: { items: ['Vi phạm kỷ luật', 'Để xảy ra khiếu kiện đông người'] } },
      points: -4,
      notes: ['capped'],
      rule: 'items',
    },
    {
      name: 'plain bonus: the lead awards points nobody claimed',
      criterion: criterion('bonus', 5),
      review: { corrections: { [ID]: { value: 3 } } },
      points: 3,
      notes: ['corrected'],
      rule: 'points',
    },
    {
      name: 'plain deduction: the lead adds one nobody declared',
      criterion: criterion('deduction', 5),
      review: { corrections: { [ID]: { value: 2 } } },
      points: -2,
      notes: ['corrected'],
      rule: 'points',
    },
  ]);
});

describe('group caps', () => {
  const table = [
    criterion('yes_no', 30, {}, 1, 'I. Nhiệm vụ chuyên môn'),
    criterion('count', 30, { each: 5, from: 'zero' }, 2, 'I. Nhiệm vụ chuyên môn'),
    criterion('yes_no', 50, {}, 3, 'II. Công tác thi đua'),
    criterion('bonus', 10, {}, 4, 'I. Nhiệm vụ chuyên môn'),
  ];
  const rules: TableRules = { groups: [{ name: 'I. Nhiệm vụ chuyên môn', max: 50 }] };
  const input = (models: number): UnitScoringInput => ({
    unitId: 1,
    targets: new Map(),
    report: reportWith({ 1: { value: 1 }, 2: { value: models }, 3: { value: 1 }, 4: { value: 10 } }, { points: { 4: 10 } }),
  });
  it.each([
    // 30 + 10 = 40 ≤ 50: not binding.
    { models: 2, groupSum: 40, counted: 40, scoreSum: 90 },
    // 30 + 30 = 60 → 50: binding; the bonus of the group's name is not in the group's sum.
    { models: 6, groupSum: 60, counted: 50, scoreSum: 100 },
  ])('$models models → group $groupSum counted $counted', ({ models, groupSum, counted, scoreSum }) => {
    const score = scoreUnit(table, input(models), rules);
    expect(score.groups).toEqual([{ name: 'I. Nhiệm vụ chuyên môn', max: 50, sum: groupSum, counted }]);
    expect(score.scoreSum).toBe(scoreSum);
    expect(score.total).toBe(scoreSum + 10);
    // Each line keeps its own points: the breakdown shows them, min_share_each reads them.
    expect(score.criteria[1]!.points).toBe(models * 5);
  });

  it('the base honours the caps', () => {
    expect(tableBase(table, rules.groups)).toBe(100);
    expect(tableBase(table)).toBe(110);
  });
});

describe('grades: min_share_each', () => {
  const bands: GradeBands = {
    bands: [
      { name: 'Hoàn thành xuất sắc', min: 90, minShareEach: 0.85 },
      { name: 'Hoàn thành tốt', min: 80, minShareEach: 0.8 },
      { name: 'Hoàn thành', min: 70, minShareEach: 0.7 },
    ],
    below: 'Không hoàn thành',
  };
  const table = [
    criterion('graded', 60, {}, 1),
    criterion('graded', 20, {}, 2),
    criterion('graded', 20, { scoredBy: 'lead' }, 3),
    criterion('bonus', 5, {}, 4),
  ];
  const unit = (id: number, scores: [number, number, number | undefined], bonus = 0): UnitScoringInput => {
    const points: Record<number, number> = { 1: scores[0], 2: scores[1] };
    if (scores[2] !== undefined) points[3] = scores[2];
    if (bonus) points[4] = bonus;
    return {
      unitId: id,
      targets: new Map(),
      report: reportWith({ 1: { value: scores[0] }, 2: { value: scores[1] }, 4: { value: bonus } }, { points }),
    };
  };
  it.each([
    { name: 'every criterion ≥ 85 % → top band', scores: [55, 18, 18] as const, grade: 'Hoàn thành xuất sắc', total: 91 },
    // 57 + 16 + 20 = 93 ≥ 90, but criterion 2 at 80 % < 85 %: the top band is missed.
    { name: 'a band missed by min_share_each', scores: [57, 16, 20] as const, grade: 'Hoàn thành tốt', total: 93 },
    // 60 + 13 + 20 = 93, criterion 2 at 65 %: under every band's share.
    { name: 'under every share → the floor band', scores: [60, 13, 20] as const, grade: 'Không hoàn thành', total: 93 },
    // exactly 85 % is enough
    { name: 'exactly the share reaches the band', scores: [54, 17, 20] as const, grade: 'Hoàn thành xuất sắc', total: 91 },
    // The lead has not scored 3 yet: it is left out of the test (0 of 20 would bar every band).
    { name: 'a line waiting for the lead is left out', scores: [60, 18, undefined] as const, grade: 'Hoàn thành tốt', total: 78 + 5 },
  ])('$name', ({ scores, grade, total }) => {
    const standings = computeStandings(table, [unit(1, [...scores], scores[2] === undefined ? 5 : 0)], bands);
    const row = standings.rows[0]!;
    expect(row.total).toBe(total);
    expect(row.grade).toBe(grade);
    expect(row.awaitingLead).toBe(scores[2] === undefined);
  });

  it('the total compared includes bonus and deductions', () => {
    expect(gradeOf(89.5, false, bands, 1)).toBe('Hoàn thành tốt');
    expect(gradeOf(89.5 + 0.5, false, bands, 1)).toBe('Hoàn thành xuất sắc');
    expect(gradeOf(95, false, bands, 0.849)).toBe('Hoàn thành tốt');
    expect(gradeOf(95, false, bands, null)).toBe('Hoàn thành xuất sắc');
  });
});
