import { describe, expect, it } from 'vitest';
import { checkReportForm, countsThings, isValidReportEntry, type ReportFieldInput } from '../../src/domain/report-form';
import type { CriterionKind } from '../../src/domain/scoring';

const field = (kind: CriterionKind, typed: string | null, reason?: string | null, maxPoints = 5): ReportFieldInput<string> => ({
  id: kind,
  kind,
  maxPoints,
  typed,
  ...(reason !== undefined ? { reason } : {}),
});
const check = (input: ReportFieldInput<string>) => checkReportForm({ fields: [input] });

describe('a report field, by criterion kind', () => {
  it.each([
    ['target', '95', null, 95],
    ['target', '1.234,5', null, 1234.5],
    ['target', '0', null, 0],
    ['lower_better', '2', null, 2],
    ['lower_better', '0', null, 0],
    ['graded', '4,5', null, 4.5],
    ['graded', '5', null, 5],
    ['bonus', '3', 'Bằng khen của Bộ', 3],
    ['bonus', '', null, null],
    ['bonus', '0', null, 0],
    ['deduction', '2', 'Chậm báo cáo tháng 2', 2],
    ['deduction', null, null, null],
  ] as const)('%s %j reads as %j', (kind, typed, reason, expected) => {
    const read = check(field(kind, typed, reason));
    expect(read.problems).toEqual([]);
    expect(read.values.get(kind)?.value).toBe(expected);
  });

  it.each([
    ['yes', 1],
    ['no', 0],
  ])('yes_no %s reads as %d', (choice, value) => {
    expect(check(field('yes_no', choice)).values.get('yes_no')).toEqual({ value, reason: null });
  });

  it.each([
    ['target', '', null, { kind: 'required' }],
    ['target', 'mười', null, { kind: 'not_a_number', typed: 'mười' }],
    ['target', '-1', null, { kind: 'negative' }],
    ['lower_better', '  ', null, { kind: 'required' }],
    ['graded', '6', null, { kind: 'above_max', max: 5 }],
    ['graded', '', null, { kind: 'required' }],
    ['bonus', '7', 'Cờ thi đua', { kind: 'above_max', max: 5 }],
    ['bonus', '', 'a reason but no points', { kind: 'required' }],
    ['deduction', 'hai', 'x', { kind: 'not_a_number', typed: 'hai' }],
    ['yes_no', null, null, { kind: 'choice_required' }],
  ] as const)('%s %j is refused: %j', (kind, typed, reason, problem) => {
    expect(check(field(kind, typed, reason)).problems).toEqual([{ field: 'value', id: kind, problem }]);
  });

  it.each(['bonus', 'deduction'] as const)('%s points above 0 need a reason', (kind) => {
    expect(check(field(kind, '2', '  ')).problems).toEqual([{ field: 'reason', id: kind }]);
  });

  it('reports every problem of a page at once, in its order', () => {
    const result = checkReportForm({ fields: [field('target', 'x'), field('graded', '99'), field('bonus', '1')], evidence: 'not a link' });
    expect(result.problems.map((problem) => problem.field)).toEqual(['value', 'value', 'reason', 'evidence']);
  });

  it.each([
    ['https://drive.example.gov.vn/bao-cao-q1.pdf', true],
    ['http://vinhphuc.gov.vn/a', true],
    ['ftp://x.vn/file', false],
    ['bao-cao.pdf', false], // a file's name, not an address: the form takes files for that
    ['https://localhost', false],
    ['drive.vinhphuc.gov.vn/q1.pdf', 'https://drive.vinhphuc.gov.vn/q1.pdf'],
    ['  www.sotuphap.vinhphuc.gov.vn ', 'https://www.sotuphap.vinhphuc.gov.vn'],
    ['drive google com', false],
  ])('evidence %j is accepted: %s', (evidence, ok) => {
    const result = checkReportForm({ fields: [], evidence });
    expect(result.problems.length === 0).toBe(ok !== false);
    if (ok) expect(result.evidenceUrl).toBe(ok === true ? evidence : ok);
  });
});

describe('isValidReportEntry: what an earlier page carried, checked again', () => {
  it.each([
    ['target', 10, { value: 95.5, reason: null }, true],
    ['target', 10, { value: 0, reason: null }, true],
    ['target', 10, { value: -1, reason: null }, false],
    ['target', 10, { value: null, reason: null }, false],
    ['target', 10, { value: Number.POSITIVE_INFINITY, reason: null }, false],
    ['lower_better', 5, { value: 3, reason: null }, true],
    ['yes_no', 5, { value: 1, reason: null }, true],
    ['yes_no', 5, { value: 0, reason: null }, true],
    ['yes_no', 5, { value: 2, reason: null }, false],
    ['yes_no', 5, { value: null, reason: null }, false],
    ['graded', 10, { value: 10, reason: null }, true],
    ['graded', 10, { value: 10.5, reason: null }, false],
    ['bonus', 5, { value: null, reason: null }, true],
    ['bonus', 5, { value: 3, reason: 'Bằng khen' }, true],
    ['bonus', 5, { value: 3, reason: null }, false],
    ['bonus', 5, { value: 6, reason: 'Bằng khen' }, false],
    ['bonus', 5, { value: null, reason: 'lý do không kèm điểm' }, false],
    ['deduction', 5, { value: 0, reason: null }, true],
    ['target', 10, { value: 5, reason: 'lý do thừa' }, false],
  ] as const)('%s (max %d) %j → %s', (kind, max, entry, valid) => {
    expect(isValidReportEntry(kind, max, entry)).toBe(valid);
  });
});

describe('a figure that counts things', () => {
  it.each([
    ['vụ việc', true],
    ['Vụ việc', true],
    ['vu viec', true],
    ['trường hợp', true],
    ['hồ sơ', true],
    ['cases', true],
    ['%', false],
    ['tỷ đồng', false],
    ['ha', false],
    [null, false],
    ['', false],
  ])('“%s” counts things: %s', (unit, counts) => {
    expect(countsThings(unit)).toBe(counts);
  });

  it.each([
    ['lower_better', 'vụ việc', '1,5', false],
    ['lower_better', 'vụ việc', '2', true],
    ['target', '%', '97,5', true],
    ['target', 'hồ sơ', '12.5', false],
  ] as const)('a %s figure in “%s” typed “%s” is accepted: %s', (kind, measureUnit, typed, accepted) => {
    const read = checkReportForm({ fields: [{ id: 1, kind, maxPoints: 5, measureUnit, typed }] });
    expect(read.problems.length === 0).toBe(accepted);
    if (!accepted) expect(read.problems).toEqual([{ field: 'value', id: 1, problem: { kind: 'not_whole' } }]);
  });

  it('an indicator counted in cases takes a whole number; one in % its decimals', () => {
    const ask = {
      kind: 'indicators' as const,
      indicators: [
        { code: 'a', name: 'Tỷ lệ điều tra khám phá án', unit: '%', target: 90 },
        { code: 'b', name: 'Số vụ án ma túy phát hiện', unit: 'vụ', target: 40 },
      ],
    };
    const read = checkReportForm({
      fields: [{ id: 1, kind: 'target', maxPoints: 10, typed: null, ask, indicators: { a: '92,5', b: '40,5' } }],
    });
    expect(read.problems).toEqual([{ field: 'indicator', id: 1, code: 'b', problem: { kind: 'not_whole' } }]);
  });
});
