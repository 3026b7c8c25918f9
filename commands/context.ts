import type { Store } from '../db/store';
import type { OrganisationSettings } from '../db/store/organisation';
import type { BlockRow, UnitRow } from '../db/store/structure';
import { currentYearOf } from '../src/domain/years';

/** Who is asking, as the organisation file says: admin, officer of a unit, lead of a block this year. */
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

export function identifyCaller(store: Store, organisation: OrganisationSettings, userId: string, now: Date): Caller {
  const membership = store.structure.membershipOf(userId);
  const year = currentYearOf(
    store.structure.years().map((row) => row.year),
    now,
    organisation.timeZone,
  );
  const leadOf = membership && year !== undefined ? store.structure.blocksLedBy(year, membership.unit.id) : [];
  return {
    userId,
    isAdmin: store.organisation.isAdmin(userId),
    ...(membership ? { unit: membership.unit, ...(membership.block ? { block: membership.block } : {}) } : {}),
    ...(year !== undefined ? { year } : {}),
    leadOf,
  };
}

/** Admins and officers belong to the organisation; anyone else is politely sent to the admins. */
export function isMember(caller: Caller): boolean {
  return caller.isAdmin || caller.unit !== undefined;
}

/** Who may act for `unit` (sign its pledge, submit its report): its officers, or an admin acting for it, which is recorded. */
export function actsFor(caller: Caller, unit: Pick<UnitRow, 'id'>): { allowed: false } | { allowed: true; actingAsAdmin: boolean } {
  if (caller.unit?.id === unit.id) return { allowed: true, actingAsAdmin: false };
  return caller.isAdmin ? { allowed: true, actingAsAdmin: true } : { allowed: false };
}

/**
 * Who may act as a block's lead in `year` (post and export its standings, nudge its units): the
 * officers of that year's lead unit — the lead rotates, so the year is the period's, not today's —
 * or an admin acting for them, which is recorded.
 */
export function leadsBlock(
  store: Store,
  caller: Caller,
  blockId: number,
  year: number,
): { allowed: false } | { allowed: true; actingAsAdmin: boolean } {
  const lead = store.structure.blockYear(year, blockId)?.lead;
  if (lead && caller.unit?.id === lead.id) return { allowed: true, actingAsAdmin: false };
  return caller.isAdmin ? { allowed: true, actingAsAdmin: true } : { allowed: false };
}
