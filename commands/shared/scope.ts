import type { BlockRow, PeriodRow, YearRow } from '../../db/store/structure';
import { pageWindow } from '../../src/domain/pagination';
import { type Named, nearestNamed, parsePeriodWords, parseScopeWords, YEAR_PATTERN } from '../../src/domain/scope-words';
import { defineMessages, type Locale } from '../../src/i18n/messages';
import { blocksProgress } from '../../src/services/progress';
import { escapeMrkdwn } from '../../src/views/blocks';
import { type BlockPick, buildBlockPicker, PICKER_BLOCKS_PER_PAGE } from '../../src/views/progress';
import type { CommandContext, Reply } from './feature';

/**
 * The block, year and period a command is about, from the words typed after it (parsed by
 * src/domain/scope-words.ts), with the caller's own block and the current year by default; the
 * caller is told in words when they cannot be read.
 */
export const argsText = defineMessages(
  {
    unknownBlock: (typed: string, blocks: string) => `Không có khối “${typed}”. Các khối: ${blocks}.`,
    whichBlock: (example: string, blocks: string) =>
      `Tài khoản này không thuộc khối nào: ghi thêm khối, ví dụ \`${example}\`. Các khối: ${blocks}.`,
    noBlocks: 'Tệp tổ chức chưa có khối thi đua nào.',
    unknownYear: (year: number, years: string) =>
      years ? `Chưa có năm ${year} trong tệp tổ chức. Các năm đang có: ${years}.` : `Chưa có năm ${year} trong tệp tổ chức.`,
    noYear: 'Tệp tổ chức chưa có năm thi đua nào.',
    noPeriods: (year: number) => `Năm ${year} chưa có kỳ báo cáo nào trong tệp tổ chức.`,
    unknownPeriodWords: (typed: string, periods: string, blocks: string) => `Không rõ “${typed}”. Các kỳ: ${periods}. Các khối: ${blocks}.`,
    nearNamed: (typed: string, names: string, example: string) =>
      `Không rõ “${typed}”. Có phải đồng chí muốn nói ${names}? Gõ lại, ví dụ \`${example}\`.`,
  },
  {
    unknownBlock: (typed: string, blocks: string) => `There is no block “${typed}”. Blocks: ${blocks}.`,
    whichBlock: (example: string, blocks: string) =>
      `This account belongs to no block: add the block, e.g. \`${example}\`. Blocks: ${blocks}.`,
    noBlocks: 'The organisation file has no blocks yet.',
    unknownYear: (year: number, years: string) =>
      years ? `The organisation file has no year ${year}. Years: ${years}.` : `The organisation file has no year ${year}.`,
    noYear: 'The organisation file has no emulation year yet.',
    noPeriods: (year: number) => `The organisation file has no reporting periods for ${year}.`,
    unknownPeriodWords: (typed: string, periods: string, blocks: string) => `Unknown “${typed}”. Periods: ${periods}. Blocks: ${blocks}.`,
    nearNamed: (typed: string, names: string, example: string) =>
      `Unknown “${typed}”. Did you mean ${names}? Type it again, e.g. \`${example}\`.`,
  },
);

/**
 * The answer to words that come close to several blocks or units (`nearestNamed`): what was not
 * understood, quoted; the names it may mean; and the command again with the first of them, keeping
 * what was understood (`example`: the command for a code).
 */
export function nearNamedReply(locale: Locale, typed: string, near: readonly Named[], example: (code: string) => string): Reply {
  const names = near.map((item) => `${escapeMrkdwn(item.name)} (\`${escapeMrkdwn(item.code)}\`)`).join(locale === 'vi' ? ' hay ' : ' or ');
  return { text: argsText[locale].nearNamed(escapeMrkdwn(typed), names, example(near[0]!.code)) };
}

/** "`NOI_CHINH` (Khối thi đua Nội chính), `VH_XH` (…)" */
export function listNamed(items: readonly Named[]): string {
  return items.map((item) => `\`${escapeMrkdwn(item.code)}\` (${escapeMrkdwn(item.name)})`).join(', ');
}

export interface Scope {
  block: BlockRow;
  year: YearRow;
  rest: string;
}

/** What a command is about, or else the answer to give instead (the words name nothing known, or too little). */
export type Resolved<S> = { scope: S } | { reply: Reply };

/**
 * The block and year a command is about: as typed, else the caller's block and the current
 * year; or what to answer when the block or year is unknown, when an admin outside every block
 * named none, or when words are left over and `rest` is not allowed. It only reads (a command
 * reads it and draws its answer as one unit of work, store.readOnce).
 */
