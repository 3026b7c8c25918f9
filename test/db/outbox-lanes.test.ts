import { WebClient } from '@slack/web-api';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../db/client';
import { createStore, type Store } from '../../db/store';
import { realWireTimer } from '../../src/clock';
import { Delivery, OUTBOX_EVENT_TYPE } from '../../src/delivery/delivery';
import { laneOf, type OutgoingMessage } from '../../src/delivery/message';
import { LocalSlack, type LocalSlackOptions } from '../../src/local-slack/server';
import { silentLogger } from '../../src/logger';
import { migratedThrough } from '../support/migrations';

/**
 * The outbox stores each entry's lane (migration 0017), so the delivery reads each lane's first
 * entries by the (status, lane) index instead of every ready entry of a backlog; and the store
 * tells when a transaction committed, so a kick takes what was queued without reading it back.
 */

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

/** A delivery over a new in-memory store, started as the bot starts it (one whole read, then hourly: the tests look at what kicks do). */
async function startedWorker(local: LocalSlack) {
  const handle = opening(':memory:');
  const store = createStore(handle.db);
  const worker = deliveryOver(store, local);
  worker.start(3_600_000);
  const running = () => (worker as unknown as { running?: Promise<void> }).running;
  await running();
  return { handle, store, worker, running };
}

describe('migration 0017 (the outbox’s lanes)', () => {
  it('gives the entries queued before it their lanes, keeps every row, and what waited is then delivered, in order', async () => {
    const path = migratedThrough(17);
    const now = Date.now();
    // The outbox as a bot of 0016 left it: posted, waiting, claimed by a worker that died, held, given up.
    const entries: { key: string; status: string; message: OutgoingMessage; extra?: Record<string, unknown> }[] = [
      { key: 'line:sent', status: 'sent', message: { channel: 'C0NOICHINH', text: 'đã gửi' }, extra: { ts: '1.000001' } },
      { key: 'dm:1', status: 'pending', message: { user: 'U0TP0001', text: 'nhắc 1' } },
      { key: 'home:U0TP0001', status: 'pending', message: { user: 'U0TP0001', text: '', home: true } },
      { key: 'summary', status: 'pending', message: { channel: 'C0VHXH', text: 'tổng hợp' } },
      { key: 'chart', status: 'pending', message: { channel: 'C0VHXH', text: 'biểu đồ', threadOfKey: 'summary' } },
      { key: 'dm:2', status: 'pending', message: { user: 'U0TP0001', text: 'nhắc 2' } },
      {
        key: 'dm:crashed',
        status: 'sending',
        message: { user: 'U0TP0002', text: 'chưa gửi' },
        extra: { claimed_by: 'worker-dead', lease_until: now - 1, attempts: 1 },
      },
      {
        key: 'line:held',
        status: 'held',
        message: { channel: 'C0NOICHINH', text: 'chờ hết giờ yên lặng' },
        extra: { release_at: now + 3_600_000, fold_key: 'channel-lines:C0NOICHINH' },
      },
      {
        key: 'export:gone',
        status: 'skipped',
        message: { user: 'U0GONE01', text: 'bảng', upload: { filename: 'x.xlsx', title: 'x', source: { kind: 'standings_table' } } },
        extra: { error: 'account_inactive' },
      },
    ];
    {
      const sqlite = new Database(path);
      for (const { key, status, message, extra = {} } of entries) {
        const row = {
          dedupe_key: key,
          kind: 'test',
          payload: JSON.stringify(message),
          status,
          not_before: now - 1000,
          created_at: now - 1000,
          ...extra,
        };
        const columns = Object.keys(row);
        sqlite.prepare(`insert into outbox (${columns.join(', ')}) values (${columns.map((column) => `@${column}`).join(', ')})`).run(row);
      }
      sqlite.close();
    }
    const rowsOf = (sqlite: Database.Database) =>
      sqlite.prepare('select * from outbox order by id').all() as ({ lane?: string; payload: string } & Record<string, unknown>)[];
    const before = rowsOf(new Database(path, { readonly: true }));
    expect(before).toHaveLength(entries.length);

    const handle = opening(path);
    const after = rowsOf(handle.sqlite);
    // Every row as it was, with the lane the delivery names its conversation by.
    expect(after.map(({ lane: _lane, ...row }) => row)).toEqual(before);
    expect(after.map((row) => row.lane)).toEqual(entries.map((entry) => laneOf(entry.message)));
    expect(after.map((row) => row.lane)).toEqual([
      'C0NOICHINH',
      'user:U0TP0001',
      'home:U0TP0001',
      'C0VHXH',
      'C0VHXH',
      'user:U0TP0001',
      'user:U0TP0002',
      'C0NOICHINH',
      'user:U0GONE01',
    ]);
    const indexes = handle.sqlite
      .prepare("select name from sqlite_master where type = 'index' and tbl_name = 'outbox' and sql is not null order by name")
      .all();
    expect(indexes).toEqual([{ name: 'outbox_dedupe_key_unique' }, { name: 'outbox_status_lane_idx' }]);

    const local = await localSlack();
    const store = createStore(handle.db);
    const worker = deliveryOver(store, local);
    await worker.drain();
    expect(local.dmsTo('U0TP0001').map((message) => message.text)).toEqual(['nhắc 1', 'nhắc 2']);
    expect(local.callsTo('views.publish').map((call) => call.args.user_id)).toEqual(['U0TP0001']);
    const [summary, chart] = local.messagesIn('C0VHXH');
    expect(summary?.text).toBe('tổng hợp');
    expect(chart).toMatchObject({ text: 'biểu đồ', thread_ts: summary!.ts });
    // The dead worker's claim: looked for in the conversation, not found, posted once.
    expect(local.dmsTo('U0TP0002').map((message) => message.metadata)).toEqual([
      { event_type: OUTBOX_EVENT_TYPE, event_payload: { key: 'dm:crashed' } },
    ]);
    expect(local.messagesIn('C0NOICHINH')).toEqual([]);
    expect(store.outbox.countsByStatus()).toMatchObject({ sent: 7, pending: 0, sending: 0, held: 1, skipped: 1 });
  });
});

