import type { Store } from '../../../db/store';
import type { PeriodRow, UnitRow } from '../../../db/store/structure';
import { buildTermsNotice } from '../../views/admin';
import type { AppDeps } from '../deps';
import { dueOfUnit, reportTerms } from '../dues';
import { queueHomeRefresh } from '../home';
import { localeOf } from '../people';
import { type AdminOutcome, adminCaller, applyOnce, type FieldProblem, idOf, instantOf, localDateOf } from './common';

/** The time of day of a new due or of a reopening's end when the form gives none (the usual close of business). */
export const DEFAULT_TIME = '17:00';

/**
 * A unit's own terms for a period, granted by an admin with a reason: its due extended (gia hạn) —
 * reminders, lateness, the lock, deadlines and status then follow the new due (src/services/dues.ts)
 * — or its locked report reopened until a given time, to be changed directly again. The unit's
 * officers are told by DM; the grant is in the audit log.
 */
export interface TermsChange {
  viewId: string;
  unitId: string | undefined;
  periodId: string | undefined;
  date: string | undefined;
  time: string | undefined;
  reason: string | undefined;
}

export type TermsOutcome = AdminOutcome<{ unit: UnitRow; period: PeriodRow; at: Date; reason: string; officers: string[] }>;

interface Checked {
  unit: UnitRow;
  period: PeriodRow;
  at: Date;
  reason: string;
}

/** The fields both forms share: a unit in a block, a period, a moment after now, a reason. */
function check(deps: AppDeps, input: TermsChange, zone: string, problems: FieldProblem[]): Partial<Checked> {
  const { store } = deps;
  const unitId = idOf(input.unitId);
  const unit = unitId !== undefined ? store.structure.unitById(unitId) : undefined;
  if (!input.unitId) problems.push({ field: 'unit', problem: 'required' });
  else if (!unit?.active || !store.structure.blockOfUnit(unit.id)) problems.push({ field: 'unit', problem: 'unknown' });
  const periodId = idOf(input.periodId);
  const period = periodId !== undefined ? store.structure.periodById(periodId) : undefined;
  if (!input.periodId) problems.push({ field: 'period', problem: 'required' });
  else if (!period?.active) problems.push({ field: 'period', problem: 'unknown' });
  const at = instantOf(input.date, input.time || DEFAULT_TIME, zone);
  if (!input.date) problems.push({ field: 'date', problem: 'required' });
  else if (!localDateOf(input.date)) problems.push({ field: 'date', problem: 'invalid' });
  else if (!at) problems.push({ field: 'time', problem: 'invalid' });
  else if (at.getTime() <= deps.clock.now().getTime()) problems.push({ field: 'date', problem: 'in_past' });
  const reason = (input.reason ?? '').trim();
  if (!reason) problems.push({ field: 'reason', problem: 'required' });
  return { ...(unit ? { unit } : {}), ...(period ? { period } : {}), ...(at ? { at } : {}), reason };
}

/** An admin's form: who they are, and the shared fields checked (problems to add to). */
function start(deps: AppDeps, by: string, input: TermsChange) {
  const admin = adminCaller(deps, by);
  if (!admin) return undefined;
  const problems: FieldProblem[] = [];
  return { organisation: admin.organisation, problems, ...check(deps, input, admin.organisation.timeZone, problems) };
}

