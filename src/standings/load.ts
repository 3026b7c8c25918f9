import type { Store } from '../../db/store';
import type { BlockRow, CriterionRow, PeriodRow, UnitRow, YearRow } from '../../db/store/structure';
import { defaultGradeBands, type GradeBands } from '../domain/grades';
import { computeStandings, type Standings } from '../domain/ranking';
import { type TableRules, tableBase, type UnitScoringInput } from '../domain/scoring';
import { autoFacts, scoredReport, scoringCriteria, scoringInput } from './inputs';

/**
 * Blocks' standings for one period, read from the store and scored by the engine: what `xephang`,
 * the automatic summary, the exports and the benchmark all start from. The reads are a fixed number
 * of queries whatever the size of the blocks (structure, reports.forUnits, pledges.forUnits for
 * all their units at once), for up to ten blocks at a time: a province is a few dozen queries,
 * without holding all of its rows in memory at once.
 *
 * Members are the block's members in the period's year (years[].blocks.<CODE>.units, else the
 * block's units): a unit that left the block that year is not ranked in it.
 *
 * What counts for a unit (the rules people check a ranking against):
 * - the report's version in force (its latest accepted version); a unit with only a pending change
 *   and nothing accepted has not reported;
 * - the pledge's targets in force for the period's year;
 * - the lead's review (thẩm định) of that version when its latest outcome is 'reviewed': its scores
 *   are the reviewed values of graded, bonus and deduction lines. A review of an older version does
 *   not carry over to an amended one, which awaits review again;
 * - a report whose latest review is 'returned' still counts its own values, and is flagged;
 * - late: the unit's first accepted version came after the due (a later approved change is not
 *   "nộp muộn");
 * - automatic criteria: pledge_on_time by its first signature against the year's pledge due,
 *   report_on_time by the first accepted version against the period's due.
 */
export interface UnitMeta {
  /** The lead who reviewed the version in force, when its latest review is 'reviewed'. */
  reviewerUserId: string | null;
  reviewedAt: Date | null;
  /** The latest review returned the report: it is scored on the unit's own values. */
  returned: boolean;
  /** A change to the report awaits the block lead. */
  pendingChange: boolean;
  /** When the version in force was submitted. */
  submittedAt: Date | null;
}

export interface LoadedStandings {
  block: BlockRow;
  period: PeriodRow;
  year: YearRow;
  /** The block's active criteria for the year, in the organisation file's order. */
  criteria: CriterionRow[];
  /** Active member units that year, in the block's order (the display order inside a tie). */
  members: UnitRow[];
  bands: GradeBands;
  /** Group caps and not_applicable of the block's table that year. */
  rules: TableRules;
  standings: Standings;
  meta: ReadonlyMap<number, UnitMeta>;
}

/** The block's standings for the period, or undefined when the block or period does not exist. */
export function standingsFor(store: Store, blockId: number, periodId: number): LoadedStandings | undefined {
  return standingsForBlocks(store, [blockId], periodId).get(blockId);
}

/** Blocks read together: few enough that a province's rows are not all in memory at once, enough that queries stay few. */
const BLOCKS_PER_READ = 10;

/**
 * Several blocks' standings for the period (absent: blocks that do not exist), read BLOCKS_PER_READ
 * at a time; kept by the store until anything is written (store.remember), so a rush of `xephang`
 * between two submissions reads and scores once. The result is frozen: read it, never change it.
 */
export function standingsForBlocks(store: Store, blockIds: readonly number[], periodId: number): Map<number, LoadedStandings> {
  return store.remember('standingsForBlocks', [blockIds, periodId], () => loadStandings(store, blockIds, periodId));
}

function loadStandings(store: Store, blockIds: readonly number[], periodId: number): Map<number, LoadedStandings> {
  const result = new Map<number, LoadedStandings>();
  const period = store.structure.periodById(periodId);
  const year = period ? store.structure.year(period.year) : undefined;
  if (!period || !year) return result;
  const wanted = new Set(blockIds);
  const blocks = store.structure.activeBlocks().filter((block) => wanted.has(block.id));
  for (let start = 0; start < blocks.length; start += BLOCKS_PER_READ)
    readBlocks(store, blocks.slice(start, start + BLOCKS_PER_READ), period, year, result);
  return result;
}

/** Reads and scores `blocks` together into `result`. */
function readBlocks(
  store: Store,
  blocks: readonly BlockRow[],
  period: PeriodRow,
  year: YearRow,
  result: Map<number, LoadedStandings>,
): void {
  const ids = blocks.map((block) => block.id);
  const criteria = store.structure.criteriaOfBlocks(year.year, ids);
  const membersOf = store.structure.memberUnitsInYear(year.year, ids);
  const rulesOf = store.structure.tableRulesOfBlocks(year.year, ids);
  const unitIds = [...membersOf.values()].flat().map((unit) => unit.id);
  const reports = store.reports.forUnits(period.id, unitIds);
  const pledges = store.pledges.forUnits(year.year, unitIds);

  for (const block of blocks) {
    const members = membersOf.get(block.id)!;
    const meta = new Map<number, UnitMeta>();
    const inputs = members.map((member): UnitScoringInput => {
      const report = reports.get(member.id);
      const review = report?.review;
      const reviewed = review?.outcome === 'reviewed' ? review : undefined;
      meta.set(member.id, {
        reviewerUserId: reviewed?.reviewerUserId ?? null,
        reviewedAt: reviewed?.createdAt ?? null,
        returned: review?.outcome === 'returned',
        pendingChange: report?.pending !== undefined,
        submittedAt: report?.inForce?.submittedAt ?? null,
      });
      // The same reading of a report as the report and review screens (src/standings/inputs.ts).
      const pledge = pledges.get(member.id);
      const scored = scoredReport(report);
      return scoringInput(member.id, scored, pledge?.inForce?.targets, {
        unitCode: member.code,
        ...(pledge?.inForce ? { indicatorTargets: pledge.inForce.indicatorTargets } : {}),
        auto: autoFacts({
          signedAt: pledge?.signed?.submittedAt ?? null,
          pledgeDue: year.pledgeDue,
          reportedAt: scored?.firstSubmittedAt ?? null,
          reportDue: period.due,
        }),
      });
    });
    const table = criteria.get(block.id)!;
    const { groups, notApplicable } = rulesOf.get(block.id)!;
    const rules: TableRules = { groups, notApplicable };
    // Bands from the file are points as written; the defaults follow the block's own base.
    const bands = year.gradeBands ?? defaultGradeBands(tableBase(table, groups));
    result.set(block.id, {
      block,
      period,
      year,
      criteria: table,
      members,
      bands,
      rules,
      standings: computeStandings(scoringCriteria(table), inputs, bands, rules),
      meta,
    });
  }
}
