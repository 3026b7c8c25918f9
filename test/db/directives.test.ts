import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../db/client';
import { MIGRATIONS_FOLDER } from '../../db/files';
import { createStore, type Store } from '../../db/store';
import { parseDirectiveQuery } from '../../src/domain/directive-query';
import { importOrganisationText } from '../../src/services/organisation';
import { DEMO_YAML } from '../support/bot';
import { directiveInput } from '../support/directives';
import { openOrganisationStore } from '../support/store';

const NOW = new Date('2021-03-15T01:00:00Z');
const ADMIN = 'U0ADMIN01';
const TODAY = '2021-03-15';

const directive = directiveInput;

describe('the directive store and its search index', () => {
  let handle: DatabaseHandle;
  let store: Store;
  const search = (typed: string, offset = 0, limit = 5) => store.directives.search(parseDirectiveQuery(typed), { offset, limit }, TODAY);
  const numbers = (typed: string, offset = 0, limit = 5) => search(typed, offset, limit).hits.map((hit) => hit.directive.number);

  beforeEach(() => {
    ({ handle, store } = openOrganisationStore(NOW));
  });

  it('ranks an exact number, then compatible numbers, then text matches', () => {
    store.transaction((tx) => tx.directives.add(directive('34/QĐ-UBND', { issuedOn: '2021-01-05' }), ADMIN, NOW));
    const result = search('34-CT/TW');
    expect(result.hits.map((hit) => [hit.directive.number, hit.match])).toEqual([
      ['34-CT/TW', 'exact'],
      // 41-CT/TW and 20-CT/TU cite "Chỉ thị 34-CT/TW" in their summaries.
      ['41-CT/TW', 'text'],
      ['20-CT/TU', 'text'],
    ]);
    // A bare ordinal: every directive numbered 34 (the newest first), then the ones citing it.
    expect(search('34').hits.map((hit) => [hit.directive.number, hit.match])).toEqual([
      ['34/QĐ-UBND', 'compatible'],
      ['34-CT/TW', 'compatible'],
      ['41-CT/TW', 'text'],
      ['20-CT/TU', 'text'],
    ]);
  });

  it('breaks equal relevance by the newest issued date', () => {
    store.transaction((tx) => {
      tx.directives.add(
        directive('1/KH-UBND', { kind: 'Kế hoạch', title: 'Phong trào xanh sạch đẹp', issuedOn: '2019-01-01' }),
        ADMIN,
        NOW,
      );
      tx.directives.add(
        directive('2/KH-UBND', { kind: 'Kế hoạch', title: 'Phong trào xanh sạch đẹp', issuedOn: '2021-01-01' }),
        ADMIN,
        NOW,
      );
      tx.directives.add(
        directive('3/KH-UBND', { kind: 'Kế hoạch', title: 'Phong trào xanh sạch đẹp', issuedOn: '2020-01-01' }),
        ADMIN,
        NOW,
      );
    });
    expect(numbers('xanh sach dep')).toEqual(['2/KH-UBND', '3/KH-UBND', '1/KH-UBND']);
  });

  it.each([20, 80])('puts the newest first among %i equally relevant directives, on every page', (count) => {
    // Shuffled dates, so that neither insertion order nor id order is the answer.
    const years = Array.from({ length: count }, (_, index) => 1950 + ((index * 37) % count));
    store.transaction((tx) =>
      years.forEach((year, index) => {
        tx.directives.add(
          directive(`${index + 1}/KH-UBND`, { kind: 'Kế hoạch', title: 'Phong trào xanh sạch đẹp', issuedOn: `${year}-06-01` }),
          ADMIN,
          NOW,
        );
      }),
    );
    const newest = [...years].sort((a, b) => b - a).map((year) => `${year}-06-01`);
    for (const offset of [0, 5, count - 5]) {
      expect(search('xanh sach dep', offset).hits.map((hit) => hit.directive.issuedOn)).toEqual(newest.slice(offset, offset + 5));
    }
  });

  it('weighs the number and title above the summary', () => {
    store.transaction((tx) => {
      tx.directives.add(
        directive('10/KH-UBND', {
          title: 'Kế hoạch chung',
          summary: 'Có nhắc đến chuyển đổi số một lần trong phần tóm tắt khá dài của văn bản này.',
          issuedOn: '2022-01-01',
        }),
        ADMIN,
        NOW,
      );
      tx.directives.add(directive('11/KH-UBND', { title: 'Chuyển đổi số trong công tác thi đua', issuedOn: '2020-01-01' }), ADMIN, NOW);
    });
    expect(numbers('chuyen doi so')).toEqual(['11/KH-UBND', '10/KH-UBND']);
  });

  it('pages through every result once, counting number and text matches together', () => {
    const all = search('thi dua khen thuong', 0, 100);
    expect(all.total).toBe(all.hits.length);
    const paged = [0, 5, 10].flatMap((offset) => numbers('thi dua khen thuong', offset));
    expect(paged).toEqual(all.hits.map((hit) => hit.directive.number));
    expect(new Set(paged).size).toBe(paged.length);

    // 34-CT/TW is both a number match and (through "34") a text match of nothing else; 41 and 20 cite it.
    const mixed = search('34', 0, 2);
    expect(mixed.total).toBe(3);
    expect([...mixed.hits, ...search('34', 2, 2).hits].map((hit) => hit.directive.number)).toEqual(['34-CT/TW', '41-CT/TW', '20-CT/TU']);
  });

  it('falls back to any word when no directive has them all, and says so', () => {
    const result = search('dien hinh xyzzy');
    expect(result.partial).toBe(true);
    expect(result.hits[0]!.directive.number).toBe('156/KH-UBND');
    // A number that matches nothing is not widened to its words.
    expect(search('chi thi 35')).toMatchObject({ total: 0, partial: false, numberMissing: true });
  });

  it('suggests close numbers and corrected words when nothing is found', () => {
    expect(store.directives.suggestions(parseDirectiveQuery('chi thi 35')).numbers.map((row) => row.number)).toEqual([
      '05-CT/TW',
      '34-CT/TW',
    ]);
    expect(store.directives.suggestions(parseDirectiveQuery('khen thuongg')).correctedQuery).toBe('khen thưởng');
    expect(store.directives.suggestions(parseDirectiveQuery('Điển hìnhh tiên tiến')).correctedQuery).toBe('Điển hình tiên tiến');
    expect(store.directives.suggestions(parseDirectiveQuery('qwzrtx'))).toEqual({ numbers: [] });
    // Near words that no directive holds together are not offered: “xyz khong co” is not “xii phong co”.
    expect(store.directives.suggestions(parseDirectiveQuery('xyz khong co'))).toEqual({ numbers: [] });
    expect(store.directives.suggestions(parseDirectiveQuery('khen thuongg xyzzy'))).toEqual({ numbers: [] });
  });

  it('never suggests a word that an edit took out of the library', () => {
    const typo = parseDirectiveQuery('suy thoaii');
    expect(store.directives.suggestions(typo).correctedQuery).toBe('suy thoái');
    const resolution = store.directives.byNumber('04-NQ/TW')!;
    store.transaction((tx) =>
      tx.directives.update(resolution.id, { ...resolution, title: 'Về tăng cường xây dựng, chỉnh đốn Đảng' }, ADMIN, NOW),
    );
    expect(store.directives.suggestions(typo).correctedQuery ?? '').not.toContain('thoái');
  });

  it('keeps the index in step when the organisation file changes a directive', () => {
    expect(search('van hoa cong so').partial).toBe(true);
    const changed = DEMO_YAML.replace(
      'title: Về tiếp tục đổi mới công tác thi đua, khen thưởng',
      'title: Về thi đua thực hiện văn hóa công sở',
    ).replace('number: 34-CT/TW', 'number: 34/CT-TW');
    const outcome = importOrganisationText(store, changed, 'test', NOW);
    expect(outcome.ok && outcome.summary.directives).toEqual({ added: 0, updated: 1, retired: 0 });
    expect(search('van hoa cong so')).toMatchObject({ partial: false, total: 1 });
    expect(numbers('van hoa cong so')).toEqual(['34/CT-TW']);
    const id = store.directives.byNumber('34-CT/TW')!.id;
    expect(handle.db.all(sql`select number, title from directive_search where rowid = ${id}`)).toEqual([
      { number: 'chi thi 34 ct tw', title: 've thi dua thuc hien van hoa cong so' },
    ]);
    expect(store.directives.count()).toBe(14);
    // The same file again changes nothing.
    const again = importOrganisationText(store, changed, 'test', NOW);
    expect(again.ok && again.summary.directives).toEqual({ added: 0, updated: 0, retired: 0 });
  });

  it('refuses an organisation file that lists one number twice, however it is written', () => {
    const doubled = DEMO_YAML.replace('  - number: 20-CT/TU', '  - number: 34/CT-TW');
    const outcome = importOrganisationText(store, doubled, 'test', NOW);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.problems).toContainEqual(expect.stringContaining('"34/CT-TW" bị trùng với directives[0]'));
  });

  it('holds numbers unique by their canonical key in the database itself', () => {
    expect(() => store.transaction((tx) => tx.directives.add(directive('34/ct-tw', { kind: 'Chỉ thị' }), ADMIN, NOW))).toThrow(/UNIQUE/);
    expect(store.directives.count()).toBe(14);
  });

  it('indexes directives that were stored before the search existed, once', () => {
    const db = handle.db;
    db.run(sql`delete from directive_search`);
    db.run(sql`delete from directive_numbers`);
    expect(numbers('34-CT/TW')).toEqual([]);
    // Still marked as indexed: nothing happens.
    expect(store.directives.ensureSearchIndex()).toBe(false);
    db.run(sql`delete from meta where key = 'directive_search_version'`);
    expect(store.transaction((tx) => tx.directives.ensureSearchIndex())).toBe(true);
    expect(numbers('34-CT/TW')[0]).toBe('34-CT/TW');
    expect(numbers('dien hinh tien tien')).toEqual(['156/KH-UBND']);
    expect(store.directives.ensureSearchIndex()).toBe(false);
  });

  it('updates a directive in place, number key and words included', () => {
    const law = store.directives.byNumber('06/2022/QH15')!;
    const updated = store.transaction((tx) =>
      tx.directives.update(law.id, { ...law, number: '6/2022/QH15', tags: ['chuyển đổi số'] }, ADMIN, NOW),
    );
    expect(updated).toMatchObject({ id: law.id, number: '6/2022/QH15', source: 'file', updatedBy: ADMIN });
    expect(numbers('chuyen doi so')).toEqual(['6/2022/QH15']);
    expect(store.directives.byNumber('06/2022/QH15')!.id).toBe(law.id);
  });

  it('never fails on what people type', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (typed) => {
        const query = parseDirectiveQuery(typed);
        const result = store.directives.search(query, { offset: 0, limit: 5 }, TODAY);
        expect(result.hits.length).toBeLessThanOrEqual(5);
        if (result.total === 0) store.directives.suggestions(query);
      }),
      { numRuns: 300 },
    );
  });
});

