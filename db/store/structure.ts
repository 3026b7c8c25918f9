import { and, asc, desc, eq } from 'drizzle-orm';
import type { GroupCap, NotApplicableMode } from '../../src/domain/scoring';
import { blocks, blockUnits, blockYears, blockYearUnits, criteria, officers, periods, units, years } from '../schema';
import { inIds } from './in-ids';
import type { Db } from './types';

export type UnitRow = typeof units.$inferSelect;
export type BlockRow = typeof blocks.$inferSelect;
export type YearRow = typeof years.$inferSelect;
export type PeriodRow = typeof periods.$inferSelect;
export type CriterionRow = typeof criteria.$inferSelect;

export interface BlockMember extends UnitRow {
  officerIds: string[];
}

export interface BlockYear {
  year: number;
  block: BlockRow;
  lead?: UnitRow;
  deputy?: UnitRow;
  /** The block's own theme for the year, else the year's. */
  theme: string;
  /** The table's group caps and how a criterion that does not apply counts (version 2). */
  groups: GroupCap[];
  notApplicable: NotApplicableMode;
}

/** Reads of the organisation's shape: units, officers, blocks, years, periods and criteria. */
export function structureQueries(db: Db) {
  const unitById = (id: number) => db.select().from(units).where(eq(units.id, id)).get();

  /** Units with their officers (one query). */
  const withOfficers = (unitRows: UnitRow[]): BlockMember[] => {
    if (unitRows.length === 0) return [];
    const officerRows = db
      .select()
      .from(officers)
      .where(
        inIds(
          officers.unitId,
          unitRows.map((unit) => unit.id),
        ),
      )
      .orderBy(asc(officers.userId))
      .all();
    return unitRows.map((unit) => ({
      ...unit,
      officerIds: officerRows.filter((officer) => officer.unitId === unit.id).map((officer) => officer.userId),
    }));
  };

  return {
    unitById,

    unitByCode(code: string): UnitRow | undefined {
      return db.select().from(units).where(eq(units.code, code)).get();
    },

    activeUnits(): UnitRow[] {
      return db.select().from(units).where(eq(units.active, true)).orderBy(asc(units.code)).all();
    },

    officerIds(unitId: number): string[] {
      return db
        .select()
        .from(officers)
        .where(eq(officers.unitId, unitId))
        .orderBy(asc(officers.userId))
        .all()
        .map((row) => row.userId);
    },

    /** The unit a Slack user reports for, and that unit's block, if any. */
    membershipOf(userId: string): { unit: UnitRow; block?: BlockRow } | undefined {
      const row = db
        .select({ unit: units, block: blocks })
        .from(officers)
        .innerJoin(units, eq(units.id, officers.unitId))
        .leftJoin(blockUnits, eq(blockUnits.unitId, units.id))
        .leftJoin(blocks, and(eq(blocks.id, blockUnits.blockId), eq(blocks.active, true)))
        .where(and(eq(officers.userId, userId), eq(units.active, true)))
        .get();
      if (!row) return undefined;
      return row.block ? { unit: row.unit, block: row.block } : { unit: row.unit };
    },

    activeBlocks(): BlockRow[] {
      return db.select().from(blocks).where(eq(blocks.active, true)).orderBy(asc(blocks.id)).all();
    },

    /** The active block `unitId` is an active member of now, if any (the first by id, should the file list it twice). */
    blockOfUnit(unitId: number): BlockRow | undefined {
      return db
        .select({ block: blocks })
        .from(blockUnits)
        .innerJoin(blocks, eq(blocks.id, blockUnits.blockId))
        .innerJoin(units, eq(units.id, blockUnits.unitId))
        .where(and(eq(blockUnits.unitId, unitId), eq(units.active, true), eq(blocks.active, true)))
        .orderBy(asc(blocks.id))
        .get()?.block;
    },

    blockByCode(code: string): BlockRow | undefined {
      return db.select().from(blocks).where(eq(blocks.code, code)).get();
    },

    blockById(id: number): BlockRow | undefined {
      return db.select().from(blocks).where(eq(blocks.id, id)).get();
    },

    /** The block's member units in the organisation file's order, each with its officers. */
    members(blockId: number): BlockMember[] {
      const rows = db
        .select({ unit: units })
        .from(blockUnits)
        .innerJoin(units, eq(units.id, blockUnits.unitId))
        .where(and(eq(blockUnits.blockId, blockId), eq(units.active, true)))
        .orderBy(asc(blockUnits.position))
        .all();
      return withOfficers(rows.map((row) => row.unit));
    },

    /** The member units of several blocks at once (one query), each block's in the file's order; no officers. */
    memberUnits(blockIds: readonly number[]): Map<number, UnitRow[]> {
      const result = new Map<number, UnitRow[]>(blockIds.map((blockId) => [blockId, []]));
      if (blockIds.length === 0) return result;
      const rows = db
        .select({ blockId: blockUnits.blockId, unit: units })
        .from(blockUnits)
        .innerJoin(units, eq(units.id, blockUnits.unitId))
        .where(and(inIds(blockUnits.blockId, blockIds), eq(units.active, true)))
        .orderBy(asc(blockUnits.blockId), asc(blockUnits.position))
        .all();
      for (const row of rows) result.get(row.blockId)!.push(row.unit);
      return result;
    },

    years(): YearRow[] {
      return db.select().from(years).orderBy(asc(years.year)).all();
    },

    year(year: number): YearRow | undefined {
      return db.select().from(years).where(eq(years.year, year)).get();
    },

    blockYear(year: number, blockId: number): BlockYear | undefined {
      const yearRow = db.select().from(years).where(eq(years.year, year)).get();
      const block = db.select().from(blocks).where(eq(blocks.id, blockId)).get();
      if (!yearRow || !block) return undefined;
      const row = db
        .select()
        .from(blockYears)
        .where(and(eq(blockYears.year, year), eq(blockYears.blockId, blockId)))
        .get();
      const lead = row?.leadUnitId ? unitById(row.leadUnitId) : undefined;
      const deputy = row?.deputyUnitId ? unitById(row.deputyUnitId) : undefined;
      return {
        year,
        block,
        theme: row?.theme ?? yearRow.theme,
        groups: row?.groups ?? [],
        notApplicable: row?.notApplicable ?? 'full',
        ...(lead ? { lead } : {}),
        ...(deputy ? { deputy } : {}),
      };
    },

    /** Several blocks' table rules for the year at once (one query): group caps and not_applicable. */
    tableRulesOfBlocks(year: number, blockIds: readonly number[]): Map<number, { groups: GroupCap[]; notApplicable: NotApplicableMode }> {
      const result = new Map<number, { groups: GroupCap[]; notApplicable: NotApplicableMode }>(
        blockIds.map((blockId) => [blockId, { groups: [], notApplicable: 'full' }]),
      );
      if (blockIds.length === 0) return result;
      const rows = db
        .select({ blockId: blockYears.blockId, groups: blockYears.groups, notApplicable: blockYears.notApplicable })
        .from(blockYears)
        .where(and(eq(blockYears.year, year), inIds(blockYears.blockId, blockIds)))
        .all();
      for (const row of rows) result.set(row.blockId, { groups: row.groups, notApplicable: row.notApplicable });
      return result;
    },

    /** The block's member units in a year (years[].blocks.<CODE>.units, else blocks[].units), in the file's order, each with its officers. */
    membersInYear(year: number, blockId: number): BlockMember[] {
      const rows = db
        .select({ unit: units })
        .from(blockYearUnits)
        .innerJoin(units, eq(units.id, blockYearUnits.unitId))
        .where(and(eq(blockYearUnits.year, year), eq(blockYearUnits.blockId, blockId), eq(units.active, true)))
        .orderBy(asc(blockYearUnits.position))
        .all();
      return withOfficers(rows.map((row) => row.unit));
    },

    /** The member units of several blocks in a year at once (one query), each block's in the file's order; no officers. */
    memberUnitsInYear(year: number, blockIds: readonly number[]): Map<number, UnitRow[]> {
      const result = new Map<number, UnitRow[]>(blockIds.map((blockId) => [blockId, []]));
      if (blockIds.length === 0) return result;
      const rows = db
        .select({ blockId: blockYearUnits.blockId, unit: units })
        .from(blockYearUnits)
        .innerJoin(units, eq(units.id, blockYearUnits.unitId))
        .where(and(eq(blockYearUnits.year, year), inIds(blockYearUnits.blockId, blockIds), eq(units.active, true)))
        .orderBy(asc(blockYearUnits.blockId), asc(blockYearUnits.position))
        .all();
      for (const row of rows) result.get(row.blockId)!.push(row.unit);
      return result;
    },

    /** The active block a unit belongs to in a year, if any. */
    blockOfUnitInYear(year: number, unitId: number): BlockRow | undefined {
      return db
        .select({ block: blocks })
        .from(blockYearUnits)
        .innerJoin(blocks, eq(blocks.id, blockYearUnits.blockId))
        .where(and(eq(blockYearUnits.year, year), eq(blockYearUnits.unitId, unitId), eq(blocks.active, true)))
        .get()?.block;
    },

    /** The blocks whose lead unit this year is `unitId`. */
    blocksLedBy(year: number, unitId: number): BlockRow[] {
      return db
        .select({ block: blocks })
        .from(blockYears)
        .innerJoin(blocks, eq(blocks.id, blockYears.blockId))
        .where(and(eq(blockYears.year, year), eq(blockYears.leadUnitId, unitId), eq(blocks.active, true)))
        .all()
        .map((row) => row.block);
    },

    periods(year: number): PeriodRow[] {
      return db
        .select()
        .from(periods)
        .where(and(eq(periods.year, year), eq(periods.active, true)))
        .orderBy(asc(periods.due), asc(periods.position))
        .all();
    },

    periodById(id: number): PeriodRow | undefined {
      return db.select().from(periods).where(eq(periods.id, id)).get();
    },

    /** The block's active scoring table for the year, in the organisation file's order. */
    criteria(year: number, blockId: number): CriterionRow[] {
      return db
        .select()
        .from(criteria)
        .where(and(eq(criteria.year, year), eq(criteria.blockId, blockId), eq(criteria.active, true)))
        .orderBy(asc(criteria.position))
        .all();
    },

    /** The active scoring tables of several blocks for the year at once (one query), each in the file's order. */
    criteriaOfBlocks(year: number, blockIds: readonly number[]): Map<number, CriterionRow[]> {
      const result = new Map<number, CriterionRow[]>(blockIds.map((blockId) => [blockId, []]));
      if (blockIds.length === 0) return result;
      const rows = db
        .select()
        .from(criteria)
        .where(and(eq(criteria.year, year), inIds(criteria.blockId, blockIds), eq(criteria.active, true)))
        .orderBy(asc(criteria.blockId), asc(criteria.position))
        .all();
      for (const row of rows) result.get(row.blockId)!.push(row);
      return result;
    },

    latestYear(): YearRow | undefined {
      return db.select().from(years).orderBy(desc(years.year)).get();
    },
  };
}
