import { readFileSync } from 'node:fs';
import { DEMO_ORGANISATION_FILE } from '../../db/files';
import type { Store } from '../../db/store';
import type { ImportSummary } from '../../db/store/organisation-import';
import type { Locale } from '../i18n/messages';
import { readOrganisationFile } from '../organisation/read-file';

const SOURCE_KEY = 'organisation_source';

export type ImportOutcome = { ok: true; summary: ImportSummary; locale: Locale } | { ok: false; problems: string[]; locale: Locale };

/** Validates a whole organisation file and applies it, or changes nothing and lists every problem. */
export function importOrganisationText(store: Store, source: string, origin: string, now: Date): ImportOutcome {
  const read = readOrganisationFile(source);
  if (!read.ok) return read;
  const summary = store.transaction((tx) => {
    const applied = tx.importer.apply(read.data, now);
    tx.organisation.setMeta(SOURCE_KEY, origin);
    return applied;
  });
  return { ok: true, summary, locale: read.data.organisation.locale };
}

export function importOrganisationFile(store: Store, path: string, now: Date): ImportOutcome {
  return importOrganisationText(store, readFileSync(path, 'utf8'), `file:${path}`, now);
}

/**
 * Loads the demo organisation into a database that has none (and never had a file imported), so
 * a newcomer's first `npm start` shows a living organisation. Returns whether it did.
 */
export function loadDemoIfEmpty(store: Store, now: Date): boolean {
  if (store.organisation.get() || store.organisation.getMeta(SOURCE_KEY)) return false;
  const outcome = importOrganisationText(store, readFileSync(DEMO_ORGANISATION_FILE, 'utf8'), 'demo', now);
  if (!outcome.ok) throw new Error(`the demo organisation is invalid:\n${outcome.problems.join('\n')}`);
  return true;
}
