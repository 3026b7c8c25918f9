import { eq, sql } from 'drizzle-orm';
import { meta } from '../schema';
import { placeholder, type Statements } from './statements';

/**
 * What a long, paged modal collected on its earlier pages, when it is too long to ride in the
 * modal's private_metadata (3000 characters). Keyed by form kind and view id; dropped on the final
 * submission.
 */
export function draftQueries(statements: Statements) {
  const key = (form: string, viewId: string) => `draft:${form}:${viewId}`;
  const byKey = eq(meta.key, placeholder('key'));
  const statement = {
    save: () =>
      statements.get('drafts.save', (root) =>
        root
          .insert(meta)
          .values({ key: placeholder('key'), value: placeholder('value') })
          .onConflictDoUpdate({ target: meta.key, set: { value: sql`excluded.value` } })
          .prepare(),
      ),
    load: () => statements.get('drafts.load', (root) => root.select({ value: meta.value }).from(meta).where(byKey).prepare()),
    drop: () => statements.get('drafts.drop', (root) => root.delete(meta).where(byKey).prepare()),
  };
  return {
    save(form: string, viewId: string, values: unknown): void {
      statement.save().run({ key: key(form, viewId), value: JSON.stringify(values) });
    },

    load(form: string, viewId: string): unknown {
      const row = statement.load().get({ key: key(form, viewId) });
      return row ? (JSON.parse(row.value) as unknown) : undefined;
    },

    // Every final submission drops its draft, most of them never saved: a prepared no-op then.
    drop(form: string, viewId: string): void {
      statement.drop().run({ key: key(form, viewId) });
    },
  };
}
