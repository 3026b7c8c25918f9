import { WebAPIRateLimitedError, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { createStore, type Store } from '../../db/store';
import { realWireTimer } from '../../src/clock';
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
  const delivery = (workerId = 'worker-a', conversationIntervalMs = 0, extra: { client?: WebClient; maxInFlight?: number } = {}) =>
    new Delivery({
      store,
      client: extra.client ?? webClient(),
      wire: realWireTimer,
      logger: silentLogger,
      workerId,
      leaseMs: 60_000,
      conversationIntervalMs,
      ...(extra.maxInFlight !== undefined ? { maxInFlight: extra.maxInFlight } : {}),
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
   * the store ran, and counts of its full reads of the outbox and its reads of what was added since.
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
    const reads = (pattern: RegExp) => statements.filter((statement) => /from "outbox"/.test(statement) && pattern.test(statement)).length;
    return { handle, statements, worker, fullReads: () => reads(/"lease_until" <= /), newReads: () => reads(/(?<!\+)"outbox"\."id" > /) };
  }

  it('reads only what was queued since when kicked, whatever waits in the outbox; the whole outbox only on its interval', async () => {
    // After the first post, the channel's 199 others wait in their lane.
    const { handle, statements, worker, fullReads, newReads } = await runningOverBacklog(200);
    expect(fullReads()).toBe(1);

    for (const user of users(20)) {
      worker.queue(store, { key: `dm:${user}`, kind: 'test', message: { user, text: 'xin chào' } });
      worker.kick();
      await slack.waitFor(() => slack.dmsTo(user).length === 1);
    }
    expect(fullReads()).toBe(1);
    expect(newReads()).toBeGreaterThanOrEqual(20);
    expect(slack.messagesIn('C0VHXH')).toHaveLength(1);
    // …by a range of the primary key, not by the (status, not_before) index, which would read the
    // 199 pending rows of the backlog on every kick.
    const kickRead = statements.findLast((statement) => /from "outbox"/.test(statement) && /(?<!\+)"outbox"\."id" > /.test(statement))!;
    const plan = handle.sqlite.prepare(`explain query plan ${kickRead}`).all() as { detail: string }[];
    expect(plan.map((step) => step.detail)).toEqual([expect.stringMatching(/^SEARCH outbox USING INTEGER PRIMARY KEY \(rowid>\?\)$/)]);
    await worker.stop();
    expect(store.outbox.countsByStatus()).toMatchObject({ sent: 21, pending: 199 });
  });

  it('reads the outbox once for the kicks of one turn of the event loop, each after its own work, and posts them all', async () => {
    const { worker, newReads } = await runningOverBacklog(2);
    const before = newReads();
    // As submissions handled in one turn do: each queues in its own work (promise jobs apart) and kicks.
    for (const user of users(10)) {
      worker.queue(store, { key: `dm:${user}`, kind: 'test', message: { user, text: 'xin chào' } });
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
    const worker = new Delivery({
      store,
      client: webClient(),
      wire: realWireTimer,
      logger: silentLogger,
      workerId: 'worker-a',
      leaseMs: 60_000,
      conversationIntervalMs: 1000,
      homes: () => ({ type: 'home', blocks: [] }),
    });
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

  it('lets the event loop run between the pages of a whole read, however long the backlog it pages through', async () => {
    await slack.stop();
    await start({ perChannelIntervalMs: 1000 });
    const worker = delivery('worker-a', 1000);
    queueDms(worker, 'U0TP0001', 1, 3000);
    // The store's own read, counted: what else ran on the event loop meanwhile is seen between two pages.
    const read = store.outbox.ready.bind(store.outbox);
    let pages = 0;
    let pagesWhenOthersRan: number | undefined;
    store.outbox.ready = (...args: Parameters<typeof read>) => {
      pages += 1;
      if (pages === 1)
        setImmediate(() => {
          pagesWhenOthersRan = pages;
        });
      return read(...args);
    };
    worker.start(3_600_000);
    await slack.waitFor(() => slack.dmsTo('U0TP0001').length === 1);
    // The lane is full after its first LANE_CAP, so the read went through all 3,000 in several pages…
    expect(pages).toBeGreaterThan(1);
    // …and what waited on the event loop ran after the first of them, not after the last.
    expect(pagesWhenOthersRan).toBe(1);
    await worker.stop();
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
