import type Database from 'better-sqlite3';
import { type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { Db } from './types';

/**
 * The hot paths' statements, built with the query builder and prepared once per connection, then
 * shared by the store and every transaction's store (a transaction runs on the same connection):
 * building the SQL and preparing it on every call cost more than running it. Parameters are
 * placeholders bound with driver values — UTC milliseconds, JSON text, 1/0 — not Dates or objects.
 */
export class Statements {
  private readonly prepared = new Map<string, unknown>();

  constructor(private readonly db: Db) {}

  /** The statement `name` (unique across the store: "<module>.<what>"), built by `build` on first use. */
  get<T>(name: string, build: (db: Db) => T): T {
    let statement = this.prepared.get(name) as T | undefined;
    if (statement === undefined) {
      statement = build(this.db);
      this.prepared.set(name, statement);
    }
    return statement;
  }

  /**
   * The statement `name` written in SQL (`source()`), prepared on the connection itself on first use
   * and run with positional values: for the one hot write whose hundred parameters cost the query
   * builder more than the statement does (reports.addValues).
   */
  sql(name: string, source: () => string): Database.Statement {
    return this.get(name, (db) => {
      const client = (db as Partial<{ $client: Database.Database }>).$client;
      if (!client) throw new Error('statements are prepared on the connection itself, not a transaction');
      return client.prepare(source());
    });
  }
}

/**
 * A LIMIT written into a prepared statement's SQL, where the query builder would bind it. SQLite
 * (3.53) reads a bound LIMIT's value while planning and marks the statement to be planned again
 * whenever that parameter is bound, which better-sqlite3 does on every run: the delivery's kick read
 * cost 19 µs instead of 1.5, a xephang's snapshot lookup 17 instead of 1.2. `rows` is fixed when the
 * statement is built (a different number is a different statement).
 */
export function writtenLimit(rows: number): Placeholder {
  if (!Number.isSafeInteger(rows) || rows < 0) throw new Error(`a LIMIT is a whole number of rows, not ${rows}`);
  // The builder binds a number but writes an SQL chunk as it is; its type admits only a number or a placeholder.
  return sql.raw(String(rows)) as unknown as Placeholder;
}

/** A named parameter of a prepared statement, usable where the query builder expects a value. */
export const placeholder = (name: string): SQL => sql`${sql.placeholder(name)}`;
