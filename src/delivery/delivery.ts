import type { Logger } from '@slack/bolt';
import type { HomeView } from '@slack/types';
import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError, type WebClient } from '@slack/web-api';
import type { Store } from '../../db/store';
import type { OutboxRow, ReadyEntry } from '../../db/store/outbox';
import type { WireTimer } from '../clock';
import { laneOf, type OutgoingMessage, type QueuedMessage } from './message';
import { findUploaded, type UploadRenderers, uploadFile } from './uploads';

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

/**
 * Slack's own answers for a failure on its side, worth trying again later (and maybe partly done:
 * "It's possible some aspect of the operation succeeded").
 */
const SLACK_SIDE_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited_by_proxy']);

/**
 * Whether `error` says Slack could not be reached or could not answer: no answer within the
 * timeout, no connection, an HTTP error, or Slack's own "try later". The message is not at fault:
 * such failures never count towards giving up on it.
 */
export function isSlackUnreachable(error: unknown): boolean {
  if (error instanceof WebAPIRequestError || error instanceof WebAPIHTTPError) return true;
  return error instanceof WebAPIPlatformError && SLACK_SIDE_ERRORS.has(String(error.data.error));
}

/**
 * Tries in a row that went unanswered, with no answer from Slack between them, after which Slack
 * is taken to be away: said once in the log, and a pass (tick) wraps up. Each message keeps its
 * own back-off, so a conversation Slack does not answer never holds up the others.
 */
const UNREACHABLE_IN_A_ROW = 5;
/** The longest a message waits between two tries when Slack is away. */
const LONGEST_BACKOFF_MS = 5 * 60_000;

/** Metadata event type that marks our posts, so a recovery can find what a crashed worker sent. */
export const OUTBOX_EVENT_TYPE = 'thidua_outbox';

const MAX_ATTEMPTS = 5;
/**
 * Rows a kick reads from the outbox at once, and the level under which the scheduler reads more;
 * a whole read lets the event loop run after each BATCH rows it read.
 */
const BATCH = 2000;
const LOW_WATER = 500;
/**
 * Entries one lane holds in memory at most. A paced lane posts one a second, so more would only sit
 * there: a backlog to one person (hundreds of DMs a second) stays in the outbox, not in memory.
 */
export const LANE_CAP = 64;

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
  /** Web API requests in flight at once, over all conversations (default 16). */
  maxInFlight?: number;
  /** Builders of the files that messages with `upload` carry, by source kind. */
  uploads?: UploadRenderers;
  /** Draws a person's App Home for entries with `home` (undefined: nothing to draw any more). */
  homes?: HomeRenderer;
}

/** A person's App Home as it is now, for views.publish. */
export type HomeRenderer = (userId: string) => HomeView | undefined | Promise<HomeView | undefined>;

/** What this process's delivery did since it was created (for `npx thidua tick` and the benchmark). */
export interface DeliveryStats {
  /** Posted, or found posted by a crashed worker (`recovered` counts those too). */
  sent: number;
  recovered: number;
  skipped: number;
  failed: number;
  /** 429 answers received. */
  rateLimited: number;
  /** Tries that found Slack unreachable (no answer in time, no connection, an HTTP or server error); those messages stay queued. */
  slackUnreachable: number;
}

export interface DrainOptions {
  /**
   * One pass, as `npx thidua tick` runs it: a message that fails for a reason that may pass is left
   * queued for the next pass instead of being tried again now; once Slack is found unreachable
   * nothing more is started; and nothing is started after `deadlineMs` (wire time). The drain
   * then ends when the posts in flight end, each within the Web API timeout.
   */
  pass?: { deadlineMs: number };
}

/** An entry this process queued, once its transaction committed; a held one (`entry` undefined) is only accounted for. */
interface Committed {
  id: number;
  entry: ReadyEntry | undefined;
}

/** One conversation's work: its entries in posting order, and whether a post to it is in flight. */
interface Lane {
  name: string;
  rows: ReadyEntry[];
  /** How many of `rows` are thread replies: none, and a parent goes last without looking for the first. */
  replies: number;
  busy: boolean;
}

