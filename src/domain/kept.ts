/**
 * Answers kept in memory beside what they are computed from, for work the hot paths would otherwise
 * repeat on every request (folding names, time-zone rules, mapping a table read from the cache).
 */

/**
 * `build()` for `items`, kept while that list cannot change: frozen, with every item frozen, as the
 * read cache hands the configuration out (the same list until it changes). A list read afresh is
 * built afresh and not kept. A list is looked up first: only a frozen one was kept, and what is
 * frozen stays frozen, so it is checked once, not on every call (Object.isFrozen costs about 50 ns
 * an item, more than the answers most callers keep).
 */
export function keptFor<L extends readonly object[], V>(kept: WeakMap<L, V>, items: L, build: () => V): V {
  let value = kept.get(items);
  if (value !== undefined) return value;
  value = build();
  if (Object.isFrozen(items) && items.every((item) => Object.isFrozen(item))) kept.set(items, value);
  return value;
}

/**
 * `compute()`'s answer for `key`, kept in `kept`. Emptied when it holds `limit` answers: only a
 * handful are in use at a time, and keys that come from what people type must not grow it without end.
 */
export function keptAnswer<K, V>(kept: Map<K, V>, key: K, limit: number, compute: () => V): V {
  let value = kept.get(key);
  if (value === undefined) {
    if (kept.size >= limit) kept.clear();
    value = compute();
    kept.set(key, value);
  }
  return value;
}
