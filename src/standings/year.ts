import type { Store } from '../../db/store';
import type { BlockRow, PeriodRow, YearRow } from '../../db/store/structure';
import { gradeFloors } from '../domain/grades';
import {
  computeYearStandings,
  countedPeriods,
  isProvisional,
  type YearBasis,
  type YearRow as YearResultRow,
  type YearResultRule,
  yearBasis,
} from '../domain/year-result';
import { type LoadedStandings, standingsForBlocks } from './load';

/**
 * A block's year result as people read it (`xephang nam`, `ketqua`, the deliberation's score table):
 * every period's standings from the loader (reviewed scores where reviewed), then the year's rule
 * (src/domain/year-result.ts), as plain data with names, like the period's StandingsRecord.
 */
export interface YearRecordPeriod {
  id: number;
  code: string;
  name: string;
  year: number;
  due: number;
}

/** A unit's year row (src/domain/year-result.ts) with its code and name; its periods in due order. */
export interface YearRecordRow extends Omit<YearResultRow, 'order'> {
  unitCode: string;
  unitName: string;
}

export interface YearRecord {
  block: { id: number; code: string; name: string; channelId: string };
  year: number;
  /** The rule at work; `defaulted` when the file did not name one. */
  rule: YearResultRule;
  defaulted: boolean;
  /** The period(s) the result counts, and those not due yet (for the average). */
  counted: number[];
  pending: number[];
  /** The result may still change: the final period or a period of the average is not due. */
  provisional: boolean;
  periods: YearRecordPeriod[];
  /** Member units of the block that year, in rank order. */
  rows: YearRecordRow[];
  gradeFloors: number[];
  /** The grades from best to worst (the bands' names, then the name below them). */
  gradeOrder: string[];
  computedAt: number;
}

export interface LoadedYear {
  record: YearRecord;
  /** The standings of each period, by period id (for deductions and the score tables). */
  periods: Map<number, LoadedStandings>;
}

/** Several blocks' year results at `now` (absent: blocks that do not exist, or a year without periods). */
export function yearStandingsForBlocks(store: Store, blockIds: readonly number[], year: number, now: Date): Map<number, LoadedYear> {
  const result = new Map<number, LoadedYear>();
  const yearRow = store.structure.year(year);
  const periods = store.structure.periods(year);
  const basis = yearRow ? yearBasis(yearRow.yearResult, periods, now) : undefined;
  if (!yearRow || !basis) return result;
  const loadedByPeriod = periods.map((period) => standingsForBlocks(store, blockIds, period.id));
  for (const blockId of blockIds) {
    const perPeriod = new Map(
      periods.flatMap((period, index) => {
        const loaded = loadedByPeriod[index]!.get(blockId);
        return loaded ? [[period.id, loaded] as const] : [];
      }),
    );
    const first = perPeriod.get(periods[0]!.id);
    if (!first) continue;
    result.set(blockId, { record: yearRecord(first.block, yearRow, periods, basis, perPeriod, now), periods: perPeriod });
  }
  return result;
}

export function yearStandingsFor(store: Store, blockId: number, year: number, now: Date): LoadedYear | undefined {
  return yearStandingsForBlocks(store, [blockId], year, now).get(blockId);
}

function yearRecord(
  block: BlockRow,
  year: YearRow,
  periods: readonly PeriodRow[],
  basis: YearBasis<PeriodRow>,
  perPeriod: ReadonlyMap<number, LoadedStandings>,
  now: Date,
): YearRecord {
  const first = perPeriod.get(periods[0]!.id)!;
  const members = first.members;
  const standings = computeYearStandings(
    basis,
    periods.map((period) => ({ period, standings: perPeriod.get(period.id)?.standings })),
    members.map((member) => member.id),
    first.bands,
  );
  const unitOf = new Map(members.map((member) => [member.id, member]));
  return {
    block: { id: block.id, code: block.code, name: block.name, channelId: block.channelId },
    year: year.year,
    rule: basis.rule,
    defaulted: basis.defaulted,
    counted: countedPeriods(basis).map((period) => period.id),
    pending: basis.rule === 'average' ? basis.pending.map((period) => period.id) : [],
    provisional: isProvisional(basis),
    periods: periods.map((period) => ({
      id: period.id,
      code: period.code,
      name: period.name,
      year: period.year,
      due: period.due.getTime(),
    })),
    rows: standings.rows.map(({ order: _order, ...row }) => ({
      ...row,
      unitCode: unitOf.get(row.unitId)?.code ?? String(row.unitId),
      unitName: unitOf.get(row.unitId)?.name ?? String(row.unitId),
    })),
    gradeFloors: gradeFloors(first.bands),
    gradeOrder: [...[...first.bands.bands].sort((left, right) => right.min - left.min).map((band) => band.name), first.bands.below],
    computedAt: now.getTime(),
  };
}
