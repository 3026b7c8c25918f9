/**
 * `npm run bench:app` — what the product costs per request over a bare Bolt app, in the same run.
 *
 * Both apps run over HTTP on 127.0.0.1 with signature verification, their Web API pointed at the
 * local Slack, and answer the same signed `/thidua help` (ack, then an ephemeral reply through the
 * response_url). The bare app replies with a fixed text; ours resolves the caller in SQLite, matches
 * the sub-command and builds the Block Kit help. Each app runs in its own process
 * (bench/app-server.ts), so its memory is its own. Printed: ack latency and time-to-reply (p50/p99)
 * sequentially and at concurrency 10, requests per second, peak RSS and heap — each with its ratio to
 * the bare app. The machine is shared and noisy: read the ratios, not the milliseconds.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SlackDriver } from '../src/local-slack/driver';
import { LocalSlack } from '../src/local-slack/server';
import { percentile, printTable } from './support';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const CONCURRENCY = 10;
const USER = 'U0CA0001';

interface Measure {
  ackP50: number;
  ackP99: number;
  replyP50: number;
  replyP99: number;
  perSecond: number;
}

async function measure(driver: SlackDriver, slack: LocalSlack, concurrency: number): Promise<Measure> {
  const acks: number[] = [];
  const replies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < REQUESTS) {
      next += 1;
      const sent = performance.now();
      const reply = await driver.slashCommand(USER, 'help', 'C0NOICHINH');
      acks.push(performance.now() - sent);
      const id = reply.responseUrl.slice(reply.responseUrl.lastIndexOf('/') + 1);
      await slack.waitFor(() => slack.responses.some((response) => response.id === id), 10_000, 'reply');
      replies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return {
    ackP50: percentile(acks, 50),
    ackP99: percentile(acks, 99),
    replyP50: percentile(replies, 50),
    replyP99: percentile(replies, 99),
    perSecond: REQUESTS / seconds,
  };
}

interface Served {
  driver: SlackDriver;
  finish(): Promise<{ maxRssMb: number; heapMb: number }>;
}

/** Starts one app in its own process (bench/app-server.ts) and a driver pointed at it. */
async function serve(target: 'bare' | 'thidua', slack: LocalSlack, secret: string): Promise<Served> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./app-server.ts', import.meta.url)), target, slack.apiUrl, secret],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const ready = (await lines.next()).value as string;
  if (!ready?.startsWith('READY ')) throw new Error(`${target} did not start: ${ready}`);
  return {
    driver: new SlackDriver({ requestUrl: ready.slice('READY '.length), signingSecret: secret, slack }),
    finish: async () => {
      child.stdin!.end();
      return JSON.parse((await lines.next()).value as string) as { maxRssMb: number; heapMb: number };
    },
  };
}

async function run(target: 'bare' | 'thidua', slack: LocalSlack, secret: string) {
  const served = await serve(target, slack, secret);
  await measure(served.driver, slack, CONCURRENCY); // warm-up: JIT, caches, connections
  const sequential = await measure(served.driver, slack, 1);
  const concurrent = await measure(served.driver, slack, CONCURRENCY);
  return { sequential, concurrent, memory: await served.finish() };
}

async function main() {
  const slack = new LocalSlack();
  await slack.start();
  slack.addUser({ id: USER, name: 'ca', realName: 'Công an tỉnh' });
  const secret = randomBytes(16).toString('hex');
  const bare = await run('bare', slack, secret);
  const ours = await run('thidua', slack, secret);

  const ratio = (mine: number, base: number) => `${(mine / base).toFixed(2)}×`;
  const row = (label: string, pick: (result: typeof bare) => number, digits = 2) => [
    label,
    pick(bare).toFixed(digits),
    pick(ours).toFixed(digits),
    ratio(pick(ours), pick(bare)),
  ];
  console.log(
    `/thidua help: ${REQUESTS} signed requests per measurement over HTTP on 127.0.0.1, each app in its own process, Node ${process.version}`,
  );
  printTable(
    ['measure', 'bare Bolt', 'Thi Đua', 'ratio'],
    [
      row('ack p50 (ms), one at a time', (result) => result.sequential.ackP50),
      row('ack p99 (ms), one at a time', (result) => result.sequential.ackP99),
      row('reply p50 (ms), one at a time', (result) => result.sequential.replyP50),
      row('reply p99 (ms), one at a time', (result) => result.sequential.replyP99),
      row(`ack p99 (ms), ${CONCURRENCY} at once`, (result) => result.concurrent.ackP99),
      row(`reply p99 (ms), ${CONCURRENCY} at once`, (result) => result.concurrent.replyP99),
      row(`requests/s, ${CONCURRENCY} at once`, (result) => result.concurrent.perSecond, 0),
      row('peak RSS of the app process (MB)', (result) => result.memory.maxRssMb, 1),
      row('heap after the run (MB)', (result) => result.memory.heapMb, 1),
    ],
  );
  await slack.stop();
}

await main();
