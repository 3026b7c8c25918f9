import type { KnownBlock, ModalView } from '@slack/types';
import type { BallotProblem } from '../domain/ballots';
import { formatDateTime, formatPoints } from '../i18n/format';
import { defineMessages, type Locale } from '../i18n/messages';
import { type Opening, unitNameIn } from '../standings/deliberation-record';
import { context, escapeMrkdwn, field, formModal, noticeModal, section, truncate } from './blocks';
import { deliberationText } from './deliberation';
import { FIELD_LIMITS } from './field-limits';
import { deliberationIds } from './ids';

/**
 * The secret ballot: one radio (Đồng ý / Không đồng ý) per proposal, a choice of next year's lead and
 * deputy among the member units, and — for a unit that has voted — its change code. The modal says
 * the rule: the bot keeps counts only; a ballot can be changed only with the code it gave, which it
 * does not keep. Nothing chosen is ever written back into a view.
 */
export const ballotText = defineMessages(
  {
    title: 'Phiếu bình xét',
    submit: 'Bỏ phiếu',
    cancel: 'Hủy',
    intro: (year: number, block: string, unit: string) => `Phiếu bình xét thi đua năm ${year} — ${block}. Đơn vị bỏ phiếu: *${unit}*.`,
    secrecy:
      'Phiếu kín: bot chỉ cộng số phiếu, không lưu đơn vị chọn gì. Bỏ phiếu xong, bot cho một mã sửa phiếu và không lưu mã đó: muốn sửa phiếu trước khi Trưởng khối kết thúc bỏ phiếu thì nhập mã; không có mã thì phiếu đã bỏ không sửa được.',
    changing: (at: string) => `Đơn vị đã bỏ phiếu lúc ${at}. Nộp phiếu này để thay phiếu cũ: cần mã sửa phiếu đã nhận khi bỏ phiếu.`,
    titleHeading: (title: string, limit: string) => `*${title}* — ${limit}`,
    candidate: (unit: string, rank: number, total: string, grade: string) => `${unit} — hạng ${rank} · ${total} điểm · ${grade}`,
    agree: 'Đồng ý',
    disagree: 'Không đồng ý',
    lead: (year: number) => `Trưởng khối năm ${year}`,
    deputy: (year: number) => `Phó khối năm ${year}`,
    pick: 'Chọn đơn vị',
    code: 'Mã sửa phiếu',
    codeHint: 'Mã bot đưa khi đơn vị bỏ phiếu, ví dụ 7K3P-Q9XM-2D4F.',
    missingAnswer: 'Chọn Đồng ý hoặc Không đồng ý.',
    missingUnit: 'Chọn một đơn vị thành viên của khối.',
    notMember: 'Đơn vị này không là thành viên của khối năm nay; chọn lại.',
    sameAsLead: 'Phó khối phải khác Trưởng khối.',
    codeMissing: 'Đơn vị đã bỏ phiếu: nhập mã sửa phiếu để thay phiếu cũ.',
    codeWrong: 'Mã sửa phiếu không đúng. Nhập đúng mã bot đưa khi đơn vị bỏ phiếu (không phân biệt chữ hoa, chữ thường, dấu gạch).',
    closed: 'Bỏ phiếu đã kết thúc; phiếu này không được tính.',
    receiptTitle: 'Đã bỏ phiếu',
    close: 'Đóng',
    received: (unit: string, voted: number, members: number) =>
      `✅ Đã ghi nhận phiếu của *${unit}* (${voted}/${members} đơn vị đã bỏ phiếu).`,
    changed: (unit: string) => `✅ Đã thay phiếu của *${unit}* bằng phiếu mới.`,
    receiptCode: (code: string) => `Mã sửa phiếu: *\`${code}\`*`,
    receiptRule:
      'Bot không lưu mã này và không biết đơn vị đã chọn gì. Muốn sửa phiếu trước khi Trưởng khối kết thúc bỏ phiếu, bấm “Bỏ phiếu” lần nữa và nhập mã. Không có mã thì phiếu đã bỏ không sửa được.',
  },
  {
    title: 'Ballot',
    submit: 'Vote',
    cancel: 'Cancel',
    intro: (year: number, block: string, unit: string) => `Year-end ballot ${year} — ${block}. Voting unit: *${unit}*.`,
    secrecy:
      'Secret ballot: the bot only adds up the votes and never keeps what a unit chose. After voting you get a change code that the bot does not keep: enter it to change the ballot before the lead closes the vote; without it a cast ballot cannot be changed.',
    changing: (at: string) => `Your unit voted at ${at}. Submitting this ballot replaces it: enter the change code you were given.`,
    titleHeading: (title: string, limit: string) => `*${title}* — ${limit}`,
    candidate: (unit: string, rank: number, total: string, grade: string) => `${unit} — rank ${rank} · ${total} points · ${grade}`,
    agree: 'Agree',
    disagree: 'Disagree',
    lead: (year: number) => `Block lead for ${year}`,
    deputy: (year: number) => `Deputy for ${year}`,
    pick: 'Choose a unit',
    code: 'Change code',
    codeHint: 'The code the bot gave when your unit voted, e.g. 7K3P-Q9XM-2D4F.',
    missingAnswer: 'Choose Agree or Disagree.',
    missingUnit: 'Choose a member unit of the block.',
    notMember: 'This unit is not a member of the block this year; choose again.',
    sameAsLead: 'The deputy must differ from the lead.',
    codeMissing: 'Your unit has voted: enter the change code to replace its ballot.',
    codeWrong: 'The change code is wrong. Enter the code the bot gave when your unit voted (case, spaces and dashes do not matter).',
    closed: 'The vote is closed; this ballot was not counted.',
    receiptTitle: 'Ballot cast',
    close: 'Close',
    received: (unit: string, voted: number, members: number) =>
      `✅ The ballot of *${unit}* is counted (${voted} of ${members} units have voted).`,
    changed: (unit: string) => `✅ The ballot of *${unit}* was replaced.`,
    receiptCode: (code: string) => `Change code: *\`${code}\`*`,
    receiptRule:
      'The bot does not keep this code and does not know what your unit chose. To change the ballot before the lead closes the vote, press “Vote” again and enter the code. Without it a cast ballot cannot be changed.',
  },
);

