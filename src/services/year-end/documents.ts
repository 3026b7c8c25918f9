import type { Store } from '../../../db/store';
import { type Opening, parseDecision, parseOpening } from '../../standings/deliberation-record';
import { documentFileName, documentTitle, YEAR_END_DOCUMENTS, type YearEndDocument } from '../../standings/year-end-documents';
import { escapeMrkdwn } from '../../views/blocks';
import type { AppDeps } from '../deps';

/**
 * The minutes and the proposal go out as DOCX through the outbox: built when they are sent, from the
 * deliberation's frozen record (`year_end_minutes` / `year_end_proposal` { deliberationId }). When the
 * vote closes: both in the thread of the result post and in the closer's DM; afterwards anyone in the
 * organisation may have either in their DM (one file per press).
 */
export interface DocumentTarget {
  deliberationId: number;
  opening: Pick<Opening, 'block' | 'year'>;
  channel?: string;
  user?: string;
  threadOfKey?: string;
  /** Tells presses apart (the trigger id); none for the documents sent at closing. */
  requestId?: string;
  documents?: readonly YearEndDocument[];
}

/** Queues the documents for `target` in `tx`; the caller kicks the delivery after the commit. */
export function queueDocuments(deps: AppDeps, tx: Store, target: DocumentTarget): void {
  const place = target.channel ? 'channel' : `dm:${target.user}`;
  for (const document of target.documents ?? YEAR_END_DOCUMENTS) {
    const title = documentTitle(document, target.opening);
    deps.delivery.queue(tx, {
      key: `deliberation-${document}:${target.deliberationId}:${place}${target.requestId ? `:${target.requestId}` : ''}`,
      kind: `year_end_${document}`,
      message: {
        ...(target.channel ? { channel: target.channel } : { user: target.user! }),
        ...(target.threadOfKey ? { threadOfKey: target.threadOfKey } : {}),
        text: escapeMrkdwn(title),
        upload: {
          filename: documentFileName(document, target.opening),
          title,
          source: { kind: `year_end_${document}`, deliberationId: target.deliberationId },
        },
      },
    });
  }
}

export type DocumentRequest = { kind: 'queued'; filename: string } | { kind: 'gone' } | { kind: 'still_open' };

/** “Biên bản” / “Tờ trình” pressed: the document to the presser's DM, once the vote is closed. */
export function requestDocument(
  deps: AppDeps,
  userId: string,
  deliberationId: number,
  document: YearEndDocument,
  requestId: string,
): DocumentRequest {
  const row = deps.store.deliberations.byId(deliberationId);
  const opening = row ? parseOpening(row.opening) : undefined;
  if (!row || !opening) return { kind: 'gone' };
  if (!parseDecision(row.decision)) return { kind: 'still_open' };
  queueDocuments(deps, deps.store, { deliberationId, opening, user: userId, requestId, documents: [document] });
  deps.delivery.kick();
  return { kind: 'queued', filename: documentFileName(document, opening) };
}
