import type { Store } from '../../db/store';
import type { BlockRow, PeriodRow } from '../../db/store/structure';
import { isLate, statusPeriod } from '../domain/periods';
import type { BlockProgress } from '../views/progress';
import { duesOfUnits } from './dues';

/**
 * Where each block stands at a glance — the pledge signatures of the year and the reports of the
 * period in focus (the one `tiendo` shows by default) — for the admins' App Home and the block
 * buttons an admin gets from a block-scoped command that named no block.
 */
/** The progress of every active block in `year` as of `now`, in the blocks' order: for `named`, else the period in focus. */
export function blocksProgress(store: Store, year: number, now: Date, named?: PeriodRow): BlockProgress[] {
  const period = named ?? statusPeriod(store.structure.periods(year), now);
  return store.structure.activeBlocks().map((block) => blockProgress(store, block, year, period, now));
}

export function blockProgress(store: Store, block: BlockRow, year: number, period: PeriodRow | undefined, now: Date): BlockProgress {
  const unitIds = store.structure.membersInYear(year, block.id).map((member) => member.id);
  const progress: BlockProgress = {
    block,
    units: unitIds.length,
    signed: store.pledges.signedCount(year, unitIds),
    submitted: 0,
    overdue: 0,
    late: 0,
    awaitingReview: 0,
    returned: 0,
  };
  if (!period) return progress;
  progress.period = { id: period.id, code: period.code, name: period.name, due: period.due };
  const reports = store.reports.forUnits(period.id, unitIds);
  const dues = duesOfUnits(store, period, unitIds);
  for (const unitId of unitIds) {
    const report = reports.get(unitId);
    if (!report?.inForce) {
      if (isLate(now, dues.get(unitId)!.due)) progress.overdue += 1;
      continue;
    }
    progress.submitted += 1;
    if (report.first?.late) progress.late += 1;
    if (report.review?.outcome === 'returned') progress.returned += 1;
    else if (report.review?.outcome !== 'reviewed') progress.awaitingReview += 1;
  }
  return progress;
}
