import type { AppDeps } from '../deps';
import { type AdminOutcome, adminCaller, applyOnce, type FieldProblem, localDateOf } from './common';

/**
 * A holiday added by an admin (a day off announced during the year): from then on nudges, summaries
 * and overdue counts skip it as they skip the file's holidays.
 */
export interface HolidayChange {
  viewId: string;
  date: string | undefined;
  name: string | undefined;
}

export type HolidayOutcome = AdminOutcome<{ date: string; name: string }>;

export function addHoliday(deps: AppDeps, by: string, input: HolidayChange): HolidayOutcome {
  if (!adminCaller(deps, by)) return { kind: 'refused' };
  const problems: FieldProblem[] = [];
  const date = localDateOf(input.date);
  if (!input.date) problems.push({ field: 'date', problem: 'required' });
  else if (!date) problems.push({ field: 'date', problem: 'invalid' });
  else if (deps.store.organisation.holidays().has(date)) problems.push({ field: 'date', problem: 'already_holiday' });
  if (problems.length || !date) return { kind: 'invalid', problems };
  const name = (input.name ?? '').trim();
  const applied = applyOnce(deps, input.viewId, (tx) => {
    tx.configuration.addHoliday(date);
    tx.audit.record({
      at: deps.clock.now(),
      actorUserId: by,
      actingAsAdmin: true,
      action: 'holiday.added',
      entityType: 'holiday',
      entityId: date,
      details: { date, ...(name ? { name } : {}) },
    });
    return true;
  });
  return applied ? { kind: 'done', date, name } : { kind: 'repeat' };
}
