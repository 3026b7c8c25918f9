import { localYearOf } from './calendar';

/**
 * The emulation year that is "current" at `now` in the organisation's zone: the calendar year if
 * the organisation has it; else the latest configured year before it (a year's work runs on into
 * the next January); else the earliest configured year.
 */
export function currentYearOf(configured: readonly number[], now: Date, zone: string): number | undefined {
  if (configured.length === 0) return undefined;
  const calendarYear = localYearOf(now, zone);
  if (configured.includes(calendarYear)) return calendarYear;
  const sorted = [...configured].sort((a, b) => a - b);
  return sorted.filter((year) => year < calendarYear).at(-1) ?? sorted[0];
}
