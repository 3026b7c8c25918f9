import { and, count, desc, eq, gte, lt, or, type SQL } from 'drizzle-orm';
import { auditLog, pledges, processedEvents, reports } from '../schema';
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
  /** The unit the entry is about; found from the entity when it is a unit, a report or a pledge. */
  unitId?: number;
  /** The person the entry is about besides its actor (an officer added or removed). */
  subjectUserId?: string;
}

/** Which entries to read: about a unit, by or about a person, at or after `from` and before `until`. */
export interface AuditFilter {
  unitId?: number;
  userId?: string;
  from?: Date;
  until?: Date;
}

export function auditQueries(db: Db, statements: Statements) {
  const insert = () =>
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
          unitId: placeholder('unitId'),
          subjectUserId: placeholder('subjectUserId'),
        })
        .prepare(),
    );
  const reportUnit = () =>
    statements.get('audit.reportUnit', (root) =>
      root
        .select({ unitId: reports.unitId })
        .from(reports)
        .where(eq(reports.id, placeholder('id')))
        .prepare(),
    );
  const pledgeUnit = () =>
    statements.get('audit.pledgeUnit', (root) =>
      root
        .select({ unitId: pledges.unitId })
        .from(pledges)
        .where(eq(pledges.id, placeholder('id')))
        .prepare(),
    );
  /** The unit an entry is about, from its entity, when the caller did not say. */
  const unitOf = (entry: AuditEntry): number | undefined => {
    if (entry.unitId !== undefined) return entry.unitId;
    const id = Number(entry.entityId);
    if (!Number.isInteger(id)) return undefined;
    if (entry.entityType === 'unit') return id;
    if (entry.entityType === 'report') return reportUnit().get({ id })?.unitId;
    if (entry.entityType === 'pledge') return pledgeUnit().get({ id })?.unitId;
    return undefined;
  };

  const where = (filter: AuditFilter): SQL | undefined =>
    and(
      filter.unitId !== undefined ? eq(auditLog.unitId, filter.unitId) : undefined,
      filter.userId !== undefined ? or(eq(auditLog.actorUserId, filter.userId), eq(auditLog.subjectUserId, filter.userId)) : undefined,
      filter.from ? gte(auditLog.at, filter.from) : undefined,
      filter.until ? lt(auditLog.at, filter.until) : undefined,
    );

  return {
    record(entry: AuditEntry): void {
      insert().run({
        at: entry.at.getTime(),
        actor: entry.actorUserId,
        actingAsAdmin: Number(entry.actingAsAdmin ?? false),
        action: entry.action,
        entityType: entry.entityType,
        entityId: String(entry.entityId),
        details: JSON.stringify(entry.details ?? {}),
        unitId: unitOf(entry) ?? null,
        subjectUserId: entry.subjectUserId ?? null,
      });
    },

    forEntity(entityType: string, entityId: string | number): AuditRow[] {
      return db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, String(entityId))))
        .orderBy(auditLog.id)
        .all();
    },

    all(): AuditRow[] {
      return db.select().from(auditLog).orderBy(auditLog.id).all();
    },

    /** How many entries `filter` selects. */
    count(filter: AuditFilter): number {
      return db.select({ count: count() }).from(auditLog).where(where(filter)).get()?.count ?? 0;
    },

    /** `limit` entries that `filter` selects, newest first, after skipping `offset`. */
    page(filter: AuditFilter, offset: number, limit: number): AuditRow[] {
      return db
        .select()
        .from(auditLog)
        .where(where(filter))
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(limit)
        .offset(offset)
        .all();
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
  const seen = () =>
    statements.get('events.seen', (root) =>
      root
        .select({ id: processedEvents.id })
        .from(processedEvents)
        .where(eq(processedEvents.id, placeholder('id')))
        .prepare(),
    );
  return {
    /** Records the id; false when it was recorded before (the caller must then do nothing). */
    claim(id: string, kind: string, at: Date): boolean {
      return claim().run({ id, kind, at: at.getTime() }).changes === 1;
    },

    /** Whether the id was claimed. */
    seen(id: string): boolean {
      return seen().get({ id }) !== undefined;
    },
  };
}
