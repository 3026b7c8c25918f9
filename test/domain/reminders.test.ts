import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION_FILE } from '../../db/files';
import { addDays, instantAt, isWorkingDay, localDateOf } from '../../src/domain/calendar';
import {
  afterQuietHours,
  isQuiet,
  type NudgeSlot,
  nudgeDueAt,
  nudgeSlots,
  overdueWindowEnd,
  policyFromSettings,
  type ReminderPolicy,
  summaryDueAt,
  summaryLatestAt,
  summaryPolicyFromSettings,
} from '../../src/domain/reminders';
import { readOrganisationFile } from '../../src/organisation/read-file';

// The demo year as the organisation file gives it: Asia/Ho_Chi_Minh (UTC+7 all year), reminders
// [7, 3, 1] at 08:00, overdue every 2 working days, quiet 20:00–07:00, summary at 09:00, 2021 holidays.
const demo = (() => {
  const read = readOrganisationFile(readFileSync(DEMO_ORGANISATION_FILE, 'utf8'));
  if (!read.ok) throw new Error(read.problems.join('\n'));
  const year = read.data.years.find((candidate) => candidate.year === 2021)!;
  return { organisation: read.data.organisation, year, holidays: read.data.holidays };
})();
const policy = policyFromSettings(demo.organisation, demo.year, demo.holidays);
const summaryPolicy = summaryPolicyFromSettings(demo.organisation, demo.year, demo.holidays);
const q1Due = demo.year.periods.find((period) => period.code === 'Q1')!.due;
const pledgeDue = demo.year.pledgeDue;

const utc = (iso: string) => new Date(iso);
/** Hà Nội wall time (UTC+7, no daylight saving) written as a UTC instant, independent of the code under test. */
const hanoi = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const show = (slots: NudgeSlot[]) => slots.map((slot) => `${slot.slot} ${slot.at.toISOString()}`);
const withPolicy = (changes: Partial<ReminderPolicy>): ReminderPolicy => ({ ...policy, ...changes });

describe('the demo year as read from db/seed/demo.yaml', () => {
  it('gives the expected settings and dues', () => {
    expect(policy).toMatchObject({
      zone: 'Asia/Ho_Chi_Minh',
      beforeDays: [7, 3, 1],
      atMinutes: 480,
      overdueEveryDays: 2,
      overdueWindowDays: 30,
      quiet: { fromMinutes: 1200, toMinutes: 420 },
    });
    expect(summaryPolicy.summaryAtMinutes).toBe(540);
    expect(q1Due.toISOString()).toBe('2021-04-10T10:00:00.000Z'); // Saturday 10/04/2021 17:00 local
    expect(pledgeDue.toISOString()).toBe('2021-03-31T10:00:00.000Z'); // Wednesday 31/03/2021 17:00 local
  });
});

