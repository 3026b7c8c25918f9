import { getTableName } from 'drizzle-orm';
import { configurationVersion, dataVersions } from '../schema';
import type { Db } from './types';

/**
 * Reads answered from memory while what they read has not changed, judged by a version of the
 * database read before each call (a prepared statement, a few microseconds):
 * - the configuration (organisation, admins, units, officers, blocks, years, periods, criteria:
 *   what changes only on import or an admin's action) by its guard (versionGuards): triggers on those
 *   tables bump a version inside the writing transaction, whoever writes — this process,
 *   `npx thidua import` in another, a second worker on the same file;
 * - the pledges a form or a table reads, who a person is (their language), a unit's own terms
 *   (extended dues, reopened reports) and the reports a form or a status table reads, each by its
 *   area's version (versionGuards), kept by triggers the same way: a report's submission does not
 *   throw the others away, and what it wrote of its report is written into what is kept (amend);
 * - what is computed from the data (remember), by its guard: any write at all, this connection's
 *   (total_changes) or another's (data_version), so heavy reads are shared between writes, and
 *   never outlive one.
 * A changed version empties the cache and the read goes to the database. Inside a transaction the
 * cache serves while the version is the one it holds (the transaction wrote nothing it depends
 * on); once the transaction has written, its reads go to the database and nothing of them is kept,
 * so an uncommitted write never outlives a rollback.
 *
 * Results are shared by every caller, so they are frozen (rows, arrays, nested objects); a Map or
 * Set result is handed out as a fresh copy over frozen contents (nested ones are shared: read them,
 * never change them).
 */
export class ReadCache {
  private readonly results = new Map<string, Map<unknown, unknown>>();
  private seen: number | string | undefined;
  private readingOnce = false;
  /** What this transaction's writes change in the kept answers, to be kept once it commits (amend); 'spoilt' when unknown. */
  private amending: { version: number; changes: Amendment[] } | 'spoilt' | undefined;

  constructor(private readonly guard: CacheGuard) {}

  /**
   * Runs `work`, which mostly reads, asking the version once for all of its reads instead of before
   * each one (a status table reads the configuration hundreds of times). A transaction inside it
   * asks before each read as usual, and the version is asked again after it (`forget`), as it is
   * after any write of this connection's (the guard's versionInUnit).
   */
  readOnce<T>(work: () => T): T {
    return readingOnce([this], work);
  }

  /** Begins a unit of work (readOnce) unless one is under way: true when this call began it, and is to end it (endUnit). */
  beginUnit(): boolean {
    if (this.readingOnce) return false;
    this.readingOnce = true;
    return true;
  }

  /** Ends the unit of work this cache's beginUnit began. */
  endUnit(): void {
    this.readingOnce = false;
    this.forget();
  }

  /** Forgets the version readOnce read: this connection may have written (a transaction ended). */
  forget(): void {
    this.guard.forgetUnit?.();
  }

  private version(): number | string {
    if (!this.readingOnce || this.guard.inTransaction()) return this.guard.version();
    return (this.guard.versionInUnit ?? this.guard.version)();
  }

  /**
   * Called by a write in a transaction right after it moved the area's version by `rows` (its
   * triggers bump it once a row they count): `change` turns a kept answer of `name` into what it is with the
   * write (the same answer when the write does not touch it; undefined, to read it again, for a
   * read it does not know). When the transaction commits,
   * the kept answers are changed so instead of thrown away, and kept at the version the last
   * amendment saw — only if each amendment found the version at the one the answers were kept at
   * plus the rows of the amendments before it and its own: after any other write to the area (one
   * that does not amend) before it, in the transaction or by another connection, or a savepoint
   * rolled back, nothing is changed and the next read reads. A write after the last amendment
   * leaves the version elsewhere, so the next read reads too.
   */
  amend(rows: number, change: Amendment): void {
    if (this.amending === 'spoilt' || !this.guard.inTransaction()) return;
    const before = this.amending?.version ?? this.seen;
    const now = this.guard.version();
    if (typeof before !== 'number' || now !== before + rows) {
      this.amending = 'spoilt';
      return;
    }
    this.amending ??= { version: now, changes: [] };
    this.amending.version = now;
    this.amending.changes.push(change);
  }

  /** The transaction ended: committed, what it amended is kept (amend); rolled back, nothing is. */
  ended(committed: boolean): void {
    const amending = this.amending;
    this.amending = undefined;
    // A write after the last amendment, or another connection's since the commit, leaves the version
    // elsewhere: the next read sees it, as after any write.
    if (!committed || amending === undefined || amending === 'spoilt') return;
    for (const [name, entries] of this.results)
      for (const [key, value] of entries) {
        let changed: unknown = value;
        for (const change of amending.changes) if (changed !== undefined) changed = change(name, changed);
        if (changed === undefined) entries.delete(key);
        else if (changed !== value) entries.set(key, deepFreeze(changed));
      }
    this.seen = amending.version;
  }

