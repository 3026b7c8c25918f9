import { createHash } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import { hasChanges, type ImportSummary } from '../../../db/store/organisation-import';
import type { UploadRenderers } from '../../delivery/uploads';
import { LOCALES, type Locale } from '../../i18n/messages';
import { organisationTemplate } from '../../organisation/workbook-template';
import { organisationTemplateFile } from '../../views/organisation-file';
import type { AppDeps } from '../deps';
import { queueHomeRefresh } from '../home';
import { applyOrganisation, previewOrganisation, readOrganisationBytes } from '../organisation';
import { adminCaller } from './common';

/**
 * The organisation file loaded from Slack: an admin shares the YAML file or the XLSX workbook with
 * the bot; it is read and validated as `npx thidua import` would, and what it would change is shown
 * (a dry run, rolled back). “Áp dụng” reads the same file again — the same bytes, checked by their
 * hash — and applies it in one transaction with its audit entry; “Hủy” or any problem changes nothing.
 */
/**
 * The empty workbook, queued to the admin's DM in the admin's language (one per request: `requestId`
 * is the trigger id), so that the file can be filled in without the server's command line.
 */
export function queueOrganisationTemplate(deps: AppDeps, userId: string, requestId: string, locale: Locale): void {
  const { caption, filename } = organisationTemplateFile(locale);
  deps.delivery.queue(deps.store, {
    key: `organisation-template:${userId}:${requestId}`,
    kind: 'organisation_template',
    message: { user: userId, text: caption, upload: { filename, title: caption, source: { kind: 'organisation_template', locale } } },
  });
  deps.delivery.kick();
}

/** The delivery's builder of that workbook: `organisation_template` { locale }. */
export function organisationFileRenderers(): UploadRenderers {
  return {
    organisation_template: (source) => organisationTemplate(LOCALES.find((locale) => locale === source.locale) ?? 'vi'),
  };
}

export const MAX_ORGANISATION_FILE_BYTES = 5 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 15_000;

export interface FileRef {
  fileId: string;
  /** The bot's token: Slack serves a shared file's bytes to it. */
  token: string;
}

export type FileReadOutcome =
  | { kind: 'refused' }
  | { kind: 'too_big'; name: string; size: number }
  | { kind: 'unreachable'; name: string }
  | { kind: 'invalid'; name: string; problems: string[]; count: number }
  | { kind: 'preview'; name: string; hash: string; summary: ImportSummary; changes: boolean };

export type FileApplyOutcome =
  | Exclude<FileReadOutcome, { kind: 'preview' }>
  | { kind: 'changed'; name: string }
  | { kind: 'repeat' }
  | { kind: 'applied'; name: string; summary: ImportSummary };

type Downloaded = { kind: 'bytes'; name: string; bytes: Buffer } | Extract<FileReadOutcome, { kind: 'too_big' | 'unreachable' }>;

async function download(deps: AppDeps, client: WebClient, ref: FileRef): Promise<Downloaded> {
  let name = ref.fileId;
  try {
    const info = await client.files.info({ file: ref.fileId });
    name = info.file?.name ?? name;
    const size = info.file?.size ?? 0;
    if (size > MAX_ORGANISATION_FILE_BYTES) return { kind: 'too_big', name, size };
    const url = info.file?.url_private_download;
    if (!url) return { kind: 'unreachable', name };
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${ref.token}` },
      signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
    });
    if (!response.ok) return { kind: 'unreachable', name };
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.length > MAX_ORGANISATION_FILE_BYTES) return { kind: 'too_big', name, size: bytes.length };
    return { kind: 'bytes', name, bytes };
  } catch (error) {
    deps.logger.warn(`organisation file ${ref.fileId}: ${(error as Error).message}`);
    return { kind: 'unreachable', name };
  }
}

const hashOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex').slice(0, 32);

/** Reads, validates and previews a file an admin shared. */
export async function previewSharedFile(deps: AppDeps, client: WebClient, by: string, ref: FileRef): Promise<FileReadOutcome> {
  if (!adminCaller(deps, by)) return { kind: 'refused' };
  const file = await download(deps, client, ref);
  if (file.kind !== 'bytes') return file;
  const read = await readOrganisationBytes(file.bytes);
  if (!read.ok) return { kind: 'invalid', name: file.name, problems: read.problems, count: read.count ?? read.problems.length };
  const summary = previewOrganisation(deps.store, read.data, deps.clock.now());
  return { kind: 'preview', name: file.name, hash: hashOf(file.bytes), summary, changes: hasChanges(summary) };
}

/** Applies the file previewed as `hash`, once for `claim` (the preview's message), audited. */
export async function applySharedFile(
  deps: AppDeps,
  client: WebClient,
  by: string,
  ref: FileRef & { hash: string; claim: string },
): Promise<FileApplyOutcome> {
  if (!adminCaller(deps, by)) return { kind: 'refused' };
  if (deps.store.events.seen(ref.claim)) return { kind: 'repeat' };
  const file = await download(deps, client, ref);
  if (file.kind !== 'bytes') return file;
  if (hashOf(file.bytes) !== ref.hash) return { kind: 'changed', name: file.name };
  const read = await readOrganisationBytes(file.bytes);
  if (!read.ok) return { kind: 'invalid', name: file.name, problems: read.problems, count: read.count ?? read.problems.length };
  const now = deps.clock.now();
  try {
    const summary = applyOrganisation(deps.store, read.data, `slack:${file.name}`, now, (tx, applied) => {
      // Two presses at once: the second finds the claim taken inside its transaction, which rolls back.
      if (!tx.events.claim(ref.claim, 'organisation_file', now)) throw new RepeatedApply();
      tx.audit.record({
        at: now,
        actorUserId: by,
        actingAsAdmin: true,
        action: 'organisation.imported',
        entityType: 'organisation',
        entityId: ref.fileId,
        details: { file: file.name, hash: ref.hash, ...applied },
      });
      queueHomeRefresh(deps, tx, { everyone: true }, `organisation:${ref.claim}`);
    });
    deps.delivery.kick();
    return { kind: 'applied', name: file.name, summary };
  } catch (error) {
    if (error instanceof RepeatedApply) return { kind: 'repeat' };
    throw error;
  }
}

class RepeatedApply extends Error {}
