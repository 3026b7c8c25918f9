import { z } from 'zod';
import { diffPledges, type PledgeContent } from '../../domain/pledge-diff';
import { checkPledgeForm, type FormProblem, isValidTarget } from '../../domain/pledge-form';
import type { ChangeReasonProblem } from '../../domain/versions';
import type { Decider } from '../../views/common-text';
import { PLEDGE_COMMITMENTS_BLOCK, PLEDGE_SIGN_BLOCK, PLEDGE_SIGN_OPTION, PLEDGE_TITLES_BLOCK } from '../../views/ids';
import { buildCovenant, buildSignedLine, describePledgeChanges, type PledgeCriterion, pledgeItemKey } from '../../views/pledge';
import { targetBlockId, titleValue } from '../../views/pledge-modal';
import { type ChangeRequest, changeReasonOf, queueChangeRequest } from '../change-requests/requests';
import { queueChannelLine } from '../channel-posts';
import type { Submitted, UnitFormKind } from '../unit-forms/submit';
import { contentOf, pledgeChangeRequests } from './change-requests';
import { asksChangeReason, covenantFacts, loadPledgeForm, type PledgeForm, type PledgeMetadata, pledgeMetadata, pledgePages } from './form';

/**
 * Signing a pledge (giao ước thi đua): before the year's pledge_due every valid submission is a new
 * version in force at once; after it, a unit that has signed asks for an amendment that the block
 * lead approves, and a unit that has not signed still signs, recorded as late. The first signature
 * is announced in the block's channel; the last one brings the block's covenant summary, once.
 */

export type PledgeApplied =
  | { kind: 'unchanged'; against: 'in_force' | 'pending' }
  | { kind: 'withdrawn'; withdrawn: number[] }
  | { kind: 'signed'; late: boolean; signed: number; total: number }
  | { kind: 'updated'; version: number; withdrawn: number[] }
  | { kind: 'requested'; decider?: Decider; withdrawn: number[] };

export type PledgeProblem = FormProblem<PledgeCriterion> | ChangeReasonProblem;

export interface PledgeFormTypes {
  metadata: PledgeMetadata;
  form: PledgeForm;
  item: PledgeCriterion;
  /** A target or ceiling. */
  entry: number;
  /** The titles and commitments the last page adds, and the reason for an amendment. */
  rest: { titles: string[]; commitments: string; changeReason?: string };
  problem: PledgeProblem;
  /** Targets by pledgeItemKey, and the reason for an amendment. */
  content: PledgeContent<string> & { changeReason?: string };
  applied: PledgeApplied;
}

export const pledgeForm: UnitFormKind<PledgeFormTypes> = {
  name: 'pledge',
  metadata: pledgeMetadata,
  scopeOf: (metadata) => ({ unitId: metadata.unitId, year: metadata.year }),
  yearOf: (_store, metadata) => metadata.year,
  load(store, metadata, unit, block, now) {
    const year = store.structure.year(metadata.year);
    return year ? loadPledgeForm(store, unit, block, year, now) : undefined;
  },
  items: (form) => form.criteria,
  pages: pledgePages,
  checkPage(form, items, final, answers) {
    const titles = (answers.get(PLEDGE_TITLES_BLOCK)?.selected ?? []).flatMap((value) =>
      form.titles.filter((title) => titleValue(title) === value),
    );
    const checked = checkPledgeForm({
      targets: items.map((criterion) => ({
        id: criterion,
        kind: criterion.kind,
        typed: answers.get(targetBlockId(criterion))?.text,
        measureUnit: criterion.measureUnit,
      })),
      final,
      titles,
      signed: (answers.get(PLEDGE_SIGN_BLOCK)?.selected ?? []).includes(PLEDGE_SIGN_OPTION),
    });
    const reason = final && asksChangeReason(form) ? changeReasonOf(answers) : { ok: true as const };
    const problems: PledgeProblem[] = [...checked.problems, ...(reason.ok ? [] : [reason.problem])];
    if (problems.length) return { ok: false, problems };
    return {
      ok: true,
      entries: items.map((criterion) => checked.values.get(criterion)!),
      rest: {
        titles,
        commitments: (answers.get(PLEDGE_COMMITMENTS_BLOCK)?.text ?? '').trim(),
        ...(reason.ok && reason.changeReason ? { changeReason: reason.changeReason } : {}),
      },
    };
  },
  entry: z.number(),
  isValidEntry: (criterion, value) => isValidTarget(criterion.kind, value, criterion.measureUnit),
  asksChangeReason,
  content: (form, entries, rest) => ({
    targets: new Map(form.criteria.map((criterion, index) => [pledgeItemKey(criterion), entries[index]!])),
    titles: rest.titles,
    commitments: rest.commitments,
    ...(rest.changeReason ? { changeReason: rest.changeReason } : {}),
  }),
  apply: applyPledge,
  withdrawn: (applied) => ('withdrawn' in applied ? applied.withdrawn : []),
};

