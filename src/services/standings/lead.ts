import type { Store } from '../../../db/store';
import type { SnapshotKind } from '../../../db/store/snapshots';
import type { UnitRow } from '../../../db/store/structure';
import type { EvidenceFile } from '../../domain/evidence';
import { exportFileName, exportTitle } from '../../standings/files';
import { standingsFor } from '../../standings/load';
import { type StandingChange, type StandingsRecord, standingChanges, standingsRecord } from '../../standings/record';
import { escapeMrkdwn } from '../../views/blocks';
import { type Caller, leadsBlock, type Permission } from '../caller';
import type { AppDeps } from '../deps';
import { latestPublished, publishStandings, summaryKey } from './publish';

/**
 * A block's standings for a period as `xephang` shows them, and what its lead (or an admin) does
 * with them: post them to the block's channel (a frozen snapshot with its chart; a correction once
 * they changed since the last post) and get the score table as XLSX in their DM.
 */
export interface StandingsView {
  record: StandingsRecord;
  canPublish: boolean;
  published?: { kind: SnapshotKind; at: Date; changes: StandingChange[] };
  /** The automatic summary: not posted yet (the lead may hold it), held by the lead, or posted. */
  summary: 'due' | 'held' | 'posted';
}

/** The standings as of `now`, with what was last published; undefined when the block or period is gone. */
export function standingsView(store: Store, caller: Caller, blockId: number, periodId: number, now: Date): StandingsView | undefined {
  const loaded = standingsFor(store, blockId, periodId);
  if (!loaded) return undefined;
  const record = standingsRecord(loaded, now);
  const latest = latestPublished(store, blockId, periodId);
  return {
    record,
    canPublish: leadsBlock(store, caller, blockId, loaded.period.year).allowed,
    summary: summaryState(store, blockId, periodId),
    ...(latest
      ? {
          published: {
            kind: latest.row.kind,
            at: latest.row.createdAt,
            ...(latest.row.createdBy ? { by: latest.row.createdBy } : {}),
            changes: standingChanges(latest.record, record),
          },
        }
      : {}),
  };
}

function summaryState(store: Store, blockId: number, periodId: number): StandingsView['summary'] {
  if (store.outbox.byKey(summaryKey(blockId, periodId))) return 'posted';
  return store.summaryHolds.isHeld(blockId, periodId) ? 'held' : 'due';
}

/**
 * “Giữ bản tổng hợp”: the lead holds the block's automatic summary of the period (it is not posted
 * until the lead posts it from `xephang`). `posted` when it went out already.
 */
export function holdSummary(
  deps: AppDeps,
  caller: Caller,
  actingAsAdmin: boolean,
  subject: { blockId: number; periodId: number },
): 'held' | 'already_held' | 'posted' {
  const at = deps.clock.now();
  return deps.store.transaction((tx) => {
    if (tx.outbox.byKey(summaryKey(subject.blockId, subject.periodId))) return 'posted';
    if (!tx.summaryHolds.hold(subject.blockId, subject.periodId, caller.userId, at)) return 'already_held';
    tx.audit.record({
      at,
      actorUserId: caller.userId,
      actingAsAdmin,
      action: 'standings.summary_held',
      entityType: 'block',
      entityId: subject.blockId,
      details: subject,
    });
    return 'held';
  });
}

/** The standings as of `now` with unit `unitId`'s lines (Chi tiết), or which is gone. */
export function unitBreakdown(
  store: Store,
  subject: { blockId: number; periodId: number; unitId: number },
  now: Date,
): { ok: true; record: StandingsRecord; evidence: Evidence } | { ok: false; gone: 'period' | 'unit' } {
  const loaded = standingsFor(store, subject.blockId, subject.periodId);
  if (!loaded) return { ok: false, gone: 'period' };
  if (!loaded.members.some((member) => member.id === subject.unitId)) return { ok: false, gone: 'unit' };
  // The evidence of the report in force, beside its lines.
  const inForce = store.reports.forUnits(subject.periodId, [subject.unitId]).get(subject.unitId)?.inForce;
  return {
    ok: true,
    record: standingsRecord(loaded, now),
    evidence: { url: inForce?.evidenceUrl ?? null, files: inForce?.evidenceFiles ?? [] },
  };
}

/** A report's evidence: its link and its files. */
export interface Evidence {
  url: string | null;
  files: readonly EvidenceFile[];
}

