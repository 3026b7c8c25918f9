/**
 * `npm run bench:start [-- --app-dir DIR …] [--starts N]`
 *
 * Cold start: spawn to the first GET /healthz 200, the bot started as `npm start` starts it (HTTP
 * mode, over a SQLite file with the demo organisation, already migrated), against bare Bolt
 * (bench/bare-bolt.mjs). Each app is started once untimed (it loads the demo and migrates, and
 * whatever a first start leaves behind is there for the next), then N times in turn, the order
 * rotating each round, so the machine's load falls on every app alike. Printed: each start's time
 * with the load average, min / median / max per app, the CPU time (user + system, every thread) and
 * the RSS each had when it first answered.
 * `--app-dir DIR` adds another checkout measured in the same run (this checkout always is).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LocalSlack } from '../src/local-slack/server';
import { cpuSecondsOf, describeCheckout, launch, memoryOf, prepareCheckout, type Subject, stop } from './apps';
import { percentile, printTable } from './support';

const ROOT = resolve(import.meta.dirname, '..');
const { values: options } = parseArgs({
  options: {
    'app-dir': { type: 'string', multiple: true, default: [] },
    starts: { type: 'string', default: '8' },
  },
});
const STARTS = Number(options.starts);
const SECRET = randomBytes(16).toString('hex');

const subjects: Subject[] = [
  { label: 'bare Bolt' },
  ...options['app-dir'].map((dir) => ({ label: describeCheckout(resolve(dir)), dir: resolve(dir) })),
  { label: `${describeCheckout(ROOT)} (this checkout)`, dir: ROOT },
];
for (const subject of subjects) if (subject.dir) prepareCheckout(subject.dir);
const folder = mkdtempSync(join(tmpdir(), 'thidua-bench-start-'));
const slack = new LocalSlack();
await slack.start();
const load = () => loadavg()[0]!.toFixed(2);

const databases = new Map(subjects.map((subject) => [subject, join(mkdtempSync(join(folder, 'app-')), 'thidua.sqlite')]));
const startOnce = async (subject: Subject) => {
  const running = await launch(subject, slack, databases.get(subject)!, SECRET);
  const { rssMb } = memoryOf(running.child.pid!);
  const cpuMs = cpuSecondsOf(running.child.pid!) * 1000;
  await stop(running);
  return { ms: running.coldStartMs, rssMb, cpuMs };
};
for (const subject of subjects) await startOnce(subject);

console.log(
  `bench:start — ${STARTS} starts of each app in turn (after one untimed start each), load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')} at the start`,
);
const times = new Map<Subject, number[]>(subjects.map((subject) => [subject, []]));
const rss = new Map<Subject, number[]>(subjects.map((subject) => [subject, []]));
const cpu = new Map<Subject, number[]>(subjects.map((subject) => [subject, []]));
const rows: string[][] = [];
for (let round = 0; round < STARTS; round++) {
  const order = subjects.map((_, index) => subjects[(index + round) % subjects.length]!);
  for (const subject of order) {
    const started = await startOnce(subject);
    times.get(subject)!.push(started.ms);
    rss.get(subject)!.push(started.rssMb);
    cpu.get(subject)!.push(started.cpuMs);
    rows.push([String(round + 1), subject.label, started.ms.toFixed(0), started.cpuMs.toFixed(0), started.rssMb.toFixed(1), load()]);
  }
}
printTable(['round', 'app', 'cold start ms', 'CPU ms', 'RSS MB at start', 'load (1 min)'], rows, 2);
console.log('');
printTable(
  ['app', 'min ms', 'median ms', 'max ms', 'median CPU ms', 'median RSS MB'],
  subjects.map((subject) => {
    const ms = times.get(subject)!;
    return [
      subject.label,
      Math.min(...ms).toFixed(0),
      percentile(ms, 50).toFixed(0),
      Math.max(...ms).toFixed(0),
      percentile(cpu.get(subject)!, 50).toFixed(0),
      percentile(rss.get(subject)!, 50).toFixed(1),
    ];
  }),
);
console.log(
  `load average now ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}`,
);
await slack.stop();
rmSync(folder, { recursive: true, force: true });
