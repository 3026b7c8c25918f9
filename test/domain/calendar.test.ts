import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkingDays,
  instantAt,
  isWorkingDay,
  localDateOf,
  localMinutesOf,
  localYearOf,
  parseLocalDate,
  parseLocalDateTime,
  parseTimeOfDay,
  workingDayOnOrBefore,
  zonedInstant,
} from '../../src/domain/calendar';

const HANOI = 'Asia/Ho_Chi_Minh';
const HOLIDAYS = new Set(['2021-04-21', '2021-04-30', '2021-05-01', '2021-09-02', '2021-09-03']);

describe('calendar in the organisation zone', () => {
  it.each([
    ['2021-03-31T17:00', HANOI, '2021-03-31T10:00:00.000Z'],
    ['2021-01-01 00:00', HANOI, '2020-12-31T17:00:00.000Z'],
    ['2021-07-10T17:00', 'Europe/Berlin', '2021-07-10T15:00:00.000Z'],
    ['2021-01-10T17:00', 'Europe/Berlin', '2021-01-10T16:00:00.000Z'],
  ])('%s in %s is %s', (local, zone, utc) => {
    expect(zonedInstant(parseLocalDateTime(local)!, zone).toISOString()).toBe(utc);
  });

  it('gives each zone its own instant for the same wall clock, asked again and again', () => {
    const parts = parseLocalDateTime('2021-03-28T02:30')!; // a wall clock Berlin skips, in a zone that keeps it
    const asked = () => ['UTC', HANOI, 'Europe/Berlin', 'America/New_York'].map((zone) => zonedInstant(parts, zone).toISOString());
    const expected = ['2021-03-28T02:30:00.000Z', '2021-03-27T19:30:00.000Z', '2021-03-28T01:30:00.000Z', '2021-03-28T06:30:00.000Z'];
    expect(asked()).toEqual(expected);
    expect(asked()).toEqual(expected);
    expect(zonedInstant({ ...parts, minute: 31 }, HANOI).toISOString()).toBe('2021-03-27T19:31:00.000Z');
    // Each caller gets its own Date: one changed does not change the next.
    zonedInstant(parts, HANOI).setTime(0);
    expect(zonedInstant(parts, HANOI).toISOString()).toBe(expected[1]);
  });

  it('reads local dates and times back from instants, whatever the server zone', () => {
    const instant = new Date('2021-03-31T17:30:00Z'); // 00:30 on 1 April in Hà Nội
    expect(localDateOf(instant, HANOI)).toBe('2021-04-01');
    expect(localMinutesOf(instant, HANOI)).toBe(30);
    expect(instantAt('2021-04-01', 30, HANOI).toISOString()).toBe(instant.toISOString());
  });

  it.each([
    ['2021-02-29', null],
    ['2021-13-01', null],
    ['21-01-01', null],
    ['2024-02-29', { year: 2024, month: 2, day: 29, hour: 0, minute: 0 }],
  ])('parseLocalDate(%j)', (text, expected) => {
    expect(parseLocalDate(text)).toEqual(expected);
  });

  it.each([
    ['2021-03-31T24:00', null],
    ['2021-03-31T17:60', null],
    ['2021-03-31', null],
    ['2021-03-31T17:00:00', { year: 2021, month: 3, day: 31, hour: 17, minute: 0 }],
  ])('parseLocalDateTime(%j)', (text, expected) => {
    expect(parseLocalDateTime(text)).toEqual(expected);
  });

  it.each([
    ['08:00', 480],
    ['00:00', 0],
    ['23:59', 1439],
    ['24:00', null],
    ['8:00', null],
    ['08:60', null],
  ])('parseTimeOfDay(%j) = %j', (text, expected) => {
    expect(parseTimeOfDay(text)).toBe(expected);
  });

  it.each([
    ['2021-04-09', true], // Friday
    ['2021-04-10', false], // Saturday
    ['2021-04-11', false], // Sunday
    ['2021-04-30', false], // holiday on a Friday
    ['2021-05-03', true],
  ])('isWorkingDay(%s) = %s', (date, expected) => {
    expect(isWorkingDay(date, HOLIDAYS)).toBe(expected);
  });

  it.each([
    ['2021-04-11', '2021-04-09'], // Sunday → Friday
    ['2021-05-01', '2021-04-29'], // Saturday holiday, Friday holiday → Thursday
    ['2021-09-03', '2021-09-01'],
    ['2021-04-12', '2021-04-12'],
  ])('workingDayOnOrBefore(%s) = %s', (date, expected) => {
    expect(workingDayOnOrBefore(date, HOLIDAYS)).toBe(expected);
  });

  it.each([
    ['2021-04-10', 1, '2021-04-12'], // Saturday due → Monday
    ['2021-04-29', 1, '2021-05-03'], // over 30/4 and 1/5
    ['2021-04-12', 2, '2021-04-14'],
    ['2021-08-31', 3, '2021-09-07'],
    ['2021-04-12', 0, '2021-04-12'],
  ])('addWorkingDays(%s, %d) = %s', (date, count, expected) => {
    expect(addWorkingDays(date, count, HOLIDAYS)).toBe(expected);
  });

  it('adds calendar days across month and year ends', () => {
    expect(addDays('2021-12-31', 1)).toBe('2022-01-01');
    expect(addDays('2021-03-01', -1)).toBe('2021-02-28');
  });
});

describe('the local date, minute and year of an instant', () => {
  /** What TZDate (Intl's zone data) says of the instant itself. */
  const expected = (time: number, zone: string) => {
    const local = new TZDate(time, zone);
    const pad = (value: number) => String(value).padStart(2, '0');
    return {
      date: `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`,
      minutes: local.getHours() * 60 + local.getMinutes(),
      year: local.getFullYear(),
    };
  };

  // Around changes of offset (the offset is kept for a minute only when no change falls inside it):
  // Berlin and New York's daylight saving, Lord Howe's half hour, Samoa skipping 30/12/2011, a new
  // year in Hà Nội, and Monrovia's change of 1972 at 00:44:30 UTC, inside a minute.
  it.each([
    ['Europe/Berlin', '2021-03-28T01:00:00Z'],
    ['Europe/Berlin', '2021-10-31T01:00:00Z'],
    ['America/New_York', '2021-03-14T07:00:00Z'],
    ['America/New_York', '2021-11-07T06:00:00Z'],
    ['Australia/Lord_Howe', '2021-04-03T15:00:00Z'],
    ['Pacific/Apia', '2011-12-30T10:00:00Z'],
    ['Asia/Ho_Chi_Minh', '2021-12-31T17:00:00Z'],
    ['Africa/Monrovia', '1972-01-07T00:44:30Z'],
  ])('in %s around %s, as the zone data says for each instant', (zone, change) => {
    const at = new Date(change).getTime();
    // Every 7 s for 3 minutes either side, in one order and then the other, and the milliseconds next to the change.
    const times = [...Array.from({ length: 52 }, (_, step) => at - 180_000 + step * 7_000), at - 1, at, at + 1, at + 59_999];
    for (const time of [...times, ...times.reverse()]) {
      const instant = new Date(time);
      expect({ date: localDateOf(instant, zone), minutes: localMinutesOf(instant, zone), year: localYearOf(instant, zone) }).toEqual(
        expected(time, zone),
      );
    }
  });
});
