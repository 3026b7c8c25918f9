/**
 * User-facing text lives in one catalogue per feature, Vietnamese first. The English side must
 * have exactly the same keys and signatures, so the compiler catches a missing translation.
 */
export type Locale = 'vi' | 'en';

export const LOCALES: readonly Locale[] = ['vi', 'en'];

export type Catalogue<T> = Record<Locale, T>;

export function defineMessages<T>(vi: T, en: NoInfer<T>): Catalogue<T> {
  return { vi, en };
}

/**
 * A line for operators said before any organisation, and so its language, is known (a bad setting,
 * a missing file, the bot starting or stopping): the Vietnamese, then the English, from one catalogue.
 */
export function bothLanguages<T>(catalogue: Catalogue<T>, say: (text: T) => string): string {
  return `${say(catalogue.vi)} / ${say(catalogue.en)}`;
}
