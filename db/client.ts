import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { MIGRATIONS_FOLDER } from './files';
import * as schema from './schema';

export interface DatabaseHandle {
  /** The raw connection: for pragmas, backups, FTS queries and tests' statement tracing. */
  sqlite: Database.Database;
  db: ReturnType<typeof drizzle<typeof schema>>;
  path: string;
  close(): void;
}

/**
 * The bot's wait for another process's write lock (an import, a tick): the wait blocks every
 * request, and a submission must still be answered within Slack's 3 s. Other processes wait 5 s.
 */
export const BOT_BUSY_TIMEOUT_MS = 1000;

export interface OpenOptions {
  /** Called with every SQL statement run (tests use it to prove a request touched nothing). */
  trace?: (statement: string) => void;
  /** Apply migrations (default true). */
  migrate?: boolean;
  /** How long a write waits for another process's write lock before failing (default 5 s). */
  busyTimeoutMs?: number;
}

/** SQLite's page cache per connection, in KiB. */
const PAGE_CACHE_KB = 4000;

/**
 * Opens (creating if needed) the database at `path` (':memory:' for tests) with the pragmas the
 * product relies on — WAL for concurrent readers next to one writer, foreign keys enforced, a busy
 * timeout so two processes on one file wait instead of failing — and applies pending migrations.
 */
export function openDatabase(path: string, options: OpenOptions = {}): DatabaseHandle {
  const inMemory = path === ':memory:';
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path, options.trace ? { verbose: (statement) => options.trace!(String(statement)) } : {});
  if (!inMemory) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${Math.round(options.busyTimeoutMs ?? 5000)}`);
  sqlite.pragma('synchronous = NORMAL');
  // SQLite's page cache, per connection: better-sqlite3 builds SQLite with 16 MB instead of SQLite's
  // 2 MB, and it fills with every page written or read, so a bot's memory grew with the data it
  // wrote (18 MB over 19 MB of rows, measured). 4 MB holds what a request reads; the file's pages
  // stay in the system's cache besides.
  sqlite.pragma(`cache_size = -${PAGE_CACHE_KB}`);
  const db = drizzle(sqlite, { schema });
  if (options.migrate !== false) migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { sqlite, db, path, close: () => sqlite.close() };
}

/** How many migrations have been applied (for the health report). */
export function appliedMigrationCount(handle: DatabaseHandle): number {
  const row = handle.sqlite
    .prepare("select count(*) as count from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
    .get() as { count: number };
  if (row.count === 0) return 0;
  return (handle.sqlite.prepare('select count(*) as count from __drizzle_migrations').get() as { count: number }).count;
}
