import type { KnownBlock } from '@slack/types';
import { type WebClient, WebAPIPlatformError, WebAPIRateLimitedError } from '@slack/web-api';
import type { Logger } from '@slack/bolt';
import type { OutboxRow } from '../../db/store/outbox';
import type { Store } from '../../db/store';
import type { WireTimer } from '../clock';

/** A message the bot posts on its own: to a channel, or to a user's DM. */
export interface OutgoingMessage {
  /** A channel id (C…/G…); or */
  channel?: string;
  /** a user id (U…/W…): the message goes to the DM with the bot. */
  user?: string;
  text: string;
  blocks?: KnownBlock[];
  /** Post as a reply in the thread of another outbox message, named by its key. */
  threadOfKey?: string;
}

export interface QueuedMessage {
  /** Unique forever: (kind, subject, recipient, slot). The same key is never posted twice. */
  key: string;
  kind: string;
  message: OutgoingMessage;
}

/** Slack errors that no retry will fix: recorded as `skipped` and reported to admins. */
export const UNREACHABLE_ERRORS = new Set([
  'user_not_found',
  'account_inactive',
  'user_disabled',
  'cannot_dm_bot',
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_users',
]);

/** Metadata event type that marks our posts, so a recovery can find what a crashed worker sent. */
export const OUTBOX_EVENT_TYPE = 'thidua_outbox';

const MAX_ATTEMPTS = 5;

export interface DeliveryOptions {
  store: Store;
  /** A client that throws on 429 instead of retrying (rejectRateLimitedCalls), so pacing is ours. */
  client: WebClient;
  wire: WireTimer;
  logger: Logger;
  /** Identifies this process's claims, e.g. `pid@host#random`. */
  workerId: string;
  leaseMs: number;
  /** Minimum spacing between two posts to one conversation (Slack allows about one per second). */
  conversationIntervalMs?: number;
  /** Conversations worked on at once. */
  maxLanes?: number;
}

/**
 * Delivers the outbox: every entry is claimed (a conditional UPDATE) before it is posted and marked
 * sent with its ts after. Conversations are worked on in parallel lanes, each paced and each
 * paused on its own by a 429's Retry-After, so a busy channel never holds up the others and never
 * blocks slash commands (all of this runs between awaits on the event loop).
 *
 * Recovery rule (also in src/delivery/README.md): a claim whose lease ran out without being marked
 * sent may or may not have been posted. Before posting it again, the worker reads the
 * conversation's history since the entry was created and looks for a message whose metadata
 * carries the entry's key; found → the entry is marked sent with that ts; not found → it is
 * posted. So a crash between claim and post loses nothing and duplicates nothing.
 */
