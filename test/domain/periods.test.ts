import { describe, expect, it } from 'vitest';
import {
  currentPeriod,
  isLate,
  latestDuePeriod,
  latestOpen,
  lockedFrom,
  nextToOpen,
  periodEndsAt,
  reportOpensAt,
  resubmissionDue,
  statusPeriod,
} from '../../src/domain/periods';

// The demo year's dues, 17:00 in Hà Nội (10:00 UTC).
const Q1 = { id: 1, code: 'Q1', due: new Date('2021-04-10T10:00:00Z') };
const H1 = { id: 2, code: 'H1', due: new Date('2021-07-10T10:00:00Z') };
const M9 = { id: 3, code: 'M9', due: new Date('2021-10-10T10:00:00Z') };
const PERIODS = [M9, Q1, H1]; // any order in, due order out

// Reports open 10 days before the period ends: Q1 (ends 31/03) from 22/03, H1 (30/06) from 21/06, M9 (30/09) from 21/09.
const OPENS = { Q1: '2021-03-21T17:00:00Z', H1: '2021-06-20T17:00:00Z', M9: '2021-09-20T17:00:00Z' };
const WINDOWED = PERIODS.map((period) => ({ ...period, opensAt: new Date(OPENS[period.code as keyof typeof OPENS]) }));

describe('reportOpensAt', () => {
  it.each([
    ['2021-03-31', 10, '2021-03-21T17:00:00Z'], // 00:00 on 22/03 in Hà Nội
    ['2021-03-31', 1, '2021-03-30T17:00:00Z'], // the period's last day
    ['2021-03-31', 0, '2021-03-31T17:00:00Z'], // once it has ended
    ['2021-06-30', 10, '2021-06-20T17:00:00Z'],
  ])('a period ending %s, %i days → %s', (endsOn, days, expected) => {
    expect(reportOpensAt(endsOn, days, 'Asia/Ho_Chi_Minh').toISOString()).toBe(new Date(expected).toISOString());
  });

  it('answers each end, number of days and zone apart, asked in turn, and a changed answer changes no other', () => {
    const asked = [
      ['2021-03-31', 10, 'Asia/Ho_Chi_Minh', '2021-03-21T17:00:00.000Z'],
      ['2021-03-31', 10, 'Europe/Paris', '2021-03-21T23:00:00.000Z'],
      ['2021-03-31', 11, 'Asia/Ho_Chi_Minh', '2021-03-20T17:00:00.000Z'],
      ['2021-04-01', 10, 'Asia/Ho_Chi_Minh', '2021-03-22T17:00:00.000Z'],
    ] as const;
    for (let round = 0; round < 2; round++)
      for (const [endsOn, days, zone, expected] of asked) {
        const opens = reportOpensAt(endsOn, days, zone);
        expect(opens.toISOString()).toBe(expected);
        opens.setTime(0);
      }
  });

  it('ends a period at midnight after its last day', () => {
    expect(periodEndsAt('2021-03-31', 'Asia/Ho_Chi_Minh').toISOString()).toBe('2021-03-31T17:00:00.000Z');
  });
});

describe('resubmissionDue', () => {
  const HN = 'Asia/Ho_Chi_Minh';
  const NONE = new Set<string>();
  it.each([
    // returned at (UTC), working days, period due (UTC), zone, holidays → due again (UTC)
    ['Wed 07/04 10:00 → Thu, Fri, Mon: 12/04 17:00', '2021-04-07T03:00:00Z', 3, Q1.due, HN, NONE, '2021-04-12T10:00:00Z'],
    ['Fri 09/04 15:00 → Mon, Tue, Wed: 14/04 17:00', '2021-04-09T08:00:00Z', 3, Q1.due, HN, NONE, '2021-04-14T10:00:00Z'],
    ['returned on a Saturday, 1 day → Monday', '2021-04-10T02:00:00Z', 1, Q1.due, HN, NONE, '2021-04-12T10:00:00Z'],
    [
      'a holiday is skipped: Tue 20/04, 2 days over Wed 21/04 → Fri 23/04',
      '2021-04-20T03:00:00Z',
      2,
      Q1.due,
      HN,
      new Set(['2021-04-21']),
      '2021-04-23T10:00:00Z',
    ],
    [
      'a long weekend: Thu 29/04, 1 day over 30/04 and 03/05 → Tue 04/05',
      '2021-04-29T03:00:00Z',
      1,
      Q1.due,
      HN,
      new Set(['2021-04-30', '2021-05-03']),
      '2021-05-04T10:00:00Z',
    ],
    // 20:00 UTC on Wed 07/04 is already Thu 08/04 03:00 in Hà Nội: counted from Thursday, not the server's Wednesday.
    ['the local date, not UTC’s: Thu 08/04 03:00 → Tue 13/04', '2021-04-07T20:00:00Z', 3, Q1.due, HN, NONE, '2021-04-13T10:00:00Z'],
    [
      'at the period due’s time of day: 23:59',
      '2021-04-07T03:00:00Z',
      3,
      new Date('2021-04-10T16:59:00Z'),
      HN,
      NONE,
      '2021-04-12T16:59:00Z',
    ],
    // Paris moves to summer time on 28/03: 17:00 is 16:00 UTC before and 15:00 UTC after.
    [
      'another zone across daylight saving: Fri 26/03 → Mon 29/03 17:00 CEST',
      '2021-03-26T10:00:00Z',
      1,
      new Date('2021-01-11T16:00:00Z'),
      'Europe/Paris',
      NONE,
      '2021-03-29T15:00:00Z',
    ],
  ])('%s', (_case, returnedAt, days, periodDue, zone, holidays, expected) => {
    expect(resubmissionDue(new Date(returnedAt), days, periodDue, zone, holidays).toISOString()).toBe(new Date(expected).toISOString());
  });
});

