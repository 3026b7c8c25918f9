import type { KnownBlock } from '@slack/types';
import type { Ineligibility, ProposalOutcome, ShareRule, TitleRule } from '../domain/commendations';
import { countOf, formatDateTime, formatNumber, formatPoints } from '../i18n/format';
import { defineMessages, type Locale } from '../i18n/messages';
import { type Decision, type Opening, unitNameIn } from '../standings/deliberation-record';
import { actions, button, context, escapeMrkdwn, header, mention, packTexts, section } from './blocks';
import { deliberationIds } from './ids';
import { basisLines, yearDecimals } from './year-standings';

/**
 * The block's year-end deliberation in Slack: the proposal list posted when the lead opens it (with
 * “Bỏ phiếu”), a line when a unit has voted, the missing ballots when the lead closes too early, the
 * result with its tallies, and the status `/thidua binhxet` answers. Words for the rules (quorum,
 * thresholds, limits) are shared with the documents.
 */
export const deliberationText = defineMessages(
  {
    openingTitle: (year: number, block: string) => `Bình xét thi đua năm ${year} — ${block}`,
    openedBy: (who: string, at: string) => `${who} mở bình xét lúc ${at}`,
    standingsTitle: (year: number) => `*Kết quả năm ${year}*`,
    standingsLine: (rank: number, unit: string, total: string, grade: string, tie: boolean) =>
      `${rank}. ${unit} — ${total} điểm · ${grade}${tie ? ' _(đồng hạng — cần Khối bình xét)_' : ''}`,
    noResult: (units: string) => `_Chưa có kết quả năm:_ ${units}`,
    titleHeading: (title: string, conditions: string) => `*${title}* — ${conditions}`,
    limit: (units: number) => (units === 0 ? 'không có suất nào' : `tối đa ${units} đơn vị`),
    noLimit: 'không giới hạn số đơn vị',
    minGrade: (grade: string) => `xếp loại từ ${grade}`,
    registered: 'đã đăng ký danh hiệu',
    noDeduction: (codes: string) => `không bị trừ điểm tiêu chí ${codes}`,
    threshold: (rule: string) => `thông qua khi ${rule} số phiếu đồng ý`,
    candidate: (index: number, unit: string, rank: number, total: string, grade: string, tie: boolean) =>
      `${index}. ${unit} — hạng ${rank} · ${total} điểm · ${grade}${tie ? ' _(đồng hạng)_' : ''}`,
    noCandidate: '_Không đơn vị nào đủ điều kiện._',
    excluded: (units: string) => `_Không đủ điều kiện:_ ${units}`,
    reasons: {
      not_reported: 'chưa có kết quả năm',
      grade: 'xếp loại chưa đạt',
      not_registered: 'chưa đăng ký danh hiệu',
      deduction: 'bị trừ điểm',
    } satisfies Record<Ineligibility, string>,
    excludedUnit: (unit: string, reasons: string) => `${unit} (${reasons})`,
    election: (year: number) =>
      `*Bầu Trưởng khối, Phó khối năm ${year}*: mỗi phiếu chọn một đơn vị thành viên làm Trưởng khối và một đơn vị khác làm Phó khối.`,
    secrecy: (needed: number, members: number, quorum: string) =>
      `Bỏ phiếu kín: mỗi đơn vị thành viên một phiếu, do cán bộ phụ trách thi đua của đơn vị bỏ. Bot chỉ lưu số phiếu và đơn vị nào đã bỏ phiếu, không lưu đơn vị nào chọn gì. Kết quả hợp lệ khi có ít nhất ${needed}/${members} đơn vị bỏ phiếu (${quorum}).`,
    vote: 'Bỏ phiếu',
    close: 'Kết thúc bỏ phiếu',
    minutes: 'Biên bản (DOCX)',
    proposal: 'Tờ trình (DOCX)',
    share: {
      more_than_half: 'trên một nửa',
      two_thirds: 'từ hai phần ba trở lên',
      share: (percent: string) => `từ ${percent} % trở lên`,
    },
    quorumOfMembers: (rule: string) => `${rule} số đơn vị thành viên`,
    ballotCast: (unit: string, voted: number, members: number) => `${unit} đã bỏ phiếu — ${voted}/${members} đơn vị.`,
    quorumMissing: (voted: number, members: number, needed: number, quorum: string, missing: string) =>
      `Chưa đủ số phiếu để kết thúc bỏ phiếu: mới có ${voted}/${members} đơn vị bỏ phiếu, cần ít nhất ${needed} (${quorum}). Chưa bỏ phiếu: ${missing}. Bỏ phiếu vẫn mở.`,
    missingUnit: (unit: string, officers: string) => (officers ? `${unit} (${officers})` : unit),
    resultTitle: (year: number, block: string) => `Kết quả bình xét thi đua năm ${year} — ${block}`,
    closedBy: (who: string, at: string, ballots: number, members: number) =>
      `${who} kết thúc bỏ phiếu lúc ${at} · ${ballots}/${members} đơn vị bỏ phiếu (đủ số phiếu hợp lệ)`,
    needed: (needed: number, ballots: number) => `cần ${needed}/${ballots} phiếu đồng ý`,
    tallyLine: (unit: string, agree: number, disagree: number, outcome: string) =>
      `• ${unit}: ${agree} đồng ý, ${disagree} không đồng ý → ${outcome}`,
    outcomes: {
      proposed: '*đề nghị*',
      not_passed: 'không đủ số phiếu đồng ý',
      over_limit: 'ngoài số lượng được đề nghị',
      province_decides: '*bằng phiếu với đơn vị khác ở suất cuối: đề nghị tỉnh xem xét, quyết định*',
      other_title: 'đã được đề nghị danh hiệu khác',
    } satisfies Record<ProposalOutcome, string>,
    electionResult: (role: string, year: number, result: string) => `*${role} năm ${year}*: ${result}`,
    lead: 'Trưởng khối',
    deputy: 'Phó khối',
    elected: (unit: string, votes: number) => `${unit} (${votes} phiếu)`,
    electionTie: (units: string, votes: number) =>
      `${units} bằng phiếu (${votes} phiếu mỗi đơn vị): cần Khối thống nhất, đề nghị tỉnh quyết định`,
    noVotes: 'chưa có phiếu nào',
    votesOf: (counts: string) => `Số phiếu: ${counts}`,
    voteCount: (unit: string, votes: number) => `${unit} ${votes}`,
    documents: 'Biên bản họp bình xét và tờ trình đề nghị khen thưởng (DOCX) trong luồng tin này.',
    // Status (/thidua binhxet)
    statusOpen: (voted: number, members: number, needed: number) =>
      `Đang bỏ phiếu: ${voted}/${members} đơn vị đã bỏ phiếu (cần ít nhất ${needed}).`,
    notVoted: (units: string) => `Chưa bỏ phiếu: ${units}.`,
    ownVoted: (unit: string, at: string) => `${unit} đã bỏ phiếu lúc ${at}.`,
    statusClosed: (at: string) => `Bỏ phiếu đã kết thúc lúc ${at}.`,
    seeChannel: (channel: string) => `Danh sách đề nghị và kết quả đăng trong kênh <#${channel}>.`,
  },
  {
    openingTitle: (year: number, block: string) => `Year-end deliberation ${year} — ${block}`,
    openedBy: (who: string, at: string) => `Opened by ${who} at ${at}`,
    standingsTitle: (year: number) => `*Results of ${year}*`,
    standingsLine: (rank: number, unit: string, total: string, grade: string, tie: boolean) =>
      `${rank}. ${unit} — ${total} points · ${grade}${tie ? ' _(tied — for the block to decide)_' : ''}`,
    noResult: (units: string) => `_No result for the year:_ ${units}`,
    titleHeading: (title: string, conditions: string) => `*${title}* — ${conditions}`,
    limit: (units: number) => (units === 0 ? 'no place' : `at most ${units} ${units === 1 ? 'unit' : 'units'}`),
    noLimit: 'any number of units',
    minGrade: (grade: string) => `graded ${grade} or better`,
    registered: 'registered for the title',
    noDeduction: (codes: string) => `no deduction under ${codes}`,
    threshold: (rule: string) => `passed by ${rule} of the ballots agreeing`,
    candidate: (index: number, unit: string, rank: number, total: string, grade: string, tie: boolean) =>
      `${index}. ${unit} — rank ${rank} · ${total} points · ${grade}${tie ? ' _(tied)_' : ''}`,
    noCandidate: '_No unit is eligible._',
    excluded: (units: string) => `_Not eligible:_ ${units}`,
    reasons: {
      not_reported: 'no result for the year',
      grade: 'grade too low',
      not_registered: 'did not register the title',
      deduction: 'deducted points',
    },
    excludedUnit: (unit: string, reasons: string) => `${unit} (${reasons})`,
    election: (year: number) => `*Lead and deputy for ${year}*: each ballot picks one member unit as lead and another as deputy.`,
    secrecy: (needed: number, members: number, quorum: string) =>
      `Secret ballot: one ballot per member unit, cast by its officer. The bot keeps only the counts and which units voted, never what a unit chose. The result is valid with at least ${needed} of ${members} units voting (${quorum}).`,
    vote: 'Vote',
    close: 'Close the vote',
    minutes: 'Minutes (DOCX)',
    proposal: 'Proposal (DOCX)',
    share: { more_than_half: 'more than half', two_thirds: 'two thirds or more', share: (percent: string) => `${percent} % or more` },
    quorumOfMembers: (rule: string) => `${rule} of the member units`,
    ballotCast: (unit: string, voted: number, members: number) => `${unit} has voted — ${voted} of ${members} units.`,
    quorumMissing: (voted: number, members: number, needed: number, quorum: string, missing: string) =>
      `Not enough ballots to close the vote: ${voted} of ${members} units have voted, at least ${needed} are needed (${quorum}). Not voted yet: ${missing}. The vote stays open.`,
    missingUnit: (unit: string, officers: string) => (officers ? `${unit} (${officers})` : unit),
    resultTitle: (year: number, block: string) => `Year-end deliberation ${year}: result — ${block}`,
    closedBy: (who: string, at: string, ballots: number, members: number) =>
      `Closed by ${who} at ${at} · ${ballots} of ${members} units voted (a valid vote)`,
    needed: (needed: number, ballots: number) => `${needed} of ${ballots} ballots must agree`,
    tallyLine: (unit: string, agree: number, disagree: number, outcome: string) =>
      `• ${unit}: ${agree} agree, ${disagree} disagree → ${outcome}`,
    outcomes: {
      proposed: '*proposed*',
      not_passed: 'not enough ballots agreed',
      over_limit: 'beyond the number that may be proposed',
      province_decides: '*equal votes for the last place: for the province to decide*',
      other_title: 'proposed for another title',
    },
    electionResult: (role: string, year: number, result: string) => `*${role} for ${year}*: ${result}`,
    lead: 'Block lead',
    deputy: 'Deputy',
    elected: (unit: string, votes: number) => `${unit} (${countOf(votes, 'vote')})`,
    electionTie: (units: string, votes: number) =>
      `${units} tied (${countOf(votes, 'vote')} each): for the block to agree, or the province to decide`,
    noVotes: 'no votes',
    votesOf: (counts: string) => `Votes: ${counts}`,
    voteCount: (unit: string, votes: number) => `${unit} ${votes}`,
    documents: 'The minutes and the proposal for commendation (DOCX) are in this thread.',
    statusOpen: (voted: number, members: number, needed: number) =>
      `Voting: ${voted} of ${members} units have voted (at least ${needed} needed).`,
    notVoted: (units: string) => `Not voted yet: ${units}.`,
    ownVoted: (unit: string, at: string) => `${unit} voted at ${at}.`,
    statusClosed: (at: string) => `The vote closed at ${at}.`,
    seeChannel: (channel: string) => `The proposal list and the result are in <#${channel}>.`,
  },
);

