import type { Store } from '../../../db/store';
import type { OrganisationSettings } from '../../../db/store/organisation';
import { type LocalDate, localYearOf, parseLocalDate, parseTimeOfDay, zonedInstant } from '../../domain/calendar';
import type { UnitGroups } from '../../views/admin-forms';
import type { adminIds } from '../../views/ids';
import { type Caller, identifyCaller } from '../caller';
import type { AppDeps } from '../deps';

/**
 * What the admin tools (src/services/admin/) share: only admins may use them; a form's answers are
 * checked field by field, and a problem names its field; a valid one is applied once (the modal's
 * view id is claimed), with its audit entry, in one transaction.
 */
export type AdminField = keyof typeof adminIds.fields;

export type AdminProblem =
  | 'required'
  | 'unknown'
  | 'invalid'
  /** The unit is not a member of the block (that year). */
  | 'not_member'
  | 'same_as_lead'
  /** The person is not an officer of that unit. */
  | 'not_officer'
  | 'already_officer'
  /** The new due is not after the period's own due. */
  | 'not_after_due'
  /** An instant already past. */
  | 'in_past'
  | 'submitted'
  | 'not_submitted'
  /** The report can still be edited directly until `at`. */
  | 'not_locked'
  | 'already_holiday';

export interface FieldProblem {
  field: AdminField;
  problem: AdminProblem;
  /** For 'not_locked': until when the report stays open. */
  at?: Date;
}

export type AdminOutcome<Done> =
  | { kind: 'refused' }
  /** A repeat of a submission already applied. */
  | { kind: 'repeat' }
  | { kind: 'invalid'; problems: FieldProblem[] }
  | ({ kind: 'done' } & Done);

export interface AdminCaller {
  organisation: OrganisationSettings;
  caller: Caller;
}

/** `userId` as an admin, or undefined when they are not one (or no organisation is loaded). */
export function adminCaller(deps: AppDeps, userId: string): AdminCaller | undefined {
  const organisation = deps.store.organisation.get();
  if (!organisation) return undefined;
  const caller = identifyCaller(deps.store, organisation, userId, deps.clock.now());
  return caller.isAdmin ? { organisation, caller } : undefined;
}

/** Runs `work` in one transaction after claiming the modal's view id; undefined when it was claimed before (a repeat). */
export function applyOnce<T>(deps: AppDeps, viewId: string, work: (tx: Store) => T): T | undefined {
  const result = deps.store.transaction((tx) => {
    if (!tx.events.claim(`view:${viewId}`, 'view_submission', deps.clock.now())) return undefined;
    return { value: work(tx) };
  });
  if (!result) return undefined;
  deps.delivery.kick();
  return result.value;
}

/** An id chosen in a select, or undefined. */
export function idOf(value: string | undefined): number | undefined {
  const id = Number(value);
  return value && Number.isInteger(id) && id > 0 ? id : undefined;
}

/** A local date ('yyyy-MM-dd' from a date picker), or undefined when it is not one. */
export function localDateOf(value: string | undefined): LocalDate | undefined {
  return value && parseLocalDate(value) ? value : undefined;
}

/** The instant of a local date and time ('HH:mm' from a time picker) in `zone`; undefined when either is not one. */
export function instantOf(date: string | undefined, time: string | undefined, zone: string): Date | undefined {
  const day = date ? parseLocalDate(date) : null;
  const minutes = time ? parseTimeOfDay(time) : null;
  if (!day || minutes === null) return undefined;
  return zonedInstant({ ...day, hour: Math.floor(minutes / 60), minute: minutes % 60 }, zone);
}

/** The year the admin tools work in: this year when the file has it, else the latest. */
export function adminYear(deps: AppDeps, organisation: OrganisationSettings): number | undefined {
  const years = deps.store.structure.years().map((row) => row.year);
  const now = localYearOf(deps.clock.now(), organisation.timeZone);
  return years.includes(now) ? now : years.at(-1);
}

/** The active units by their block in `year` (the blocks' order), then those in none. */
export function unitChoices(deps: AppDeps, year: number | undefined): UnitGroups {
  const { structure } = deps.store;
  const toChoice = (unit: { id: number; code: string; name: string }) => ({ id: unit.id, code: unit.code, name: unit.name });
  const placed = new Set<number>();
  const blocks = structure.activeBlocks().map((block) => {
    const members = year !== undefined ? structure.membersInYear(year, block.id) : structure.members(block.id);
    for (const member of members) placed.add(member.id);
    return { name: block.name, units: members.map(toChoice) };
  });
  return {
    blocks,
    unassigned: structure
      .activeUnits()
      .filter((unit) => !placed.has(unit.id))
      .map(toChoice),
  };
}
