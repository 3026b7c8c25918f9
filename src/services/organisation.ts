import { readFileSync } from 'node:fs';
import { DEMO_ORGANISATION_FILE } from '../../db/files';
import type { Store } from '../../db/store';
import type { ImportSummary } from '../../db/store/organisation-import';
import type { Locale } from '../i18n/messages';
import { type OrganisationData, type ReadResult, readOrganisationFile } from '../organisation/read-file';
import { readOrganisationWorkbook } from '../organisation/workbook';

const SOURCE_KEY = 'organisation_source';

export type ImportOutcome = { ok: true; summary: ImportSummary; locale: Locale } | { ok: false; problems: string[]; locale: Locale };

/** Whether `bytes` are a workbook (an .xlsx is a zip: it starts with "PK\3\4"), not YAML text. */
export function isWorkbook(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** An organisation file's bytes read and validated: a workbook (src/organisation/workbook.ts) or YAML text. */
export function readOrganisationBytes(bytes: Uint8Array): Promise<ReadResult> {
  return isWorkbook(bytes) ? readOrganisationWorkbook(bytes) : Promise.resolve(readOrganisationFile(Buffer.from(bytes).toString('utf8')));
}

/**
 * Applies a validated organisation in one transaction, noting where it came from (`origin`); `also`
 * runs in the same transaction after it (the audit entry and redraws of a file loaded from Slack).
 */
export function applyOrganisation(
  store: Store,
  data: OrganisationData,
  origin: string,
  now: Date,
  also?: (tx: Store, summary: ImportSummary) => void,
): ImportSummary {
  return store.transaction((tx) => {
    const applied = tx.importer.apply(data, now);
    tx.organisation.setMeta(SOURCE_KEY, origin);
    also?.(tx, applied);
    return applied;
  });
}

/** Rolls back the dry run of an import, carrying out what it would have changed. */
class DryRun extends Error {
  constructor(readonly summary: ImportSummary) {
    super('dry run');
  }
}

/** What importing `data` would change, section by section; nothing is written (the import runs and is rolled back). */
export function previewOrganisation(store: Store, data: OrganisationData, now: Date): ImportSummary {
  try {
    store.transaction((tx) => {
      throw new DryRun(tx.importer.apply(data, now));
    });
  } catch (error) {
    if (error instanceof DryRun) return error.summary;
    throw error;
  }
  throw new Error('unreachable: the dry run always rolls back');
}

/** Validates a whole organisation file (YAML) and applies it, or changes nothing and lists every problem. */
export function importOrganisationText(store: Store, source: string, origin: string, now: Date): ImportOutcome {
  const read = readOrganisationFile(source);
  if (!read.ok) return read;
  return { ok: true, summary: applyOrganisation(store, read.data, origin, now), locale: read.data.organisation.locale };
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
