import { TZDate, tzScan } from '@date-fns/tz';
import { format } from 'date-fns/format';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countOf, formatDate, formatDateTime, formatLocalDate, formatNumber, formatPoints, formatTime } from '../../src/i18n/format';
import { statusText } from '../../src/views/status';

/** What date-fns writes for the same instant and zone: the reference the quick formatter must match. */
const reference = (instant: Date, zone: string, pattern: string) => format(new TZDate(instant.getTime(), zone), pattern);

// Zones with whole-hour, half-hour and quarter-hour offsets, with and without daylight saving,
// and with transitions that fall on a half hour of UTC (St John's, Lord Howe).
const ZONES = [
  'Asia/Ho_Chi_Minh',
  'America/Los_Angeles',
  'Europe/London',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'UTC',
];

describe('dates and times in the organisation’s zone', () => {
  it.each([
    ['2021-04-10T10:00:00Z', 'Asia/Ho_Chi_Minh', '10/04/2021 17:00', '10 Apr 2021 17:00'],
    ['2021-12-31T17:30:00Z', 'Asia/Ho_Chi_Minh', '01/01/2022 00:30', '1 Jan 2022 00:30'],
    ['2021-03-14T09:59:00Z', 'America/Los_Angeles', '14/03/2021 01:59', '14 Mar 2021 01:59'],
    ['2021-03-14T10:00:00Z', 'America/Los_Angeles', '14/03/2021 03:00', '14 Mar 2021 03:00'],
    ['2021-11-07T08:30:00Z', 'America/Los_Angeles', '07/11/2021 01:30', '7 Nov 2021 01:30'],
    ['2021-11-07T09:30:00Z', 'America/Los_Angeles', '07/11/2021 01:30', '7 Nov 2021 01:30'],
    ['2021-03-14T05:29:00Z', 'America/St_Johns', '14/03/2021 01:59', '14 Mar 2021 01:59'],
    ['2021-03-14T05:30:00Z', 'America/St_Johns', '14/03/2021 03:00', '14 Mar 2021 03:00'],
  ])('%s in %s: %s · %s', (iso, zone, vi, en) => {
    const instant = new Date(iso);
    expect(formatDateTime(instant, zone, 'vi')).toBe(vi);
    expect(formatDateTime(instant, zone, 'en')).toBe(en);
  });

  it('writes what date-fns writes, for any instant in any zone', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }), fc.constantFrom(...ZONES), (ms, zone) => {
        const instant = new Date(ms);
        expect(formatDate(instant, zone, 'vi')).toBe(reference(instant, zone, 'dd/MM/yyyy'));
        expect(formatDate(instant, zone, 'en')).toBe(reference(instant, zone, 'd MMM yyyy'));
        expect(formatTime(instant, zone)).toBe(reference(instant, zone, 'HH:mm'));
      }),
      { numRuns: 5000, seed: 15 },
    );
  });

  it('is exact on both sides of every offset change from 2020 to 2030', () => {
    let changes = 0;
    for (const zone of ZONES)
      for (const change of tzScan(zone, { start: new Date(Date.UTC(2020, 0, 1)), end: new Date(Date.UTC(2030, 0, 1)) })) {
        changes += 1;
        for (const at of [new Date(change.date.getTime() - 60_000), change.date, new Date(change.date.getTime() + 14 * 60_000)])
          expect([zone, at.toISOString(), formatDateTime(at, zone, 'vi')]).toEqual([
            zone,
            at.toISOString(),
            reference(at, zone, 'dd/MM/yyyy HH:mm'),
          ]);
      }
    expect(changes).toBeGreaterThan(80);
  });
});

/** What Intl.NumberFormat writes: the reference the quick number writer must match. */
const intlNumber = (value: number, locale: 'vi' | 'en', minimumFractionDigits: number, maximumFractionDigits: number) =>
  new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-US', {
    minimumFractionDigits,
    maximumFractionDigits,
    signDisplay: 'negative',
  }).format(value);

