import type Database from 'better-sqlite3';
import { auditQueries, processedEventQueries } from './audit';
import { configurationQueries } from './configuration';
import { deliberationQueries } from './deliberations';
import { directiveQueries } from './directives';
import { draftQueries } from './drafts';
import { dueQueries } from './dues';
import { organisationQueries } from './organisation';
import { importQueries } from './organisation-import';
import { outboxQueries } from './outbox';
import { peopleQueries } from './people';
import { pledgeQueries } from './pledges';
import { cachedReads, ReadCache, readingOnce, versionGuards } from './read-cache';
import { reportQueries } from './reports';
import { snapshotQueries } from './snapshots';
import { Statements } from './statements';
import { structureQueries } from './structure';
import type { Db } from './types';
import { manualNudgeQueries, summaryHoldQueries } from './workflow';

export type { Db } from './types';

export interface Store {
  organisation: ReturnType<typeof organisationQueries>;
  structure: ReturnType<typeof structureQueries>;
  outbox: ReturnType<typeof outboxQueries>;
  audit: ReturnType<typeof auditQueries>;
  events: ReturnType<typeof processedEventQueries>;
  importer: ReturnType<typeof importQueries>;
  pledges: ReturnType<typeof pledgeQueries>;
  reports: ReturnType<typeof reportQueries>;
  drafts: ReturnType<typeof draftQueries>;
  directives: ReturnType<typeof directiveQueries>;
  /** Published standings (standings_snapshots). */
  snapshots: ReturnType<typeof snapshotQueries>;
  /** The year-end deliberations, which units voted and the tallies. */
  deliberations: ReturnType<typeof deliberationQueries>;
  /** Units' own terms for a period: extended dues, reopened reports. */
  dues: ReturnType<typeof dueQueries>;
  /** What admins change in Slack: officers, leads, holidays. */
  configuration: ReturnType<typeof configurationQueries>;
  /** The people the bot has met: their language, their App Home. */
  people: ReturnType<typeof peopleQueries>;
  /**
   * A value computed from the data (a block's standings), kept in memory until anything is written
   * by this process or another (read-cache.ts): `compute` runs again after any write. The value is
   * frozen and shared: read it, never change it. At most `maxEntries` values of `name` are kept
   * (default 10,000; all dropped when reached).
   */
  remember<T>(name: string, args: readonly unknown[], compute: () => T, maxEntries?: number): T;
  /**
   * Runs `work` with the versions of the reads answered from memory asked once, not before each
   * read: one command up to its first wait is one unit of work, and sees what other processes
   * committed as it was when it began; its own writes (in a transaction or not) are seen at once.
   */
  readOnce<T>(work: () => T): T;
  /** Leads' holds on automatic summaries. */
  summaryHolds: ReturnType<typeof summaryHoldQueries>;
  /** Leads' “Nhắc” to units, for the interval between two. */
  manualNudges: ReturnType<typeof manualNudgeQueries>;
  /**
   * Runs `work` in one transaction with a store bound to it: all of its writes land, or none. The
   * outermost one begins IMMEDIATE (takes the write lock first, waiting up to the busy timeout), so
   * two processes that read then write on one file queue up instead of one failing with
   * SQLITE_BUSY when the other committed between its read and its write.
   */
  transaction<T>(work: (store: Store) => T): T;
  /**
   * Runs `then` once what this store wrote so far is committed: when the transaction it writes in
   * commits (never if it rolls back, nor if the savepoint it wrote in does), or at once outside a
   * transaction. False, and `then` never runs, inside a transaction the store did not begin (it
   * cannot tell when that one ends).
   */
  afterCommit(then: () => void): boolean;
}

/**
 * The store: typed, synchronous queries grouped by concern, over one drizzle handle. It is created
 * from a handle and passed to whoever needs it — never imported as a singleton — so tests hand the
 * app an in-memory database with the real migrations.
 */
