import { and, eq } from 'drizzle-orm';
import { blockYears, holidays, officers } from '../schema';
import type { Db } from './types';

/**
 * What admins change in Slack between two imports of the organisation file: a unit's officers, a
 * block's lead and deputy for a year, the holidays. Called by the use cases inside their
 * transaction (src/services/admin/); the next import of the file says again what the file holds,
 * and its preview shows what that would change back.
 */
export function configurationQueries(db: Db) {
  return {
    /** Makes `userId` an officer of `unitId` (one unit per person: it leaves any other). Answers the unit it left, if any. */
    assignOfficer(userId: string, unitId: number): { previousUnitId?: number } {
      const previous = db.select().from(officers).where(eq(officers.userId, userId)).get();
      db.insert(officers).values({ userId, unitId }).onConflictDoUpdate({ target: officers.userId, set: { unitId } }).run();
      return previous && previous.unitId !== unitId ? { previousUnitId: previous.unitId } : {};
    },

    /** Answers whether `userId` was an officer of `unitId`. */
    removeOfficer(userId: string, unitId: number): boolean {
      return (
        db
          .delete(officers)
          .where(and(eq(officers.userId, userId), eq(officers.unitId, unitId)))
          .run().changes === 1
      );
    },

    setBlockLeads(year: number, blockId: number, leadUnitId: number, deputyUnitId: number | null): void {
      db.insert(blockYears)
        .values({ year, blockId, leadUnitId, deputyUnitId })
        .onConflictDoUpdate({ target: [blockYears.year, blockYears.blockId], set: { leadUnitId, deputyUnitId } })
        .run();
    },

    /** Answers false when the date ('yyyy-MM-dd') was a holiday already. */
    addHoliday(date: string): boolean {
      return db.insert(holidays).values({ date }).onConflictDoNothing().run().changes === 1;
    },
  };
}