describe('nudgeSlots', () => {
  it('Quý I, due on a Saturday: before-due slots on the previous working days, overdue every 2 working days for 30 days', () => {
    expect(show(nudgeSlots(q1Due, policy))).toEqual([
      'before-7 2021-04-02T01:00:00.000Z', // Sat 03/04 → Fri 02/04 08:00
      'before-3 2021-04-07T01:00:00.000Z', // Wed 07/04 08:00
      'before-1 2021-04-09T01:00:00.000Z', // Fri 09/04 08:00
      'overdue-1 2021-04-12T01:00:00.000Z', // Mon 12/04, the first working day after Sat 10/04
      'overdue-2 2021-04-14T01:00:00.000Z',
      'overdue-3 2021-04-16T01:00:00.000Z',
      'overdue-4 2021-04-20T01:00:00.000Z',
      'overdue-5 2021-04-23T01:00:00.000Z', // Wed 21/04 (Giỗ Tổ Hùng Vương) is not counted
      'overdue-6 2021-04-27T01:00:00.000Z',
      'overdue-7 2021-04-29T01:00:00.000Z',
      'overdue-8 2021-05-04T01:00:00.000Z', // 30/04 and 01/05 are holidays
      'overdue-9 2021-05-06T01:00:00.000Z',
      'overdue-10 2021-05-10T01:00:00.000Z', // Mon 10/05 08:00, before the window closes at 17:00
    ]);
  });

  it('the pledge, due Wednesday 31/03: the 3-days-before slot falls on Sunday 28/03 and moves to Friday 26/03', () => {
    expect(show(nudgeSlots(pledgeDue, withPolicy({ overdueEveryDays: 0 })))).toEqual([
      'before-7 2021-03-24T01:00:00.000Z',
      'before-3 2021-03-26T01:00:00.000Z',
      'before-1 2021-03-30T01:00:00.000Z',
      'overdue-1 2021-04-01T01:00:00.000Z',
    ]);
  });

  it.each([
    // due (local)         before-days  expected slots
    ['2021-05-03 17:00', [3], ['before-3 2021-04-29T01:00:00.000Z']], // Fri 30/04 holiday → Thu 29/04
    ['2021-05-04 17:00', [3, 1], ['before-3 2021-04-29T01:00:00.000Z', 'before-1 2021-05-03T01:00:00.000Z']], // Sat 01/05 → 30/04 → 29/04
    ['2021-09-06 17:00', [3], ['before-3 2021-09-01T01:00:00.000Z']], // Fri 03/09 and Thu 02/09 holidays → Wed 01/09
    ['2021-02-17 17:00', [7], ['before-7 2021-02-09T01:00:00.000Z']], // Wed 10/02 (Tết) → Tue 09/02
  ])('a before-due slot on a holiday moves to the previous working day (due %s, %j)', (due, beforeDays, expected) => {
    const slots = nudgeSlots(hanoi(due), withPolicy({ beforeDays, overdueWindowDays: 0 }));
    expect(show(slots)).toEqual(expected);
  });

  it('keeps one slot, the one closest to the due, when before-days land on the same instant', () => {
    // Due Monday 06/09: 4, 3 and 1 days before are Thu 02/09 (holiday), Fri 03/09 (holiday) and
    // Sun 05/09; all three move back to Wed 01/09 08:00. before-1 is kept.
    const slots = nudgeSlots(hanoi('2021-09-06 17:00'), withPolicy({ beforeDays: [4, 3, 1], overdueWindowDays: 0 }));
    expect(show(slots)).toEqual(['before-1 2021-09-01T01:00:00.000Z']);
  });

  it('the first overdue nudge skips holidays after the due', () => {
    // Due Wed 01/09: Thu 02/09 and Fri 03/09 are holidays, so the first overdue nudge is Mon 06/09.
    const slots = nudgeSlots(hanoi('2021-09-01 17:00'), withPolicy({ beforeDays: [], overdueEveryDays: 0 }));
    expect(show(slots)).toEqual(['overdue-1 2021-09-06T01:00:00.000Z']);
  });

  it('drops before-due slots that are not strictly before the due, and puts "0 days before" on the due date', () => {
    // Due Friday 09/04 at 08:00 exactly: the 08:00 nudge of that day would come too late.
    expect(show(nudgeSlots(hanoi('2021-04-09 08:00'), withPolicy({ beforeDays: [1, 0], overdueWindowDays: 0 })))).toEqual([
      'before-1 2021-04-08T01:00:00.000Z',
    ]);
    expect(show(nudgeSlots(hanoi('2021-04-09 08:01'), withPolicy({ beforeDays: [1, 0], overdueWindowDays: 0 })))).toEqual([
      'before-1 2021-04-08T01:00:00.000Z',
      'before-0 2021-04-09T01:00:00.000Z',
    ]);
  });

  it('a due late in the evening still gets its first overdue nudge the next working day, after the due', () => {
    const due = hanoi('2021-04-08 23:59');
    expect(show(nudgeSlots(due, withPolicy({ beforeDays: [], overdueEveryDays: 0 })))).toEqual(['overdue-1 2021-04-09T01:00:00.000Z']);
  });

  it('with overdue_every_days 0 there is exactly one overdue nudge', () => {
    const overdue = nudgeSlots(q1Due, withPolicy({ overdueEveryDays: 0 })).filter((slot) => slot.kind === 'overdue');
    expect(show(overdue)).toEqual(['overdue-1 2021-04-12T01:00:00.000Z']);
  });

  it.each([
    // window days, reminder time, last overdue slot (undefined: none)
    [30, 480, 'overdue-10 2021-05-10T01:00:00.000Z'], // Mon 10/05 08:00 < 17:00 window end
    [30, 1020, 'overdue-9 2021-05-06T10:00:00.000Z'], // at 17:00, Mon 10/05 17:00 is the window end itself: excluded
    [2, 480, 'overdue-1 2021-04-12T01:00:00.000Z'],
    [1, 480, undefined], // window ends Sun 11/04 17:00, before the first working day
    [0, 480, undefined],
  ])('overdue nudges stay within the window (%i days, at minute %i)', (overdueWindowDays, atMinutes, last) => {
    const overdue = nudgeSlots(q1Due, withPolicy({ overdueWindowDays, atMinutes })).filter((slot) => slot.kind === 'overdue');
    expect(overdue.length ? show(overdue).at(-1) : undefined).toBe(last);
  });

  it('a reminder time inside quiet hours is posted at the end of quiet hours on the same working day', () => {
    // reminders.at "21:00" with quiet 20:00–07:00: every slot at 07:00 (00:00 UTC) of its day.
    expect(show(nudgeSlots(q1Due, withPolicy({ atMinutes: 21 * 60, overdueEveryDays: 0 })))).toEqual([
      'before-7 2021-04-02T00:00:00.000Z',
      'before-3 2021-04-07T00:00:00.000Z',
      'before-1 2021-04-09T00:00:00.000Z',
      'overdue-1 2021-04-12T00:00:00.000Z',
    ]);
    // A non-wrapping quiet range (12:00–13:30) and a time inside it.
    const lunch = withPolicy({
      atMinutes: 12 * 60 + 15,
      quiet: { fromMinutes: 720, toMinutes: 810 },
      beforeDays: [3],
      overdueWindowDays: 0,
    });
    expect(show(nudgeSlots(q1Due, lunch))).toEqual(['before-3 2021-04-07T06:30:00.000Z']);
  });

  it('slot ids do not depend on the reminder time', () => {
    const ids = (changes: Partial<ReminderPolicy>) => nudgeSlots(q1Due, withPolicy(changes)).map((slot) => slot.slot);
    expect(ids({ atMinutes: 600 })).toEqual(ids({}));
  });

  it('uses the organisation zone only: Europe/Berlin across the change to summer time', () => {
    // Due Tue 30/03/2021 17:00 CEST (15:00 UTC); Sat 27/03 → Fri 26/03 08:00 CET (07:00 UTC); Mon 29/03 08:00 CEST (06:00 UTC).
    const berlin = withPolicy({ zone: 'Europe/Berlin', holidays: new Set(), beforeDays: [3, 1], overdueWindowDays: 0 });
    expect(show(nudgeSlots(utc('2021-03-30T15:00:00Z'), berlin))).toEqual([
      'before-3 2021-03-26T07:00:00.000Z',
      'before-1 2021-03-29T06:00:00.000Z',
    ]);
    // 30 calendar days after 10/03 17:00 CET is 09/04 17:00 CEST: 29 × 24 + 23 hours.
    expect(overdueWindowEnd(utc('2021-03-10T16:00:00Z'), { zone: 'Europe/Berlin', overdueWindowDays: 30 }).toISOString()).toBe(
      '2021-04-09T15:00:00.000Z',
    );
  });
});

