import { z } from 'zod';
import type { Store } from '../../../db/store';
import type { PledgeRow, PledgeVersion, UnitPledge } from '../../../db/store/pledges';
import type { BlockMember, BlockRow, BlockYear, UnitRow, YearRow } from '../../../db/store/structure';
import { fingerprint, pagesBySize } from '../../domain/pagination';
import { askedTargets, isPledgedKind } from '../../domain/pledge-form';
import { type CovenantFacts, type PledgeCriterion, type PledgeMode, pledgeItemKey, type UnitPledgeSummary } from '../../views/pledge';
import type { Caller } from '../caller';
import { pageCarrySchema } from '../unit-forms/carry';
import { type UnitFormScopeProblem, unitFormScope } from '../unit-forms/scope';

/** Target inputs on one page of the pledge form: with the fixed blocks, well under Slack's 100 per modal. */
export const TARGETS_PER_PAGE = 45;

/** Everything the pledge form is drawn from, read fresh for the modal and again for its submission. */
export interface PledgeForm {
  unit: UnitRow;
  block: BlockRow;
  year: YearRow;
  blockYear: BlockYear;
  /** The criteria that take a target or a ceiling, in the file's order. */
  criteria: PledgeCriterion[];
  pledge?: PledgeRow;
  inForce?: PledgeVersion;
  pending?: PledgeVersion;
  mode: PledgeMode;
  /** The titles to choose from: the organisation's, plus any the unit chose before that were since retired. */
  titles: string[];
}

/**
 * The targets the block's table for the year asks of the unit `unitCode`, in the file's order: each
 * criterion that takes a target or a ceiling, or one per indicator of the unit's own (version 2);
 * none for a criterion the lead scores, the bot computes or that does not apply to the unit.
 * Without a unit: every criterion's own target (what a block-wide list of criteria shows).
 */
export function pledgedCriteria(store: Store, year: number, blockId: number, unitCode?: string): PledgeCriterion[] {
  return store.structure.criteria(year, blockId).flatMap((criterion): PledgeCriterion[] => {
    if (!isPledgedKind(criterion.kind)) return [];
    const base = { id: criterion.id, code: criterion.code, name: criterion.name, kind: criterion.kind, measureUnit: criterion.measureUnit };
    if (unitCode === undefined) return [base];
    return askedTargets(criterion, unitCode).map((asked) =>
      asked.indicator === null
        ? base
        : {
            ...base,
            code: `${criterion.code}${asked.indicator}`,
            name: `${criterion.name}: ${asked.name}`,
            measureUnit: asked.measureUnit,
            indicator: { code: asked.indicator, name: asked.name ?? asked.indicator },
          },
    );
  });
}

/**
 * The unit's pledge form for the year as of `now`: before the year's pledge_due a unit signs or
 * edits; after it, a unit that signed asks for an amendment and one that has not signs late.
 */
export function loadPledgeForm(store: Store, unit: UnitRow, block: BlockRow, year: YearRow, now: Date): PledgeForm {
  const pledge = store.pledges.find(year.year, unit.id);
  const inForce = pledge ? store.pledges.inForce(pledge.id) : undefined;
  const pending = pledge ? store.pledges.pending(pledge.id) : undefined;
  const afterDue = now.getTime() > year.pledgeDue.getTime();
  const chosen = (pending ?? inForce)?.titlesSought ?? [];
  return {
    unit,
    block,
    year,
    blockYear: store.structure.blockYear(year.year, block.id)!,
    criteria: pledgedCriteria(store, year.year, block.id, unit.code),
    ...(pledge ? { pledge } : {}),
    ...(inForce ? { inForce } : {}),
    ...(pending ? { pending } : {}),
    mode: inForce ? (afterDue ? 'amend' : 'edit') : afterDue ? 'late' : 'sign',
    titles: [...new Set([...store.organisation.titles(), ...chosen])],
  };
}

/** Whether a submission of the form is an amendment for the block lead, which asks the unit why (“Lý do điều chỉnh”). */
export function asksChangeReason(form: Pick<PledgeForm, 'mode'>): boolean {
  return form.mode === 'amend';
}

/** The “Lý do điều chỉnh” the last page asks when it does, prefilled from the pending amendment's. */
export function changeReasonAsked(form: Pick<PledgeForm, 'mode' | 'pending'>): { changeReason?: string } {
  return asksChangeReason(form) ? { changeReason: form.pending?.changeReason ?? '' } : {};
}

