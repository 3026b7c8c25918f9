import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { DatabaseHandle } from './client';

/**
 * The bot's WAL checkpoints, run by a worker thread on a connection of its own instead of inside
 * the COMMIT that crosses SQLite's automatic threshold (1,000 pages). That COMMIT copies the pages
 * into the database file and fsyncs both files (what synchronous = NORMAL does at each
 * checkpoint), and the event loop waits: under the write benchmark one submission in about 50
 * held every request for 10–30 ms. A checkpoint changes nothing of a commit's durability: each
 * commit is in the WAL when it returns, as before. The bot's own connection keeps an automatic
 * checkpoint at SAFETY_PAGES, should the worker fall behind or stop.
 *
 * Under writes every few milliseconds that safety checkpoint is what makes the WAL start over: a
 * PASSIVE checkpoint copies only what was committed before it began, a commit always lands during
 * its fsyncs, and the WAL starts over only when a write begins with every frame copied. Starting it
 * over needs one checkpoint that no write interrupts, so writes wait for its two fsyncs wherever it
 * runs. Both alternatives were measured no shorter than the bot's own checkpoint (3–22 ms, once
 * every 10,000 pages under the write benchmark): a RESTART checkpoint from the worker (it holds the
 * write lock through its fsyncs, and the bot's busy handler sleeps in steps of 1, 2, 5, 10 ms) and
 * the bot's checkpoint right after the worker's (it copies little, but the fsyncs are most of it).
 */
const INTERVAL_MS = 200;
export const SAFETY_PAGES = 10_000;
/** SQLite's default, set back when the worker cannot run. */
const DEFAULT_PAGES = 1000;

/** What `pragma wal_checkpoint` reports: pages in the WAL, and how many of them are in the database file. */
export interface CheckpointReport {
  log: number;
  checkpointed: number;
}

export interface Checkpoints {
  /** The next checkpoint the worker reports. */
  next(): Promise<CheckpointReport>;
  /** Ends the worker and its connection (before the bot closes its own). */
  stop(): Promise<void>;
}

// CommonJS, as an eval'd worker runs: better-sqlite3 is required by the path resolved from the bundle.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
const checkpoint = db.prepare('pragma wal_checkpoint(PASSIVE)');
const timer = setInterval(() => {
  try {
    const [report] = checkpoint.all();
    parentPort.postMessage({ log: report.log, checkpointed: report.checkpointed });
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** Starts checkpointing `handle`'s file (in WAL mode) from a worker thread; `warn` hears why it could not. */
export function checkpointInBackground(handle: DatabaseHandle, warn: (message: string) => void): Checkpoints {
  handle.sqlite.pragma(`wal_autocheckpoint = ${SAFETY_PAGES}`);
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { path: handle.path, driver: createRequire(import.meta.url).resolve('better-sqlite3'), intervalMs: INTERVAL_MS },
  });
  // A stop that was never called must not keep the process alive.
  worker.unref();
  const waiting: ((report: CheckpointReport) => void)[] = [];
  let failed = false;
  const fail = (why: string) => {
    if (failed) return;
    failed = true;
    warn(`WAL checkpoints are back in the bot's own commits: ${why}`);
    if (handle.sqlite.open) handle.sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_PAGES}`);
  };
  worker.on('message', (message: CheckpointReport | { error: string }) => {
    if ('error' in message) return warn(`a WAL checkpoint failed: ${message.error}`);
    for (const resolve of waiting.splice(0)) resolve(message);
  });
  worker.on('error', (error) => fail(String(error)));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let stopping = false;
  void exited.then(() => {
    if (!stopping) fail('the checkpoint worker stopped');
  });
  return {
    next: () => new Promise((resolve) => waiting.push(resolve)),
    async stop() {
      stopping = true;
      // Held again while it ends: an unref'd worker's exit would not keep the process waiting for it.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
