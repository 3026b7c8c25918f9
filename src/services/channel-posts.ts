import type { Store } from '../../db/store';
import type { OutgoingMessage } from '../delivery/message';
import { afterQuietHours, isQuiet, quietOf } from '../domain/reminders';
import type { AppDeps } from './deps';

/**
 * Lines a block's channel is told about a unit (a pledge signed, a report submitted, a covenant)
 * never go out in quiet hours, nor before `notBefore` (a report is announced once its period has
 * ended): such a line is held in the outbox and a scheduler pass releases it at the end of the
 * quiet hours, the lines of one channel waiting together folded into one post.
 */
export function queueChannelLine(
  deps: AppDeps,
  tx: Store,
  line: { key: string; kind: string; message: OutgoingMessage & { channel: string }; notBefore?: Date; fold?: boolean },
  now: Date,
): boolean {
  const organisation = tx.organisation.get();
  const policy = organisation ? { zone: organisation.timeZone, quiet: quietOf(organisation) } : undefined;
  const earliest = line.notBefore && line.notBefore.getTime() > now.getTime() ? line.notBefore : now;
  const releaseAt = policy ? afterQuietHours(earliest, policy) : earliest;
  const entry = { key: line.key, kind: line.kind, message: line.message };
  if (releaseAt.getTime() <= now.getTime()) return deps.delivery.queue(tx, entry);
  return deps.delivery.hold(tx, entry, releaseAt, line.fold === false ? null : `channel-lines:${line.message.channel}`);
}

/**
 * The held channel lines whose time has come (never in quiet hours): each fold key's lines become
 * one post, their texts one under the other; returns how many posts it queued.
 */
export function releaseHeldLines(deps: AppDeps, now: Date): number {
  const { store } = deps;
  const organisation = store.organisation.get();
  if (!organisation || isQuiet(now, { zone: organisation.timeZone, quiet: quietOf(organisation) })) return 0;
  if (store.outbox.heldDue(now.getTime()).length === 0) return 0;
  const posts = store.transaction((tx) => {
    const groups = new Map<string, typeof due>();
    const due = tx.outbox.heldDue(now.getTime());
    for (const row of due) {
      const group = row.foldKey ?? `entry:${row.id}`;
      groups.set(group, [...(groups.get(group) ?? []), row]);
    }
    for (const [, rows] of groups) {
      const [first, ...rest] = rows as [(typeof due)[number], ...typeof due];
      const message = first.payload as OutgoingMessage;
      const payload = rest.length
        ? { channel: message.channel, text: rows.map((row) => (row.payload as OutgoingMessage).text).join('\n') }
        : message;
      tx.outbox.releaseHeld(
        first.id,
        payload,
        rest.map((row) => row.id),
        deps.wire.nowMs(),
      );
    }
    return groups.size;
  });
  // Released rows keep their ids, which a kick's read of what is new would pass over.
  if (posts > 0) deps.delivery.kickAll();
  return posts;
}
