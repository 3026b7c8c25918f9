import { WebClient } from '@slack/web-api';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../db/client';
import { createStore } from '../../db/store';
import { realWireTimer } from '../../src/clock';
import { Delivery, OUTBOX_EVENT_TYPE } from '../../src/delivery/delivery';
import { laneOf, type OutgoingMessage } from '../../src/delivery/message';
import { LocalSlack } from '../../src/local-slack/server';
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

    slack = new LocalSlack();
    await slack.start();
    const store = createStore(handle.db);
    const worker = new Delivery({
      store,
      client: new WebClient('xoxb-test', {
        slackApiUrl: slack.apiUrl,
        rejectRateLimitedCalls: true,
        retryConfig: { retries: 0 },
        logger: silentLogger,
      }),
      wire: realWireTimer,
      logger: silentLogger,
      workerId: 'worker-a',
      leaseMs: 60_000,
      conversationIntervalMs: 0,
      homes: () => ({ type: 'home', blocks: [] }),
    });
    await worker.drain();
    expect(slack.dmsTo('U0TP0001').map((message) => message.text)).toEqual(['nhắc 1', 'nhắc 2']);
    expect(slack.callsTo('views.publish').map((call) => call.args.user_id)).toEqual(['U0TP0001']);
    const [summary, chart] = slack.messagesIn('C0VHXH');
    expect(summary?.text).toBe('tổng hợp');
    expect(chart).toMatchObject({ text: 'biểu đồ', thread_ts: summary!.ts });
    // The dead worker's claim: looked for in the conversation, not found, posted once.
    expect(slack.dmsTo('U0TP0002').map((message) => message.metadata)).toEqual([
      { event_type: OUTBOX_EVENT_TYPE, event_payload: { key: 'dm:crashed' } },
    ]);
    expect(slack.messagesIn('C0NOICHINH')).toEqual([]);
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
