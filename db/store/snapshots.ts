import { and, desc, eq } from 'drizzle-orm';
import { standingsSnapshots } from '../schema';
import { placeholder, type Statements, writtenLimit } from './statements';
import type { Db } from './types';

export type SnapshotRow = typeof standingsSnapshots.$inferSelect;
export type SnapshotKind = SnapshotRow['kind'];

export interface NewSnapshot {
  blockId: number;
  periodId: number;
  /** summary: the automatic one after the due; manual: a lead's post; correction: a lead's post replacing one. */
  kind: SnapshotKind;
  /** A StandingsRecord (src/standings/record.ts); stored as given, read back with parseStandingsRecord. */
  data: unknown;
  /** Who published it; null for the automatic summary. */
  createdBy: string | null;
  createdAt: Date;
}

/** Published standings, frozen: only ever added, never changed. */
export function snapshotQueries(db: Db, statements: Statements) {
  const statement = {
    byId: () =>
      statements.get('snapshots.byId', (root) =>
        root
          .select()
          .from(standingsSnapshots)
          .where(eq(standingsSnapshots.id, placeholder('id')))
          .prepare(),
      ),
    // Every xephang asks whether its table changed since the last post.
    latest: () =>
      statements.get('snapshots.latest', (root) =>
        root
          .select()
          .from(standingsSnapshots)
          .where(and(eq(standingsSnapshots.blockId, placeholder('blockId')), eq(standingsSnapshots.periodId, placeholder('periodId'))))
          .orderBy(desc(standingsSnapshots.id))
          .limit(writtenLimit(1))
          .prepare(),
      ),
  };
  return {
    add(entry: NewSnapshot): SnapshotRow {
      return db.insert(standingsSnapshots).values(entry).returning().get();
    },

    byId(id: number): SnapshotRow | undefined {
      return statement.byId().get({ id });
    },

    /** The latest publication of the block's standings for the period: what the channel last saw. */
    latest(blockId: number, periodId: number): SnapshotRow | undefined {
      return statement.latest().get({ blockId, periodId });
    },
  };
}
