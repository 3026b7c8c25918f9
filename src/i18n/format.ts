import { TZDate } from '@date-fns/tz';
import { format as formatWith } from 'date-fns/format';
import type { Locale } from './messages';

/**
 * Dates and numbers the way each language writes them: Vietnamese 10/04/2021, 17:00, 58,50 and
 * 1.234; English 10 Apr 2021, 58.50 and 1,234. Always in the organisation's time zone.
 */
const DATE_PATTERN: Record<Locale, string> = { vi: 'dd/MM/yyyy', en: 'd MMM yyyy' };

export function formatDate(instant: Date, zone: string, locale: Locale): string {
  return formatWith(new TZDate(instant.getTime(), zone), DATE_PATTERN[locale]);
}

/** 10/04/2021 17:00 · 10 Apr 2021 17:00 */
export function formatDateTime(instant: Date, zone: string, locale: Locale): string {
  return formatWith(new TZDate(instant.getTime(), zone), `${DATE_PATTERN[locale]} HH:mm`);
}

export function formatTime(instant: Date, zone: string): string {
  return formatWith(new TZDate(instant.getTime(), zone), 'HH:mm');
}

/** A calendar date typed as yyyy-MM-dd (no time zone involved). */
export function formatLocalDate(date: string, locale: Locale): string {
  const [year, month, day] = date.split('-').map(Number);
  return formatWith(new Date(year!, month! - 1, day!), DATE_PATTERN[locale]);
}

const NUMBER_LOCALE: Record<Locale, string> = { vi: 'vi-VN', en: 'en-US' };
const numberFormats = new Map<string, Intl.NumberFormat>();

/** Up to `maxDecimals` decimals, no trailing zeros: 1.234,5 · 1,234.5 */
export function formatNumber(value: number, locale: Locale, maxDecimals = 2): string {
  return cachedFormat(locale, 0, maxDecimals).format(value);
}

/**
 * Exactly two decimals, as scores are shown: 58,50 · 58.50. More when a standings table needs them to
 * keep different ranks apart (totalDecimals in src/domain/scoring.ts). A value that rounds to zero
 * shows without a minus sign (never "-0,00").
 */
export function formatPoints(value: number, locale: Locale, decimals = 2): string {
  return cachedFormat(locale, decimals, decimals).format(value);
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
