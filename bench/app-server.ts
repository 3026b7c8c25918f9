/**
 * One app under measurement, in its own process so its memory is its own: `bare` (a Bolt app that
 * answers /thidua with a fixed text) or `thidua` (the product over an in-memory database with the
 * demo organisation). Prints "READY <request url>", serves until stdin closes, then prints its peak
 * RSS and heap as JSON.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver } from '@slack/bolt';
import { openDatabase } from '../db/client';
import { ManualClock } from '../src/clock';
import { silentLogger } from '../src/logger';
import { startBot } from '../src/runtime';

const [target, apiUrl, secret] = process.argv.slice(2) as ['bare' | 'thidua', string, string];

async function start(): Promise<{ requestUrl: string; stop: () => Promise<unknown> }> {
  if (target === 'bare') {
    const app = new App({
      token: 'xoxb-bench',
      receiver: new HTTPReceiver({ signingSecret: secret, logger: silentLogger }),
      logger: silentLogger,
      clientOptions: { slackApiUrl: apiUrl },
    });
    app.command('/thidua', async ({ ack, respond }) => {
      await ack();
      await respond({ response_type: 'ephemeral', text: 'Thi Đua — các lệnh' });
    });
    const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
    return { requestUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, stop: () => app.stop() };
  }
  const bot = await startBot({
    handle: openDatabase(':memory:'),
    clock: new ManualClock(new Date('2021-03-15T01:00:00Z')),
    logger: silentLogger,
    botToken: 'xoxb-bench',
    apiUrl,
    receiver: { kind: 'http', signingSecret: secret },
    host: '127.0.0.1',
    port: 0,
    mode: 'bench',
    outboxLeaseMs: 60_000,
    clientOptions: { retryConfig: { retries: 0 } },
  });
  return { requestUrl: bot.requestUrl, stop: () => bot.stop() };
}

const app = await start();
process.stdout.write(`READY ${app.requestUrl}\n`);
process.stdin.resume();
process.stdin.on('end', async () => {
  await app.stop();
  process.stdout.write(
    `${JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024, heapMb: process.memoryUsage().heapUsed / 2 ** 20 })}\n`,
  );
  process.exit(0);
});