describe('currentPeriod', () => {
  it.each([
    ['before any report opens: nothing yet', '2021-03-01T00:00:00Z', [], undefined],
    ['Q1 open before its period ends', '2021-03-25T00:00:00Z', [], 'Q1'],
    ['exactly at the due, on time', '2021-04-10T10:00:00Z', [], 'Q1'],
    ['past Q1 without a Q1 report: the missed one first', '2021-05-01T00:00:00Z', [], 'Q1'],
    ['past Q1 with it submitted, H1 not open yet: nothing', '2021-04-11T03:00:00Z', [1], undefined],
    ['H1 open, Q1 submitted', '2021-06-25T00:00:00Z', [1], 'H1'],
    ['past H1, Q1 submitted, H1 not', '2021-08-01T00:00:00Z', [1], 'H1'],
    ['after every due, all submitted: nothing', '2021-12-01T00:00:00Z', [1, 2, 3], undefined],
    ['after every due, only M9 missing', '2021-12-01T00:00:00Z', [1, 2], 'M9'],
  ])('%s → %s', (_case, now, submitted, expected) => {
    expect(currentPeriod(WINDOWED, new Set(submitted), new Date(now))?.code).toBe(expected);
  });

  it('names the period that opens next and the latest open one', () => {
    const at = new Date('2021-04-11T03:00:00Z');
    expect(nextToOpen(WINDOWED, at)?.code).toBe('H1');
    expect(latestOpen(WINDOWED, at)?.code).toBe('Q1');
    expect(nextToOpen(WINDOWED, new Date('2021-12-01T00:00:00Z'))).toBeUndefined();
  });

  it('has nothing to offer without periods', () => {
    expect(currentPeriod([], new Set(), new Date())).toBeUndefined();
  });
});

describe('latestDuePeriod', () => {
  it.each([
    ['2021-03-01T00:00:00Z', 'Q1'], // none due yet: the first
    ['2021-04-10T10:00:00Z', 'Q1'], // at the due itself, Q1 is not yet past
    ['2021-04-12T02:00:00Z', 'Q1'],
    ['2021-07-11T00:00:00Z', 'H1'],
    ['2022-01-01T00:00:00Z', 'M9'],
  ])('at %s → %s', (now, expected) => {
    expect(latestDuePeriod(PERIODS, new Date(now))?.code).toBe(expected);
  });
});

describe('the periods by due, kept per frozen list (as the read cache hands them out)', () => {
  const frozen = <T extends object>(periods: T[]) => Object.freeze(periods.map((period) => Object.freeze({ ...period })));

  it('orders each frozen list by its own dues, asked again and again, as it does a list that is not frozen', () => {
    const year = frozen(PERIODS);
    // The same ids, other dues (another year, a re-import read afresh): its own order, not the first list's.
    const moved = frozen([
      { ...Q1, due: new Date('2021-12-10T10:00:00Z') },
      { ...H1, due: new Date('2021-02-10T10:00:00Z') },
      { ...M9, due: new Date('2021-05-10T10:00:00Z') },
    ]);
    const now = new Date('2021-08-01T00:00:00Z');
    for (let round = 0; round < 3; round++) {
      expect(latestDuePeriod(year, now)?.code).toBe('H1');
      expect(latestDuePeriod(moved, now)?.code).toBe('M9');
      expect(nextToOpen(WINDOWED, now)?.code).toBe('M9');
      expect(statusPeriod(moved, now)?.code).toBe('Q1');
      expect(latestDuePeriod([...moved], now)?.code).toBe('M9');
    }
    // The lists given are not reordered.
    expect(year.map((period) => period.code)).toEqual(['M9', 'Q1', 'H1']);
  });
});

describe('late and locked', () => {
  it.each([
    ['2021-04-10T09:59:59Z', false],
    ['2021-04-10T10:00:00Z', false],
    ['2021-04-10T10:00:01Z', true],
  ])('a report at %s is late: %s', (at, late) => {
    expect(isLate(new Date(at), Q1.due)).toBe(late);
  });

  it.each([
    [0, '2021-04-10T10:00:00.000Z'],
    [48, '2021-04-12T10:00:00.000Z'],
  ])('with %d grace hours the report locks at %s', (hours, at) => {
    expect(lockedFrom(Q1.due, hours).toISOString()).toBe(at);
  });
});

describe('statusPeriod', () => {
  it.each([
    ['2021-03-01T00:00:00Z', 'Q1'], // nothing due yet: the next one
    ['2021-04-12T00:00:00Z', 'Q1'], // Q1 just passed: late units are being chased
    ['2021-05-09T00:00:00Z', 'Q1'], // 29 days after
    ['2021-05-11T00:00:00Z', 'H1'], // past the window: the next one
    ['2021-07-12T00:00:00Z', 'H1'],
    ['2022-01-01T00:00:00Z', 'M9'], // all long past: the latest
  ])('at %s → %s', (now, expected) => {
    expect(statusPeriod(PERIODS, new Date(now))?.code).toBe(expected);
  });
});