/** Whether `caller` leads the block in the period's year; when not, who does (for telling them). */
export function leadPermission(
  store: Store,
  caller: Caller,
  subject: { blockId: number; periodId: number },
):
  | { ok: true; permission: Extract<Permission, { allowed: true }> }
  | { ok: false; gone: true }
  | { ok: false; gone: false; lead?: UnitRow } {
  const year = store.structure.periodById(subject.periodId)?.year;
  if (year === undefined) return { ok: false, gone: true };
  const permission = leadsBlock(store, caller, subject.blockId, year);
  if (permission.allowed) return { ok: true, permission };
  const lead = store.structure.blockYear(year, subject.blockId)?.lead;
  return { ok: false, gone: false, ...(lead ? { lead } : {}) };
}

export type PublishOutcome =
  | { kind: 'gone' }
  | { kind: 'nothing_reported' }
  | { kind: 'unchanged'; publishedAt: Date }
  | { kind: 'posted'; correction: boolean; record: StandingsRecord; channel: string; changedUnits: number };

/**
 * “Đăng lên kênh”: posts the standings as they are now, or a correction when they changed since
 * the last post. Read, compare and write in one (immediate) transaction, so two presses at once,
 * in any process, post once.
 */
export function publishByLead(
  deps: AppDeps,
  caller: Caller,
  actingAsAdmin: boolean,
  subject: { blockId: number; periodId: number },
): PublishOutcome {
  const organisation = deps.store.organisation.get()!;
  const at = deps.clock.now();
  const outcome = deps.store.transaction((tx): PublishOutcome => {
    const loaded = standingsFor(tx, subject.blockId, subject.periodId);
    if (!loaded) return { kind: 'gone' };
    const record = standingsRecord(loaded, at);
    if (!record.rows.some((row) => row.reported)) return { kind: 'nothing_reported' };
    const previous = latestPublished(tx, subject.blockId, subject.periodId);
    // A summary the lead held goes out as the period's summary when the lead posts it.
    const releasing = tx.summaryHolds.release(subject.blockId, subject.periodId);
    if (!releasing && previous && standingChanges(previous.record, record).length === 0)
      return { kind: 'unchanged', publishedAt: previous.row.createdAt };
    const kind = releasing ? 'summary' : previous ? 'correction' : 'manual';
    const published = publishStandings(deps, tx, record, loaded.block.channelId, {
      kind,
      at,
      by: caller.userId,
      zone: organisation.timeZone,
      locale: organisation.locale,
    });
    if (!published) return { kind: 'gone' };
    tx.audit.record({
      at,
      actorUserId: caller.userId,
      actingAsAdmin,
      action: kind === 'correction' ? 'standings.corrected' : kind === 'summary' ? 'standings.summary_released' : 'standings.published',
      entityType: 'standings_snapshot',
      entityId: published.snapshot.id,
      details: { ...subject, changedUnits: published.changes.map((change) => change.unitName) },
    });
    return {
      kind: 'posted',
      correction: kind === 'correction',
      record,
      channel: loaded.block.channelId,
      changedUnits: published.changes.length,
    };
  });
  if (outcome.kind === 'posted') deps.delivery.kick();
  return outcome;
}

/**
 * “Xuất Excel”: queues the score table as XLSX to the presser's DM, built when it is sent. One
 * file per press (`pressId`, the trigger id, tells presses apart). Undefined when the block or
 * period is gone; else the file's name.
 */
export function exportForLead(
  deps: AppDeps,
  caller: Caller,
  subject: { blockId: number; periodId: number },
  pressId: string,
): string | undefined {
  const organisation = deps.store.organisation.get()!;
  const block = deps.store.structure.blockById(subject.blockId);
  const period = deps.store.structure.periodById(subject.periodId);
  if (!block || !period) return undefined;
  const filename = exportFileName({ block, period }, 'xlsx');
  const title = exportTitle({ block, period }, organisation.locale);
  deps.delivery.queue(deps.store, {
    key: `standings-xlsx:${block.id}:${period.id}:${caller.userId}:${pressId}`,
    kind: 'standings_xlsx',
    message: {
      user: caller.userId,
      text: escapeMrkdwn(title),
      upload: { filename, title, source: { kind: 'standings_xlsx', blockId: block.id, periodId: period.id } },
    },
  });
  deps.delivery.kick();
  return filename;
}