/** Extends `unit`'s due for `period`: only while it has not submitted, and to after the period's own due. */
export function extendDue(deps: AppDeps, by: string, input: TermsChange): TermsOutcome {
  const started = start(deps, by, input);
  if (!started) return { kind: 'refused' };
  const { store } = deps;
  const { organisation, problems, unit, period, at, reason } = started;
  if (unit && period && store.reports.submittedPeriods(unit.id, [period.id]).has(period.id))
    problems.push({ field: 'unit', problem: 'submitted' });
  if (period && at && at.getTime() <= period.due.getTime()) problems.push({ field: 'date', problem: 'not_after_due' });
  if (problems.length || !unit || !period || !at || !reason) return { kind: 'invalid', problems };

  const now = deps.clock.now();
  const applied = applyOnce(deps, input.viewId, (tx) => {
    const previous = dueOfUnit(tx, period, unit.id).due;
    tx.dues.extend({ periodId: period.id, unitId: unit.id, due: at, reason, grantedBy: by, grantedAt: now });
    tx.audit.record({
      at: now,
      actorUserId: by,
      actingAsAdmin: true,
      action: 'report.due_extended',
      entityType: 'unit',
      entityId: unit.id,
      unitId: unit.id,
      details: { period: period.code, year: period.year, due: at.toISOString(), previousDue: previous.toISOString(), reason },
    });
    const officers = tellOfficers(deps, tx, 'extension', {
      unit,
      period,
      at,
      reason,
      zone: organisation.timeZone,
      key: `due-extended:${input.viewId}`,
    });
    const block = tx.structure.blockOfUnit(unit.id);
    queueHomeRefresh(deps, tx, { units: [unit.id], ...(block ? { blocks: [block.id] } : {}), admins: true }, `admin:${input.viewId}`);
    return officers;
  });
  return applied ? { kind: 'done', unit, period, at, reason, officers: applied } : { kind: 'repeat' };
}

/** Reopens `unit`'s report for `period` until `at`: only a submitted report that is locked now. */
export function reopenReport(deps: AppDeps, by: string, input: TermsChange): TermsOutcome {
  const started = start(deps, by, input);
  if (!started) return { kind: 'refused' };
  const { store } = deps;
  const { organisation, problems, unit, period, at, reason } = started;
  const now = deps.clock.now();
  if (unit && period) {
    const year = store.structure.year(period.year)!;
    const locksAt = reportTerms(store, year, period, unit.id).locksAt;
    if (!store.reports.submittedPeriods(unit.id, [period.id]).has(period.id)) problems.push({ field: 'unit', problem: 'not_submitted' });
    else if (now.getTime() < locksAt.getTime()) problems.push({ field: 'unit', problem: 'not_locked', at: locksAt });
  }
  if (problems.length || !unit || !period || !at || !reason) return { kind: 'invalid', problems };

  const applied = applyOnce(deps, input.viewId, (tx) => {
    const report = tx.reports.ensure(period.id, unit.id, tx.structure.blockOfUnit(unit.id)!.id);
    tx.dues.reopen({ periodId: period.id, unitId: unit.id, until: at, reason, grantedBy: by, grantedAt: now });
    tx.audit.record({
      at: now,
      actorUserId: by,
      actingAsAdmin: true,
      action: 'report.reopened',
      entityType: 'report',
      entityId: report.id,
      unitId: unit.id,
      details: { period: period.code, year: period.year, until: at.toISOString(), reason },
    });
    const officers = tellOfficers(deps, tx, 'reopen', {
      unit,
      period,
      at,
      reason,
      zone: organisation.timeZone,
      key: `report-reopened:${input.viewId}`,
    });
    queueHomeRefresh(deps, tx, { units: [unit.id], admins: true }, `admin:${input.viewId}`);
    return officers;
  });
  return applied ? { kind: 'done', unit, period, at, reason, officers: applied } : { kind: 'repeat' };
}

/** DMs the unit's officers, each in their language, what was granted; answers who they are. */
function tellOfficers(deps: AppDeps, tx: Store, kind: 'extension' | 'reopen', facts: Checked & { zone: string; key: string }): string[] {
  const { unit, key } = facts;
  const officers = tx.structure.officerIds(unit.id);
  for (const userId of officers)
    deps.delivery.queue(tx, {
      key: `${key}:${userId}`,
      kind: kind === 'extension' ? 'due_extended' : 'report_reopened',
      message: {
        user: userId,
        ...buildTermsNotice(kind, { ...facts, unitName: unit.name, unitCode: unit.code }, localeOf({ store: tx }, userId)),
      },
    });
  return officers;
}
