import type { Store } from '../db/store';
import type { BlockRow, PeriodRow, UnitRow, YearRow } from '../db/store/structure';
import { foldedWords } from '../src/domain/fold';
import { defineMessages } from '../src/i18n/messages';
import { escapeMrkdwn } from '../src/views/blocks';
import type { CommandContext } from './feature';

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

const YEAR_PATTERN = /^(19|20|21)\d{2}$/;

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

export const argsText = defineMessages(
  {
    unknownBlock: (typed: string, blocks: string) => `Không có khối «${typed}». Các khối: ${blocks}.`,
    whichBlock: (example: string, blocks: string) =>
      `Tài khoản này không thuộc khối nào: ghi thêm khối, ví dụ \`${example}\`. Các khối: ${blocks}.`,
    noBlocks: 'Tệp cấu hình tổ chức chưa có khối thi đua nào.',
    unknownYear: (year: number, years: string) =>
      years
        ? `Chưa có năm ${year} trong tệp cấu hình tổ chức. Các năm đang có: ${years}.`
        : `Chưa có năm ${year} trong tệp cấu hình tổ chức.`,
    noYear: 'Tệp cấu hình tổ chức chưa có năm thi đua nào.',
    noPeriods: (year: number) => `Năm ${year} chưa có kỳ báo cáo nào trong tệp cấu hình tổ chức.`,
    unknownPeriodWords: (typed: string, periods: string, blocks: string) => `Không rõ «${typed}». Các kỳ: ${periods}. Các khối: ${blocks}.`,
  },
  {
    unknownBlock: (typed: string, blocks: string) => `There is no block «${typed}». Blocks: ${blocks}.`,
    whichBlock: (example: string, blocks: string) =>
      `This account belongs to no block: add the block, e.g. \`${example}\`. Blocks: ${blocks}.`,
    noBlocks: 'The organisation file has no blocks yet.',
    unknownYear: (year: number, years: string) =>
      years ? `The organisation file has no year ${year}. Years: ${years}.` : `The organisation file has no year ${year}.`,
    noYear: 'The organisation file has no emulation year yet.',
    noPeriods: (year: number) => `The organisation file has no reporting periods for ${year}.`,
    unknownPeriodWords: (typed: string, periods: string, blocks: string) => `Unknown «${typed}». Periods: ${periods}. Blocks: ${blocks}.`,
  },
);

/** "`NOI_CHINH` (Khối thi đua Nội chính), `VH_XH` (…)" */
export function listNamed(items: readonly Named[]): string {
  return items.map((item) => `\`${item.code}\` (${escapeMrkdwn(item.name)})`).join(', ');
}

export interface Scope {
  block: BlockRow;
  year: YearRow;
  rest: string;
}

/**
 * The block and year a command is about: as typed, else the caller's block and the current
 * year. Answers the caller itself (and returns undefined) when the block or year is unknown, when
 * an admin outside every block named none, or when words are left over and `rest` is not allowed.
 */
export async function resolveScope(context: CommandContext, options: { command: string; allowRest: boolean }): Promise<Scope | undefined> {
  const { deps, caller, locale, respond } = context;
  const text = argsText[locale];
  const blocks = deps.store.structure.activeBlocks();
  if (blocks.length === 0) {
    await respond({ text: text.noBlocks });
    return undefined;
  }
  const words = parseScopeWords(context.args, blocks);
  if (words.rest && !options.allowRest) {
    // Extra words after a block name mean the name was mistyped as a whole: quote all of it.
    const typed = context.args
      .trim()
      .split(/\s+/)
      .filter((word) => !YEAR_PATTERN.test(word))
      .join(' ');
    await respond({ text: text.unknownBlock(typed, listNamed(blocks)) });
    return undefined;
  }
  const block = words.block ?? caller.block;
  if (!block) {
    await respond({ text: text.whichBlock(`/thidua ${options.command} ${blocks[0]!.code}`, listNamed(blocks)) });
    return undefined;
  }
  const wantedYear = words.year ?? caller.year;
  const year = wantedYear !== undefined ? deps.store.structure.year(wantedYear) : undefined;
  if (!year) {
    const known = deps.store.structure.years().map((row) => row.year);
    await respond({ text: wantedYear === undefined ? text.noYear : text.unknownYear(wantedYear, known.join(', ')) });
    return undefined;
  }
  return { block, year, rest: words.rest };
}

export interface PeriodScope {
  block: BlockRow;
  period: PeriodRow;
}

/**
 * The block and period a command is about ("[kỳ] [khối]" in either order, a year anywhere): as
 * typed, else the caller's block and `defaultPeriod` of the year's periods. Answers the caller itself
 * (and returns undefined) when the year has no periods, when words name neither, or when an admin
 * outside every block named none.
 */
export async function resolvePeriodScope(
  context: CommandContext,
  options: { command: string; defaultPeriod: (periods: readonly PeriodRow[], now: Date) => PeriodRow | undefined },
): Promise<PeriodScope | undefined> {
  const { deps, caller, locale, respond } = context;
  const text = argsText[locale];
  const { structure } = deps.store;
  const blocks = structure.activeBlocks();
  const typedYear = context.args.split(/\s+/).find((word) => YEAR_PATTERN.test(word));
  const year = typedYear ? Number(typedYear) : caller.year;
  if (year === undefined || !structure.year(year)) {
    const known = structure.years().map((row) => row.year);
    await respond({ text: year === undefined ? text.noYear : text.unknownYear(year, known.join(', ')) });
    return undefined;
  }
  const periods = structure.periods(year);
  if (periods.length === 0) {
    await respond({ text: text.noPeriods(year) });
    return undefined;
  }
  const words = parsePeriodWords(context.args, blocks, periods);
  if (words.rest) {
    await respond({ text: text.unknownPeriodWords(words.rest, listNamed(periods), listNamed(blocks)) });
    return undefined;
  }
  const block = words.block ?? caller.block;
  if (!block) {
    await respond({
      text: text.whichBlock(`/thidua ${options.command} ${periods[0]!.code} ${blocks[0]?.code ?? ''}`.trim(), listNamed(blocks)),
    });
    return undefined;
  }
  return { block, period: words.period ?? options.defaultPeriod(periods, deps.clock.now())! };
}

/** The block a unit belongs to now, if any. */
export function blockOfUnit(store: Store, unit: UnitRow): BlockRow | undefined {
  return store.structure.activeBlocks().find((block) => store.structure.members(block.id).some((member) => member.id === unit.id));
}
