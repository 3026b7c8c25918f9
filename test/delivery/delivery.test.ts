import { WebAPIRateLimitedError, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { createStore, type Store } from '../../db/store';
import { realWireTimer, type WireTimer } from '../../src/clock';
import { Delivery, LANE_CAP, OUTBOX_EVENT_TYPE } from '../../src/delivery/delivery';
import { LocalSlack, type LocalSlackOptions } from '../../src/local-slack/server';
import { silentLogger } from '../../src/logger';

describe('the outbox delivery', () => {
  let slack: LocalSlack;
  let store: Store;

  const start = async (options: LocalSlackOptions = {}) => {
    slack = new LocalSlack(options);
    await slack.start();
    store = createStore(openDatabase(':memory:').db);
  };
  const webClient = () =>
    new WebClient('xoxb-test', {
      slackApiUrl: slack.apiUrl,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
      logger: silentLogger,
    });
  const delivery = (
    workerId = 'worker-a',
    conversationIntervalMs = 0,
    extra: { client?: WebClient; maxInFlight?: number; drawsHomes?: boolean; wire?: WireTimer } = {},
  ) =>
    new Delivery({
      store,
      client: extra.client ?? webClient(),
      wire: extra.wire ?? realWireTimer,
      logger: silentLogger,
      workerId,
      leaseMs: 60_000,
      conversationIntervalMs,
      ...(extra.maxInFlight !== undefined ? { maxInFlight: extra.maxInFlight } : {}),
      ...(extra.drawsHomes ? { homes: () => ({ type: 'home' as const, blocks: [] }) } : {}),
    });
  const users = (count: number) => Array.from({ length: count }, (_, index) => `U0DM${String(index).padStart(4, '0')}`);

  /** A client that counts the requests in flight, and can answer the first conversations.open with a 429. */
  const observedClient = (options: { rateLimitFirstOpen?: boolean } = {}) => {
    const client = webClient();
    const watch = { inFlight: 0, peak: 0, openedAt: [] as number[] };
    const around =
      <A, R>(call: (args: A) => Promise<R>) =>
      async (args: A): Promise<R> => {
        watch.inFlight += 1;
        watch.peak = Math.max(watch.peak, watch.inFlight);
        try {
          return await call(args);
        } finally {
          watch.inFlight -= 1;
        }
      };
    const post = client.chat.postMessage.bind(client.chat);
    const open = client.conversations.open.bind(client.conversations);
    client.chat.postMessage = around(post) as typeof client.chat.postMessage;
    client.conversations.open = around(async (args: Parameters<typeof open>[0]) => {
      watch.openedAt.push(Date.now());
      if (options.rateLimitFirstOpen && watch.openedAt.length === 1) throw new WebAPIRateLimitedError(1);
      return open(args);
    }) as typeof client.conversations.open;
    return { client, watch };
  };

  beforeEach(async () => {
    await start();
  });
  afterEach(async () => {
    await slack.stop();
  });

  it('posts each key once, with the key in the message metadata', async () => {
    const worker = delivery();
    expect(worker.queue(store, { key: 'line:1', kind: 'test', message: { channel: 'C0NOICHINH', text: 'Công an tỉnh đã ký' } })).toBe(true);
    expect(worker.queue(store, { key: 'line:1', kind: 'test', message: { channel: 'C0NOICHINH', text: 'again' } })).toBe(false);
    await worker.drain();
    await worker.drain();
    const messages = slack.messagesIn('C0NOICHINH');
    expect(messages.map((message) => message.text)).toEqual(['Công an tỉnh đã ký']);
    expect(messages[0]!.metadata).toEqual({ event_type: OUTBOX_EVENT_TYPE, event_payload: { key: 'line:1' } });
    expect(store.outbox.byKey('line:1')).toMatchObject({ status: 'sent', ts: messages[0]!.ts, channelId: 'C0NOICHINH' });
  });

  it('opens the DM conversation for a user and remembers it', async () => {
    const worker = delivery();
    worker.queue(store, { key: 'dm:1', kind: 'test', message: { user: 'U0TP0001', text: 'Nhắc nộp báo cáo' } });
    await worker.drain();
    expect(slack.dmsTo('U0TP0001').map((message) => message.text)).toEqual(['Nhắc nộp báo cáo']);
    expect(store.outbox.byKey('dm:1')?.channelId).toBe('DU0TP0001');
  });

  it('waits out a 429 with its Retry-After and loses nothing', async () => {
    await slack.stop();
    await start({ perChannelIntervalMs: 1000 });
    const worker = delivery('worker-a', 0); // no pacing of our own: every burst meets Slack's limit
    for (let index = 1; index <= 3; index++)
      worker.queue(store, { key: `burst:${index}`, kind: 'test', message: { channel: 'C0VHXH', text: `tin ${index}` } });
    const started = Date.now();
    await worker.drain();
    expect(slack.messagesIn('C0VHXH').map((message) => message.text)).toEqual(['tin 1', 'tin 2', 'tin 3']);
    expect(slack.rateLimited).toBeGreaterThan(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(store.outbox.countsByStatus()).toMatchObject({ sent: 3, pending: 0, sending: 0 });
  });

  it('paces one conversation to about one message a second without meeting a 429', async () => {
    await slack.stop();
    await start({ perChannelIntervalMs: 1000 });
    const worker = delivery('worker-a', 1000);
    for (let index = 1; index <= 3; index++)
      worker.queue(store, { key: `paced:${index}`, kind: 'test', message: { channel: 'C0VHXH', text: `tin ${index}` } });
    await worker.drain();
    expect(slack.messagesIn('C0VHXH')).toHaveLength(3);
    expect(slack.rateLimited).toBe(0);
  });

  it('records a recipient who left as skipped and goes on with the rest', async () => {
    slack.addUser({ id: 'U0GONE01', name: 'gone', realName: 'Đã nghỉ', status: 'deactivated' });
    slack.channelsWithoutBot.add('C0NOTJOINED');
    const worker = delivery();
    worker.queue(store, { key: 'dm:gone', kind: 'test', message: { user: 'U0GONE01', text: 'x' } });
    worker.queue(store, { key: 'channel:closed', kind: 'test', message: { channel: 'C0NOTJOINED', text: 'x' } });
    worker.queue(store, { key: 'dm:here', kind: 'test', message: { user: 'U0TP0001', text: 'y' } });
    await worker.drain();
    expect(store.outbox.byKey('dm:gone')).toMatchObject({ status: 'skipped', error: 'account_inactive' });
    expect(store.outbox.byKey('channel:closed')).toMatchObject({ status: 'skipped', error: 'not_in_channel' });
    expect(store.outbox.byKey('dm:here')?.status).toBe('sent');
  });

  it('recovers claims of a crashed worker: finds what it posted, posts what it did not', async () => {
    const dead = delivery('worker-dead');
    dead.queue(store, { key: 'crash:posted', kind: 'test', message: { channel: 'C0NOICHINH', text: 'đã gửi trước khi sập' } });
    dead.queue(store, { key: 'crash:unposted', kind: 'test', message: { channel: 'C0NOICHINH', text: 'chưa gửi' } });
    // The dead worker claimed both with a lease that has run out; it posted the first, then died.
    const now = Date.now();
    for (const key of ['crash:posted', 'crash:unposted'])
      expect(store.outbox.claim(store.outbox.byKey(key)!.id, 'worker-dead', now, now - 1)).toBeDefined();
    const client = new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger });
    const posted = await client.chat.postMessage({
      channel: 'C0NOICHINH',
      text: 'đã gửi trước khi sập',
      metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { key: 'crash:posted' } },
    });

    await delivery('worker-b').drain();
    expect(slack.messagesIn('C0NOICHINH').map((message) => message.text)).toEqual(['đã gửi trước khi sập', 'chưa gửi']);
    expect(store.outbox.byKey('crash:posted')).toMatchObject({ status: 'sent', ts: posted.ts });
    expect(store.outbox.byKey('crash:unposted')?.status).toBe('sent');
  });

  it('lets two workers share one outbox without posting anything twice', async () => {
    const first = delivery('worker-a');
    const second = delivery('worker-b');
    for (let index = 0; index < 30; index++)
      first.queue(store, { key: `shared:${index}`, kind: 'test', message: { channel: `C0BLOCK${index % 5}`, text: `tin ${index}` } });
    await Promise.all([first.drain(), second.drain()]);
    const posted = [...slack.conversations.values()].flat().map((message) => message.text);
    expect(posted).toHaveLength(30);
    expect(new Set(posted).size).toBe(30);
  });

  it('posts a thread reply only after its parent, in the parent thread', async () => {
    const worker = delivery();
    worker.queue(store, { key: 'child', kind: 'test', message: { channel: 'C0NOICHINH', text: 'biểu đồ', threadOfKey: 'parent' } });
    worker.queue(store, { key: 'parent', kind: 'test', message: { channel: 'C0NOICHINH', text: 'tổng hợp' } });
    await worker.drain();
    const [parent, child] = slack.messagesIn('C0NOICHINH');
    expect(parent!.text).toBe('tổng hợp');
    expect(child).toMatchObject({ text: 'biểu đồ', thread_ts: parent!.ts });
    // The parent was put ahead of its reply in their lane: the reply was claimed once, never sent back to wait.
    expect(store.outbox.byKey('child')).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('paces each conversation without holding up the others: 200 DMs of two messages each go out in parallel', async () => {
    await slack.stop();
    await start({ perChannelIntervalMs: 1000 });
    const worker = delivery('worker-a', 1000);
    for (const user of users(200)) {
      for (const round of [1, 2])
        worker.queue(store, { key: `fan:${user}:${round}`, kind: 'test', message: { user, text: `tin ${round}` } });
    }
    const started = Date.now();
    await worker.drain();
    const elapsed = Date.now() - started;
    expect(store.outbox.countsByStatus()).toMatchObject({ sent: 400, pending: 0, sending: 0 });
    for (const user of users(200)) expect(slack.dmsTo(user).map((message) => message.text)).toEqual(['tin 1', 'tin 2']);
    // The second message of each conversation waits one second (about 1–2 s in all here, more on a
    // loaded machine); a lane that held a worker slot while it waited (8 slots: 200 / 8 × 1 s) would
    // take over 25 s.
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(elapsed).toBeLessThan(12_000);
    expect(slack.rateLimited).toBe(0);
    // A DM goes to the user id: Slack opens the conversation, no conversations.open on the way out.
    expect(slack.callsTo('conversations.open')).toHaveLength(0);
    expect(store.outbox.byKey(`fan:${users(1)[0]}:1`)?.channelId).toBe(`D${users(1)[0]}`);
  });

  it('keeps at most maxInFlight requests out at once', async () => {
    const { client, watch } = observedClient();
    const worker = delivery('worker-a', 0, { client, maxInFlight: 4 });
    for (const user of users(40)) worker.queue(store, { key: `limited:${user}`, kind: 'test', message: { user, text: 'x' } });
    await worker.drain();
    expect(store.outbox.countsByStatus().sent).toBe(40);
    expect(watch.peak).toBeLessThanOrEqual(4);
    expect(watch.peak).toBeGreaterThan(1);
  });

  it('holds every conversation after a 429 from a workspace-wide method, and still loses nothing', async () => {
    const { client, watch } = observedClient({ rateLimitFirstOpen: true });
    const worker = delivery('worker-a', 0, { client, maxInFlight: 1 });
    // A DM claimed by a worker that died before learning its conversation: recovering it opens the
    // DM to read its history, and that workspace-wide call is answered with a 429.
    worker.queue(store, { key: 'open:first', kind: 'test', message: { user: 'U0TP0001', text: 'một' } });
    store.outbox.claim(store.outbox.byKey('open:first')!.id, 'worker-dead', Date.now(), Date.now() - 1);
    worker.queue(store, { key: 'channel:after', kind: 'test', message: { channel: 'C0NOICHINH', text: 'hai' } });
    const started = Date.now();
    await worker.drain();
    expect(slack.dmsTo('U0TP0001').map((message) => message.text)).toEqual(['một']);
    const channelCall = slack.callsTo('chat.postMessage').find((call) => call.args.channel === 'C0NOICHINH')!;
    expect(channelCall.at - started).toBeGreaterThanOrEqual(950);
    expect(watch.openedAt).toHaveLength(2);
  });

  it('looks in Slack before retrying a post whose answer never came (the post may have landed)', async () => {
    const client = webClient();
    const post = client.chat.postMessage.bind(client.chat);
    let calls = 0;
    // The first post reaches Slack, but its answer is lost on the way back.
    client.chat.postMessage = (async (args: Parameters<typeof post>[0]) => {
      calls += 1;
      const answer = await post(args);
      if (calls === 1) throw new Error('socket hang up');
      return answer;
    }) as typeof client.chat.postMessage;
    const worker = delivery('worker-a', 0, { client });
    worker.queue(store, { key: 'lost:answer', kind: 'test', message: { channel: 'C0NOICHINH', text: 'một lần thôi' } });
    await worker.drain();
    expect(slack.messagesIn('C0NOICHINH').map((message) => message.text)).toEqual(['một lần thôi']);
    expect(slack.callsTo('conversations.history').length).toBeGreaterThan(0);
    expect(store.outbox.byKey('lost:answer')?.status).toBe('sent');
  });

  it('recovers a DM whose conversation the crashed worker never learnt: opens it to look, finds it, posts nothing more', async () => {
    const worker = delivery('worker-dead');
    worker.queue(store, { key: 'dm:crash', kind: 'test', message: { user: 'U0TP0001', text: 'đã gửi trước khi sập' } });
    store.outbox.claim(store.outbox.byKey('dm:crash')!.id, 'worker-dead', Date.now(), Date.now() - 1);
    const posted = await webClient().chat.postMessage({
      channel: 'U0TP0001',
      text: 'đã gửi trước khi sập',
      metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { key: 'dm:crash' } },
    });
    await delivery('worker-b').drain();
    expect(slack.dmsTo('U0TP0001')).toHaveLength(1);
    expect(slack.callsTo('conversations.open')).toHaveLength(1);
    expect(store.outbox.byKey('dm:crash')).toMatchObject({ status: 'sent', ts: posted.ts, channelId: 'DU0TP0001' });
  });

  /**
   * A worker started over a channel's backlog of `backlog` messages, paced one a minute: once the
   * first is posted the others wait in their lane and keep the worker running. With the statements
   * the store ran, and counts of its whole reads of the outbox and its reads of what was added since.
   */
  async function runningOverBacklog(backlog: number) {
    const statements: string[] = [];
    const handle = openDatabase(':memory:', { trace: (statement) => statements.push(statement) });
    store = createStore(handle.db);
    const worker = delivery('worker-a', 60_000);
    for (let index = 1; index <= backlog; index++)
      worker.queue(store, { key: `backlog:${index}`, kind: 'test', message: { channel: 'C0VHXH', text: `tin ${index}` } });
    worker.start(3_600_000);
    await slack.waitFor(() => slack.messagesIn('C0VHXH').length === 1);
    const reads = (pattern: RegExp) => statements.filter((statement) => !/^explain/.test(statement) && pattern.test(statement)).length;
    return {
      handle,
      statements,
      worker,
      wholeReads: () => reads(/with recursive lanes/),
      newReads: () => reads(/from "outbox" .*(?<!\+)"outbox"\."id" > /s),
    };
  }

  it('takes what it queued into its lane when kicked, reading nothing; reads what was added since only when it cannot account for it', async () => {
    // After the first post, the channel's 199 others wait in their lane.
    const { handle, statements, worker, wholeReads, newReads } = await runningOverBacklog(200);
    expect(wholeReads()).toBe(1);

    // As a submission does: queued in its transaction, kicked after the commit.
    for (const user of users(20)) {
      store.transaction((tx) => worker.queue(tx, { key: `dm:${user}`, kind: 'test', message: { user, text: 'xin chào' } }));
      worker.kick();
      await slack.waitFor(() => slack.dmsTo(user).length === 1);
    }
    expect(wholeReads()).toBe(1);
    expect(newReads()).toBe(0);

    // Another worker's entry (another process): this one cannot account for the id, so the kick reads…
    delivery('worker-b').queue(store, { key: 'dm:other', kind: 'test', message: { user: 'U0OTHER1', text: 'của tiến trình khác' } });
    worker.kick();
    await slack.waitFor(() => slack.dmsTo('U0OTHER1').length === 1);
    expect(newReads()).toBe(1);
    // …only what was added since, by a range of the primary key, not by the (status, lane) index,
    // which would read the 199 pending rows of the backlog.
    const kickRead = statements.findLast((statement) => /from "outbox" .*(?<!\+)"outbox"\."id" > /s.test(statement))!;
    const plan = handle.sqlite.prepare(`explain query plan ${kickRead}`).all() as { detail: string }[];
    expect(plan.map((step) => step.detail)).toEqual([expect.stringMatching(/^SEARCH outbox USING INTEGER PRIMARY KEY \(rowid>\?\)$/)]);
    // A key queued again may use up an id (AUTOINCREMENT) with no row: the next kick reads too.
    expect(worker.queue(store, { key: 'dm:other', kind: 'test', message: { user: 'U0OTHER1', text: 'lần nữa' } })).toBe(false);
    worker.queue(store, { key: 'dm:after', kind: 'test', message: { user: 'U0OTHER2', text: 'sau đó' } });
    worker.kick();
    await slack.waitFor(() => slack.dmsTo('U0OTHER2').length === 1);
    expect(newReads()).toBe(2);
    expect(wholeReads()).toBe(1);
    await worker.stop();
    expect(store.outbox.countsByStatus()).toMatchObject({ sent: 23, pending: 199 });
  });

  it('posts nothing of a transaction that rolled back after queueing, and the next entry keeps its own key and lane', async () => {
    const { worker, newReads } = await runningOverBacklog(2);
    expect(() =>
      store.transaction((tx) => {
        worker.queue(tx, { key: 'dm:rolled-back', kind: 'test', message: { user: 'U0GONE01', text: 'không gửi' } });
        throw new Error('the handler failed after queueing');
      }),
    ).toThrow('the handler failed');
    worker.kick();
    // A savepoint that rolls back inside a transaction that commits: the same.
    store.transaction((tx) => {
      expect(() =>
        tx.transaction((inner) => {
          worker.queue(inner, { key: 'dm:savepoint', kind: 'test', message: { user: 'U0GONE02', text: 'không gửi' } });
          throw new Error('the savepoint failed');
        }),
      ).toThrow('the savepoint failed');
      // SQLite gives the rolled-back entries' id again: to this one.
      worker.queue(tx, { key: 'dm:kept', kind: 'test', message: { user: 'U0TP0001', text: 'gửi' } });
    });
    worker.kick();
    await slack.waitFor(() => slack.dmsTo('U0TP0001').length === 1);
    expect(slack.dmsTo('U0TP0001')[0]!.metadata).toEqual({ event_type: OUTBOX_EVENT_TYPE, event_payload: { key: 'dm:kept' } });
    expect(slack.dmsTo('U0GONE01')).toEqual([]);
    expect(slack.dmsTo('U0GONE02')).toEqual([]);
    await worker.stop();
    expect(store.outbox.byKey('dm:rolled-back')).toBeUndefined();
    expect(store.outbox.byKey('dm:kept')).toMatchObject({ status: 'sent', attempts: 1 });
    expect(newReads()).toBe(0);
  });

  it('reads the outbox once for the kicks of one turn of the event loop, each after its own work, and posts them all', async () => {
    const { worker, newReads } = await runningOverBacklog(2);
    const before = newReads();
    // As submissions handled in one turn do: each queues in its own work (promise jobs apart) and
    // kicks; here another process queued them, so the kicks read the outbox.
    const other = delivery('worker-b');
    for (const user of users(10)) {
      other.queue(store, { key: `dm:${user}`, kind: 'test', message: { user, text: 'xin chào' } });
      worker.kick();
      for (let job = 0; job < 5; job++) await null;
    }
    for (const user of users(10)) await slack.waitFor(() => slack.dmsTo(user).length === 1);
    expect(newReads() - before).toBe(1);
    await worker.stop();
  });

  /** Queues `count` DMs to `user`, keyed and worded by their number from `from`. */
  const queueDms = (worker: Delivery, user: string, from: number, count: number) => {
    for (let index = from; index < from + count; index++)
      worker.queue(store, { key: `dm:${user}:${index}`, kind: 'test', message: { user, text: `tin ${index}` } });
  };
  const numbered = (from: number, count: number) => Array.from({ length: count }, (_, index) => `tin ${from + index}`);

  it('holds at most LANE_CAP of one person’s DMs in memory, however many arrive, and posts them all once, in order', async () => {
    // Every post samples what the delivery holds; kicks come as the DMs arrive, while the lane is full.
    const client = webClient();
    let peak = 0;
    const post = client.chat.postMessage.bind(client.chat);
    client.chat.postMessage = ((args: Parameters<typeof post>[0]) => {
      peak = Math.max(peak, worker.heldCount());
      return post(args);
    }) as typeof client.chat.postMessage;
    const worker = delivery('worker-a', 1, { client });
    for (let chunk = 0; chunk < 20; chunk++) {
      queueDms(worker, 'U0TP0001', chunk * 50 + 1, 50);
      worker.kick();
      peak = Math.max(peak, worker.heldCount());
      const posted = slack.dmsTo('U0TP0001').length;
      await slack.waitFor(() => slack.dmsTo('U0TP0001').length > posted);
    }
    await worker.drain();
    expect(peak).toBeGreaterThanOrEqual(LANE_CAP / 2);
    expect(peak).toBeLessThanOrEqual(LANE_CAP + 1); // the lane, and its post in flight
    expect(slack.dmsTo('U0TP0001').map((message) => message.text)).toEqual(numbered(1, 1000));
    expect(store.outbox.countsByStatus()).toMatchObject({ sent: 1000, pending: 0, sending: 0 });
  });

  it('sends another person’s DM at once while one person’s backlog waits for its pacing', async () => {
    await slack.stop();
    await start({ perChannelIntervalMs: 1000 });
    const worker = delivery('worker-a', 1000);
    queueDms(worker, 'U0TP0001', 1, 1000);
    worker.kick();
    await slack.waitFor(() => slack.dmsTo('U0TP0001').length === 1);
    expect(worker.heldCount()).toBeLessThanOrEqual(LANE_CAP + 1);
    queueDms(worker, 'U0TP0002', 1, 1);
    worker.kick();
    await slack.waitFor(() => slack.dmsTo('U0TP0002').length === 1);
    expect(slack.dmsTo('U0TP0001').length).toBeLessThan(5);
    await worker.stop();
  });

  it('paces a person’s App Home apart from their DMs, and each channel apart from the others', async () => {
    // The lanes are read from the queued message's own fields (its user, channel, home): a Home
    // redraw and a channel's line each go out at once beside a backlog of the person's DMs and another channel's lines.
    await slack.stop();
    await start({ perChannelIntervalMs: 1000 });
    const worker = delivery('worker-a', 1000, { drawsHomes: true });
    queueDms(worker, 'U0TP0001', 1, 1000);
    worker.queue(store, { key: 'home:U0TP0001', kind: 'home', message: { user: 'U0TP0001', home: true, text: '' } });
    for (let index = 1; index <= 1000; index++)
      worker.queue(store, { key: `line:${index}`, kind: 'test', message: { channel: 'C0NOICHINH', text: `dòng ${index}` } });
    worker.queue(store, { key: 'line:C0VHXH', kind: 'test', message: { channel: 'C0VHXH', text: 'Sở Văn hóa đã nộp' } });
    worker.kick();
    await slack.waitFor(() => slack.callsTo('views.publish').length === 1 && slack.messagesIn('C0VHXH').length === 1);
    expect(slack.callsTo('views.publish')[0]!.args.user_id).toBe('U0TP0001');
    expect(slack.dmsTo('U0TP0001').length).toBeLessThan(5);
    expect(slack.messagesIn('C0NOICHINH').length).toBeLessThan(5);
    await worker.stop();
  });

  it('recovers another conversation’s claim at once, though the backlog before it is longer than one read', async () => {
    await slack.stop();
    await start({ perChannelIntervalMs: 1000 });
    const worker = delivery('worker-a', 1000);
    queueDms(worker, 'U0TP0001', 1, 3000);
    // A crashed worker's claim after the backlog: only the whole read of the outbox finds it.
    worker.queue(store, { key: 'crash:channel', kind: 'test', message: { channel: 'C0NOICHINH', text: 'chưa gửi' } });
    const now = Date.now();
    expect(store.outbox.claim(store.outbox.byKey('crash:channel')!.id, 'worker-dead', now, now - 1)).toBeDefined();
    worker.start(3_600_000);
    await slack.waitFor(() => slack.messagesIn('C0NOICHINH').length === 1);
    expect(slack.dmsTo('U0TP0001').length).toBeLessThan(5);
    expect(worker.heldCount()).toBeLessThanOrEqual(LANE_CAP + 1);
    await worker.stop();
  });

  it('reads at most LANE_CAP + 1 entries of each lane in a whole read, by the (status, lane) index, however long its backlog', async () => {
    await slack.stop();
    await start({ perChannelIntervalMs: 1000 });
    const statements: string[] = [];
    const handle = openDatabase(':memory:', { trace: (statement) => statements.push(statement) });
    store = createStore(handle.db);
    const worker = delivery('worker-a', 1000, { drawsHomes: true });
    // One person's backlog, another person's DM behind it, their Home, a channel's lines, and a
    // crashed worker's claim behind them all: every lane's first entries are found at once.
    queueDms(worker, 'U0TP0001', 1, 3000);
    queueDms(worker, 'U0TP0002', 1, 1);
    worker.queue(store, { key: 'home:U0TP0001', kind: 'home', message: { user: 'U0TP0001', home: true, text: '' } });
    for (let index = 1; index <= 100; index++)
      worker.queue(store, { key: `line:${index}`, kind: 'test', message: { channel: 'C0NOICHINH', text: `dòng ${index}` } });
    worker.queue(store, { key: 'crash:channel', kind: 'test', message: { channel: 'C0VHXH', text: 'chưa gửi' } });
    const now = Date.now();
    expect(store.outbox.claim(store.outbox.byKey('crash:channel')!.id, 'worker-dead', now, now - 1)).toBeDefined();
    // The store's reads, counted by the rows they return.
    const read = store.outbox.readyInLane.bind(store.outbox);
    const rowsRead = new Map<string, number>();
    store.outbox.readyInLane = (...args: Parameters<typeof read>) => {
      const rows = read(...args);
      rowsRead.set(args[0], (rowsRead.get(args[0]) ?? 0) + rows.length);
      return rows;
    };
    statements.length = 0;
    worker.start(3_600_000);
    await slack.waitFor(
      () =>
        slack.dmsTo('U0TP0002').length === 1 &&
        slack.callsTo('views.publish').length === 1 &&
        slack.messagesIn('C0NOICHINH').length === 1 &&
        slack.messagesIn('C0VHXH').length === 1,
    );
    expect(slack.dmsTo('U0TP0001').length).toBeLessThan(5);
    expect(Object.fromEntries(rowsRead)).toEqual({
      'user:U0TP0001': LANE_CAP + 1,
      'user:U0TP0002': 1,
      'home:U0TP0001': 1,
      C0NOICHINH: LANE_CAP + 1,
      C0VHXH: 1,
    });
    expect(worker.heldCount()).toBeLessThanOrEqual(3 * LANE_CAP);
    // Each of the whole read's statements finds its rows by an index and sorts none: no SQLite
    // statement of it goes through a lane's backlog (3,000 rows here).
    const wholeRead = statements.filter((statement) => /"outbox"|from outbox/.test(statement) && !/^(update|insert)/i.test(statement));
    const steps = wholeRead.flatMap((statement) =>
      (handle.sqlite.prepare(`explain query plan ${statement}`).all() as { detail: string }[]).map((step) => step.detail),
    );
    expect(steps.filter((step) => /outbox/.test(step))).not.toEqual([]);
    expect(steps.filter((step) => /^SCAN outbox|TEMP B-TREE/.test(step))).toEqual([]);
    await worker.stop();
  });

  it('lets the event loop run between the pages of a whole read of many lanes', async () => {
    await slack.stop();
    await start({ perChannelIntervalMs: 1000 });
    const worker = delivery('worker-a', 1000);
    // 100 people with 30 DMs each: 3,000 entries to read, in pages of 2,000.
    for (const user of users(100)) queueDms(worker, user, 1, 30);
    // The store's own read, counted: what else ran on the event loop meanwhile is seen between two pages.
    const read = store.outbox.readyInLane.bind(store.outbox);
    let lanes = 0;
    let lanesWhenOthersRan: number | undefined;
    store.outbox.readyInLane = (...args: Parameters<typeof read>) => {
      lanes += 1;
      if (lanes === 1)
        setImmediate(() => {
          lanesWhenOthersRan = lanes;
        });
      return read(...args);
    };
    worker.start(3_600_000);
    await slack.waitFor(() => users(100).every((user) => slack.dmsTo(user).length === 1));
    expect(lanes).toBe(100);
    // What waited on the event loop ran after the first page's lanes, not after the last lane.
    expect(lanesWhenOthersRan).toBeGreaterThan(1);
    expect(lanesWhenOthersRan).toBeLessThan(100);
    await worker.stop();
  });

  it('loses no kick that comes while a whole read lets the event loop run, nor the new lane’s entry it queued', async () => {
    // Posts to 4,100 people that Slack does not answer yet: nothing ends to wake the worker.
    const client = webClient();
    const unanswered: (() => void)[] = [];
    let holding = true;
    const post = client.chat.postMessage.bind(client.chat);
    client.chat.postMessage = ((args: Parameters<typeof post>[0]) => {
      if (!holding || args.channel === 'U0NEW001') return post(args);
      return new Promise((resolve) => unanswered.push(() => resolve({ ok: true, channel: `D${args.channel}`, ts: '1.0' })));
    }) as unknown as typeof client.chat.postMessage;
    // A wire clock that stands still: what is queued while the read runs is due at the read's own
    // instant, so a lane's read finds it (as one queued in the same millisecond would be).
    const at = Date.now();
    const worker = delivery('worker-a', 0, { client, maxInFlight: 10_000, wire: { ...realWireTimer, nowMs: () => at } });
    for (const user of Array.from({ length: 4100 }, (_, index) => `U0WAIT${String(index).padStart(4, '0')}`)) queueDms(worker, user, 1, 1);
    // A submission's queue and kick, run while the whole read waits between its first pages: a DM to
    // someone new (a lane the read does not know) and one to a lane it reads in its last page.
    const read = store.outbox.readyInLane.bind(store.outbox);
    let lanes = 0;
    store.outbox.readyInLane = (...args: Parameters<typeof read>) => {
      lanes += 1;
      if (lanes === 1)
        setImmediate(() => {
          store.transaction((tx) => {
            worker.queue(tx, { key: 'dm:new', kind: 'test', message: { user: 'U0NEW001', text: 'đã nộp' } });
            queueDms(worker, 'U0WAIT4099', 2, 1);
          });
          worker.kick();
        });
      return read(...args);
    };
    worker.start(3_600_000);
    await slack.waitFor(() => slack.dmsTo('U0NEW001').length === 1);
    expect(lanes).toBe(4100);
    holding = false;
    for (const answer of unanswered.splice(0)) answer();
    await worker.drain();
    await worker.stop();
    expect(store.outbox.countsByStatus()).toMatchObject({ sent: 4102, pending: 0, sending: 0 });
  });

  it('waits for the posts in flight when stopped, and leaves the rest pending for the next start', async () => {
    await slack.stop();
    await start({ perChannelIntervalMs: 1000 });
    const worker = delivery('worker-a', 1000);
    for (let index = 1; index <= 3; index++)
      worker.queue(store, { key: `stop:${index}`, kind: 'test', message: { channel: 'C0VHXH', text: `tin ${index}` } });
    worker.kick();
    await slack.waitFor(() => slack.messagesIn('C0VHXH').length === 1);
    const started = Date.now();
    await worker.stop();
    expect(Date.now() - started).toBeLessThan(500); // not held by the lane's pacing
    expect(store.outbox.countsByStatus()).toMatchObject({ sent: 1, pending: 2, sending: 0 });
    await delivery('worker-b', 1000).drain();
    expect(slack.messagesIn('C0VHXH').map((message) => message.text)).toEqual(['tin 1', 'tin 2', 'tin 3']);
  });

  it('recovers a crashed DM claim by reading the DM history', async () => {
    const worker = delivery('worker-b');
    worker.queue(store, { key: 'crash:dm', kind: 'test', message: { user: 'U0TP0001', text: 'nhắc' } });
    const row = store.outbox.byKey('crash:dm')!;
    const now = Date.now();
    expect(store.outbox.claim(row.id, 'worker-dead', now, now - 1)).toBeDefined();
    store.outbox.setChannel(row.id, 'worker-dead', 'DU0TP0001');
    const posted = await webClient().chat.postMessage({
      channel: 'DU0TP0001',
      text: 'nhắc',
      metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { key: 'crash:dm' } },
    });
    await worker.drain();
    expect(slack.dmsTo('U0TP0001')).toHaveLength(1);
    expect(store.outbox.byKey('crash:dm')).toMatchObject({ status: 'sent', ts: posted.ts });
  });
});