describe('the server zone plays no part', () => {
  const original = process.env.TZ;
  afterEach(() => {
    process.env.TZ = original;
  });

  it('tests run in a server zone other than the organisation’s', () => {
    expect(new Date('2021-04-10T10:00:00Z').getTimezoneOffset()).toBe(7 * 60); // Los Angeles, UTC−7 in April
  });

  it.each(['UTC', 'Asia/Tokyo', 'Pacific/Kiritimati', 'America/St_Johns'])(
    'gives the same slots, nudges and summary with TZ=%s',
    (zone) => {
      const compute = () => ({
        slots: show(nudgeSlots(q1Due, policy)),
        nudge: nudgeDueAt(q1Due, policy, hanoi('2021-04-13 10:00'))?.slot,
        quiet: isQuiet(hanoi('2021-04-13 06:59'), policy),
        summary: summaryDueAt(q1Due, summaryPolicy, hanoi('2021-04-12 09:00'))?.at.toISOString(),
      });
      const here = compute();
      process.env.TZ = zone;
      expect(new Date('2021-04-10T10:00:00Z').getTimezoneOffset()).not.toBe(7 * 60); // the switch took effect
      expect(compute()).toEqual(here);
      expect(here).toMatchObject({ nudge: 'overdue-1', quiet: true, summary: '2021-04-12T02:00:00.000Z' });
      expect(here.slots[0]).toBe('before-7 2021-04-02T01:00:00.000Z');
    },
  );
});

