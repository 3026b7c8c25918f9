import { TZDate, tzOffset } from '@date-fns/tz';
import { keptAnswer } from './kept';

/**
 * Calendar arithmetic in the organisation's time zone. Local dates are 'yyyy-MM-dd' strings and
 * are added to as plain days (no zone involved); instants are converted only at the edges.
 */
export type LocalDate = string;

/** The organisation's zone when its file names none (Vietnam: UTC+7 all year). */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::00)?$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/** A date as people type it, as a local date; null when it is not one (or not a real day). */
export function parseTypedDate(word: string): LocalDate | null {
  const dayFirst = DAY_FIRST.exec(word);
  const iso = dayFirst ? `${dayFirst[3]}-${dayFirst[2]!.padStart(2, '0')}-${dayFirst[1]!.padStart(2, '0')}` : word;
  return parseLocalDate(iso) ? iso : null;
}

export function parseLocalDate(text: string): LocalDateTime | null {
  const match = DATE_PATTERN.exec(text.trim());
  if (!match) return null;
  return realDate({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]), hour: 0, minute: 0 });
}

/** 'yyyy-MM-ddTHH:mm' (or with a space) as typed in the organisation file. */
export function parseLocalDateTime(text: string): LocalDateTime | null {
  const match = DATE_TIME_PATTERN.exec(text.trim());
  if (!match) return null;
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  if (hour > 23 || minute > 59) return null;
  return realDate({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]), hour, minute });
}

/** 'HH:mm' → minutes after midnight, or null. */
export function parseTimeOfDay(text: string): number | null {
  const match = TIME_PATTERN.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

function realDate(parts: LocalDateTime): LocalDateTime | null {
  const probe = new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
  const real = probe.getUTCFullYear() === parts.year && probe.getUTCMonth() === parts.month - 1 && probe.getUTCDate() === parts.day;
  return real ? parts : null;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * zonedInstant's answers by zone and wall clock. Each is a TZDate built (several Intl reads), and the
 * same few come back on every request: a report's submission asks when its period's report opened.
 * A zone's rules do not change while the process runs.
 */
const instantsByWallClock = new Map<string, number>();
const INSTANTS_KEPT = 4096;

/** The instant at which the given wall-clock time occurs in `zone`. */
export function zonedInstant(parts: LocalDateTime, zone: string): Date {
  const key = `${zone} ${parts.year} ${parts.month} ${parts.day} ${parts.hour} ${parts.minute}`;
  return new Date(
    keptAnswer(instantsByWallClock, key, INSTANTS_KEPT, () =>
      new TZDate(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, zone).getTime(),
    ),
  );
}

/** The instant of `date` at `minutesAfterMidnight` local time in `zone`. */
export function instantAt(date: LocalDate, minutesAfterMidnight: number, zone: string): Date {
  const parts = parseLocalDate(date);
  if (!parts) throw new Error(`invalid local date ${date}`);
  return zonedInstant({ ...parts, hour: Math.floor(minutesAfterMidnight / 60), minute: minutesAfterMidnight % 60 }, zone);
}

function zoned(instant: Date, zone: string): TZDate {
  return new TZDate(instant.getTime(), zone);
}

/** Per zone, by minute since the epoch, the offset (minutes) that holds through that whole minute, if one does. */
const offsetsByMinute = new Map<string, Map<number, number | undefined>>();
/** Minutes kept per zone: a request reads a few instants (now, dues, the ends of periods), each in its own minute. */
const MINUTES_KEPT = 1024;

/**
 * The wall clock of `instant` in `zone`, to be read with the UTC getters. The zone's offset comes
 * from Intl (tzOffset, several microseconds a call; every request reads the local year or date)
 * and is kept for the minute when it is the same at the minute's first and last millisecond: no
 * change of offset (daylight saving, a new rule) falls inside it. Otherwise it is asked for the
 * instant itself.
 */
function wallClock(instant: Date, zone: string): Date {
  const time = instant.getTime();
  const minute = Math.floor(time / 60_000);
  let minutes = offsetsByMinute.get(zone);
  if (!minutes) {
    minutes = new Map();
    offsetsByMinute.set(zone, minutes);
  }
  // Several minutes kept, not the last one alone: a submission reads now and the period's dates in
  // turn, and each change of minute asked Intl twice.
  let offset = minutes.get(minute);
  if (offset === undefined && !minutes.has(minute)) {
    if (minutes.size >= MINUTES_KEPT) minutes.clear();
    const first = tzOffset(zone, new Date(minute * 60_000));
    offset = first === tzOffset(zone, new Date(minute * 60_000 + 59_999)) ? first : undefined;
    minutes.set(minute, offset);
  }
  return new Date(time + (offset ?? tzOffset(zone, instant)) * 60_000);
}

const pad = (value: number) => String(value).padStart(2, '0');

export function localDateOf(instant: Date, zone: string): LocalDate {
  const local = wallClock(instant, zone);
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
}

export function localMinutesOf(instant: Date, zone: string): number {
  const local = wallClock(instant, zone);
  return local.getUTCHours() * 60 + local.getUTCMinutes();
}

export function localYearOf(instant: Date, zone: string): number {
  return wallClock(instant, zone).getUTCFullYear();
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const parts = parseLocalDate(date);
  if (!parts) throw new Error(`invalid local date ${date}`);
  const shifted = new Date(Date.UTC(parts.year, parts.month - 1, parts.day + days));
  return `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

/** Monday–Friday and not an organisation holiday. */
export function isWorkingDay(date: LocalDate, holidays: ReadonlySet<LocalDate>): boolean {
  const parts = parseLocalDate(date);
  if (!parts) throw new Error(`invalid local date ${date}`);
  const weekday = new Date(Date.UTC(parts.year, parts.month - 1, parts.day)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(date);
}

/** `date` itself when it is a working day, else the closest working day before it. */
export function workingDayOnOrBefore(date: LocalDate, holidays: ReadonlySet<LocalDate>): LocalDate {
  let current = date;
  while (!isWorkingDay(current, holidays)) current = addDays(current, -1);
  return current;
}

/** The first working day strictly after `date`, then `count - 1` working days more. */
export function addWorkingDays(date: LocalDate, count: number, holidays: ReadonlySet<LocalDate>): LocalDate {
  let current = date;
  let remaining = count;
  while (remaining > 0) {
    current = addDays(current, 1);
    if (isWorkingDay(current, holidays)) remaining -= 1;
  }
  return current;
}

/** Calendar days from `from` to `to` (negative when `to` is earlier); no zone involved. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  const start = parseLocalDate(from);
  const end = parseLocalDate(to);
  if (!start || !end) throw new Error(`invalid local date ${start ? to : from}`);
  return Math.round((Date.UTC(end.year, end.month - 1, end.day) - Date.UTC(start.year, start.month - 1, start.day)) / 86_400_000);
}

/** The same local wall-clock time `days` calendar days later in `zone` (not days × 24 h, should the zone keep daylight saving). */
export function addCalendarDays(instant: Date, days: number, zone: string): Date {
  const local = zoned(instant, zone);
  local.setDate(local.getDate() + days);
  return new Date(local.getTime());
}
