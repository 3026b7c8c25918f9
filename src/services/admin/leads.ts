import type { BlockRow, UnitRow } from '../../../db/store/structure';
import { buildLeadsLine } from '../../views/admin';
import type { AppDeps } from '../deps';
import { queueHomeRefresh } from '../home';
import { type AdminOutcome, adminCaller, applyOnce, type FieldProblem, idOf } from './common';

/**
 * A block's lead and deputy for a year, set by an admin (the lead changes mid-year, or the year's
 * election came after the file was loaded): both members of the block, not the same unit. From then
 * on the lead's officers review, nudge and decide; the block's channel is told.
 */
export interface LeadsChange {
  viewId: string;
  year: string | undefined;
  blockId: string | undefined;
  leadUnitId: string | undefined;
  deputyUnitId: string | undefined;
}

export type LeadsOutcome = AdminOutcome<{ year: number; block: BlockRow; lead: UnitRow; deputy?: UnitRow; previousLead?: UnitRow }>;

export function setLeads(deps: AppDeps, by: string, input: LeadsChange): LeadsOutcome {
  const admin = adminCaller(deps, by);
  if (!admin) return { kind: 'refused' };
  const { store } = deps;
  const problems: FieldProblem[] = [];
  const year = input.year ? store.structure.year(Number(input.year)) : undefined;
  if (!input.year) problems.push({ field: 'year', problem: 'required' });
  else if (!year) problems.push({ field: 'year', problem: 'unknown' });
  const blockId = idOf(input.blockId);
  const block = blockId !== undefined ? store.structure.blockById(blockId) : undefined;
  if (!input.blockId) problems.push({ field: 'block', problem: 'required' });
  else if (!block?.active) problems.push({ field: 'block', problem: 'unknown' });
  const members = block ? store.structure.members(block.id) : [];
  const member = (value: string | undefined) => members.find((unit) => unit.id === idOf(value));
  const lead = member(input.leadUnitId);
  const deputy = member(input.deputyUnitId);
  if (!input.leadUnitId) problems.push({ field: 'lead', problem: 'required' });
  else if (block && !lead) problems.push({ field: 'lead', problem: 'not_member' });
  if (input.deputyUnitId && block && !deputy) problems.push({ field: 'deputy', problem: 'not_member' });
  if (lead && deputy && lead.id === deputy.id) problems.push({ field: 'deputy', problem: 'same_as_lead' });
  if (problems.length || !year || !block || !lead) return { kind: 'invalid', problems };

  const now = deps.clock.now();
  const { organisation } = admin;
  const applied = applyOnce(deps, input.viewId, (tx) => {
    const before = tx.structure.blockYear(year.year, block.id);
    tx.configuration.setBlockLeads(year.year, block.id, lead.id, deputy?.id ?? null);
    tx.audit.record({
      at: now,
      actorUserId: by,
      actingAsAdmin: true,
      action: 'block.leads_set',
      entityType: 'block',
      entityId: block.id,
      unitId: lead.id,
      details: {
        year: year.year,
        block: block.code,
        lead: lead.code,
        deputy: deputy?.code ?? null,
        previousLead: before?.lead?.code ?? null,
        previousDeputy: before?.deputy?.code ?? null,
      },
    });
    // The block's channel hears it in the organisation's language, as every channel post.
    deps.delivery.queue(tx, {
      key: `block-leads:${input.viewId}`,
      kind: 'block_leads',
      message: {
        channel: block.channelId,
        ...buildLeadsLine(
          { blockName: block.name, year: year.year, lead: lead.name, ...(deputy ? { deputy: deputy.name } : {}) },
          organisation.locale,
        ),
      },
    });
    queueHomeRefresh(deps, tx, { blocks: [block.id], admins: true }, `admin:${input.viewId}`);
    return { previousLead: before?.lead };
  });
  if (!applied) return { kind: 'repeat' };
  return {
    kind: 'done',
    year: year.year,
    block,
    lead,
    ...(deputy ? { deputy } : {}),
    ...(applied.previousLead ? { previousLead: applied.previousLead } : {}),
  };
}
