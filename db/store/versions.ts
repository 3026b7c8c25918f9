import { type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { VersionStatus } from '../schema';
import type { Db } from './types';

/** Who decided a pending version, when, and why (a rejection's reason). */
export interface Decision {
  by: string;
  at: Date;
  reason?: string;
}

/**
 * The life of a versioned record (a pledge, a periodic report): versions are numbered 1, 2, … per
 * parent and only ever added; a pending version is decided once — the WHERE re-checks that it is
 * still pending, so two deciders cannot both win. Written once for every versions table, which all
 * share the columns version, status, decided_by, decided_at and decision_reason.
 */
export function versionLifecycle(db: Db, table: SQLiteTable, columns: { id: SQLiteColumn; parent: SQLiteColumn }) {
  const decidedSet = (status: VersionStatus, decision: Decision): SQL =>
    sql`status = ${status}, decided_by = ${decision.by}, decided_at = ${decision.at.getTime()}, decision_reason = ${decision.reason ?? null}`;
  return {
    nextVersion(parentId: number): number {
      const row = db.get<{ last: number | null }>(sql`select max(version) as last from ${table} where ${columns.parent} = ${parentId}`);
      return (row?.last ?? 0) + 1;
    },

    /** Accepts or rejects a pending version; false when it is no longer pending (decided, withdrawn). */
    decide(versionId: number, status: Extract<VersionStatus, 'accepted' | 'rejected'>, decision: Decision): boolean {
      return (
        db.run(sql`update ${table} set ${decidedSet(status, decision)} where ${columns.id} = ${versionId} and status = 'pending'`)
          .changes === 1
      );
    },

    /** Ends the parent's pending versions, replaced by a newer submission; returns the ids withdrawn. */
    withdrawPending(parentId: number, decision: Decision): number[] {
      return db
        .all<{ id: number }>(
          sql`update ${table} set ${decidedSet('withdrawn', decision)} where ${columns.parent} = ${parentId} and status = 'pending' returning ${columns.id} as id`,
        )
        .map((row) => row.id);
    },
  };
}

/**
 * Each parent's versions as tables read them: the first accepted (when it was first submitted),
 * the latest accepted (in force) and the latest pending. `versions` oldest first; grouped in one
 * pass, so a whole province at once stays linear.
 */
export function pickVersions<P extends { id: number }, V extends { status: VersionStatus }>(
  parents: readonly P[],
  versions: readonly V[],
  parentOf: (version: V) => number,
) {
  const byParent = new Map<number, V[]>(parents.map((parent) => [parent.id, []]));
  for (const version of versions) byParent.get(parentOf(version))?.push(version);
  return parents.map((parent) => {
    const own = byParent.get(parent.id)!;
    const accepted = own.filter((version) => version.status === 'accepted');
    return { parent, first: accepted[0], inForce: accepted.at(-1), pending: own.filter((version) => version.status === 'pending').at(-1) };
  });
}
