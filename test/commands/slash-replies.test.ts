import type { RespondArguments } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Reply } from '../../commands/shared/feature';
import { ACK_BUDGET_MS, slashReplies } from '../../commands/shared/replies';
import { SerialisedJson } from '../../src/serialised-json';

/** What a slash command's replies became: the acknowledgement's body (undefined: empty) and the posts to the response_url. */
function recorder() {
  const acks: (RespondArguments | string | undefined)[] = [];
  const posts: RespondArguments[] = [];
  const replies = slashReplies(
    async (body) => {
      acks.push(body);
    },
    async (post) => {
      posts.push(post as RespondArguments);
      return undefined as never;
    },
    () => Date.now(),
  );
  return { replies, acks, posts };
}

describe('a slash command’s replies', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the first reply within the budget in the acknowledgement, any later one through the response_url', async () => {
    const { replies, acks, posts } = recorder();
    await replies.reply({ text: 'Bảng xếp hạng' });
    await replies.reply('Đã đăng lên kênh');
    await replies.settle();
    expect(acks).toEqual([{ response_type: 'ephemeral', text: 'Bảng xếp hạng' }]);
    expect(posts).toEqual([{ response_type: 'ephemeral', text: 'Đã đăng lên kênh', replace_original: false }]);
  });

  it('acknowledges once, empty, when the command ends without a reply (it opened a modal)', async () => {
    const { replies, acks, posts } = recorder();
    await replies.settle();
    await replies.settle();
    vi.advanceTimersByTime(ACK_BUDGET_MS * 2);
    expect(acks).toEqual([undefined]);
    expect(posts).toEqual([]);
  });

  it('sets no timer when the reply is ready in the command’s own run, as nearly every one is', async () => {
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const { replies, acks } = recorder();
    await replies.reply({ text: 'Bảng xếp hạng' });
    await replies.settle();
    expect(acks).toEqual([{ response_type: 'ephemeral', text: 'Bảng xếp hạng' }]);
    expect(timers).not.toHaveBeenCalled();
  });

  it('counts the budget from the command’s start, also when its own run took long before it waited', async () => {
    const { acks } = recorder();
    // Half a second spent before the command's first wait (its own run), then the wait.
    vi.advanceTimersByTime(500);
    await Promise.resolve();
    vi.advanceTimersByTime(ACK_BUDGET_MS - 501);
    expect(acks).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(acks).toEqual([undefined]);
  });

  it('acknowledges empty when the budget runs out, and answers slow work through the response_url', async () => {
    const { replies, acks, posts } = recorder();
    await Promise.resolve();
    vi.advanceTimersByTime(ACK_BUDGET_MS - 1);
    expect(acks).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(acks).toEqual([undefined]);
    await replies.reply({ text: 'Tệp Excel đã gửi' });
    await replies.settle();
    expect(acks).toEqual([undefined]);
    expect(posts).toEqual([{ response_type: 'ephemeral', text: 'Tệp Excel đã gửi', replace_original: false }]);
  });

  it('serialises a frozen reply (a page the read cache keeps) once for all who get it, and any other reply as it is when sent', async () => {
    const kept: Reply = Object.freeze({ text: 'Xếp hạng', blocks: Object.freeze([]) as unknown as Reply['blocks'] });
    const first = recorder();
    const second = recorder();
    await first.replies.reply(kept);
    await second.replies.reply(kept);
    const [sent] = first.acks;
    expect(sent).toBeInstanceOf(SerialisedJson);
    expect(second.acks[0]).toBe(sent);
    expect(JSON.parse((sent as unknown as SerialisedJson).bytes.toString('utf8'))).toEqual({
      response_type: 'ephemeral',
      text: 'Xếp hạng',
      blocks: [],
    });
    // Serialised as JSON elsewhere (Socket Mode), it is the same message.
    expect(JSON.stringify(sent)).toBe((sent as unknown as SerialisedJson).bytes.toString('utf8'));

    // A reply its builder may still change is sent as it is at that moment, never from an earlier serialisation.
    const drawn = { text: 'Tiến độ: 1/2' };
    const before = recorder();
    await before.replies.reply(drawn);
    drawn.text = 'Tiến độ: 2/2';
    const after = recorder();
    await after.replies.reply(drawn);
    expect(JSON.stringify(after.acks[0])).toBe(JSON.stringify({ response_type: 'ephemeral', text: 'Tiến độ: 2/2' }));
  });

  it('keeps well inside Slack’s three seconds', () => {
    expect(ACK_BUDGET_MS).toBeLessThanOrEqual(2000);
  });
});
