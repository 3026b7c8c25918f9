import type { Store } from '../../../db/store';
import type { BlockRow, UnitRow, YearRow } from '../../../db/store/structure';
import { findByCodeOrName } from '../../domain/scope-words';
import { actsFor, type Caller } from '../caller';

/** Whose form (pledge, report) opens: its unit and block, the year, and whether an admin acts for the unit. */
export interface UnitFormScope {
  unit: UnitRow;
  block: BlockRow;
  year: YearRow;
  actingAsAdmin: boolean;
}

/** Why a unit's form cannot open, for the caller to be told in words. */
export type UnitFormScopeProblem =
  | { kind: 'unknown_unit'; typed: string; units: UnitRow[] }
  | { kind: 'ambiguous_unit'; typed: string; matches: UnitRow[] }
  | { kind: 'other_unit'; unit: UnitRow; own: string }
  | { kind: 'admin_needs_unit'; units: UnitRow[] }
  /** The unit is in no block that year (it left, or never joined). */
  | { kind: 'no_block'; unit: UnitRow; year: number }
  | { kind: 'no_year' }
  | { kind: 'unknown_year'; year: number; years: number[] };

/**
 * Whose form (pledge, report) opens and for which year: `unitText` (a code or name; the caller's own
 * unit when empty; another unit only for an admin, recorded as acting for it) and `year` (the
 * caller's current year when absent).
 */
export function unitFormScope(
  store: Store,
  caller: Caller,
  asked: { unitText: string; year?: number },
): { ok: true; scope: UnitFormScope } | { ok: false; problem: UnitFormScopeProblem } {
  const refuse = (problem: UnitFormScopeProblem) => ({ ok: false as const, problem });
  const units = store.structure.activeUnits();
  let unit = caller.unit;
  let actingAsAdmin = false;
  if (asked.unitText) {
    const found = findByCodeOrName(asked.unitText, units);
    if (found.kind === 'ambiguous') return refuse({ kind: 'ambiguous_unit', typed: asked.unitText, matches: found.items });
    if (found.kind === 'none') return refuse({ kind: 'unknown_unit', typed: asked.unitText, units });
    const permission = actsFor(caller, found.item);
    if (!permission.allowed) return refuse({ kind: 'other_unit', unit: found.item, own: caller.unit?.name ?? '' });
    unit = found.item;
    actingAsAdmin = permission.actingAsAdmin;
  }
  if (!unit) return refuse({ kind: 'admin_needs_unit', units });
  const wanted = asked.year ?? caller.year;
  const year = wanted !== undefined ? store.structure.year(wanted) : undefined;
  if (!year)
    return refuse(
      wanted === undefined
        ? { kind: 'no_year' }
        : { kind: 'unknown_year', year: wanted, years: store.structure.years().map((row) => row.year) },
    );
  // The block of that year: a unit that left the block that year signs and reports for it no more.
  const block = store.structure.blockOfUnitInYear(year.year, unit.id);
  if (!block) return refuse({ kind: 'no_block', unit, year: year.year });
  return { ok: true, scope: { unit, block, year, actingAsAdmin } };
}

/** A unit's form (pledge, report) as submitted: its unit and block, and how the submitter acts for it. */
export type UnitFormTarget<M> =
  | { kind: 'stale' }
  | { kind: 'refused'; unit: UnitRow }
  | { kind: 'no_block'; unit: UnitRow; year: number }
  | { kind: 'allowed'; metadata: M; unit: UnitRow; block: BlockRow; actingAsAdmin: boolean };

/**
 * The one check of who may submit a unit's form, made again on every submission (the modal is
 * never trusted): its unit must still exist, be a member of a block in the form's year (`yearOf`),
 * and the submitter must act for it.
 */
export function unitFormTarget<M extends { unitId: number }>(
  store: Store,
  caller: Pick<Caller, 'unit' | 'isAdmin'>,
  metadata: M | undefined,
  yearOf: (metadata: M) => number | undefined,
): UnitFormTarget<M> {
  if (!metadata) return { kind: 'stale' };
  const unit = store.structure.unitById(metadata.unitId);
  const year = yearOf(metadata);
  if (!unit || year === undefined) return { kind: 'stale' };
  const permission = actsFor(caller, unit);
  if (!permission.allowed) return { kind: 'refused', unit };
  const block = store.structure.blockOfUnitInYear(year, unit.id);
  if (!block) return { kind: 'no_block', unit, year };
  return { kind: 'allowed', metadata, unit, block, actingAsAdmin: permission.actingAsAdmin };
}
