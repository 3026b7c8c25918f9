import type { Store } from '../../../db/store';
import type { BlockYearEnd } from '../../standings/province-proposals';
import { provinceFileName, provinceText } from '../../standings/province-proposals';
import { escapeMrkdwn } from '../../views/blocks';
import type { Caller } from '../caller';
import type { AppDeps } from '../deps';
import { readDeliberation } from './deliberation';

/**
 * The province's view (admins): every active block's year end — not opened, voting (n of m), closed
 * with its proposals — and all the proposals in one XLSX to the admin's DM.
 */
export function provinceYearEnd(store: Store, year: number): BlockYearEnd[] {
  const byBlock = new Map(store.deliberations.ofYear(year).map((row) => [row.blockId, readDeliberation(row)]));
  return store.structure.activeBlocks().map((block) => {
    const deliberation = byBlock.get(block.id);
    return {
      block: { code: block.code, name: block.name },
      ...(deliberation ? { opening: deliberation.opening } : {}),
      ...(deliberation?.decision ? { decision: deliberation.decision } : {}),
      voters: deliberation ? store.deliberations.voters(deliberation.row.id).length : 0,
    };
  });
}

export type ProvinceExport = { kind: 'refused' } | { kind: 'queued'; filename: string };

/** “Xuất Excel toàn tỉnh”: the proposals of every block for the year, built when sent, to the admin's DM (one file per press). */
export function exportProvinceProposals(deps: AppDeps, caller: Caller, year: number, requestId: string): ProvinceExport {
  if (!caller.isAdmin) return { kind: 'refused' };
  const locale = deps.store.organisation.get()!.locale;
  const filename = provinceFileName(year);
  const title = provinceText[locale].title(year);
  deps.delivery.queue(deps.store, {
    key: `year-end-proposals:${year}:${caller.userId}:${requestId}`,
    kind: 'year_end_proposals_xlsx',
    message: {
      user: caller.userId,
      text: escapeMrkdwn(title),
      upload: { filename, title, source: { kind: 'year_end_proposals_xlsx', year } },
    },
  });
  deps.delivery.kick();
  return { kind: 'queued', filename };
}
