import { describe, expect, it } from 'vitest';
import type { ReportValueRead } from '../../src/domain/report-form';
import {
  type ReviewCriterion,
  type ReviewFieldInput,
  readReviewField,
  reviewAsk,
  reviewChanges,
} from '../../src/domain/review-corrections';
import type { CriterionRule } from '../../src/domain/scoring';
import { AWARDS, LEVELS } from '../support/v2-rules';

/** The lead's review under version 2: what the lead is asked, what needs a reason, what stays within the cap. */
const criterion = (kind: ReviewCriterion['kind'], maxPoints: number, rule?: CriterionRule, id = 7): ReviewCriterion => ({
  id,
  kind,
  maxPoints,
  rule: rule ?? null,
});

function review(
  reviewed: ReviewCriterion,
  own: ReportValueRead | undefined,
  answer: Partial<Pick<ReviewFieldInput<number>, 'typed' | 'ticked' | 'indicators' | 'reason'>>,
  unitCode = 'CA',
) {
  return readReviewField({
    id: reviewed.id,
    criterion: reviewed,
    ask: reviewAsk(reviewed, unitCode, own),
    own,
    typed: answer.typed ?? null,
    ticked: answer.ticked ?? null,
    ...(answer.indicators ? { indicators: answer.indicators } : {}),
    reason: answer.reason ?? null,
  });
}

describe('what the lead is asked', () => {
  it.each([
    [
      'a lead-scored graded line: a score',
      criterion('graded', 20, { scoredBy: 'lead' }),
      undefined,
      { kind: 'points', ceiling: 20, reasonAbove: null },
    ],
    ['a self-scored one: a score', criterion('graded', 10), { value: 8 }, { kind: 'points', ceiling: 10, reasonAbove: null }],
    [
      'a plain bonus: up to the max, a reason above the claim',
      criterion('bonus', 5),
      { value: 3 },
      { kind: 'points', ceiling: 5, reasonAbove: 3 },
    ],
    [
      'a plain deduction: a reason above what was declared',
      criterion('deduction', 5),
      { value: null },
      { kind: 'points', ceiling: 5, reasonAbove: 0 },
    ],
    [
      'a lead-scored level',
      criterion('levels', 10, { ...LEVELS, scoredBy: 'lead' }),
      undefined,
      { kind: 'lead', ask: { kind: 'level', levels: LEVELS.levels } },
    ],
    ['a figure it may change', criterion('target', 40), { value: 95 }, { kind: 'change', ask: { kind: 'figure' } }],
    [
      'award items it may change',
      criterion('bonus', 15, AWARDS),
      undefined,
      { kind: 'change', ask: { kind: 'claim', as: 'items', items: AWARDS.items } },
    ],
    ['nothing for an automatic line', criterion('yes_no', 5, { scoredBy: 'auto', source: 'pledge_on_time' }), undefined, { kind: 'none' }],
    ['nothing for a line that does not apply', criterion('yes_no', 5, { appliesTo: ['TT'] }), undefined, { kind: 'none' }],
  ])('%s', (_what, reviewed, own, expected) => {
    expect(reviewAsk(reviewed, 'CA', own)).toEqual(expected);
  });
});

