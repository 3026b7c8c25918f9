import { diffPledges, type PledgeContent } from '../../domain/pledge-diff';
import { describePledgeChanges, pledgeItemKey, pledgeText } from '../../views/pledge';
import { type ChangeRequestKind, decideVersion, versionFacts } from '../change-requests/requests';
import { pledgedCriteria } from './form';

/** A version's content, its targets by pledgeItemKey ("7", and "7:a" for an indicator's). */
export function contentOf(version: {
  targets: ReadonlyMap<number, number>;
  indicatorTargets: ReadonlyMap<number, Readonly<Record<string, number>>>;
  titlesSought: string[];
  commitments: string;
}): PledgeContent<string> {
  const targets = new Map<string, number>([...version.targets].map(([criterionId, value]) => [String(criterionId), value]));
  for (const [criterionId, byIndicator] of version.indicatorTargets)
    for (const [code, value] of Object.entries(byIndicator))
      targets.set(pledgeItemKey({ id: criterionId, indicator: { code, name: code } }), value);
  return { targets, titles: version.titlesSought, commitments: version.commitments };
}

/** The pledge amendments, as change requests the block lead decides. */
export const pledgeChangeRequests: ChangeRequestKind = {
  load(store, id, locale) {
    const version = store.pledges.version(id);
    if (!version) return undefined;
    const { pledge } = version;
    const unit = store.structure.unitById(pledge.unitId);
    const base = store.pledges.acceptedBefore(pledge.id, version.id);
    const criteria = pledgedCriteria(store, pledge.year, pledge.blockId, unit?.code);
    const changes = diffPledges(base ? contentOf(base) : undefined, contentOf(version), criteria.map(pledgeItemKey));
    return {
      kind: 'pledge',
      id: version.id,
      year: pledge.year,
      blockId: pledge.blockId,
      unitId: pledge.unitId,
      auditEntity: { entityType: 'pledge', entityId: pledge.id },
      title: pledgeText[locale].requestTitle(pledge.year),
      unitName: unit?.name ?? '',
      changes: describePledgeChanges(changes, new Map(criteria.map((criterion) => [pledgeItemKey(criterion), criterion])), locale),
      ...versionFacts(version),
    };
  },
  decide: decideVersion((tx) => tx.pledges),
  auditActions: { approved: 'pledge.amendment_approved', rejected: 'pledge.amendment_rejected' },
};
