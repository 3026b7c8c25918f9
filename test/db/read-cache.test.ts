import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../db/client';
import { createStore, type Store } from '../../db/store';
import { cachedReads, ReadCache } from '../../db/store/read-cache';
import { fingerprint } from '../../src/domain/pagination';
import { importOrganisationText } from '../../src/services/organisation';
import { criteriaAskedOf, reportPages } from '../../src/services/reports/form';
import { scoringCriteria } from '../../src/standings/inputs';
import { standingsFor } from '../../src/standings/load';
import { DEMO_YAML } from '../support/bot';
import { CHANGED_DEMO_YAML } from '../support/organisations';
import { scratchFolder } from '../support/processes';
import { seedPledge, seedReport, seedReview } from '../support/standings';

/**
 * Reads answered from memory (db/store/read-cache.ts) are never stale: whatever changes what they
 * read — an import or a report in this process or in another one on the same file, a transaction
 * rolled back — the next read sees the database as it is.
 */
const NOW = new Date('2021-03-15T01:00:00Z');
const handles: DatabaseHandle[] = [];
afterEach(() => {
  for (const handle of handles.splice(0)) handle.close();
});

function open(path: string, trace?: (statement: string) => void): { handle: DatabaseHandle; store: Store } {
  const handle = openDatabase(path, trace ? { trace } : {});
  handles.push(handle);
  return { handle, store: createStore(handle.db) };
}

function imported(store: Store, yaml: string): void {
  const outcome = importOrganisationText(store, yaml, 'test', NOW);
  if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
}

/** What a caller would read of the organisation: names, who is who, periods. */
function snapshot(store: Store) {
  return {
    stp: store.structure.unitByCode('STP')?.name,
    newOfficer: store.structure.membershipOf('U0NEW001')?.unit.code,
    oldOfficer: store.structure.membershipOf('U0TP0001')?.unit.code,
    secondAdmin: store.organisation.isAdmin('U0ADMIN02'),
    periods: store.structure.periods(2021).map((period) => period.code),
  };
}
const BEFORE = { stp: 'Sở Tư pháp', newOfficer: undefined, oldOfficer: 'STP', secondAdmin: false, periods: ['Q1', 'H1', 'M9', 'NAM'] };
const AFTER = {
  stp: 'Sở Tư pháp tỉnh',
  newOfficer: 'STP',
  oldOfficer: undefined,
  secondAdmin: true,
  periods: ['Q1', 'H1', 'Q3', 'M9', 'NAM'],
};

