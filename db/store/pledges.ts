import { and, eq } from 'drizzle-orm';
import type { VersionStatus } from '../../src/domain/versions';
import { pledgeIndicatorTargets, pledges, pledgeTargets, pledgeVersions } from '../schema';
import { idList, inIdList } from './in-ids';
import { placeholder, type Statements } from './statements';
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
  /** Why the unit asks for the change (an amendment); absent otherwise. */
  changeReason?: string;
}

/**
 * Pledges and their versions. Versions are only ever added; a decision changes a pending
 * version's status once (the WHERE re-checks it, so two deciders cannot both win).
 */
export function pledgeQueries(statements: Statements) {
  const statement = {
    // Arrays, as for report values: a province's pledges hold thousands of targets.
    targets: () =>
      statements.get('pledges.targets', (root) =>
        root
          .select({ versionId: pledgeTargets.versionId, criterionId: pledgeTargets.criterionId, value: pledgeTargets.value })
          .from(pledgeTargets)
          .where(inIdList(pledgeTargets.versionId, 'versionIds'))
          .prepare(),
      ),
    addVersion: () =>
      statements.get('pledges.addVersion', (root) =>
        root
          .insert(pledgeVersions)
          .values({
            pledgeId: placeholder('pledgeId'),
            version: records.nextVersion('pledgeId'),
            status: placeholder('status'),
            titlesSought: placeholder('titles'),
            commitments: placeholder('commitments'),
            submittedBy: placeholder('submittedBy'),
            actingAsAdmin: placeholder('actingAsAdmin'),
            submittedAt: placeholder('submittedAt'),
            changeReason: placeholder('changeReason'),
          })
          .returning()
          .prepare(),
      ),
    addTarget: () =>
      statements.get('pledges.addTarget', (root) =>
        root
          .insert(pledgeTargets)
          .values({ versionId: placeholder('versionId'), criterionId: placeholder('criterionId'), value: placeholder('value') })
          .prepare(),
      ),
    indicatorTargets: () =>
      statements.get('pledges.indicatorTargets', (root) =>
        root
          .select({
            versionId: pledgeIndicatorTargets.versionId,
            criterionId: pledgeIndicatorTargets.criterionId,
            indicator: pledgeIndicatorTargets.indicator,
            value: pledgeIndicatorTargets.value,
          })
          .from(pledgeIndicatorTargets)
          .where(inIdList(pledgeIndicatorTargets.versionId, 'versionIds'))
          .prepare(),
      ),
    addIndicatorTarget: () =>
      statements.get('pledges.addIndicatorTarget', (root) =>
        root
          .insert(pledgeIndicatorTargets)
          .values({
            versionId: placeholder('versionId'),
            criterionId: placeholder('criterionId'),
            indicator: placeholder('indicator'),
            value: placeholder('value'),
          })
          .prepare(),
      ),
    signed: () =>
      statements.get('pledges.signed', (root) =>
        root
          .selectDistinct({ unitId: pledges.unitId })
          .from(pledges)
          .innerJoin(pledgeVersions, eq(pledgeVersions.pledgeId, pledges.id))
          .where(and(eq(pledges.year, placeholder('year')), inIdList(pledges.unitId, 'unitIds'), eq(pledgeVersions.status, 'accepted')))
          .prepare(),
      ),
  };
  const withTargets = (rows: PledgeVersionRow[]): PledgeVersion[] => {
    if (rows.length === 0) return [];
    const versionIds = idList(rows.map((row) => row.id));
    // Grouped in one pass: a whole province's versions at once must not be quadratic.
    const byVersion = new Map<number, Map<number, number>>(rows.map((row) => [row.id, new Map()]));
    for (const [versionId, criterionId, value] of statement.targets().values({ versionIds }) as [number, number, number][])
      byVersion.get(versionId)!.set(criterionId, value);
    const indicatorsByVersion = new Map<number, Map<number, Record<string, number>>>(rows.map((row) => [row.id, new Map()]));
    for (const [versionId, criterionId, indicator, value] of statement.indicatorTargets().values({ versionIds }) as [
      number,
      number,
      string,
      number,
    ][]) {
      const ofVersion = indicatorsByVersion.get(versionId)!;
      ofVersion.set(criterionId, { ...ofVersion.get(criterionId), [indicator]: value });
    }
    return rows.map((row) => ({ ...row, targets: byVersion.get(row.id)!, indicatorTargets: indicatorsByVersion.get(row.id)! }));
  };
  const records = versionedRecords<PledgeRow, PledgeVersionRow, PledgeVersion>(statements, {
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
      const row = statement.addVersion().get({
        pledgeId: entry.pledgeId,
        status: entry.status,
        titles: JSON.stringify(entry.titles),
        commitments: entry.commitments,
        submittedBy: entry.submittedBy,
        actingAsAdmin: Number(entry.actingAsAdmin),
        submittedAt: entry.submittedAt.getTime(),
        changeReason: entry.changeReason ?? null,
      }) as PledgeVersionRow;
      const addTarget = statement.addTarget();
      for (const [criterionId, value] of entry.targets) addTarget.run({ versionId: row.id, criterionId, value });
      const addIndicatorTarget = statement.addIndicatorTarget();
      for (const [criterionId, byIndicator] of entry.indicatorTargets ?? [])
        for (const [indicator, value] of Object.entries(byIndicator))
          addIndicatorTarget.run({ versionId: row.id, criterionId, indicator, value });
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
      return statement.signed().all({ year, unitIds: idList(unitIds) }).length;
    },
  };
}
