import type { UnitRow } from '../../../db/store/structure';
import { buildOfficerNotice } from '../../views/admin';
import type { AppDeps } from '../deps';
import { queueHomeRefresh } from '../home';
import { localeOf } from '../people';
import { type AdminOutcome, adminCaller, applyOnce, type FieldProblem, idOf } from './common';

/**
 * Officers (cán bộ thi đua) added or removed by an admin, when someone changes jobs between two
 * imports of the organisation file: one unit per person, so adding someone who reports for another
 * unit moves them. The person is told by DM; the change is in the audit log.
 */
export interface OfficerChange {
  viewId: string;
  change: string | undefined;
  unitId: string | undefined;
  userId: string | undefined;
}

export type OfficerOutcome = AdminOutcome<
  | { change: 'added'; unit: UnitRow; userId: string; previousUnit?: UnitRow }
  | { change: 'removed'; unit: UnitRow; userId: string; remaining: number }
>;

const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;

export function changeOfficer(deps: AppDeps, by: string, input: OfficerChange): OfficerOutcome {
  const admin = adminCaller(deps, by);
  if (!admin) return { kind: 'refused' };
  const { store } = deps;
  const problems: FieldProblem[] = [];
  const change = input.change === 'add' || input.change === 'remove' ? input.change : undefined;
  if (!change) problems.push({ field: 'change', problem: 'required' });
  const unitId = idOf(input.unitId);
  const unit = unitId !== undefined ? store.structure.unitById(unitId) : undefined;
  if (!input.unitId) problems.push({ field: 'unit', problem: 'required' });
  else if (!unit?.active) problems.push({ field: 'unit', problem: 'unknown' });
  const userId = input.userId;
  if (!userId) problems.push({ field: 'user', problem: 'required' });
  else if (!SLACK_USER.test(userId)) problems.push({ field: 'user', problem: 'invalid' });
  const current = userId ? store.structure.membershipOf(userId)?.unit : undefined;
  if (unit && userId && change === 'remove' && current?.id !== unit.id) problems.push({ field: 'user', problem: 'not_officer' });
  if (unit && userId && change === 'add' && current?.id === unit.id) problems.push({ field: 'user', problem: 'already_officer' });
  if (problems.length || !unit || !userId || !change) return { kind: 'invalid', problems };

  const now = deps.clock.now();
  const { organisation } = admin;
  const applied = applyOnce(deps, input.viewId, (tx) => {
    const previousUnitId = change === 'add' ? tx.configuration.assignOfficer(userId, unit.id).previousUnitId : undefined;
    if (change === 'remove') tx.configuration.removeOfficer(userId, unit.id);
    const previousUnit = previousUnitId !== undefined ? tx.structure.unitById(previousUnitId) : undefined;
    tx.audit.record({
      at: now,
      actorUserId: by,
      actingAsAdmin: true,
      action: change === 'add' ? 'officer.added' : 'officer.removed',
      entityType: 'unit',
      entityId: unit.id,
      unitId: unit.id,
      subjectUserId: userId,
      details: { unit: unit.code, user: userId, ...(previousUnit ? { previousUnit: previousUnit.code } : {}) },
    });
    deps.delivery.queue(tx, {
      key: `officer-${change}:${input.viewId}`,
      kind: 'officer_notice',
      message: {
        user: userId,
        ...buildOfficerNotice(
          { change: change === 'add' ? 'added' : 'removed', unitName: unit.name, organisationName: organisation.name, by },
          localeOf({ store: tx }, userId),
        ),
      },
    });
    const block = tx.structure.blockOfUnit(unit.id);
    queueHomeRefresh(deps, tx, { users: [userId], ...(block ? { blocks: [block.id] } : {}), admins: true }, `admin:${input.viewId}`);
    return { previousUnit, remaining: tx.structure.officerIds(unit.id).length };
  });
  if (!applied) return { kind: 'repeat' };
  return change === 'add'
    ? { kind: 'done', change: 'added', unit, userId, ...(applied.previousUnit ? { previousUnit: applied.previousUnit } : {}) }
    : { kind: 'done', change: 'removed', unit, userId, remaining: applied.remaining };
}
