/**
 * `node bench/stall-report.mjs <windows.json> <probe.json>… [--connections 50] [--list N]`: what held the
 * event loop of each app during each measurement of a `bench:http --probe` run (bench/stall-probe.cjs):
 * the loop's lags over 10 ms with what overlapped them (garbage collections, slow statements and
 * transactions, slow timers), and the server-side request times. Bench-only.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: { connections: { type: 'string', default: '50' }, list: { type: 'string', default: '12' } },
});
const [windowsFile, ...probeFiles] = positionals;
const windows = JSON.parse(readFileSync(windowsFile, 'utf8'));
const probes = new Map(
  probeFiles.map((file) => [JSON.parse(readFileSync(file, 'utf8')).pid, { file, ...JSON.parse(readFileSync(file, 'utf8')) }]),
);
const GC = { 1: 'scavenge', 2: 'minor-mc', 4: 'mark-compact', 8: 'incremental', 16: 'weak' };
const pct = (values, p) => {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const sum = (values) => values.reduce((total, value) => total + value, 0);

for (const window of windows.filter((each) => String(each.connections) === options.connections)) {
  const probe = probes.get(window.pid);
  if (!probe) continue;
  const inside = (list) => list.filter(([at]) => at >= window.startUs && at <= window.endUs);
  const seconds = (window.endUs - window.startUs) / 1e6;
  const lags = inside(probe.lags);
  const gcs = inside(probe.gcs);
  const requests = inside(probe.requests).map(([, ms]) => ms);
  console.log(
    `\n${probe.file} (pid ${window.pid}), ${window.connections} connections, ${seconds.toFixed(1)} s: client p50 ${window.p50} / p99 ${window.p99} ms`,
  );
  console.log(
    `  server-side request ms: n ${requests.length}, p50 ${pct(requests, 50)}, p99 ${pct(requests, 99)}, max ${Math.max(...requests)}`,
  );
  const over = (limit) => lags.filter(([, ms]) => ms > limit).length;
  console.log(
    `  lags: >10 ms ${over(10)}, >20 ms ${over(20)}, >40 ms ${over(40)}, >80 ms ${over(80)}; sum ${sum(lags.map(([, ms]) => ms)).toFixed(0)} ms`,
  );
  for (const kind of [1, 2, 4, 8, 16]) {
    const of = gcs.filter(([, , k]) => k === kind).map(([, ms]) => ms);
    if (of.length)
      console.log(`  gc ${GC[kind]}: ${of.length}, total ${sum(of).toFixed(1)} ms, p50 ${pct(of, 50)}, max ${Math.max(...of)} ms`);
  }
  const slow = (list) => {
    const groups = new Map();
    for (const [, ms, text] of inside(list)) {
      const group = groups.get(text) ?? [];
      group.push(ms);
      groups.set(text, group);
    }
    return [...groups].sort((a, b) => sum(b[1]) - sum(a[1]));
  };
  for (const [name, list] of [
    ['sql >2 ms', probe.sql],
    ['transactions >3 ms', probe.txs],
    ['timers >3 ms', probe.timers],
  ])
    for (const [text, times] of slow(list).slice(0, 6))
      console.log(`  ${name}: ${times.length}× max ${Math.max(...times)} sum ${sum(times).toFixed(0)} ms  ${text || ''}`);
  // The worst lags, each with what overlapped it.
  const overlapping = (at, ms, list, label) =>
    list
      .filter(([start, duration]) => start < at + ms * 1000 && start + duration * 1000 > at)
      .map(([, duration, text]) => `${label(text)} ${duration}`);
  // Each lag by its likeliest cause: a mark-compact or scavenge, the bot's own WAL checkpoint (a COMMIT
  // after which every WAL frame is in the database file), another slow COMMIT, the thread waiting for a
  // CPU (another process's turn), or none of these (one long turn of the loop: many requests at once).
  const commits = probe.commits ?? [];
  const overlaps = (at, ms, list) => list.filter(([start, duration]) => start < at + ms * 1000 && start + duration * 1000 > at);
  const causeOf = ([at, ms, , wait]) => {
    const gc = overlaps(at, ms, probe.gcs).filter(([, , kind]) => kind === 4 || kind === 1);
    const gcMs = sum(gc.map(([, duration]) => duration));
    const commit = overlaps(at, ms, commits);
    const safety = commit.filter(([, , , , frames, done]) => frames === done && frames >= 1000);
    if (safety.length) return 'own checkpoint';
    if (gcMs > ms / 3) return gc.some(([, , kind]) => kind === 4) ? 'mark-compact' : 'scavenge';
    if (wait !== undefined && wait > ms / 2) return 'waiting for a CPU';
    if (commit.length) return 'slow COMMIT';
    return 'long turn';
  };
  const causes = new Map();
  for (const lag of lags) {
    const cause = causeOf(lag);
    const entry = causes.get(cause) ?? [];
    entry.push(lag[1]);
    causes.set(cause, entry);
  }
  for (const [cause, list] of [...causes].sort((a, b) => sum(b[1]) - sum(a[1])))
    console.log(`  lags >10 ms from ${cause}: ${list.length}, sum ${sum(list).toFixed(0)} ms, max ${Math.max(...list).toFixed(1)} ms`);
  const safety = inside(commits).filter(([, , , , frames, done]) => frames === done && frames >= 1000);
  if (commits.length)
    console.log(
      `  the bot's own WAL checkpoints (COMMITs that left the WAL fully copied): ${safety.length}, ms ${safety.map(([, ms]) => ms).join(', ')}`,
    );
  console.log('  worst lags (ms; the thread on a CPU / waiting for one meanwhile) and what overlapped them:');
  for (const [at, ms, cpu, wait] of [...lags].sort((a, b) => b[1] - a[1]).slice(0, Number(options.list))) {
    const what = [
      ...overlapping(at, ms, probe.gcs, (kind) => GC[kind] ?? kind),
      ...overlapping(at, ms, probe.txs, () => 'tx'),
      ...overlapping(at, ms, probe.sql, (text) => `sql[${text.slice(0, 50)}]`),
      ...overlapping(at, ms, probe.timers, (text) => text.slice(0, 60)),
    ];
    console.log(
      `    ${ms.toFixed(1).padStart(6)} (${cpu ?? '?'} / ${wait ?? '?'}) at +${((at - window.startUs) / 1e6).toFixed(2)} s  ${causeOf([at, ms, cpu, wait])}: ${what.join('; ')}`,
    );
  }
}
