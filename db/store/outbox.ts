import { and, asc, count, desc, eq, gt, gte, inArray, lt, lte, notInArray, or, sql } from 'drizzle-orm';
import { type OutboxStatus, outbox } from '../schema';
import { placeholder, type Statements, writtenLimit } from './statements';
import type { Db } from './types';

export type OutboxRow = typeof outbox.$inferSelect;

/**
 * A ready entry as the delivery puts it in a lane: its id, key and lane, and whether it is a thread
 * reply (its parent's key, as JSON reads it: null when absent); not the message itself, which is
 * read when the entry is claimed.
 */
export interface ReadyEntry {
  id: number;
  dedupeKey: string;
  lane: string;
  threadOfKey: string | null;
}

/** Errors that no retry will fix: the recipient left or the bot cannot reach the conversation. */
export interface OutboxEntry {
  dedupeKey: string;
  kind: string;
  payload: unknown;
  /** The conversation it is posted in (src/delivery/message.ts `laneOf`). */
  lane: string;
}

/**
 * The claim-before-post ledger. Every state change is one conditional UPDATE, so two dispatchers on
 * one database never both own a row: SQLite serialises writers and the WHERE re-checks the state.
 */
export function outboxQueries(db: Db, statements: Statements) {
  // The statements a fan-out and every kick run, prepared once per connection (statements.ts).
  const byId = placeholder('id');
  const worker = placeholder('worker');
  const now = placeholder('now');
  // A ready entry: its lane is stored, and SQLite reads the one field it needs out of the message's
  // JSON, so the whole message is neither copied nor parsed by a read.
  const readyEntry = {
    id: outbox.id,
    dedupeKey: outbox.dedupeKey,
    lane: outbox.lane,
    threadOfKey: sql<string | null>`json_extract(${outbox.payload}, '$.threadOfKey')`,
  };
  const lane = placeholder('lane');
  const prepared = {
    enqueue: () =>
      statements.get('outbox.enqueue', (root) =>
        root
          .insert(outbox)
          .values({
            dedupeKey: placeholder('key'),
            kind: placeholder('kind'),
            payload: placeholder('payload'),
            status: 'pending',
            notBefore: now,
            createdAt: now,
            lane: placeholder('lane'),
          })
          .onConflictDoNothing({ target: outbox.dedupeKey })
          .prepare(),
      ),
    row: () => statements.get('outbox.row', (root) => root.select().from(outbox).where(eq(outbox.id, byId)).prepare()),
    byKey: () =>
      statements.get('outbox.byKey', (root) =>
        root
          .select()
          .from(outbox)
          .where(eq(outbox.dedupeKey, placeholder('key')))
          .prepare(),
      ),
    claim: () =>
      statements.get('outbox.claim', (root) =>
        root
          .update(outbox)
          .set({ status: 'sending', claimedBy: worker, leaseUntil: placeholder('leaseUntil'), attempts: sql`${outbox.attempts} + 1` })
          .where(
            and(
              eq(outbox.id, byId),
              or(
                and(eq(outbox.status, 'pending'), lte(outbox.notBefore, now)),
                and(eq(outbox.status, 'sending'), lte(outbox.leaseUntil, now)),
              ),
            ),
          )
          .prepare(),
      ),
    setChannel: () =>
      statements.get('outbox.setChannel', (root) =>
        root
          .update(outbox)
          .set({ channelId: placeholder('channel') })
          .where(and(eq(outbox.id, byId), eq(outbox.claimedBy, worker)))
          .prepare(),
      ),
    // One lane's first ready entries, oldest first: its pending and due ones and its claims whose
    // lease ran out, each found by the (status, lane) index in id order and merged, so the read stops
    // after `limit` rows however long the lane's backlog. Its limit is written into it (writtenLimit).
    readyInLane: (limit: number) =>
      statements.get(`outbox.readyInLane:${limit}`, (root) =>
        root
          .select(readyEntry)
          .from(outbox)
          .where(and(eq(outbox.status, 'pending'), eq(outbox.lane, lane), lte(outbox.notBefore, now)))
          .unionAll(
            root
              .select(readyEntry)
              .from(outbox)
              .where(and(eq(outbox.status, 'sending'), eq(outbox.lane, lane), lte(outbox.leaseUntil, now))),
          )
          .orderBy(sql`1`)
          .limit(writtenLimit(limit))
          .prepare(),
      ),
    // A range of the primary key: only the rows added since, however long the outbox. The unary
    // `+` keeps SQLite off the (status, lane) index, which would read every pending row — a backlog
    // waiting for its pacing — on every kick.
    // Its limit is written into it (writtenLimit: a bound one is planned again on every kick).
    readyAfter: (limit: number) =>
      statements.get(`outbox.readyAfter:${limit}`, (root) =>
        root
          .select(readyEntry)
          .from(outbox)
          .where(and(gt(outbox.id, placeholder('afterId')), sql`+${outbox.status} = 'pending'`, sql`+${outbox.notBefore} <= ${now}`))
          .orderBy(asc(outbox.id))
          .limit(writtenLimit(limit))
          .prepare(),
      ),
    markSent: () =>
      statements.get('outbox.markSent', (root) =>
        root
          .update(outbox)
          .set({ status: 'sent', channelId: placeholder('channel'), ts: placeholder('ts'), sentAt: now, leaseUntil: null, error: null })
          .where(and(eq(outbox.id, byId), eq(outbox.claimedBy, worker)))
          .prepare(),
      ),
  };

  return {
    /** Adds an entry unless its key exists already; its id when this call added it. */
    enqueue(entry: OutboxEntry, nowMs: number): number | undefined {
      const added = prepared
        .enqueue()
        .run({ key: entry.dedupeKey, kind: entry.kind, payload: JSON.stringify(entry.payload), now: nowMs, lane: entry.lane });
      return added.changes === 1 ? Number(added.lastInsertRowid) : undefined;
    },

    /**
     * Adds an entry `held` until `releaseAtMs` (organisation time) unless its key exists already;
     * held entries of one `foldKey` are released together as one post (heldDue, release). Its id
     * when this call added it.
     */
    hold(entry: OutboxEntry, releaseAtMs: number, foldKey: string | null, nowMs: number): number | undefined {
      const now = new Date(nowMs);
      const added = db
        .insert(outbox)
        .values({
          dedupeKey: entry.dedupeKey,
          kind: entry.kind,
          payload: entry.payload,
          status: 'held',
          notBefore: now,
          createdAt: now,
          releaseAt: new Date(releaseAtMs),
          foldKey,
          lane: entry.lane,
        })
        .onConflictDoNothing({ target: outbox.dedupeKey })
        .run();
      return added.changes === 1 ? Number(added.lastInsertRowid) : undefined;
    },

    /** Held entries whose release time (organisation time) has come, oldest first. */
    heldDue(organisationNowMs: number): OutboxRow[] {
      return db
        .select()
        .from(outbox)
        .where(and(eq(outbox.status, 'held'), lte(outbox.releaseAt, new Date(organisationNowMs))))
        .orderBy(asc(outbox.id))
        .all();
    },

    /**
     * Releases held entries: `first` becomes pending with `payload` (the folded post) from `wireNowMs`,
     * the `folded` ones end `superseded` (said in `first`'s post). Only entries still held are touched.
     */
    releaseHeld(first: number, payload: unknown, folded: readonly number[], wireNowMs: number): void {
      db.update(outbox)
        .set({ status: 'pending', payload, notBefore: new Date(wireNowMs) })
        .where(and(eq(outbox.id, first), eq(outbox.status, 'held')))
        .run();
      if (folded.length === 0) return;
      db.update(outbox)
        .set({ status: 'superseded', error: `folded into entry ${first}` })
        .where(and(inArray(outbox.id, [...folded]), eq(outbox.status, 'held')))
        .run();
    },

    byKey(dedupeKey: string): OutboxRow | undefined {
      return prepared.byKey().get({ key: dedupeKey });
    },

    /**
     * The lanes that have entries pending or being sent (some may not be ready yet), each found by a
     * step of the (status, lane) index: as many steps as lanes, whatever their backlogs.
     */
    lanes(): string[] {
      // A skip-scan: each step is the next lane after the last one, per status.
      const found = db
        .all<{ lane: string }>(sql`
          with recursive lanes(status, lane) as (
            select 'pending', (select lane from outbox where status = 'pending' order by lane limit 1)
            union all
            select 'sending', (select lane from outbox where status = 'sending' order by lane limit 1)
            union all
            select lanes.status, (select lane from outbox where status = lanes.status and lane > lanes.lane order by lane limit 1)
              from lanes where lanes.lane is not null
          )
          select lane from lanes where lane is not null`)
        .map((row) => row.lane);
      // A lane with entries of both statuses comes twice: once is enough.
      return [...new Set(found)];
    },

    /**
     * `lane`'s first `limit` entries ready to work on, oldest first: pending and due, or claimed by
     * someone whose lease ran out. Each `limit` is a statement of its own: pass a constant.
     */
    readyInLane(lane: string, nowMs: number, limit: number): ReadyEntry[] {
      return prepared.readyInLane(limit).all({ lane, now: nowMs });
    },

    /** The highest id given to an entry so far (0: none). */
    lastId(): number {
      return db.get<{ id: number | null }>(sql`select max(id) as id from outbox`)?.id ?? 0;
    },

    /**
     * Pending, due entries with an id above `afterId`: what was queued since a reader last looked.
     * Each `limit` is a statement of its own: pass a constant.
     */
    readyAfter(afterId: number, nowMs: number, limit: number): ReadyEntry[] {
      return prepared.readyAfter(limit).all({ afterId, now: nowMs });
    },

    /** The earliest instant at which a waiting entry (other than `excludingIds`) becomes ready, if any. */
    nextWakeMs(excludingIds: readonly number[] = []): number | undefined {
      const row = db
        .select({
          at: sql<number | null>`min(case when ${outbox.status} = 'pending' then ${outbox.notBefore} else ${outbox.leaseUntil} end)`,
        })
        .from(outbox)
        .where(
          and(
            inArray(outbox.status, ['pending', 'sending']),
            excludingIds.length ? sql`${outbox.id} not in (select value from json_each(${JSON.stringify(excludingIds)}))` : undefined,
          ),
        )
        .get();
      return row?.at ?? undefined;
    },

    /**
     * Takes the entry for `workerId` until `leaseUntilMs`. Returns the row as it was before the claim
     * (its status tells whether this is a recovery of an expired claim), or undefined if another
     * worker has it.
     */
    claim(id: number, workerId: string, nowMs: number, leaseUntilMs: number): OutboxRow | undefined {
      const before = prepared.row().get({ id });
      if (!before) return undefined;
      return prepared.claim().run({ id, worker: workerId, now: nowMs, leaseUntil: leaseUntilMs }).changes === 1 ? before : undefined;
    },

    /** Remembers the conversation a DM goes to, before posting, so a recovery knows where to look. */
    setChannel(id: number, workerId: string, channelId: string): void {
      prepared.setChannel().run({ id, worker: workerId, channel: channelId });
    },

    /** `ts` is null for a file upload: Slack answers it with the file, not the message. */
    markSent(id: number, workerId: string, channelId: string, ts: string | null, nowMs: number): void {
      prepared.markSent().run({ id, worker: workerId, channel: channelId, ts, now: nowMs });
    },

    /** Gives the entry back to be tried again from `notBeforeMs` (rate limit, transient error). */
    release(id: number, workerId: string, notBeforeMs: number, error: string | null): void {
      db.update(outbox)
        .set({ status: 'pending', notBefore: new Date(notBeforeMs), leaseUntil: null, error })
        .where(and(eq(outbox.id, id), eq(outbox.claimedBy, workerId)))
        .run();
    },

    /**
     * Tries again from `untilMs`, but as a recovery: the claim stays open (status sending) with its
     * lease ending then, so whoever takes it next first looks in Slack for the post. For attempts
     * whose outcome is unknown (the request went out and no answer came back) and for recoveries
     * that were interrupted.
     */
    postponeUncertain(id: number, workerId: string, untilMs: number, error: string): void {
      db.update(outbox)
        .set({ status: 'sending', leaseUntil: new Date(untilMs), error })
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

    countsByStatus(): Record<OutboxStatus, number> {
      const counts: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, skipped: 0, failed: 0, superseded: 0, held: 0 };
      for (const row of db.select({ status: outbox.status, count: sql<number>`count(*)` }).from(outbox).groupBy(outbox.status).all()) {
        counts[row.status] = row.count;
      }
      return counts;
    },

    /**
     * Ends the pending entries whose key starts with `prefix` but not with `keep` as `superseded`:
     * older nudges of a due and block that were never posted, once a newer one is queued. Entries
     * being sent are left alone (they may be posted already). Returns how many it ended.
     */
    supersede(prefix: string, keep: string, reason: string): number {
      return (
        db
          .update(outbox)
          .set({ status: 'superseded', error: reason })
          // A key range, so the unique index on the key finds them.
          .where(
            and(
              eq(outbox.status, 'pending'),
              gte(outbox.dedupeKey, prefix),
              lt(outbox.dedupeKey, `${prefix}\uffff`),
              sql`substr(${outbox.dedupeKey}, 1, ${keep.length}) <> ${keep}`,
            ),
          )
          .run().changes
      );
    },

    /** Ends the pending entries with these keys as `superseded` (said in another post, or not to be posted), with `reason`. */
    supersedeKeys(keys: readonly string[], reason: string): number {
      if (keys.length === 0) return 0;
      return db
        .update(outbox)
        .set({ status: 'superseded', error: reason })
        .where(and(eq(outbox.status, 'pending'), inArray(outbox.dedupeKey, [...keys])))
        .run().changes;
    },

    /** Entries that ended `skipped` with an id above `afterId`, except those of `exceptKinds`, oldest first. */
    skippedAfter(afterId: number, exceptKinds: readonly string[]): OutboxRow[] {
      return db
        .select()
        .from(outbox)
        .where(and(eq(outbox.status, 'skipped'), gt(outbox.id, afterId), notInArray(outbox.kind, [...exceptKinds])))
        .orderBy(asc(outbox.id))
        .all();
    },

    /** Entries queued since `sinceMs` (wire time) that ended skipped or failed, except those of `exceptKinds`: how many, and the latest `limit`. */
    undelivered(sinceMs: number, exceptKinds: readonly string[], limit: number): { count: number; latest: OutboxRow[] } {
      const where = and(
        inArray(outbox.status, ['skipped', 'failed']),
        gte(outbox.createdAt, new Date(sinceMs)),
        notInArray(outbox.kind, [...exceptKinds]),
      );
      return {
        count: db.select({ count: count() }).from(outbox).where(where).get()?.count ?? 0,
        latest: db.select().from(outbox).where(where).orderBy(desc(outbox.id)).limit(limit).all(),
      };
    },

    withStatus(status: OutboxStatus): OutboxRow[] {
      return db.select().from(outbox).where(eq(outbox.status, status)).orderBy(asc(outbox.id)).all();
    },

    /** The entry with the greatest key that starts with `prefix` (found through the key's index). */
    latestWithKeyPrefix(prefix: string): OutboxRow | undefined {
      return db
        .select()
        .from(outbox)
        .where(and(gte(outbox.dedupeKey, prefix), lt(outbox.dedupeKey, `${prefix}\uffff`)))
        .orderBy(desc(outbox.dedupeKey))
        .limit(1)
        .get();
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
