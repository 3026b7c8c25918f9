import type { Store } from '../../../db/store';
import { type YearRecord, yearStandingsFor } from '../../standings/year';
import { unitChartFileName } from '../../standings/year-files';
import { escapeMrkdwn } from '../../views/blocks';
import { yearStandingsText } from '../../views/year-standings';
import type { Caller } from '../caller';
import type { AppDeps } from '../deps';
import { localeOf } from '../people';

/**
 * The year's result for anyone in the organisation: a block's year standings (`xephang nam`) and one
 * unit period by period (`ketqua`), whose chart goes to the asker's DM through the outbox.
 */
export function yearStandingsView(store: Store, blockId: number, year: number, now: Date): YearRecord | undefined {
  return yearStandingsFor(store, blockId, year, now)?.record;
}

export type UnitYearOutcome =
  | { kind: 'shown'; record: YearRecord; unitId: number; chartQueued: boolean }
  /** The unit was not a member of any block that year. */
  | { kind: 'no_block' }
  | { kind: 'no_periods' };

/**
 * A unit's year: its block's year record as of now, and its chart queued to the caller's DM (one
 * per request: `requestId` is the trigger id) once it has reported a period.
 */
export function unitYearResult(
  deps: AppDeps,
  caller: Caller,
  unit: { id: number; code: string },
  year: number,
  requestId: string,
): UnitYearOutcome {
  const block = deps.store.structure.blockOfUnitInYear(year, unit.id);
  if (!block) return { kind: 'no_block' };
  const record = yearStandingsView(deps.store, block.id, year, deps.clock.now());
  if (!record) return { kind: 'no_periods' };
  const row = record.rows.find((candidate) => candidate.unitId === unit.id);
  if (!row) return { kind: 'no_block' };
  const reported = row.periods.some((period) => period.reported);
  if (reported) {
    // The chart is the asker's: in their language, like the reply it comes with.
    const locale = localeOf(deps, caller.userId);
    const caption = yearStandingsText[locale].chartCaption(year, row.unitName);
    deps.delivery.queue(deps.store, {
      key: `unit-year-chart:${year}:${unit.id}:${caller.userId}:${requestId}`,
      kind: 'unit_year_chart',
      message: {
        user: caller.userId,
        text: escapeMrkdwn(caption),
        upload: {
          filename: unitChartFileName(record, unit.code),
          title: caption,
          source: { kind: 'unit_year_chart', unitId: unit.id, year, locale },
        },
      },
    });
    deps.delivery.kick();
  }
  return { kind: 'shown', record, unitId: unit.id, chartQueued: reported };
}
