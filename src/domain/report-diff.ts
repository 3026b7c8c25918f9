/**
 * What changed between two versions of a unit's periodic report: each criterion whose value or
 * reason moved, the evidence link and the notes. Pure; the order is the form's criteria, then
 * evidence, then notes. Whether a submission changes anything is decided here, on the data.
 */
export interface ReportContent<Id = number> {
  values: ReadonlyMap<Id, { value: number | null; reason: string | null }>;
  evidenceUrl: string | null;
  notes: string;
}

export type ReportChange<Id = number> =
  | { kind: 'value'; id: Id; before: number | null; after: number | null }
  | { kind: 'reason'; id: Id; before: string | null; after: string | null }
  | { kind: 'evidence'; before: string | null; after: string | null }
  | { kind: 'notes'; before: string; after: string };

/**
 * `before` undefined means there was nothing (a first submission): everything `after` holds is a
 * change. Only the criteria in `order` are compared (the form's criteria); a missing value reads as
 * none, as does a missing reason.
 */
export function diffReports<Id>(before: ReportContent<Id> | undefined, after: ReportContent<Id>, order: readonly Id[]): ReportChange<Id>[] {
  const changes: ReportChange<Id>[] = [];
  for (const id of order) {
    const old = before?.values.get(id);
    const now = after.values.get(id);
    if ((old?.value ?? null) !== (now?.value ?? null))
      changes.push({ kind: 'value', id, before: old?.value ?? null, after: now?.value ?? null });
    if ((old?.reason ?? null) !== (now?.reason ?? null))
      changes.push({ kind: 'reason', id, before: old?.reason ?? null, after: now?.reason ?? null });
  }
  if ((before?.evidenceUrl ?? null) !== after.evidenceUrl)
    changes.push({ kind: 'evidence', before: before?.evidenceUrl ?? null, after: after.evidenceUrl });
  if ((before?.notes ?? '') !== after.notes) changes.push({ kind: 'notes', before: before?.notes ?? '', after: after.notes });
  return changes;
}
