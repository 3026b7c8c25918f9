import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { pledges, pledgeTargets, pledgeVersions, type VersionStatus } from '../schema';
import { inIds } from './in-ids';
import type { Db } from './types';
import { type Decision, pickVersions, versionLifecycle } from './versions';

export type { Decision } from './versions';

export type PledgeRow = typeof pledges.$inferSelect;
export type PledgeVersionRow = typeof pledgeVersions.$inferSelect;

/** A version with its targets (criterion id → value). */
export interface PledgeVersion extends PledgeVersionRow {
  targets: Map<number, number>;
}

/** A unit's pledge for a year as the tables show it. */
export interface UnitPledge {
  pledge: PledgeRow;
  /** The latest accepted version: the pledge in force. */
  inForce?: PledgeVersion;
  /** The first accepted version: when and by whom the unit signed. */
  signed?: PledgeVersionRow;
  /** An amendment waiting for the block lead. */
  pending?: PledgeVersion;
}

export interface NewVersion {
  pledgeId: number;
  status: Extract<VersionStatus, 'accepted' | 'pending'>;
  titles: string[];
  commitments: string;
  targets: ReadonlyMap<number, number>;
  submittedBy: string;
  actingAsAdmin: boolean;
  submittedAt: Date;
}

/**
 * Pledges and their versions. Versions are only ever added; a decision changes a pending
 * version's status once (the WHERE re-checks it, so two deciders cannot both win).
 */
