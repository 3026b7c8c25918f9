import { describe, expect, it } from 'vitest';
import { askedTargets, checkPledgeForm, isValidTarget, readTargetValue } from '../../src/domain/pledge-form';
import { checkReportForm, isValidReportEntry, type ReportFieldInput, reportAsk } from '../../src/domain/report-form';
import type { CriterionKind, CriterionRule } from '../../src/domain/scoring';
import { AWARDS, LEVELS } from '../support/v2-rules';

/** What the pledge and report forms ask of a unit under version 2, and how the answers are checked by their unit. */
const criterion = (kind: CriterionKind, rule?: CriterionRule, measureUnit: string | null = null) => ({
  kind,
  rule: rule ?? null,
  measureUnit,
});
const INDICATORS: CriterionRule = {
  indicators: {
    CA: [
      { code: 'a', name: 'Tỷ lệ điều tra khám phá án', unit: '%' },
      { code: 'b', name: 'Số vụ án ma túy phát hiện', unit: 'vụ', weight: 2 },
    ],
  },
};

describe('what the pledge asks', () => {
  it.each([
    ['a target of its own', criterion('target', {}, '%'), 'TT', [{ indicator: null, name: null, measureUnit: '%' }]],
    [
      'one target per indicator of the unit',
      criterion('target', INDICATORS, '%'),
      'CA',
      [
        { indicator: 'a', name: 'Tỷ lệ điều tra khám phá án', measureUnit: '%' },
        { indicator: 'b', name: 'Số vụ án ma túy phát hiện', measureUnit: 'vụ' },
      ],
    ],
    [
      'the criterion’s own target for a unit without indicators',
      criterion('target', INDICATORS, '%'),
      'TT',
      [{ indicator: null, name: null, measureUnit: '%' }],
    ],
    ['nothing for a criterion that does not apply', criterion('target', { appliesTo: ['CA'] }), 'TT', []],
    ['nothing for a lead-scored one', criterion('lower_better', { scoredBy: 'lead' }), 'TT', []],
    ['nothing for a yes/no one', criterion('yes_no'), 'TT', []],
    ['nothing for levels', criterion('levels', LEVELS), 'TT', []],
  ])('%s', (_what, asked, unitCode, expected) => {
    expect(askedTargets(asked, unitCode)).toEqual(expected);
  });

  it.each([
    ['target', '%', '100', { ok: true, value: 100 }],
    ['target', '%', '95,5', { ok: true, value: 95.5 }],
    ['target', '%', '101', { ok: false, problem: { kind: 'above_100' } }],
    ['target', '%', '0', { ok: false, problem: { kind: 'not_positive' } }],
    ['lower_better', '%', '0', { ok: true, value: 0 }],
    ['lower_better', '%', '120', { ok: false, problem: { kind: 'above_100' } }],
    ['target', 'vụ', '140', { ok: true, value: 140 }],
    ['target', null, '1.234', { ok: true, value: 1234 }],
  ] as const)('%s in %s: %j → %j', (kind, unit, typed, expected) => {
    expect(readTargetValue(kind, typed, unit)).toEqual(expected);
  });

  it('checks a whole page with the units, and carried values again', () => {
    const result = checkPledgeForm({
      targets: [
        { id: 'a', kind: 'target', typed: '150', measureUnit: '%' },
        { id: 'b', kind: 'target', typed: '40', measureUnit: 'vụ' },
      ],
      final: false,
      titles: [],
      signed: false,
    });
    expect(result.problems).toEqual([{ field: 'target', id: 'a', problem: { kind: 'above_100' } }]);
    expect(isValidTarget('target', 150, '%')).toBe(false);
    expect(isValidTarget('target', 150, 'vụ')).toBe(true);
  });
});

describe('what the report asks', () => {
  it.each([
    ['a figure', criterion('target'), 'TT', { kind: 'figure' }],
    ['each indicator', criterion('target', INDICATORS), 'CA', { kind: 'indicators', indicators: INDICATORS.indicators!.CA }],
    ['a level', criterion('levels', LEVELS), 'TT', { kind: 'level', levels: LEVELS.levels }],
    ['a count', criterion('count', { each: 1, from: 'max' }), 'TT', { kind: 'count' }],
    ['award items', criterion('bonus', AWARDS), 'TT', { kind: 'claim', as: 'items', items: AWARDS.items }],
    ['a count of late reports', criterion('deduction', { each: 0.5 }), 'TT', { kind: 'claim', as: 'count', items: [] }],
    ['points', criterion('bonus'), 'TT', { kind: 'claim', as: 'points', items: [] }],
    ['nothing: the lead scores it', criterion('graded', { scoredBy: 'lead' }), 'TT', { kind: 'none', why: 'lead' }],
    ['nothing: the bot knows it', criterion('yes_no', { scoredBy: 'auto', source: 'pledge_on_time' }), 'TT', { kind: 'none', why: 'auto' }],
    ['nothing: it does not apply', criterion('yes_no', { appliesTo: ['SNV'] }), 'TT', { kind: 'none', why: 'not_applicable' }],
  ])('%s', (_what, asked, unitCode, expected) => {
    expect(reportAsk(asked, unitCode)).toEqual(expected);
  });
});