describe('isQuiet', () => {
  it.each([
    ['2021-04-09 19:59', false],
    ['2021-04-09 20:00', true],
    ['2021-04-09 23:59', true],
    ['2021-04-10 00:00', true],
    ['2021-04-10 06:59', true],
    ['2021-04-10 07:00', false],
    ['2021-04-10 12:00', false],
  ])('20:00–07:00 (wrapping midnight) at %s local: %s', (local, quiet) => {
    expect(isQuiet(hanoi(local), policy)).toBe(quiet);
  });

  it('a range that does not wrap, and from = to meaning no quiet hours', () => {
    const lunch = { zone: policy.zone, quiet: { fromMinutes: 720, toMinutes: 810 } };
    expect(
      [hanoi('2021-04-09 11:59'), hanoi('2021-04-09 12:00'), hanoi('2021-04-09 13:29'), hanoi('2021-04-09 13:30')].map((at) =>
        isQuiet(at, lunch),
      ),
    ).toEqual([false, true, true, false]);
    const none = { zone: policy.zone, quiet: { fromMinutes: 420, toMinutes: 420 } };
    expect(isQuiet(hanoi('2021-04-09 07:00'), none)).toBe(false);
    expect(isQuiet(hanoi('2021-04-09 03:00'), none)).toBe(false);
  });
});