export function createStore(db: Db): Store {
  // One connection, one of each, shared with every transaction's store (it runs on the same
  // connection): the prepared statements, and the reads answered from memory (read-cache.ts) — the
  // configuration until it changes, the pledges, who people are, units' own terms and the reports
  // until theirs do, what is computed from the data until any write.
  const statements = new Statements(db);
  const guards = versionGuards(db);
  const configuration = new ReadCache(guards.configuration);
  const data = new ReadCache(guards.data);
  const pledgeData = new ReadCache(guards.pledges);
  const peopleData = new ReadCache(guards.people);
  const termsData = new ReadCache(guards.terms);
  const reportsData = new ReadCache(guards.reports);
  const client = (db as Partial<{ $client: Database.Database }>).$client;
  if (!client) throw new Error('the store needs the connection itself, not a transaction');
  return storeOver(db, {
    caches: [configuration, data, pledgeData, peopleData, termsData, reportsData],
    // One transaction function for the connection: better-sqlite3 begins it (IMMEDIATE outermost)
    // or, inside one, takes a savepoint, as drizzle's transaction does over it.
    inTransaction: client.transaction((work: (store: Store) => unknown, store: Store) => work(store)),
    transactionOpen: () => client.inTransaction,
    statements,
    organisation: cachedReads(organisationQueries(db), configuration, { except: ['getMeta', 'setMeta'] }),
    structure: cachedReads(structureQueries(db), configuration),
    // A unit's report as its form and the status tables read it: a submission writes what it stored into it.
    reports: cachedReads(
      reportQueries(db, statements, (rows, change) => reportsData.amend(rows, change)),
      reportsData,
      { only: ['forUnits'] },
    ),
    pledges: cachedReads(pledgeQueries(statements), pledgeData, { only: ['forUnits'] }),
    // Who someone is to the bot (their language): read by every command, written rarely.
    // …and whose Home to redraw after a submission.
    people: cachedReads(peopleQueries(db, statements), peopleData, { only: ['get', 'withHome'] }),
    // A unit's extended due and reopened report: read by every report form and status table, granted rarely.
    dues: cachedReads(dueQueries(db, statements), termsData, { only: ['extensions', 'extensionsOfUnit', 'reopening'] }),
    data,
  });
}

interface Connection {
  inTransaction: Database.Transaction<(work: (store: Store) => unknown, store: Store) => unknown>;
  /** Whether a transaction is open on the connection (a store's transaction begun inside it is a savepoint). */
  transactionOpen(): boolean;
  /** The store every transaction runs with, built on the first (its queries run on the same connection). */
  transactionStore?: Store;
  /** What runs once the store's outermost transaction commits (afterCommit); undefined when none is open. */
  commitHooks?: (() => void)[];
  statements: Statements;
  caches: ReadCache[];
  organisation: Store['organisation'];
  structure: Store['structure'];
  reports: Store['reports'];
  pledges: Store['pledges'];
  people: Store['people'];
  dues: Store['dues'];
  data: ReadCache;
}

/** The store over `db` (the connection, or a transaction on it), with what the connection shares. */
function storeOver(db: Db, connection: Connection, nested = false): Store {
  const { statements } = connection;
  return {
    organisation: connection.organisation,
    structure: connection.structure,
    outbox: outboxQueries(db, statements),
    audit: auditQueries(db, statements),
    events: processedEventQueries(statements),
    importer: importQueries(db),
    pledges: connection.pledges,
    reports: connection.reports,
    drafts: draftQueries(statements),
    directives: directiveQueries(db),
    snapshots: snapshotQueries(db, statements),
    deliberations: deliberationQueries(db),
    remember: (name, args, compute, maxEntries) => connection.data.get(name, args, compute, maxEntries),
    readOnce: (work) => readingOnce(connection.caches, work),
    dues: connection.dues,
    configuration: configurationQueries(db),
    people: connection.people,
    summaryHolds: summaryHoldQueries(db, statements),
    manualNudges: manualNudgeQueries(db),
    transaction: <T>(work: (store: Store) => T): T => {
      connection.transactionStore ??= storeOver(db, connection, true);
      if (nested || connection.transactionOpen()) {
        const hooks = connection.commitHooks?.length ?? 0;
        try {
          return connection.inTransaction(work, connection.transactionStore) as T;
        } catch (error) {
          // Its savepoint rolled back what it wrote, and what that amended in the caches.
          for (const cache of connection.caches) cache.spoil();
          connection.commitHooks?.splice(hooks);
          throw error;
        }
      }
      let committed = false;
      const hooks: (() => void)[] = [];
      connection.commitHooks = hooks;
      let result: T;
      try {
        result = connection.inTransaction.immediate(work, connection.transactionStore) as T;
        committed = true;
      } finally {
        connection.commitHooks = undefined;
        for (const cache of connection.caches) {
          cache.ended(committed);
          // It may have written: a unit of work around it asks the versions again.
          cache.forget();
        }
      }
      for (const then of hooks) then();
      return result;
    },
    afterCommit: (then) => {
      if (connection.commitHooks) connection.commitHooks.push(then);
      else if (connection.transactionOpen()) return false;
      else then();
      return true;
    },
  };
}