/** "trên một nửa", "từ hai phần ba trở lên", "từ 75 % trở lên". */
export function shareWords(rule: ShareRule, locale: Locale): string {
  const words = deliberationText[locale].share;
  return rule.kind === 'share' ? words.share(formatNumber(rule.share * 100, locale)) : words[rule.kind];
}

/** "tối đa 1 đơn vị; xếp loại từ Hoàn thành xuất sắc; đã đăng ký danh hiệu; …; thông qua khi trên một nửa số phiếu đồng ý" */
export function titleConditions(rule: TitleRule, limit: number | null, locale: Locale): string {
  const text = deliberationText[locale];
  return [
    limit === null ? text.noLimit : text.limit(limit),
    ...(rule.minGrade ? [text.minGrade(rule.minGrade)] : []),
    ...(rule.registered ? [text.registered] : []),
    ...(rule.noDeduction.length ? [text.noDeduction(rule.noDeduction.map((bar) => bar.code).join(', '))] : []),
    text.threshold(shareWords(rule.threshold, locale)),
  ].join('; ');
}

const value = (deliberationId: number) => JSON.stringify({ deliberationId });

/** The year's table in a few lines: rank, unit, total, grade, ties. */
function standingsLines(opening: Opening, locale: Locale): string[] {
  const text = deliberationText[locale];
  const record = opening.standings;
  const decimals = yearDecimals(record);
  const reported = record.rows.filter((row) => row.reported);
  const missing = record.rows.filter((row) => !row.reported).map((row) => escapeMrkdwn(row.unitName));
  return [
    text.standingsTitle(opening.year),
    ...reported.map((row) =>
      text.standingsLine(
        row.rank,
        escapeMrkdwn(row.unitName),
        formatPoints(row.total, locale, decimals[record.rows.indexOf(row)]),
        escapeMrkdwn(row.grade ?? ''),
        row.tie,
      ),
    ),
    ...(missing.length ? [text.noResult(missing.join('; '))] : []),
  ];
}

