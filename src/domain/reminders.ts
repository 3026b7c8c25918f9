import {
  addCalendarDays,
  addDays,
  addWorkingDays,
  instantAt,
  type LocalDate,
  localDateOf,
  localMinutesOf,
  parseTimeOfDay,
  workingDayOnOrBefore,
} from './calendar';

/**
 * When deadline nudges and period summaries are due. Pure: instants in, instants out, the zone
 * always explicit; the caller supplies `now`.
 *
 * Rules (the scheduler and the outbox rely on them):
 * - Before-due slot `before-N`: the due's local date − N calendar days, moved back to the previous
 *   working day when that is a weekend or holiday, at the reminder time; kept only when strictly
 *   before the due. When two land on the same instant only the one with the smaller N (closer to
 *   the due) is kept.
 * - Overdue slot `overdue-K` (K = 1, 2, …): the first working day after the due's local date at
 *   the reminder time — always strictly after the due, since it is on a later local date, however
 *   late in the evening the due is — then every `overdueEveryDays` working days (0 = only one),
 *   while strictly before the window end: the due + `overdueWindowDays` calendar days, same local time.
 * - Quiet hours: a reminder time inside them is replaced by the end of quiet hours on the same local
 *   date (with 20:00–07:00 and "21:00": 07:00 that morning). Postponing to the next morning instead
 *   could push a slot onto a weekend or past its due; this way a slot keeps its working day.
 * - Slot ids depend only on the due and the policy, never on `now`, so they can be part of a unique
 *   outbox key: the same slot is never queued twice, whatever the restarts.
 * - Catch-up (nudgeDueAt): only the latest slot at or before now; a before-due one only while the
 *   due is ahead, an overdue one only inside the window; nothing while now is in quiet hours.
 *   Weekends do not hold a catch-up back (a due may itself fall on a Saturday).
 * - Summary (summaryDueAt): the first working day after the due's local date at summary_at, posted
 *   from then until 30 calendar days later, never in quiet hours, and on a later day never before
 *   summary_at (a catch-up waits for the time of day). It waits for the lead's reviews until
 *   summaryLatestAt (summary_latest_days working days later).
 */
export interface QuietHours {
  /** Minutes after local midnight; the range may wrap midnight; from === to means no quiet hours. */
  fromMinutes: number;
  toMinutes: number;
}

export interface ReminderPolicy {
  zone: string;
  /** Calendar days before the due's local date (0 = the due date itself). */
  beforeDays: readonly number[];
  /** Local time of day of every nudge, minutes after midnight. */
  atMinutes: number;
  /** Working days between overdue nudges; 0 = one overdue nudge only. */
  overdueEveryDays: number;
  /** Calendar days after the due during which overdue nudges are sent. */
  overdueWindowDays: number;
  quiet: QuietHours;
  holidays: ReadonlySet<LocalDate>;
}

export type NudgeKind = 'before' | 'overdue';

export interface NudgeSlot {
  /** 'before-7', 'overdue-1' …: stable for the same due and policy, part of the outbox key. */
  slot: string;
  kind: NudgeKind;
  at: Date;
  /** 1, 2 … within its kind: before-due slots from the farthest, overdue ones from the first. */
  ordinal: number;
}

export interface SummaryPolicy {
  zone: string;
  /** Local time of day of the summary, minutes after midnight. */
  summaryAtMinutes: number;
  holidays: ReadonlySet<LocalDate>;
  quiet: QuietHours;
}

export interface SummarySlot {
  slot: 'summary';
  at: Date;
}

export const OVERDUE_WINDOW_DAYS = 30;
/** A summary missed for this many calendar days is not posted any more (it would be stale news). */
export const SUMMARY_WINDOW_DAYS = 30;

/** Whether `instant` falls inside the quiet hours, read on the wall clock of `zone`; the end minute is not quiet. */
export function isQuiet(instant: Date, policy: { zone: string; quiet: QuietHours }): boolean {
  return quietAt(localMinutesOf(instant, policy.zone), policy.quiet);
}

function quietAt(minutes: number, { fromMinutes: from, toMinutes: to }: QuietHours): boolean {
  if (from === to) return false;
  return from < to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
}

