import { keptFor } from './kept';

/**
 * Splitting long lists and long text so that every Slack surface stays within its limits
 * (50 blocks a message, 3000 characters a section). Pure: counts items and characters only.
 */
export interface PageWindow {
  /** 0-based, clamped into range. */
  page: number;
  pageCount: number;
  /** Items [start, end) are on the page. */
  start: number;
  end: number;
}

/** Page `requested` (0-based; clamped to the last page, so a list that shrank still shows something) of `total` items, `size` a page. */
export function pageWindow(total: number, size: number, requested: number): PageWindow {
  if (size < 1) throw new Error('page size must be at least 1');
  const pageCount = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(0, Math.floor(requested)), pageCount - 1);
  return { page, pageCount, start: page * size, end: Math.min(total, (page + 1) * size) };
}

/**
 * The first items whose lengths (plus `separator` between them) fit in `budget` characters;
 * `omitted` counts the rest. Used to show "… và 12 chỉ tiêu khác" instead of overflowing.
 */
export function fitWithin<T>(
  items: readonly T[],
  lengthOf: (item: T) => number,
  budget: number,
  separator = 0,
): { shown: T[]; omitted: number } {
  const shown: T[] = [];
  let used = 0;
  for (const item of items) {
    const cost = lengthOf(item) + (shown.length ? separator : 0);
    if (used + cost > budget) break;
    shown.push(item);
    used += cost;
  }
  return { shown, omitted: items.length - shown.length };
}

/**
 * Items split into consecutive pages whose summed sizes stay within `budget` (an item larger than
 * the budget gets a page of its own). Always at least one page, possibly empty.
 */
export function pagesBySize<T>(items: readonly T[], sizeOf: (item: T) => number, budget: number): T[][] {
  const pages: T[][] = [[]];
  let used = 0;
  for (const item of items) {
    const size = sizeOf(item);
    const current = pages.at(-1)!;
    if (current.length > 0 && used + size > budget) {
      pages.push([item]);
      used = size;
    } else {
      current.push(item);
      used += size;
    }
  }
  return pages;
}

/** Where page `index` of `pages` stands: 1-based first and last item numbers, for "Tiêu chí 46–90 / 120". */
export interface PagePosition {
  index: number;
  count: number;
  first: number;
  last: number;
  total: number;
}

/** Page `index` of `pages` (clamped to the last page) and its position among all the items. */
export function pageAt<T>(pages: readonly (readonly T[])[], index: number): { items: readonly T[]; position: PagePosition } {
  const at = Math.max(0, Math.min(index, pages.length - 1));
  const before = pages.slice(0, at).reduce((count, page) => count + page.length, 0);
  const items = pages[at] ?? [];
  const total = pages.reduce((count, page) => count + page.length, 0);
  return { items, position: { index: at, count: pages.length, first: before + 1, last: before + items.length, total } };
}

/** How many items the pages up to and including `index` hold. */
export function itemsThrough(pages: readonly (readonly unknown[])[], index: number): number {
  let count = 0;
  for (let page = 0; page <= index && page < pages.length; page++) count += pages[page]!.length;
  return count;
}

/**
 * A short fingerprint of a form's items (FNV-1a over ids and kinds): a paged form's later pages
 * notice that the items changed under them since the first page was drawn. Kept beside a table
 * the read cache hands out (every submission of a page asks it again).
 */
export function fingerprint(items: readonly { id: number; kind: string }[]): string {
  return keptFor(fingerprints, items, () => {
    let hash = 2166136261;
    for (const character of items.map((item) => `${item.id}:${item.kind}`).join(',')) {
      hash = Math.imul(hash ^ character.charCodeAt(0), 16777619) >>> 0;
    }
    return hash.toString(36);
  });
}
const fingerprints = new WeakMap<readonly { id: number; kind: string }[], string>();
