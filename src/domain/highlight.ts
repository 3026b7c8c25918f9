import { foldAligned } from './fold';

/**
 * Matches found in folded text, shown on the original text with its diacritics. The search runs
 * over folded words; people read "thi đua, khen thưởng", not "thi dua khen thuong".
 */
export interface Span {
  /** UTF-16 offsets into the original text, end exclusive. */
  start: number;
  end: number;
  /** How many matched words it holds (phrase words not counted). */
  matched: number;
}

/** Words that are not matches by themselves but may belong to a highlighted phrase. */
export interface PhraseWords {
  /** May bridge two matches ("học tập *và* làm theo"): little words. */
  joins?: (foldedWord: string) => boolean;
  /** Also extend a match on either side: the little words the person typed ("làm *theo*"). */
  extends?: (foldedWord: string) => boolean;
}

const SEPARATION = /^[\s,\-–—/]+$/;

/**
 * The spans of `original` whose folded words satisfy `matches`, whole words only, in order. Matched
 * words separated only by white space, commas, dashes and slashes merge into one span ("thi đua,
 * khen thưởng" rather than "thi đua" and "khen thưởng"), and so do the phrase words around them.
 */
export function matchedSpans(original: string, matches: (foldedWord: string) => boolean, phrase: PhraseWords = {}): Span[] {
  const joins = phrase.joins ?? (() => false);
  const extendsMatch = phrase.extends ?? (() => false);
  const { folded, from, to } = foldAligned(original);
  const spans: Span[] = [];
  // chainEnd: where the last span, with any joining words after it, ends; a match right after joins it.
  let chained = false;
  let chainEnd = 0;
  // A run of extending words not yet next to a match: it starts the next span if one follows at once.
  let lead: Span | undefined;
  const separated = (end: number, start: number) => SEPARATION.test(original.slice(end, start));
  for (const word of folded.matchAll(/[a-z0-9]+/g)) {
    const start = from[word.index]!;
    const end = to[word.index + word[0].length - 1]!;
    const nextToChain = chained && separated(chainEnd, start);
    if (matches(word[0])) {
      if (nextToChain) Object.assign(spans.at(-1)!, { end, matched: spans.at(-1)!.matched + 1 });
      else spans.push({ start: lead && separated(lead.end, start) ? lead.start : start, end, matched: 1 });
      chained = true;
      chainEnd = end;
      lead = undefined;
    } else if (nextToChain && (joins(word[0]) || extendsMatch(word[0]))) {
      if (extendsMatch(word[0])) spans.at(-1)!.end = end;
      chainEnd = end;
    } else {
      chained = false;
      lead = extendsMatch(word[0]) ? (lead && separated(lead.end, start) ? { ...lead, end } : { start, end, matched: 0 }) : undefined;
    }
  }
  return spans;
}

/** A piece of a longer text: where it starts and ends in the original, and whether it was cut. */
export interface Excerpt {
  text: string;
  spans: Span[];
  cutBefore: boolean;
  cutAfter: boolean;
}

/**
 * At most about `maxLength` characters of `original` around its first span: the window opens a
 * little before the first match, on a word boundary, and closes on one. Spans are shifted into
 * the excerpt and clipped to it. With no spans the excerpt is the start of the text.
 */
export function excerptAround(original: string, spans: readonly Span[], maxLength: number): Excerpt {
  if (original.length <= maxLength) return { text: original, spans: [...spans], cutBefore: false, cutAfter: false };
  const lead = Math.floor(maxLength / 4);
  const first = spans[0];
  let start = first ? Math.max(0, first.start - lead) : 0;
  if (start > 0) {
    const space = original.indexOf(' ', start);
    start = space >= 0 && space < (first?.start ?? start) ? space + 1 : (first?.start ?? start);
  }
  let end = Math.min(original.length, start + maxLength);
  if (end < original.length) {
    const space = original.lastIndexOf(' ', end);
    if (space > start) end = space;
  }
  const text = original.slice(start, end).trimEnd();
  const shifted = spans
    .filter((span) => span.start >= start && span.end <= start + text.length)
    .map((span) => ({ ...span, start: span.start - start, end: span.end - start }));
  return { text, spans: shifted, cutBefore: start > 0, cutAfter: start + text.length < original.length };
}

/**
 * Renders `text` with its spans marked by `mark` and everything else (and the marked text too)
 * passed through `escapeText`; spans must be in order and not overlap.
 */
export function renderSpans(
  text: string,
  spans: readonly Span[],
  escapeText: (plain: string) => string,
  mark: (escaped: string) => string,
): string {
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += escapeText(text.slice(at, span.start)) + mark(escapeText(text.slice(span.start, span.end)));
    at = span.end;
  }
  return out + escapeText(text.slice(at));
}
