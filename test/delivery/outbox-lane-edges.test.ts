import { WebClient } from '@slack/web-api';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../db/client';
import { createStore, type Store } from '../../db/store';
import { realWireTimer } from '../../src/clock';
import { Delivery } from '../../src/delivery/delivery';
import { laneOf, type OutgoingMessage } from '../../src/delivery/message';
import { LocalSlack, type LocalSlackOptions } from '../../src/local-slack/server';
import { silentLogger } from '../../src/logger';
import { migratedThrough } from '../support/migrations';

/** The edges of the stored lane: every message shape, rows an older process writes, released held lines, transactions the store did not begin. */

const opened: DatabaseHandle[] = [];
let slack: LocalSlack | undefined;
afterEach(async () => {
  for (const handle of opened.splice(0)) handle.close();
  await slack?.stop();
  slack = undefined;
});

function opening(path: string): DatabaseHandle {
  const handle = openDatabase(path);
  opened.push(handle);
  return handle;
}

async function localSlack(options: LocalSlackOptions = {}): Promise<LocalSlack> {
  slack = new LocalSlack(options);
  await slack.start();
  return slack;
}

function deliveryOver(store: Store, local: LocalSlack, conversationIntervalMs = 0, workerId = 'worker-a'): Delivery {
  return new Delivery({
    store,
    client: new WebClient('xoxb-test', {
      slackApiUrl: local.apiUrl,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
      logger: silentLogger,
    }),
    wire: realWireTimer,
    logger: silentLogger,
    workerId,
    leaseMs: 60_000,
    conversationIntervalMs,
    homes: () => ({ type: 'home', blocks: [] }),
  });
}

/** An entry as a process of before 0017 writes it: no lane (the column's default). */
function insertWithoutLane(sqlite: Database.Database, key: string, message: OutgoingMessage, nowMs: number): void {
  sqlite
    .prepare("insert into outbox (dedupe_key, kind, payload, status, not_before, created_at) values (?, 'test', ?, 'pending', ?, ?)")
    .run(key, JSON.stringify(message), nowMs, nowMs);
}

describe('the lane the SQL stores is the lane the delivery computes', () => {
  it('migration 0017 names every kind of message’s lane as laneOf does, odd shapes included', () => {
    const path = migratedThrough(16);
    const messages: OutgoingMessage[] = [
      { channel: 'C0NOICHINH', text: 'kênh' },
      { user: 'U0TP0001', text: 'DM' },
      { user: 'U0TP0001', text: '', home: true },
      { text: '', home: true },
      { channel: 'C0VHXH', user: 'U0TP0002', text: 'cả hai: người thắng' },
      { channel: 'C0VHXH', user: '', text: 'người rỗng' },
      { user: 'U0TP0003', channel: 'C0X', text: 'home có kênh', home: true },
      { channel: 'C0VHXH', text: 'trả lời', threadOfKey: 'summary' },
      { user: 'U0TP0004', text: 'trả lời DM', threadOfKey: 'dm:parent' },
      {
        channel: 'C0VHXH',
        text: 'biểu đồ',
        threadOfKey: 'summary',
        upload: { filename: 'a.png', title: 'a', source: { kind: 'standings_chart', snapshotId: 1 } },
      },
      { user: 'U0TP0005', text: 'xlsx', upload: { filename: 'b.xlsx', title: 'b', source: { kind: 'standings_table' } } },
      { text: 'không kênh, không người' },
    ];
    const now = Date.now();
    {
      const sqlite = new Database(path);
      for (const [index, message] of messages.entries()) insertWithoutLane(sqlite, `m:${index}`, message, now);
      sqlite.close();
    }
    const handle = opening(path);
    const lanes = (handle.sqlite.prepare('select lane from outbox order by id').all() as { lane: string }[]).map((row) => row.lane);
    expect(lanes).toEqual(messages.map(laneOf));
  });
});

describe('an entry written without its lane (an older process beside this one)', () => {
  // During a rolling restart (or a rollback, or a cron `npx thidua tick` of the old install) a
  // process of before 0017 writes entries after the new one migrated: their lane is '' (the
  // column's default), so the delivery puts them in one lane '' shared by every conversation,
  // apart from the lane the same conversation's new entries take.
  it('is paced with its own conversation: no 429, oldest first', async () => {
    const local = await localSlack({ perChannelIntervalMs: 1000 });
    const handle = opening(':memory:');
    const store = createStore(handle.db);
    const worker = deliveryOver(store, local, 1000);
    insertWithoutLane(handle.sqlite, 'old:1', { channel: 'C0VHXH', text: 'cũ' }, Date.now());
    worker.queue(store, { key: 'new:1', kind: 'test', message: { channel: 'C0VHXH', text: 'mới' } });
    await worker.drain();
    expect(local.messagesIn('C0VHXH').map((message) => message.text)).toEqual(['cũ', 'mới']);
    expect(local.rateLimited).toBe(0);
    expect(store.outbox.byKey('old:1')?.lane).toBe('C0VHXH');
  });
});

