import { expect } from 'vitest';
import { startTestBot, type TestBot, type TestBotOptions, textOf } from '../../support/bot';

/**
 * What the pledge scenarios share: the demo's people and channel, and helpers that drive the bot
 * the current test started with startPledgeBot.
 */

/** The demo: Khối thi đua Nội chính, lead Công an tỉnh (U0CA0001, U0CA0002), pledge due 31/03/2021 17:00. */
export const CA = 'U0CA0001';
export const CA2 = 'U0CA0002';
export const TT = 'U0TT0001';
export const ADMIN = 'U0ADMIN01';
export const NOI_CHINH_OFFICERS = ['U0TT0001', 'U0CA0001', 'U0VKS001', 'U0TA0001', 'U0TP0001', 'U0QS0001', 'U0THA001'];
export const CHANNEL = 'C0NOICHINH';
/** 05/04/2021 10:00 in Hà Nội: after the pledge due. */
export const AFTER_DUE = new Date('2021-04-05T03:00:00Z');

let current: TestBot | undefined;
const t = () => current!;

/** Starts the bot that the helpers below drive; the test closes it. */
export async function startPledgeBot(options?: TestBotOptions): Promise<TestBot> {
  current = await startTestBot(options);
  return current;
}

/** Waits until the bot is idle: every listener done (some redraw DMs after their ack), every post delivered. */
export const settle = () => t().bot.idle();

/** Types `/thidua <text>` and waits for the modal it opens; fails if none opens. */
export async function openModal(user: string, text = 'dangky') {
  const before = t().slack.callsTo('views.open').length;
  const reply = await t().driver.slashCommand(user, text, CHANNEL);
  await t().slack.waitFor(() => t().slack.callsTo('views.open').length > before, 5000, `a modal for ${user}`);
  const call = t().slack.callsTo('views.open')[before]!;
  expect(call.ok, JSON.stringify(call)).toBe(true);
  return { reply, view: t().slack.openViewOf(user)! };
}

/** The block id of the demo's criterion with `code` (1: target, 9: lower_better). */
export function targetBlock(code: string): string {
  const criterion = t()
    .bot.store.structure.criteria(2021, t().bot.store.structure.blockByCode('NOI_CHINH')!.id)
    .find((row) => row.code === code)!;
  return `pledge_target_${criterion.id}`;
}

export function answers(overrides: Record<string, string | string[]> = {}) {
  return {
    [targetBlock('1')]: '95',
    [targetBlock('9')]: '2',
    pledge_titles: ['Tập thể lao động xuất sắc'],
    pledge_sign: ['signed'],
    // Asked only of an amendment (after the due); a form without the field ignores it.
    unit_change_reason: 'Điều chỉnh theo kế hoạch công tác mới',
    ...overrides,
  };
}

export async function sign(user: string, overrides: Record<string, string | string[]> = {}) {
  await openModal(user);
  return t().driver.submitView(user, answers(overrides));
}

export function pledgeOf(unitCode: string) {
  const { store } = t().bot;
  const unit = store.structure.unitByCode(unitCode)!;
  const pledge = store.pledges.find(2021, unit.id);
  return {
    pledge,
    versions: pledge ? store.pledges.versions(pledge.id) : [],
    inForce: pledge ? store.pledges.inForce(pledge.id) : undefined,
  };
}

export const resultText = (reply: { body: unknown }) => textOf((reply.body as { view: Record<string, unknown> }).view);
export const channelTexts = () =>
  t()
    .slack.messagesIn(CHANNEL)
    .map((message) => textOf(message));

export function buttonValue(message: { blocks?: unknown[] }, actionId: string): string {
  for (const block of (message.blocks ?? []) as { type: string; elements?: { action_id?: string; value?: string }[] }[]) {
    const button = block.elements?.find((element) => element.action_id === actionId);
    if (button?.value) return button.value;
  }
  throw new Error(`no ${actionId} button`);
}

export const hasButtons = (message: { blocks?: unknown[] }) =>
  ((message.blocks ?? []) as { type: string }[]).some((block) => block.type === 'actions');
