import { and, desc, eq } from 'drizzle-orm';
import { manualNudges, summaryHolds } from '../schema';
import { placeholder, type Statements } from './statements';
import type { Db } from './types';

/** A lead's hold on a block's automatic summary of a period (summary_holds). */
export function summaryHoldQueries(db: Db, statements: Statements) {
  // Asked on every draw of a block's standings.
  const held = () =>
    statements.get('summaryHolds.isHeld', (root) =>
      root
        .select({ blockId: summaryHolds.blockId })
        .from(summaryHolds)
        .where(and(eq(summaryHolds.blockId, placeholder('blockId')), eq(summaryHolds.periodId, placeholder('periodId'))))
        .prepare(),
    );
  return {
    isHeld(blockId: number, periodId: number): boolean {
      return held().get({ blockId, periodId }) !== undefined;
    },
    /** True when this call held it (it was not held already). */
    hold(blockId: number, periodId: number, by: string, at: Date): boolean {
      return db.insert(summaryHolds).values({ blockId, periodId, heldBy: by, heldAt: at }).onConflictDoNothing().run().changes === 1;
    },
    /** True when it was held. */
    release(blockId: number, periodId: number): boolean {
      return (
        db
          .delete(summaryHolds)
          .where(and(eq(summaryHolds.blockId, blockId), eq(summaryHolds.periodId, periodId)))
          .run().changes === 1
      );
    },
  };
}

/** The leads' “Nhắc” to units (manual_nudges): subject 'report:<periodId>' or 'pledge:<year>'. */
export function manualNudgeQueries(db: Db) {
  return {
    /** The latest “Nhắc” of `subject` to the unit, if any. */
    latest(subject: string, unitId: number): { byUserId: string; at: Date } | undefined {
      return db
        .select({ byUserId: manualNudges.byUserId, at: manualNudges.at })
        .from(manualNudges)
        .where(and(eq(manualNudges.subject, subject), eq(manualNudges.unitId, unitId)))
        .orderBy(desc(manualNudges.at), desc(manualNudges.id))
        .get();
    },
    record(subject: string, unitId: number, byUserId: string, at: Date): number {
      return db.insert(manualNudges).values({ subject, unitId, byUserId, at }).returning({ id: manualNudges.id }).get().id;
    },
  };
}
