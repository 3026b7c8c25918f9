/**
 * Evidence (minh chứng) of a report: the link typed in the form. Pure.
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

/** An http(s) address with a host that has a dot, and no white space. */
export function isWebAddress(text: string): boolean {
  if (/\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}
