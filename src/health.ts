import { appliedMigrationCount, type DatabaseHandle } from '../db/client';
import type { Store } from '../db/store';
import { describeError } from './listener-guards';

export interface HealthReport {
  status: 'ok' | 'error';
  mode: string;
  uptimeSeconds: number;
  /** Requests refused at the door since the start (bad signature, timestamp out of range, too large). */
  refusedRequests: number;
  database: {
    status: 'ok' | 'error';
    path: string;
    migrations?: number;
    organisation?: string | null;
    units?: number;
    blocks?: number;
    outbox?: Record<string, number>;
    /** Why the database is not usable: it cannot be read, or it cannot be written. */
    error?: string;
  };
}

/** Written by every health check: the check is a real, committed write, as every submission needs. */
const HEALTH_KEY = 'health_checked_at';

/**
 * What GET /healthz answers: 200 with the database's state, or 503 with the reason when the
 * database cannot be read or cannot be written (read-only file, disk full, locked past the busy
 * timeout) — a bot that can show tables but save nothing is not healthy.
 */
export function healthReport(
  handle: DatabaseHandle,
  store: Store,
  facts: { mode: string; uptimeSeconds: number; refusedRequests: number; now: number },
): HealthReport {
  const base = { mode: facts.mode, uptimeSeconds: facts.uptimeSeconds, refusedRequests: facts.refusedRequests };
  let stage = 'read';
  try {
    handle.sqlite.prepare('select 1').get();
    const state = {
      migrations: appliedMigrationCount(handle),
      organisation: store.organisation.get()?.name ?? null,
      units: store.structure.activeUnits().length,
      blocks: store.structure.activeBlocks().length,
      outbox: store.outbox.countsByStatus(),
    };
    stage = 'write';
    store.transaction((tx) => tx.organisation.setMeta(HEALTH_KEY, new Date(facts.now).toISOString()));
    return { status: 'ok', ...base, database: { status: 'ok', path: handle.path, ...state } };
  } catch (error) {
    return {
      status: 'error',
      ...base,
      database: { status: 'error', path: handle.path, error: `cannot ${stage}: ${describeError(error)}` },
    };
  }
}
