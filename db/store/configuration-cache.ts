import { configurationVersion } from '../schema';
import type { Db } from './types';

/**
 * The reads of what changes only on import or an admin's action — the organisation's settings, its
 * units, officers, blocks, years, periods and criteria, who is an admin — answered from memory.
 *
 * Every read first compares the database's configuration version (one prepared single-row SELECT,
 * a few microseconds):
 * triggers on the configuration tables bump it inside the writing transaction, whoever writes — this
 * process, `npx thidua import` in another, a second worker on the same file — so a changed version
 * empties the cache and the read goes to the database. Inside a transaction the cache serves while
 * the version is the one it holds (the transaction changed no configuration); once the transaction
 * has written some, its reads go to the database and nothing of them is kept, so an uncommitted
 * write never outlives a rollback.
 *
 * Results are shared by every caller, so they are frozen (rows, arrays, nested objects); a Map or
 * Set result is handed out as a fresh copy over frozen contents.
 */
export function cachedConfigurationReads<T extends object>(queries: T, database: CacheGuard, uncached: (keyof T)[] = []): T {
  const results = new Map<string, Map<string, unknown>>();
  let seen: number | undefined;
  const cached = {} as Record<string, unknown>;
  for (const [name, read] of Object.entries(queries) as [string, unknown][]) {
    if (typeof read !== 'function' || uncached.includes(name as keyof T)) {
      cached[name] = read;
      continue;
    }
    const call = read as (...args: unknown[]) => unknown;
    const byArguments = new Map<string, unknown>();
    results.set(name, byArguments);
    cached[name] = (...args: unknown[]) => {
      const current = database.version();
      if (current !== seen) {
        // Inside a transaction a different version may be its own uncommitted write, which must not
        // outlive a rollback: read through and keep nothing. Outside, the version is committed.
        if (database.inTransaction()) return call(...args);
        for (const entries of results.values()) entries.clear();
        seen = current;
      }
      const key = args.length === 0 ? '' : JSON.stringify(args);
      if (byArguments.has(key)) return handOut(byArguments.get(key));
      // Bounded: lookups by what people type (a unit code) must not grow it without end.
      if (byArguments.size >= MAX_ENTRIES_PER_READ) byArguments.clear();
      const value = deepFreeze(call(...args));
      byArguments.set(key, value);
      return handOut(value);
    };
  }
  return cached as T;
}

/** What the cache asks the database before each read. */
export interface CacheGuard {
  /** The configuration version now (committed, or this connection's own transaction's). */
  version(): number;
  /** A transaction is open on the connection (a changed version may be its own, uncommitted). */
  inTransaction(): boolean;
}

/** The guard over a drizzle handle on better-sqlite3: the version read by a statement prepared once. */
export function cacheGuard(db: Db): CacheGuard {
  const client = (db as Partial<{ $client: { inTransaction: boolean } }>).$client;
  let statement: { get(): { version: number } | undefined } | undefined;
  return {
    version() {
      statement ??= db.select({ version: configurationVersion.version }).from(configurationVersion).prepare();
      return statement.get()?.version ?? -1;
    },
    // A handle that is not the connection itself cannot tell: treat it as always in a transaction.
    inTransaction: () => client?.inTransaction ?? true,
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
