import { foldedWords } from './fold';

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

/** The comparable form of a name or code: folded words without the leading "khối (thi đua)". */
function nameKey(text: string): string {
  const words = foldedWords(text);
  let start = 0;
  while (start < words.length && GROUP_WORDS.has(words[start]!)) start += 1;
  if (words[start] === 'thi' && words[start + 1] === 'dua') start += 2;
  return words.slice(start).join('');
}

function keysOf(named: Named): string[] {
  return [nameKey(named.code), nameKey(named.name)].filter((key) => key.length > 0);
}

/** A four-digit word that names a year. */
export const YEAR_PATTERN = /^(19|20|21)\d{2}$/;

/**
 * Finds the year (the first four-digit word anywhere) and the block (the longest run of words at
 * the start, after the year is taken out, that is exactly a block's code or name). What is left is
 * `rest`. An unmatched block name is left in `rest` for the caller to judge (a filter for one
 * command, an unknown block for another).
 */
export function parseScopeWords<B extends Named>(text: string, blocks: readonly B[]): ScopeWords<B> {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  const yearAt = tokens.findIndex((token) => YEAR_PATTERN.test(token));
  const year = yearAt >= 0 ? Number(tokens[yearAt]) : undefined;
  if (yearAt >= 0) tokens.splice(yearAt, 1);
  const byKey = new Map<string, B>();
  for (const block of blocks) for (const key of keysOf(block)) if (!byKey.has(key)) byKey.set(key, block);
  for (let count = tokens.length; count >= 1; count--) {
    const block = byKey.get(nameKey(tokens.slice(0, count).join(' ')));
    if (block) return { block, ...(year !== undefined ? { year } : {}), rest: tokens.slice(count).join(' ') };
  }
  return { ...(year !== undefined ? { year } : {}), rest: tokens.join(' ') };
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
  const exact = candidates.filter((candidate) => [key(candidate.code), key(candidate.name)].includes(typed));
  if (exact.length === 1) return { kind: 'found', item: exact[0]! };
  if (exact.length > 1) return { kind: 'ambiguous', items: exact };
  const partial = typed.length >= 2 ? candidates.filter((candidate) => key(candidate.name).includes(typed)) : [];
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
  return (words[0] === 'ky' ? words.slice(1) : words).join('');
}

/** The period `text` names (code or name, typed any way: "Q1", "quy 1", "Quý I", "6 thang"). */
export function findPeriod<P extends Named>(text: string, periods: readonly P[]): Lookup<P> {
  return findByCodeOrName(text, periods, periodKey);
}

export interface PeriodWords<B, P> {
  period?: P;
  block?: B;
  year?: number;
  /** Words that name neither (empty when everything was understood). */
  rest: string;
}

/**
 * "[kỳ] [khối]" in either order, with an optional four-digit year anywhere: `Q1 noi chinh`,
 * `noi chinh quy I 2021`, `6 thang`. Each side must name exactly one period or block; what cannot
 * be read is left in `rest` for the caller to explain.
 */
export function parsePeriodWords<B extends Named, P extends Named>(
  text: string,
  blocks: readonly B[],
  periods: readonly P[],
): PeriodWords<B, P> {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  const yearAt = tokens.findIndex((token) => YEAR_PATTERN.test(token));
  const year = yearAt >= 0 ? Number(tokens[yearAt]) : undefined;
  if (yearAt >= 0) tokens.splice(yearAt, 1);
  const withYear = year !== undefined ? { year } : {};
  const blockOf = (words: string[]) => (words.length ? parseScopeWords(words.join(' '), blocks) : { rest: '' });
  const periodOf = (words: string[]) => {
    if (!words.length) return { ok: true as const };
    const found = findPeriod(words.join(' '), periods);
    return found.kind === 'found' ? { ok: true as const, period: found.item } : { ok: false as const };
  };
  for (let split = tokens.length; split >= 0; split--) {
    for (const [periodWords, blockWords] of [
      [tokens.slice(0, split), tokens.slice(split)],
      [tokens.slice(split), tokens.slice(0, split)],
    ] as const) {
      const period = periodOf([...periodWords]);
      const block = blockOf([...blockWords]);
      if (period.ok && !block.rest)
        return {
          ...(period.period ? { period: period.period } : {}),
          ...('block' in block && block.block ? { block: block.block } : {}),
          ...withYear,
          rest: '',
        };
    }
  }
  return { ...withYear, rest: tokens.join(' ') };
}
