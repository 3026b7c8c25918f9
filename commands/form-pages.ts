import { z } from 'zod';
import type { Store } from '../db/store';

/**
 * Long forms (a pledge's targets, a report's criteria) span several modal pages, because a modal
 * holds at most 100 blocks. Each page's submission validates that page and replaces the modal with
 * the next; what was entered so far rides along in private_metadata, or in a draft in the database
 * when it would not fit in its 3000 characters. A fingerprint of the form's items makes a submission
 * notice that the scoring table changed under it.
 */
const METADATA_LIMIT = 3000;

/** The part of private_metadata that paging owns; forms add their own fields (unit, year, period). */
export const pageCarrySchema = z.object({
  /** The page shown (0-based). */
  p: z.number().int().min(0),
  /** The fingerprint of the form's items. */
  c: z.string(),
  /** Values entered on earlier pages, in item order… */
  v: z.array(z.unknown()).optional(),
  /** …or 1 when they are in a draft instead. */
  d: z.literal(1).optional(),
});
export type PageCarry = z.infer<typeof pageCarrySchema>;

/** A short fingerprint of the form's items (FNV-1a over ids and kinds). */
export function fingerprint(items: readonly { id: number; kind: string }[]): string {
  let hash = 2166136261;
  for (const character of items.map((item) => `${item.id}:${item.kind}`).join(',')) {
    hash = Math.imul(hash ^ character.charCodeAt(0), 16777619) >>> 0;
  }
  return hash.toString(36);
}

/** What was entered on earlier pages, from the metadata or the draft. */
export function enteredBefore(store: Store, form: string, viewId: string, carried: PageCarry): unknown[] {
  if (!carried.d) return carried.v ?? [];
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
  const next = { ...fields, p: carried.p + 1, c: carried.c, v: entered };
  const text = JSON.stringify(next);
  if (text.length <= METADATA_LIMIT) return text;
  store.drafts.save(form, viewId, entered);
  return JSON.stringify({ ...fields, p: carried.p + 1, c: carried.c, d: 1 });
}

/** After the final page: the draft, if any, is no longer needed. */
export function finishPages(store: Store, form: string, viewId: string, carried: PageCarry): void {
  if (carried.d) store.drafts.drop(form, viewId);
}