/** The targets as the store keeps them: the criteria's own, and the indicators' by criterion. */
function storedTargets(
  items: readonly PledgeCriterion[],
  byKey: ReadonlyMap<string, number>,
): { targets: Map<number, number>; indicatorTargets: Map<number, Record<string, number>> } {
  const targets = new Map<number, number>();
  const indicatorTargets = new Map<number, Record<string, number>>();
  for (const item of items) {
    const value = byKey.get(pledgeItemKey(item));
    if (value === undefined) continue;
    if (item.indicator) indicatorTargets.set(item.id, { ...indicatorTargets.get(item.id), [item.indicator.code]: value });
    else targets.set(item.id, value);
  }
  return { targets, indicatorTargets };
}

/** Stores a valid pledge with its audit entry and posts, in the pipeline's transaction. */
function applyPledge({
  deps,
  tx,
  organisation,
  form,
  content,
  by,
  actingAsAdmin,
  now,
}: Submitted<PledgeForm, PledgeFormTypes['content']>): PledgeApplied {
  const order = form.criteria.map(pledgeItemKey);
  const pledge = tx.pledges.ensure(form.year.year, form.unit.id, form.block.id);
  const inForce = tx.pledges.inForce(pledge.id);
  const pending = tx.pledges.pending(pledge.id);
  const afterDue = now.getTime() > form.year.pledgeDue.getTime();
  const audit = (action: string, details: Record<string, unknown>) =>
    tx.audit.record({
      at: now,
      actorUserId: by,
      actingAsAdmin,
      action,
      entityType: 'pledge',
      entityId: pledge.id,
      details: { year: form.year.year, unitId: form.unit.id, ...details },
    });
  const fromInForce = inForce ? diffPledges(contentOf(inForce), content, order) : undefined;

  if (inForce && fromInForce?.length === 0) {
    if (!pending) return { kind: 'unchanged', against: 'in_force' };
    // Sending back what is in force takes the amendment back.
    const withdrawn = tx.pledges.withdrawPending(pledge.id, { by, at: now });
    audit('pledge.amendment_withdrawn', { versionIds: withdrawn });
    return { kind: 'withdrawn', withdrawn };
  }
  if (pending && afterDue && diffPledges(contentOf(pending), content, order).length === 0) return { kind: 'unchanged', against: 'pending' };
  const withdrawn = tx.pledges.withdrawPending(pledge.id, { by, at: now });
  const fields = {
    pledgeId: pledge.id,
    titles: [...content.titles],
    commitments: content.commitments.trim(),
    ...storedTargets(form.criteria, content.targets),
    submittedBy: by,
    actingAsAdmin,
    submittedAt: now,
  };

  if (inForce && afterDue) {
    const version = tx.pledges.add({
      ...fields,
      status: 'pending',
      ...(content.changeReason ? { changeReason: content.changeReason } : {}),
    });
    const request: ChangeRequest = pledgeChangeRequests.load(tx, version.id, organisation.locale)!;
    audit('pledge.amendment_requested', {
      versionId: version.id,
      replacing: inForce.id,
      withdrawn,
      changes: request.changes,
      ...(content.changeReason ? { reason: content.changeReason } : {}),
    });
    const deciders = queueChangeRequest(deps, tx, pledgeChangeRequests, request, organisation);
    return {
      kind: 'requested',
      ...(deciders.lead ? { decider: { name: deciders.lead.name, deputy: deciders.deputy === true } } : {}),
      withdrawn,
    };
  }

  const version = tx.pledges.add({ ...fields, status: 'accepted' });
  if (inForce && fromInForce) {
    const changes = describePledgeChanges(
      fromInForce,
      new Map(form.criteria.map((criterion) => [pledgeItemKey(criterion), criterion])),
      organisation.locale,
    );
    audit('pledge.updated', { versionId: version.id, replacing: inForce.id, withdrawn, changes });
    return { kind: 'updated', version: version.version, withdrawn };
  }
  // The first signature: announce it, and the covenant when it completes the block. The count is
  // taken in this transaction, so of two last signatures only the later one sees the block full.
  const memberIds = tx.structure.membersInYear(form.year.year, form.block.id).map((member) => member.id);
  const signed = tx.pledges.signedCount(form.year.year, memberIds);
  const total = memberIds.length;
  audit('pledge.signed', { versionId: version.id, late: afterDue, signed, total });
  queueChannelLine(
    deps,
    tx,
    {
      key: `pledge-signed:${form.year.year}:${form.unit.id}`,
      kind: 'pledge_signed',
      message: {
        channel: form.block.channelId,
        ...buildSignedLine(
          { unitName: form.unit.name, year: form.year.year, late: afterDue, signed, total, byAdmin: actingAsAdmin },
          organisation.locale,
        ),
      },
    },
    now,
  );
  if (signed >= total) {
    queueChannelLine(
      deps,
      tx,
      {
        key: `pledge-covenant:${form.year.year}:${form.block.id}`,
        kind: 'pledge_covenant',
        message: {
          channel: form.block.channelId,
          ...buildCovenant(covenantFacts(tx, form.blockYear, form.year, organisation.timeZone), organisation.locale),
        },
        fold: false,
      },
      now,
    );
  }
  return { kind: 'signed', late: afterDue, signed, total };
}
