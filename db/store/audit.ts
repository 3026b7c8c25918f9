import { and, asc, eq } from 'drizzle-orm';
import { auditLog, processedEvents } from '../schema';
import type { Db } from './types';

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditEntry {
  at: Date;
  actorUserId: string;
  actingAsAdmin?: boolean;
  action: string;
  entityType: string;
  entityId: string | number;
  details?: Record<string, unknown>;
}

export function auditQueries(db: Db) {
  return {
    record(entry: AuditEntry): void {
      db.insert(auditLog)
        .values({
          at: entry.at,
          actorUserId: entry.actorUserId,
          actingAsAdmin: entry.actingAsAdmin ?? false,
          action: entry.action,
          entityType: entry.entityType,
          entityId: String(entry.entityId),
          details: entry.details ?? {},
        })
        .run();
    },

    forEntity(entityType: string, entityId: string | number): AuditRow[] {
      return db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, String(entityId))))
        .orderBy(asc(auditLog.id))
        .all();
    },

    all(): AuditRow[] {
      return db.select().from(auditLog).orderBy(asc(auditLog.id)).all();
    },
  };
}

/** Slack event ids and modal submissions already applied: a retry or a double submit applies once. */
export function processedEventQueries(db: Db) {
  return {
    /** Records the id; false when it was recorded before (the caller must then do nothing). */
    claim(id: string, kind: string, at: Date): boolean {
      return db.insert(processedEvents).values({ id, kind, receivedAt: at }).onConflictDoNothing().run().changes === 1;
    },
  };
}
