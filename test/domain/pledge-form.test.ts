import { describe, expect, it } from 'vitest';
import { checkPledgeForm, isPledgedKind, isValidTarget, readTargetValue } from '../../src/domain/pledge-form';

describe('readTargetValue', () => {
  it.each([
    ['target', '95', 95],
    ['target', '95,5', 95.5],
    ['target', '1.234,5', 1234.5],
    ['target', '1234.5', 1234.5],
    ['target', ' 100 % ', 100],
    ['target', '12.500', 12500],
    ['lower_better', '0', 0],
    ['lower_better', '2', 2],
    ['lower_better', '0,5', 0.5],
  ] as const)('%s %j reads as %d', (kind, typed, value) => {
    expect(readTargetValue(kind, typed)).toEqual({ ok: true, value });
  });

  it.each([
    ['target', null, { kind: 'required' }],
    ['target', '', { kind: 'required' }],
    ['lower_better', '   ', { kind: 'required' }],
    ['target', 'mười', { kind: 'not_a_number', typed: 'mười' }],
    ['target', ' 9 5x ', { kind: 'not_a_number', typed: '9 5x' }],
    ['target', '1.2.3,4,5', { kind: 'not_a_number', typed: '1.2.3,4,5' }],
    ['target', '0', { kind: 'not_positive' }],
    ['target', '-5', { kind: 'not_positive' }],
    ['lower_better', '-1', { kind: 'negative' }],
  ] as const)('%s %j is refused: %j', (kind, typed, problem) => {
    expect(readTargetValue(kind, typed)).toEqual({ ok: false, problem });
  });

  it.each([
    ['lower_better', '2,5', 'vụ việc', { ok: false, problem: { kind: 'not_whole' } }],
    ['lower_better', '2', 'vụ việc', { ok: true, value: 2 }],
    ['target', '12,5', 'hồ sơ', { ok: false, problem: { kind: 'not_whole' } }],
    ['target', '97,5', '%', { ok: true, value: 97.5 }],
    ['target', '2,5', 'tỷ đồng', { ok: true, value: 2.5 }],
  ] as const)('%s %j in “%s” reads as %j: a count of cases is whole', (kind, typed, unit, reading) => {
    expect(readTargetValue(kind, typed, unit)).toEqual(reading);
  });
});

describe('checkPledgeForm', () => {
  const targets = [
    { id: 1, kind: 'target' as const, typed: '95' },
    { id: 9, kind: 'lower_better' as const, typed: '0' },
  ];

  it('reads every value of a valid final page', () => {
    const checked = checkPledgeForm({ targets, final: true, titles: ['Cờ thi đua của UBND tỉnh'], signed: true });
    expect(checked.problems).toEqual([]);
    expect([...checked.values]).toEqual([
      [1, 95],
      [9, 0],
    ]);
  });

  it('lists every problem, in the order of the page', () => {
    const checked = checkPledgeForm({
      targets: [{ id: 1, kind: 'target', typed: 'mười' }, ...targets.slice(1), { id: 3, kind: 'target', typed: '' }],
      final: true,
      titles: [],
      signed: false,
    });
    expect(checked.problems).toEqual([
      { field: 'target', id: 1, problem: { kind: 'not_a_number', typed: 'mười' } },
      { field: 'target', id: 3, problem: { kind: 'required' } },
      { field: 'titles' },
      { field: 'signature' },
    ]);
    expect([...checked.values]).toEqual([[9, 0]]);
  });

  it('does not ask for titles or the signature before the last page', () => {
    expect(checkPledgeForm({ targets, final: false, titles: [], signed: false }).problems).toEqual([]);
  });

  it.each([
    ['target', true],
    ['lower_better', true],
    ['yes_no', false],
    ['graded', false],
    ['bonus', false],
    ['deduction', false],
  ] as const)('%s takes a pledged value: %s', (kind, pledged) => {
    expect(isPledgedKind(kind)).toBe(pledged);
  });
});

describe('isValidTarget: what an earlier page carried, checked again', () => {
  it.each([
    ['target', 100, true],
    ['target', 0, false],
    ['target', -5, false],
    ['target', Number.NaN, false],
    ['lower_better', 0, true],
    ['lower_better', -1, false],
    ['lower_better', Number.POSITIVE_INFINITY, false],
  ] as const)('%s %d → %s', (kind, value, valid) => {
    expect(isValidTarget(kind, value)).toBe(valid);
  });
});
