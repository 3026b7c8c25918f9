import { type DatabaseHandle, openDatabase } from '../../db/client';
import { createStore, type Store } from '../../db/store';
import { importOrganisationText } from '../../src/services/organisation';
import { DEMO_YAML } from './bot';

/**
 * A store over a database with the real migrations (in memory unless `path`), loaded with an
 * organisation file (the demo unless `yaml`) as of `at`. The caller closes `handle`.
 */
export function openOrganisationStore(
  at: Date,
  options: { yaml?: string; path?: string; trace?: (statement: string) => void } = {},
): { handle: DatabaseHandle; store: Store } {
  const handle = openDatabase(options.path ?? ':memory:', options.trace ? { trace: options.trace } : {});
  const store = createStore(handle.db);
  const outcome = importOrganisationText(store, options.yaml ?? DEMO_YAML, 'test', at);
  if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
  return { handle, store };
}
