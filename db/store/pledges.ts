import { and, eq, sql } from 'drizzle-orm';
import type { VersionStatus } from '../../src/domain/versions';
import { pledgeIndicatorTargets, pledges, pledgeTargets, pledgeVersions } from '../schema';
import { inIds } from './in-ids';
import type { Db } from './types';
import { versionedRecords } from './versions';

export type { Decision } from './versions';

export type PledgeRow = typeof pledges.$inferSelect;
export type PledgeVersionRow = typeof pledgeVersions.$inferSelect;

/** A version with its targets (criterion id → value) and its indicators' targets (criterion id → indicator code → value). */
export interface PledgeVersion extends PledgeVersionRow {
  targets: Map<number, number>;
  indicatorTargets: Map<number, Record<string, number>>;
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
  indicatorTargets?: ReadonlyMap<number, Readonly<Record<string, number>>>;
  submittedBy: string;
  actingAsAdmin: boolean;
  submittedAt: Date;
}

/**
 * Pledges and their versions. Versions are only ever added; a decision changes a pending
 * version's status once (the WHERE re-checks it, so two deciders cannot both win).
 */
export function pledgeQueries(db: Db) {
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
    const indicatorRows = db
      .select()
      .from(pledgeIndicatorTargets)
      .where(
        inIds(
          pledgeIndicatorTargets.versionId,
          rows.map((row) => row.id),
        ),
      )
      .all();
    const indicatorsByVersion = new Map<number, Map<number, Record<string, number>>>(rows.map((row) => [row.id, new Map()]));
    for (const target of indicatorRows) {
      const ofVersion = indicatorsByVersion.get(target.versionId)!;
      ofVersion.set(target.criterionId, { ...ofVersion.get(target.criterionId), [target.indicator]: target.value });
    }
    return rows.map((row) => ({ ...row, targets: byVersion.get(row.id)!, indicatorTargets: indicatorsByVersion.get(row.id)! }));
  };
  const records = versionedRecords<PledgeRow, PledgeVersionRow, PledgeVersion>(db, {
    parents: pledges,
    parentColumns: { id: pledges.id, scope: pledges.year, unitId: pledges.unitId, blockId: pledges.blockId },
    scopeKey: 'year',
    versions: pledgeVersions,
    versionColumns: {
      id: pledgeVersions.id,
      parentId: pledgeVersions.pledgeId,
      version: pledgeVersions.version,
      status: pledgeVersions.status,
    },
    parentIdOf: (version) => version.pledgeId,
    withDetails: withTargets,
  });

  return {
    find: records.find,

    /** The unit's pledge row for the year, created on first use. */
    ensure: records.ensure,

    /** Every version, oldest first: the pledge's history. */
    versions: records.versions,

    version(id: number): (PledgeVersion & { pledge: PledgeRow }) | undefined {
      const found = records.version(id);
      return found ? { ...found.version, pledge: found.parent } : undefined;
    },

    inForce: records.inForce,

    pending: records.pending,

    /** The version that was in force when `versionId` was submitted: the base an amendment changes. */
    acceptedBefore: records.acceptedBefore,

    add(entry: NewVersion): PledgeVersion {
      const row = db
        .insert(pledgeVersions)
        .values({
          pledgeId: entry.pledgeId,
          version: records.nextVersion(entry.pledgeId),
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
      const indicatorTargets = [...(entry.indicatorTargets ?? [])].flatMap(([criterionId, byIndicator]) =>
        Object.entries(byIndicator).map(([indicator, value]) => ({ versionId: row.id, criterionId, indicator, value })),
      );
      if (indicatorTargets.length) db.insert(pledgeIndicatorTargets).values(indicatorTargets).run();
      return {
        ...row,
        targets: new Map(entry.targets),
        indicatorTargets: new Map(
          [...(entry.indicatorTargets ?? [])].map(([criterionId, byIndicator]) => [criterionId, { ...byIndicator }]),
        ),
      };
    },

    /** Ends the unit's pending amendment, replaced by a newer submission; returns the ids withdrawn. */
    withdrawPending: records.withdrawPending,

    /** Accepts or rejects a pending version; false when it is no longer pending (decided, withdrawn). */
    decide: records.decide,

    /** The pledges of `unitIds` for the year, keyed by unit id (units without one are absent). */
    forUnits(year: number, unitIds: readonly number[]): Map<number, UnitPledge> {
      const result = new Map<number, UnitPledge>();
      for (const [unitId, { parent, first, inForce, pending }] of records.forUnits(year, unitIds)) {
        result.set(unitId, {
          pledge: parent,
          ...(first ? { signed: first } : {}),
          ...(inForce ? { inForce } : {}),
          ...(pending ? { pending } : {}),
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
