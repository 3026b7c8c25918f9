import type { ProposalOutcome } from '../domain/commendations';
import { formatDateTime } from '../i18n/format';
import { defineMessages, type Locale } from '../i18n/messages';
import { type Decision, type Opening, unitNameIn } from './deliberation-record';
import { type Cell, type TableSheet, toXlsx } from './export';

/**
 * The province's view of the year end (what the Emulation Board compiles by hand): every block's
 * proposals in one table — block, unit, title, rank, total, grade, the votes and what they decided —
 * and a second sheet with each block's state (not opened, voting with n of m ballots, closed) and next
 * year's lead and deputy. Written with the standings' XLSX writer (numbers as numbers, frozen,
 * filterable headers).
 */
export interface BlockYearEnd {
  block: { code: string; name: string };
  opening?: Opening;
  decision?: Decision;
  /** Ballots cast so far (an open vote). */
  voters: number;
}

export const provinceText = defineMessages(
  {
    title: (year: number) => `Tổng hợp đề nghị khen thưởng năm ${year} của các khối thi đua`,
    subtitle: (at: string) => `Tính đến ${at}; chỉ gồm các khối đã kết thúc bỏ phiếu`,
    proposalsSheet: 'Đề nghị khen thưởng',
    blocksSheet: 'Tình trạng các khối',
    columns: {
      block: 'Khối thi đua',
      unit: 'Đơn vị',
      title: 'Danh hiệu, hình thức',
      rank: 'Hạng',
      total: 'Tổng điểm',
      grade: 'Xếp loại',
      agree: 'Phiếu đồng ý',
      disagree: 'Phiếu không đồng ý',
      ballots: 'Số phiếu',
      outcome: 'Kết quả',
      state: 'Tình trạng',
      members: 'Số đơn vị',
      closedAt: 'Kết thúc bỏ phiếu',
      lead: 'Trưởng khối năm sau',
      deputy: 'Phó khối năm sau',
    },
    outcomes: {
      proposed: 'Đề nghị',
      not_passed: 'Không đủ số phiếu',
      over_limit: 'Ngoài số lượng',
      province_decides: 'Bằng phiếu ở suất cuối: tỉnh quyết định',
      other_title: 'Đã đề nghị danh hiệu khác',
    } satisfies Record<ProposalOutcome, string>,
    notOpened: 'Chưa bình xét',
    voting: (voted: number, members: number) => `Đang bỏ phiếu (${voted}/${members})`,
    closed: 'Đã kết thúc',
    tie: 'bằng phiếu: tỉnh quyết định',
  },
  {
    title: (year: number) => `Proposals for commendation ${year}, every block`,
    subtitle: (at: string) => `As of ${at}; blocks whose vote is closed`,
    proposalsSheet: 'Proposals',
    blocksSheet: 'Blocks',
    columns: {
      block: 'Block',
      unit: 'Unit',
      title: 'Title',
      rank: 'Rank',
      total: 'Total',
      grade: 'Grade',
      agree: 'Agree',
      disagree: 'Disagree',
      ballots: 'Ballots',
      outcome: 'Outcome',
      state: 'State',
      members: 'Units',
      closedAt: 'Vote closed',
      lead: 'Next lead',
      deputy: 'Next deputy',
    },
    outcomes: {
      proposed: 'Proposed',
      not_passed: 'Not enough votes',
      over_limit: 'Beyond the limit',
      province_decides: 'Equal votes for the last place: the province decides',
      other_title: 'Proposed for another title',
    },
    notOpened: 'Not opened',
    voting: (voted: number, members: number) => `Voting (${voted} of ${members})`,
    closed: 'Closed',
    tie: 'tied: the province decides',
  },
);

function electedName(opening: Opening, result: Decision['lead'], locale: Locale): string {
  if (result.winner !== undefined) return unitNameIn(opening, result.winner);
  return result.tied.length ? `${result.tied.map((unitId) => unitNameIn(opening, unitId)).join('; ')} (${provinceText[locale].tie})` : '';
}

/** The two sheets: every proposal of every closed vote, then each block's state. */
export function provinceSheets(
  blocks: readonly BlockYearEnd[],
  zone: string,
  locale: Locale,
): { proposals: TableSheet; states: TableSheet } {
  const text = provinceText[locale];
  const words = text.columns;
  const proposals: Cell[][] = [];
  for (const { block, opening, decision } of blocks) {
    if (!opening || !decision) continue;
    for (const title of decision.titles)
      for (const entry of title.entries)
        proposals.push([
          block.name,
          unitNameIn(opening, entry.unitId),
          title.title,
          entry.rank,
          entry.total,
          entry.grade,
          entry.tally.agree,
          entry.tally.disagree,
          decision.ballots,
          text.outcomes[entry.outcome],
        ]);
  }
  const states = blocks.map(({ block, opening, decision, voters }): Cell[] => [
    block.name,
    opening ? opening.members.length : null,
    !opening ? text.notOpened : decision ? text.closed : text.voting(voters, opening.members.length),
    decision ? decision.ballots : opening ? voters : null,
    decision ? formatDateTime(new Date(decision.closedAt), zone, locale) : null,
    opening && decision ? electedName(opening, decision.lead, locale) : null,
    opening && decision ? electedName(opening, decision.deputy, locale) : null,
  ]);
  return {
    proposals: {
      columns: [
        { header: words.block, format: 'text' },
        { header: words.unit, format: 'text' },
        { header: words.title, format: 'text' },
        { header: words.rank, format: 'integer' },
        { header: words.total, format: 'points' },
        { header: words.grade, format: 'text' },
        { header: words.agree, format: 'integer' },
        { header: words.disagree, format: 'integer' },
        { header: words.ballots, format: 'integer' },
        { header: words.outcome, format: 'text' },
      ],
      rows: proposals,
      rowDecimals: proposals.map(() => 2),
    },
    states: {
      columns: [
        { header: words.block, format: 'text' },
        { header: words.members, format: 'integer' },
        { header: words.state, format: 'text' },
        { header: words.ballots, format: 'integer' },
        { header: words.closedAt, format: 'text' },
        { header: words.lead, format: 'text' },
        { header: words.deputy, format: 'text' },
      ],
      rows: states,
      rowDecimals: states.map(() => 2),
    },
  };
}

export const provinceFileName = (year: number) => `de-nghi-khen-thuong-${year}.xlsx`;

export function provinceProposalsXlsx(
  year: number,
  blocks: readonly BlockYearEnd[],
  now: Date,
  zone: string,
  locale: Locale,
): Promise<Buffer> {
  const text = provinceText[locale];
  const { proposals, states } = provinceSheets(blocks, zone, locale);
  return toXlsx(
    { locale, summary: proposals, detail: states },
    {
      title: text.title(year),
      subtitle: text.subtitle(formatDateTime(now, zone, locale)),
      sheetName: text.proposalsSheet,
      detailSheetName: text.blocksSheet,
    },
  );
}
