import { editDistance, foldedWords } from './fold';
import { keptAnswer, keptFor } from './kept';

/**
 * Parsing of the words after a sub-command that name a block, a year and something else:
 * `/thidua giaouoc noi chinh 2021`, `/thidua tieuchi 2021 cai cach`, `/thidua dangky CA`.
 * A block or unit is named by its code or its name, typed any way ("NOI_CHINH", "noi chinh",
 * "Nội chính", "khoi noi chinh", "Khối thi đua Nội chính"); a year is a four-digit word.
 */
export interface Named {
  code: string;
  name: string;
}

export interface ScopeWords<B> {
  block?: B;
  year?: number;
  /** The words that are neither the block nor the year, as typed, in order. */
  rest: string;
}

/** Leading words that name what kind of group a block is, not which: "Khối thi đua …", "Cụm …". */
const GROUP_WORDS = new Set(['khoi', 'cum']);

/** How many leading folded words are not part of a name: "khối"/"cụm" (any number), then "thi đua". */
function nameStart(words: readonly string[]): number {
  let start = 0;
  while (start < words.length && GROUP_WORDS.has(words[start]!)) start += 1;
  if (words[start] === 'thi' && words[start + 1] === 'dua') start += 2;
  return start;
}

/** The comparable form of a name or code: folded words without the leading "khối (thi đua)". */
function nameKey(text: string): string {
  const words = foldedWords(text);
  return words.slice(nameStart(words)).join('');
}

function keysOf(named: Named): string[] {
  return [nameKey(named.code), nameKey(named.name)].filter((key) => key.length > 0);
}

/** A four-digit word that names a year. */
export const YEAR_PATTERN = /^(19|20|21)\d{2}$/;

/** The words typed, as typed, with the first four-digit one taken out as the year. */
function wordsAndYear(text: string): { tokens: string[]; year?: number } {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  const yearAt = tokens.findIndex((token) => YEAR_PATTERN.test(token));
  if (yearAt < 0) return { tokens };
  const year = Number(tokens[yearAt]);
  tokens.splice(yearAt, 1);
  return { tokens, year };
}

/**
 * Blocks (or units) by key, and the longest key, which bounds how many words can name one: the
 * parsers below fold each typed word once and join only runs that could still name something, so
 * they are linear in what was typed, however long the command.
 */
const nameIndexes = new WeakMap<readonly Named[], NameIndex<Named>>();

/** The index of `named`, built once per frozen list (keptFor). */
function nameIndexOf<B extends Named>(named: readonly B[]): NameIndex<B> {
  return keptFor(nameIndexes, named, () => new NameIndex<Named>(named)) as NameIndex<B>;
}

class NameIndex<B extends Named> {
  readonly byKey = new Map<string, B>();
  readonly longest: number;
  /** Each name's folded words without the leading "khối (thi đua)", for a part of a name. */
  private readonly nameWords: { item: B; words: string[] }[];
  private readonly mostWords: number;
  constructor(named: readonly B[]) {
    for (const item of named) for (const key of keysOf(item)) if (!this.byKey.has(key)) this.byKey.set(key, item);
    this.longest = Math.max(0, ...[...this.byKey.keys()].map((key) => key.length));
    this.nameWords = named.map((item) => {
      const words = foldedWords(item.name);
      return { item, words: words.slice(nameStart(words)) };
    });
    this.mostWords = Math.max(0, ...this.nameWords.map((entry) => entry.words.length));
  }

  /**
   * What these folded words name (a whole run, leading "khối thi đua" allowed): exactly a code or a
   * name, else a distinctive part of one name — words that follow each other in that name and in no
   * other ("van hoa" → Khối thi đua Văn hóa – Xã hội).
   */
  named(words: readonly string[]): B | undefined {
    const start = nameStart(words);
    if (words.length - start > Math.max(this.longest, this.mostWords)) return undefined;
    return this.byKey.get(words.slice(start).join('')) ?? this.partOf(words.slice(start));
  }