const isThreadReply = (row: ReadyEntry) => Boolean(row.threadOfKey);

/**
 * Delivers the outbox: every entry is claimed (a conditional UPDATE) before it is posted and marked
 * sent with its ts after. Entries are grouped in lanes, one per conversation; a small scheduler
 * starts the next post of the lane that may post now and has the most left to post, with at most
 * `maxInFlight` requests out at once. A lane waiting for its pacing or for a 429's Retry-After holds nothing, so
 * a thousand DMs go out in parallel while one busy channel takes one message a second. All of this
 * runs between awaits on the event loop, so slash commands are never held up.
 *
 * Recovery rule (also in src/delivery/README.md): a claim whose lease ran out without being marked
 * sent may or may not have been posted. Before posting it again, the worker reads the
 * conversation's history since the entry was created and looks for a message whose metadata
 * carries the entry's key; found → the entry is marked sent with that ts; not found → it is
 * posted. So a crash between claim and post loses nothing and duplicates nothing.
 */
export class Delivery {
  private readonly lanes = new Map<string, Lane>();
  /**
   * Wire time before which nothing is posted to a conversation (pacing, or a 429's Retry-After).
   * Kept apart from the lanes, which come and go with their entries, so pacing outlives them.
   */
  private readonly readyAt = new Map<string, number>();
  /** Ids held in a lane or in flight, so a re-read of the outbox does not take them twice. */
  private readonly held = new Set<number>();
  /**
   * Lanes with ready entries left in the outbox because the lane was full (LANE_CAP). A kick's
   * read adds nothing to them (it would put a newer entry before the older ones left behind): only
   * a full read, oldest first, does, and one that saw every ready entry clears the mark. Kept by
   * name, apart from the lanes, so it outlives a lane that drained.
   */
  private readonly overflowed = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  /** Every lane waits until then: a 429 from a method whose limit is not per conversation. */
  private globalReadyAt = 0;
  /** The DM conversation of each user this process has posted to (where a recovery would look). */
  private readonly dmChannels = new Map<string, string>();
  private running: Promise<void> | undefined;
  private refillWanted = false;
  /**
   * Reading the outbox: a kick takes what this process queued since the last read, as each
   * transaction committed (`committed`), and reads nothing; when that cannot account for every id
   * since the highest one seen (another process queued, a key was queued twice) it reads only the
   * entries added since (a range of the primary key). Either way the cost does not grow with the
   * outbox or a backlog. The whole ready set is read at the first pass, on every tick of start()'s
   * interval (entries another process put back, or whose claim ran out), when an entry this process
   * put back comes due, and when a lane that left entries in the outbox (`overflowed`) drains to
   * half: lane by lane, each lane's first entries by the (status, lane) index.
   */
  private lastSeenId = 0;
  /** What this process queued, in the order the transactions committed (so ids ascending), since the last read. */
  private readonly committed: Committed[] = [];
  /** Something was queued that `committed` does not account for: the next kick reads the outbox. */
  private unaccounted = false;
  private fullReadWanted = true;
  /** The last read filled its batch: more may be waiting. */
  private moreToRead = false;
  /** When entries this process put back (retry later, waiting for a thread parent) come due. */
  private readonly putBackUntil: number[] = [];
  private wake: (() => void) | undefined;
  /** A wake-up for the kicks of this turn of the event loop is queued. */
  private wakeQueued = false;
  private timer: NodeJS.Timeout | undefined;
  private wakeTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Set by a drain in pass mode (DrainOptions.pass): what that pass leaves alone. */
  private pass: { deadlineMs: number } | undefined;
  /** Entries that failed during a pass for a reason that may pass: the pass does not wait for their retry. */
  private readonly deferred = new Set<number>();
  /** Tries in a row that found Slack unreachable; past UNREACHABLE_IN_A_ROW Slack is taken to be away. */
  private unreachableInARow = 0;
  /** Why Slack was last found unreachable, in a few words. */
  lastSlackFailure: string | undefined;
  readonly stats: DeliveryStats = { sent: 0, recovered: 0, skipped: 0, failed: 0, rateLimited: 0, slackUnreachable: 0 };