  /** A savepoint inside the transaction rolled back: what it amended is gone, so nothing is kept. */
  spoil(): void {
    if (this.guard.inTransaction()) this.amending = 'spoilt';
  }

  /**
   * `compute()`'s value for (`name`, `args`), from memory while the guard's version holds; at most
   * `maxEntries` values of `name` are kept (all are dropped when it is reached).
   */
  get<T>(name: string, args: readonly unknown[], compute: () => T, maxEntries = MAX_ENTRIES_PER_READ): T {
    return this.answer(name, args, compute, undefined, maxEntries);
  }

  /**
   * get's answer, computed by `compute()` or, without a closure made for every call (cachedReads:
   * a submission makes some twenty-five reads), by `read(...args)`.
   */
  answer<T>(
    name: string,
    args: readonly unknown[],
    compute: (() => T) | undefined,
    read: ((...args: unknown[]) => T) | undefined,
    maxEntries = MAX_ENTRIES_PER_READ,
  ): T {
    const current = this.version();
    if (current !== this.seen) {
      // Inside a transaction a different version may be its own uncommitted write, which must not
      // outlive a rollback: read through and keep nothing. Outside, the version is committed.
      if (this.guard.inTransaction()) return compute ? compute() : read!(...args);
      for (const entries of this.results.values()) entries.clear();
      this.seen = current;
    }
    let byArguments = this.results.get(name);
    if (!byArguments) {
      byArguments = new Map();
      this.results.set(name, byArguments);
    }
    const key = keyOf(args);
    const kept = byArguments.get(key);
    if (kept !== undefined || byArguments.has(key)) return handOut(kept as T);
    // Bounded: lookups by what people type (a unit code) must not grow it without end.
    if (byArguments.size >= maxEntries) byArguments.clear();
    const value = deepFreeze(compute ? compute() : read!(...args));
    byArguments.set(key, value);
    return handOut(value);
  }
}

/**
 * `work` inside each cache's readOnce, as if each were nested in the next (the first begun is the
 * last ended), without a closure or an array made for each cache.
 */
export function readingOnce<T>(caches: readonly ReadCache[], work: () => T): T {
  let begun = 0;
  for (let index = 0; index < caches.length; index++) if (caches[index]!.beginUnit()) begun |= 1 << index;
  try {
    return work();
  } finally {
    for (let index = caches.length - 1; index >= 0; index--) if (begun & (1 << index)) caches[index]!.endUnit();
  }
}

/**
 * The key of a read's arguments: what JSON writes of them, or for the arguments most reads take
 * (one number, one string, two numbers) a key made without JSON that no other arguments share — a
 * number is a key of its own type, a string key begins with a character JSON never writes (NUL),
 * and a pair of numbers has a comma where JSON's array would begin with a bracket.
 */
function keyOf(args: readonly unknown[]): unknown {
  if (args.length === 0) return '';
  const first = args[0];
  if (args.length === 1) {
    if (typeof first === 'number') return first;
    if (typeof first === 'string') return `\u0000${first}`;
  } else if (args.length === 2 && typeof first === 'number' && typeof args[1] === 'number') return `${first},${args[1]}`;
  return JSON.stringify(args);
}

/** A kept answer of the read `name` as a write changed it (ReadCache.amend); undefined to read it again. */
export type Amendment = (name: string, value: unknown) => unknown;

/** `queries` with its functions (`only` these, `except` those) answered through `cache`. */
export function cachedReads<T extends object>(queries: T, cache: ReadCache, which: { only?: (keyof T)[]; except?: (keyof T)[] } = {}): T {
  const cached = {} as Record<string, unknown>;
  for (const [name, read] of Object.entries(queries) as [string, unknown][]) {
    const wanted = (which.only?.includes(name as keyof T) ?? true) && !which.except?.includes(name as keyof T);
    const call = read as (...args: unknown[]) => unknown;
    cached[name] = typeof read === 'function' && wanted ? (...args: unknown[]) => cache.answer(name, args, undefined, call) : read;
  }
  return cached as T;
}

/** What the cache asks the database before each read. */
export interface CacheGuard {
  /** The version now (committed, or this connection's own transaction's). */
  version(): number | string;
  /**
   * The version for a read in a unit of work (readOnce), outside a transaction: read with the other
   * caches' on the unit's first read, and again only after this connection wrote.
   */
  versionInUnit?(): number | string;
  /** The unit of work ended, or a transaction inside it did: what versionInUnit read is read again next time. */
  forgetUnit?(): void;
  /** A transaction is open on the connection (a changed version may be its own, uncommitted). */
  inTransaction(): boolean;
}

type Client = { inTransaction: boolean; prepare(source: string): { pluck(): { get(): unknown }; raw(): { get(): unknown } } };

