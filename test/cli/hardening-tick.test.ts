import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { realWireTimer } from '../../src/clock';
import { LocalSlack, type Outage } from '../../src/local-slack/server';
import { demoFileWithChannelNotices, expectExactlyOnce, outboxOf, postedKeys } from '../support/outbox';
import { runThidua, scratchFolder } from '../support/processes';

/**
 * `npx thidua tick` when Slack misbehaves: it ends within its bound (it starts nothing after
 * SCHEDULER_TICK_SECONDS nor once Slack looks away, and every call ends within
 * SLACK_API_TIMEOUT_SECONDS), says so in one line with exit code 1, and leaves every message it
 * could not send queued; the next pass, with Slack back, sends each exactly once.
 */
/** In the demo with every overdue notice in the channel: 18 messages over 16 conversations (see tick.test.ts). */
const AT = '2021-04-07T08:00:00+07:00';
const TICK_SECONDS = 20;

describe('npx thidua tick against a Slack that does not answer', () => {
  let slack: LocalSlack;
  afterEach(async () => {
    await slack?.stop();
  });

  async function prepared(): Promise<{ env: Record<string, string>; path: string }> {
    slack = new LocalSlack();
    await slack.start();
    const folder = scratchFolder();
    const path = join(folder, 'thidua.sqlite');
    expect((await runThidua(['import', demoFileWithChannelNotices(folder)], { DATABASE_PATH: path })).code).toBe(0);
    const env = {
      DATABASE_PATH: path,
      SLACK_BOT_TOKEN: 'xoxb-tick-test',
      SLACK_API_URL: slack.apiUrl,
      SLACK_API_TIMEOUT_SECONDS: '0.5',
      SCHEDULER_TICK_SECONDS: String(TICK_SECONDS),
    };
    return { env, path };
  }

  it.each<[string, Outage]>([
    ['hangs', { mode: 'hang' }],
    ['answers 500', { mode: 'http_500' }],
  ])(
    'when Slack %s: tick exits within its bound, non-zero, the messages stay queued, and the next pass sends each exactly once',
    async (_, outage) => {
      const { env, path } = await prepared();
      slack.failWith(outage);
      const startedAt = realWireTimer.nowMs();
      const down = await runThidua(['tick', '--at', AT], env);
      const tookMs = realWireTimer.nowMs() - startedAt;

      expect(down.code).toBe(1);
      expect(tookMs).toBeLessThan(TICK_SECONDS * 1000);
      expect(down.stdout).toMatch(
        /^Bộ hẹn giờ lúc 07\/04\/2021 08:00 \(Asia\/Ho_Chi_Minh\): 18 tin mới vào hàng đợi; đã gửi 0, bỏ qua 0, lỗi 0; còn 18 tin chờ lần chạy sau\.\n$/,
      );
      const stderr = down.stderr.trim().split('\n');
      expect(stderr.at(-1)).toMatch(
        /^Không kết nối được Slack \((no answer in time|HTTP 500)\): 18 tin vẫn nằm trong hàng đợi, sẽ được gửi đúng một lần ở lần chạy sau\.$/,
      );
      // One line says Slack is away (at warn level); no line a message, no stack trace.
      expect(stderr.filter((line) => line.startsWith('WARN'))).toHaveLength(1);
      expect(down.stderr).not.toMatch(/\n\s+at /);
      expect(
        outboxOf(path)
          .map((row) => row.status)
          .sort(),
      ).toEqual(expect.arrayContaining(['pending']));
      expect(outboxOf(path).filter((row) => !['pending', 'sending', 'superseded'].includes(row.status))).toEqual([]);
      expect(postedKeys(slack)).toEqual([]);

      slack.restore();
      const back = await runThidua(['tick', '--at', AT], env);
      expect(back.stderr).toBe('');
      expect(back.code).toBe(0);
      expect(back.stdout).toMatch(/: 0 tin mới vào hàng đợi; đã gửi 18, bỏ qua 0, lỗi 0\.\n$/);
      expectExactlyOnce(slack, path);
      expect(postedKeys(slack)).toHaveLength(18);
    },
  );
});
