/**
 * Reporting periods (kỳ báo cáo). All instants are UTC; dues come from the organisation file in the
 * organisation's zone, so nothing here depends on a time zone.
 */
export interface DuePeriod {
  id: number;
  due: Date;
}

const byDue = <P extends DuePeriod>(periods: readonly P[]) =>
  [...periods].sort((left, right) => left.due.getTime() - right.due.getTime() || left.id - right.id);

/**
 * The period a unit reports for now: the earliest period that is either not yet due or past due and
 * not submitted by the unit (a missed report comes before the next one). When every period is past
 * due and submitted, the latest one (so a correction can still be asked for). Undefined without periods.
 */
export function currentPeriod<P extends DuePeriod>(periods: readonly P[], submitted: ReadonlySet<number>, now: Date): P | undefined {
  const ordered = byDue(periods);
  return ordered.find((period) => now.getTime() <= period.due.getTime() || !submitted.has(period.id)) ?? ordered.at(-1);
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