/** The connection under a drizzle handle on better-sqlite3 (a transaction's handle has none). */
function connectionOf(db: Db): Client {
  const client = (db as Partial<{ $client: Client }>).$client;
  if (!client) throw new Error('the read cache needs the connection itself, not a transaction');
  return client;
}

const CONFIGURATION_VERSION = `(select version from ${getTableName(configurationVersion)} where id = 1)`;
/** The areas of the data with a version of their own in data_versions, kept by triggers on their tables (migration 0013). */
export type DataArea = 'pledges' | 'people' | 'terms' | 'reports';
const areaVersion = (area: DataArea) => `(select ${area} from ${getTableName(dataVersions)} where id = 1)`;

/**
 * The guards of the configuration's cache (configuration_version, kept by triggers), of each data
 * area's (data_versions, kept by triggers) and of the rest of the data's: any write — SQLite's
 * data_version moves when another connection commits, total_changes when this one writes (both only
 * ever grow, so a version never comes back). Each is asked before every read outside a unit of work
 * (a status table reads the configuration hundreds of times: one column, no mapping). PRAGMA
 * data_version is a statement of its own: read through pragma_data_version(), the pragma is
 * prepared again on every read.
 *
 * A unit of work (readOnce) asks for data_version on its first read and, before each later read,
 * only for total_changes: a statement that touches no table takes no lock and costs a tenth of one
 * that does (each of those costs 5–10 µs under load, and a command used to run four). So a write of
 * this connection's is seen at once, in a transaction or not, and another connection's commit from
 * the next unit on. The versions kept by triggers (configuration_version, data_versions) are read
 * again only when data_version or total_changes moved since they were last read: nothing else
 * changes them, since their triggers write in the transaction that changed their tables, by this
 * connection (total_changes counts that write) or by another (data_version counts that commit).
 */
export function versionGuards(db: Db): { configuration: CacheGuard; data: CacheGuard } & Record<DataArea, CacheGuard> {
  const client = connectionOf(db);
  const dataVersion = client.prepare('pragma data_version').pluck();
  const changes = client.prepare('select total_changes()').pluck();
  const inOne = client
    .prepare(
      `select ${CONFIGURATION_VERSION}, ${areaVersion('pledges')}, ${areaVersion('people')}, ${areaVersion('terms')}, ${areaVersion('reports')}`,
    )
    .raw();
  type Kept = { configuration: number; pledges: number; people: number; terms: number; reports: number };
  /** The versions kept by triggers last read in a unit, with the data_version and total_changes read just before them. */
  let known: (Kept & { dataVersion: number; changes: number }) | undefined;
  /** This unit's versions, read when this connection's total_changes was `changes`. */
  let unit: (Kept & { changes: number; data: string }) | undefined;
  const inUnit = () => {
    const changed = changes.get() as number;
    if (unit?.changes === changed) return unit;
    // data_version before the versions kept by triggers: a commit between the two is then taken for
    // one after both, and they are read again next time, never the other way round.
    const data = dataVersion.get() as number;
    if (known?.dataVersion !== data || known.changes !== changed) {
      const [configuration, pledges, people, terms, reports] = inOne.get() as [number, number, number, number, number];
      known = { dataVersion: data, changes: changed, configuration, pledges, people, terms, reports };
    }
    unit = { ...known, changes: changed, data: `${data}:${changed}` };
    return unit;
  };
  const inTransaction = () => client.inTransaction;
  const forgetUnit = () => {
    unit = undefined;
  };
  const guard = (version: () => number | string, name: keyof Kept | 'data'): CacheGuard => ({
    version,
    versionInUnit: () => inUnit()[name],
    forgetUnit,
    inTransaction,
  });
  const pluck = (source: string) => {
    const statement = client.prepare(`select ${source}`).pluck();
    return () => statement.get() as number;
  };
  return {
    configuration: guard(pluck(CONFIGURATION_VERSION), 'configuration'),
    data: guard(() => `${dataVersion.get()}:${changes.get()}`, 'data'),
    pledges: guard(pluck(areaVersion('pledges')), 'pledges'),
    people: guard(pluck(areaVersion('people')), 'people'),
    terms: guard(pluck(areaVersion('terms')), 'terms'),
    reports: guard(pluck(areaVersion('reports')), 'reports'),
  };
}

const MAX_ENTRIES_PER_READ = 10_000;

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (value instanceof Map) for (const entry of value.values()) deepFreeze(entry);
  else if (value instanceof Set) for (const entry of value) deepFreeze(entry);
  else if (!(value instanceof Date)) for (const entry of Object.values(value)) deepFreeze(entry);
  return Object.freeze(value);
}

function handOut<T>(value: T): T {
  if (value instanceof Map) return new Map(value) as T;
  if (value instanceof Set) return new Set(value) as T;
  return value;
}
