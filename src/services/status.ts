import type { Store } from '../../db/store';
import type { BlockRow, PeriodRow } from '../../db/store/structure';
import type { StatusRow, UnitState } from '../views/status';
import { type Caller, deciderOf, leadsBlock, mayDecide } from './caller';
import { duesOfUnits } from './dues';

/** Progress of a block's reports for a period (tiến độ): each unit's state (the lead's “Nhắc” is in manual-nudges.ts). */

/** Every member's line, in the block's order, with the buttons this reader may press. */
export function statusRows(store: Store, block: BlockRow, period: PeriodRow, caller: Caller): StatusRow[] {
  // The block's members in the period's year: a unit that left the block that year is not listed.
  const members = store.structure.membersInYear(period.year, block.id);
  const reports = store.reports.forUnits(
    period.id,
    members.map((member) => member.id),
  );
  const leads = leadsBlock(store, caller, block.id, period.year).allowed;
  const dues = duesOfUnits(
    store,
    period,
    members.map((member) => member.id),
  );
  const blockYear = store.structure.blockYear(period.year, block.id);
  return members.map((member) => {
    const extension = dues.get(member.id)?.extension;
    const report = reports.get(member.id);
    const canReview = mayDecide(store, caller, { year: period.year, blockId: block.id, unitId: member.id }).allowed;
    const review = report?.review;
    const state: UnitState = !report?.inForce
      ? 'missing'
      : review?.outcome === 'returned'
        ? 'returned'
        : review?.outcome === 'reviewed' && review.awaiting.length === 0
          ? 'reviewed'
          : 'submitted';
    return {
      unitId: member.id,
      unitName: member.name,
      officerIds: member.officerIds,
      state,
      ...(report?.first ? { firstSubmittedAt: report.first.submittedAt, late: report.first.late } : {}),
      ...(report?.inForce ? { versionId: report.inForce.id } : {}),
      ...(report?.inForce && report.first && report.inForce.id !== report.first.id
        ? { changed: { at: report.inForce.submittedAt, version: report.inForce.version } }
        : {}),
      ...(review
        ? state === 'reviewed'
          ? { reviewedBy: review.reviewerUserId }
          : review.outcome === 'returned'
            ? { returnedReason: review.reason ?? '', ...(review.resubmitBy ? { resubmitBy: review.resubmitBy } : {}) }
            : {}
        : {}),
      ...(report?.pending ? { pendingChange: true } : {}),
      ...(extension ? { extendedTo: extension.due } : {}),
      canNudge: leads,
      canReview,
      // The lead's own unit is reviewed by the deputy (or the board): the lead is told who, not left wondering.
      ...(leads && !canReview && report?.inForce ? { reviewer: blockYear ? deciderOf(blockYear, member.id) : undefined } : {}),
    };
  });
}
