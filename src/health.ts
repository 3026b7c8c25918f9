import { appliedMigrationCount, type DatabaseHandle } from '../db/client';
import type { Store } from '../db/store';

export interface HealthReport {
  status: 'ok' | 'error';
  mode: string;
  uptimeSeconds: number;
  database: {
    status: 'ok' | 'error';
    path: string;
    migrations?: number;
    organisation?: string | null;
    units?: number;
    blocks?: number;
    outbox?: Record<string, number>;
    error?: string;
  };
}

/** What GET /healthz answers: 200 with the database's state, or 503 when the database fails. */
export function healthReport(handle: DatabaseHandle, store: Store, mode: string, uptimeSeconds: number): HealthReport {
  try {
    handle.sqlite.prepare('select 1').get();
    return {
      status: 'ok',
      mode,
      uptimeSeconds,
      database: {
        status: 'ok',
        path: handle.path,
        migrations: appliedMigrationCount(handle),
        organisation: store.organisation.get()?.name ?? null,
        units: store.structure.activeUnits().length,
        blocks: store.structure.activeBlocks().length,
        outbox: store.outbox.countsByStatus(),
      },
    };
  } catch (error) {
    return {
      status: 'error',
      mode,
      uptimeSeconds,
      database: { status: 'error', path: handle.path, error: error instanceof Error ? error.message : String(error) },
    };
  }
}
