import type { Store } from '../../db/store';
import type { UnitRow, YearRow } from '../../db/store/structure';
import { buildOfficerNudge, type NudgeSubject } from '../views/nudges';
import { type Caller, leadsBlock } from './caller';
import type { AppDeps } from './deps';
import { dueOfUnit } from './dues';
import { localeOf } from './people';

/** The lead's “Nhắc” from tiendo or giaouoc: a DM to each officer of a unit that has not done it, with a button that opens its form. */

/** What a “Nhắc” is about: a period's report (tiendo) or a year's pledge (giaouoc). */
export type NudgeTarget = { kind: 'report'; periodId: number } | { kind: 'pledge'; year: number };

/** The due a “Nhắc” names, as the reminder and the reply say it. */
export type NudgeDue = NudgeSubject & { due: Date };

export type NudgeOutcome =
  | { kind: 'period_gone' }
  | { kind: 'unit_gone' }
  | { kind: 'refused' }
  | { kind: 'already_done'; unit: UnitRow; subject: NudgeDue }
  | { kind: 'nobody'; unit: UnitRow }
  /** Reminded less than years[].reminders.nudge_interval_minutes ago: not again before `again`. */
  | { kind: 'recently'; unit: UnitRow; by: string; at: Date; again: Date }
  | { kind: 'nudged'; unit: UnitRow; subject: NudgeDue; officers: string[] };

/** The due `target` names and whether `unitId` has done it; undefined when it is gone. */
function nudgeDue(store: Store, target: NudgeTarget, unitId: number): { year: YearRow; subject: NudgeDue; done: boolean } | undefined {
  if (target.kind === 'pledge') {
    const year = store.structure.year(target.year);
    if (!year) return undefined;
    const done = store.pledges.forUnits(year.year, [unitId]).get(unitId)?.signed !== undefined;
    return { year, subject: { kind: 'pledge', year: year.year, due: year.pledgeDue }, done };
  }
  const period = store.structure.periodById(target.periodId);
  const year = period && store.structure.year(period.year);
  if (!period || !year) return undefined;
  // The unit's own due: an extension moves it (src/services/dues.ts).
  const { due } = dueOfUnit(store, period, unitId);
  const subject: NudgeDue = { kind: 'report', year: period.year, periodCode: period.code, periodName: period.name, due };
  return { year, subject, done: store.reports.submittedPeriods(unitId, [period.id]).has(period.id) };
}

/**
 * The lead's “Nhắc” for `unitId`'s report of a period (tiendo) or its pledge of a year (giaouoc): a
 * DM to each of its officers saying who asked, queued with its audit entry. A unit is reminded at
 * most once per years[].reminders.nudge_interval_minutes (a second press within it, by anyone, is
 * answered with when the last one went); `pressId` tells presses apart, so a retried press is not another one.
 */
export function nudgeUnit(deps: AppDeps, caller: Caller, press: { target: NudgeTarget; unitId: number; pressId: string }): NudgeOutcome {
  const { store } = deps;
  const organisation = store.organisation.get()!;
  const now = deps.clock.now();
  const unit = store.structure.unitById(press.unitId);
  const found = nudgeDue(store, press.target, press.unitId);
  if (!found) return { kind: 'period_gone' };
  const { year, subject } = found;
  const block = unit ? store.structure.blockOfUnitInYear(year.year, unit.id) : undefined;
  if (!unit || !block) return { kind: 'unit_gone' };
  const permission = leadsBlock(store, caller, block.id, year.year);
  if (!permission.allowed) return { kind: 'refused' };
  if (found.done) return { kind: 'already_done', unit, subject };
  const officers = store.structure.officerIds(unit.id);
  if (officers.length === 0) return { kind: 'nobody', unit };
  const key = press.target.kind === 'pledge' ? `pledge:${year.year}` : `report:${press.target.periodId}`;
  const interval = year.nudgeIntervalMinutes * 60_000;
  const outcome = store.transaction((tx): NudgeOutcome | undefined => {
    const last = tx.manualNudges.latest(key, unit.id);
    if (last && now.getTime() < last.at.getTime() + interval)
      return { kind: 'recently', unit, by: last.byUserId, at: last.at, again: new Date(last.at.getTime() + interval) };
    tx.manualNudges.record(key, unit.id, caller.userId, now);
    const lead = tx.structure.blockYear(year.year, block.id)?.lead;
    const leadUnitName = permission.actingAsAdmin ? undefined : lead?.name;
    const { due, ...about } = subject;
    for (const userId of officers) {
      deps.delivery.queue(tx, {
        key: `manual-nudge:${key}:${unit.id}:${userId}:${press.pressId}`,
        kind: 'manual_nudge',
        message: {
          user: userId,
          ...buildOfficerNudge({
            locale: localeOf({ store: tx }, userId),
            zone: organisation.timeZone,
            subject: about,
            due,
            now,
            slotKind: now.getTime() > due.getTime() ? 'overdue' : 'before',
            unitName: unit.name,
            unitCode: unit.code,
            askedBy: { userId: caller.userId, ...(leadUnitName ? { leadUnitName } : {}) },
          }),
        },
      });
    }
    tx.audit.record({
      at: now,
      actorUserId: caller.userId,
      actingAsAdmin: permission.actingAsAdmin,
      action: press.target.kind === 'pledge' ? 'pledge.nudged' : 'report.nudged',
      entityType: 'unit',
      entityId: unit.id,
      details: { ...(about.kind === 'report' ? { period: about.periodCode } : {}), year: about.year, officers },
    });
    return undefined;
  });
  if (outcome) return outcome;
  deps.delivery.kick();
  return { kind: 'nudged', unit, subject, officers };
}
