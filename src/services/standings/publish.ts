import type { Store } from '../../../db/store';
import type { SnapshotKind, SnapshotRow } from '../../../db/store/snapshots';
import type { Locale } from '../../i18n/messages';
import { chartFileName } from '../../standings/files';
import { parseStandingsRecord, type StandingChange, type StandingsRecord, standingChanges } from '../../standings/record';
import { periodLabel, standingsText } from '../../standings/standings-text';
import { escapeMrkdwn } from '../../views/blocks';
import { buildStandingsPost, standingsViewText } from '../../views/standings';
import type { AppDeps } from '../deps';

/**
 * Publishing standings in a block's channel: a frozen snapshot, the post and its chart (in the
 * post's thread), all queued in the caller's transaction. The automatic summary is keyed by block
 * and period (`standings-summary:<block>:<period>`), so whatever the passes and processes it is
 * queued once; its message is queued before the snapshot is written, and a key that exists already
 * writes nothing at all. A lead's post and a correction are keyed by their snapshot.
 */
export interface PublishOptions {
  kind: SnapshotKind;
  at: Date;
  /** The lead or admin who posts; none for the automatic summary. */
  by?: string;
  zone: string;
  locale: Locale;
}

/** The latest published standings of the block and period, read back, with their row. */
export function latestPublished(
  store: Store,
  blockId: number,
  periodId: number,
): { row: SnapshotRow; record: StandingsRecord } | undefined {
  const row = store.snapshots.latest(blockId, periodId);
  const record = row ? parseStandingsRecord(row.data) : undefined;
  return row && record ? { row, record } : undefined;
}

export const summaryKey = (blockId: number, periodId: number) => `standings-summary:${blockId}:${periodId}`;

/**
 * Queues the post of `record` in the block's channel with its chart, and stores the snapshot; in
 * `tx`, then call deps.delivery.kick(). Undefined when the summary was queued before (nothing written).
 */
export function publishStandings(
  deps: AppDeps,
  tx: Store,
  record: StandingsRecord,
  channel: string,
  options: PublishOptions,
): { snapshot: SnapshotRow; changes: StandingChange[] } | undefined {
  const previous = latestPublished(tx, record.block.id, record.period.id);
  const changes = previous ? standingChanges(previous.record, record) : [];
  const post = buildStandingsPost(
    {
      record,
      kind: options.kind,
      at: options.at,
      zone: options.zone,
      ...(options.by ? { by: options.by } : {}),
      ...(previous && options.kind === 'correction' ? { replaces: { at: previous.row.createdAt, changes } } : {}),
    },
    options.locale,
  );
  const summary = options.kind === 'summary';
  const fixedKey = summaryKey(record.block.id, record.period.id);
  if (summary && !deps.delivery.queue(tx, { key: fixedKey, kind: 'standings_summary', message: { channel, ...post } })) return undefined;
  const snapshot = tx.snapshots.add({
    blockId: record.block.id,
    periodId: record.period.id,
    kind: options.kind,
    data: record,
    createdBy: options.by ?? null,
    createdAt: options.at,
  });
  const messageKey = summary ? fixedKey : `standings-${options.kind}:${snapshot.id}`;
  if (!summary) deps.delivery.queue(tx, { key: messageKey, kind: `standings_${options.kind}`, message: { channel, ...post } });
  const text = standingsViewText[options.locale];
  deps.delivery.queue(tx, {
    key: summary ? `standings-chart:${record.block.id}:${record.period.id}` : `standings-${options.kind}-chart:${snapshot.id}`,
    kind: 'standings_chart',
    message: {
      channel,
      text: escapeMrkdwn(text.chartCaption(periodLabel(record.period, options.locale), record.block.name)),
      threadOfKey: messageKey,
      upload: {
        filename: chartFileName(record),
        title: standingsText[options.locale].title(periodLabel(record.period, options.locale), record.block.name),
        source: { kind: 'standings_chart', snapshotId: snapshot.id },
      },
    },
  });
  return { snapshot, changes };
}