describe('nudgeDueAt', () => {
  it.each([
    // now (local)           expected slot
    ['2021-04-02 07:59', undefined], // before the first slot
    ['2021-04-02 08:00', 'before-7'],
    ['2021-04-06 15:00', 'before-7'], // still the latest one: the outbox key stops a repeat
    ['2021-04-08 10:00', 'before-3'], // down since 01/04: one catch-up, not before-7 as well
    ['2021-04-09 19:59', 'before-1'],
    ['2021-04-09 20:00', undefined], // quiet hours
    ['2021-04-10 06:59', undefined], // quiet hours
    ['2021-04-10 16:59', 'before-1'], // missed on Friday, the due (Saturday 17:00) has not passed yet
    ['2021-04-10 17:00', undefined], // due passed: no before-due nudge any more
    ['2021-04-11 10:00', undefined], // Sunday, no overdue slot yet
    ['2021-04-12 07:59', undefined],
    ['2021-04-12 08:00', 'overdue-1'],
    ['2021-04-15 12:00', 'overdue-2'], // down from 12/04 to 15/04: only the latest missed overdue nudge
    ['2021-05-10 16:59', 'overdue-10'],
    ['2021-05-10 17:00', undefined], // 30 days passed
    ['2021-06-01 09:00', undefined],
  ])('Quý I at %s: %s', (now, expected) => {
    expect(nudgeDueAt(q1Due, policy, hanoi(now))?.slot).toBe(expected);
  });

  it('returns the slot itself, with its instant', () => {
    expect(nudgeDueAt(q1Due, policy, hanoi('2021-04-08 10:00'))).toEqual({
      slot: 'before-3',
      kind: 'before',
      at: utc('2021-04-07T01:00:00Z'),
      ordinal: 2, // before-7, then before-3
    });
    expect(nudgeDueAt(q1Due, policy, hanoi('2021-04-14 10:00'))).toMatchObject({ slot: 'overdue-2', ordinal: 2 });
  });

  /** A scheduler standing in for the real one: a pass every `stepMinutes` while up, an outbox that refuses a key twice. */
  function simulate(from: string, to: string, down: [string, string][], stepMinutes = 15): string[] {
    const sent = new Set<string>();
    const log: string[] = [];
    for (let now = hanoi(from).getTime(); now <= hanoi(to).getTime(); now += stepMinutes * 60_000) {
      if (down.some(([start, end]) => now >= hanoi(start).getTime() && now < hanoi(end).getTime())) continue;
      const slot = nudgeDueAt(q1Due, policy, new Date(now));
      if (slot && !sent.has(slot.slot)) {
        sent.add(slot.slot);
        log.push(`${slot.slot} posted ${localDateOf(new Date(now), policy.zone)} ${new Date(now).toISOString().slice(11, 16)}Z`);
      }
    }
    return log;
  }

  it('a scheduler that never stops posts every slot once, at its time', () => {
    const log = simulate('2021-03-30 00:00', '2021-05-20 00:00', []);
    expect(log.map((line) => line.split(' ')[0])).toEqual(nudgeSlots(q1Due, policy).map((slot) => slot.slot));
    expect(log[0]).toBe('before-7 posted 2021-04-02 01:00Z');
  });

  it('restart after a missed window: one catch-up nudge, not a burst', () => {
    const log = simulate('2021-03-30 00:00', '2021-04-20 12:00', [
      ['2021-04-01 00:00', '2021-04-08 10:07'], // before-7 and before-3 missed
      ['2021-04-09 20:30', '2021-04-15 13:00'], // before-1 sent; overdue-1 and overdue-2 missed
    ]);
    expect(log).toEqual([
      'before-3 posted 2021-04-08 03:15Z', // the first pass after the restart (10:15 local)
      'before-1 posted 2021-04-09 01:00Z',
      'overdue-2 posted 2021-04-15 06:00Z',
      'overdue-3 posted 2021-04-16 01:00Z',
      'overdue-4 posted 2021-04-20 01:00Z',
    ]);
  });

  it('a restart in quiet hours waits for their end', () => {
    const log = simulate('2021-04-11 00:00', '2021-04-14 00:00', [['2021-04-11 00:00', '2021-04-12 05:00']]);
    expect(log[0]).toBe('overdue-1 posted 2021-04-12 01:00Z');
    const late = simulate('2021-04-12 00:00', '2021-04-13 12:00', [['2021-04-12 00:00', '2021-04-12 21:00']]);
    expect(late[0]).toBe('overdue-1 posted 2021-04-13 00:00Z'); // down all day 12/04, posted at 07:00 on 13/04
  });
});

