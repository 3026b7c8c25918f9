import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../db/client';
import * as schema from '../../db/schema';
import { createStore, type Store } from '../../db/store';
import type { AuditFilter } from '../../db/store/audit';
import { importOrganisationText } from '../../src/services/organisation';
import { DEMO_YAML } from '../support/bot';
import { migratedThrough } from '../support/migrations';
import { seedNoiChinhQ1 } from '../support/standings';

/**
 * What a report submission writes is kept small (each page a commit touches is a WAL frame):
 * report_values and processed_events are WITHOUT ROWID tables (migration 0015), and the audit log
 * has only the indexes its reads use.
 */

const AT = new Date('2021-04-05T03:00:00Z');
/** The databases a test opened through the product's own open (migrations, pragmas), closed after it. */
const opened: DatabaseHandle[] = [];
afterEach(() => {
  for (const handle of opened.splice(0)) handle.close();
});

function storeOn(path: string, trace?: (statement: string) => void): { handle: DatabaseHandle; store: Store } {
  const handle = openDatabase(path, trace ? { trace } : {});
  opened.push(handle);
  return { handle, store: createStore(handle.db) };
}

function imported(store: Store): void {
  const outcome = importOrganisationText(store, DEMO_YAML, 'test', AT);
  if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
}

const withoutRowid = (sqlite: Database.Database, table: string) =>
  /WITHOUT ROWID\s*$/i.test((sqlite.prepare('select sql from sqlite_master where name = ?').get(table) as { sql: string }).sql);

describe('migration 0015 (report_values and processed_events WITHOUT ROWID)', () => {
  it('keeps every report value and processed event, the values’ triggers and what the claims refuse', () => {
    const path = migratedThrough(15);
    {
      const sqlite = new Database(path);
      sqlite.pragma('foreign_keys = ON');
      const store = createStore(drizzle(sqlite, { schema }));
      imported(store);
      seedNoiChinhQ1(store, AT, new Date('2021-04-20T03:00:00Z'));
      // A value with a reason and one with a detail, as a bonus and a graded criterion store them.
      sqlite.prepare("update report_values set reason = 'Bằng khen của Bộ' where rowid = (select min(rowid) from report_values)").run();
      sqlite.prepare(`update report_values set detail = '{"level":"Tốt"}' where rowid = (select max(rowid) from report_values)`).run();
      store.transaction((tx) => {
        expect(tx.events.claim('view:V0123ABCD', 'view_submission', AT)).toBe(true);
        expect(tx.events.claim('Ev0456EFGH', 'app_home_opened', AT)).toBe(true);
      });
      expect(withoutRowid(sqlite, 'report_values')).toBe(false);
      sqlite.close();
    }
    const rowsOf = (sqlite: Database.Database) => ({
      values: sqlite.prepare('select * from report_values order by version_id, criterion_id').all(),
      events: sqlite.prepare('select * from processed_events order by id').all(),
    });
    const before = rowsOf(new Database(path, { readonly: true }));
    expect(before.values.length).toBeGreaterThan(10);
    expect(before.values).toContainEqual(expect.objectContaining({ reason: 'Bằng khen của Bộ' }));
    expect(before.values).toContainEqual(expect.objectContaining({ detail: '{"level":"Tốt"}' }));
    expect(before.events).toHaveLength(2);

    const { handle, store } = storeOn(path);
    expect(withoutRowid(handle.sqlite, 'report_values')).toBe(true);
    expect(withoutRowid(handle.sqlite, 'processed_events')).toBe(true);
    expect(rowsOf(handle.sqlite)).toEqual(before);
    expect(handle.sqlite.pragma('foreign_key_check')).toEqual([]);
    // The reports' data version still follows every change to a value (the read cache relies on it); a value's insert rides
    // on its version's since migration 0016 (test/db/read-cache.test.ts).
    const triggers = handle.sqlite
      .prepare("select name from sqlite_master where type = 'trigger' and tbl_name = 'report_values' order by name")
      .all();
    expect(triggers).toEqual(['delete', 'update'].map((operation) => ({ name: `data_versions_report_values_${operation}` })));
    const version = () => (handle.sqlite.prepare('select reports from data_versions').get() as { reports: number }).reports;
    const start = version();
    handle.sqlite.prepare('update report_values set value = value').run();
    expect(version()).toBe(start + before.values.length);
    // A claim made before the migration still refuses its repeat.
    store.transaction((tx) => {
      expect(tx.events.claim('view:V0123ABCD', 'view_submission', AT)).toBe(false);
      expect(tx.events.claim('view:V0999ZZZZ', 'view_submission', AT)).toBe(true);
    });
  });
});

