/**
 * Evidence (minh chứng) of a report: the link typed in the form and the files uploaded with it. Pure.
 */

/**
 * The evidence link as stored: trimmed, and completed with https:// when typed without a scheme
 * ("drive.vinhphuc.gov.vn/q1.pdf" → "https://drive.vinhphuc.gov.vn/q1.pdf"); null when empty; an
 * `invalid` reading when it is still no web address (no dot in the host, spaces, another scheme).
 */
export function readEvidenceLink(typed: string | null | undefined): { ok: true; url: string | null } | { ok: false } {
  const text = typed?.trim() ?? '';
  if (!text) return { ok: true, url: null };
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) return isWebAddress(text) ? { ok: true, url: text } : { ok: false };
  const withScheme = `https://${text.replace(/^\/+/, '')}`;
  // Without a scheme, "bao-cao.pdf" is a file's name rather than a site: not completed.
  return isWebAddress(withScheme) && !FILE_ENDING.test(new URL(withScheme).hostname) ? { ok: true, url: withScheme } : { ok: false };
}

const FILE_ENDING = /\.(pdf|docx?|xlsx?|pptx?|odt|ods|jpe?g|png|gif|zip|rar|txt|csv)$/i;

/**
 * An http(s) address with a host that has a dot, and no white space. A host of numbers only must
 * be a whole IPv4 address as typed: URL reads "https://1" as 0.0.0.1, and "1" is no link.
 */
export function isWebAddress(text: string): boolean {
  if (/\s/.test(text)) return false;
  try {
    const url = new URL(text);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
    if (/^[\d.]+$/.test(url.hostname)) return typedHost(text) === url.hostname;
    return url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** The host as typed: after the scheme, before any path, query or fragment, without user and port. */
function typedHost(text: string): string {
  const authority = text.replace(/^[a-z][a-z0-9+.-]*:\/*/i, '').split(/[/?#\\]/)[0] ?? '';
  return authority.slice(authority.lastIndexOf('@') + 1).replace(/:\d*$/, '');
}

/** A file given as evidence: uploaded in the report form, kept as Slack knows it (its id, name, type and address). */
export interface EvidenceFile {
  id: string;
  name: string;
  /** Slack's file type ("pdf", "docx", "jpg" ...). */
  filetype: string;
  permalink: string;
}

/** The most files a report version holds (Slack's own limit for one file input). */
export const MAX_EVIDENCE_FILES = 10;

/** The kinds of file taken as evidence, by extension and by Slack's file type: documents, sheets, slides, pictures, archives. */
export const EVIDENCE_FILE_TYPES = [
  'pdf',
  'doc',
  'docx',
  'odt',
  'rtf',
  'txt',
  'xls',
  'xlsx',
  'ods',
  'csv',
  'ppt',
  'pptx',
  'odp',
  'jpg',
  'jpeg',
  'png',
  'gif',
  'heic',
  'zip',
  'rar',
  '7z',
] as const;

export type EvidenceFilesProblem =
  | { kind: 'too_many'; count: number; max: number }
  | { kind: 'type'; name: string }
  | { kind: 'unreadable' };

const ACCEPTED = new Set<string>([...EVIDENCE_FILE_TYPES, 'text']);

/**
 * A version's files: the earlier version's files still ticked (`kept`), then those uploaded now (one
 * uploaded twice counted once), at most MAX_EVIDENCE_FILES, each of a kind EVIDENCE_FILE_TYPES
 * names (by Slack's type or the name's extension: Slack's own check is only in its clients).
 */
export function readEvidenceFiles(
  kept: readonly EvidenceFile[],
  uploaded: readonly EvidenceFile[] | 'unreadable',
): { ok: true; files: EvidenceFile[] } | { ok: false; problem: EvidenceFilesProblem } {
  if (uploaded === 'unreadable') return { ok: false, problem: { kind: 'unreadable' } };
  const files = [...kept, ...uploaded].filter((file, index, all) => all.findIndex((other) => other.id === file.id) === index);
  if (files.length > MAX_EVIDENCE_FILES) return { ok: false, problem: { kind: 'too_many', count: files.length, max: MAX_EVIDENCE_FILES } };
  const refused = uploaded.find((file) => !ACCEPTED.has(file.filetype.toLowerCase()) && !ACCEPTED.has(extensionOf(file.name)));
  return refused ? { ok: false, problem: { kind: 'type', name: refused.name } } : { ok: true, files };
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/**
 * A file's name as kept and shown: control characters and line breaks (which would break a line of
 * a message) become spaces, runs of white space one, at most 255 characters; `fallback` when
 * nothing is left. Escaping for mrkdwn happens where it is shown.
 */
export function cleanFileName(name: string, fallback: string): string {
  const cleaned = name
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned ? [...cleaned].slice(0, 255).join('') : fallback;
}

/** Whether two lists hold the same files in the same order. */
export function sameFiles(left: readonly EvidenceFile[], right: readonly EvidenceFile[]): boolean {
  return left.length === right.length && left.every((file, index) => file.id === right[index]!.id);
}
