import { addDays, addWorkingDays, instantAt, type LocalDate, localDateOf, localMinutesOf } from './calendar';
import { keptAnswer, keptFor } from './kept';

/**
 * Reporting periods (kỳ báo cáo). All instants are UTC; dues come from the organisation file in the
 * organisation's zone; the report window's local dates are read in the zone given.
 */
export interface DuePeriod {
  id: number;
  due: Date;
}

const sortedByDue = new WeakMap<readonly DuePeriod[], readonly DuePeriod[]>();

/** The periods by due, then id: sorted once per frozen list (the read cache's, asked on every command), afresh for any other. */
const byDue = <P extends DuePeriod>(periods: readonly P[]): readonly P[] =>
  keptFor(sortedByDue, periods, () =>
    [...periods].sort((left, right) => left.due.getTime() - right.due.getTime() || left.id - right.id),
  ) as readonly P[];

/** A period as its report window sees it: its due and when its report opens. */
export interface ReportPeriod extends DuePeriod {
  opensAt: Date;
}

/**
 * When a period's report opens: `days` days before the period ends, its last day counting as one
 * (ends 31/03, 10 days → 00:00 on 22/03 local); 0 days → the day after it ends. Local dates in `zone`.
 */
export function reportOpensAt(endsOn: LocalDate, days: number, zone: string): Date {
  // Every submission and table asks it again of the same few periods: kept by what it is computed from (UTC ms).
  return new Date(keptAnswer(opensAt, `${endsOn} ${days} ${zone}`, 256, () => instantAt(addDays(endsOn, 1 - days), 0, zone).getTime()));
}
const opensAt = new Map<string, number>();

/**
 * When a report the lead returned at `returnedAt` is due again: `workingDays` working days after the
 * local date it was returned (weekends and `holidays` skipped; returned on a Saturday, the first
 * working day is Monday), at the local time of day of the period's due. Dates and times read in `zone`.
 */
export function resubmissionDue(
  returnedAt: Date,
  workingDays: number,
  periodDue: Date,
  zone: string,
  holidays: ReadonlySet<LocalDate>,
): Date {
  return instantAt(addWorkingDays(localDateOf(returnedAt, zone), workingDays, holidays), localMinutesOf(periodDue, zone), zone);
}

/** The end of a period: 00:00 local on the day after its last day. Channel lines about its reports wait for it. */
export function periodEndsAt(endsOn: LocalDate, zone: string): Date {
  return instantAt(addDays(endsOn, 1), 0, zone);
}

/** Whether the period's report may be submitted at `now` (it opened; there is no closing: a late one is still taken). */
export function isOpen(period: Pick<ReportPeriod, 'opensAt'>, now: Date): boolean {
  return now.getTime() >= period.opensAt.getTime();
}

/**
 * The period a unit reports for now: the earliest by due that is open and that the unit has not
 * submitted (a missed report comes before the next one). Undefined when every open period is
 * submitted (or none is open yet): the caller says which opens next.
 */
export function currentPeriod<P extends ReportPeriod>(periods: readonly P[], submitted: ReadonlySet<number>, now: Date): P | undefined {
  return byDue(periods).find((period) => isOpen(period, now) && !submitted.has(period.id));
}

/** The first period by due whose report has not opened at `now`, if any. */
export function nextToOpen<P extends ReportPeriod>(periods: readonly P[], now: Date): P | undefined {
  return byDue(periods).find((period) => !isOpen(period, now));
}

/** The latest period by due that is open at `now`, if any (the report a unit that is done with every open one last submitted). */
export function latestOpen<P extends ReportPeriod>(periods: readonly P[], now: Date): P | undefined {
  return byDue(periods)
    .filter((period) => isOpen(period, now))
    .at(-1);
}

/** The latest period whose due has passed at `now` (what standings show by default), else the first period. */
export function latestDuePeriod<P extends DuePeriod>(periods: readonly P[], now: Date): P | undefined {
  const ordered = byDue(periods);
  return ordered.filter((period) => period.due.getTime() < now.getTime()).at(-1) ?? ordered[0];
}

/** A report submitted after its period's due is late (exactly at the due is on time). */
export function isLate(submittedAt: Date, due: Date): boolean {
  return submittedAt.getTime() > due.getTime();
}

/** From this instant a submitted report is locked: changes become requests to the block lead (due + grace hours). */
export function lockedFrom(due: Date, graceHours: number): Date {
  return new Date(due.getTime() + graceHours * 3_600_000);
}

/**
 * When a unit's submitted report locks: its due in force plus the grace hours, or — while an admin
 * has reopened it — the end of that reopening, whichever is later. Instants UTC.
 */
export function reportLocksAt(due: Date, graceHours: number, reopenedUntil?: Date): Date {
  const lock = lockedFrom(due, graceHours);
  return reopenedUntil && reopenedUntil.getTime() > lock.getTime() ? reopenedUntil : lock;
}

/** How long after a due its period stays the one a status table shows by default (the overdue window). */
export const STATUS_WINDOW_DAYS = 30;

/**
 * The period a block's status table shows by default at `now`: the latest one whose due passed
 * within the last 30 days (late units are still being chased), else the next one to come due,
 * else the latest.
 */
export function statusPeriod<P extends DuePeriod>(periods: readonly P[], now: Date): P | undefined {
  const ordered = byDue(periods);
  const windowStart = now.getTime() - STATUS_WINDOW_DAYS * 86_400_000;
  const recent = ordered.filter((period) => period.due.getTime() < now.getTime() && period.due.getTime() >= windowStart).at(-1);
  return recent ?? ordered.find((period) => period.due.getTime() >= now.getTime()) ?? ordered.at(-1);
}