/** The values the form starts from, by pledgeItemKey: the pending amendment's, else the version in force. */
export function pledgeStartValues(form: Pick<PledgeForm, 'criteria' | 'pending' | 'inForce'>): Map<string, number> {
  const prefill = form.pending ?? form.inForce;
  if (!prefill) return new Map();
  return new Map(
    form.criteria.flatMap((item) => {
      const value = pledgedFor(prefill, item);
      return value === undefined ? [] : [[pledgeItemKey(item), value] as const];
    }),
  );
}

/** The form's criteria split into the modal's pages. */
export function pledgePages(form: Pick<PledgeForm, 'criteria'>): PledgeCriterion[][] {
  return pagesBySize(form.criteria, () => 1, TARGETS_PER_PAGE);
}

/** What the modal carries between its pages: the unit and year, then the paging (unit-forms/carry.ts). */
export const pledgeMetadata = pageCarrySchema.extend({ unitId: z.number().int(), year: z.number().int() });
export type PledgeMetadata = z.infer<typeof pledgeMetadata>;

/**
 * The pledge form `asked` names (a unit's code or name, the caller's own unit when empty; the
 * current year when absent), with its first page's metadata; or why it cannot open.
 */
export function pledgeFormToOpen(
  store: Store,
  caller: Caller,
  asked: { unitText: string; year?: number },
  now: Date,
): { ok: false; problem: UnitFormScopeProblem } | { ok: true; form: PledgeForm; metadata: PledgeMetadata; actingAsAdmin: boolean } {
  const scoped = unitFormScope(store, caller, asked);
  if (!scoped.ok) return scoped;
  const { unit, block, year, actingAsAdmin } = scoped.scope;
  const form = loadPledgeForm(store, unit, block, year, now);
  return {
    ok: true,
    form,
    metadata: { unitId: unit.id, year: year.year, page: 0, fingerprint: fingerprint(form.criteria) },
    actingAsAdmin,
  };
}

/** A block's members and their pledges for a year: what the table and the covenant show. */
export interface BlockPledges {
  members: BlockMember[];
  pledges: Map<number, UnitPledge>;
  /** The targets each member's pledge asks (its own indicators included), by unit code. */
  criteriaOf(unitCode: string): PledgeCriterion[];
}

export function blockPledges(store: Store, blockId: number, year: number): BlockPledges {
  const members = store.structure.membersInYear(year, blockId);
  const asked = new Map(members.map((member) => [member.code, pledgedCriteria(store, year, blockId, member.code)]));
  return {
    members,
    pledges: store.pledges.forUnits(
      year,
      members.map((member) => member.id),
    ),
    criteriaOf: (unitCode) => asked.get(unitCode) ?? [],
  };
}

/** The value `version` pledges for a target (an indicator's from its indicator targets). */
export function pledgedFor(version: Pick<PledgeVersion, 'targets' | 'indicatorTargets'>, item: PledgeCriterion): number | undefined {
  return item.indicator ? version.indicatorTargets.get(item.id)?.[item.indicator.code] : version.targets.get(item.id);
}

/** The targets of `version` with their criteria, in the table's order. */
export function targetsOf(version: PledgeVersion, criteria: readonly PledgeCriterion[]): UnitPledgeSummary['targets'] {
  return criteria.flatMap((criterion) => {
    const value = pledgedFor(version, criterion);
    return value === undefined ? [] : [{ criterion, value }];
  });
}

/** The block's covenant: every unit that signed, with the titles and targets in force. */
export function covenantFacts(store: Store, blockYear: BlockYear, year: YearRow, zone: string): CovenantFacts {
  const { members, pledges, criteriaOf } = blockPledges(store, blockYear.block.id, year.year);
  return {
    blockName: blockYear.block.name,
    blockCode: blockYear.block.code,
    year: year.year,
    theme: blockYear.theme,
    ...(blockYear.lead ? { lead: blockYear.lead.name } : {}),
    ...(blockYear.deputy ? { deputy: blockYear.deputy.name } : {}),
    zone,
    units: members.flatMap((member) => {
      const pledge = pledges.get(member.id);
      if (!pledge?.signed || !pledge.inForce) return [];
      return [
        {
          unitName: member.name,
          signedAt: pledge.signed.submittedAt,
          signedBy: pledge.signed.submittedBy,
          late: pledge.signed.submittedAt.getTime() > year.pledgeDue.getTime(),
          titles: pledge.inForce.titlesSought,
          targets: targetsOf(pledge.inForce, criteriaOf(member.code)),
        },
      ];
    }),
  };
}
