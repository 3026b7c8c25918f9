import { and, asc, eq, gt, inArray, lte, ne, or, sql } from 'drizzle-orm';
import { outbox, type OutboxStatus } from '../schema';
import type { Db } from './types';

export type OutboxRow = typeof outbox.$inferSelect;

/** Errors that no retry will fix: the recipient left or the bot cannot reach the conversation. */
export interface OutboxEntry {
  dedupeKey: string;
  kind: string;
  payload: unknown;
}

/**
 * The claim-before-post ledger. Every state change is one conditional UPDATE, so two dispatchers on
 * one database never both own a row: SQLite serialises writers and the WHERE re-checks the state.
 */
export function outboxQueries(db: Db) {
  return {
    /** Adds an entry unless its key exists already; true when this call added it. */
    enqueue(entry: OutboxEntry, nowMs: number): boolean {
      const result = db
        .insert(outbox)
        .values({ dedupeKey: entry.dedupeKey, kind: entry.kind, payload: entry.payload, status: 'pending', notBefore: new Date(nowMs), createdAt: new Date(nowMs) })
        .onConflictDoNothing({ target: outbox.dedupeKey })
        .run();
      return result.changes === 1;
    },

    byKey(dedupeKey: string): OutboxRow | undefined {
      return db.select().from(outbox).where(eq(outbox.dedupeKey, dedupeKey)).get();
    },

    /** Entries ready to work on: pending and due, or claimed by someone whose lease ran out. */
    ready(nowMs: number, limit: number): OutboxRow[] {
      const now = new Date(nowMs);
      return db
        .select()
        .from(outbox)
        .where(or(and(eq(outbox.status, 'pending'), lte(outbox.notBefore, now)), and(eq(outbox.status, 'sending'), lte(outbox.leaseUntil, now))))
        .orderBy(asc(outbox.id))
        .limit(limit)
        .all();
    },

    /** The earliest instant at which a waiting entry becomes ready, if any. */
    nextWakeMs(): number | undefined {
      const row = db
        .select({
          at: sql<number | null>`min(case when ${outbox.status} = 'pending' then ${outbox.notBefore} else ${outbox.leaseUntil} end)`,
        })
        .from(outbox)
        .where(inArray(outbox.status, ['pending', 'sending']))
        .get();
      return row?.at ?? undefined;
    },

    /**
     * Takes the entry for `workerId` until `leaseUntilMs`. Returns the row as it was before the claim
     * (its status tells whether this is a recovery of an expired claim), or undefined if another
     * worker has it.
     */
    claim(id: number, workerId: string, nowMs: number, leaseUntilMs: number): OutboxRow | undefined {
      const before = db.select().from(outbox).where(eq(outbox.id, id)).get();
      if (!before) return undefined;
      const now = new Date(nowMs);
      const result = db
        .update(outbox)
        .set({ status: 'sending', claimedBy: workerId, leaseUntil: new Date(leaseUntilMs), attempts: sql`${outbox.attempts} + 1` })
        .where(
          and(
            eq(outbox.id, id),
            or(and(eq(outbox.status, 'pending'), lte(outbox.notBefore, now)), and(eq(outbox.status, 'sending'), lte(outbox.leaseUntil, now))),
          ),
        )
        .run();
      return result.changes === 1 ? before : undefined;
    },

    /** Remembers the conversation a DM goes to, before posting, so a recovery knows where to look. */
    setChannel(id: number, workerId: string, channelId: string): void {
      db.update(outbox)
        .set({ channelId })
        .where(and(eq(outbox.id, id), eq(outbox.claimedBy, workerId)))
        .run();
    },

    markSent(id: number, workerId: string, channelId: string, ts: string, nowMs: number): void {
      db.update(outbox)
        .set({ status: 'sent', channelId, ts, sentAt: new Date(nowMs), leaseUntil: null, error: null })
        .where(and(eq(outbox.id, id), eq(outbox.claimedBy, workerId)))
        .run();
    },

    /** Gives the entry back to be tried again from `notBeforeMs` (rate limit, transient error). */
    release(id: number, workerId: string, notBeforeMs: number, error: string | null): void {
      db.update(outbox)
        .set({ status: 'pending', notBefore: new Date(notBeforeMs), leaseUntil: null, error })
        .where(and(eq(outbox.id, id), eq(outbox.claimedBy, workerId)))
        .run();
    },

    /** Ends the entry without a post: `skipped` (recipient unreachable) or `failed` (gave up). */
    finish(id: number, workerId: string, status: Extract<OutboxStatus, 'skipped' | 'failed'>, error: string): void {
      db.update(outbox)
        .set({ status, error, leaseUntil: null })
        .where(and(eq(outbox.id, id), eq(outbox.claimedBy, workerId)))
        .run();
    },

    /** How many entries are in each state; only those with an id above `afterId` when given. */
    countsByStatus(afterId = 0): Record<OutboxStatus, number> {
      const counts: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, skipped: 0, failed: 0 };
      for (const row of db
        .select({ status: outbox.status, count: sql<number>`count(*)` })
        .from(outbox)
        .where(gt(outbox.id, afterId))
        .groupBy(outbox.status)
        .all()) {
        counts[row.status] = row.count;
      }
      return counts;
    },

    /** The highest id so far (0 for an empty outbox): what a run queued is what lies above it. */
    lastId(): number {
      return db.select({ id: sql<number | null>`max(${outbox.id})` }).from(outbox).get()?.id ?? 0;
    },

    /** Entries that ended `skipped` with an id above `afterId`, except those of `exceptKind`, oldest first. */
    skippedAfter(afterId: number, exceptKind: string): OutboxRow[] {
      return db
        .select()
        .from(outbox)
        .where(and(eq(outbox.status, 'skipped'), gt(outbox.id, afterId), ne(outbox.kind, exceptKind)))
        .orderBy(asc(outbox.id))
        .all();
    },

    withStatus(status: OutboxStatus): OutboxRow[] {
      return db.select().from(outbox).where(eq(outbox.status, status)).orderBy(asc(outbox.id)).all();
    },

    /** Entries whose key starts with `prefix` (e.g. every recipient of one request), oldest first. */
    withKeyPrefix(prefix: string): OutboxRow[] {
      return db
        .select()
        .from(outbox)
        .where(sql`substr(${outbox.dedupeKey}, 1, ${prefix.length}) = ${prefix}`)
        .orderBy(asc(outbox.id))
        .all();
    },

    all(): OutboxRow[] {
      return db.select().from(outbox).orderBy(asc(outbox.id)).all();
    },
  };
}
