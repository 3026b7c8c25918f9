import { asc, eq } from 'drizzle-orm';
import type { Locale } from '../../src/i18n/messages';
import { admins, holidays, meta, organisation, titles } from '../schema';
import type { Db } from './types';

export interface OrganisationSettings {
  name: string;
  timeZone: string;
  locale: Locale;
  quietFrom: string;
  quietTo: string;
}

export function organisationQueries(db: Db) {
  return {
    /** The organisation, or undefined before anything was loaded. */
    get(): OrganisationSettings | undefined {
      const row = db.select().from(organisation).where(eq(organisation.id, 1)).get();
      return row
        ? { name: row.name, timeZone: row.timeZone, locale: row.locale, quietFrom: row.quietFrom, quietTo: row.quietTo }
        : undefined;
    },

    isAdmin(userId: string): boolean {
      return db.select().from(admins).where(eq(admins.userId, userId)).get() !== undefined;
    },

    adminIds(): string[] {
      return db
        .select()
        .from(admins)
        .orderBy(asc(admins.userId))
        .all()
        .map((row) => row.userId);
    },

    holidays(): Set<string> {
      return new Set(
        db
          .select()
          .from(holidays)
          .all()
          .map((row) => row.date),
      );
    },

    /** Titles a unit may seek, in the organisation file's order. */
    titles(): string[] {
      return db
        .select()
        .from(titles)
        .where(eq(titles.active, true))
        .orderBy(asc(titles.position))
        .all()
        .map((row) => row.name);
    },

    getMeta(key: string): string | undefined {
      return db.select().from(meta).where(eq(meta.key, key)).get()?.value;
    },

    setMeta(key: string, value: string): void {
      db.insert(meta).values({ key, value }).onConflictDoUpdate({ target: meta.key, set: { value } }).run();
    },
  };
}
