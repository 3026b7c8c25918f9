import { HOME_REFRESH_KIND } from '../delivery/message';
import { isQuiet, quietOf } from '../domain/reminders';
import type { AppDeps } from '../services/deps';
import { undeliveredOf } from '../services/home';
import { buildDeliveryDigest } from '../views/nudges';
import type { Job } from './job';

export const DIGEST_KIND = 'delivery-digest';
/** Meta key: the highest outbox id a digest has reported (every skipped entry up to it was). */
export const DIGEST_REPORTED_THROUGH = 'delivery_digest_reported_through';
/** Not reported: a digest that could not be delivered (it would only loop), a Home that could not be redrawn (no message was lost). */
export const NOT_REPORTED = [DIGEST_KIND, HOME_REFRESH_KIND];
/** A fan-out still in flight holds the digest back, so that it reports the whole fan-out once; but not longer than this. */
const SETTLE_LIMIT_MS = 60 * 60_000;

/**
 * Messages that could not be delivered (outbox entries `skipped`: a user who left, a channel the
 * bot is not in) are reported to the admins in ONE DM digest per pass, each entry once:
 * - the digest covers the skipped entries above the meta mark DIGEST_REPORTED_THROUGH, and moves
 *   the mark to the last of them in the same transaction as it is queued;
 * - its key, `delivery-digest:<last outbox id covered>:<admin>`, is unique per batch, so two
 *   processes computing the same batch queue it once;
 * - it waits while other entries are still pending or being sent (up to an hour), so a fan-out
 *   still going is reported in one digest once it has settled; and never in quiet hours;
 * - a digest that could not be delivered itself is not reported (it would only loop).
 */
export const deliveryDigestJob: Job = { name: 'delivery digest', run: queueDeliveryDigest };

/** Queues the digest when there is something to report; returns how many DMs it queued. */
export function queueDeliveryDigest(deps: AppDeps, now: Date): number {
  const { store, wire } = deps;
  const organisation = store.organisation.get();
  const admins = store.organisation.adminIds();
  if (!organisation || admins.length === 0) return 0;
  if (isQuiet(now, { zone: organisation.timeZone, quiet: quietOf(organisation) })) return 0;
  const through = () => Number(store.organisation.getMeta(DIGEST_REPORTED_THROUGH) ?? 0);
  if (store.outbox.skippedAfter(through(), NOT_REPORTED).length === 0) return 0;
  return store.transaction((tx) => {
    const skipped = tx.outbox.skippedAfter(Number(tx.organisation.getMeta(DIGEST_REPORTED_THROUGH) ?? 0), NOT_REPORTED);
    if (skipped.length === 0) return 0;
    const busy = tx.outbox.countsByStatus();
    if (busy.pending + busy.sending > 0 && wire.nowMs() - skipped[0]!.createdAt.getTime() < SETTLE_LIMIT_MS) return 0;
    const undelivered = skipped.map(undeliveredOf);
    const digest = buildDeliveryDigest({ locale: organisation.locale, zone: organisation.timeZone, undelivered });
    const last = skipped.at(-1)!.id;
    tx.organisation.setMeta(DIGEST_REPORTED_THROUGH, String(last));
    if (!digest) return 0;
    let queued = 0;
    for (const admin of admins) {
      if (deps.delivery.queue(tx, { key: `${DIGEST_KIND}:${last}:${admin}`, kind: DIGEST_KIND, message: { user: admin, ...digest } }))
        queued += 1;
    }
    return queued;
  });
}