describe('a version-2 answer checked by its unit', () => {
  const field = (
    kind: CriterionKind,
    rule: CriterionRule,
    answer: Partial<ReportFieldInput<string>>,
    unitCode = 'CA',
  ): ReportFieldInput<string> => ({
    id: 'x',
    kind,
    maxPoints: 10,
    typed: null,
    ...answer,
    ask: reportAsk({ kind, rule }, unitCode),
  });
  const read = (input: ReportFieldInput<string>) => checkReportForm({ fields: [input] });

  it.each([
    [
      'a level',
      field('levels', LEVELS, { typed: 'Hoàn thành tốt nhiệm vụ' }),
      { value: null, reason: null, detail: { level: 'Hoàn thành tốt nhiệm vụ' } },
    ],
    ['a count', field('count', { each: 1, from: 'max' }, { typed: '2' }), { value: 2, reason: null }],
    ['no case', field('count', { each: 1, from: 'zero' }, { typed: '0' }), { value: 0, reason: null }],
    [
      'late reports with a reason',
      field('deduction', { each: 0.5 }, { typed: '3', reason: 'Chậm báo cáo tháng 2, 5, 9' }),
      { value: 3, reason: 'Chậm báo cáo tháng 2, 5, 9' },
    ],
    ['no late report', field('deduction', { each: 0.5 }, { typed: '' }), { value: null, reason: null }],
    [
      'two awards ticked',
      field('bonus', AWARDS, { ticked: ['Bằng khen của Thủ tướng Chính phủ', 'Cờ thi đua của Chính phủ'], reason: 'QĐ 123/QĐ-TTg' }),
      { value: null, reason: 'QĐ 123/QĐ-TTg', detail: { items: ['Bằng khen của Thủ tướng Chính phủ', 'Cờ thi đua của Chính phủ'] } },
    ],
    ['no award', field('bonus', AWARDS, { ticked: [] }), { value: null, reason: null }],
    [
      'each indicator',
      field('target', INDICATORS, { indicators: { a: '81,5', b: '30' } }),
      { value: null, reason: null, detail: { indicators: { a: 81.5, b: 30 } } },
    ],
    ['a lead-scored line: nothing stored', field('graded', { scoredBy: 'lead' }, { typed: '10' }), { value: null, reason: null }],
  ])('%s', (_what, input, expected) => {
    const result = read(input);
    expect(result.problems).toEqual([]);
    expect(result.values.get('x')).toEqual(expected);
    expect(isValidReportEntry(input.kind, 10, result.values.get('x')!, input.ask)).toBe(true);
  });

  it.each([
    [
      'a count that is not whole',
      field('count', { each: 1, from: 'max' }, { typed: '1,5' }),
      [{ field: 'value', id: 'x', problem: { kind: 'not_whole' } }],
    ],
    [
      'a negative count',
      field('count', { each: 1, from: 'max' }, { typed: '-1' }),
      [{ field: 'value', id: 'x', problem: { kind: 'negative' } }],
    ],
    [
      'a count left empty',
      field('count', { each: 1, from: 'max' }, { typed: '' }),
      [{ field: 'value', id: 'x', problem: { kind: 'required' } }],
    ],
    ['late reports without a reason', field('deduction', { each: 0.5 }, { typed: '2' }), [{ field: 'reason', id: 'x' }]],
    [
      'half a late report',
      field('deduction', { each: 0.5 }, { typed: '0,5', reason: 'x' }),
      [{ field: 'value', id: 'x', problem: { kind: 'not_whole' } }],
    ],
    ['no level chosen', field('levels', LEVELS, { typed: null }), [{ field: 'value', id: 'x', problem: { kind: 'choice_required' } }]],
    [
      'a level not in the table',
      field('levels', LEVELS, { typed: 'Xuất sắc' }),
      [{ field: 'value', id: 'x', problem: { kind: 'unknown_choice' } }],
    ],
    ['an award without a reason', field('bonus', AWARDS, { ticked: ['Cờ thi đua của Chính phủ'] }), [{ field: 'reason', id: 'x' }]],
    [
      'an award not in the list',
      field('bonus', AWARDS, { ticked: ['Cờ của Bộ'], reason: 'x' }),
      [{ field: 'value', id: 'x', problem: { kind: 'unknown_choice' } }],
    ],
    [
      'indicators: one empty, one negative',
      field('target', INDICATORS, { indicators: { a: '', b: '-3' } }),
      [
        { field: 'indicator', id: 'x', code: 'a', problem: { kind: 'required' } },
        { field: 'indicator', id: 'x', code: 'b', problem: { kind: 'negative' } },
      ],
    ],
  ])('%s is refused', (_what, input, problems) => {
    expect(read(input).problems).toEqual(problems);
  });

  it('does not trust a carried entry that says other than the answer would', () => {
    const ask = reportAsk({ kind: 'levels', rule: LEVELS });
    expect(isValidReportEntry('levels', 10, { value: null, reason: null, detail: { level: 'Xuất sắc' } }, ask)).toBe(false);
    expect(isValidReportEntry('levels', 10, { value: 10, reason: null, detail: { level: 'Hoàn thành tốt nhiệm vụ' } }, ask)).toBe(false);
    const count = reportAsk({ kind: 'count', rule: { each: 1, from: 'max' } });
    expect(isValidReportEntry('count', 10, { value: 1.5, reason: null }, count)).toBe(false);
    // A version-1 field never carries a detail.
    expect(isValidReportEntry('target', 10, { value: 95, reason: null, detail: { level: 'x' } })).toBe(false);
  });
});