describe('summaryDueAt', () => {
  it.each([
    ['2021-04-12 08:59', undefined],
    ['2021-04-12 09:00', '2021-04-12T02:00:00.000Z'], // Monday after Saturday's due, 09:00 local
    ['2021-04-20 15:00', '2021-04-12T02:00:00.000Z'], // a pass after downtime still posts it (once, by the outbox key)
    ['2021-04-20 22:00', undefined], // quiet hours
    ['2021-04-21 07:00', undefined], // a catch-up waits for summary_at, not the end of quiet hours
    ['2021-04-21 08:59', undefined],
    ['2021-04-21 09:00', '2021-04-12T02:00:00.000Z'],
    ['2021-05-11 19:59', '2021-04-12T02:00:00.000Z'],
    ['2021-05-12 09:00', undefined], // 30 days after the summary instant: stale, not posted
  ])('Quý I at %s: %s', (now, expected) => {
    const slot = summaryDueAt(q1Due, summaryPolicy, hanoi(now));
    expect(slot?.at.toISOString()).toBe(expected);
    if (slot) expect(slot.slot).toBe('summary');
  });

  it('skips holidays and moves a summary time inside quiet hours to their end', () => {
    // Due Wed 01/09: Thu 02/09 and Fri 03/09 are holidays, so Monday 06/09.
    expect(summaryDueAt(hanoi('2021-09-01 17:00'), summaryPolicy, hanoi('2021-09-06 09:00'))?.at.toISOString()).toBe(
      '2021-09-06T02:00:00.000Z',
    );
    const late = { ...summaryPolicy, summaryAtMinutes: 22 * 60 };
    expect(summaryDueAt(q1Due, late, hanoi('2021-04-12 07:00'))?.at.toISOString()).toBe('2021-04-12T00:00:00.000Z');
  });
});

describe('summaryLatestAt', () => {
  it.each([
    [1, '2021-04-13T02:00:00.000Z'], // Tuesday after Monday's summary
    [5, '2021-04-19T02:00:00.000Z'], // the weekend skipped
  ])('Quý I waits for reviews %i working days: until %s', (days, expected) => {
    expect(summaryLatestAt(q1Due, summaryPolicy, days).toISOString()).toBe(expected);
  });
});

describe('afterQuietHours', () => {
  it.each([
    ['2021-04-09 19:59', '2021-04-09 19:59'],
    ['2021-04-09 22:00', '2021-04-10 07:00'],
    ['2021-04-10 05:00', '2021-04-10 07:00'],
    ['2021-04-10 07:00', '2021-04-10 07:00'],
  ])('at %s local: %s', (local, expected) => {
    expect(afterQuietHours(hanoi(local), policy).toISOString()).toBe(hanoi(expected).toISOString());
  });
});

describe('policyFromSettings', () => {
  const organisation = { timeZone: 'Asia/Ho_Chi_Minh', quietFrom: '21:30', quietTo: '06:45' };
  it('reads HH:mm times, sorts and de-duplicates the days', () => {
    const built = policyFromSettings(
      organisation,
      { reminderBeforeDays: [1, 7, 3, 7], reminderAt: '07:30', overdueEveryDays: 0 },
      ['2021-04-30'],
      10,
    );
    expect(built).toEqual({
      zone: 'Asia/Ho_Chi_Minh',
      beforeDays: [7, 3, 1],
      atMinutes: 450,
      overdueEveryDays: 0,
      overdueWindowDays: 10,
      quiet: { fromMinutes: 1290, toMinutes: 405 },
      holidays: new Set(['2021-04-30']),
    });
    expect(summaryPolicyFromSettings(organisation, { summaryAt: '09:15' }, []).summaryAtMinutes).toBe(555);
  });

  it.each([
    [{ reminderBeforeDays: [3], reminderAt: '8:00', overdueEveryDays: 2 }, /reminder_at/],
    [{ reminderBeforeDays: [3], reminderAt: '24:00', overdueEveryDays: 2 }, /reminder_at/],
    [{ reminderBeforeDays: [-1], reminderAt: '08:00', overdueEveryDays: 2 }, /reminder_before_days/],
    [{ reminderBeforeDays: [3], reminderAt: '08:00', overdueEveryDays: 1.5 }, /overdue_every_days/],
  ])('refuses malformed settings %j', (year, message) => {
    expect(() => policyFromSettings(organisation, year, [])).toThrow(message);
  });

  it('refuses malformed quiet hours', () => {
    expect(() => policyFromSettings({ ...organisation, quietTo: '7h' }, demo.year, [])).toThrow(/quiet_to/);
  });
});