/** Each title's conditions and candidates (eligible units in rank order), and who is not eligible and why. */
function proposalLines(opening: Opening, locale: Locale): string[] {
  const text = deliberationText[locale];
  return opening.titles.map((title, titleIndex) => {
    const rule = opening.rules.titles[titleIndex]!;
    const candidates = title.proposals.map((proposal, index) =>
      text.candidate(
        index + 1,
        escapeMrkdwn(unitNameIn(opening, proposal.unitId)),
        proposal.rank,
        formatPoints(proposal.total, locale),
        escapeMrkdwn(proposal.grade ?? ''),
        proposal.tie,
      ),
    );
    const excluded = title.excluded.map((entry) =>
      text.excludedUnit(
        escapeMrkdwn(unitNameIn(opening, entry.unitId)),
        entry.reasons
          .map((reason) =>
            reason === 'deduction' && entry.barredBy ? `${text.reasons.deduction} ${entry.barredBy.join(', ')}` : text.reasons[reason],
          )
          .join(', '),
      ),
    );
    return [
      text.titleHeading(escapeMrkdwn(title.title), escapeMrkdwn(titleConditions(rule, title.limit, locale))),
      ...(candidates.length ? candidates : [text.noCandidate]),
      ...(excluded.length ? [text.excluded(excluded.join('; '))] : []),
    ].join('\n');
  });
}

