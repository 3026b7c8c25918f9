import { and, desc, eq } from 'drizzle-orm';
import { standingsSnapshots } from '../schema';
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
export function snapshotQueries(db: Db) {
  return {
    add(entry: NewSnapshot): SnapshotRow {
      return db.insert(standingsSnapshots).values(entry).returning().get();
    },

    byId(id: number): SnapshotRow | undefined {
      return db.select().from(standingsSnapshots).where(eq(standingsSnapshots.id, id)).get();
    },

    /** The latest publication of the block's standings for the period: what the channel last saw. */
    latest(blockId: number, periodId: number): SnapshotRow | undefined {
      return db
        .select()
        .from(standingsSnapshots)
        .where(and(eq(standingsSnapshots.blockId, blockId), eq(standingsSnapshots.periodId, periodId)))
        .orderBy(desc(standingsSnapshots.id))
        .limit(1)
        .get();
    },
  };
}