describe('numbers and points', () => {
  it.each([
    // Intl rounds the shortest decimal of the number (1.005, not 1.00499999999999989…), half away from zero.
    [1.005, '1,01', '1.01', '1,01'],
    [2.675, '2,68', '2.68', '2,68'],
    [-0.125, '-0,13', '-0.13', '-0,13'],
    // What rounds to zero has no minus sign.
    [-0.001, '0,00', '0.00', '0'],
    [-0, '0,00', '0.00', '0'],
    // A carry through every digit, and the groups of thousands.
    [999.995, '1.000,00', '1,000.00', '1.000'],
    [-1234567.5, '-1.234.567,50', '-1,234,567.50', '-1.234.567,5'],
    [58.5, '58,50', '58.50', '58,5'],
    [1000, '1.000,00', '1,000.00', '1.000'],
    // Past plain decimal notation Intl itself writes it.
    [1e21, '1.000.000.000.000.000.000.000,00', '1,000,000,000,000,000,000,000.00', '1.000.000.000.000.000.000.000'],
    [5e-7, '0,00', '0.00', '0'],
    [Number.POSITIVE_INFINITY, '∞', '∞', '∞'],
    [Number.NaN, 'NaN', 'NaN', 'NaN'],
  ])('%s: points %s · %s, number %s', (value, vi, en, number) => {
    expect(formatPoints(value, 'vi')).toBe(vi);
    expect(formatPoints(value, 'en')).toBe(en);
    expect(formatNumber(value, 'vi')).toBe(number);
  });

  it('writes what Intl.NumberFormat writes, for any number, decimals and language', () => {
    const anyNumber = fc.oneof(
      fc.double({ noNaN: false }),
      fc
        .integer({ min: -10_000_000, max: 10_000_000 })
        .chain((whole) => fc.integer({ min: 0, max: 6 }).map((places) => whole / 10 ** places)),
      fc.integer({ min: 0, max: 100_000 }).map((thousandths) => thousandths / 1000 + 0.0005),
    );
    fc.assert(
      fc.property(anyNumber, fc.constantFrom('vi' as const, 'en' as const), fc.integer({ min: 0, max: 6 }), (value, locale, decimals) => {
        expect(formatPoints(value, locale, decimals)).toBe(intlNumber(value, locale, decimals, decimals));
        expect(formatNumber(value, locale, decimals)).toBe(intlNumber(value, locale, 0, decimals));
      }),
      { numRuns: 5000, seed: 15 },
    );
  });
});

describe('a calendar date typed as yyyy-MM-dd', () => {
  it('is written as date-fns writes it', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }), (ms) => {
        const typed = new Date(ms).toISOString().slice(0, 10);
        const [year, month, day] = typed.split('-').map(Number);
        const local = new Date(year!, month! - 1, day!);
        expect(formatLocalDate(typed, 'vi')).toBe(format(local, 'dd/MM/yyyy'));
        expect(formatLocalDate(typed, 'en')).toBe(format(local, 'd MMM yyyy'));
      }),
      { numRuns: 2000, seed: 15 },
    );
    expect([formatLocalDate('2021-04-09', 'vi'), formatLocalDate('2021-04-09', 'en')]).toEqual(['09/04/2021', '9 Apr 2021']);
  });
});

describe('countOf: an English count with its noun', () => {
  it.each([
    [0, 'report', undefined, '0 reports'],
    [1, 'report', undefined, '1 report'],
    [2, 'report', undefined, '2 reports'],
    [1, 'more unit', undefined, '1 more unit'],
    [1234, 'day', undefined, '1,234 days'],
    [1, 'criterion', 'criteria', '1 criterion'],
    [3, 'criterion', 'criteria', '3 criteria'],
  ] as const)('%d %s', (count, singular, plural, expected) => {
    expect(countOf(count, singular, plural)).toBe(expected);
  });

  it('gives the one-action confirmation one report as one, and Vietnamese its number alone', () => {
    const { en, vi } = statusText;
    expect([en.confirmMany(1), en.confirmed(1, 'VKS'), en.confirmedSkipped(1), en.daysLeft(1), en.daysLate(1)]).toEqual([
      'Confirm 1 report with nothing to score',
      '✅ Confirmed 1 report: VKS.',
      ' 1 report changed or was reviewed meanwhile, so it was not confirmed.',
      '1 day left',
      '1 day overdue',
    ]);
    expect(en.confirmIntro(1)).toMatch(/^This report has nothing .* Confirm it with the unit’s own scores\?/);
    expect(en.confirmIntro(2)).toMatch(/^These 2 reports have nothing .* Confirm them all with the units’ own scores\?/);
    expect([en.confirmMany(2), vi.confirmMany(1)]).toEqual([
      'Confirm 2 reports with nothing to score',
      'Xác nhận 1 báo cáo không cần chấm',
    ]);
  });
});