describe('upgrading a database that has directives from before the search', () => {
  it('indexes them once the new migrations have run', () => {
    // The database as the first release left it: only the initial migration, directives in place.
    const folder = mkdtempSync(join(tmpdir(), 'thidua-migrations-'));
    const path = join(folder, 'thidua.sqlite');
    try {
      cpSync(MIGRATIONS_FOLDER, join(folder, 'migrations'), { recursive: true });
      const journalPath = join(folder, 'migrations', 'meta', '_journal.json');
      const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
      writeFileSync(
        journalPath,
        JSON.stringify({ ...journal, entries: journal.entries.filter((entry) => entry.tag === '0000_initial_schema') }),
      );
      const old = openDatabase(path, { migrate: false });
      migrate(drizzle(old.sqlite), { migrationsFolder: join(folder, 'migrations') });
      old.sqlite
        .prepare(
          "insert into directives (number, kind, issuer, issued_on, title, summary, url, tags, source, updated_at) values (?, 'Chỉ thị', 'Bộ Chính trị', '2014-04-07', ?, null, null, ?, 'file', 0)",
        )
        .run('34-CT/TW', 'Về tiếp tục đổi mới công tác thi đua, khen thưởng', JSON.stringify(['thi đua']));
      old.close();

      const upgraded = openDatabase(path);
      const store = createStore(upgraded.db);
      expect(store.transaction((tx) => tx.directives.ensureSearchIndex())).toBe(true);
      expect(store.directives.search(parseDirectiveQuery('ct 34'), { offset: 0, limit: 5 }, TODAY).hits.map((hit) => hit.match)).toEqual([
        'compatible',
      ]);
      expect(store.directives.search(parseDirectiveQuery('doi moi cong tac thi dua'), { offset: 0, limit: 5 }, TODAY).total).toBe(1);
      upgraded.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