describe('reading the lead’s answer', () => {
  it.each([
    [
      'scores a lead-scored line',
      criterion('graded', 20, { scoredBy: 'lead' }),
      undefined,
      { typed: '18' },
      { kind: 'points', points: 18, note: null },
    ],
    ['accepts a claim as is', criterion('bonus', 5), { value: 3, reason: 'BK' }, { typed: '3' }, { kind: 'points', points: 3, note: null }],
    [
      'cuts a claim without a reason',
      criterion('bonus', 5),
      { value: 3, reason: 'BK' },
      { typed: '1' },
      { kind: 'points', points: 1, note: null },
    ],
    [
      'awards more than claimed, with a reason',
      criterion('bonus', 5),
      { value: 3, reason: 'BK' },
      { typed: '5', reason: 'Thêm Bằng khen của Bộ' },
      { kind: 'correction', entry: { value: 5 }, reason: 'Thêm Bằng khen của Bộ' },
    ],
    [
      'awards a bonus nobody claimed',
      criterion('bonus', 5),
      undefined,
      { typed: '2', reason: 'Mô hình dân vận khéo' },
      { kind: 'correction', entry: { value: 2 }, reason: 'Mô hình dân vận khéo' },
    ],
    [
      'adds a deduction, with a reason',
      criterion('deduction', 5),
      { value: null, reason: null },
      { typed: '1', reason: 'Chậm báo cáo tháng 6' },
      { kind: 'points', points: 1, note: 'Chậm báo cáo tháng 6' },
    ],
    [
      'picks a lead-scored level',
      criterion('levels', 10, { ...LEVELS, scoredBy: 'lead' }),
      undefined,
      { typed: 'Hoàn thành tốt nhiệm vụ' },
      { kind: 'correction', entry: { value: null, detail: { level: 'Hoàn thành tốt nhiệm vụ' } }, reason: '' },
    ],
    [
      'changes a level, with a reason',
      criterion('levels', 10, LEVELS),
      { value: null, reason: null, detail: { level: 'Hoàn thành xuất sắc nhiệm vụ' } },
      { typed: 'Hoàn thành tốt nhiệm vụ', reason: 'Theo kết quả xếp loại của Đảng ủy' },
      {
        kind: 'correction',
        entry: { value: null, detail: { level: 'Hoàn thành tốt nhiệm vụ' } },
        reason: 'Theo kết quả xếp loại của Đảng ủy',
      },
    ],
    ['keeps a figure: no reason, no change', criterion('target', 40), { value: 95, reason: null }, { typed: '95' }, { kind: 'unchanged' }],
    [
      'changes a figure',
      criterion('target', 40),
      { value: 95, reason: null },
      { typed: '90', reason: 'Số liệu theo báo cáo thống kê' },
      { kind: 'correction', entry: { value: 90 }, reason: 'Số liệu theo báo cáo thống kê' },
    ],
    [
      'ticks an award nobody claimed',
      criterion('bonus', 15, AWARDS),
      undefined,
      { ticked: ['Bằng khen của Thủ tướng Chính phủ'], reason: 'QĐ 456/QĐ-TTg' },
      { kind: 'correction', entry: { value: null, detail: { items: ['Bằng khen của Thủ tướng Chính phủ'] } }, reason: 'QĐ 456/QĐ-TTg' },
    ],
    [
      'keeps the awards as claimed',
      criterion('bonus', 15, AWARDS),
      { value: null, reason: 'QĐ', detail: { items: ['Cờ thi đua của UBND tỉnh'] } },
      { ticked: ['Cờ thi đua của UBND tỉnh'] },
      // Accepted at what it claims: a bonus counts once reviewed.
      { kind: 'points', points: 10, note: null, asClaimed: true },
    ],
    [
      'refuses every award claimed, with a reason',
      criterion('bonus', 15, AWARDS),
      { value: null, reason: 'QĐ', detail: { items: ['Cờ thi đua của UBND tỉnh'] } },
      { ticked: [], reason: 'Chưa có quyết định' },
      { kind: 'correction', entry: { value: null }, reason: 'Chưa có quyết định' },
    ],
    [
      'adds a late report to the count',
      criterion('deduction', 3, { each: 0.5 }),
      { value: 1, reason: 'Chậm tháng 2' },
      { typed: '2', reason: 'Chậm thêm báo cáo tháng 6' },
      { kind: 'correction', entry: { value: 2 }, reason: 'Chậm thêm báo cáo tháng 6' },
    ],
  ])('%s', (_what, reviewed, own, answer, decision) => {
    const read = review(reviewed, own as ReportValueRead | undefined, answer);
    expect(read).toEqual({ ok: true, decision });
  });

  it.each([
    [
      'a lead-scored line left unscored',
      criterion('graded', 20, { scoredBy: 'lead' }),
      undefined,
      {},
      [{ field: 'value', id: 7, problem: { kind: 'required' } }],
    ],
    [
      'a score above the max',
      criterion('graded', 20, { scoredBy: 'lead' }),
      undefined,
      { typed: '21' },
      [{ field: 'range', id: 7, max: 20 }],
    ],
    [
      'more bonus than claimed without a reason',
      criterion('bonus', 5),
      { value: 3, reason: 'BK' },
      { typed: '4' },
      [{ field: 'reason', id: 7 }],
    ],
    [
      'a bonus above the cap',
      criterion('bonus', 5),
      { value: 3, reason: 'BK' },
      { typed: '6', reason: 'x' },
      [{ field: 'range', id: 7, max: 5 }],
    ],
    ['a deduction added without a reason', criterion('deduction', 5), undefined, { typed: '1' }, [{ field: 'reason', id: 7 }]],
    [
      'every award refused without a reason',
      criterion('bonus', 15, AWARDS),
      { value: null, reason: 'QĐ', detail: { items: ['Cờ thi đua của UBND tỉnh'] } },
      { ticked: [] },
      [{ field: 'reason', id: 7 }],
    ],
    [
      'a changed figure without a reason',
      criterion('target', 40),
      { value: 95, reason: null },
      { typed: '90' },
      [{ field: 'reason', id: 7 }],
    ],
    [
      'a lead-scored level not chosen',
      criterion('levels', 10, { ...LEVELS, scoredBy: 'lead' }),
      undefined,
      {},
      [{ field: 'value', id: 7, problem: { kind: 'choice_required' } }],
    ],
    [
      'late reports beyond the cap',
      criterion('deduction', 3, { each: 0.5 }),
      { value: 1, reason: 'x' },
      { typed: '7', reason: 'y' },
      [{ field: 'over_cap', id: 7, max: 3 }],
    ],
    [
      'a count that is not whole',
      criterion('count', 10, { each: 2, from: 'max' }),
      { value: 1, reason: null },
      { typed: '1,5', reason: 'x' },
      [{ field: 'value', id: 7, problem: { kind: 'not_whole' } }],
    ],
  ])('refuses %s', (_what, reviewed, own, answer, problems) => {
    expect(review(reviewed, own as ReportValueRead | undefined, answer)).toEqual({ ok: false, problems });
  });
});