  constructor(private readonly options: DeliveryOptions) {}

  /**
   * Adds a message to the outbox in the caller's transaction; false when the key exists already.
   * Once the transaction commits, the next kick takes the entry into its lane without reading it
   * back; if it rolls back, nothing of it is kept.
   */
  queue(store: Store, entry: QueuedMessage): boolean {
    const lane = laneOf(entry.message);
    const id = store.outbox.enqueue({ dedupeKey: entry.key, kind: entry.kind, payload: entry.message, lane }, this.options.wire.nowMs());
    this.account(
      store,
      id,
      id === undefined ? undefined : { id, dedupeKey: entry.key, lane, threadOfKey: entry.message.threadOfKey ?? null },
    );
    return id !== undefined;
  }

  /**
   * Adds a message to the outbox in the caller's transaction, held until `releaseAt` (organisation
   * time; a scheduler pass releases it, folding held messages of one `foldKey` into one post).
   */
  hold(store: Store, entry: QueuedMessage, releaseAt: Date, foldKey: string | null): boolean {
    const id = store.outbox.hold(
      { dedupeKey: entry.key, kind: entry.kind, payload: entry.message, lane: laneOf(entry.message) },
      releaseAt.getTime(),
      foldKey,
      this.options.wire.nowMs(),
    );
    this.account(store, id, undefined);
    return id !== undefined;
  }

  /**
   * Accounts for an id this process's queue took (`entry`: to be taken into its lane), once its
   * transaction commits. A key queued twice may have used up an id without a row (SQLite's
   * AUTOINCREMENT), and a transaction the store did not begin cannot be followed: the next kick
   * reads the outbox instead. So does one after a long run of queues nobody took (a bounded list).
   */
  private account(store: Store, id: number | undefined, entry: ReadyEntry | undefined): void {
    if (id === undefined || this.unaccounted) {
      this.unaccounted = true;
      return;
    }
    const committed = store.afterCommit(() => {
      if (this.committed.length >= BATCH) {
        this.committed.length = 0;
        this.unaccounted = true;
      }
      if (!this.unaccounted) this.committed.push({ id, entry });
    });
    if (!committed) this.unaccounted = true;
  }

  /**
   * What this process queued since the last read, when that accounts for every id since the
   * highest one seen (an id below was seen by a read); undefined when the outbox must be read:
   * also when it queued nothing new (a kick for what someone else queued).
   */
  private takeCommitted(): ReadyEntry[] | undefined {
    const committed = this.committed.splice(0);
    const unaccounted = this.unaccounted;
    this.unaccounted = false;
    if (unaccounted || this.moreToRead) return undefined;
    const entries: ReadyEntry[] = [];
    let next = this.lastSeenId + 1;
    for (const { id, entry } of committed) {
      if (id < next) continue;
      // An id this process did not queue (another process's entry) lies between: read.
      if (id !== next) return undefined;
      next += 1;
      if (entry) entries.push(entry);
    }
    if (next === this.lastSeenId + 1) return undefined;
    this.lastSeenId = next - 1;
    return entries;
  }

  /** Starts working soon (after the caller's transaction committed). */
  kick(): void {
    if (this.stopped) return;
    void this.pump();
  }