export interface BallotFacts {
  deliberationId: number;
  opening: Opening;
  unitName: string;
  /** When the unit voted: the form then asks for the change code. */
  votedAt?: Date;
  zone: string;
}

const option = (text: string, value: string) => ({ text: { type: 'plain_text' as const, text: truncate(text, 75) }, value });

export function buildBallotModal(facts: BallotFacts, locale: Locale): ModalView {
  const text = ballotText[locale];
  const { opening } = facts;
  const blocks: KnownBlock[] = [
    section(text.intro(opening.year, escapeMrkdwn(opening.block.name), escapeMrkdwn(facts.unitName))),
    context(text.secrecy),
  ];
  if (facts.votedAt) blocks.push(section(text.changing(formatDateTime(facts.votedAt, facts.zone, locale))));
  let position = 0;
  opening.titles.forEach((title) => {
    if (title.proposals.length === 0) return;
    const words = deliberationText[locale];
    blocks.push(section(text.titleHeading(escapeMrkdwn(title.title), title.limit === null ? words.noLimit : words.limit(title.limit))));
    for (const proposal of title.proposals) {
      const label = text.candidate(
        unitNameIn(opening, proposal.unitId),
        proposal.rank,
        formatPoints(proposal.total, locale),
        proposal.grade ?? '',
      );
      blocks.push(
        field(`${deliberationIds.proposalBlockPrefix}${position}`, label, undefined, {
          type: 'radio_buttons',
          action_id: deliberationIds.inputAction,
          options: [option(text.agree, deliberationIds.agree), option(text.disagree, deliberationIds.disagree)],
        }),
      );
      position += 1;
    }
  });
  const members = opening.members.map((member) => option(member.name, String(member.id)));
  for (const [blockId, label] of [
    [deliberationIds.leadBlock, text.lead(opening.year + 1)],
    [deliberationIds.deputyBlock, text.deputy(opening.year + 1)],
  ] as const)
    blocks.push(
      field(blockId, label, undefined, {
        type: 'static_select',
        action_id: deliberationIds.inputAction,
        placeholder: { type: 'plain_text', text: text.pick },
        options: members,
      }),
    );
  if (facts.votedAt)
    blocks.push(
      field(deliberationIds.codeBlock, text.code, text.codeHint, {
        type: 'plain_text_input',
        action_id: deliberationIds.inputAction,
        max_length: FIELD_LIMITS.ballotCode,
      }),
    );
  return formModal({
    callbackId: deliberationIds.ballotCallback,
    title: text.title,
    submit: text.submit,
    close: text.cancel,
    metadata: JSON.stringify({ deliberationId: facts.deliberationId }),
    blocks,
  });
}

/** One message per field, keyed by block id (response_action: errors). */
export function ballotErrors(
  problems: readonly (BallotProblem | { field: 'code'; kind: 'missing' | 'wrong' })[],
  locale: Locale,
): Record<string, string> {
  const text = ballotText[locale];
  const errors: Record<string, string> = {};
  for (const problem of problems) {
    if (problem.field === 'proposal') errors[`${deliberationIds.proposalBlockPrefix}${problem.index}`] = text.missingAnswer;
    else if (problem.field === 'code') errors[deliberationIds.codeBlock] = problem.kind === 'missing' ? text.codeMissing : text.codeWrong;
    else {
      const blockId = problem.field === 'lead' ? deliberationIds.leadBlock : deliberationIds.deputyBlock;
      errors[blockId] = problem.kind === 'missing' ? text.missingUnit : problem.kind === 'not_member' ? text.notMember : text.sameAsLead;
    }
  }
  return errors;
}

/** What answers a counted ballot: the change code, shown once and kept nowhere. */
export function buildReceiptView(
  facts: { unitName: string; code: string; voted: number; members: number; changed: boolean },
  locale: Locale,
): ModalView {
  const text = ballotText[locale];
  const unit = escapeMrkdwn(facts.unitName);
  return {
    ...noticeModal(text.receiptTitle, text.close, facts.changed ? text.changed(unit) : text.received(unit, facts.voted, facts.members)),
    callback_id: deliberationIds.receiptCallback,
    blocks: [
      section(facts.changed ? text.changed(unit) : text.received(unit, facts.voted, facts.members)),
      section(text.receiptCode(facts.code)),
      context(text.receiptRule),
    ],
  };
}

export function buildBallotClosedView(locale: Locale): ModalView {
  const text = ballotText[locale];
  return { ...noticeModal(text.title, text.close, text.closed), callback_id: deliberationIds.receiptCallback };
}