export function quorumWords(opening: Opening, locale: Locale): string {
  return deliberationText[locale].quorumOfMembers(shareWords(opening.rules.quorum, locale));
}

/** The channel post when the lead opens the vote: the year's table, the proposal list, the election, and “Bỏ phiếu”. */
export function buildOpeningPost(
  opening: Opening,
  deliberationId: number,
  zone: string,
  locale: Locale,
): { text: string; blocks: KnownBlock[] } {
  const text = deliberationText[locale];
  const title = text.openingTitle(opening.year, opening.block.name);
  const blocks: KnownBlock[] = [
    header(title),
    context(
      escapeMrkdwn(basisLines(opening.standings, zone, locale).join(' ')),
      text.openedBy(mention(opening.openedBy), formatDateTime(new Date(opening.openedAt), zone, locale)),
    ),
    ...packTexts(standingsLines(opening, locale), '\n').map((chunk) => section(chunk)),
    ...packTexts(proposalLines(opening, locale), '\n\n').map((chunk) => section(chunk)),
    section(text.election(opening.year + 1)),
    context(text.secrecy(opening.quorumNeeded, opening.members.length, quorumWords(opening, locale))),
    actions(deliberationIds.actionsBlock, button(text.vote, deliberationIds.voteAction, value(deliberationId), 'primary')),
  ];
  return { text: escapeMrkdwn(title), blocks };
}

