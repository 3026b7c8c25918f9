import { tzOffset } from '@date-fns/tz';
import { keptAnswer } from '../domain/kept';
import type { Locale } from './messages';

/**
 * Dates and numbers the way each language writes them: Vietnamese 10/04/2021, 17:00, 58,50 and
 * 1.234; English 10 Apr 2021, 58.50 and 1,234. Always in the organisation's time zone.
 */
export function formatDate(instant: Date, zone: string, locale: Locale): string {
  const wall = wallClock(instant, zone);
  return writeDate(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate(), locale);
}

/** 10/04/2021 · 10 Apr 2021 (`month` counted from 0). */
function writeDate(year: number, month: number, day: number, locale: Locale): string {
  return locale === 'vi' ? `${two(day)}/${two(month + 1)}/${year}` : `${day} ${MONTHS[month]} ${year}`;
}

/** 10/04/2021 17:00 · 10 Apr 2021 17:00 */
export function formatDateTime(instant: Date, zone: string, locale: Locale): string {
  return `${formatDate(instant, zone, locale)} ${formatTime(instant, zone)}`;
}

export function formatTime(instant: Date, zone: string): string {
  const wall = wallClock(instant, zone);
  return `${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (value: number) => String(value).padStart(2, '0');

/** Every real zone changes its offset on a quarter hour of UTC, so an offset holds for the whole quarter. */
const QUARTER_HOUR_MS = 15 * 60_000;
const offsets = new Map<string, number>();

/**
 * The wall clock of `zone` at `instant`, read with the UTC getters of the returned Date. The offset
 * comes from the time-zone database (tzOffset, through Intl) once per zone and quarter hour: the
 * tables show dozens of dates, and asking Intl for each was a tenth of a status table's time.
 */
function wallClock(instant: Date, zone: string): Date {
  const key = `${zone}@${Math.floor(instant.getTime() / QUARTER_HOUR_MS)}`;
  return new Date(instant.getTime() + keptAnswer(offsets, key, 10_000, () => tzOffset(zone, instant)) * 60_000);
}

/** A calendar date typed as yyyy-MM-dd (no time zone involved). */
export function formatLocalDate(date: string, locale: Locale): string {
  const [year, month, day] = date.split('-').map(Number);
  return writeDate(year!, month! - 1, day!, locale);
}

const NUMBER_LOCALE: Record<Locale, string> = { vi: 'vi-VN', en: 'en-US' };
const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * A person's words quoted at the end of a sentence: “…” and the sentence's full stop, unless the
 * words already end one (“Bổ sung minh chứng.” rather than “Bổ sung minh chứng.”.).
 */
export function quotedAtEnd(words: string): string {
  return /[.!?…]$/.test(words) ? `“${words}”` : `“${words}”.`;
}

/**
 * An English count with its noun, singular for one: “1 report”, “3 reports”, “1,234 days”. Vietnamese
 * nouns do not change with the count, so its catalogues write the number alone.
 */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(count, 'en')} ${count === 1 ? singular : plural}`;
}

/** Up to `maxDecimals` decimals, no trailing zeros: 1.234,5 · 1,234.5 */
export function formatNumber(value: number, locale: Locale, maxDecimals = 2): string {
  return writeNumber(value, locale, 0, maxDecimals);
}

/**
 * Exactly two decimals, as scores are shown: 58,50 · 58.50. More when a standings table needs them to
 * keep different ranks apart (totalDecimals in src/domain/scoring.ts). A value that rounds to zero
 * shows without a minus sign (never "-0,00").
 */
export function formatPoints(value: number, locale: Locale, decimals = 2): string {
  return writeNumber(value, locale, decimals, decimals);
}

const SEPARATORS: Record<Locale, { group: string; decimal: string }> = {
  vi: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

/**
 * What Intl.NumberFormat writes (cachedFormat), written here for a number in plain decimal notation:
 * Intl's format costs tens of microseconds once its data has left the processor's caches, as it has
 * between two requests. Like Intl, it rounds the shortest decimal that reads back as the number
 * (what String(value) writes), half away from zero, and writes no minus sign for what rounds to
 * zero; anything else (an exponent, ±Infinity, NaN) is left to Intl.
 */
function writeNumber(value: number, locale: Locale, minimumFractionDigits: number, maximumFractionDigits: number): string {
  const shortest = String(Math.abs(value));
  if (!/^\d+(\.\d+)?$/.test(shortest)) return cachedFormat(locale, minimumFractionDigits, maximumFractionDigits).format(value);
  const point = shortest.indexOf('.');
  const whole = point < 0 ? shortest : shortest.slice(0, point);
  const fraction = point < 0 ? '' : shortest.slice(point + 1);
  // The digits kept, rounded up when the first one dropped is 5 or more (half away from zero).
  let digits = whole + fraction.slice(0, maximumFractionDigits).padEnd(maximumFractionDigits, '0');
  if (fraction.length > maximumFractionDigits && fraction.charCodeAt(maximumFractionDigits) >= 53 /* '5' */) digits = addOne(digits);
  const wholeLength = digits.length - maximumFractionDigits;
  let decimals = digits.slice(wholeLength);
  let end = decimals.length;
  while (end > minimumFractionDigits && decimals.charCodeAt(end - 1) === 48 /* '0' */) end -= 1;
  decimals = decimals.slice(0, end);
  const { group, decimal } = SEPARATORS[locale];
  let written = '';
  for (let index = 0; index < wholeLength; index++) {
    if (index > 0 && (wholeLength - index) % 3 === 0) written += group;
    written += digits[index];
  }
  if (decimals) written += decimal + decimals;
  return value < 0 && /[1-9]/.test(digits) ? `-${written}` : written;
}

/** A string of decimal digits plus one, as long again or one digit longer ("0999" → "1000", "99" → "100"). */
function addOne(digits: string): string {
  let index = digits.length - 1;
  while (index >= 0 && digits[index] === '9') index -= 1;
  const carried = '0'.repeat(digits.length - 1 - index);
  return index < 0 ? `1${carried}` : `${digits.slice(0, index)}${String(Number(digits[index]) + 1)}${carried}`;
}

function cachedFormat(locale: Locale, minimumFractionDigits: number, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${locale}:${minimumFractionDigits}:${maximumFractionDigits}`;
  let formatter = numberFormats.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(NUMBER_LOCALE[locale], { minimumFractionDigits, maximumFractionDigits, signDisplay: 'negative' });
    numberFormats.set(key, formatter);
  }
  return formatter;
}
