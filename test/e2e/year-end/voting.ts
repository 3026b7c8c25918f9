import { expect } from 'vitest';
import type { PostedMessage } from '../../../src/local-slack/server';
import { deliberationIds } from '../../../src/views/ids';
import { responsesTo, type TestBot, textOf } from '../../support/bot';
import { CHANNEL, command, LEAD, OFFICER, type UnitCode } from './support';

/**
 * Driving the vote as people do: the “Bỏ phiếu” button under the proposal list in the channel, the
 * ballot modal filled and submitted, the receipt read; “Kết thúc bỏ phiếu” from the lead's status reply.
 */
export const unitIdOf = (t: TestBot, code: UnitCode) => t.bot.store.structure.unitByCode(code)!.id;

/** The proposal list the bot posted in the channel (the message with “Bỏ phiếu”). */
export async function openingPost(t: TestBot): Promise<PostedMessage> {
  return t.slack.waitFor(
    () => t.slack.messagesIn(CHANNEL).find((message) => JSON.stringify(message.blocks ?? []).includes(deliberationIds.voteAction)),
    5000,
    'the proposal list in the channel',
  );
}

export function buttonValue(blocks: unknown, actionId: string): string {
  const found = JSON.stringify(blocks).match(new RegExp(`"action_id":"${actionId}","value":"((?:[^"\\\\]|\\\\.)*)"`));
  if (!found) throw new Error(`no button ${actionId}`);
  return JSON.parse(`"${found[1]}"`);
}

/**
 * A ballot: one A (agree) or D (disagree) per proposal in the list's order ("AD|ADAAAA"; the bar only
 * separates titles for the reader), next year's lead and deputy.
 */
export interface BallotChoice {
  answers: string;
  lead: UnitCode;
  deputy: UnitCode;
  code?: string;
}

/** Presses “Bỏ phiếu” in the channel as `unit`'s officer and submits the ballot; the HTTP answer and the modal after it. */
export async function vote(t: TestBot, unit: UnitCode, choice: BallotChoice) {
  const user = OFFICER[unit];
  const post = await openingPost(t);
  const before = t.slack.callsTo('views.open').length;
  await t.driver.pressButton({
    userId: user,
    actionId: deliberationIds.voteAction,
    value: buttonValue(post.blocks, deliberationIds.voteAction),
    in: { message: post },
  });
  const opened = await t.slack.waitFor(() => t.slack.callsTo('views.open')[before], 5000, 'the ballot modal');
  expect(opened.ok, JSON.stringify(opened.error)).toBe(true);
  const answers: Record<string, string> = {};
  [...choice.answers.replace(/\|/g, '')].forEach((mark, index) => {
    answers[`${deliberationIds.proposalBlockPrefix}${index}`] = mark === 'A' ? deliberationIds.agree : deliberationIds.disagree;
  });
  answers[deliberationIds.leadBlock] = String(unitIdOf(t, choice.lead));
  answers[deliberationIds.deputyBlock] = String(unitIdOf(t, choice.deputy));
  if (choice.code !== undefined) answers[deliberationIds.codeBlock] = choice.code;
  const reply = await t.driver.submitView(user, answers);
  await t.bot.idle();
  const view = t.slack.openViewOf(user)?.view;
  return { reply, view, text: view ? textOf(view) : '' };
}

/** The change code shown in a receipt. */
export function codeIn(text: string): string {
  const found = text.match(/`([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})`/);
  if (!found) throw new Error(`no change code in: ${text}`);
  return found[1]!;
}

/** Presses a button of an ephemeral reply: the bot's first reply to it, if any. */
export async function replyToPress(
  t: TestBot,
  user: string,
  blocks: unknown[],
  actionId: string,
): Promise<Record<string, unknown> | undefined> {
  const reply = await t.driver.pressButton({
    userId: user,
    actionId,
    value: buttonValue(blocks, actionId),
    in: { ephemeral: { channel: CHANNEL, blocks } },
  });
  await t.bot.idle();
  return responsesTo(t.slack, reply.responseUrl!)[0];
}

/** Presses a button of an ephemeral reply and answers the text of the bot's first reply to it. */
export async function pressIn(t: TestBot, user: string, blocks: unknown[], actionId: string): Promise<string> {
  return textOf((await replyToPress(t, user, blocks, actionId)) ?? {});
}

/**
 * The six ballots of the tests (A agree, D disagree; flag TT VKS | merit CA TT STP BCHQS TAND CTHADS;
 * lead, deputy), for the year of support.ts with Công an tỉnh deducted under K in Cả năm and Viện
 * Kiểm sát not registered for the certificate of merit (deliberation.test.ts works them out by hand).
 */
export const BALLOTS: Record<'CA' | 'TT' | 'VKS' | 'TAND' | 'STP' | 'BCHQS', BallotChoice> = {
  CA: { answers: 'AA|AAAADA', lead: 'STP', deputy: 'TT' },
  TT: { answers: 'AD|AAAAAA', lead: 'STP', deputy: 'BCHQS' },
  VKS: { answers: 'DA|AAADDA', lead: 'STP', deputy: 'TT' },
  TAND: { answers: 'AA|AADAAD', lead: 'TT', deputy: 'STP' },
  STP: { answers: 'AA|AAAAAA', lead: 'STP', deputy: 'TT' },
  BCHQS: { answers: 'AD|AAADDD', lead: 'CTHADS', deputy: 'TT' },
};

/** The whole vote through the app: the lead opens it, the six units vote (in `order`), the lead closes it. */
export async function holdVote(t: TestBot, ballots: Partial<Record<UnitCode, BallotChoice>> = BALLOTS): Promise<void> {
  await command(t, LEAD, 'binhxet');
  await t.bot.idle();
  for (const [unit, choice] of Object.entries(ballots) as [UnitCode, BallotChoice][]) await vote(t, unit, choice);
  const status = await command(t, LEAD, 'binhxet');
  await pressIn(t, LEAD, status.blocks, deliberationIds.closeAction);
  await t.bot.idle();
}