describe('the configuration’s reads', () => {
  it('answers repeated reads from memory: one version check each, no query of the tables', () => {
    const statements: string[] = [];
    const { store } = open(':memory:', (statement) => statements.push(statement));
    imported(store, DEMO_YAML);
    snapshot(store);
    statements.length = 0;
    snapshot(store);
    expect(statements.length).toBe(5);
    expect(statements.every((statement) => /from configuration_version/.test(statement))).toBe(true);
  });

  it('sees an import made in this process between two reads', () => {
    const { store } = open(':memory:');
    imported(store, DEMO_YAML);
    expect(snapshot(store)).toEqual(BEFORE);
    imported(store, CHANGED_DEMO_YAML);
    expect(snapshot(store)).toEqual(AFTER);
  });

  it('sees an import made by another connection to the same file, as `npx thidua import` beside the running bot', () => {
    const path = `${scratchFolder()}/thidua.sqlite`;
    const bot = open(path).store;
    imported(bot, DEMO_YAML);
    expect(snapshot(bot)).toEqual(BEFORE);
    imported(open(path).store, CHANGED_DEMO_YAML);
    expect(snapshot(bot)).toEqual(AFTER);
  });

  it('never keeps what a rolled-back transaction wrote, even when the version comes back to the same number', () => {
    const { handle, store } = open(':memory:');
    imported(store, DEMO_YAML);
    expect(store.structure.unitByCode('STP')?.name).toBe('Sở Tư pháp');
    expect(() =>
      store.transaction(() => {
        handle.sqlite.prepare("update units set name = 'Chưa lưu' where code = 'STP'").run();
        // Read through the outer store inside the transaction: the uncommitted name, not kept.
        expect(store.structure.unitByCode('STP')?.name).toBe('Chưa lưu');
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    // One committed write: the version is back to the number the rolled-back one had reached.
    handle.sqlite.prepare("update units set name = 'Thanh tra' where code = 'TT'").run();
    expect(store.structure.unitByCode('STP')?.name).toBe('Sở Tư pháp');
    expect(store.structure.unitByCode('TT')?.name).toBe('Thanh tra');
  });

  it('hands out frozen rows, and copies of maps and sets', () => {
    const { store } = open(':memory:');
    imported(store, DEMO_YAML);
    const unit = store.structure.unitByCode('STP')!;
    expect(() => {
      (unit as { name: string }).name = 'x';
    }).toThrow(TypeError);
    expect(() => store.structure.activeUnits().pop()).toThrow(TypeError);
    const holidays = store.organisation.holidays();
    holidays.add('2021-12-31');
    expect(store.organisation.holidays().has('2021-12-31')).toBe(false);
  });
});

describe('the key of a read’s arguments', () => {
  it('answers each set of arguments apart: numbers, the same as text, a pair, a list, none', () => {
    const cache = new ReadCache({ version: () => 1, inTransaction: () => false });
    const read: unknown[][] = [];
    const { echo } = cachedReads(
      {
        echo: (...args: unknown[]) => {
          read.push(args);
          return `${JSON.stringify(args)} ${args.map((arg) => typeof arg).join(' ')}`;
        },
      },
      cache,
    );
    const calls: unknown[][] = [
      [],
      [1],
      ['1'],
      [''],
      ['\u00001'],
      [1, 2],
      ['1,2'],
      [[1, 2]],
      ['[1,2]'],
      [1, '2'],
      ['1', 2],
      [12, 3],
      [1, 23],
      [null],
      [1, 2, 3],
    ];
    const first = calls.map((args) => echo(...args));
    expect(calls.map((args) => echo(...args))).toEqual(first);
    expect(new Set(first).size).toBe(calls.length);
    expect(read).toEqual(calls);
  });
});

/** The statements that read the database (and take its lock), not only this connection's count of changes. */
const lockingReads = (statements: string[]) => statements.filter((statement) => statement !== 'select total_changes()');

describe('a unit of work that only reads (store.readOnce)', () => {
  it('asks each version once for all of its reads; the next one sees what another connection changed meanwhile', () => {
    const path = `${scratchFolder()}/thidua.sqlite`;
    const statements: string[] = [];
    const bot = open(path, (statement) => statements.push(statement)).store;
    imported(bot, DEMO_YAML);
    snapshot(bot);
    statements.length = 0;
    bot.readOnce(() => {
      expect(snapshot(bot)).toEqual(BEFORE);
      expect(snapshot(bot)).toEqual(BEFORE);
      imported(open(path).store, CHANGED_DEMO_YAML);
      // One unit of work sees the database as it was when it began.
      expect(snapshot(bot)).toEqual(BEFORE);
    });
    // Every version once: the data's, then those kept by triggers; before each of its 15 reads only what this connection wrote.
    expect(lockingReads(statements)).toEqual([
      'pragma data_version',
      'select (select version from configuration_version where id = 1), (select pledges from data_versions where id = 1), (select people from data_versions where id = 1), (select terms from data_versions where id = 1), (select reports from data_versions where id = 1)',
    ]);
    expect(statements.filter((statement) => statement === 'select total_changes()')).toHaveLength(15);
    expect(snapshot(bot)).toEqual(AFTER);
  });

  it('sees at once what this connection writes in it outside a transaction', () => {
    const { handle, store } = open(':memory:');
    imported(store, DEMO_YAML);
    store.people.choose('U0TP0001', 'en');
    store.readOnce(() => {
      expect(store.people.get('U0TP0001')?.chosenLocale).toBe('en');
      expect(store.structure.unitByCode('STP')?.name).toBe('Sở Tư pháp');
      store.people.choose('U0TP0001', 'vi');
      handle.sqlite.prepare("update units set name = 'Sở Tư pháp tỉnh' where code = 'STP'").run();
      expect(store.people.get('U0TP0001')?.chosenLocale).toBe('vi');
      expect(store.structure.unitByCode('STP')?.name).toBe('Sở Tư pháp tỉnh');
    });
  });

  it('reads the configuration version only when something was written since: by this connection, or by another', () => {
    const path = `${scratchFolder()}/thidua.sqlite`;
    const statements: string[] = [];
    const { handle, store: bot } = open(path, (statement) => statements.push(statement));
    imported(bot, DEMO_YAML);
    bot.readOnce(() => snapshot(bot));
    statements.length = 0;
    bot.readOnce(() => expect(snapshot(bot)).toEqual(BEFORE));
    expect(lockingReads(statements)).toEqual(['pragma data_version']);
    handle.sqlite.prepare("update units set name = 'Sở Tư pháp (mới)' where code = 'STP'").run();
    bot.readOnce(() => expect(bot.structure.unitByCode('STP')?.name).toBe('Sở Tư pháp (mới)'));
    bot.readOnce(() => expect(bot.structure.unitByCode('STP')?.name).toBe('Sở Tư pháp (mới)'));
    imported(open(path).store, CHANGED_DEMO_YAML);
    bot.readOnce(() => expect(snapshot(bot)).toEqual(AFTER));
  });

  it('sees what a transaction inside it wrote, in the transaction and after it', () => {
    const { handle, store } = open(':memory:');
    imported(store, DEMO_YAML);
    store.readOnce(() => {
      expect(store.structure.unitByCode('STP')?.name).toBe('Sở Tư pháp');
      store.transaction((tx) => {
        handle.sqlite.prepare("update units set name = 'Sở Tư pháp tỉnh' where code = 'STP'").run();
        expect(tx.structure.unitByCode('STP')?.name).toBe('Sở Tư pháp tỉnh');
      });
      expect(store.structure.unitByCode('STP')?.name).toBe('Sở Tư pháp tỉnh');
      expect(() =>
        store.transaction(() => {
          handle.sqlite.prepare("update units set name = 'Chưa lưu' where code = 'STP'").run();
          throw new Error('rolled back');
        }),
      ).toThrow('rolled back');
      expect(store.structure.unitByCode('STP')?.name).toBe('Sở Tư pháp tỉnh');
    });
  });
});

describe('the configuration version', () => {
  const OPERATIONAL = new Set([
    // Written in the normal course of work (not configuration): no trigger, nothing of them cached.
    'meta',
    'configuration_version',
    'data_versions',
    'pledges',
    'pledge_versions',
    'pledge_targets',
    'pledge_indicator_targets',
    'reports',
    'report_versions',
    'report_values',
    'reviews',
    'review_scores',
    'review_corrections',
    'standings_snapshots',
    'directives',
    'directive_numbers',
    'directive_words',
    'outbox',
    'audit_log',
    'processed_events',
    'deliberations',
    'ballots',
    'vote_tallies',
    // A unit's own due or reopened report and what the bot keeps of a person (data areas, below).
    'due_extensions',
    'report_reopenings',
    'people',
    'summary_holds',
    'manual_nudges',
  ]);

  it('has insert, update and delete triggers on every configuration table; a new table must be one or the other', () => {
    const { handle } = open(':memory:');
    const tables = (
      handle.sqlite
        .prepare(
          "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' and name not like 'directive_search%'",
        )
        .all() as { name: string }[]
    ).map((row) => row.name);
    const triggers = new Set(
      (handle.sqlite.prepare("select name from sqlite_master where type = 'trigger'").all() as { name: string }[]).map((row) => row.name),
    );
    const configuration = tables.filter((table) => !OPERATIONAL.has(table));
    expect(configuration.sort()).toEqual(
      [
        'admins',
        'block_units',
        'block_year_units',
        'block_years',
        'blocks',
        'criteria',
        'holidays',
        'officers',
        'organisation',
        'periods',
        'titles',
        'units',
        'years',
      ].sort(),
    );
    // A table added to the schema is configuration until listed above as operational: give it the
    // three triggers in a migration (as db/migrations/0007_configuration_version_triggers.sql does).
    const missing = configuration.flatMap((table) =>
      ['insert', 'update', 'delete']
        .map((operation) => `configuration_version_${table}_${operation}`)
        .filter((name) => !triggers.has(name)),
    );
    expect(missing).toEqual([]);
  });

  it('goes up with a write to each configuration table, inside the writing transaction', () => {
    const { handle, store } = open(':memory:');
    imported(store, DEMO_YAML);
    const version = () => (handle.sqlite.prepare('select version from configuration_version').get() as { version: number }).version;
    for (const statement of [
      "update organisation set name = name || ' '",
      "insert into admins (user_id) values ('U0ADMIN09')",
      "delete from holidays where date = '2021-01-01'",
      "update titles set position = position + 1 where name = 'Cờ thi đua của Chính phủ'",
      "update units set name = 'Thanh tra' where code = 'TT'",
      "delete from officers where user_id = 'U0TT0001'",
      "update blocks set name = name || ' ' where code = 'VH_XH'",
      "update block_units set position = position where block_id = (select id from blocks where code = 'VH_XH')",
      "update years set theme = 'x' where year = 2021",
      'update block_years set theme = null where year = 2021',
      'update block_year_units set position = position where year = 2021',
      "update periods set name = 'Quý 1' where code = 'Q1'",
      "update criteria set name = name || ' ' where code = '1'",
    ]) {
      const before = version();
      handle.sqlite.prepare(statement).run();
      expect(version(), statement).toBeGreaterThan(before);
    }
  });
});

describe('the reports and pledges a block’s tables read', () => {
  const AT = new Date('2021-04-08T03:00:00Z');
  const STP = 'U0TP0001';

  /** Sở Tư pháp's Q1 report in force as a block-wide read sees it: its value of criterion 1. */
  function stpValue(store: Store): number | null | undefined {
    const block = store.structure.blockByCode('NOI_CHINH')!;
    const period = store.structure.periods(2021).find((candidate) => candidate.code === 'Q1')!;
    const stp = store.structure.unitByCode('STP')!;
    const criterion = store.structure.criteria(2021, block.id).find((candidate) => candidate.code === '1')!;
    const units = store.structure.members(block.id).map((member) => member.id);
    return store.reports.forUnits(period.id, units).get(stp.id)?.inForce?.values.get(criterion.id)?.value;
  }

  function report(store: Store, value: number): void {
    seedReport(store, { unitCode: 'STP', periodCode: 'Q1', values: { '1': value }, by: STP, at: AT });
  }

  it('are answered from memory until something is written: one version check each', () => {
    const statements: string[] = [];
    const { store } = open(':memory:', (statement) => statements.push(statement));
    imported(store, DEMO_YAML);
    report(store, 80);
    expect(stpValue(store)).toBe(80);
    statements.length = 0;
    expect(stpValue(store)).toBe(80);
    expect(statements.filter((statement) => /from "(reports|report_versions|report_values|reviews)"/.test(statement))).toEqual([]);
  });

  it('see a report stored in this process, and one stored by another connection to the same file', () => {
    const path = `${scratchFolder()}/thidua.sqlite`;
    const bot = open(path).store;
    imported(bot, DEMO_YAML);
    expect(stpValue(bot)).toBeUndefined();
    report(bot, 80);
    expect(stpValue(bot)).toBe(80);
    report(open(path).store, 95);
    expect(stpValue(bot)).toBe(95);
  });

  it('never keep what a rolled-back transaction wrote', () => {
    const { store } = open(':memory:');
    imported(store, DEMO_YAML);
    report(store, 80);
    expect(stpValue(store)).toBe(80);
    expect(() =>
      store.transaction((tx) => {
        report(tx, 10);
        expect(stpValue(store)).toBe(10);
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    expect(stpValue(store)).toBe(80);
  });
});

describe('who a person is to the bot (their language)', () => {
  const ME = 'U0TP0001';

  it('is read once between writes, and a unit of work asks both versions once', () => {
    const statements: string[] = [];
    const { store } = open(':memory:', (statement) => statements.push(statement));
    imported(store, DEMO_YAML);
    store.people.choose(ME, 'en');
    statements.length = 0;
    store.readOnce(() => {
      expect(store.people.get(ME)?.chosenLocale).toBe('en');
      expect(store.structure.unitByCode('STP')?.name).toBe('Sở Tư pháp');
      expect(store.people.get(ME)?.chosenLocale).toBe('en');
    });
    expect(statements.filter((statement) => /from "people"/.test(statement))).toHaveLength(1);
    expect(statements.filter((statement) => /version/.test(statement))).toHaveLength(2);
    statements.length = 0;
    store.readOnce(() => expect(store.people.get(ME)?.chosenLocale).toBe('en'));
    expect(statements.filter((statement) => /from "people"/.test(statement))).toEqual([]);
  });

  it('is seen as changed at once: here, in a transaction inside a unit of work, and by another connection between two', () => {
    const path = `${scratchFolder()}/thidua.sqlite`;
    const bot = open(path).store;
    imported(bot, DEMO_YAML);
    expect(bot.people.get(ME)).toBeUndefined();
    bot.people.choose(ME, 'en');
    expect(bot.people.get(ME)?.chosenLocale).toBe('en');
    bot.readOnce(() => {
      expect(bot.people.get(ME)?.chosenLocale).toBe('en');
      bot.transaction((tx) => tx.people.choose(ME, 'vi'));
      expect(bot.people.get(ME)?.chosenLocale).toBe('vi');
    });
    bot.readOnce(() => expect(bot.people.get(ME)?.chosenLocale).toBe('vi'));
    open(path).store.people.choose(ME, 'en');
    bot.readOnce(() => expect(bot.people.get(ME)?.chosenLocale).toBe('en'));
  });
});

describe('a block’s standings (store.remember)', () => {
  function q1OfNoiChinh(store: Store) {
    const block = store.structure.blockByCode('NOI_CHINH')!;
    const period = store.structure.periods(2021).find((candidate) => candidate.code === 'Q1')!;
    return standingsFor(store, block.id, period.id)!;
  }
  const stpReported = (store: Store) =>
    q1OfNoiChinh(store).standings.rows.find((row) => row.unitId === store.structure.unitByCode('STP')!.id)?.reported;

  it('are read and scored once until something is written, then again: here or by another connection', () => {
    const path = `${scratchFolder()}/thidua.sqlite`;
    const bot = open(path).store;
    imported(bot, DEMO_YAML);
    const first = q1OfNoiChinh(bot);
    expect(q1OfNoiChinh(bot)).toBe(first);
    expect(stpReported(bot)).toBe(false);
    seedReport(open(path).store, {
      unitCode: 'STP',
      periodCode: 'Q1',
      values: { '1': 80 },
      by: 'U0TP0001',
      at: new Date('2021-04-08T03:00:00Z'),
    });
    expect(stpReported(bot)).toBe(true);
    imported(bot, CHANGED_DEMO_YAML);
    expect(q1OfNoiChinh(bot).members.find((unit) => unit.code === 'STP')?.name).toBe('Sở Tư pháp tỉnh');
  });
});

describe('the data areas with a version of their own (pledges, people, units’ own terms)', () => {
  /** Each area's tables: every write to one bumps the area's version in data_versions (migration 0013). */
  const AREAS = {
    pledges: ['pledges', 'pledge_versions', 'pledge_targets', 'pledge_indicator_targets'],
    people: ['people'],
    terms: ['due_extensions', 'report_reopenings'],
    reports: ['reports', 'report_versions', 'report_values', 'reviews', 'review_scores', 'review_corrections'],
  };
  const AT = new Date('2021-04-08T03:00:00Z');
  const STP = 'U0TP0001';

  /** Sở Tư pháp's pledge for 2021 as the report form reads it: its target of criterion 1 and of an indicator, and its version. */
  function stpPledge(store: Store) {
    const stp = store.structure.unitByCode('STP')!;
    const criterion = criterionOne(store);
    const inForce = store.pledges.forUnits(2021, [stp.id]).get(stp.id)?.inForce;
    return { version: inForce?.version, target: inForce?.targets.get(criterion), indicator: inForce?.indicatorTargets.get(criterion)?.k };
  }

  /** Criterion 1 of Sở Tư pháp's block in 2021. */
  const criterionOne = (store: Store) =>
    store.structure.criteria(2021, store.structure.blockByCode('NOI_CHINH')!.id).find((candidate) => candidate.code === '1')!.id;

  /** Sở Tư pháp's own terms for Q1 as the report form reads them: its extended due and the end of its reopening (UTC ms). */
  function stpTerms(store: Store) {
    const stp = store.structure.unitByCode('STP')!;
    const q1 = store.structure.periods(2021).find((candidate) => candidate.code === 'Q1')!;
    return {
      due: store.dues.extensions(q1.id, [stp.id]).get(stp.id)?.due.getTime(),
      until: store.dues.reopening(q1.id, stp.id)?.until.getTime(),
      // Whose Home a submission redraws: read with the people.
      withHome: store.people.withHome([STP]),
    };
  }

  function pledged(store: Store, target: number): void {
    seedPledge(store, { unitCode: 'STP', targets: { '1': target }, by: STP, at: AT });
  }

  it('has insert, update and delete triggers on each table of an area, and no other table has them', () => {
    const { handle } = open(':memory:');
    const triggers = (
      handle.sqlite.prepare("select name from sqlite_master where type = 'trigger' and name like 'data_versions_%'").all() as {
        name: string;
      }[]
    )
      .map((row) => row.name)
      .sort();
    const expected = Object.values(AREAS).flatMap((tables) =>
      tables.flatMap((table) => ['insert', 'update', 'delete'].map((operation) => `data_versions_${table}_${operation}`)),
    );
    // A version's values are inserted only with it: its insert counts for them (below).
    expect(triggers).toEqual(expected.filter((name) => name !== 'data_versions_report_values_insert').sort());
  });

  it('count a version’s values with the version: the one write of report_values inserts the values of the version just inserted', () => {
    // report_values has no insert trigger (migration 0016: it bumped the reports' version twenty times a
    // submission). That holds only while every insert of values comes with its version's, in one transaction:
    // every file of the product that names the table, and every write to it, are these.
    const root = new URL('../../', import.meta.url);
    const productFiles = (folder: string): string[] =>
      readdirSync(new URL(folder, root), { recursive: true, encoding: 'utf8' })
        .filter((file) => /\.(ts|mjs|cjs|js)$/.test(file))
        .map((file) => `${folder}/${file}`);
    const sources = ['src', 'db', 'commands', 'bin']
      .flatMap(productFiles)
      .filter((file) => !file.startsWith('db/migrations/'))
      .map((file) => ({ file, source: readFileSync(new URL(file, root), 'utf8') }));
    expect(sources.length).toBeGreaterThan(100);
    expect(sources.filter(({ source }) => /reportValues|report_values/.test(source)).map(({ file }) => file)).toEqual([
      'db/schema.ts',
      'db/store/reports.ts',
    ]);
    const reports = sources.find(({ file }) => file === 'db/store/reports.ts')!.source;
    const sqlWrites = /\b(insert\s+(or\s+\w+\s+)?into|replace\s+into|update(\s+or\s+\w+)?|delete\s+from)\s+[`"']?report_values/gi;
    expect(reports.match(sqlWrites)).toEqual(['insert into report_values']);
    expect(reports.match(/\.(insert|update|delete)\(\s*reportValues\s*\)/g)).toBeNull();
    expect(reports.match(/\.addValues\(/g)).toHaveLength(1);
    const add = reports.slice(reports.indexOf('add(entry: NewReportVersion)'));
    const inAdd = add.slice(0, add.indexOf('\n    },\n'));
    expect(inAdd.indexOf('statement.addVersion()')).toBeGreaterThan(0);
    expect(inAdd.indexOf('statement.addValues(')).toBeGreaterThan(inAdd.indexOf('statement.addVersion()'));
  });

  it('are not read again after a report is stored, nor after any other write outside their area', () => {
    const statements: string[] = [];
    const { store } = open(':memory:', (statement) => statements.push(statement));
    imported(store, DEMO_YAML);
    pledged(store, 100);
    store.people.choose(STP, 'en');
    expect(stpPledge(store).target).toBe(100);
    expect(store.people.get(STP)?.chosenLocale).toBe('en');
    expect(stpTerms(store)).toEqual({ due: undefined, until: undefined, withHome: [] });
    seedReport(store, { unitCode: 'STP', periodCode: 'Q1', values: { '1': 80 }, by: STP, at: AT });
    store.transaction((tx) => tx.events.claim('view:V1', 'view_submission', AT));
    statements.length = 0;
    store.readOnce(() => {
      expect(stpPledge(store).target).toBe(100);
      expect(store.people.get(STP)?.chosenLocale).toBe('en');
      expect(stpTerms(store)).toEqual({ due: undefined, until: undefined, withHome: [] });
    });
    expect(
      statements.filter((statement) =>
        /from "(pledges|pledge_versions|pledge_targets|pledge_indicator_targets|people|due_extensions|report_reopenings)"/.test(statement),
      ),
    ).toEqual([]);
  });

  it('see a change to each table of their area between two reads: here, inside a transaction, and by another connection', () => {
    const path = `${scratchFolder()}/thidua.sqlite`;
    const { handle, store: bot } = open(path);
    imported(bot, DEMO_YAML);
    pledged(bot, 100);
    expect(stpPledge(bot)).toEqual({ version: 1, target: 100, indicator: undefined });
    const other = open(path).handle.sqlite;
    const stpPledgeId = bot.pledges.find(2021, bot.structure.unitByCode('STP')!.id)!.id;
    const versionId = `(select id from pledge_versions where pledge_id = ${stpPledgeId})`;
    const criterionId = criterionOne(bot);

    // pledge_targets: updated here, then by another connection.
    handle.sqlite.prepare(`update pledge_targets set value = 90 where version_id = ${versionId}`).run();
    expect(stpPledge(bot).target).toBe(90);
    other.prepare(`update pledge_targets set value = 95 where version_id = ${versionId}`).run();
    expect(stpPledge(bot).target).toBe(95);
    // pledge_indicator_targets: inserted by another connection, deleted here.
    other
      .prepare(
        `insert into pledge_indicator_targets (version_id, criterion_id, indicator, value) values (${versionId}, ${criterionId}, 'k', 7)`,
      )
      .run();
    expect(stpPledge(bot).indicator).toBe(7);
    handle.sqlite.prepare(`delete from pledge_indicator_targets where version_id = ${versionId}`).run();
    expect(stpPledge(bot).indicator).toBeUndefined();
    // pledge_versions: renumbered by another connection.
    other.prepare(`update pledge_versions set version = 3 where pledge_id = ${stpPledgeId}`).run();
    expect(stpPledge(bot).version).toBe(3);
    // pledges: the row moved to another unit by another connection, then back here inside a transaction (read there, then after).
    other.prepare(`update pledges set unit_id = (select id from units where code = 'TT') where id = ${stpPledgeId}`).run();
    expect(stpPledge(bot).version).toBeUndefined();
    bot.readOnce(() => {
      expect(stpPledge(bot).version).toBeUndefined();
      bot.transaction((tx) => {
        handle.sqlite.prepare(`update pledges set unit_id = (select id from units where code = 'STP') where id = ${stpPledgeId}`).run();
        expect(stpPledge(tx).version).toBe(3);
      });
      expect(stpPledge(bot).version).toBe(3);
    });
    // people: inserted by another connection, changed and deleted here.
    expect(bot.people.get(STP)).toBeUndefined();
    other.prepare(`insert into people (user_id, chosen_locale) values ('${STP}', 'en')`).run();
    expect(bot.people.get(STP)?.chosenLocale).toBe('en');
    handle.sqlite.prepare(`update people set chosen_locale = 'vi' where user_id = '${STP}'`).run();
    expect(bot.people.get(STP)?.chosenLocale).toBe('vi');
    handle.sqlite.prepare(`update people set home_opened_at = 1 where user_id = '${STP}'`).run();
    expect(stpTerms(bot).withHome).toEqual([STP]);
    handle.sqlite.prepare(`delete from people where user_id = '${STP}'`).run();
    expect(bot.people.get(STP)).toBeUndefined();
    expect(stpTerms(bot).withHome).toEqual([]);
    // due_extensions: granted by another connection, changed here; report_reopenings: granted here, withdrawn by another connection.
    const grant =
      "(select id from periods where code = 'Q1' and year = 2021), (select id from units where code = 'STP'), 'lý do', 'U0ADMIN01', 0";
    other.prepare(`insert into due_extensions (period_id, unit_id, reason, granted_by, granted_at, due) values (${grant}, 1000)`).run();
    expect(stpTerms(bot).due).toBe(1000);
    handle.sqlite.prepare('update due_extensions set due = 2000').run();
    expect(stpTerms(bot).due).toBe(2000);
    handle.sqlite
      .prepare(`insert into report_reopenings (period_id, unit_id, reason, granted_by, granted_at, until) values (${grant}, 3000)`)
      .run();
    expect(stpTerms(bot).until).toBe(3000);
    other.prepare('delete from report_reopenings').run();
    other.prepare('delete from due_extensions').run();
    expect(stpTerms(bot)).toEqual({ due: undefined, until: undefined, withHome: [] });
  });

  it('never keep what a rolled-back transaction wrote, even when the version comes back to the same number', () => {
    const { handle, store } = open(':memory:');
    imported(store, DEMO_YAML);
    pledged(store, 100);
    expect(stpPledge(store).target).toBe(100);
    expect(() =>
      store.transaction((tx) => {
        handle.sqlite.prepare('update pledge_targets set value = 10').run();
        expect(stpPledge(tx).target).toBe(10);
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    expect(stpPledge(store).target).toBe(100);
    // One committed write to the area: its version is back to the number the rolled-back one had reached.
    handle.sqlite
      .prepare(
        "insert into pledge_indicator_targets (version_id, criterion_id, indicator, value) select version_id, criterion_id, 'k', 1 from pledge_targets limit 1",
      )
      .run();
    expect(stpPledge(store).target).toBe(100);
    handle.sqlite.prepare('update pledge_targets set value = 20').run();
    expect(stpPledge(store).target).toBe(20);
  });
});

describe('the reports kept with what a submission wrote (ReadCache.amend)', () => {
  const AT = new Date('2021-04-08T03:00:00Z');
  const STP = 'U0TP0001';
  const REPORT_READS = /from "(reports|report_versions|report_values|reviews|review_scores|review_corrections)"/;

  /** Sở Tư pháp's Q1 report as its form reads it, and its block's as a status table does. */
  function reads(store: Store) {
    const block = store.structure.blockByCode('NOI_CHINH')!;
    const period = store.structure.periods(2021).find((candidate) => candidate.code === 'Q1')!;
    const stp = store.structure.unitByCode('STP')!;
    const units = store.structure.members(block.id).map((member) => member.id);
    return { form: store.reports.forUnits(period.id, [stp.id]), block: store.reports.forUnits(period.id, units) };
  }

  /** A version of Sở Tư pháp's Q1 report as a submission stores it: pending ones withdrawn, then the new one (with a level and a reason). */
  function submit(tx: Store, value: number, status: 'accepted' | 'pending' = 'accepted', reportId = stpReport(tx)) {
    const [first, second] = tx.structure.criteria(2021, tx.structure.blockByCode('NOI_CHINH')!.id);
    if (status === 'accepted') tx.reports.withdrawPending(reportId, { by: STP, at: AT });
    return tx.reports.add({
      reportId,
      status,
      values: new Map([
        [second!.id, { value: null, reason: 'không phát sinh', detail: { items: ['b', 'a'] } }],
        [first!.id, { value, reason: null }],
      ]),
      evidenceUrl: null,
      notes: `lần ${value}`,
      submittedBy: STP,
      actingAsAdmin: false,
      submittedAt: AT,
      late: false,
    });
  }

  /** The id of Sở Tư pháp's Q1 report, made on first use. */
  function stpReport(store: Store): number {
    const block = store.structure.blockByCode('NOI_CHINH')!;
    const stp = store.structure.unitByCode('STP')!;
    const period = store.structure.periods(2021).find((candidate) => candidate.code === 'Q1')!;
    return (store.reports.find(period.id, stp.id) ?? store.reports.ensure(period.id, stp.id, block.id)).id;
  }

  /** The bot's store and, on the same file, another connection and a store that keeps nothing yet (what a read gives now). */
  function setUp() {
    const path = `${scratchFolder()}/thidua.sqlite`;
    const statements: string[] = [];
    const bot = open(path, (statement) => statements.push(statement));
    imported(bot.store, DEMO_YAML);
    return { ...bot, statements, path, fresh: () => reads(createStore(bot.handle.db)), other: open(path) };
  }

  it('are not read again after a submission: what it stored is kept as a read would give it', () => {
    const { store, statements, fresh } = setUp();
    store.transaction((tx) => submit(tx, 80));
    expect(reads(store)).toEqual(fresh());
    store.transaction((tx) => submit(tx, 85, 'pending'));
    expect(reads(store)).toEqual(fresh());
    const reviewed = reads(store).form.get(store.structure.unitByCode('STP')!.id)!.inForce!;
    seedReview(store, { version: reviewed, unitCode: 'STP', scores: { '1': 5 }, by: 'U0LEAD01', at: AT });
    expect(reads(store)).toEqual(fresh());
    const reportId = stpReport(store);
    statements.length = 0;
    const kept = store.readOnce(() => {
      store.transaction((tx) => {
        reads(tx);
        submit(tx, 90, 'accepted', reportId);
      });
      return reads(store);
    });
    expect(statements.filter((statement) => REPORT_READS.test(statement) && !/^(insert|update)/.test(statement))).toEqual([]);
    expect(kept).toEqual(fresh());
    expect(reads(store)).toEqual(fresh());
    const stp = reads(store).form.get(store.structure.unitByCode('STP')!.id)!;
    expect([stp.first?.version, stp.inForce?.version, stp.inForce?.notes, stp.pending, stp.review]).toEqual([
      1,
      3,
      'lần 90',
      undefined,
      undefined,
    ]);
  });

  it('follow every other write to the reports: a review, a decision, a write beside the submission in its transaction', () => {
    const { store, handle, fresh } = setUp();
    store.transaction((tx) => submit(tx, 80));
    reads(store);
    // Reviewed outside a submission: the review is read.
    const version = reads(store).form.get(store.structure.unitByCode('STP')!.id)!.inForce!;
    seedReview(store, { version, unitCode: 'STP', scores: { '1': 5 }, by: 'U0LEAD01', at: AT });
    expect(reads(store)).toEqual(fresh());
    expect(reads(store).form.get(store.structure.unitByCode('STP')!.id)?.review).toBeDefined();
    // A pending change accepted by the lead in a transaction.
    const pending = store.transaction((tx) => submit(tx, 70, 'pending'));
    reads(store);
    store.transaction((tx) => tx.reports.decide(pending.id, 'accepted', { by: 'U0LEAD01', at: AT }));
    expect(reads(store)).toEqual(fresh());
    // A write that does not amend, in the submission's transaction: before it, and after it.
    store.transaction((tx) => {
      handle.sqlite.prepare("update report_versions set notes = 'trước'").run();
      submit(tx, 60);
    });
    expect(reads(store)).toEqual(fresh());
    expect(reads(store).form.get(store.structure.unitByCode('STP')!.id)?.first?.notes).toBe('trước');
    store.transaction((tx) => {
      submit(tx, 61);
      handle.sqlite.prepare("update report_versions set notes = 'đã sửa'").run();
    });
    expect(reads(store)).toEqual(fresh());
    expect(reads(store).form.get(store.structure.unitByCode('STP')!.id)?.inForce?.notes).toBe('đã sửa');
  });

  it('follow what another connection wrote before the submission, and keep nothing of one rolled back, whole or in a savepoint', () => {
    const { store, handle, other, fresh } = setUp();
    const oneValueWritten = (reason: string) =>
      handle.sqlite
        .prepare(
          'update report_values set reason = ? where (version_id, criterion_id) in (select version_id, criterion_id from report_values limit 1)',
        )
        .run(reason);
    store.transaction((tx) => submit(tx, 80));
    reads(store);
    // Another process's write between the last read and the submission.
    other.handle.sqlite.prepare("update report_versions set notes = 'khác'").run();
    store.transaction((tx) => submit(tx, 81));
    expect(reads(store)).toEqual(fresh());
    expect(reads(store).form.get(store.structure.unitByCode('STP')!.id)?.first?.notes).toBe('khác');
    // Rolled back whole.
    expect(() =>
      store.transaction((tx) => {
        submit(tx, 10);
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    // As far as it had moved the reports' version (its version; the values ride on it): back to the number it had reached.
    oneValueWritten('sau');
    expect(reads(store)).toEqual(fresh());
    expect(reads(store).form.get(store.structure.unitByCode('STP')!.id)?.inForce?.notes).toBe('lần 81');
    // A savepoint rolled back after a submission, then the version moved as far again beside the reports' own writes.
    store.transaction((tx) => {
      expect(() =>
        tx.transaction((inner) => {
          submit(inner, 20);
          throw new Error('savepoint');
        }),
      ).toThrow('savepoint');
      oneValueWritten('ngoài');
    });
    expect(reads(store)).toEqual(fresh());
    // A store's transaction begun inside another is a savepoint: what it amended waits for the outer one, here rolled back.
    expect(() =>
      store.transaction(() => {
        store.transaction((inner) => submit(inner, 30));
        throw new Error('outer');
      }),
    ).toThrow('outer');
    oneValueWritten('sau nữa');
    expect(reads(store)).toEqual(fresh());
  });
});

describe('the report form’s criteria, mapped once per table read (criteriaAskedOf)', () => {
  const V2 = readFileSync(new URL('../fixtures/version-2-example.yaml', import.meta.url), 'utf8');
  /** What each criterion asks of the unit, by code. */
  const asks = (store: Store, unitCode: string) => {
    const block = store.structure.blockByCode('NOI_CHINH')!;
    return Object.fromEntries(criteriaAskedOf(store, 2018, block.id, unitCode).map((criterion) => [criterion.code, criterion.ask?.kind]));
  };

  it('asks each unit its own, and follows a table changed by an import', () => {
    const { store } = open(':memory:');
    imported(store, V2);
    const block = store.structure.blockByCode('NOI_CHINH')!;
    // 1.1 has indicators for Công an, a figure for Thanh tra; 1.3 applies to Thanh tra only.
    expect(asks(store, 'CA')).toMatchObject({ '1.1': 'indicators', '1.3': 'none' });
    expect(asks(store, 'TT')).toMatchObject({ '1.1': 'figure', '1.3': 'yes_no' });
    expect(asks(store, 'CA')).toMatchObject({ '1.1': 'indicators', '1.3': 'none' });
    const kept = criteriaAskedOf(store, 2018, block.id, 'CA');
    expect(criteriaAskedOf(store, 2018, block.id, 'CA')).toBe(kept);
    expect(Object.isFrozen(kept) && kept.every((criterion) => Object.isFrozen(criterion))).toBe(true);

    imported(store, V2.replace('kind: yes_no, applies_to: [TT] }', 'kind: yes_no, applies_to: [CA] }'));
    expect(asks(store, 'CA')).toMatchObject({ '1.1': 'indicators', '1.3': 'yes_no' });
    expect(asks(store, 'TT')).toMatchObject({ '1.1': 'figure', '1.3': 'none' });
  });

  it('pages and fingerprints the table once per read, and follows a table changed by an import', () => {
    const { store } = open(':memory:');
    imported(store, V2);
    const block = store.structure.blockByCode('NOI_CHINH')!;
    const criteria = () => criteriaAskedOf(store, 2018, block.id, 'TT');
    /** The fingerprint and pages of the criteria as they stand, worked out afresh from an unfrozen copy. */
    const afresh = () => {
      const copy = criteria().map((criterion) => ({ ...criterion }));
      return {
        fingerprint: fingerprint(copy),
        pages: reportPages({ criteria: copy }).map((page) => page.map((criterion) => criterion.code)),
      };
    };
    const before = { fingerprint: fingerprint(criteria()), pages: reportPages({ criteria: criteria() }) };
    expect(reportPages({ criteria: criteria() })).toBe(before.pages);
    expect(Object.isFrozen(before.pages) && before.pages.every((page) => Object.isFrozen(page))).toBe(true);
    expect({ fingerprint: before.fingerprint, pages: before.pages.map((page) => page.map((criterion) => criterion.code)) }).toEqual(
      afresh(),
    );

    // 1.3 is scored another way: the modals drawn before no longer match (their fingerprint), and the pages hold the new criterion.
    imported(store, V2.replace('kind: yes_no, applies_to: [TT] }', 'kind: graded, applies_to: [TT] }'));
    const after = { fingerprint: fingerprint(criteria()), pages: reportPages({ criteria: criteria() }) };
    expect(after.fingerprint).not.toBe(before.fingerprint);
    expect({ fingerprint: after.fingerprint, pages: after.pages.map((page) => page.map((criterion) => criterion.code)) }).toEqual(afresh());
    expect(after.pages.flat().find((criterion) => criterion.code === '1.3')?.kind).toBe('graded');
  });

  it('reads the table for scoring once per read, and scores with the table an import changed', () => {
    const { store } = open(':memory:');
    imported(store, V2);
    const block = store.structure.blockByCode('NOI_CHINH')!;
    const scoring = () => scoringCriteria(criteriaAskedOf(store, 2018, block.id, 'TT'));
    const maxOf = (code: string) => scoring().find((criterion) => criterion.code === code)?.maxPoints;
    const before = scoring();
    expect(scoring()).toBe(before);
    expect(Object.isFrozen(before) && before.every((criterion) => Object.isFrozen(criterion))).toBe(true);
    expect(maxOf('1.3')).toBe(10);

    imported(store, V2.replace('max: 10, kind: yes_no, applies_to: [TT] }', 'max: 6, kind: yes_no, applies_to: [TT] }'));
    expect(maxOf('1.3')).toBe(6);
    expect(scoring()).toEqual(scoringCriteria(criteriaAskedOf(store, 2018, block.id, 'TT').map((criterion) => ({ ...criterion }))));
  });
});