export function scopeOf(context: CommandContext, options: { command: string; allowRest: boolean }): Resolved<Scope> {
  const { deps, caller, locale } = context;
  const text = argsText[locale];
  const blocks = deps.store.structure.activeBlocks();
  if (blocks.length === 0) {
    return { reply: { text: text.noBlocks } };
  }
  const words = parseScopeWords(context.args, blocks);
  let named = words.block;
  if (words.rest && !options.allowRest) {
    // Extra words after a block name mean the name was mistyped as a whole: quote all of it.
    const typed = context.args
      .trim()
      .split(/\s+/)
      .filter((word) => !YEAR_PATTERN.test(word))
      .join(' ');
    const near = nearestNamed(typed, blocks);
    if (near.kind === 'unsure') {
      return {
        reply: nearNamedReply(locale, typed, near.items, (code) =>
          ['/thidua', options.command, code, words.year].filter(Boolean).join(' '),
        ),
      };
    }
    if (near.kind === 'none') {
      return { reply: { text: text.unknownBlock(escapeMrkdwn(typed), listNamed(blocks)) } };
    }
    named = near.item;
  }
  const block = named ?? caller.block;
  if (!block) {
    return {
      reply: blockPicker(context, { command: options.command, args: context.args }) ?? {
        text: text.whichBlock(`/thidua ${options.command} ${blocks[0]!.code}`, listNamed(blocks)),
      },
    };
  }
  const wantedYear = words.year ?? caller.year;
  const year = wantedYear !== undefined ? deps.store.structure.year(wantedYear) : undefined;
  if (!year) {
    const known = deps.store.structure.years().map((row) => row.year);
    return { reply: { text: wantedYear === undefined ? text.noYear : text.unknownYear(wantedYear, known.join(', ')) } };
  }
  return { scope: { block, year, rest: options.allowRest ? words.rest : '' } };
}

export interface PeriodScope {
  block: BlockRow;
  period: PeriodRow;
}

/**
 * The block and period a command is about ("[kỳ] [khối]" in either order, a year anywhere): as
 * typed, else the caller's block and `defaultPeriod` of the year's periods; or what to answer when
 * the year has no periods, when words name neither, or when an admin outside every block named
 * none. It only reads, as scopeOf.
 */
export function periodScopeOf(
  context: CommandContext,
  options: { command: string; defaultPeriod: (periods: readonly PeriodRow[], now: Date) => PeriodRow | undefined },
): Resolved<PeriodScope> {
  const { deps, caller, locale } = context;
  const text = argsText[locale];
  const { structure } = deps.store;
  const blocks = structure.activeBlocks();
  const typedYear = context.args.split(/\s+/).find((word) => YEAR_PATTERN.test(word));
  const year = typedYear ? Number(typedYear) : caller.year;
  if (year === undefined || !structure.year(year)) {
    const known = structure.years().map((row) => row.year);
    return { reply: { text: year === undefined ? text.noYear : text.unknownYear(year, known.join(', ')) } };
  }
  const periods = structure.periods(year);
  if (periods.length === 0) {
    return { reply: { text: text.noPeriods(year) } };
  }
  const words = parsePeriodWords(context.args, blocks, periods);
  if (words.nearBlocks) {
    const example = (code: string) => ['/thidua', options.command, words.period?.code, code, typedYear].filter(Boolean).join(' ');
    return { reply: nearNamedReply(locale, words.rest, words.nearBlocks, example) };
  }
  if (words.rest) {
    return { reply: { text: text.unknownPeriodWords(escapeMrkdwn(words.rest), listNamed(periods), listNamed(blocks)) } };
  }
  const block = words.block ?? caller.block;
  if (!block) {
    return {
      reply: blockPicker(context, { command: options.command, args: context.args }) ?? {
        text: text.whichBlock(`/thidua ${options.command} ${periods[0]!.code} ${blocks[0]?.code ?? ''}`.trim(), listNamed(blocks)),
      },
    };
  }
  return { scope: { block, period: words.period ?? options.defaultPeriod(periods, deps.clock.now())! } };
}

/**
 * For an admin outside every block who named none: the blocks as buttons, each with its progress,
 * each running `pick.command` again with the words typed and that block. Undefined for anyone else
 * (told in words which block to name) and before the organisation has a year.
 */
export function blockPicker(
  context: Pick<CommandContext, 'deps' | 'caller' | 'organisation' | 'locale'>,
  pick: BlockPick,
): Reply | undefined {
  const { deps, caller } = context;
  const { structure } = deps.store;
  // The year and period the words name (`tiendo 6 thang 2021`), so the list summarises what was asked.
  const typedYear = Number(pick.args.split(/\s+/).find((word) => YEAR_PATTERN.test(word)));
  const year = structure.year(typedYear) ? typedYear : (caller.year ?? structure.latestYear()?.year);
  if (!caller.isAdmin || year === undefined) return undefined;
  const named = parsePeriodWords(pick.args, structure.activeBlocks(), structure.periods(year)).period;
  const progress = blocksProgress(deps.store, year, deps.clock.now(), named);
  return buildBlockPicker(
    {
      pick,
      progress,
      page: pageWindow(progress.length, PICKER_BLOCKS_PER_PAGE, pick.page ?? 0),
      zone: context.organisation.timeZone,
    },
    context.locale,
  );
}