  /**
   * What these folded words come close to when they name nothing exactly: the names (a code, a
   * whole name or a run of its words) a few typing slips away — one edit per five letters typed,
   * nothing for four letters or fewer, where every slip makes another word. One such name is taken
   * (`clear`); several are offered, never guessed (`unsure`). The typed run is bounded by the
   * longest name, so this costs the same however long the command.
   */
  near(words: readonly string[]): Near<B> {
    const typed = words.slice(nameStart(words)).join('');
    const allowed = Math.floor(typed.length / 5);
    if (allowed === 0) return { kind: 'none' };
    const nearest = new Map<B, number>();
    for (const { item, key } of this.nearKeys) {
      if (Math.abs(key.length - typed.length) > allowed) continue;
      const distance = editDistance(typed, key);
      if (distance <= allowed && distance < (nearest.get(item) ?? Infinity)) nearest.set(item, distance);
    }
    const items = [...nearest].sort((left, right) => left[1] - right[1]).map(([item]) => item);
    if (items.length === 0) return { kind: 'none' };
    return items.length === 1 ? { kind: 'clear', item: items[0]! } : { kind: 'unsure', items };
  }

  /** Every code, and every run of consecutive words of every name, that a near name is compared with. */
  private get nearKeys(): { item: B; key: string }[] {
    this.nearKeysMemo ??= this.nameWords.flatMap(({ item, words }) => [
      { item, key: nameKey(item.code) },
      ...words.flatMap((_, from) => words.slice(from).map((__, length) => ({ item, key: words.slice(from, from + length + 1).join('') }))),
    ]);
    return this.nearKeysMemo;
  }
  private nearKeysMemo: { item: B; key: string }[] | undefined;

  private partOf(run: readonly string[]): B | undefined {
    if (run.length === 0 || run.length > this.mostWords) return undefined;
    const found = new Set(this.nameWords.filter((entry) => containsRun(entry.words, run)).map((entry) => entry.item));
    return found.size === 1 ? [...found][0] : undefined;
  }
}

/** Whether `run` appears in `words` as consecutive words. */
function containsRun(words: readonly string[], run: readonly string[]): boolean {
  for (let start = 0; start + run.length <= words.length; start++)
    if (run.every((word, index) => words[start + index] === word)) return true;
  return false;
}

/**
 * Finds the year (the first four-digit word anywhere) and the block (the longest run of words at
 * the start, after the year is taken out, that is exactly a block's code or name). What is left is
 * `rest`. An unmatched block name is left in `rest` for the caller to judge (a filter for one
 * command, an unknown block for another).
 */
export function parseScopeWords<B extends Named>(text: string, blocks: readonly B[]): ScopeWords<B> {
  const { tokens, year } = wordsAndYear(text);
  const withYear = year !== undefined ? { year } : {};
  const index = nameIndexOf(blocks);
  // The folded words of every token, their running length, and where each token's words end.
  const words: string[] = [];
  const lengthUpTo = [0];
  const wordsEnd = tokens.map((token) => {
    for (const word of foldedWords(token)) {
      words.push(word);
      lengthUpTo.push(lengthUpTo.at(-1)! + word.length);
    }
    return words.length;
  });
  // What nameStart strips from a leading run of words: what it strips from all of them, cut to the run.
  let groupWords = 0;
  while (groupWords < words.length && GROUP_WORDS.has(words[groupWords]!)) groupWords += 1;
  const thiDua = words[groupWords] === 'thi' && words[groupWords + 1] === 'dua';
  let found: { block: B; count: number } | undefined;
  for (let count = 1; count <= tokens.length; count++) {
    const end = wordsEnd[count - 1]!;
    const start = end <= groupWords ? end : thiDua && end >= groupWords + 2 ? groupWords + 2 : groupWords;
    const length = lengthUpTo[end]! - lengthUpTo[start]!;
    // Past "khối thi đua" a longer run only gets longer: once longer than every name, stop.
    if (length > index.longest && end >= groupWords + 2) break;
    if (length === 0 || length > index.longest) continue;
    const block = index.byKey.get(words.slice(start, end).join(''));
    if (block) found = { block, count };
  }
  if (found) return { block: found.block, ...withYear, rest: tokens.slice(found.count).join(' ') };
  // Nothing named exactly: all the words together may be a distinctive part of one block's name.
  const part = tokens.length ? index.named(words) : undefined;
  if (part) return { block: part, ...withYear, rest: '' };
  return { ...withYear, rest: tokens.join(' ') };
}

