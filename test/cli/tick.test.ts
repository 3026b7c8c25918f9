import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalSlack } from '../../src/local-slack/server';
import { demoFileWithChannelNotices, expectExactlyOnce, outboxOf, postedKeys } from '../support/outbox';
import { BIN, childEnvironment, finished, ROOT, runThidua, scratchFolder } from '../support/processes';

/**
 * Wednesday 07/04/2021 08:00 in Hà Nội: in the demo, with nothing signed or submitted, the pledge's
 * third overdue nudge and Q1's 3-day nudge are both due. Every overdue notice is posted in the
 * channel here (overdue_in_channel: 9), so each block channel gets two messages, paced one a second;
 * each of the 14 officers gets one DM with both reminders (the lead's officers with the
 * escalation too): 18 messages over 16 conversations.
 */
const AT = '2021-04-07T08:00:00+07:00';

describe('npx thidua tick', () => {
  let slack: LocalSlack;
  afterEach(async () => {
    await slack?.stop();
  });

  async function prepared(): Promise<{ env: Record<string, string>; path: string }> {
    slack = new LocalSlack({ perChannelIntervalMs: 1000 });
    await slack.start();
    const folder = scratchFolder();
    const path = join(folder, 'thidua.sqlite');
    expect((await runThidua(['import', demoFileWithChannelNotices(folder)], { DATABASE_PATH: path })).code).toBe(0);
    return {
      path,
      env: { DATABASE_PATH: path, SLACK_BOT_TOKEN: 'xoxb-tick-test', SLACK_API_URL: slack.apiUrl, OUTBOX_LEASE_SECONDS: '1' },
    };
  }

  it('runs one pass as of --at, delivers it, prints one line of figures; the same instant again sends nothing', async () => {
    const { env, path } = await prepared();
    const first = await runThidua(['tick', '--at', AT], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('Bộ hẹn giờ lúc 07/04/2021 08:00 (Asia/Ho_Chi_Minh): 18 tin mới vào hàng đợi; đã gửi 18, bỏ qua 0, lỗi 0.\n');
    expect(slack.messagesIn('C0NOICHINH')).toHaveLength(2);
    // One DM per person per pass: the lead's officer gets the pledge, the report and the escalation in one.
    expect(slack.dmsTo('U0CA0002')).toHaveLength(1);
    expectExactlyOnce(slack, path);

    // Without an offset the instant is read on the organisation's clock, not the server's.
    const again = await runThidua(['tick', '--at', '2021-04-07T08:00'], env);
    expect(again.stdout).toContain(': 0 tin mới vào hàng đợi; đã gửi 0,');
    expect(postedKeys(slack)).toHaveLength(18);
  });

  it('explains a bad instant or a missing token in one line, exit 1', async () => {
    const { env } = await prepared();
    const bad = await runThidua(['tick', '--at', 'thứ tư'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('--at “thứ tư”: cần thời điểm ISO-8601');
    const { SLACK_BOT_TOKEN: _token, ...withoutToken } = env;
    const noToken = await runThidua(['tick'], withoutToken);
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toContain('SLACK_BOT_TOKEN: cần có để gửi tin nhắn qua Slack');
  });

  it('after kill -9 in the middle of a fan-out, the next tick leaves every recipient with exactly one copy of each message', async () => {
    const { env, path } = await prepared();
    const child = spawn(process.execPath, [BIN, 'tick', '--at', AT], {
      cwd: ROOT,
      env: childEnvironment(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exit = finished(child);
    // Killed from inside the local Slack's record of the 10th post, before its answer is written:
    // that entry stays claimed ("sending") though Slack has it, the worst moment for a crash.
    let postedAtKill = 0;
    await slack.waitFor(
      () => {
        const posted = postedKeys(slack).length;
        if (posted < 10) return false;
        child.kill('SIGKILL');
        postedAtKill = posted;
        return true;
      },
      20_000,
      '10 posts',
    );
    expect((await exit).code).toBeNull();
    // The reminders folded into a person's one DM stay recorded as such (superseded), never posted.
    const afterCrash = outboxOf(path).filter((row) => row.status !== 'superseded');
    expect(afterCrash).toHaveLength(18);
    expect(postedAtKill).toBeLessThan(18);
    expect(afterCrash.filter((row) => row.status === 'sending').length).toBeGreaterThan(0);
    expect(afterCrash.filter((row) => row.status === 'pending').length).toBeGreaterThan(0);

    const historyBefore = slack.callsTo('conversations.history').length;
    const second = await runThidua(['tick', '--at', AT], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/: 0 tin mới vào hàng đợi; đã gửi \d+ \(\d+ tìm thấy đã gửi trước khi bị ngắt\)/);
    expect(slack.callsTo('conversations.history').length).toBeGreaterThan(historyBefore);
    expectExactlyOnce(slack, path);
    expect(postedKeys(slack)).toHaveLength(18);
  });

  it('two ticks at once on one database post everything once', async () => {
    const { env, path } = await prepared();
    const [first, second] = await Promise.all([runThidua(['tick', '--at', AT], env), runThidua(['tick', '--at', AT], env)]);
    expect([first.code, second.code, first.stderr, second.stderr]).toEqual([0, 0, '', '']);
    expectExactlyOnce(slack, path);
    expect(postedKeys(slack)).toHaveLength(18);
    // The pass's nudges are one transaction: whichever pass gets the lock first queues them; every message is queued by one of them.
    const queued = [first.stdout, second.stdout].map((line) => Number(/: (\d+) tin mới/.exec(line)?.[1]));
    expect(queued[0]! + queued[1]!).toBe(18);
  });
});
