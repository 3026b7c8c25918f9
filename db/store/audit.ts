import { and, asc, eq } from 'drizzle-orm';
import { auditLog, processedEvents } from '../schema';
import { placeholder, type Statements } from './statements';
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

export function auditQueries(db: Db, statements: Statements) {
  const record = () =>
    statements.get('audit.record', (root) =>
      root
        .insert(auditLog)
        .values({
          at: placeholder('at'),
          actorUserId: placeholder('actor'),
          actingAsAdmin: placeholder('actingAsAdmin'),
          action: placeholder('action'),
          entityType: placeholder('entityType'),
          entityId: placeholder('entityId'),
          details: placeholder('details'),
        })
        .prepare(),
    );
  return {
    record(entry: AuditEntry): void {
      record().run({
        at: entry.at.getTime(),
        actor: entry.actorUserId,
        actingAsAdmin: Number(entry.actingAsAdmin ?? false),
        action: entry.action,
        entityType: entry.entityType,
        entityId: String(entry.entityId),
        details: JSON.stringify(entry.details ?? {}),
      });
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
export function processedEventQueries(statements: Statements) {
  const claim = () =>
    statements.get('events.claim', (root) =>
      root
        .insert(processedEvents)
        .values({ id: placeholder('id'), kind: placeholder('kind'), receivedAt: placeholder('at') })
        .onConflictDoNothing()
        .prepare(),
    );
  return {
    /** Records the id; false when it was recorded before (the caller must then do nothing). */
    claim(id: string, kind: string, at: Date): boolean {
      return claim().run({ id, kind, at: at.getTime() }).changes === 1;
    },
  };
}