export function pledgeQueries(db: Db) {
  const lifecycle = versionLifecycle(db, pledgeVersions, { id: pledgeVersions.id, parent: pledgeVersions.pledgeId });
  const withTargets = (rows: PledgeVersionRow[]): PledgeVersion[] => {
    if (rows.length === 0) return [];
    // Raw rows, as for report values: a province's pledges hold thousands of targets.
    const targets = db.all<{ versionId: number; criterionId: number; value: number }>(
      sql`select ${pledgeTargets.versionId} as versionId, ${pledgeTargets.criterionId} as criterionId, ${pledgeTargets.value} as value from ${pledgeTargets} where ${inIds(
        pledgeTargets.versionId,
        rows.map((row) => row.id),
      )}`,
    );
    // Grouped in one pass: a whole province's versions at once must not be quadratic.
    const byVersion = new Map<number, Map<number, number>>(rows.map((row) => [row.id, new Map()]));
    for (const target of targets) byVersion.get(target.versionId)!.set(target.criterionId, target.value);
    return rows.map((row) => ({ ...row, targets: byVersion.get(row.id)! }));
  };
  const one = (row: PledgeVersionRow | undefined) => (row ? withTargets([row])[0] : undefined);
  const latestWithStatus = (pledgeId: number, status: VersionStatus) =>
    one(
      db
        .select()
        .from(pledgeVersions)
        .where(and(eq(pledgeVersions.pledgeId, pledgeId), eq(pledgeVersions.status, status)))
        .orderBy(desc(pledgeVersions.version))
        .get(),
    );

  const find = (year: number, unitId: number): PledgeRow | undefined =>
    db
      .select()
      .from(pledges)
      .where(and(eq(pledges.year, year), eq(pledges.unitId, unitId)))
      .get();

  return {
    find,

    /** The unit's pledge row for the year, created on first use. */
    ensure(year: number, unitId: number, blockId: number): PledgeRow {
      db.insert(pledges).values({ year, unitId, blockId }).onConflictDoNothing().run();
      return find(year, unitId)!;
    },

    /** Every version, oldest first: the pledge's history. */
    versions(pledgeId: number): PledgeVersion[] {
      return withTargets(
        db.select().from(pledgeVersions).where(eq(pledgeVersions.pledgeId, pledgeId)).orderBy(asc(pledgeVersions.version)).all(),
      );
    },

    version(id: number): (PledgeVersion & { pledge: PledgeRow }) | undefined {
      const row = db
        .select()
        .from(pledgeVersions)
        .innerJoin(pledges, eq(pledges.id, pledgeVersions.pledgeId))
        .where(eq(pledgeVersions.id, id))
        .get();
      return row ? { ...withTargets([row.pledge_versions])[0]!, pledge: row.pledges } : undefined;
    },

    inForce(pledgeId: number): PledgeVersion | undefined {
      return latestWithStatus(pledgeId, 'accepted');
    },

    pending(pledgeId: number): PledgeVersion | undefined {
      return latestWithStatus(pledgeId, 'pending');
    },

    /** The version that was in force when `versionId` was submitted: the base an amendment changes. */
    acceptedBefore(pledgeId: number, versionId: number): PledgeVersion | undefined {
      return one(
        db
          .select()
          .from(pledgeVersions)
          .where(and(eq(pledgeVersions.pledgeId, pledgeId), eq(pledgeVersions.status, 'accepted'), lt(pledgeVersions.id, versionId)))
          .orderBy(desc(pledgeVersions.version))
          .get(),
      );
    },

    add(entry: NewVersion): PledgeVersion {
      const row = db
        .insert(pledgeVersions)
        .values({
          pledgeId: entry.pledgeId,
          version: lifecycle.nextVersion(entry.pledgeId),
          status: entry.status,
          titlesSought: entry.titles,
          commitments: entry.commitments,
          submittedBy: entry.submittedBy,
          actingAsAdmin: entry.actingAsAdmin,
          submittedAt: entry.submittedAt,
        })
        .returning()
        .get();
      const targets = [...entry.targets].map(([criterionId, value]) => ({ versionId: row.id, criterionId, value }));
      if (targets.length) db.insert(pledgeTargets).values(targets).run();
      return { ...row, targets: new Map(entry.targets) };
    },

    /** Ends the unit's pending amendment, replaced by a newer submission; returns the ids withdrawn. */
    withdrawPending: (pledgeId: number, decision: Decision): number[] => lifecycle.withdrawPending(pledgeId, decision),

    /** Accepts or rejects a pending version; false when it is no longer pending (decided, withdrawn). */
    decide: (versionId: number, status: Extract<VersionStatus, 'accepted' | 'rejected'>, decision: Decision): boolean =>
      lifecycle.decide(versionId, status, decision),

    /** The pledges of `unitIds` for the year, keyed by unit id (units without one are absent). */
    forUnits(year: number, unitIds: readonly number[]): Map<number, UnitPledge> {
      const result = new Map<number, UnitPledge>();
      if (unitIds.length === 0) return result;
      const rows = db
        .select()
        .from(pledges)
        .where(and(eq(pledges.year, year), inIds(pledges.unitId, unitIds)))
        .all();
      if (rows.length === 0) return result;
      const versions = db
        .select()
        .from(pledgeVersions)
        .where(
          and(
            inIds(
              pledgeVersions.pledgeId,
              rows.map((row) => row.id),
            ),
            inArray(pledgeVersions.status, ['accepted', 'pending']),
          ),
        )
        .orderBy(asc(pledgeVersions.version))
        .all();
      const picked = pickVersions(rows, versions, (version) => version.pledgeId);
      const loaded = new Map(
        withTargets(picked.flatMap(({ inForce, pending }) => [inForce, pending].filter((version) => version !== undefined))).map(
          (version) => [version.id, version],
        ),
      );
      for (const { parent: pledge, first: signed, inForce, pending } of picked) {
        result.set(pledge.unitId, {
          pledge,
          ...(signed ? { signed } : {}),
          ...(inForce ? { inForce: loaded.get(inForce.id)! } : {}),
          ...(pending ? { pending: loaded.get(pending.id)! } : {}),
        });
      }
      return result;
    },

    /** How many of `unitIds` have signed (have an accepted version) for the year. */
    signedCount(year: number, unitIds: readonly number[]): number {
      if (unitIds.length === 0) return 0;
      return db
        .selectDistinct({ unitId: pledges.unitId })
        .from(pledges)
        .innerJoin(pledgeVersions, eq(pledgeVersions.pledgeId, pledges.id))
        .where(and(eq(pledges.year, year), inIds(pledges.unitId, unitIds), eq(pledgeVersions.status, 'accepted')))
        .all().length;
    },
  };
}