describe('a store’s commit hooks (afterCommit)', () => {
  it('run once the outermost transaction commits, never after one or a savepoint that rolled back, and at once outside one', () => {
    const store = createStore(opening(':memory:').db);
    const ran: string[] = [];
    store.transaction((tx) => {
      expect(tx.afterCommit(() => ran.push('outer'))).toBe(true);
      tx.transaction((inner) => inner.afterCommit(() => ran.push('kept savepoint')));
      expect(() =>
        tx.transaction((inner) => {
          inner.afterCommit(() => ran.push('rolled-back savepoint'));
          throw new Error('savepoint');
        }),
      ).toThrow('savepoint');
      // The store the transaction was begun from writes in it too.
      store.afterCommit(() => ran.push('outer store'));
      expect(ran).toEqual([]);
    });
    expect(ran).toEqual(['outer', 'kept savepoint', 'outer store']);

    ran.length = 0;
    expect(() =>
      store.transaction((tx) => {
        tx.afterCommit(() => ran.push('rolled back'));
        throw new Error('rollback');
      }),
    ).toThrow('rollback');
    expect(store.afterCommit(() => ran.push('no transaction'))).toBe(true);
    expect(ran).toEqual(['no transaction']);
  });

  it('are refused inside a transaction the store did not begin, which it cannot see end', () => {
    const handle = opening(':memory:');
    const store = createStore(handle.db);
    const ran: string[] = [];
    handle.sqlite.exec('begin');
    expect(store.afterCommit(() => ran.push('unseen'))).toBe(false);
    handle.sqlite.exec('commit');
    expect(ran).toEqual([]);
  });
});

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
    const { store, worker, running } = await startedWorker(local);
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
    const { handle, store, worker } = await startedWorker(local);
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
    const { store, worker } = await startedWorker(local);
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
