import { describe, expect, it } from 'vitest';
import type { CriterionKind, CriterionRule, ScoreBasis } from '../../src/domain/scoring';
import { basisText, indicatorLines, ruleLine } from '../../src/standings/rule-text';

/** Each rule in one line, as `/thidua tieuchi` says it, and which rule gave a line its points, as the breakdown says it. */
const names = new Map([
  ['CA', 'Công an tỉnh'],
  ['THADS', 'Cục Thi hành án dân sự tỉnh'],
  ['TT', 'Thanh tra tỉnh'],
  ['SNV', 'Sở Nội vụ'],
]);
const context = { unitName: (code: string) => names.get(code) ?? code, notApplicable: 'full' as const };
const criterion = (kind: CriterionKind, maxPoints: number, rule?: CriterionRule) => ({ kind, maxPoints, rule: rule ?? null });

describe('ruleLine: how a criterion is scored, in one line', () => {
  it.each([
    ['a count from max', criterion('count', 5, { each: 1, from: 'max' }), 'tính từ 5 điểm, mỗi trường hợp trừ 1 điểm, thấp nhất 0'],
    ['a count from zero', criterion('count', 5, { each: 1, from: 'zero' }), 'mỗi trường hợp 1 điểm, tối đa 5 điểm'],
    [
      'tiers with a floor',
      criterion('target', 10, {
        tiers: [
          { atLeast: 100, points: 10 },
          { atLeast: 90, points: 8 },
          { atLeast: 0, points: 5 },
        ],
      }),
      'tỷ lệ hoàn thành chỉ tiêu ≥ 100 %: 10 điểm; ≥ 90 %: 8 điểm; còn lại 5 điểm',
    ],
    [
      'tiers without a floor',
      criterion('lower_better', 6, { tiers: [{ atLeast: 50.5, points: 6 }] }),
      'tỷ lệ giữ trong mức trần ≥ 50,5 %: 6 điểm; dưới 50,5 %: 0 điểm',
    ],
    ['lead-scored', criterion('graded', 10, { scoredBy: 'lead' }), 'Trưởng khối chấm, từ 0 đến 10 điểm'],
    [
      'lead-scored levels',
      criterion('levels', 5, { scoredBy: 'lead', levels: [{ name: 'Tốt', points: 5 }] }),
      'Trưởng khối chấm, chọn một mức: Tốt 5 điểm',
    ],
    [
      'automatic pledge',
      criterion('yes_no', 5, { scoredBy: 'auto', source: 'pledge_on_time' }),
      'tự động: 5 điểm nếu ký giao ước đúng hạn, 0 nếu không',
    ],
    [
      'levels',
      criterion('levels', 5, {
        levels: [
          { name: 'Hoàn thành xuất sắc nhiệm vụ', points: 5 },
          { name: 'Hoàn thành tốt nhiệm vụ', points: 4 },
        ],
      }),
      'chọn một mức: Hoàn thành xuất sắc nhiệm vụ 5 điểm; Hoàn thành tốt nhiệm vụ 4 điểm',
    ],
    [
      'award items',
      criterion('bonus', 15, {
        items: [
          { name: 'Cờ thi đua của Chính phủ', points: 15 },
          { name: 'Bằng khen của Thủ tướng Chính phủ', points: 5 },
        ],
      }),
      'Cờ thi đua của Chính phủ +15; Bằng khen của Thủ tướng Chính phủ +5; tối đa 15 điểm, sau khi Trưởng khối thẩm định',
    ],
    ['a deduction by count', criterion('deduction', 3, { each: 0.5 }), 'mỗi trường hợp trừ 0,5 điểm, tối đa 3 điểm'],
    [
      'indicators',
      criterion('target', 30, {
        indicators: {
          CA: [
            { code: 'a', name: 'A' },
            { code: 'b', name: 'B' },
          ],
          THADS: [{ code: 'a', name: 'A' }],
        },
      }),
      'chỉ tiêu riêng của từng đơn vị (Công an tỉnh: 2 chỉ tiêu; Cục Thi hành án dân sự tỉnh: 1 chỉ tiêu), tính theo tỷ lệ hoàn thành bình quân có trọng số, tối đa 30 điểm; đơn vị khác theo chỉ tiêu chung',
    ],
    [
      'only some units',
      criterion('yes_no', 10, { appliesTo: ['TT', 'SNV'] }),
      'đạt 10 điểm nếu có, 0 nếu không — chỉ áp dụng với Thanh tra tỉnh; Sở Nội vụ (đơn vị khác được tính đủ điểm)',
    ],
    ['a version-1 target', criterion('target', 40), 'tính theo tỷ lệ hoàn thành chỉ tiêu, tối đa 40 điểm'],
  ])('%s', (_what, rule, expected) => {
    expect(ruleLine(rule, 'vi', context)).toBe(expected);
  });

  it('says rescale where the table rescales, and speaks English', () => {
    expect(ruleLine(criterion('yes_no', 10, { appliesTo: ['TT'] }), 'vi', { ...context, notApplicable: 'rescale' })).toContain(
      'đơn vị khác không tính tiêu chí này, tổng điểm được quy đổi',
    );
    expect(ruleLine(criterion('count', 5, { each: 1, from: 'max' }), 'en', context)).toBe('from 5 points, 1 off per case, down to 0');
  });

  it('lists each unit’s own indicators with their unit and weight', () => {
    expect(
      indicatorLines(
        criterion('target', 30, {
          indicators: {
            CA: [
              { code: 'a', name: 'Tỷ lệ điều tra khám phá án', unit: '%' },
              { code: 'b', name: 'Số vụ án ma túy phát hiện', unit: 'vụ', weight: 2 },
            ],
          },
        }),
        'vi',
        context.unitName,
      ),
    ).toEqual(['Công an tỉnh: Tỷ lệ điều tra khám phá án (%); Số vụ án ma túy phát hiện (vụ, hệ số 2)']);
  });
});

