import { and, desc, eq } from 'drizzle-orm';
import { dueExtensions, reportReopenings } from '../schema';
import { idList, inIdList, inIds } from './in-ids';
import { placeholder, type Statements } from './statements';
import type { Db } from './types';

export type DueExtension = typeof dueExtensions.$inferSelect;
export type ReportReopening = typeof reportReopenings.$inferSelect;

export interface NewGrant {
  periodId: number;
  unitId: number;
  reason: string;
  grantedBy: string;
  grantedAt: Date;
}

/**
 * A unit's own terms for a period, granted by admins in Slack: an extension of its due (gia hạn)
 * and the reopening of its locked report. Both are only appended to; the latest grant counts.
 * Which due and lock are in force is src/services/dues.ts's to say.
 */
export function dueQueries(db: Db, statements: Statements) {
  // Read on every status table and report form: prepared once.
  const statement = {
    extensions: () =>
      statements.get('dues.extensions', (root) =>
        root
          .select()
          .from(dueExtensions)
          .where(and(eq(dueExtensions.periodId, placeholder('periodId')), inIdList(dueExtensions.unitId, 'unitIds')))
          .orderBy(desc(dueExtensions.id))
          .prepare(),
      ),
    reopening: () =>
      statements.get('dues.reopening', (root) =>
        root
          .select()
          .from(reportReopenings)
          .where(and(eq(reportReopenings.periodId, placeholder('periodId')), eq(reportReopenings.unitId, placeholder('unitId'))))
          .orderBy(desc(reportReopenings.id))
          .prepare(),
      ),
  };
  const latestBy = <T extends { id: number; unitId: number }>(rows: T[]) => {
    const result = new Map<number, T>();
    // Rows come newest first: the first one seen for a unit is its latest grant.
    for (const row of rows) if (!result.has(row.unitId)) result.set(row.unitId, row);
    return result;
  };

  return {
    extend(grant: NewGrant & { due: Date }): DueExtension {
      return db.insert(dueExtensions).values(grant).returning().get();
    },

    reopen(grant: NewGrant & { until: Date }): ReportReopening {
      return db.insert(reportReopenings).values(grant).returning().get();
    },

    /** The extension in force of each unit of `unitIds` (all units when absent) for the period. */
    extensions(periodId: number, unitIds?: readonly number[]): Map<number, DueExtension> {
      if (unitIds?.length === 0) return new Map();
      if (unitIds) return latestBy(statement.extensions().all({ periodId, unitIds: idList(unitIds) }));
      return latestBy(db.select().from(dueExtensions).where(eq(dueExtensions.periodId, periodId)).orderBy(desc(dueExtensions.id)).all());
    },

    /** The unit's extension in force for each of `periodIds` that has one, by period id. */
    extensionsOfUnit(unitId: number, periodIds: readonly number[]): Map<number, DueExtension> {
      const result = new Map<number, DueExtension>();
      if (periodIds.length === 0) return result;
      const rows = db
        .select()
        .from(dueExtensions)
        .where(and(eq(dueExtensions.unitId, unitId), inIds(dueExtensions.periodId, periodIds)))
        .orderBy(desc(dueExtensions.id))
        .all();
      for (const row of rows) if (!result.has(row.periodId)) result.set(row.periodId, row);
      return result;
    },

    /** The latest reopening of the unit's report for the period, if any. */
    reopening(periodId: number, unitId: number): ReportReopening | undefined {
      return statement.reopening().get({ periodId, unitId });
    },
  };
}
