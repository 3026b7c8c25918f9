import { afterEach, describe, expect, it } from 'vitest';
import { realWireTimer } from '../../src/clock';
import { MAX_COMMAND_LENGTH } from '../../src/domain/command-words';
import { firstResponse, startTestBot, type TestBot, textOf } from '../support/bot';

/**
 * No one command can stall the bot: the words after a sub-command are read in linear time, and a
 * command past MAX_COMMAND_LENGTH is refused before it is read. Before, `/thidua xephang` with 800
 * words blocked the event loop for about 19 s (every split of the words, every prefix of each).
 */
const CA = 'U0CA0001';
const TP = 'U0TP0001';
const CHANNEL = 'C0NOICHINH';

let t: TestBot;
afterEach(() => t?.close());

/** `count` one-letter words (so that 800 fit under the cap), some of which start period names ("I", "6"). */
function words(count: number): string {
  const vocabulary = ['I', 'q', '6', 'x', 'a', '9'];
  return Array.from({ length: count }, (_, index) => vocabulary[index % vocabulary.length]).join(' ');
}

describe('long commands', () => {
  it("answers a second user's /thidua help within 1 s while an 800-word and a 4,000-character command are read, and /healthz stays 200", async () => {
    t = await startTestBot();
    const eightHundred = `xephang ${words(800)}`;
    const fourThousand = `tiendo ${'noi chinh '.repeat(400)}`.slice(0, 4000);
    expect(eightHundred.split(' ')).toHaveLength(801);
    expect(eightHundred.length).toBeLessThanOrEqual(MAX_COMMAND_LENGTH);
    expect(fourThousand).toHaveLength(4000);

    // Both long commands are acknowledged (their reading starts), then the help is asked for at once.
    const long = await Promise.all([t.driver.slashCommand(CA, eightHundred, CHANNEL), t.driver.slashCommand(CA, fourThousand, CHANNEL)]);
    const askedAt = realWireTimer.nowMs();
    const [help, health] = await Promise.all([
      t.driver.slashCommand(TP, 'help', CHANNEL).then((reply) => firstResponse(t.slack, reply.responseUrl)),
      fetch(`http://127.0.0.1:${t.bot.port}/healthz`),
    ]);
    const helpLatencyMs = realWireTimer.nowMs() - askedAt;
    expect(textOf(help)).toContain('Thi Đua — các lệnh');
    expect(helpLatencyMs).toBeLessThan(1000);
    expect(health.status).toBe(200);

    // Each long command is answered in words: what was not understood, or that it is too long.
    const [wordy, tooLong] = await Promise.all(long.map((reply) => firstResponse(t.slack, reply.responseUrl)));
    expect(textOf(wordy!)).toMatch(/^Không rõ “I q 6 x a 9 I q/);
    expect(textOf(tooLong!)).toBe(
      'Lệnh quá dài (4.000 ký tự; tối đa 2.000), nên chưa được đọc. Vui lòng gõ ngắn lại: tên khối, kỳ báo cáo hoặc vài từ khóa là đủ.',
    );
  });

  it('answers every command that reads words at the longest the cap allows (about 1,000 words) without stalling', async () => {
    t = await startTestBot();
    // Just under the cap, as many words as fit: each sub-command that reads words gets them.
    const many = 'a '.repeat(MAX_COMMAND_LENGTH / 2 - 10).trim();
    for (const command of ['xephang', 'tiendo', 'baocao', 'giaouoc', 'tieuchi', 'dangky', 'vanban', 'hanchot', 'xyz']) {
      const reply = await t.driver.slashCommand(CA, `${command} ${many}`, CHANNEL);
      expect(textOf(await firstResponse(t.slack, reply.responseUrl)).length, command).toBeGreaterThan(0);
    }
  });
});