/** A name typed with slips: the one it surely means, the few it may mean, or none close. */
export type Near<T> = { kind: 'clear'; item: T } | { kind: 'unsure'; items: T[] } | { kind: 'none' };

/**
 * The block or unit `text` comes close to naming, for when it names none exactly
 * (`findByCodeOrName` found nothing): "so tu phapp" → Sở Tư pháp, "noi chin" → Khối thi đua Nội chính.
 */
export function nearestNamed<T extends Named>(text: string, candidates: readonly T[]): Near<T> {
  return nameIndexOf(candidates).near(foldedWords(text));
}

type Keys = { code: string; name: string }[];
const keysByList = new WeakMap<readonly Named[], Map<(text: string) => string, Keys>>();

/** Each candidate's code and name as `key` reads them, in order: folded once per frozen list (keptFor). */
function candidateKeys(candidates: readonly Named[], key: (text: string) => string): Keys {
  const byKey = keptFor(keysByList, candidates, () => new Map<(text: string) => string, Keys>());
  // A few ways of reading names are kept (nameKey, periodKey); one made afresh per call is not kept for long.
  return keptAnswer(byKey, key, 4, () => candidates.map((candidate) => ({ code: key(candidate.code), name: key(candidate.name) })));
}

export type Lookup<T> = { kind: 'found'; item: T } | { kind: 'ambiguous'; items: T[] } | { kind: 'none' };

/**
 * The one candidate `text` names: exactly by code or name; else the only one whose name contains
 * what was typed ("cong an" → Công an tỉnh). Several → ambiguous; nothing typed or no hit → none.
 */
export function findByCodeOrName<T extends Named>(
  text: string,
  candidates: readonly T[],
  key: (text: string) => string = nameKey,
): Lookup<T> {
  const typed = key(text);
  if (!typed) return { kind: 'none' };
  const keys = candidateKeys(candidates, key);
  const exact = candidates.filter((_, at) => keys[at]!.code === typed || keys[at]!.name === typed);
  if (exact.length === 1) return { kind: 'found', item: exact[0]! };
  if (exact.length > 1) return { kind: 'ambiguous', items: exact };
  const partial = typed.length >= 2 ? candidates.filter((_, at) => keys[at]!.name.includes(typed)) : [];
  if (partial.length === 1) return { kind: 'found', item: partial[0]! };
  return partial.length > 1 ? { kind: 'ambiguous', items: partial } : { kind: 'none' };
}

const ROMAN: Readonly<Record<string, string>> = {
  i: '1',
  ii: '2',
  iii: '3',
  iv: '4',
  v: '5',
  vi: '6',
  vii: '7',
  viii: '8',
  ix: '9',
  x: '10',
  xi: '11',
  xii: '12',
};

/** A period's comparable form: folded words, Roman numerals as digits, without a leading "kỳ" ("Quý I" = "quy 1" = "quy1"). */
export function periodKey(text: string): string {
  const words = foldedWords(text).map((word) => ROMAN[word] ?? word);
  return (words[0] === 'ki' ? words.slice(1) : words).join('');
}

/** The period `text` names (code or name, typed any way: "Q1", "quy 1", "Quý I", "6 thang"). */
export function findPeriod<P extends Named>(text: string, periods: readonly P[]): Lookup<P> {
  return findByCodeOrName(text, periods, periodKey);
}

/** The two readings of words split at `split`: the period before the block, or after it. */
function sidesAt(split: number, count: number): [period: [number, number], block: [number, number]][] {
  return [
    [
      [0, split],
      [split, count],
    ],
    [
      [split, count],
      [0, split],
    ],
  ];
}

export interface PeriodWords<B, P> {
  period?: P;
  block?: B;
  year?: number;
  /** Words that name neither (empty when everything was understood). */
  rest: string;
  /** The blocks `rest` comes close to naming, when it may mean more than one (never guessed). */
  nearBlocks?: B[];
}