/**
 * The first instant at or after `instant` outside the quiet hours (wall clock of `policy.zone`):
 * `instant` itself, or the end of the quiet hours that hold it (22:00 with 20:00–07:00 → 07:00 the
 * next morning; 05:00 → 07:00 that morning).
 */
export function afterQuietHours(instant: Date, policy: { zone: string; quiet: QuietHours }): Date {
  if (!isQuiet(instant, policy)) return instant;
  const date = localDateOf(instant, policy.zone);
  const sameDay = instantAt(date, policy.quiet.toMinutes, policy.zone);
  return sameDay.getTime() > instant.getTime() ? sameDay : instantAt(addDays(date, 1), policy.quiet.toMinutes, policy.zone);
}

/** The local time of day (minutes) to post at instead of `minutes`: itself, or the end of quiet hours when inside them. */
function postingMinutes(minutes: number, quiet: QuietHours): number {
  return quietAt(minutes, quiet) ? quiet.toMinutes : minutes;
}

/** Every nudge slot of one due (an instant), in time order; local dates and times read in `policy.zone`. */
export function nudgeSlots(due: Date, policy: ReminderPolicy): NudgeSlot[] {
  const dueDate = localDateOf(due, policy.zone);
  const minutes = postingMinutes(policy.atMinutes, policy.quiet);
  const at = (date: LocalDate) => instantAt(date, minutes, policy.zone);

  // Farthest first, so that a nearer day landing on the same instant replaces it.
  const before = new Map<number, NudgeSlot>();
  for (const days of [...new Set(policy.beforeDays)].sort((a, b) => b - a)) {
    const instant = at(workingDayOnOrBefore(addDays(dueDate, -days), policy.holidays));
    if (instant.getTime() < due.getTime())
      before.set(instant.getTime(), { slot: `before-${days}`, kind: 'before', at: instant, ordinal: 0 });
  }

  const overdue: NudgeSlot[] = [];
  const windowEnd = overdueWindowEnd(due, policy).getTime();
  let date = addWorkingDays(dueDate, 1, policy.holidays);
  for (let ordinal = 1; ; ordinal += 1) {
    const instant = at(date);
    if (instant.getTime() >= windowEnd) break;
    overdue.push({ slot: `overdue-${ordinal}`, kind: 'overdue', at: instant, ordinal });
    if (policy.overdueEveryDays <= 0) break;
    date = addWorkingDays(date, policy.overdueEveryDays, policy.holidays);
  }

  const beforeSlots = [...before.values()]
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((slot, index) => ({ ...slot, ordinal: index + 1 }));
  return [...beforeSlots, ...overdue];
}

/** The instant overdue nudges stop: the due + `overdueWindowDays` calendar days, same wall time in `policy.zone`. */
export function overdueWindowEnd(due: Date, policy: Pick<ReminderPolicy, 'zone' | 'overdueWindowDays'>): Date {
  return addCalendarDays(due, policy.overdueWindowDays, policy.zone);
}

/**
 * The nudge to queue at `now` for one due, or undefined: the latest slot at or before `now` — a
 * 'before' slot only while `now` is before the due, an 'overdue' slot only before the window end —
 * and nothing while `now` is in quiet hours (a later pass picks it up). After downtime this returns
 * only the latest missed slot; earlier ones are never returned again once a later one is due, and
 * the outbox's unique key per slot stops repeats. Instants are UTC; dates are read in `policy.zone`.
 *
 * The caller still decides who gets it: per unit, only units that have not submitted (pledge
 * signed / report submitted) — for overdue nudges too — and nothing at all when every unit is done.
 */
export function nudgeDueAt(due: Date, policy: ReminderPolicy, now: Date): NudgeSlot | undefined {
  if (isQuiet(now, policy)) return undefined;
  const latest = nudgeSlots(due, policy)
    .filter((slot) => slot.at.getTime() <= now.getTime())
    .at(-1);
  if (!latest) return undefined;
  const stillOpen = latest.kind === 'before' ? now.getTime() < due.getTime() : now.getTime() < overdueWindowEnd(due, policy).getTime();
  return stillOpen ? latest : undefined;
}

/** The instant of a period's standings summary: the first working day after the due's local date, at the summary time in `policy.zone` (quiet hours as for nudges). */
export function summaryInstant(due: Date, policy: SummaryPolicy): Date {
  const date = addWorkingDays(localDateOf(due, policy.zone), 1, policy.holidays);
  return instantAt(date, postingMinutes(policy.summaryAtMinutes, policy.quiet), policy.zone);
}