/** The tallies of each title and what they decided, and the election. */
export function decisionLines(opening: Opening, decision: Decision, locale: Locale): string[] {
  const text = deliberationText[locale];
  const titles = decision.titles.map((title) => {
    const entries = title.entries.map((entry) =>
      text.tallyLine(
        escapeMrkdwn(unitNameIn(opening, entry.unitId)),
        entry.tally.agree,
        entry.tally.disagree,
        text.outcomes[entry.outcome],
      ),
    );
    const conditions = [title.limit === null ? text.noLimit : text.limit(title.limit), text.needed(title.needed, decision.ballots)].join(
      '; ',
    );
    return [text.titleHeading(escapeMrkdwn(title.title), conditions), ...(entries.length ? entries : [text.noCandidate])].join('\n');
  });
  const election = (role: string, result: Decision['lead']) => {
    const counts = result.counts
      .filter((count) => count.votes > 0)
      .map((count) => text.voteCount(escapeMrkdwn(unitNameIn(opening, count.unitId)), count.votes))
      .join('; ');
    const top = Math.max(0, ...result.counts.map((count) => count.votes));
    const outcome =
      result.winner !== undefined
        ? text.elected(
            escapeMrkdwn(unitNameIn(opening, result.winner)),
            result.counts.find((count) => count.unitId === result.winner)!.votes,
          )
        : result.tied.length
          ? text.electionTie(result.tied.map((unitId) => escapeMrkdwn(unitNameIn(opening, unitId))).join('; '), top)
          : text.noVotes;
    return `${text.electionResult(role, opening.year + 1, outcome)}${counts ? `\n${text.votesOf(counts)}` : ''}`;
  };
  return [...titles, election(text.lead, decision.lead), election(text.deputy, decision.deputy)];
}

/** The result in the channel, posted once when the lead closes the vote; the documents follow in its thread. */
export function buildResultPost(
  opening: Opening,
  decision: Decision,
  deliberationId: number,
  zone: string,
  locale: Locale,
): { text: string; blocks: KnownBlock[] } {
  const text = deliberationText[locale];
  const title = text.resultTitle(opening.year, opening.block.name);
  return {
    text: escapeMrkdwn(title),
    blocks: [
      header(title),
      context(
        text.closedBy(
          mention(decision.closedBy),
          formatDateTime(new Date(decision.closedAt), zone, locale),
          decision.ballots,
          opening.members.length,
        ),
      ),
      ...packTexts(decisionLines(opening, decision, locale), '\n\n').map((chunk) => section(chunk)),
      context(text.documents),
      actions(
        deliberationIds.actionsBlock,
        button(text.minutes, deliberationIds.minutesAction, value(deliberationId)),
        button(text.proposal, deliberationIds.proposalAction, value(deliberationId)),
      ),
    ],
  };
}

