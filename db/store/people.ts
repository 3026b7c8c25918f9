import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Locale } from '../../src/i18n/messages';
import { people } from '../schema';
import { placeholder, type Statements } from './statements';
import type { Db } from './types';

export type PersonRow = typeof people.$inferSelect;

/** What the bot keeps about a person: the language they chose or Slack says, and whether they opened the App Home. */
export function peopleQueries(db: Db, statements: Statements) {
  // Read on every request (the reader's language) and after every submission (whose Home to redraw).
  const byUser = () =>
    statements.get('people.get', (root) =>
      root
        .select()
        .from(people)
        .where(eq(people.userId, placeholder('userId')))
        .prepare(),
    );
  const withHome = () =>
    statements.get('people.withHome', (root) =>
      root
        .select({ userId: people.userId })
        .from(people)
        .where(and(isNotNull(people.homeOpenedAt), sql`${people.userId} in (select value from json_each(${placeholder('userIds')}))`))
        .prepare(),
    );

  const upsert = (userId: string, set: Partial<Omit<PersonRow, 'userId'>>) =>
    db
      .insert(people)
      .values({ userId, ...set })
      .onConflictDoUpdate({ target: people.userId, set })
      .run();

  return {
    get(userId: string): PersonRow | undefined {
      return byUser().get({ userId });
    },

    /** The language the person chose (`/thidua ngonngu`); null goes back to Slack's. */
    choose(userId: string, locale: Locale | null): void {
      upsert(userId, { chosenLocale: locale });
    },

    /** The locale Slack's profile says (e.g. "en-US"; null when it says none), as read at `at`. */
    recordSlackLocale(userId: string, locale: string | null, at: Date): void {
      upsert(userId, { slackLocale: locale, slackLocaleCheckedAt: at });
    },

    /** The first time the person opened the App Home (later openings keep it). */
    homeOpened(userId: string, at: Date): void {
      db.insert(people).values({ userId, homeOpenedAt: at }).onConflictDoNothing().run();
      db.update(people)
        .set({ homeOpenedAt: at })
        .where(and(eq(people.userId, userId), isNull(people.homeOpenedAt)))
        .run();
    },

    /** Everyone who has opened the App Home. */
    everyoneWithHome(): string[] {
      return db
        .select({ userId: people.userId })
        .from(people)
        .where(isNotNull(people.homeOpenedAt))
        .all()
        .map((row) => row.userId);
    },

    /** Of `userIds`, those who have opened the App Home (whose Home is worth redrawing). */
    withHome(userIds: readonly string[]): string[] {
      if (userIds.length === 0) return [];
      return withHome()
        .all({ userIds: JSON.stringify([...new Set(userIds)]) })
        .map((row) => row.userId);
    },
  };
}
