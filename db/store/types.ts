import type { RunResult } from 'better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from '../schema';

/** A drizzle handle over better-sqlite3: the database itself or a transaction on it (both synchronous). */
export type Db = BaseSQLiteDatabase<'sync', RunResult, typeof schema>;