describe('properties', () => {
  // Kolkata: a half-hour offset; Los Angeles and Berlin: daylight saving (changed on Sundays, so
  // no working-day wall time is ever skipped or repeated there).
  const zones = ['Asia/Ho_Chi_Minh', 'Asia/Kolkata', 'America/Los_Angeles', 'Europe/Berlin'];
  const arbitraryCase = fc
    .record({
      zone: fc.constantFrom(...zones),
      dueDay: fc.integer({ min: 0, max: 3650 }), // days after 2021-01-01
      dueMinutes: fc.integer({ min: 0, max: 1439 }),
      beforeDays: fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 5 }),
      atMinutes: fc.integer({ min: 0, max: 1439 }),
      overdueEveryDays: fc.integer({ min: 0, max: 5 }),
      overdueWindowDays: fc.integer({ min: 0, max: 40 }),
      quiet: fc.record({ fromMinutes: fc.integer({ min: 0, max: 1439 }), toMinutes: fc.integer({ min: 0, max: 1439 }) }),
      holidayOffsets: fc.uniqueArray(fc.integer({ min: -40, max: 45 }), { maxLength: 25 }),
      nowOffsets: fc.array(fc.integer({ min: -45 * 1440, max: 45 * 1440 }), { minLength: 2, maxLength: 30 }),
    })
    .map((c) => {
      const dueDate = addDays('2021-01-01', c.dueDay);
      const due = instantAt(dueDate, c.dueMinutes, c.zone);
      const policy: ReminderPolicy = {
        zone: c.zone,
        beforeDays: c.beforeDays,
        atMinutes: c.atMinutes,
        overdueEveryDays: c.overdueEveryDays,
        overdueWindowDays: c.overdueWindowDays,
        quiet: c.quiet,
        holidays: new Set(c.holidayOffsets.map((offset) => addDays(dueDate, offset))),
      };
      const nows = c.nowOffsets.map((minutes) => new Date(due.getTime() + minutes * 60_000)).sort((a, b) => a.getTime() - b.getTime());
      return { due, policy, nows };
    });

  it('slots are strictly increasing, with unique ids, before-due ones before the due and overdue ones inside the window', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ due, policy }) => {
        const slots = nudgeSlots(due, policy);
        const end = overdueWindowEnd(due, policy).getTime();
        slots.forEach((slot, index) => {
          if (index > 0) expect(slot.at.getTime()).toBeGreaterThan(slots[index - 1]!.at.getTime());
          if (slot.kind === 'before') expect(slot.at.getTime()).toBeLessThan(due.getTime());
          else expect(slot.at.getTime() > due.getTime() && slot.at.getTime() < end).toBe(true);
        });
        expect(new Set(slots.map((slot) => slot.slot)).size).toBe(slots.length);
      }),
    );
  });

  it('every slot is on a working day and outside quiet hours', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ due, policy }) => {
        for (const slot of nudgeSlots(due, policy)) {
          expect(isWorkingDay(localDateOf(slot.at, policy.zone), policy.holidays)).toBe(true);
          expect(isQuiet(slot.at, policy)).toBe(false);
        }
      }),
    );
  });

  it('nudgeDueAt is monotone in now, never answers in quiet hours, and reaches every slot at its own instant', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ due, policy, nows }) => {
        const slots = nudgeSlots(due, policy);
        const order = new Map(slots.map((slot, index) => [slot.slot, index]));
        let last = -1;
        for (const now of nows) {
          const slot = nudgeDueAt(due, policy, now);
          if (!slot) continue;
          expect(isQuiet(now, policy)).toBe(false);
          expect(slot.at.getTime()).toBeLessThanOrEqual(now.getTime());
          expect(order.get(slot.slot)!).toBeGreaterThanOrEqual(last);
          last = order.get(slot.slot)!;
        }
        for (const slot of slots) expect(nudgeDueAt(due, policy, slot.at)).toEqual(slot);
      }),
    );
  });
});
