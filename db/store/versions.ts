import { and, asc, desc, eq, getTableName, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { VersionStatus } from '../../src/domain/versions';
import { idList, inIdList } from './in-ids';
import { placeholder, type Statements, writtenLimit } from './statements';
import type { Db } from './types';

/** Who decided a pending version, when, and why (a rejection's reason). */
export interface Decision {
  by: string;
  at: Date;
  reason?: string;
}

/** The columns every versions table shares (pledge_versions, report_versions). */
export interface VersionRowBase {
  id: number;
  version: number;
  status: VersionStatus;
}

/** A versioned record's parent row: one per unit and scope (a pledge per year, a report per period). */
export interface ParentRowBase {
  id: number;
  unitId: number;
}

/**
 * Where a kind of versioned record lives: its parent table (unique by scope and unit) and its
 * versions table, and how a version's details (targets, values) are read for many versions at once.
 */
export interface VersionedTables<V extends VersionRowBase, D extends V> {
  parents: SQLiteTable;
  parentColumns: { id: SQLiteColumn; scope: SQLiteColumn; unitId: SQLiteColumn; blockId: SQLiteColumn };
  /** The parent's scope column as a property name ('year', 'periodId'), for inserts. */
  scopeKey: string;
  versions: SQLiteTable;
  versionColumns: { id: SQLiteColumn; parentId: SQLiteColumn; version: SQLiteColumn; status: SQLiteColumn };
  parentIdOf(version: V): number;
  withDetails(rows: V[]): D[];
}

/** A unit's record as tables read it: the first accepted version, the latest accepted (in force) and the latest pending. */
export interface PickedVersions<P, V, D> {
  parent: P;
  first?: V;
  inForce?: D;
  pending?: D;
}

/**
 * The life of a versioned record (a pledge, a periodic report), written once for both: versions are
 * numbered 1, 2, … per parent and only ever added; a pending version is decided once — the WHERE
 * re-checks that it is still pending, so two deciders cannot both win; reads for many units take a
 * fixed number of queries. Every statement is prepared once per connection (statements.ts).
 */
export function versionedRecords<P extends ParentRowBase, V extends VersionRowBase, D extends V>(
  statements: Statements,
  tables: VersionedTables<V, D>,
) {
  const { parents, parentColumns: parent, versions, versionColumns: column } = tables;
  const prepared = <T>(what: string, build: (db: Db) => T) => statements.get(`${getTableName(versions)}.${what}`, build);
  const statement = {
    find: () =>
      prepared('find', (root) =>
        root
          .select()
          .from(parents)
          .where(and(eq(parent.scope, placeholder('scope')), eq(parent.unitId, placeholder('unitId'))))
          .prepare(),
      ),
    ensure: () =>
      prepared('ensure', (root) =>
        root
          .insert(parents)
          .values({ [tables.scopeKey]: placeholder('scope'), unitId: placeholder('unitId'), blockId: placeholder('blockId') } as never)
          .onConflictDoNothing()
          .prepare(),
      ),
    history: () =>
      prepared('history', (root) =>
        root
          .select()
          .from(versions)
          .where(eq(column.parentId, placeholder('parentId')))
          .orderBy(asc(column.version))
          .prepare(),
      ),
    version: () =>
      prepared('version', (root) =>
        root
          .select({ version: versions, parent: parents })
          .from(versions)
          .innerJoin(parents, eq(parent.id, column.parentId))
          .where(eq(column.id, placeholder('id')))
          .prepare(),
      ),
    latestWithStatus: () =>
      prepared('latestWithStatus', (root) =>
        root
          .select()
          .from(versions)
          .where(and(eq(column.parentId, placeholder('parentId')), eq(column.status, placeholder('status'))))
          .orderBy(desc(column.version))
          .limit(writtenLimit(1))
          .prepare(),
      ),
    acceptedBefore: () =>
      prepared('acceptedBefore', (root) =>
        root
          .select()
          .from(versions)
          .where(and(eq(column.parentId, placeholder('parentId')), eq(column.status, 'accepted'), lt(column.id, placeholder('versionId'))))
          .orderBy(desc(column.version))
          .limit(writtenLimit(1))
          .prepare(),
      ),
    decide: () =>
      prepared('decide', (root) =>
        root
          .update(versions)
          .set(decidedSet(placeholder('status')))
          .where(and(eq(column.id, placeholder('id')), eq(column.status, 'pending')))
          .prepare(),
      ),
    withdrawPending: () =>
      prepared('withdrawPending', (root) =>
        root
          .update(versions)
          .set(decidedSet(sql`'withdrawn'`))
          .where(and(eq(column.parentId, placeholder('parentId')), eq(column.status, 'pending')))
          .returning({ id: column.id })
          .prepare(),
      ),
    parentsOfUnits: () =>
      prepared('parentsOfUnits', (root) =>
        root
          .select()
          .from(parents)
          .where(and(eq(parent.scope, placeholder('scope')), inIdList(parent.unitId, 'unitIds')))
          .prepare(),
      ),
    // The three versions a table reads of each parent — first accepted, latest accepted, latest
    // pending — each found by one seek of the (parent, status, version) index, not by reading a
    // parent's whole history (a report may have hundreds of versions).
    picksOfParents: () =>
      prepared('picksOfParents', (root) => {
        const name = (of: SQLiteColumn) => sql.identifier(of.name);
        const pick = (status: 'accepted' | 'pending', order: 'asc' | 'desc') =>
          sql`select (select ${name(column.id)} from ${versions} where ${name(column.parentId)} = parents.value and ${name(column.status)} = ${sql.raw(`'${status}'`)} order by ${name(column.version)} ${sql.raw(order)} limit 1) from json_each(${sql.placeholder('parentIds')}) as parents`;
        return root
          .select()
          .from(versions)
          .where(inArray(column.id, sql`(${pick('accepted', 'asc')} union ${pick('accepted', 'desc')} union ${pick('pending', 'desc')})`))
          .orderBy(asc(column.version))
          .prepare();
      }),
  };
  const decision = (value: Decision) => ({ by: value.by, at: value.at.getTime(), reason: value.reason ?? null });
  const one = (row: V | undefined) => (row ? tables.withDetails([row])[0] : undefined);
  const latestWithStatus = (parentId: number, status: VersionStatus) =>
    one(statement.latestWithStatus().get({ parentId, status }) as V | undefined);
  const find = (scope: number, unitId: number): P | undefined => statement.find().get({ scope, unitId }) as P | undefined;

  return {
    find,

    /** The unit's parent row for the scope, created on first use. */
    ensure(scope: number, unitId: number, blockId: number): P {
      statement.ensure().run({ scope, unitId, blockId });
      return find(scope, unitId)!;
    },

    /**
     * The number of the version inserted for the parent bound to `parentId`, as SQL for the insert
     * itself: one statement, not a read of max(version) before it (which cost as much again).
     */
    nextVersion(parentId: string): SQL {
      const name = (of: SQLiteColumn) => sql.identifier(of.name);
      return sql`(select coalesce(max(${name(column.version)}), 0) + 1 from ${versions} where ${name(column.parentId)} = ${sql.placeholder(parentId)})`;
    },

    /** Every version, oldest first: the record's history. */
    versions(parentId: number): D[] {
      return tables.withDetails(statement.history().all({ parentId }) as V[]);
    },

    /** One version with its parent row. */
    version(id: number): { version: D; parent: P } | undefined {
      const row = statement.version().get({ id }) as { version: V; parent: P } | undefined;
      return row ? { version: tables.withDetails([row.version])[0]!, parent: row.parent } : undefined;
    },

    inForce: (parentId: number): D | undefined => latestWithStatus(parentId, 'accepted'),

    pending: (parentId: number): D | undefined => latestWithStatus(parentId, 'pending'),

    /** The version that was in force when `versionId` was submitted: the base a change request changes. */
    acceptedBefore(parentId: number, versionId: number): D | undefined {
      return one(statement.acceptedBefore().get({ parentId, versionId }) as V | undefined);
    },

    /** Accepts or rejects a pending version; false when it is no longer pending (decided, withdrawn). */
    decide(versionId: number, status: Extract<VersionStatus, 'accepted' | 'rejected'>, by: Decision): boolean {
      return statement.decide().run({ id: versionId, status, ...decision(by) }).changes === 1;
    },

    /** Ends the parent's pending versions, replaced by a newer submission (or taken back); returns the ids withdrawn. */
    withdrawPending(parentId: number, by: Decision): number[] {
      return (statement.withdrawPending().all({ parentId, ...decision(by) }) as { id: number }[]).map((row) => row.id);
    },

    /**
     * The records of `unitIds` for the scope, keyed by unit id (units without one are absent), with
     * their versions picked as tables read them, in a fixed number of queries however many units.
     */
    forUnits(scope: number, unitIds: readonly number[]): Map<number, PickedVersions<P, V, D>> {
      const result = new Map<number, PickedVersions<P, V, D>>();
      if (unitIds.length === 0) return result;
      const rows = statement.parentsOfUnits().all({ scope, unitIds: idList(unitIds) }) as P[];
      if (rows.length === 0) return result;
      const picked = pickVersions(
        rows,
        statement.picksOfParents().all({ parentIds: idList(rows.map((row) => row.id)) }) as V[],
        tables.parentIdOf,
      );
      const loaded = new Map(
        tables
          .withDetails(picked.flatMap(({ inForce, pending }) => [inForce, pending].filter((version) => version !== undefined)))
          .map((version) => [version.id, version]),
      );
      for (const { parent: row, first, inForce, pending } of picked) {
        result.set(row.unitId, {
          parent: row,
          ...(first ? { first } : {}),
          ...(inForce ? { inForce: loaded.get(inForce.id)! } : {}),
          ...(pending ? { pending: loaded.get(pending.id)! } : {}),
        });
      }
      return result;
    },
  };
}

/** The decision columns every versions table shares, set from placeholders (by, at, reason) and `status`. */
function decidedSet(status: SQL) {
  return {
    status,
    decidedBy: sql`${sql.placeholder('by')}`,
    decidedAt: sql`${sql.placeholder('at')}`,
    decisionReason: sql`${sql.placeholder('reason')}`,
  } as never;
}

/**
 * Each parent's versions as tables read them: the first accepted (when it was first submitted),
 * the latest accepted (in force) and the latest pending. `versions` oldest first; grouped in one
 * pass, so a whole province at once stays linear.
 */
function pickVersions<P extends { id: number }, V extends { status: VersionStatus }>(
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
