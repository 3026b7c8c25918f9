import { findNumberReference, kindWordsOf, type NumberReference, parseDirectiveNumber } from './directive-number';
import { foldedWords, foldVietnamese } from './fold';

/**
 * A directive search as typed — keywords, a number, or both — turned into what the search needs:
 * folded words, the words every hit must contain, and the number referred to. Pure; the store
 * runs it (db/store/directives.ts).
 */
export interface DirectiveQuery {
  /** As typed, trimmed and bounded. */
  text: string;
  /** Folded words, in order. */
  words: string[];
  /** The words a hit must contain: `words` without little words, unless nothing else is left. */
  terms: string[];
  /** The terms shown in bold in results: not the kind named before a number ("chỉ thị" in "chỉ thị 34"). */
  highlights: string[];
  /** The last term may be the start of a word ("khen thu" → thưởng): people search as they type. */
  prefixLast: boolean;
  number?: NumberReference;
}

/** Longest query kept (characters) and most words searched: bounds the work one message can cause. */
export const MAX_QUERY_LENGTH = 200;
const MAX_WORDS = 12;

/**
 * Little words (folded) that carry no subject and would otherwise make a search miss when a title
 * happens to leave them out: "luật về thi đua" should find "Luật Thi đua, khen thưởng".
 */
const LITTLE_WORDS = new Set(['ve', 'cua', 'va', 'cac', 'nhung', 'cho', 'trong', 'voi', 'la', 'nay', 'tai', 'theo']);

export function isLittleWord(foldedWord: string): boolean {
  return LITTLE_WORDS.has(foldedWord);
}

export function parseDirectiveQuery(typed: string): DirectiveQuery {
  const text = typed.trim().slice(0, MAX_QUERY_LENGTH);
  const number = findNumberReference(text);
  // "số" right before a number says "number" ("chỉ thị số 34"); elsewhere it is a word ("chuyển đổi số").
  const words = foldedWords(text)
    .slice(0, MAX_WORDS)
    .filter((word, index, all) => !(word === 'so' && /^\d/.test(all[index + 1] ?? '')));
  const meaningful = words.filter((word) => !LITTLE_WORDS.has(word));
  const terms = [...new Set(meaningful.length ? meaningful : words)];
  const kindWords = new Set(number?.kind ? kindWordsOf(number.kind) : []);
  const last = terms.at(-1) ?? '';
  return {
    text,
    words,
    terms,
    highlights: terms.filter((term) => !kindWords.has(term)),
    prefixLast: last.length >= 2 && /[a-z]/.test(last),
    ...(number ? { number } : {}),
  };
}

/**
 * The FTS5 MATCH expression for a query: every term quoted (so nothing typed is ever read as FTS
 * syntax — terms are folded [a-z0-9] words anyway), joined by AND (`all`) or OR (`any`), the last
 * as a prefix when the query allows. Undefined when there is nothing to search for.
 */
export function ftsExpression(query: DirectiveQuery, mode: 'all' | 'any'): string | undefined {
  if (query.terms.length === 0) return undefined;
  const quoted = query.terms.map(
    (term, index) => `"${term.replace(/"/g, '""')}"${query.prefixLast && index === query.terms.length - 1 ? '*' : ''}`,
  );
  return quoted.join(mode === 'all' ? ' AND ' : ' OR ');
}

/**
 * The query as typed with each mistyped word replaced by the word `closest` offers for it (as the
 * library writes it; undefined for a word the library knows or has nothing close to), when that
 * looks like typing slips: only words of four letters or more are corrected (a short word one edit
 * from another is just another word: "xyz" is not a slip of "XII"), and no more than half of the
 * words (one in a query of one or two words) — changing most of what was typed is another query,
 * not a correction. Undefined when nothing is corrected.
 */
export function correctedQuery(query: DirectiveQuery, closest: (word: string, index: number) => string | undefined): string | undefined {
  const corrections = new Map<string, string>();
  for (const [index, word] of query.words.entries()) {
    if (word.length < 4 || /^\d+$/.test(word)) continue;
    const written = closest(word, index);
    if (written !== undefined) corrections.set(word, written);
  }
  if (corrections.size === 0 || corrections.size > Math.max(1, Math.floor(query.words.length / 2))) return undefined;
  const corrected = query.text.replace(/[\p{L}\p{M}\p{N}]+/gu, (typed) => corrections.get(foldVietnamese(typed)) ?? typed);
  return corrected === query.text ? undefined : corrected;
}

/** Whether a folded word of a directive's text is one to show in bold (the last term also as a prefix). */
export function matchesTerm(query: DirectiveQuery, word: string): boolean {
  const last = query.terms.at(-1);
  return query.highlights.some((term) => word === term || (query.prefixLast && term === last && word.startsWith(term)));
}

/** What `/thidua vanban …` asks for: how to use it, the add or edit modal, or a search. */
export type DirectiveCommand =
  | { kind: 'usage' }
  | { kind: 'add'; number?: string }
  | { kind: 'edit'; number: string }
  | { kind: 'editUsage' }
  | { kind: 'search'; text: string };

const ADD_WORDS = new Set(['them', 'add']);
const EDIT_WORDS = new Set(['sua', 'edit']);

/**
 * Reads the words after `/thidua vanban`. "them" (add) opens the modal, pre-filled with a number
 * typed after it (anything else after it is ignored); "sua <số hiệu>" (edit) needs a number — "sua" followed by words without one is a
 * search, since "sửa đổi" (amend) is in many titles.
 */
export function parseDirectiveCommand(args: string): DirectiveCommand {
  const text = args.trim();
  if (!text) return { kind: 'usage' };
  const [first = '', ...rest] = text.split(/\s+/);
  const folded = foldedWords(first).join('');
  const after = rest.join(' ');
  if (ADD_WORDS.has(folded)) return parseDirectiveNumber(after) ? { kind: 'add', number: after } : { kind: 'add' };
  if (EDIT_WORDS.has(folded)) {
    if (!after) return { kind: 'editUsage' };
    if (findNumberReference(after)) return { kind: 'edit', number: after };
  }
  return { kind: 'search', text };
}
