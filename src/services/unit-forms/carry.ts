import { z } from 'zod';
import type { Store } from '../../../db/store';

/**
 * Long forms (a pledge's targets, a report's criteria) span several modal pages, because a modal
 * holds at most 100 blocks. Each page's submission validates that page and replaces the modal with
 * the next; what was entered so far rides along in private_metadata, or in a draft in the database
 * when it would not fit in its 3000 characters. The fingerprint of the form's items
 * (src/domain/pagination.ts) makes a submission notice that the scoring table changed under it.
 */
const METADATA_LIMIT = 3000;

/** The part of private_metadata that paging owns; forms add their own fields (unit, year, period). */
export const pageCarrySchema = z.object({
  /** The page shown (0-based). */
  page: z.number().int().min(0),
  /** The fingerprint of the form's items. */
  fingerprint: z.string(),
  /** Values entered on earlier pages, in item order… */
  entered: z.array(z.unknown()).optional(),
  /** …or true when they are in a draft instead. */
  inDraft: z.literal(true).optional(),
});
export type PageCarry = z.infer<typeof pageCarrySchema>;

/** What was entered on earlier pages, from the metadata or the draft. */
export function enteredBefore(store: Store, form: string, viewId: string, carried: PageCarry): unknown[] {
  if (!carried.inDraft) return carried.entered ?? [];
  const draft = store.drafts.load(form, viewId);
  return Array.isArray(draft) ? draft : [];
}

/** The private_metadata of the next page: the form's own fields, the page, and what was entered so far. */
export function carryToNextPage(
  store: Store,
  form: string,
  viewId: string,
  fields: Record<string, unknown>,
  carried: PageCarry,
  entered: unknown[],
): string {
  const paging = { page: carried.page + 1, fingerprint: carried.fingerprint };
  const text = JSON.stringify({ ...fields, ...paging, entered });
  if (text.length <= METADATA_LIMIT) return text;
  store.drafts.save(form, viewId, entered);
  return JSON.stringify({ ...fields, ...paging, inDraft: true });
}

/** After the final page: the draft, if any, is no longer needed. */
export function finishPages(store: Store, form: string, viewId: string, carried: PageCarry): void {
  if (carried.inDraft) store.drafts.drop(form, viewId);
}
