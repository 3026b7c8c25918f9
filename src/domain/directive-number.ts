import { editDistance, foldedWords, foldVietnamese } from './fold';

/**
 * Directive numbers (số hiệu) as officials write and type them. A number is an ordinal, sometimes
 * a year, then letter codes for the kind and the issuer, joined by "-" or "/":
 *   34-CT/TW (Party: ordinal-KIND/ISSUER)       06/2022/QH15 (law: ordinal/year/ISSUER)
 *   98/2023/NĐ-CP (ordinal/year/KIND-ISSUER)    9153/UBND-TH2 (dispatch: ordinal/ISSUER-OFFICE)
 * People type them loosely: "34/CT-TW", "ct 34", "chi thi so 34", "06/2022", "nd 98". Everything here
 * works on folded text, so "NĐ" and "nd" are the same code.
 */
export interface DirectiveNumber {
  /** Digits without leading zeros, plus any letter suffix ("06" → "6", "12a" → "12a"). */
  ordinal: string;
  /** A four-digit year right after the ordinal (06/2022/QH15 → "2022"). */
  year?: string;
  /** The folded letter codes in order (34-CT/TW → ["ct", "tw"]). */
  codes: string[];
  /** Canonical form: separators and case do not matter, so 34-CT/TW and 34/ct-tw share it. */
  key: string;
}

/**
 * The known kinds (src/domain/directive.ts): each one's folded names, and the code that stands for it
 * inside numbers (none for laws). Any other kind is searched by its words only.
 */
export const KIND_WORDS: readonly { kind: string; names: readonly string[]; code?: string }[] = [
  { kind: 'Chỉ thị', names: ['chi thi'], code: 'ct' },
  { kind: 'Nghị quyết', names: ['nghi quyet'], code: 'nq' },
  { kind: 'Luật', names: ['luat'] },
  { kind: 'Nghị định', names: ['nghi dinh'], code: 'nd' },
  { kind: 'Thông tư', names: ['thong tu'], code: 'tt' },
  { kind: 'Kế hoạch', names: ['ke hoach'], code: 'kh' },
  { kind: 'Công văn', names: ['cong van'], code: 'cv' },
  { kind: 'Hướng dẫn', names: ['huong dan'], code: 'hd' },
  { kind: 'Kết luận', names: ['ket luan'], code: 'kl' },
  { kind: 'Quyết định', names: ['quyet dinh'], code: 'qd' },
  { kind: 'Thông báo', names: ['thong bao'], code: 'tb' },
  // The Party writes its Quy định "QĐi" (08-QĐi/TW), apart from Quyết định "QĐ".
  { kind: 'Quy định', names: ['qui dinh'], code: 'qdi' },
  { kind: 'Quy chế', names: ['qui che'], code: 'qc' },
  { kind: 'Chương trình', names: ['chuong trinh'], code: 'ctr' },
  { kind: 'Đề án', names: ['de an'], code: 'da' },
];

/** The folded words that name a kind in a query ("chi", "thi", "ct" for Chỉ thị). */
export function kindWordsOf(kind: string): string[] {
  const entry = KIND_WORDS.find((candidate) => candidate.kind === kind);
  return entry ? [...entry.names.flatMap((name) => name.split(' ')), ...(entry.code ? [entry.code] : [])] : [];
}

const YEAR = /^(19|20)\d\d$/;
const ORDINAL = /^0*(\d+)([a-z]*)$/;

/** Parses a directive number; undefined when it does not start with an ordinal. A leading "Số:" is skipped. */
export function parseDirectiveNumber(text: string): DirectiveNumber | undefined {
  const tokens = foldedWords(text);
  if (tokens[0] === 'so') tokens.shift();
  const ordinalMatch = ORDINAL.exec(tokens[0] ?? '');
  if (!ordinalMatch) return undefined;
  const ordinal = ordinalMatch[1]! + ordinalMatch[2]!;
  const year = tokens[1] !== undefined && YEAR.test(tokens[1]) ? tokens[1] : undefined;
  const codes = tokens.slice(year ? 2 : 1);
  return { ordinal, ...(year ? { year } : {}), codes, key: keyOf(ordinal, year, codes) };
}

function keyOf(ordinal: string, year: string | undefined, codes: readonly string[]): string {
  return `${ordinal}/${year ?? ''}/${codes.join('-')}`;
}

/**
 * The key two numbers are the same by (uniqueness, lookups). A number that does not start with an
 * ordinal still gets a key: its folded words, marked so it can never equal a parsed key.
 */
export function directiveNumberKey(text: string): string {
  return parseDirectiveNumber(text)?.key ?? `#${foldedWords(text).join('-')}`;
}

/** The words the search index holds for a number: its folded tokens plus the bare ordinal ("06" → "6"). */
export function numberSearchText(text: string): string {
  const parsed = parseDirectiveNumber(text);
  const words = foldedWords(text);
  return parsed && !words.includes(parsed.ordinal) ? [...words, parsed.ordinal].join(' ') : words.join(' ');
}