describe('what the unit is told changed', () => {
  it('lists every change with its reason, in the table’s order, and not the lead’s own scoring', () => {
    const criteria = [
      criterion('target', 40, {}, 1),
      criterion('graded', 20, { scoredBy: 'lead' }, 2),
      criterion('graded', 10, {}, 3),
      criterion('bonus', 15, AWARDS, 4),
      criterion('deduction', 3, { each: 0.5 }, 5),
      criterion('yes_no', 5, {}, 6),
    ];
    const own = new Map<number, ReportValueRead>([
      [1, { value: 95, reason: null }],
      [3, { value: 9, reason: null }],
      [5, { value: 1, reason: 'Chậm tháng 2' }],
      [6, { value: 1, reason: null }],
    ]);
    const changes = reviewChanges(
      criteria,
      own,
      new Map([
        [1, { kind: 'correction', entry: { value: 90 }, reason: 'Theo thống kê' }],
        [2, { kind: 'points', points: 18, note: null }],
        [3, { kind: 'points', points: 7, note: null }],
        [4, { kind: 'correction', entry: { value: null, detail: { items: ['Bằng khen của Thủ tướng Chính phủ'] } }, reason: 'QĐ 456' }],
        [5, { kind: 'correction', entry: { value: 2 }, reason: 'Chậm tháng 6' }],
        [6, { kind: 'unchanged' }],
      ]),
    );
    expect(changes).toEqual([
      { criterionId: 1, before: { value: 95 }, after: { entry: { value: 90 } }, reason: 'Theo thống kê' },
      { criterionId: 3, before: { value: 9 }, after: { points: 7 }, reason: '' },
      {
        criterionId: 4,
        before: null,
        after: { entry: { value: null, detail: { items: ['Bằng khen của Thủ tướng Chính phủ'] } } },
        reason: 'QĐ 456',
      },
      { criterionId: 5, before: { value: 1 }, after: { entry: { value: 2 } }, reason: 'Chậm tháng 6' },
    ]);
  });
});