describe('held lines released by a scheduler pass', () => {
  it('go out on the kick that follows the release, not on the next whole read', async () => {
    const local = await localSlack();
    const handle = opening(':memory:');
    const store = createStore(handle.db);
    const worker = deliveryOver(store, local);
    // The bot's delivery: one whole read at start, then every interval (an hour here: the test
    // looks at what a kick does).
    worker.start(3_600_000);
    const running = () => (worker as unknown as { running?: Promise<void> }).running;
    await running();
    // A pass in quiet hours holds a line, and kicks (scheduler.ts kicks after every pass).
    store.transaction((tx) =>
      worker.hold(tx, { key: 'line:held', kind: 'test', message: { channel: 'C0NOICHINH', text: 'đã ký' } }, new Date(0), null),
    );
    worker.kick();
    await running();
    // The next pass releases it and asks for a whole read (releaseHeldLines).
    store.transaction((tx) =>
      tx.outbox.releaseHeld(store.outbox.byKey('line:held')!.id, { channel: 'C0NOICHINH', text: 'đã ký' }, [], Date.now()),
    );
    worker.kickAll();
    await running();
    expect(local.messagesIn('C0NOICHINH').map((message) => message.text)).toEqual(['đã ký']);
    await worker.stop();
  });
});

describe('queue outside a transaction the store began', () => {
  it('posts what was queued in a transaction begun on the connection itself, after its commit, and nothing of one rolled back', async () => {
    const local = await localSlack();
    const handle = opening(':memory:');
    const store = createStore(handle.db);
    const worker = deliveryOver(store, local);
    worker.start(3_600_000);
    const running = () => (worker as unknown as { running?: Promise<void> }).running;
    await running();
    handle.sqlite.exec('begin immediate');
    worker.queue(store, { key: 'dm:raw-rolled-back', kind: 'test', message: { user: 'U0GONE01', text: 'không gửi' } });
    handle.sqlite.exec('rollback');
    handle.sqlite.exec('begin immediate');
    worker.queue(store, { key: 'dm:raw', kind: 'test', message: { user: 'U0TP0001', text: 'gửi' } });
    handle.sqlite.exec('commit');
    worker.kick();
    await local.waitFor(() => local.dmsTo('U0TP0001').length === 1);
    // Outside any transaction: at once.
    worker.queue(store, { key: 'dm:auto', kind: 'test', message: { user: 'U0TP0002', text: 'gửi' } });
    worker.kick();
    await local.waitFor(() => local.dmsTo('U0TP0002').length === 1);
    await worker.stop();
    expect(local.dmsTo('U0GONE01')).toEqual([]);
    expect(store.outbox.countsByStatus()).toMatchObject({ sent: 2, pending: 0 });
  });

  it('a savepoint kept inside a savepoint that rolls back inside a transaction that commits: nothing of the inner two is posted', async () => {
    const local = await localSlack();
    const handle = opening(':memory:');
    const store = createStore(handle.db);
    const worker = deliveryOver(store, local);
    worker.start(3_600_000);
    const running = () => (worker as unknown as { running?: Promise<void> }).running;
    await running();
    store.transaction((tx) => {
      worker.queue(tx, { key: 'dm:outer', kind: 'test', message: { user: 'U0TP0001', text: 'ngoài' } });
      expect(() =>
        tx.transaction((middle) => {
          worker.queue(middle, { key: 'dm:middle', kind: 'test', message: { user: 'U0GONE01', text: 'không' } });
          middle.transaction((inner) =>
            worker.queue(inner, { key: 'dm:inner', kind: 'test', message: { user: 'U0GONE02', text: 'không' } }),
          );
          throw new Error('middle');
        }),
      ).toThrow('middle');
      worker.queue(tx, { key: 'dm:after', kind: 'test', message: { user: 'U0TP0001', text: 'sau' } });
    });
    worker.kick();
    await local.waitFor(() => local.dmsTo('U0TP0001').length === 2);
    await worker.stop();
    expect(local.dmsTo('U0TP0001').map((message) => message.text)).toEqual(['ngoài', 'sau']);
    expect(local.dmsTo('U0GONE01')).toEqual([]);
    expect(local.dmsTo('U0GONE02')).toEqual([]);
  });
});