export class Delivery {
  private readonly lastPostAt = new Map<string, number>();
  private readonly pausedUntil = new Map<string, number>();
  private running: Promise<void> | undefined;
  private pumpAgain = false;
  private timer: NodeJS.Timeout | undefined;
  private wakeTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: DeliveryOptions) {}

  /** Adds a message to the outbox in the caller's transaction; false when the key exists already. */
  queue(store: Store, entry: QueuedMessage): boolean {
    return store.outbox.enqueue({ dedupeKey: entry.key, kind: entry.kind, payload: entry.message }, this.options.wire.nowMs());
  }

  /** Starts working soon (after the caller's transaction committed). */
  kick(): void {
    if (this.stopped) return;
    void this.pump();
  }

  /** Works continuously: a pass every `intervalMs`, plus a wake-up when a paused entry is due. */
  start(intervalMs: number): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.kick();
  }

  /** Stops taking new work and waits for the posts in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    await this.running;
  }

  /**
   * Resolves once nothing is left to post: every entry sent, skipped or failed. While another
   * worker holds claims it polls briefly rather than sleeping to the end of their leases.
   */
  async drain(): Promise<void> {
    for (;;) {
      await this.pump();
      const wake = this.options.store.outbox.nextWakeMs();
      if (wake === undefined) return;
      await this.options.wire.sleep(Math.min(250, Math.max(10, wake - this.options.wire.nowMs())));
    }
  }

  private pump(): Promise<void> {
    if (this.running) {
      this.pumpAgain = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.pumpAgain = false;
        await this.runLanes();
      } while (this.pumpAgain && !this.stopped);
    })()
      .catch((error: unknown) => this.options.logger.error('delivery pass failed', error))
      .finally(() => {
        this.running = undefined;
        this.scheduleWake();
      });
    return this.running;
  }

  private scheduleWake(): void {
    if (this.stopped || !this.timer) return;
    const wake = this.options.store.outbox.nextWakeMs();
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    if (wake !== undefined) this.wakeTimer = setTimeout(() => this.kick(), Math.max(10, wake - this.options.wire.nowMs()));
  }

  private async runLanes(): Promise<void> {
    const { store, wire, maxLanes = 8 } = this.options;
    const lanes = new Map<string, OutboxRow[]>();
    for (const row of store.outbox.ready(wire.nowMs(), 2000)) {
      const lane = laneOf(row);
      if ((this.pausedUntil.get(lane) ?? 0) > wire.nowMs()) continue;
      lanes.set(lane, [...(lanes.get(lane) ?? []), row]);
    }
    const queue = [...lanes.entries()];
    const worker = async () => {
      for (let next = queue.shift(); next && !this.stopped; next = queue.shift()) await this.runLane(next[0], next[1]);
    };
    await Promise.all(Array.from({ length: Math.min(maxLanes, queue.length) }, worker));
  }

  private async runLane(lane: string, rows: OutboxRow[]): Promise<void> {
    // Parents before thread replies, so a reply finds its parent's ts instead of waiting for it.
    const ordered = [...rows].sort((left, right) => Number(Boolean((left.payload as OutgoingMessage).threadOfKey)) - Number(Boolean((right.payload as OutgoingMessage).threadOfKey)));
    for (const row of ordered) {
      if (this.stopped) return;
      const outcome = await this.deliver(lane, row);
      if (outcome === 'paused') return;
    }
  }

  private async deliver(lane: string, row: OutboxRow): Promise<'done' | 'paused'> {
    const { store, client, wire, workerId, leaseMs, logger } = this.options;
    const claimed = store.outbox.claim(row.id, workerId, wire.nowMs(), wire.nowMs() + leaseMs);
    if (!claimed) return 'done';
    const message = row.payload as OutgoingMessage;
    try {
      let channel = claimed.channelId ?? message.channel;
      if (claimed.status === 'sending' && channel) {
        const ts = await this.findPosted(channel, row);
        if (ts) {
          logger.info(`outbox ${row.dedupeKey}: found in ${channel} after an interrupted claim; not posting again`);
          store.outbox.markSent(row.id, workerId, channel, ts, wire.nowMs());
          return 'done';
        }
      }
      if (!channel) {
        const opened = await client.conversations.open({ users: message.user! });
        channel = opened.channel!.id!;
        store.outbox.setChannel(row.id, workerId, channel);
      }
      let threadTs: string | undefined;
      if (message.threadOfKey) {
        threadTs = store.outbox.byKey(message.threadOfKey)?.ts ?? undefined;
        if (!threadTs) {
          // The parent is not posted yet: come back shortly rather than post out of its thread.
          store.outbox.release(row.id, workerId, wire.nowMs() + 1000, 'waiting for the thread parent');
          return 'done';
        }
      }
      await this.pace(lane);
      const posted = await this.posting(lane, () => client.chat.postMessage({
        channel,
        text: message.text,
        ...(message.blocks ? { blocks: message.blocks } : {}),
        ...(threadTs ? { thread_ts: threadTs } : {}),
        metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { key: row.dedupeKey } },
        unfurl_links: false,
        unfurl_media: false,
      }));
      store.outbox.markSent(row.id, workerId, channel, posted.ts!, wire.nowMs());
      return 'done';
    } catch (error) {
      return this.handleFailure(lane, row, claimed.attempts + 1, error);
    }
  }

  private handleFailure(lane: string, row: OutboxRow, attempts: number, error: unknown): 'done' | 'paused' {
    const { store, wire, workerId, logger } = this.options;
    if (error instanceof WebAPIRateLimitedError) {
      const until = wire.nowMs() + Math.max(1, error.retryAfter) * 1000;
      this.pausedUntil.set(lane, until);
      store.outbox.release(row.id, workerId, until, `rate limited, retry after ${error.retryAfter}s`);
      return 'paused';
    }
    const code = error instanceof WebAPIPlatformError ? String(error.data.error) : error instanceof Error ? error.message : String(error);
    if (UNREACHABLE_ERRORS.has(code)) {
      logger.warn(`outbox ${row.dedupeKey}: recipient unreachable (${code}); skipped`);
      store.outbox.finish(row.id, workerId, 'skipped', code);
      return 'done';
    }
    if (attempts >= MAX_ATTEMPTS) {
      logger.error(`outbox ${row.dedupeKey}: giving up after ${attempts} attempts (${code})`);
      store.outbox.finish(row.id, workerId, 'failed', code);
      return 'done';
    }
    logger.warn(`outbox ${row.dedupeKey}: attempt ${attempts} failed (${code}); will retry`);
    store.outbox.release(row.id, workerId, wire.nowMs() + 1000 * 2 ** attempts, code);
    return 'done';
  }

  /** Waits until the conversation may take another message. */
  private async pace(lane: string): Promise<void> {
    const { wire, conversationIntervalMs = 1000 } = this.options;
    const last = this.lastPostAt.get(lane);
    if (last === undefined) return;
    const wait = last + conversationIntervalMs - wire.nowMs();
    if (wait > 0) await wire.sleep(wait);
  }

  /**
   * Runs one post and notes when Slack answered it. Pacing counts from the answer, not from the
   * request, because Slack counts arrivals: two requests sent a second apart can arrive closer.
   */
  private async posting<T>(lane: string, post: () => Promise<T>): Promise<T> {
    try {
      return await post();
    } finally {
      this.lastPostAt.set(lane, this.options.wire.nowMs());
    }
  }

  /** The ts of our message carrying `row`'s key in `channel`, if a crashed worker posted it. */
  private async findPosted(channel: string, row: OutboxRow): Promise<string | undefined> {
    const oldest = String(Math.floor(row.createdAt.getTime() / 1000) - 60);
    let cursor: string | undefined;
    do {
      const page = await this.options.client.conversations.history({ channel, oldest, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) });
      const hit = page.messages?.find((message) => {
        const metadata = message.metadata as { event_type?: string; event_payload?: { key?: string } } | undefined;
        return metadata?.event_type === OUTBOX_EVENT_TYPE && metadata.event_payload?.key === row.dedupeKey;
      });
      if (hit?.ts) return hit.ts;
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return undefined;
  }
}

function laneOf(row: OutboxRow): string {
  const message = row.payload as OutgoingMessage;
  return row.channelId ?? message.channel ?? `user:${message.user}`;
}
