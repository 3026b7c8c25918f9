import { afterEach, describe, expect, it } from 'vitest';
import { directiveIds } from '../../src/views/ids';
import { firstResponse, responsesTo, startTestBot, type TestBot, textOf } from '../support/bot';
import { buttonValue } from '../support/interactions';

/**
 * “Chia sẻ vào kênh” posts only into the conversation where the search was made, only for members
 * of the organisation who are in that conversation (Slack is asked), once per directive and
 * conversation in 24 hours; the button's value cannot choose another target. Before, the channel
 * came from the request, anyone could share, and 20 presses posted 20 times.
 */
const OFFICER = 'U0CA0001';
const OTHER_OFFICER = 'U0TP0001';
const OUTSIDER = 'U0NOBODY1';
const CHANNEL = 'C0NOICHINH';
const ELSEWHERE = 'C0VANHOA';
const STALE = 'Nút này không còn dùng được; vui lòng gõ lại lệnh để có kết quả mới.';

let t: TestBot;
afterEach(() => t?.close());

/** `user` searches for Chỉ thị 34 in `channel`: the first result's share button value. */
async function searchIn(user: string, channel: string): Promise<string> {
  const sent = await t.driver.slashCommand(user, 'vanban 34-CT/TW', channel);
  return buttonValue((await firstResponse(t.slack, sent.responseUrl)) as { blocks?: unknown[] }, directiveIds.shareAction);
}

/** `user` presses a share button whose value is `value`, shown (Slack says) in `channel`: the answer. */
async function share(user: string, value: string, channel = CHANNEL): Promise<string> {
  const pressed = await t.driver.pressButton({
    userId: user,
    actionId: directiveIds.shareAction,
    value,
    in: { ephemeral: { channel, blocks: [] } },
  });
  return textOf(await firstResponse(t.slack, pressed.responseUrl!));
}

/** Every post the bot made, anywhere, once the delivery is done. */
async function posted(): Promise<{ channel: string; text: string }[]> {
  await t.bot.idle();
  await t.bot.deps.delivery.drain();
  return [...t.slack.conversations.values()].flat().map((message) => ({ channel: message.channel, text: message.text }));
}

describe('sharing a directive', () => {
  it('posts into the conversation of the search, whatever channel the press claims to come from', async () => {
    t = await startTestBot();
    const value = await searchIn(OFFICER, CHANNEL);
    expect(await share(OFFICER, value, ELSEWHERE)).toBe('Đã chia sẻ Chỉ thị 34-CT/TW vào kênh.');
    expect((await posted()).map((post) => post.channel)).toEqual([CHANNEL]);
  });

  it('refuses a value that names another target or another person’s search', async () => {
    t = await startTestBot();
    const value = JSON.parse(await searchIn(OFFICER, CHANNEL)) as { directive: number; channel: string; seal: string };
    for (const forged of [
      { ...value, channel: ELSEWHERE },
      { ...value, channel: `D${OTHER_OFFICER}` },
      { ...value, seal: 'A'.repeat(22) },
      { directive: value.directive, channel: value.channel },
      value.directive,
    ])
      expect(await share(OFFICER, JSON.stringify(forged))).toBe(STALE);
    // Another member pressing the officer's button (a value replayed): it is not theirs.
    expect(await share(OTHER_OFFICER, JSON.stringify(value))).toBe(STALE);
    expect(await posted()).toEqual([]);
  });

  it('refuses someone outside the organisation, and a member who is not in the conversation', async () => {
    t = await startTestBot();
    t.slack.addUser({ id: OUTSIDER, name: 'nobody', realName: 'Người ngoài' });
    expect(await share(OUTSIDER, await searchIn(OUTSIDER, CHANNEL))).toMatch(
      /chưa có trong danh sách cán bộ thi đua của UBND tỉnh Vĩnh Phúc/,
    );
    const value = await searchIn(OFFICER, CHANNEL);
    t.slack.channelMembers.set(CHANNEL, new Set([OTHER_OFFICER, t.slack.botUserId]));
    expect(await share(OFFICER, value)).toBe('Chỉ thành viên của cuộc trò chuyện này mới chia sẻ văn bản vào đây được; chưa đăng gì.');
    expect(t.slack.callsTo('conversations.members').at(-1)?.args.channel).toBe(CHANNEL);
    expect(await posted()).toEqual([]);
  });

  it('posts once for twenty presses, and again only after 24 hours', async () => {
    t = await startTestBot();
    const value = await searchIn(OFFICER, CHANNEL);
    const pressed = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.driver.pressButton({
          userId: OFFICER,
          actionId: directiveIds.shareAction,
          value,
          in: { ephemeral: { channel: CHANNEL, blocks: [] } },
        }),
      ),
    );
    await t.bot.idle();
    const answers = pressed.map((press) => textOf(responsesTo(t.slack, press.responseUrl!)[0]!));
    expect(answers.filter((answer) => answer === 'Đã chia sẻ Chỉ thị 34-CT/TW vào kênh.')).toHaveLength(1);
    expect(answers.filter((answer) => answer.startsWith('Văn bản này đã được chia sẻ vào đây lúc 15/03/2021 08:00'))).toHaveLength(19);
    expect(await posted()).toHaveLength(1);

    t.clock.advance(23 * 60 * 60 * 1000);
    expect(await share(OFFICER, value)).toMatch(/^Văn bản này đã được chia sẻ vào đây lúc/);
    t.clock.advance(60 * 60 * 1000);
    expect(await share(OFFICER, value)).toBe('Đã chia sẻ Chỉ thị 34-CT/TW vào kênh.');
    expect(await posted()).toHaveLength(2);
  });

  it('offers no share in a direct message, where nobody else would see it', async () => {
    t = await startTestBot();
    const sent = await t.driver.slashCommand(OFFICER, 'vanban 34-CT/TW', `D${OFFICER}`);
    const reply = (await firstResponse(t.slack, sent.responseUrl)) as { blocks?: unknown[] };
    expect(textOf(reply)).toContain('Chỉ thị 34-CT/TW');
    expect(() => buttonValue(reply, directiveIds.shareAction)).toThrow();
  });

  it('says so when Slack cannot tell who is in the conversation, and posts nothing', async () => {
    t = await startTestBot();
    const value = await searchIn(OFFICER, CHANNEL);
    t.slack.failWith({ mode: 'http_500', methods: ['conversations.members'] });
    expect(await share(OFFICER, value)).toBe(
      'Chưa kiểm tra được với Slack ai đang ở trong cuộc trò chuyện này, nên chưa đăng gì. Vui lòng thử lại sau ít phút.',
    );
    t.slack.restore();
    expect(await posted()).toEqual([]);
  });
});