describe('the audit log’s indexes', () => {
  it('are exactly those its reads use: each one more page that every entry writes', () => {
    const statements: string[] = [];
    const { handle, store } = storeOn(':memory:', (statement) => statements.push(statement));
    imported(store);
    const filters: AuditFilter[] = [
      {},
      { unitId: 1 },
      { userId: 'U0TP0001' },
      { from: AT, until: new Date(AT.getTime() + 86_400_000) },
      { unitId: 1, from: AT },
    ];
    statements.length = 0;
    for (const filter of filters) {
      store.audit.count(filter);
      store.audit.page(filter, 0, 10);
    }
    const used = new Set<string>();
    for (const statement of statements.splice(0))
      for (const step of handle.sqlite.prepare(`explain query plan ${statement}`).all() as { detail: string }[]) {
        const index = /USING (?:COVERING )?INDEX (\w+)/.exec(step.detail)?.[1];
        if (index) used.add(index);
      }
    const indexes = (
      handle.sqlite.prepare("select name from sqlite_master where type = 'index' and tbl_name = 'audit_log' and sql is not null").all() as {
        name: string;
      }[]
    ).map((row) => row.name);
    expect([...used].sort()).toEqual(indexes.sort());
  });
});

describe('a version’s values', () => {
  it('are written whatever their number, a bounded number of rows a statement, and read back as entered', () => {
    const { handle, store } = storeOn(':memory:');
    imported(store);
    const block = store.structure.blockByCode('NOI_CHINH')!;
    const [first] = store.structure.criteria(2021, block.id);
    // 450 criteria: more than one insert writes (VALUES_PER_STATEMENT), and not a multiple of it.
    handle.sqlite
      .prepare(
        `insert into criteria (year, block_id, code, group_name, name, max_points, kind, position)
         with recursive n(i) as (select 1 union all select i + 1 from n where i < 450)
         select year, block_id, 'X' || i, group_name, name || ' ' || i, max_points, kind, 1000 + i from criteria, n where id = ?`,
      )
      .run(first!.id);
    const criteria = (handle.sqlite.prepare("select id from criteria where code like 'X%' order by id").all() as { id: number }[]).map(
      (row) => row.id,
    );
    expect(criteria).toHaveLength(450);
    const values = new Map(
      criteria.map((id, index) => [
        id,
        index % 7 === 0
          ? { value: null, reason: `lý do ${index}`, detail: { items: [`mục ${index}`] } }
          : { value: index / 4, reason: index % 3 ? null : `lý do ${index}` },
      ]),
    );
    const stp = store.structure.unitByCode('STP')!;
    const q1 = store.structure.periods(2021).find((period) => period.code === 'Q1')!;
    expect(store.reports.forUnits(q1.id, [stp.id]).get(stp.id)).toBeUndefined();
    const version = store.transaction((tx) =>
      tx.reports.add({
        reportId: tx.reports.ensure(q1.id, stp.id, block.id).id,
        status: 'accepted',
        values,
        evidenceUrl: null,
        notes: '',
        submittedBy: 'U0TP0001',
        actingAsAdmin: false,
        submittedAt: AT,
        late: false,
      }),
    );
    expect(store.reports.version(version.id)?.values).toEqual(values);
    // What the submission wrote into the kept reports (ReadCache.amend) is what a read gives.
    expect(store.reports.forUnits(q1.id, [stp.id]).get(stp.id)?.inForce?.values).toEqual(values);
  });
});