/** The line in the channel when a unit has cast its ballot (once per unit: a changed ballot says nothing). */
export function buildBallotCastLine(unitName: string, voted: number, members: number, locale: Locale): { text: string } {
  return { text: deliberationText[locale].ballotCast(escapeMrkdwn(unitName), voted, members) };
}

/** Which units have not voted, each with its officers mentioned, for the quorum message. */
export function missingUnits(
  opening: Opening,
  voters: readonly number[],
  officersOf: (unitId: number) => string[],
  locale: Locale,
): string {
  const text = deliberationText[locale];
  return opening.members
    .filter((member) => !voters.includes(member.id))
    .map((member) => text.missingUnit(escapeMrkdwn(member.name), officersOf(member.id).map(mention).join(' ')))
    .join('; ');
}

/** Posted in the channel when the lead closes the vote without the quorum: what is missing. */
export function buildQuorumPost(
  opening: Opening,
  voters: readonly number[],
  officersOf: (unitId: number) => string[],
  locale: Locale,
): { text: string } {
  return {
    text: deliberationText[locale].quorumMissing(
      voters.length,
      opening.members.length,
      opening.quorumNeeded,
      quorumWords(opening, locale),
      missingUnits(opening, voters, officersOf, locale),
    ),
  };
}

export interface StatusFacts {
  deliberationId: number;
  opening: Opening;
  decision?: Decision;
  voters: number[];
  /** The caller's unit and when it voted, if it is a member. */
  own?: { unitName: string; votedAt?: Date };
  canClose: boolean;
  zone: string;
}

/** `/thidua binhxet` once the vote is open or closed: how far it is, with “Bỏ phiếu”, “Kết thúc bỏ phiếu” or the documents. */
export function buildStatusReply(facts: StatusFacts, locale: Locale): { text: string; blocks: KnownBlock[] } {
  const text = deliberationText[locale];
  const { opening, decision } = facts;
  const title = decision ? text.resultTitle(opening.year, opening.block.name) : text.openingTitle(opening.year, opening.block.name);
  const blocks: KnownBlock[] = [header(title)];
  if (decision) {
    blocks.push(context(text.statusClosed(formatDateTime(new Date(decision.closedAt), facts.zone, locale))));
    blocks.push(...packTexts(decisionLines(opening, decision, locale), '\n\n').map((chunk) => section(chunk)));
    blocks.push(
      actions(
        deliberationIds.actionsBlock,
        button(text.minutes, deliberationIds.minutesAction, value(facts.deliberationId)),
        button(text.proposal, deliberationIds.proposalAction, value(facts.deliberationId)),
      ),
    );
    return { text: escapeMrkdwn(title), blocks };
  }
  const missing = opening.members.filter((member) => !facts.voters.includes(member.id)).map((member) => escapeMrkdwn(member.name));
  blocks.push(
    section(
      [
        text.statusOpen(facts.voters.length, opening.members.length, opening.quorumNeeded),
        ...(missing.length ? [text.notVoted(missing.join('; '))] : []),
        ...(facts.own?.votedAt
          ? [text.ownVoted(escapeMrkdwn(facts.own.unitName), formatDateTime(facts.own.votedAt, facts.zone, locale))]
          : []),
      ].join('\n'),
    ),
    context(text.seeChannel(opening.block.channelId)),
    actions(
      deliberationIds.actionsBlock,
      ...(facts.own ? [button(text.vote, deliberationIds.voteAction, value(facts.deliberationId), 'primary')] : []),
      ...(facts.canClose ? [button(text.close, deliberationIds.closeAction, value(facts.deliberationId), 'danger')] : []),
    ),
  );
  if (!facts.own && !facts.canClose) blocks.pop();
  return { text: escapeMrkdwn(`${title}: ${text.statusOpen(facts.voters.length, opening.members.length, opening.quorumNeeded)}`), blocks };
}