/** A number a query refers to: "34", "34-CT/TW", "ct 34", "chỉ thị số 34", "06/2022", "luat 06/2022". */
export interface NumberReference {
  ordinal: string;
  year?: string;
  codes: string[];
  /** The kind named right before the number ("nghị định 98", "nd 98"). */
  kind?: string;
  key: string;
}

/**
 * Finds the number reference in a query, if any: the first word that starts with a digit (or a kind
 * code glued to digits, "ct34"), with the kind named just before it, "số" allowed in between.
 */
export function findNumberReference(query: string): NumberReference | undefined {
  const chunks = foldVietnamese(query).split(' ').filter(Boolean);
  for (let index = 0; index < chunks.length; index++) {
    const chunk = chunks[index]!;
    const glued = /^([a-z]+)(\d+)$/.exec(chunk);
    const gluedKind = glued ? KIND_WORDS.find((entry) => entry.code === glued[1]) : undefined;
    const parsed = /^\d/.test(chunk) ? parseDirectiveNumber(chunk) : gluedKind ? parseDirectiveNumber(glued![2]!) : undefined;
    if (!parsed) continue;
    const kind = gluedKind?.kind ?? kindBefore(chunks.slice(0, index));
    return {
      ordinal: parsed.ordinal,
      ...(parsed.year ? { year: parsed.year } : {}),
      codes: parsed.codes,
      ...(kind ? { kind } : {}),
      key: parsed.key,
    };
  }
  return undefined;
}

/** The kind whose name or code ends the words before a number (skipping "số" and "văn bản"). */
function kindBefore(chunks: string[]): string | undefined {
  const words = chunks.flatMap((chunk) => chunk.split(/[^a-z0-9]+/).filter(Boolean));
  while (words.length && (words.at(-1) === 'so' || words.at(-1) === 'vb')) words.pop();
  const tail = words.join(' ');
  const entry = KIND_WORDS.find((candidate) =>
    [...candidate.names, ...(candidate.code ? [candidate.code] : [])].some((name) => tail === name || tail.endsWith(` ${name}`)),
  );
  return entry?.kind;
}

export type NumberMatch = 'exact' | 'compatible';

/** Kinds are open text: "Thông báo" and "thông báo" are one kind. */
function sameKind(left: string, right: string): boolean {
  return left === right || foldVietnamese(left) === foldVietnamese(right);
}

/**
 * How a directive's number answers a reference: `exact` when the reference spells a whole number
 * (it has a year or codes) and the keys are equal; `compatible` when the ordinal is the same and
 * every year, code and kind the reference gives agrees; undefined otherwise.
 */
export function matchNumber(
  reference: NumberReference,
  directive: { number: DirectiveNumber | undefined; kind: string },
): NumberMatch | undefined {
  const number = directive.number;
  if (!number || number.ordinal !== reference.ordinal) return undefined;
  if (reference.year !== undefined && reference.year !== number.year) return undefined;
  if (!reference.codes.every((code) => number.codes.includes(code))) return undefined;
  if (reference.kind !== undefined && !sameKind(reference.kind, directive.kind)) return undefined;
  return (reference.year !== undefined || reference.codes.length > 0) && reference.key === number.key ? 'exact' : 'compatible';
}

/**
 * Numbers close to a reference that matched nothing, best first: the ordinal within a typo (none
 * for a one-digit ordinal, where every digit is "close"; one edit; two from six digits), or the
 * same ordinal disagreeing on year, codes or kind — one difference in all. Same kind and codes
 * before a different kind, then the newest (issuedOn is yyyy-MM-dd).
 */
export function closeNumbers<T extends { number: DirectiveNumber | undefined; kind: string; issuedOn: string }>(
  reference: NumberReference,
  candidates: readonly T[],
  limit = 5,
): T[] {
  const typos = ordinalTypos(reference.ordinal);
  const allowed = Math.max(1, typos);
  return candidates
    .flatMap((candidate) => {
      const number = candidate.number;
      if (!number || !isOrdinalWithin(reference.ordinal, number.ordinal, typos)) return [];
      const distance = editDistance(reference.ordinal, number.ordinal);
      const disagreements =
        (reference.year !== undefined && reference.year !== number.year ? 1 : 0) +
        (reference.codes.some((code) => !number.codes.includes(code)) ? 1 : 0) +
        (reference.kind !== undefined && !sameKind(reference.kind, candidate.kind) ? 1 : 0);
      const cost = distance + disagreements;
      return cost > 0 && cost <= allowed ? [{ candidate, cost, disagreements }] : [];
    })
    .sort(
      (left, right) =>
        left.cost - right.cost ||
        left.disagreements - right.disagreements ||
        right.candidate.issuedOn.localeCompare(left.candidate.issuedOn),
    )
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}

/** How many edits an ordinal may be off and still count as close (see closeNumbers). */
export function ordinalTypos(ordinal: string): number {
  return ordinal.length < 2 ? 0 : Math.max(1, Math.floor(ordinal.length / 3));
}

/** Whether `candidate` is within `typos` edits of `ordinal` (lengths first: most ordinals fail that cheaply). */
export function isOrdinalWithin(ordinal: string, candidate: string, typos = ordinalTypos(ordinal)): boolean {
  return Math.abs(candidate.length - ordinal.length) <= typos && editDistance(ordinal, candidate) <= typos;
}
