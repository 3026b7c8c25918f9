import { foldedWords } from '../domain/fold';
import type { Locale } from './messages';

/**
 * A period named with its year as documents write it: "Quý I năm 2021", "6 tháng đầu năm 2021",
 * "Cả năm 2021" — a name that already ends with "năm" takes the year alone, never "năm năm".
 * English: "Q1 2021".
 */
export function periodOfYear(name: string, year: number, locale: Locale): string {
  if (locale === 'en') return `${name} ${year}`;
  return foldedWords(name).at(-1) === 'nam' ? `${name} ${year}` : `${name} năm ${year}`;
}

/**
 * A period's name inside a Vietnamese sentence: lower case, as common nouns are ("báo cáo cả năm
 * 2021", "báo cáo quý I"); the file writes it as a title ("Cả năm", "Quý I"). English keeps it.
 */
export function periodInSentence(name: string, locale: Locale): string {
  if (locale === 'en' || name.length === 0) return name;
  // An all-capital first word is an abbreviation ("QI"): kept as written.
  const first = name.split(/\s+/)[0]!;
  if (first.length > 1 && first === first.toUpperCase()) return name;
  return name[0]!.toLocaleLowerCase('vi') + name.slice(1);
}

/** "báo cáo quý I năm 2021" / "cả năm 2021": the name in a sentence with its year. */
export function periodOfYearInSentence(name: string, year: number, locale: Locale): string {
  return periodOfYear(periodInSentence(name, locale), year, locale);
}
