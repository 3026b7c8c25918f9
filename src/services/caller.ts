import type { Store } from '../../db/store';
import type { OrganisationSettings } from '../../db/store/organisation';
import type { BlockRow, UnitRow } from '../../db/store/structure';
import { currentYearOf } from '../domain/years';
import type { Decider } from '../views/common-text';

/**
 * Who is asking and what they may do, as the organisation file says: every handler and use case
 * asks here, never the modal or the button (which a person may forge).
 */
export interface Caller {
  userId: string;
  isAdmin: boolean;
  unit?: UnitRow;
  block?: BlockRow;
  /** The current emulation year, when the organisation has one. */
  year?: number;
  /** Blocks whose lead unit this year is the caller's unit. */
  leadOf: BlockRow[];
}

export type Permission = { allowed: false } | { allowed: true; actingAsAdmin: boolean };

export function identifyCaller(store: Store, organisation: OrganisationSettings, userId: string, now: Date): Caller {
  const membership = store.structure.membershipOf(userId);
  const year = currentYearOf(
    store.structure.years().map((row) => row.year),
    now,
    organisation.timeZone,
  );
  const leadOf = membership && year !== undefined ? store.structure.blocksLedBy(year, membership.unit.id) : [];
  // The unit's block this year (members change from year to year), else the block the file lists it in.
  const block = membership && year !== undefined ? store.structure.blockOfUnitInYear(year, membership.unit.id) : membership?.block;
  return {
    userId,
    isAdmin: store.organisation.isAdmin(userId),
    ...(membership ? { unit: membership.unit, ...(block ? { block } : {}) } : {}),
    ...(year !== undefined ? { year } : {}),
    leadOf,
  };
}

/**
 * What acting for a unit asks of the caller (actsFor): their unit and whether they are an admin, as
 * identifyCaller reads them, without the year, the block and the blocks they lead (a form's
 * submission reads its own year and block).
 */
export function identifySubmitter(store: Store, userId: string): Pick<Caller, 'unit' | 'isAdmin'> {
  const membership = store.structure.membershipOf(userId);
  return { isAdmin: store.organisation.isAdmin(userId), ...(membership ? { unit: membership.unit } : {}) };
}

/** Admins and officers belong to the organisation; anyone else is politely sent to the admins. */
export function isMember(caller: Caller): boolean {
  return caller.isAdmin || caller.unit !== undefined;
}

/** Who may act for `unit` (sign its pledge, submit its report): its officers, or an admin acting for it, which is recorded. */
export function actsFor(caller: Pick<Caller, 'unit' | 'isAdmin'>, unit: Pick<UnitRow, 'id'>): Permission {
  if (caller.unit?.id === unit.id) return { allowed: true, actingAsAdmin: false };
  return caller.isAdmin ? { allowed: true, actingAsAdmin: true } : { allowed: false };
}

/**
 * Who may act as a block's lead in `year` (post and export its standings, nudge its units): the
 * officers of that year's lead unit — the lead rotates, so the year is the period's, not today's —
 * or an admin acting for them, which is recorded.
 */
export function leadsBlock(store: Store, caller: Caller, blockId: number, year: number): Permission {
  const lead = store.structure.blockYear(year, blockId)?.lead;
  if (lead && caller.unit?.id === lead.id) return { allowed: true, actingAsAdmin: false };
  return caller.isAdmin ? { allowed: true, actingAsAdmin: true } : { allowed: false };
}

/** What a unit asks of its block's lead (a change request, a review of its report): the year, the block and the unit. */
export interface UnitRequest {
  year: number;
  blockId: number;
  unitId: number;
}

/**
 * Who decides: the lead unit's officers for the request's year — for the lead unit's own request,
 * the deputy unit's officers (`deputy`) — or the admins when there is no such unit or it has no officer.
 */
export function decidersOf(store: Store, request: UnitRequest): { lead?: UnitRow; deputy?: true; userIds: string[] } {
  const blockYear = store.structure.blockYear(request.year, request.blockId);
  const own = blockYear?.lead?.id === request.unitId;
  const decider = blockYear && decidingUnit(blockYear, request.unitId);
  const officers = decider ? store.structure.officerIds(decider.id) : [];
  return decider && officers.length
    ? { lead: decider, ...(own ? { deputy: true as const } : {}), userIds: officers }
    : { userIds: store.organisation.adminIds() };
}

/** The unit that decides for `unitId`: the block's lead, the deputy for the lead's own unit; none when it would be the unit itself. */
export function decidingUnit<U extends { id: number }>(blockYear: { lead?: U; deputy?: U }, unitId: number): U | undefined {
  const decider = blockYear.lead?.id === unitId ? blockYear.deputy : blockYear.lead;
  return decider && decider.id !== unitId ? decider : undefined;
}

/** Who decides for `unitId` in words (the lead or deputy named), for the forms that say so; none: the admins. */
export function deciderOf(blockYear: { lead?: UnitRow; deputy?: UnitRow }, unitId: number): Decider | undefined {
  const decider = decidingUnit(blockYear, unitId);
  return decider ? { name: decider.name, deputy: decider.id !== blockYear.lead?.id } : undefined;
}

/**
 * Whether `caller` may decide (a change request, a review): an officer of the deciding unit
 * (decidersOf: the lead, or the deputy for the lead's own unit) or an admin acting for them, which
 * is recorded; only admins when the deciders are the admins alone.
 */
export function mayDecide(store: Store, caller: Caller, request: UnitRequest): Permission {
  const { lead } = decidersOf(store, request);
  if (lead && caller.unit?.id === lead.id) return { allowed: true, actingAsAdmin: false };
  return caller.isAdmin ? { allowed: true, actingAsAdmin: true } : { allowed: false };
}

/** The parts a person plays this year, for what they are shown (the help): none for someone outside the organisation. */
export interface Roles {
  /** An officer of a unit: reports for it. */
  officer: boolean;
  /** Reviews and publishes for a block: its lead (leadOf), or its deputy, who decides for the lead's own unit (decidingUnit). */
  reviewer: boolean;
  admin: boolean;
}

export function rolesOf(store: Store, caller: Caller): Roles {
  const blockYear = caller.block && caller.year !== undefined ? store.structure.blockYear(caller.year, caller.block.id) : undefined;
  const deputy =
    caller.unit !== undefined && blockYear?.lead !== undefined && decidingUnit(blockYear, blockYear.lead.id)?.id === caller.unit.id;
  return { officer: caller.unit !== undefined, reviewer: caller.leadOf.length > 0 || deputy, admin: caller.isAdmin };
}
