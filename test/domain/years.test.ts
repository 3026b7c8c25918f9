import { describe, expect, it } from 'vitest';
import { currentYearOf } from '../../src/domain/years';

describe('currentYearOf', () => {
  it.each([
    [[2021], '2021-06-01T00:00:00Z', 2021],
    [[2021, 2022], '2021-12-31T17:30:00Z', 2022], // already 1 January in Hà Nội
    [[2021], '2022-01-15T00:00:00Z', 2021], // the year's work runs on into January
    [[2022, 2023], '2021-06-01T00:00:00Z', 2022],
    [[], '2021-06-01T00:00:00Z', undefined],
  ])('%j at %s → %s', (years, now, expected) => {
    expect(currentYearOf(years, new Date(now), 'Asia/Ho_Chi_Minh')).toBe(expected);
  });
});
