import { and, asc, eq, sql } from 'drizzle-orm';
import type { TallyKey } from '../../src/domain/ballots';
import { ballots, deliberations, voteTallies } from '../schema';
import type { Db } from './types';

export type DeliberationRow = typeof deliberations.$inferSelect;
export type BallotRow = typeof ballots.$inferSelect;

export interface NewDeliberation {
  year: number;
  blockId: number;
  /** The frozen proposal list (src/standings/deliberation-record.ts). */
  opening: unknown;
  openedBy: string;
  openedAt: Date;
}

/**
 * The year-end deliberations, their ballots and tallies. What is stored of a ballot is that the unit
 * cast it (and when) and its sealed text while the vote is open — never the choices: those go to the
 * tallies only, as counts.
 */
export function deliberationQueries(db: Db) {
  return {
    /** Opens the block's deliberation for the year; undefined when one exists already. */
    open(entry: NewDeliberation): DeliberationRow | undefined {
      return db
        .insert(deliberations)
        .values({ ...entry, status: 'open' })
        .onConflictDoNothing()
        .returning()
        .get();
    },

    byId(id: number): DeliberationRow | undefined {
      return db.select().from(deliberations).where(eq(deliberations.id, id)).get();
    },

    of(year: number, blockId: number): DeliberationRow | undefined {
      return db
        .select()
        .from(deliberations)
        .where(and(eq(deliberations.year, year), eq(deliberations.blockId, blockId)))
        .get();
    },

    /** Every block's deliberation of the year, by block id. */
    ofYear(year: number): DeliberationRow[] {
      return db.select().from(deliberations).where(eq(deliberations.year, year)).orderBy(asc(deliberations.blockId)).all();
    },

    /** Closes an open deliberation with its decision and forgets every sealed ballot; false when it was not open. */
    close(id: number, decision: unknown, closedBy: string, closedAt: Date): boolean {
      const closed =
        db
          .update(deliberations)
          .set({ status: 'closed', decision, closedBy, closedAt })
          .where(and(eq(deliberations.id, id), eq(deliberations.status, 'open')))
          .run().changes === 1;
      if (closed) db.update(ballots).set({ sealed: null }).where(eq(ballots.deliberationId, id)).run();
      return closed;
    },

    ballot(deliberationId: number, unitId: number): BallotRow | undefined {
      return db
        .select()
        .from(ballots)
        .where(and(eq(ballots.deliberationId, deliberationId), eq(ballots.unitId, unitId)))
        .get();
    },

    /** The units that have cast a ballot, in the order they first did. */
    voters(deliberationId: number): number[] {
      return db
        .select({ unitId: ballots.unitId })
        .from(ballots)
        .where(eq(ballots.deliberationId, deliberationId))
        .orderBy(asc(ballots.castAt), asc(ballots.unitId))
        .all()
        .map((row) => row.unitId);
    },

    /** Records that the unit voted (first ballot) or keeps its new sealed ballot (a change). */
    saveBallot(deliberationId: number, unitId: number, sealed: string, castAt: Date): void {
      db.insert(ballots)
        .values({ deliberationId, unitId, castAt, sealed })
        .onConflictDoUpdate({ target: [ballots.deliberationId, ballots.unitId], set: { sealed } })
        .run();
    },

    /** Sets up every count the vote can reach, at zero, in one go when it opens (src/domain/ballots.ts everyTallyKey). */
    startTallies(deliberationId: number, keys: readonly TallyKey[]): void {
      if (keys.length)
        db.insert(voteTallies)
          .values(keys.map((key) => ({ deliberationId, ...key, count: 0 })))
          .run();
    },

    /** Adds `delta` (1 for a ballot, −1 for the ballot it replaces) to each count. */
    count(deliberationId: number, keys: readonly TallyKey[], delta: 1 | -1): void {
      for (const key of keys)
        db.insert(voteTallies)
          .values({ deliberationId, subject: key.subject, option: key.option, count: delta })
          .onConflictDoUpdate({
            target: [voteTallies.deliberationId, voteTallies.subject, voteTallies.option],
            set: { count: sql`${voteTallies.count} + ${delta}` },
          })
          .run();
    },

    tallies(deliberationId: number): { subject: string; option: string; count: number }[] {
      return db
        .select({ subject: voteTallies.subject, option: voteTallies.option, count: voteTallies.count })
        .from(voteTallies)
        .where(eq(voteTallies.deliberationId, deliberationId))
        .orderBy(asc(voteTallies.subject), asc(voteTallies.option))
        .all();
    },
  };
}
