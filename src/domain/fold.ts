/**
 * Vietnamese folding for matching: lower case, tone and vowel marks removed, đ/Đ → d, runs of white
 * space collapsed, and the i/y spelling variants made one ("ký" and "kí", "lý" and "lí", "quý" and
 * "quí", "sỹ" and "sĩ" all fold with an i). Unicode decomposition strips the marks (ơ ư ă â ê ô and
 * the five tones) but leaves đ alone — it is a letter of its own, not d with a mark — so it is folded
 * explicitly. Composed and decomposed input fold to the same text.
 */
export function foldVietnamese(text: string): string {
  return spellingVariantsAsOne(foldPiece(text).replace(/\s+/g, ' ').trim());
}

const CONSONANT = /[bcdfghjklmnpqrstvwxz]/;

/**
 * In folded text, a y that ends a syllable after a consonant (or after "qu") as an i: the two
 * spellings of one syllable ("ky" / "ki", "quy" / "qui", "dangky" / "dangki"). A y after a vowel
 * ("tay", "thuy"), before one ("quyet", "nguyen") or starting a word ("yeu") is a letter of its own
 * and stays. One character for one, so offsets are kept.
 */
function spellingVariantsAsOne(folded: string): string {
  if (!folded.includes('y')) return folded;
  let result = '';
  for (let at = 0; at < folded.length; at++) {
    const character = folded[at]!;
    const before = folded[at - 1] ?? '';
    const after = folded[at + 1] ?? '';
    const endsSyllable = !/[aeiouy]/.test(after);
    const variant = character === 'y' && endsSyllable && (CONSONANT.test(before) || (before === 'u' && folded[at - 2] === 'q'));
    result += variant ? 'i' : character;
  }
  return result;
}

/** The folding of one piece of text without touching white space (shared by both folds below). */
function foldPiece(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/** Folded words: letters and digits only, everything else is a separator. */
export function foldedWords(text: string): string[] {
  return foldVietnamese(text)
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/**
 * `foldVietnamese(text)` together with where each folded character came from: folded[i] is the
 * folding of text.slice(from[i], to[i]) (UTF-16 offsets). A decomposed mark belongs to the letter
 * before it; a collapsed run of white space maps to the whole run. Used to show matches found in
 * folded text on the original text with its diacritics.
 */
export interface AlignedFold {
  folded: string;
  from: number[];
  to: number[];
}

export function foldAligned(text: string): AlignedFold {
  const characters: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let spaceStart = -1;
  for (let at = 0; at < text.length; ) {
    const character = String.fromCodePoint(text.codePointAt(at)!);
    const next = at + character.length;
    if (/\s/.test(character)) {
      if (spaceStart < 0) spaceStart = at;
    } else {
      const piece = foldPiece(character);
      if (piece === '') {
        // A combining mark of decomposed input: part of the letter before it.
        if (to.length > 0) to[to.length - 1] = next;
      } else {
        if (spaceStart >= 0 && characters.length > 0) {
          characters.push(' ');
          from.push(spaceStart);
          to.push(at);
        }
        spaceStart = -1;
        for (const folded of piece) {
          characters.push(folded);
          from.push(at);
          to.push(next);
        }
      }
    }
    at = next;
  }
  return { folded: spellingVariantsAsOne(characters.join('')), from, to };
}

/** Damerau–Levenshtein (optimal string alignment) distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const distance: number[][] = Array.from({ length: rows }, (_, row) =>
    Array.from({ length: columns }, (_, column) => (row === 0 ? column : column === 0 ? row : 0)),
  );
  for (let row = 1; row < rows; row++) {
    for (let column = 1; column < columns; column++) {
      const cost = a[row - 1] === b[column - 1] ? 0 : 1;
      let best = Math.min(distance[row - 1]![column]! + 1, distance[row]![column - 1]! + 1, distance[row - 1]![column - 1]! + cost);
      if (row > 1 && column > 1 && a[row - 1] === b[column - 2] && a[row - 2] === b[column - 1]) {
        best = Math.min(best, distance[row - 2]![column - 2]! + 1);
      }
      distance[row]![column] = best;
    }
  }
  return distance[a.length]![b.length]!;
}

/**
 * The candidates closest to `word` (already folded), best first, within a distance that grows with
 * the word's length: a typo or two, never an unrelated word.
 */
export function closestMatches(word: string, candidates: readonly string[], limit = 3): string[] {
  const allowed = Math.max(1, Math.floor(word.length / 3));
  return candidates
    .filter((candidate) => Math.abs(candidate.length - word.length) <= allowed)
    .map((candidate) => ({ candidate, distance: editDistance(word, candidate) }))
    .filter(({ distance }) => distance <= allowed)
    .sort((left, right) => left.distance - right.distance || left.candidate.localeCompare(right.candidate))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}

/**
 * Each word of `text` folded, with the word as written there in lower case: "Thi đua" →
 * [["thi", "thi"], ["dua", "đua"]]. Letters only: numbers are not words one misspells.
 */
export function wordsAsWritten(text: string): [folded: string, written: string][] {
  const { folded, from, to } = foldAligned(text);
  return [...folded.matchAll(/[a-z0-9]+/g)]
    .filter((word) => /[a-z]/.test(word[0]))
    .map((word) => [word[0], text.slice(from[word.index]!, to[word.index + word[0].length - 1]!).toLowerCase()]);
}
