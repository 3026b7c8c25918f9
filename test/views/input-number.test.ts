import { describe, expect, it } from 'vitest';
import { parseLocaleNumber } from '../../src/domain/numbers';
import { inputNumber } from '../../src/views/pledge';

describe('a number put back into a form field', () => {
  it.each([
    [97.25, '97,25', '97.25'],
    [100, '100', '100'],
    [1234.5, '1.234,5', '1,234.5'],
    [12.125, '12,125', '12.1250'],
    [0.125, '0,125', '0.125'],
    [-2.5, '-2,5', '-2.5'],
    [1234567.891, '1.234.567,891', '1,234,567.891'],
  ])('%s reads “%s” in Vietnamese, “%s” in English, and reads back as itself in both', (value, vi, en) => {
    expect(inputNumber(value, 'vi')).toBe(vi);
    expect(inputNumber(value, 'en')).toBe(en);
    expect(parseLocaleNumber(vi)).toEqual({ ok: true, value });
    expect(parseLocaleNumber(en)).toEqual({ ok: true, value });
  });
});