/**
 * "[kỳ] [khối]" in either order, with an optional four-digit year anywhere: `Q1 noi chinh`,
 * `noi chinh quy I 2021`, `6 thang`. Each side must name exactly one period or block; what cannot
 * be read is left in `rest` for the caller to explain.
 *
 * Every split of the words into a period side and a block side is considered (the longest period
 * side first), but a period is named by a few words at most — no more than its longest name has
 * letters, plus "kỳ" — so only those few splits are read: linear in what was typed. Words that
 * fold to nothing ("–") name nothing and are left out of the reading.
 */
const longestPeriodKeys = new WeakMap<readonly Named[], number>();

export function parsePeriodWords<B extends Named, P extends Named>(
  text: string,
  blocks: readonly B[],
  periods: readonly P[],
): PeriodWords<B, P> {
  const { tokens, year } = wordsAndYear(text);
  const withYear = year !== undefined ? { year } : {};
  const named = tokens.map((token) => ({ token, words: foldedWords(token) })).filter((entry) => entry.words.length > 0);
  const index = nameIndexOf(blocks);
  const periodWordsAtMost = keptFor(longestPeriodKeys, periods, () => {
    const periodKeys = periods.flatMap((period) => [periodKey(period.code), periodKey(period.name)]);
    return periods.length ? Math.max(...periodKeys.map((key) => key.length)) + 1 : 0;
  });
  const periodOf = (from: number, to: number) => {
    if (from === to) return { ok: true as const };
    const found = findPeriod(
      named
        .slice(from, to)
        .map((entry) => entry.token)
        .join(' '),
      periods,
    );
    return found.kind === 'found' ? { ok: true as const, period: found.item } : { ok: false as const };
  };
  const count = named.length;
  // Nothing but punctuation names nothing either: said, not ignored.
  if (count === 0 && tokens.length > 0) return { ...withYear, rest: tokens.join(' ') };
  for (let split = count; split >= 0; split--) {
    for (const [[periodFrom, periodTo], [blockFrom, blockTo]] of sidesAt(split, count)) {
      if (periodTo - periodFrom > periodWordsAtMost) continue;
      const period = periodOf(periodFrom, periodTo);
      if (!period.ok) continue;
      const block = blockFrom === blockTo ? undefined : index.named(named.slice(blockFrom, blockTo).flatMap((entry) => entry.words));
      if (blockFrom !== blockTo && !block) continue;
      return { ...(period.period ? { period: period.period } : {}), ...(block ? { block } : {}), ...withYear, rest: '' };
    }
  }
  // Nothing read exactly: a block name typed with slips ("quy 1 noi chin"), else what the period
  // side names, with only the words it leaves quoted back.
  let understood: PeriodWords<B, P> | undefined;
  for (let split = count; split >= 0; split--) {
    for (const [[periodFrom, periodTo], [blockFrom, blockTo]] of sidesAt(split, count)) {
      if (periodTo - periodFrom > periodWordsAtMost || blockFrom === blockTo) continue;
      const period = periodOf(periodFrom, periodTo);
      if (!period.ok) continue;
      const withPeriod = period.period ? { period: period.period } : {};
      const near = index.near(named.slice(blockFrom, blockTo).flatMap((entry) => entry.words));
      if (near.kind === 'clear') return { ...withPeriod, block: near.item, ...withYear, rest: '' };
      const typed = named
        .slice(blockFrom, blockTo)
        .map((entry) => entry.token)
        .join(' ');
      if (near.kind === 'unsure') return { ...withPeriod, ...withYear, rest: typed, nearBlocks: near.items };
      // Left-over numbers belong with the period ("quy 7" is an unknown period, not Quý I and "7").
      const numbered = named.slice(blockFrom, blockTo).some((entry) => entry.words.some((word) => /^\d+$/.test(word)));
      if (period.period && !numbered) understood ??= { ...withPeriod, ...withYear, rest: typed };
    }
  }
  return understood ?? { ...withYear, rest: tokens.join(' ') };
}
