/**
 * What changed between two versions of a unit's pledge: each target or ceiling that moved, the
 * titles added and removed, and the commitments text. Pure; the order of the changes is the
 * criteria's order, then titles, then commitments.
 */
export interface PledgeContent<Id = number> {
  targets: ReadonlyMap<Id, number>;
  titles: readonly string[];
  commitments: string;
}

export type PledgeChange<Id = number> =
  | { kind: 'target'; id: Id; before?: number; after?: number }
  | { kind: 'titles'; added: string[]; removed: string[] }
  | { kind: 'commitments'; before: string; after: string };

/**
 * `before` undefined means there was nothing (a first signature): everything in `after` is a
 * change. Targets are listed in `order` (criteria not in it come after, in `after`'s order).
 * Commitments are compared with surrounding white space ignored; titles as sets.
 */
export function diffPledges<Id>(
  before: PledgeContent<Id> | undefined,
  after: PledgeContent<Id>,
  order: readonly Id[] = [],
): PledgeChange<Id>[] {
  const changes: PledgeChange<Id>[] = [];
  const previous = before?.targets ?? new Map<Id, number>();
  const ids = [...new Set([...order, ...previous.keys(), ...after.targets.keys()])].filter(
    (id) => previous.has(id) || after.targets.has(id),
  );
  for (const id of ids) {
    const old = previous.get(id);
    const next = after.targets.get(id);
    if (old === next) continue;
    changes.push({ kind: 'target', id, ...(old !== undefined ? { before: old } : {}), ...(next !== undefined ? { after: next } : {}) });
  }
  const oldTitles = new Set(before?.titles ?? []);
  const newTitles = new Set(after.titles);
  const added = after.titles.filter((title) => !oldTitles.has(title));
  const removed = (before?.titles ?? []).filter((title) => !newTitles.has(title));
  if (added.length || removed.length) changes.push({ kind: 'titles', added, removed });
  const oldText = (before?.commitments ?? '').trim();
  const newText = after.commitments.trim();
  if (oldText !== newText) changes.push({ kind: 'commitments', before: oldText, after: newText });
  return changes;
}
