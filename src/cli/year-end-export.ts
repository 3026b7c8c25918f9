import type { Store } from '../../db/store';
import type { OrganisationSettings } from '../../db/store/organisation';
import { findByCodeOrName } from '../domain/scope-words';
import { bothLanguages, defineMessages } from '../i18n/messages';
import { readDeliberation } from '../services/year-end/deliberation';
import { provinceYearEnd } from '../services/year-end/province';
import { provinceFileName, provinceProposalsXlsx } from '../standings/province-proposals';
import { documentFileName, minutesDocx, proposalDocx } from '../standings/year-end-documents';

/**
 * `npx thidua export --year YYYY --block CODE --format docx --document minutes|proposal [--out FILE]`:
 * a closed deliberation's minutes or proposal as DOCX; `npx thidua export --year YYYY --document
 * proposals [--format xlsx] [--out FILE]`: every block's proposals in one XLSX (the province's view).
 * As every export, never over an existing file unless --force.
 */
export const YEAR_END_DOCUMENT_NAMES = ['minutes', 'proposal', 'proposals'] as const;

const text = defineMessages(
  {
    badDocument: (typed: string) =>
      `--document “${typed}”: chỉ có minutes (biên bản), proposal (tờ trình) hoặc proposals (tổng hợp đề nghị toàn tỉnh)`,
    needsDocument: 'Cần --document: npx thidua export --year 2021 --block NOI_CHINH --format docx --document minutes|proposal',
    needsBlock: (document: string) => `--document ${document} cần --block, ví dụ --block NOI_CHINH`,
    badFormat: (document: string, format: string) => `--document ${document} xuất dạng ${format}`,
    needsYear: 'Cần --year, ví dụ --year 2021',
    notDeliberated: (block: string, year: number) => `${block} chưa mở bình xét năm ${year}.`,
    stillOpen: (block: string, year: number) =>
      `${block} chưa kết thúc bỏ phiếu năm ${year}: biên bản và tờ trình có sau khi Trưởng khối kết thúc bỏ phiếu.`,
    written: (file: string, what: string) => `Đã ghi ${file}: ${what}`,
    minutes: (block: string, year: number) => `biên bản họp bình xét thi đua năm ${year}, ${block}`,
    proposal: (block: string, year: number) => `tờ trình đề nghị khen thưởng năm ${year}, ${block}`,
    proposals: (year: number, closed: number, blocks: number) =>
      `đề nghị khen thưởng năm ${year}, ${closed}/${blocks} khối đã kết thúc bỏ phiếu`,
  },
  {
    badDocument: (_typed: string) => '--document must be minutes, proposal or proposals',
    needsDocument: '--document is required',
    needsBlock: (_document: string) => '--block is required',
    badFormat: (_document: string, format: string) => `written as ${format}`,
    needsYear: '--year is required',
    notDeliberated: (block: string, year: number) => `${block} has not opened its ${year} deliberation.`,
    stillOpen: (block: string, year: number) => `${block}'s ${year} vote is still open.`,
    written: (file: string, what: string) => `wrote ${file}: ${what}`,
    minutes: (block: string, year: number) => `minutes ${year}, ${block}`,
    proposal: (block: string, year: number) => `proposal ${year}, ${block}`,
    proposals: (year: number, closed: number, blocks: number) => `proposals ${year}, ${closed} of ${blocks} blocks closed`,
  },
);

export interface YearEndExportOptions {
  block?: string | undefined;
  year?: number | undefined;
  format?: string | undefined;
  document?: string | undefined;
  out?: string | undefined;
}

/** Writes the asked document; throws through `fail` (one line, both languages, exit 1) when it cannot. */
export async function exportYearEnd(
  store: Store,
  organisation: OrganisationSettings,
  options: YearEndExportOptions,
  now: Date,
  io: {
    /** Writes the file (the CLI's: never over an existing one without --force). */
    write: (path: string, bytes: Buffer) => void;
    /** Ends the command with one line, exit code 1. */
    fail: (message: string) => never;
    unknownBlock: (typed: string) => string;
  },
): Promise<string> {
  const { write, fail, unknownBlock } = io;
  const say = (line: (words: (typeof text)['vi']) => string) => bothLanguages(text, line);
  const document = options.document;
  if (document === undefined) return fail(say((words) => words.needsDocument));
  if (!(YEAR_END_DOCUMENT_NAMES as readonly string[]).includes(document)) return fail(say((words) => words.badDocument(document)));
  if (options.year === undefined) return fail(say((words) => words.needsYear));
  const year = options.year;
  const expected = document === 'proposals' ? 'xlsx' : 'docx';
  if (options.format !== undefined && options.format.toLowerCase() !== expected)
    return fail(say((words) => words.badFormat(document, expected)));
  const context = { organisation: organisation.name, zone: organisation.timeZone };
  if (document === 'proposals') {
    const blocks = provinceYearEnd(store, year);
    const out = options.out ?? provinceFileName(year);
    write(out, await provinceProposalsXlsx(year, blocks, now, organisation.timeZone, organisation.locale));
    return text[organisation.locale].written(
      out,
      text[organisation.locale].proposals(year, blocks.filter((block) => block.decision).length, blocks.length),
    );
  }
  if (!options.block) return fail(say((words) => words.needsBlock(document)));
  const found = findByCodeOrName(options.block, store.structure.activeBlocks());
  if (found.kind !== 'found') return fail(unknownBlock(options.block));
  const block = found.item;
  const deliberation = readDeliberation(store.deliberations.of(year, block.id));
  if (!deliberation) return fail(say((words) => words.notDeliberated(block.name, year)));
  if (!deliberation.decision) return fail(say((words) => words.stillOpen(block.name, year)));
  const out = options.out ?? documentFileName(document as 'minutes' | 'proposal', deliberation.opening);
  const build = document === 'minutes' ? minutesDocx : proposalDocx;
  write(out, await build(context, deliberation.opening, deliberation.decision));
  return text[organisation.locale].written(out, text[organisation.locale][document as 'minutes' | 'proposal'](block.name, year));
}
