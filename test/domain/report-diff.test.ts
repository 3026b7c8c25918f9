import { describe, expect, it } from 'vitest';
import { diffReports, type ReportEntry } from '../../src/domain/report-diff';

const content = (entry: ReportEntry | undefined) => ({
  values: new Map(entry ? [[1, entry]] : []),
  evidenceUrl: null,
  evidenceFiles: [],
  notes: '',
});

describe('diffReports: whether a criterion’s answer changed', () => {
  it.each<[string, ReportEntry | undefined, ReportEntry | undefined, boolean]>([
    ['the same number', { value: 3, reason: null }, { value: 3, reason: null }, false],
    ['another number', { value: 3, reason: null }, { value: 4, reason: null }, true],
    ['zero and minus zero', { value: 0, reason: null }, { value: -0, reason: null }, false],
    ['a number, then none', { value: 3, reason: null }, { value: null, reason: null }, true],
    ['none, then nothing stored', { value: null, reason: null }, undefined, false],
    ['nothing stored, then a number', undefined, { value: 0, reason: null }, true],
    ['an empty detail beside none', { value: 2, reason: null, detail: {} }, { value: 2, reason: null }, false],
    ['a detail left undefined beside none', { value: 2, reason: null, detail: undefined }, { value: 2, reason: null }, false],
    ['a level, then none', { value: 2, reason: null, detail: { level: 'Tốt' } }, { value: 2, reason: null }, true],
    ['another level', { value: 2, reason: null, detail: { level: 'Tốt' } }, { value: 2, reason: null, detail: { level: 'Khá' } }, true],
    [
      'indicators in another order',
      { value: 1, reason: null, detail: { indicators: { a: 1, b: 2 } } },
      { value: 1, reason: null, detail: { indicators: { b: 2, a: 1 } } },
      false,
    ],
    [
      'another indicator result',
      { value: 1, reason: null, detail: { indicators: { a: 1, b: 2 } } },
      { value: 1, reason: null, detail: { indicators: { a: 1, b: 3 } } },
      true,
    ],
    [
      'the same items',
      { value: 2, reason: null, detail: { items: ['x', 'y'] } },
      { value: 2, reason: null, detail: { items: ['x', 'y'] } },
      false,
    ],
    ['a detail with no answer beside nothing stored', { value: null, reason: null, detail: {} }, undefined, true],
  ])('%s', (_, before, after, changed) => {
    const kinds = diffReports(content(before), content(after), [1]).map((change) => change.kind);
    expect(kinds.includes('value')).toBe(changed);
    // Either way round.
    expect(diffReports(content(after), content(before), [1]).some((change) => change.kind === 'value')).toBe(changed);
  });
});
