import { type EvidenceFile, sameFiles } from './evidence';
import type { EntryDetail } from './scoring';

/**
 * What changed between two versions of a unit's periodic report: each criterion whose value (with
 * its level, items or indicator results) or reason moved, the evidence link and files and the notes.
 * Pure; the order is the form's criteria, then evidence, then notes. Whether a submission changes anything is
 * decided here, on the data.
 */
export interface ReportEntry {
  value: number | null;
  reason: string | null;
  detail?: EntryDetail | undefined;
}

export interface ReportContent<Id = number> {
  values: ReadonlyMap<Id, ReportEntry>;
  evidenceUrl: string | null;
  evidenceFiles: readonly EvidenceFile[];
  notes: string;
}

/** An entry's answer (its reason aside), as a change shows it; null: nothing. */
export type ReportAnswer = { value: number | null; detail?: EntryDetail | undefined } | null;

export type ReportChange<Id = number> =
  | { kind: 'value'; id: Id; before: ReportAnswer; after: ReportAnswer }
  | { kind: 'reason'; id: Id; before: string | null; after: string | null }
  | { kind: 'evidence'; before: string | null; after: string | null }
  | { kind: 'files'; before: readonly EvidenceFile[]; after: readonly EvidenceFile[] }
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
    if (!sameAnswer(old, now)) changes.push({ kind: 'value', id, before: answerOf(old), after: answerOf(now) });
    if ((old?.reason ?? null) !== (now?.reason ?? null))
      changes.push({ kind: 'reason', id, before: old?.reason ?? null, after: now?.reason ?? null });
  }
  if ((before?.evidenceUrl ?? null) !== after.evidenceUrl)
    changes.push({ kind: 'evidence', before: before?.evidenceUrl ?? null, after: after.evidenceUrl });
  if (!sameFiles(before?.evidenceFiles ?? [], after.evidenceFiles))
    changes.push({ kind: 'files', before: before?.evidenceFiles ?? [], after: after.evidenceFiles });
  if ((before?.notes ?? '') !== after.notes) changes.push({ kind: 'notes', before: before?.notes ?? '', after: after.notes });
  return changes;
}

function answerOf(entry: ReportEntry | undefined): ReportAnswer {
  if (!entry || (entry.value === null && !entry.detail)) return null;
  return entry.detail ? { value: entry.value, detail: entry.detail } : { value: entry.value };
}

/**
 * Whether two entries give the same answer: the values alone when neither has a detail (most
 * criteria; a submission compares each with the version in force), else by answerKey.
 */
function sameAnswer(a: ReportEntry | undefined, b: ReportEntry | undefined): boolean {
  if (a?.detail === undefined && b?.detail === undefined) return (a?.value ?? null) === (b?.value ?? null);
  return answerKey(a) === answerKey(b);
}

/** An answer compared whatever its keys' order: the value, the level, the items, the indicator results. */
function answerKey(entry: ReportEntry | undefined): string {
  const answer = answerOf(entry);
  if (!answer) return 'null';
  const detail = answer.detail;
  return JSON.stringify([
    answer.value,
    detail?.level ?? null,
    detail?.items ?? null,
    Object.entries(detail?.indicators ?? {}).sort(([a], [b]) => a.localeCompare(b)),
  ]);
}
