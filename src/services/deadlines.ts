import type { Store } from '../../db/store';
import type { BlockRow, PeriodRow, UnitRow, YearRow } from '../../db/store/structure';
import { DEFAULT_TIME_ZONE } from '../domain/calendar';
import { reportOpensAt } from '../domain/periods';
import type { BlockDue, DueState, UnitDue } from '../views/deadlines';
import { periodsForUnit } from './dues';

/**
 * The dues of a year — the pledge and each reporting period — with where a unit stands on each
 * (hanchot, App Home), or for admins outside every unit how many of each block's units are done.
 */

/** The unit's dues of the year (the pledge, then every period), with its state on each, in due order. */
export function unitDues(store: Store, unit: UnitRow, year: YearRow, periods: readonly PeriodRow[]): UnitDue[] {
  const pledge = store.pledges.forUnits(year.year, [unit.id]).get(unit.id);
  const pledgeState: DueState = pledge?.pending ? 'pending_change' : pledge?.signed ? 'done' : 'todo';
  const dues: UnitDue[] = [
    {
      subject: { kind: 'pledge' },
      due: year.pledgeDue,
      state: pledgeState,
      ...(pledge?.signed
        ? { doneAt: pledge.signed.submittedAt, late: pledge.signed.submittedAt.getTime() > year.pledgeDue.getTime() }
        : {}),
    },
  ];
  const zone = store.organisation.get()?.timeZone ?? DEFAULT_TIME_ZONE;
  for (const period of periodsForUnit(store, periods, unit.id)) {
    const report = store.reports.forUnits(period.id, [unit.id]).get(unit.id);
    const state: DueState = !report?.inForce
      ? 'todo'
      : report.review?.outcome === 'returned'
        ? 'returned'
        : report.pending
          ? 'pending_change'
          : 'done';
    // A returned report is due again by its resubmission due, whatever the period's (or its extension's).
    const resubmitBy = state === 'returned' ? report?.review?.resubmitBy : null;
    dues.push({
      subject: { kind: 'report', periodCode: period.code, periodName: period.name },
      due: resubmitBy ?? period.due,
      ...(period.extension && !resubmitBy ? { extended: true } : {}),
      state,
      ...(state === 'todo' ? { opensAt: reportOpensAt(period.endsOn, year.reportOpensDays, zone) } : {}),
      ...(report?.first ? { doneAt: report.first.submittedAt, late: report.first.late } : {}),
      ...(state === 'done' && report?.review?.outcome === 'reviewed' ? { reviewed: true } : {}),
      ...(state === 'done' ? reopenedUntil(store, period.id, unit.id) : {}),
    });
  }
  return dues.sort((left, right) => left.due.getTime() - right.due.getTime());
}

/** An admin reopened the unit's report (molai): it may be changed directly until then. */
function reopenedUntil(store: Store, periodId: number, unitId: number): { reopenedUntil?: Date } {
  const reopening = store.dues.reopening(periodId, unitId);
  return reopening ? { reopenedUntil: reopening.until } : {};
}

function blockCounts(store: Store, year: number, blocks: readonly BlockRow[], done: (memberIds: number[]) => number) {
  return blocks.map((block) => {
    const memberIds = store.structure.membersInYear(year, block.id).map((member) => member.id);
    return { blockName: block.name, done: done(memberIds), total: memberIds.length };
  });
}

/** Every due of the year with how many of each active block's units are done with it, in due order. */
export function blockDues(store: Store, year: YearRow, periods: readonly PeriodRow[]): BlockDue[] {
  const blocks = store.structure.activeBlocks();
  return [
    {
      subject: { kind: 'pledge' as const },
      due: year.pledgeDue,
      counts: blockCounts(store, year.year, blocks, (memberIds) => store.pledges.signedCount(year.year, memberIds)),
    },
    ...periods.map((period) => ({
      subject: { kind: 'report' as const, periodCode: period.code, periodName: period.name },
      due: period.due,
      counts: blockCounts(
        store,
        period.year,
        blocks,
        (memberIds) => [...store.reports.forUnits(period.id, memberIds).values()].filter((report) => report.inForce).length,
      ),
    })),
  ].sort((left, right) => left.due.getTime() - right.due.getTime());
}
