import { describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkingDays,
  instantAt,
  isWorkingDay,
  localDateOf,
  localMinutesOf,
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