describe('basisText: which rule gave a line its points', () => {
  const line = (basis: ScoreBasis, reported: number | null = null, target: number | null = null) => ({
    basis,
    reported,
    target,
    reviewed: null,
    points: 0,
  });
  it.each([
    [
      'a tier',
      line({ rule: 'tier', percent: 92, tier: { atLeast: 90, points: 8 } }, 92, 100),
      criterion('target', 10),
      'đạt 92 / chỉ tiêu 100 (92 %) → mức ≥ 90 %',
    ],
    [
      'no tier',
      line({ rule: 'tier', percent: 12.5, tier: null }, 12.5, 100),
      criterion('target', 10),
      'đạt 12,5 / chỉ tiêu 100 (12,5 %) → chưa đạt mức nào',
    ],
    [
      'indicators',
      line({
        rule: 'indicators',
        share: 0.8,
        parts: [
          { code: 'a', name: 'Tỷ lệ điều tra', unit: '%', weight: 1, achieved: 81, target: 90, share: 0.9 },
          { code: 'b', name: 'Số vụ', unit: 'vụ', weight: 2, achieved: null, target: 40, share: 0 },
        ],
      }),
      criterion('target', 30),
      'Tỷ lệ điều tra: 81 / 90; Số vụ: chưa có số liệu (hệ số 2) → bình quân có trọng số 80 %',
    ],
    [
      'signed on time',
      line({ rule: 'auto', source: 'pledge_on_time', onTime: true, at: Date.UTC(2018, 2, 17, 2) }),
      criterion('yes_no', 5),
      'tự động: đã ký ngày 17/03/2018 (đúng hạn)',
    ],
    [
      'reported late',
      line({ rule: 'auto', source: 'report_on_time', onTime: false, at: Date.UTC(2018, 11, 11, 2) }),
      criterion('yes_no', 5),
      'tự động: đã nộp ngày 11/12/2018, sau hạn',
    ],
    [
      'never signed',
      line({ rule: 'auto', source: 'pledge_on_time', onTime: false, at: null }),
      criterion('yes_no', 5),
      'tự động: chưa ký giao ước',
    ],
    [
      'a level',
      line({ rule: 'level', level: { name: 'Hoàn thành tốt nhiệm vụ', points: 4 } }),
      criterion('levels', 5),
      'mức “Hoàn thành tốt nhiệm vụ”',
    ],
    ['a count from max', line({ rule: 'count', count: 2, each: 1, from: 'max' }), criterion('count', 5), '2 trường hợp: 5 − 2 × 1'],
    ['a count from zero', line({ rule: 'count', count: 3, each: 0.5, from: 'zero' }), criterion('deduction', 3), '3 trường hợp × 0,5 điểm'],
    [
      'items',
      line({ rule: 'items', items: [{ name: 'Cờ thi đua của UBND tỉnh', points: 10 }] }),
      criterion('bonus', 15),
      'Cờ thi đua của UBND tỉnh +10',
    ],
    ['no items', line({ rule: 'items', items: [] }), criterion('deduction', 4), 'không có'],
    ['not applicable', line({ rule: 'not_applicable', mode: 'full' }), criterion('yes_no', 10), 'không áp dụng với đơn vị, tính đủ điểm'],
    ['waiting for the lead', line({ rule: 'awaiting_lead' }), criterion('graded', 10), 'chờ Trưởng khối chấm'],
  ])('%s', (_what, scored, rule, expected) => {
    expect(basisText(scored, rule, 'vi', 'Asia/Ho_Chi_Minh')).toBe(expected);
  });

  it('leaves version 1’s own words to the view', () => {
    expect(basisText(line({ rule: 'share', share: 0.95 }, 95, 100), criterion('target', 40), 'vi', 'Asia/Ho_Chi_Minh')).toBeUndefined();
    expect(basisText(line({ rule: 'score', by: 'unit' }, 9), criterion('graded', 10), 'vi', 'Asia/Ho_Chi_Minh')).toBeUndefined();
  });
});
