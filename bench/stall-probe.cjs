/**
 * A preload for `npm run bench:http -- --probe` (node --require bench/stall-probe.cjs …): it records
 * what held the app's event loop, so a latency tail can be laid against its causes. Bench-only; the
 * product never loads it. Written to $THIDUA_STALL_PROBE (JSON) when the process exits:
 *   lags      [at µs, ms, on-CPU ms, runnable-but-waiting ms]  a 2 ms interval timer that ran more than
 *             10 ms late (the loop was held), with the main thread's time on a CPU and waiting for one meanwhile
 *   gcs       [at µs, ms, kind]  every garbage collection (kind: 1 scavenge, 4 mark-compact, 8 incremental marking, 16 weak callbacks)
 *   sql       [at µs, ms, text]  statements and pragmas that took more than 2 ms
 *   commits   [at µs, ms, on-CPU ms, waiting ms, WAL frames, frames checkpointed]  COMMITs over 2 ms, with the
 *             WAL's state after (from the -shm file)
 *   checkpoints  (in <file>.worker.json) [at µs, ms, log, checkpointed]  the checkpoint worker's every checkpoint
 *   txs       [at µs, ms]   transactions (body and COMMIT) that took more than 3 ms
 *   timers    [at µs, ms, name]  setTimeout / setInterval / setImmediate callbacks that took more than 3 ms
 *   requests  [start µs, ms]  every HTTP request, from its 'request' event to its response's 'finish'
 * Times are µs of the monotonic clock (process.hrtime), the clock of a --cpu-prof profile's timestamps.
 */
