import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { createStore } from '../../db/store';
import { realWireTimer } from '../../src/clock';
import { Delivery } from '../../src/delivery/delivery';
import { LocalSlack } from '../../src/local-slack/server';
import { silentLogger } from '../../src/logger';
import { slackClientOptions } from '../../src/slack-client';

/**
 * A Slack that hangs for some conversations never stops the delivery to the others: each call
 * ends within the timeout, the conversations Slack does not answer wait on their own back-off, and
 * nothing is given up or sent twice when Slack answers again.
 */
describe('delivery while Slack hangs for some conversations', () => {
  let slack: LocalSlack;
  afterEach(() => slack?.stop());

  it('delivers to every other conversation while twenty DMs hang, then to those once Slack is back', async () => {
    slack = new LocalSlack();
    await slack.start();
    const store = createStore(openDatabase(':memory:').db);
    const delivery = new Delivery({
      store,
      client: new WebClient('xoxb-test', {
        ...slackClientOptions({ apiUrl: slack.apiUrl, timeoutMs: 300, logger: silentLogger }, { retries: 0 }),
        rejectRateLimitedCalls: true,
      }),
      wire: realWireTimer,
      logger: silentLogger,
      workerId: 'worker-a',
      leaseMs: 60_000,
      conversationIntervalMs: 0,
    });
    const hung = Array.from({ length: 20 }, (_, index) => `U0HUNG${String(index).padStart(3, '0')}`);
    const healthy = Array.from({ length: 30 }, (_, index) => `C0OK${String(index).padStart(4, '0')}`);
    slack.failWith({ mode: 'hang', channels: hung });
    // The hung conversations first, so that they take every request slot (16) before the others.
    for (const user of hung) delivery.queue(store, { key: `dm:${user}`, kind: 'test', message: { user, text: 'nhắc hạn' } });
    for (const channel of healthy) delivery.queue(store, { key: `post:${channel}`, kind: 'test', message: { channel, text: 'tổng hợp' } });
    delivery.start(60_000);
    await slack.waitFor(() => healthy.every((channel) => slack.messagesIn(channel).length === 1), 10_000, 'every healthy conversation');
    expect(hung.every((user) => slack.dmsTo(user).length === 0)).toBe(true);
    expect(store.outbox.all().filter((row) => row.status === 'failed' || row.status === 'skipped')).toEqual([]);

    slack.restore();
    await delivery.drain();
    await delivery.stop();
    expect(hung.map((user) => slack.dmsTo(user).length)).toEqual(hung.map(() => 1));
    expect(healthy.map((channel) => slack.messagesIn(channel).length)).toEqual(healthy.map(() => 1));
    expect(new Set(store.outbox.all().map((row) => row.status))).toEqual(new Set(['sent']));
  });
});
