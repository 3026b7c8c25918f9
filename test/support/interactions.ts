import { expect } from 'vitest';
import type { OpenView, PostedMessage } from '../../src/local-slack/server';
import { inputsOf, type ModalInput } from '../../src/local-slack/view-state';
import { type TestBot, textOf } from './bot';

/** Types `/thidua <text>` as `user` and waits for the modal it opens; fails if none opens. */
export async function openModalBy(
  t: TestBot,
  user: string,
  text: string,
  channel: string,
): Promise<{ reply: Awaited<ReturnType<TestBot['driver']['slashCommand']>>; view: OpenView }> {
  const before = t.slack.callsTo('views.open').length;
  const reply = await t.driver.slashCommand(user, text, channel);
  await t.slack.waitFor(() => t.slack.callsTo('views.open').length > before, 5000, `a modal for ${user}`);
  const call = t.slack.callsTo('views.open')[before]!;
  expect(call.ok, JSON.stringify(call)).toBe(true);
  return { reply, view: t.slack.openViewOf(user)! };
}

/** The value of the first button with `actionId` in a message or view's blocks. */
export function buttonValue(message: { blocks?: unknown[] }, actionId: string): string {
  for (const block of (message.blocks ?? []) as {
    type: string;
    elements?: { action_id?: string; value?: string }[];
    accessory?: { action_id?: string; value?: string };
  }[]) {
    const button = [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])].find(
      (element) => element.action_id === actionId,
    );
    if (button?.value) return button.value;
  }
  throw new Error(`no ${actionId} button`);
}

/** Every value of the buttons with `actionId`. */
export function buttonValues(message: { blocks?: unknown[] }, actionId: string): string[] {
  return (
    (message.blocks ?? []) as { elements?: { action_id?: string; value?: string }[]; accessory?: { action_id?: string; value?: string } }[]
  ).flatMap((block) =>
    [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])]
      .filter((element) => element.action_id === actionId && element.value !== undefined)
      .map((element) => element.value!),
  );
}

/** The blocks of the view a submission's response replaced the modal with (its message, without title and buttons). */
export function resultOf(reply: { body: unknown }): { blocks: unknown[] } {
  return { blocks: (reply.body as { view: { blocks: unknown[] } }).view.blocks };
}

/** The view a reply replaces the modal with (response_action 'update', else it fails), its text and its inputs by block id. */
export function updatedViewOf(reply: { body: unknown }): { view: Record<string, unknown>; text: string; inputs: Map<string, ModalInput> } {
  const body = reply.body as { response_action?: string; view: Record<string, unknown> };
  expect(body.response_action, JSON.stringify(body).slice(0, 500)).toBe('update');
  return { view: body.view, text: textOf(body.view), inputs: new Map(inputsOf(body.view).map((input) => [input.blockId, input])) };
}

/** Waits for the next modal opened for `user` after `opensBefore` views.open calls. */
export async function nextModalOf(t: TestBot, user: string, opensBefore: number): Promise<OpenView> {
  await t.slack.waitFor(() => t.slack.callsTo('views.open').length > opensBefore, 5000, `a modal for ${user}`);
  return t.slack.openViewOf(user)!;
}

/** Presses the `actionId` button of `reply` (an ephemeral reply shown in `channel`) as `user`: the one of `value`, else the first. */
export function pressReplyButton(
  t: TestBot,
  user: string,
  reply: { blocks?: unknown[] },
  actionId: string,
  channel: string,
  value = buttonValue(reply, actionId),
) {
  return t.driver.pressButton({
    userId: user,
    actionId,
    value,
    in: { ephemeral: { channel, blocks: (reply.blocks ?? []) as unknown[] } },
  });
}

/** Presses a button of an ephemeral reply (pressReplyButton) and waits for the modal it opens. */
export async function openModalFromReply(
  t: TestBot,
  user: string,
  reply: { blocks?: unknown[] },
  actionId: string,
  channel: string,
  value?: string,
): Promise<OpenView> {
  const opens = t.slack.callsTo('views.open').length;
  await pressReplyButton(t, user, reply, actionId, channel, value);
  return nextModalOf(t, user, opens);
}

/** Presses `actionId` on a posted message (a DM, a channel post) as `user`. */
export function pressMessageButton(t: TestBot, user: string, message: PostedMessage, actionId: string) {
  return t.driver.pressButton({ userId: user, actionId, value: buttonValue(message, actionId), in: { message } });
}

/** Presses `actionId` on a posted message (a DM, a channel post) as `user`, and waits for the modal it opens. */
export async function openModalFromMessage(t: TestBot, user: string, message: PostedMessage, actionId: string): Promise<OpenView> {
  const opens = t.slack.callsTo('views.open').length;
  await pressMessageButton(t, user, message, actionId);
  return nextModalOf(t, user, opens);
}
