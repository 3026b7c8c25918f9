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

/** The same in a prepared statement: the ids come as the placeholder `name`, bound with idList(ids). */
export function inIdList(column: SQLiteColumn, name: string): SQL {
  return sql`${column} in (select value from json_each(${sql.placeholder(name)}))`;
}

/** The value of an inIdList placeholder. */
export const idList = (ids: readonly number[]): string => JSON.stringify(ids);
