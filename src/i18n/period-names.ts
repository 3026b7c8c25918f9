import { foldedWords } from '../domain/fold';
import { keptAnswer } from '../domain/kept';
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
 * A numbered name ("Quý I", "Quý IV năm 2021", "Quarter 2", "Đợt 3") is a proper name and keeps its
 * capital: its first word is followed by a numeral.
 */
const NUMBERED = /^\S+\s+(?:[IVXLC]+|\d+)(?=[\s),.;:]|$)/;

/**
 * A period's name inside a sentence (voice.md): the file writes it as a title ("Cả năm", "Full
 * year"), a sentence as a common noun ("xếp hạng cả năm 2021", "the full year report"). A numbered
 * name keeps its capital ("báo cáo Quý I"), and so does an abbreviation ("QI", "H1"). Headings and
 * sentence starts use the name as written. The same in both languages: the file has one name.
 */
export function periodInSentence(name: string): string {
  // Kept by name: a confirmation, a reminder or a reply asks it for the same few names again and again.
  return keptAnswer(inSentence, name, 1024, () => {
    if (name.length === 0 || NUMBERED.test(name)) return name;
    const first = name.split(/\s+/)[0]!;
    if (first.length > 1 && first === first.toUpperCase()) return name;
    return name[0]!.toLocaleLowerCase('vi') + name.slice(1);
  });
}
const inSentence = new Map<string, string>();

/** "báo cáo cả năm 2021" / "Tiến độ báo cáo Quý I năm 2021": the name inside a sentence, with its year. */
export function periodOfYearInSentence(name: string, year: number, locale: Locale): string {
  return periodOfYear(periodInSentence(name), year, locale);
}
