import { type SQL, sql } from 'drizzle-orm';
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
}

/** A named parameter of a prepared statement, usable where the query builder expects a value. */
export const placeholder = (name: string): SQL => sql`${sql.placeholder(name)}`;
