import { eq } from 'drizzle-orm';
import { meta } from '../schema';
import type { Db } from './types';

/**
 * What a long, paged modal collected on its earlier pages, when it is too long to ride in the
 * modal's private_metadata (3000 characters). Keyed by form kind and view id; dropped on the final
 * submission.
 */
export function draftQueries(db: Db) {
  const key = (form: string, viewId: string) => `draft:${form}:${viewId}`;
  return {
    save(form: string, viewId: string, values: unknown): void {
      const value = JSON.stringify(values);
      db.insert(meta)
        .values({ key: key(form, viewId), value })
        .onConflictDoUpdate({ target: meta.key, set: { value } })
        .run();
    },

    load(form: string, viewId: string): unknown {
      const row = db
        .select()
        .from(meta)
        .where(eq(meta.key, key(form, viewId)))
        .get();
      return row ? (JSON.parse(row.value) as unknown) : undefined;
    },

    drop(form: string, viewId: string): void {
      db.delete(meta)
        .where(eq(meta.key, key(form, viewId)))
        .run();
    },
  };
}
