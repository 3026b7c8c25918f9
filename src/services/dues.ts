import type { Store } from '../../db/store';
import type { DueExtension, ReportReopening } from '../../db/store/dues';
import type { PeriodRow, YearRow } from '../../db/store/structure';
import { reportLocksAt } from '../domain/periods';

/**
 * The one place that says which due is in force for a unit: the period's own, or the extension an
 * admin granted the unit (gia hạn). Lateness, the lock, nudges, deadlines, status and the App Home
 * all read a unit's due here, never `period.due` alone.
 */

/** A unit's due for a period, with the extension it comes from when there is one. */
export interface UnitDue {
  due: Date;
  extension?: DueExtension;
}

/** The due in force for `unitId` in `period`. */
export function dueOfUnit(store: Store, period: PeriodRow, unitId: number): UnitDue {
  const extension = store.dues.extensions(period.id, [unitId]).get(unitId);
  return extension ? { due: extension.due, extension } : { due: period.due };
}

/** The due in force for each of `unitIds` in `period` (one query). */
export function duesOfUnits(store: Store, period: PeriodRow, unitIds: readonly number[]): Map<number, UnitDue> {
  const extensions = store.dues.extensions(period.id, unitIds);
  return new Map(
    unitIds.map((unitId) => {
      const extension = extensions.get(unitId);
      return [unitId, extension ? { due: extension.due, extension } : { due: period.due }];
    }),
  );
}

/** `periods` as `unitId` sees them: each with the unit's due in force (for choosing its current period). */
export function periodsForUnit(store: Store, periods: readonly PeriodRow[], unitId: number): (PeriodRow & { extension?: DueExtension })[] {
  const extensions = store.dues.extensionsOfUnit(
    unitId,
    periods.map((period) => period.id),
  );
  return periods.map((period) => {
    const extension = extensions.get(period.id);
    return extension ? { ...period, due: extension.due, extension } : period;
  });
}

/** A unit's report terms for a period: its due in force, and when a submitted report locks (later while reopened). */
export interface ReportTerms extends UnitDue {
  locksAt: Date;
  reopening?: ReportReopening;
}

export function reportTerms(store: Store, year: YearRow, period: PeriodRow, unitId: number): ReportTerms {
  const due = dueOfUnit(store, period, unitId);
  const reopening = store.dues.reopening(period.id, unitId);
  return {
    ...due,
    locksAt: reportLocksAt(due.due, year.reportGraceHours, reopening?.until),
    ...(reopening ? { reopening } : {}),
  };
}
