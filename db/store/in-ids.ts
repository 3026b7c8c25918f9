import { type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

/**
 * `column IN (ids)` with the ids bound as one JSON array: the statement stays short and the same
 * whatever the number of ids (a province reads thousands), and SQLite's limit on bound variables
 * is never reached.
 */
export function inIds(column: SQLiteColumn, ids: readonly number[]): SQL {
  return sql`${column} in (select value from json_each(${JSON.stringify(ids)}))`;
}