  /** Works continuously: a full read every `intervalMs`, plus a wake-up when an entry it put back is due. */
  start(intervalMs: number): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kickAll(), intervalMs);
    this.kickAll();
  }

  /**
   * Starts working soon with a whole read: for entries that became ready without a new id, which a
   * kick does not look for (held channel lines a scheduler pass released).
   */
  kickAll(): void {
    this.fullReadWanted = true;
    this.kick();
  }

  /** Stops taking new work and waits for the posts in flight; entries not yet claimed stay pending. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wake?.();
    await this.running;
  }

  /**
   * Resolves once nothing is left to post: every entry sent, skipped or failed. While another
   * worker holds claims it polls briefly rather than sleeping to the end of their leases. In pass
   * mode (`options.pass`) it resolves sooner, leaving queued what this pass could not send.
   */
  async drain(options: DrainOptions = {}): Promise<void> {
    this.pass = options.pass;
    try {
      for (;;) {
        this.fullReadWanted = true;
        await this.pump();
        if (this.stopped || this.halted()) return;
        const wake = this.options.store.outbox.nextWakeMs(this.pass ? [...this.deferred] : []);
        if (wake === undefined) return;
        await this.options.wire.sleep(Math.min(250, Math.max(10, wake - this.options.wire.nowMs())));
      }
    } finally {
      this.pass = undefined;
    }
  }

  /** Whether Slack is taken to be away: the last tries all went unanswered. */
  get slackAway(): boolean {
    return this.unreachableInARow >= UNREACHABLE_IN_A_ROW;
  }

  /** A pass that starts nothing more: Slack was found away, or the pass's time is up. */
  private halted(): boolean {
    return this.pass !== undefined && (this.slackAway || this.options.wire.nowMs() >= this.pass.deadlineMs);
  }

  private pump(): Promise<void> {
    this.refillWanted = true;
    if (this.running) {
      // Kicks in one turn of the event loop (the submissions handled in it, each after its commit)
      // wake the worker once, after all of them: one read of the outbox for what they queued.
      if (!this.wakeQueued) {
        this.wakeQueued = true;
        setImmediate(() => {
          this.wakeQueued = false;
          this.wake?.();
        });
      }
      return this.running;
    }
    this.running = this.run()
      .catch((error: unknown) => this.options.logger.error('delivery pass failed', error))
      .finally(() => {
        this.running = undefined;
        this.scheduleWake();
      });
    return this.running;
  }

  /** A full read when the earliest entry this process put back comes due (no query: it knows when). */
  private scheduleWake(): void {
    if (this.stopped || !this.timer) return;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    if (this.putBackUntil.length === 0) return;
    const wake = Math.min(...this.putBackUntil);
    this.wakeTimer = setTimeout(() => this.kickAll(), Math.max(10, wake - this.options.wire.nowMs()));
  }

  /** Remembers that an entry was put back in the outbox until `until`, to read it again then. */
  private putBack(until: number): void {
    this.putBackUntil.push(until);
  }

  /**
   * The scheduler: reads ready entries into lanes, starts posts for lanes whose time has come while
   * fewer than `maxInFlight` are out, and otherwise waits for a post to end, a kick, or the next
   * lane's time. Ends when no lane holds anything and nothing is in flight.
   */
  private async run(): Promise<void> {
    const { wire, maxInFlight = 16 } = this.options;
    let lastRefill = Number.NEGATIVE_INFINITY;
    for (;;) {
      const now = wire.nowMs();
      const halted = this.stopped || this.halted();
      if (!halted && (this.refillWanted || (this.moreToRead && this.held.size < LOW_WATER && now - lastRefill >= 250))) {
        this.refillWanted = false;
        lastRefill = now;
        await this.refill(now);
      }
      let nextAt = Number.POSITIVE_INFINITY;
      while (!halted && this.inFlight.size < maxInFlight) {
        // Of the lanes allowed to post now, the one with the most left to post goes first: the
        // longest lanes decide when the whole delivery ends, at one message a second each.
        let best: Lane | undefined;
        nextAt = Number.POSITIVE_INFINITY;
        for (const lane of this.lanes.values()) {
          if (lane.busy) continue;
          if (lane.rows.length === 0) {
            this.lanes.delete(lane.name);
            continue;
          }
          const readyAt = Math.max(this.readyAt.get(lane.name) ?? 0, this.globalReadyAt);
          if (readyAt > now) nextAt = Math.min(nextAt, readyAt);
          else if (!best || lane.rows.length > best.rows.length) best = lane;
        }
        if (!best) break;
        const next = best.rows.shift()!;
        if (isThreadReply(next)) best.replies -= 1;
        // A lane with entries left in the outbox reads them when half drained (and again when empty,
        // if that read was taken up by other lanes), so it never runs dry while they wait.
        if (this.overflowed.has(best.name) && (best.rows.length === LANE_CAP / 2 || best.rows.length === 0)) {
          this.fullReadWanted = true;
          this.refillWanted = true;
        }
        this.launch(best, next);
      }
      if (this.inFlight.size === 0 && (halted || this.lanes.size === 0)) {
        // A kick while that read ran is not lost: its entries are read next.
        if (halted || (!(await this.refill(wire.nowMs())) && !this.refillWanted)) return;
        continue;
      }
      // A kick during the read (between its pages) wanted another; it had no wait to end.
      if (!halted && this.refillWanted) continue;
      // Halted, only the posts in flight are awaited (each ends the wait); a pass also wakes at its deadline.
      const wakeAt = halted ? Number.POSITIVE_INFINITY : Math.min(nextAt, this.pass?.deadlineMs ?? Number.POSITIVE_INFINITY);
      await this.waitForChange(wakeAt - wire.nowMs());
    }
  }

  /**
   * Adds ready entries not held yet to their lanes, at most LANE_CAP a lane: a kick's (what was
   * queued since the last read, at most BATCH read) or the whole ready set's; true when any was added.
   */
  private async refill(now: number): Promise<boolean> {
    for (const [name, until] of this.readyAt) if (until <= now) this.readyAt.delete(name);
    if (!this.fullReadWanted) {
      const queued = this.takeCommitted();
      if (queued) return this.takeIntoLanes(queued, true) > 0;
      const rows = this.options.store.outbox.readyAfter(this.lastSeenId, now, BATCH);
      this.moreToRead = rows.length === BATCH;
      if (rows.length > 0) this.lastSeenId = rows[rows.length - 1]!.id;
      return this.takeIntoLanes(rows, true) > 0;
    }
    this.fullReadWanted = false;
    for (let index = this.putBackUntil.length - 1; index >= 0; index--)
      if (this.putBackUntil[index]! <= now) this.putBackUntil.splice(index, 1);
    // Lane by lane: each lane's first LANE_CAP + 1 ready entries, which hold every entry the lane has
    // room for (at most LANE_CAP minus those it holds) and tell whether more are left behind. So the
    // read costs as many steps as lanes, whatever their backlogs (30,000 DMs to one paced person
    // were read in full every 5 s before). Every entry up to the highest id when it began is looked
    // at, so a kick after it reads only what comes after; not what a lane's read found beyond it
    // (queued meanwhile), since a new lane's entry queued then is not looked at.
    const { outbox } = this.options.store;
    const lastId = outbox.lastId();
    const lanes = outbox.lanes();
    const stillFull = new Set<string>();
    let added = 0;
    let page: ReadyEntry[] = [];
    for (const [index, lane] of lanes.entries()) {
      page.push(...outbox.readyInLane(lane, now, LANE_CAP + 1));
      if (page.length < BATCH && index < lanes.length - 1) continue;
      // Oldest first across the lanes of a page, as a kick's read takes them.
      page.sort((left, right) => left.id - right.id);
      added += this.takeIntoLanes(page, false, stillFull);
      page = [];
      // Between two pages (lanes of a fan-out), the requests waiting on the event loop go first.
      if (index < lanes.length - 1) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.lastSeenId = Math.max(this.lastSeenId, lastId);
    this.moreToRead = false;
    // Every ready entry was seen: a lane that took all of its own has nothing left behind.
    for (const name of this.overflowed) if (!stillFull.has(name)) this.overflowed.delete(name);
    return added > 0;
  }

  /**
   * Puts `rows` (in id order) in their lanes; a row whose lane is full is left in the outbox and the
   * lane marked. A kick's read (`newOnly`) adds nothing to a marked lane. Returns how many were
   * added; `stillFull` collects the lanes that left rows behind.
   */
  private takeIntoLanes(rows: ReadyEntry[], newOnly: boolean, stillFull = new Set<string>()): number {
    let added = 0;
    for (const row of rows) {
      if (this.held.has(row.id)) continue;
      const name = row.lane;
      const lane = this.lanes.get(name) ?? { name, rows: [], replies: 0, busy: false };
      if ((newOnly && this.overflowed.has(name)) || lane.rows.length >= LANE_CAP) {
        this.overflowed.add(name);
        stillFull.add(name);
        continue;
      }
      this.held.add(row.id);
      this.lanes.set(name, lane);
      // Parents before thread replies, so a reply finds its parent's ts instead of waiting for it.
      const isReply = isThreadReply(row);
      const at = isReply || lane.replies === 0 ? -1 : lane.rows.findIndex(isThreadReply);
      lane.rows.splice(at === -1 ? lane.rows.length : at, 0, row);
      if (isReply) lane.replies += 1;
      added += 1;
    }
    return added;
  }

  /** Entries held in memory (in lanes or in flight): bounded by the lanes, not by the backlog. */
  heldCount(): number {
    return this.held.size;
  }

  private launch(lane: Lane, row: ReadyEntry): void {
    lane.busy = true;
    const post: Promise<void> = this.deliver(lane, row)
      .then((outcome) => {
        if (outcome === 'retry') {
          lane.rows.unshift(row);
          if (isThreadReply(row)) lane.replies += 1;
        } else this.held.delete(row.id);
      })
      .catch((error: unknown) => {
        this.held.delete(row.id);
        this.options.logger.error(`outbox ${row.dedupeKey}: delivery failed`, error);
      })
      .finally(() => {
        lane.busy = false;
        if (lane.rows.length === 0 && this.lanes.get(lane.name) === lane) this.lanes.delete(lane.name);
        this.inFlight.delete(post);
        this.wake?.();
      });
    this.inFlight.add(post);
  }

  /** Sleeps until something changes (a post ends, a kick, stop) or `ms` passed. */
  private waitForChange(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = Number.isFinite(ms) ? setTimeout(done, Math.max(0, ms)) : undefined;
      function done() {
        if (timer) clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }

  /**
   * Claims and posts one entry. 'retry': rate limited, the entry stays in its lane (released in the
   * database, so a crash leaves it pending); 'done': sent, skipped, failed, or handed back to the
   * outbox to be read again when its not_before comes.
   */
  private async deliver(lane: Lane, row: ReadyEntry): Promise<'done' | 'retry'> {
    const { store, client, wire, workerId, leaseMs, logger } = this.options;
    const claimed = store.outbox.claim(row.id, workerId, wire.nowMs(), wire.nowMs() + leaseMs);
    if (!claimed) return 'done';
    const message = claimed.payload as OutgoingMessage;
    if (message.home) return this.publishHome(lane, claimed);
    let posting = false;
    try {
      // A DM goes to the user id (Slack opens the conversation and answers with its id): no
      // conversations.open, which Slack allows only about 50 times a minute, on the way out.
      let channel = claimed.channelId ?? message.channel ?? (message.user ? this.dmChannels.get(message.user) : undefined);
      if (claimed.status === 'sending') {
        // Recovering an interrupted claim: look in the conversation before posting again. Only here
        // may a DM's conversation have to be opened, to read its history.
        channel ??= (await client.conversations.open({ users: message.user! })).channel!.id!;
        const ts = message.upload ? await findUploaded(client, store, channel, claimed) : await this.findPosted(channel, claimed);
        if (ts) {
          logger.info(`outbox ${row.dedupeKey}: found in ${channel} after an interrupted claim; not posting again`);
          store.outbox.markSent(row.id, workerId, channel, ts, wire.nowMs());
          this.stats.sent += 1;
          this.stats.recovered += 1;
          this.slackAnswered();
          return 'done';
        }
      }
      let threadTs: string | undefined;
      if (message.threadOfKey) {
        const parent = store.outbox.byKey(message.threadOfKey);
        threadTs = parent?.ts ?? undefined;
        if (!threadTs) {
          if (!parent || ['skipped', 'failed', 'superseded'].includes(parent.status)) {
            // The parent will never be posted: its reply has no thread to go in.
            logger.warn(`outbox ${row.dedupeKey}: its thread parent was not posted (${parent?.status ?? 'missing'}); skipped`);
            store.outbox.finish(row.id, workerId, 'skipped', 'thread parent not posted');
            this.stats.skipped += 1;
            return 'done';
          }
          // The parent is not posted yet: come back shortly rather than post out of its thread
          // (in the next pass, when this pass left the parent for then).
          store.outbox.release(row.id, workerId, wire.nowMs() + 1000, 'waiting for the thread parent');
          this.putBack(wire.nowMs() + 1000);
          if (this.deferred.has(parent.id)) this.deferred.add(row.id);
          return 'done';
        }
      }
      posting = true;
      try {
        const posted = message.upload
          ? await uploadFile(client, this.options.uploads ?? {}, channel, threadTs, { ...message, upload: message.upload })
          : await client.chat.postMessage({
              channel: channel ?? message.user!,
              text: message.text,
              ...(message.blocks ? { blocks: message.blocks } : {}),
              ...(threadTs ? { thread_ts: threadTs } : {}),
              metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { key: row.dedupeKey } },
              unfurl_links: false,
              unfurl_media: false,
            });
        const conversation = posted.channel ?? channel ?? message.user!;
        if (message.user) this.dmChannels.set(message.user, conversation);
        store.outbox.markSent(row.id, workerId, conversation, posted.ts ?? null, wire.nowMs());
        this.stats.sent += 1;
        this.slackAnswered();
      } finally {
        // Pacing counts from Slack's answer, not from the request: Slack counts arrivals, and two
        // requests sent a second apart can arrive closer.
        this.holdLane(lane.name, wire.nowMs() + (this.options.conversationIntervalMs ?? 1000));
      }
      return 'done';
    } catch (error) {
      // Whether Slack may have the post: a recovery that did not finish, or a post whose request went
      // out and got no definite answer (a 429 or a platform error is a definite "not posted").
      const definite = error instanceof WebAPIRateLimitedError || error instanceof WebAPIPlatformError;
      const uncertain = claimed.status === 'sending' || (posting && !definite);
      // files.* limits are per workspace, like every method but chat.postMessage.
      return this.handleFailure(posting && !message.upload ? lane : undefined, row, claimed.attempts + 1, error, uncertain);
    }
  }

  /**
   * Draws a person's App Home again (views.publish). Publishing is idempotent — the latest view
   * wins — so an interrupted claim is simply published again; failures are handled as a post's.
   */
  private async publishHome(lane: Lane, row: OutboxRow): Promise<'done' | 'retry'> {
    const { store, client, wire, workerId, homes } = this.options;
    const userId = (row.payload as OutgoingMessage).user!;
    const attempts = row.attempts;
    try {
      const view = await homes?.(userId);
      if (view) await client.views.publish({ user_id: userId, view });
      store.outbox.markSent(row.id, workerId, userId, null, wire.nowMs());
      this.stats.sent += 1;
      this.slackAnswered();
      return 'done';
    } catch (error) {
      return this.handleFailure(undefined, row, attempts + 1, error, false);
    } finally {
      this.holdLane(lane.name, wire.nowMs() + (this.options.conversationIntervalMs ?? 1000));
    }
  }

  /** `lane` when chat.postMessage failed; undefined when another call did. */
  private handleFailure(
    lane: Lane | undefined,
    row: Pick<OutboxRow, 'id' | 'dedupeKey'>,
    attempts: number,
    error: unknown,
    uncertain: boolean,
  ): 'done' | 'retry' {
    const { store, wire, workerId, logger } = this.options;
    // Tries again from `until`; an uncertain attempt comes back through the recovery path.
    const retryFrom = (until: number, reason: string) => {
      if (uncertain) store.outbox.postponeUncertain(row.id, workerId, until, reason);
      else store.outbox.release(row.id, workerId, until, reason);
      this.putBack(until);
    };
    if (isSlackUnreachable(error)) {
      // Slack, not the message, is at fault: it waits (longer each time, never given up) and a
      // pass leaves it for the next one. One line in the log says Slack is away, not one a message.
      this.stats.slackUnreachable += 1;
      const reason = describeFailure(error);
      this.lastSlackFailure = reason;
      if (this.pass) this.deferred.add(row.id);
      retryFrom(wire.nowMs() + Math.min(LONGEST_BACKOFF_MS, 1000 * 2 ** Math.min(attempts, 20)), reason);
      logger.debug(`outbox ${row.dedupeKey}: Slack unreachable (${reason}); left queued`);
      this.slackUnanswered(reason);
      return 'done';
    }
    if (error instanceof WebAPIRateLimitedError) {
      this.slackAnswered();
      this.stats.rateLimited += 1;
      const until = wire.nowMs() + Math.max(1, error.retryAfter) * 1000;
      // chat.postMessage is limited per conversation: only this lane waits. Any other method's
      // limit (conversations.open, .history) is per workspace: every lane waits.
      if (lane) this.holdLane(lane.name, until);
      else this.globalReadyAt = Math.max(this.globalReadyAt, until);
      retryFrom(until, `rate limited, retry after ${error.retryAfter}s`);
      return 'retry';
    }
    this.slackAnswered();
    const code = error instanceof WebAPIPlatformError ? String(error.data.error) : error instanceof Error ? error.message : String(error);
    if (UNREACHABLE_ERRORS.has(code)) {
      logger.warn(`outbox ${row.dedupeKey}: recipient unreachable (${code}); skipped`);
      store.outbox.finish(row.id, workerId, 'skipped', code);
      this.stats.skipped += 1;
      return 'done';
    }
    if (attempts >= MAX_ATTEMPTS) {
      logger.error(`outbox ${row.dedupeKey}: giving up after ${attempts} attempts (${code})`);
      store.outbox.finish(row.id, workerId, 'failed', code);
      this.stats.failed += 1;
      return 'done';
    }
    logger.warn(`outbox ${row.dedupeKey}: attempt ${attempts} failed (${code}); will retry${uncertain ? ', looking in Slack first' : ''}`);
    if (this.pass) this.deferred.add(row.id);
    retryFrom(wire.nowMs() + 1000 * 2 ** attempts, code);
    return 'done';
  }

  /** Slack answered (whatever it said): it is there. */
  private slackAnswered(): void {
    if (this.slackAway) this.options.logger.info('Slack answers again; queued messages are being sent');
    this.unreachableInARow = 0;
  }

  /** A try found Slack unreachable; the one that makes it look away is said in the log. */
  private slackUnanswered(reason: string): void {
    this.unreachableInARow += 1;
    if (this.unreachableInARow !== UNREACHABLE_IN_A_ROW) return;
    const waiting = this.options.store.outbox.countsByStatus();
    this.options.logger.warn(
      `Slack is unreachable (${reason}): ${waiting.pending + waiting.sending} messages stay queued and are tried again, each with its own back-off`,
    );
  }

  private holdLane(name: string, until: number): void {
    this.readyAt.set(name, Math.max(this.readyAt.get(name) ?? 0, until));
  }

  /** The ts of our message carrying `row`'s key in `channel`, if a crashed worker posted it. */
  private async findPosted(channel: string, row: OutboxRow): Promise<string | undefined> {
    const oldest = String(Math.floor(row.createdAt.getTime() / 1000) - 60);
    let cursor: string | undefined;
    do {
      const page = await this.options.client.conversations.history({
        channel,
        oldest,
        include_all_metadata: true,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
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

/** A failure in a few words: the error Slack gave, or what stopped the request. */
function describeFailure(error: unknown): string {
  if (error instanceof WebAPIPlatformError) return String(error.data.error);
  if (error instanceof WebAPIHTTPError) return `HTTP ${error.statusCode}`;
  if (error instanceof WebAPIRequestError) {
    const cause = error.original as Error & { cause?: { code?: string } };
    return cause.name === 'TimeoutError' ? 'no answer in time' : (cause.cause?.code ?? cause.message);
  }
  return error instanceof Error ? error.message : String(error);
}