'use strict';
const { isMainThread } = require('node:worker_threads');
const out = process.env.THIDUA_STALL_PROBE;
if (out) {
  const { writeFileSync } = require('node:fs');
  const { createRequire } = require('node:module');
  const { join, resolve } = require('node:path');
  const { performance, PerformanceObserver } = require('node:perf_hooks');
  const http = require('node:http');

  const nowUs = () => Number(process.hrtime.bigint() / 1000n);
  // performance.now() and process.hrtime share libuv's clock: one offset turns one into the other.
  const offsetUs = nowUs() - performance.now() * 1000;
  const round = (ms) => Math.round(ms * 100) / 100;
  const { openSync, readSync } = require('node:fs');
  // The calling thread's time on a CPU and time runnable but waiting for one (ns), from Linux's schedstat.
  const schedstat = openSync('/proc/thread-self/schedstat', 'r');
  const schedBuffer = Buffer.alloc(64);
  const sched = () => {
    const text = schedBuffer.toString('latin1', 0, readSync(schedstat, schedBuffer, 0, 64, 0));
    const [cpu, wait] = text.split(' ');
    return [Number(cpu) / 1e6, Number(wait) / 1e6];
  };
  const commits = [];
  const checkpoints = [];
  let shm;
  const shmBuffer = Buffer.alloc(100);
  const walState = () => {
    try {
      shm ??= openSync(`${process.env.DATABASE_PATH}-shm`, 'r');
      readSync(shm, shmBuffer, 0, 100, 0);
      return [shmBuffer.readUInt32LE(16), shmBuffer.readUInt32LE(96)];
    } catch {
      return [-1, -1];
    }
  };
  const lags = [];
  const gcs = [];
  const sql = [];
  const txs = [];
  const timers = [];
  const requests = [];

  const TICK_MS = 2;
  let last = performance.now();
  let lastSched = sched();
  if (isMainThread)
    setInterval(() => {
      const now = performance.now();
      const lag = now - last - TICK_MS;
      const [cpu, wait] = sched();
      if (lag > 10)
        lags.push([Math.round((last + TICK_MS) * 1000 + offsetUs), round(lag), round(cpu - lastSched[0]), round(wait - lastSched[1])]);
      last = now;
      lastSched = [cpu, wait];
    }, TICK_MS).unref();

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      gcs.push([Math.round(entry.startTime * 1000 + offsetUs), round(entry.duration), entry.detail?.kind ?? entry.kind]);
  }).observe({ entryTypes: ['gc'] });

  const timed = (list, minMs, fn, describe) =>
    function (...args) {
      const start = performance.now();
      try {
        return fn.apply(this, args);
      } finally {
        const ms = performance.now() - start;
        if (ms > minMs) list.push([Math.round(start * 1000 + offsetUs), round(ms), describe(this, args)]);
      }
    };

  // better-sqlite3 as the app requires it (from its checkout's node_modules): its statements' and pragmas' times.
  // The main thread learns the checkout from its script (bin/thidua.mjs); a worker gets it in its copy of the environment.
  if (isMainThread) process.env.THIDUA_STALL_PROBE_APP = resolve(process.argv[1], '..', '..');
  const appRequire = createRequire(join(process.env.THIDUA_STALL_PROBE_APP, 'package.json'));
  const Database = appRequire('better-sqlite3');
  const scratch = new Database(':memory:');
  const Statement = Object.getPrototypeOf(scratch.prepare('select 1'));
  scratch.close();
  for (const method of ['run', 'get', 'all'])
    Statement[method] = timed(sql, 2, Statement[method], (statement) => statement.source.replace(/\s+/g, ' ').slice(0, 120));
  const run = Statement.run;
  Statement.run = function (...args) {
    if (this.source !== 'COMMIT') return run.apply(this, args);
    const start = performance.now();
    const [cpu, wait] = sched();
    try {
      return run.apply(this, args);
    } finally {
      const ms = performance.now() - start;
      if (ms > 2) {
        const [cpuAfter, waitAfter] = sched();
        commits.push([Math.round(start * 1000 + offsetUs), round(ms), round(cpuAfter - cpu), round(waitAfter - wait), ...walState()]);
      }
    }
  };
  const all = Statement.all;
  if (!isMainThread)
    Statement.all = function (...args) {
      const start = performance.now();
      const result = all.apply(this, args);
      if (/wal_checkpoint/.test(this.source))
        checkpoints.push([Math.round(start * 1000 + offsetUs), round(performance.now() - start), result[0]?.log, result[0]?.checkpointed]);
      return result;
    };
  for (const method of ['pragma', 'exec'])
    Database.prototype[method] = timed(sql, 2, Database.prototype[method], (_, args) => `${method} ${String(args[0]).slice(0, 100)}`);
  const transaction = Database.prototype.transaction;
  Database.prototype.transaction = function (fn) {
    const wrapped = transaction.call(this, fn);
    const timedTx = timed(txs, 3, wrapped, () => '');
    for (const variant of ['deferred', 'immediate', 'exclusive']) timedTx[variant] = timed(txs, 3, wrapped[variant], () => variant);
    return timedTx;
  };

  // The app's own timers (Node's internals keep theirs).
  const name = (callback) => callback?.name || String(callback).replace(/\s+/g, ' ').slice(0, 80);
  for (const scheduler of isMainThread ? ['setTimeout', 'setInterval', 'setImmediate'] : []) {
    const original = globalThis[scheduler];
    globalThis[scheduler] = function (callback, ...rest) {
      if (typeof callback !== 'function') return original.call(this, callback, ...rest);
      const label = `${scheduler} ${name(callback)}`;
      return original.call(this, timed(timers, 3, callback, () => label), ...rest);
    };
  }

  const emit = isMainThread ? http.Server.prototype.emit : undefined;
  if (emit) http.Server.prototype.emit = function (event, request, response) {
    if (event === 'request') {
      const start = nowUs();
      response.once('finish', () => requests.push([start, round((nowUs() - start) / 1000)]));
    }
    return emit.apply(this, arguments);
  };

  if (isMainThread)
    process.on('exit', () => writeFileSync(out, JSON.stringify({ pid: process.pid, lags, gcs, sql, txs, timers, requests, commits })));
  else {
    // The checkpoint worker's records, written when it ends.
    process.on('exit', () => writeFileSync(`${out}.worker.json`, JSON.stringify({ checkpoints })));
  }
}