/**
 * The summary slot to queue at `now`, or undefined: from `summaryInstant` until
 * SUMMARY_WINDOW_DAYS calendar days after it (a bot down longer posts no stale summary), never in
 * quiet hours. Once per block and period is the outbox key's job. Instants UTC, zone from `policy`.
 */
export function summaryDueAt(due: Date, policy: SummaryPolicy, now: Date): SummarySlot | undefined {
  const at = summaryInstant(due, policy);
  const until = addCalendarDays(at, SUMMARY_WINDOW_DAYS, policy.zone);
  if (now.getTime() < at.getTime() || now.getTime() >= until.getTime() || isQuiet(now, policy)) return undefined;
  // A summary caught up on a later day still goes out at its time of day, not at the first pass of the morning.
  if (localMinutesOf(now, policy.zone) < postingMinutes(policy.summaryAtMinutes, policy.quiet)) return undefined;
  return { slot: 'summary', at };
}

/**
 * The latest a summary waits for the lead's reviews: `latestDays` working days after the summary
 * instant's local date, at the summary time (`policy.zone`). From then it goes out with the
 * unreviewed lines marked provisional.
 */
export function summaryLatestAt(due: Date, policy: SummaryPolicy, latestDays: number): Date {
  const first = localDateOf(summaryInstant(due, policy), policy.zone);
  const date = addWorkingDays(first, latestDays, policy.holidays);
  return instantAt(date, postingMinutes(policy.summaryAtMinutes, policy.quiet), policy.zone);
}

// ── From stored settings ────────────────────────────────────────────────────────────────────

/** As stored: the organisation row's zone and quiet hours ('HH:mm'). */
export interface OrganisationTimeSettings {
  timeZone: string;
  quietFrom: string;
  quietTo: string;
}

/** As stored: a year's reminder settings ('HH:mm', days). */
export interface YearReminderSettings {
  reminderBeforeDays: readonly number[];
  reminderAt: string;
  overdueEveryDays: number;
}

/** A ReminderPolicy from stored settings; throws on a malformed time or day count (the file import validates them first). */
export function policyFromSettings(
  organisation: OrganisationTimeSettings,
  year: YearReminderSettings,
  holidays: Iterable<LocalDate>,
  overdueWindowDays: number = OVERDUE_WINDOW_DAYS,
): ReminderPolicy {
  for (const days of year.reminderBeforeDays) wholeDays(days, 'reminder_before_days');
  return {
    zone: organisation.timeZone,
    beforeDays: [...new Set(year.reminderBeforeDays)].sort((a, b) => b - a),
    atMinutes: minutesOf(year.reminderAt, 'reminder_at'),
    overdueEveryDays: wholeDays(year.overdueEveryDays, 'overdue_every_days'),
    overdueWindowDays: wholeDays(overdueWindowDays, 'overdue window'),
    quiet: quietOf(organisation),
    holidays: new Set(holidays),
  };
}

/** A SummaryPolicy from stored settings (summary_at 'HH:mm'); throws on a malformed time. */
export function summaryPolicyFromSettings(
  organisation: OrganisationTimeSettings,
  year: { summaryAt: string },
  holidays: Iterable<LocalDate>,
): SummaryPolicy {
  return {
    zone: organisation.timeZone,
    summaryAtMinutes: minutesOf(year.summaryAt, 'summary_at'),
    holidays: new Set(holidays),
    quiet: quietOf(organisation),
  };
}

/** The organisation's quiet hours from its stored 'HH:mm' settings; throws on a malformed time. */
export function quietOf(organisation: OrganisationTimeSettings): QuietHours {
  return { fromMinutes: minutesOf(organisation.quietFrom, 'quiet_from'), toMinutes: minutesOf(organisation.quietTo, 'quiet_to') };
}

function minutesOf(text: string, field: string): number {
  const minutes = parseTimeOfDay(text);
  if (minutes === null) throw new RangeError(`${field}: "${text}" is not a time of day HH:mm`);
  return minutes;
}

function wholeDays(days: number, field: string): number {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`${field}: ${days} is not a whole number of days ≥ 0`);
  return days;
}
