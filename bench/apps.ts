/**
 * The processes the HTTP benchmarks measure: a checkout of the bot started as `npm start` starts it,
 * or bare Bolt (bench/bare-bolt.mjs), each timed from spawn to its first GET /healthz 200, with its
 * memory and CPU time read from Linux's /proc. Shared by `npm run bench:http` and `npm run bench:start`.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { LocalSlack } from '../src/local-slack/server';

const ROOT = resolve(import.meta.dirname, '..');

export interface Subject {
  label: string;
  /** A checkout of the code; none for bare Bolt. */
  dir?: string;
}

export function describeCheckout(dir: string): string {
  const commit = spawnSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim() || '?';
  const dirty = spawnSync('git', ['-C', dir, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).stdout.trim();
  return `thidua ${commit}${dirty ? '+' : ''}`;
}

/** A checkout with a build step (production runs compiled JavaScript) is built first, as `npm install` would. */
export function prepareCheckout(dir: string): void {
  const scripts = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  if (!scripts.build) return;
  const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: dir, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`npm run build failed in ${dir}:\n${built.stderr}`);
}

function freePort(): Promise<number> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export interface Running {
  child: ChildProcess;
  base: string;
  coldStartMs: number;
  stderr: () => string;
}

/**
 * Spawns an app and times it to its first GET /healthz 200. The free port is found before the app binds it,
 * so another process can take it in between: an app that exits because its port was taken is started again on another.
 */
export async function launch(
  subject: Subject,
  slack: LocalSlack,
  databasePath: string,
  secret: string,
  profileDir?: string,
  probeFile?: string,
): Promise<Running> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await launchOnce(subject, slack, databasePath, secret, await freePort(), profileDir, probeFile);
    } catch (error) {
      if (attempt === 3 || !(error instanceof PortTaken)) throw error;
    }
  }
}

class PortTaken extends Error {}

async function launchOnce(
  subject: Subject,
  slack: LocalSlack,
  databasePath: string,
  secret: string,
  port: number,
  profileDir?: string,
  probeFile?: string,
): Promise<Running> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: secret,
    SLACK_API_URL: slack.apiUrl,
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_PATH: databasePath,
    LOG_LEVEL: 'error',
    SCHEDULER_TICK_SECONDS: '3600',
    ...(probeFile ? { THIDUA_STALL_PROBE: probeFile } : {}),
  };
  const script = subject.dir ? join(subject.dir, 'bin/thidua.mjs') : join(ROOT, 'bench/bare-bolt.mjs');
  const started = performance.now();
  // The working directory is the scratch folder, so no developer's .env is read.
  const profiling = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const flags = subject.dir ? startFlags(subject.dir) : [];
  // bench/stall-probe.cjs records what held the event loop (`bench:http --probe`).
  if (probeFile) flags.push('--require', join(ROOT, 'bench/stall-probe.cjs'));
  const child = spawn(process.execPath, subject.dir ? [...flags, ...profiling, script, 'start'] : [...flags, script], {
    cwd: resolve(databasePath, '..'),
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) {
      // Bare Bolt dies with Node's EADDRINUSE; the bot says so in its one-line startup message.
      if (/EADDRINUSE|port \d+ is in use/.test(stderr)) throw new PortTaken(`${subject.label}: port ${port} was taken`);
      throw new Error(`${subject.label} exited at start:\n${stderr}`);
    }
    const ok = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1000) }).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ok) break;
    if (performance.now() - started > 30_000) throw new Error(`${subject.label} did not answer /healthz in 30 s:\n${stderr}`);
    await new Promise((wait) => setTimeout(wait, 5));
  }
  return { child, base, coldStartMs: performance.now() - started, stderr: () => stderr };
}

/** The Node flags a checkout's `npm start` gives (`node --flag … bin/thidua.mjs start`): the app runs as npm start runs it. */
function startFlags(dir: string): string[] {
  const start = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts?.start ?? '';
  return /^node\s+(.*?)\s*bin\/thidua\.mjs start$/.exec(start)?.[1]?.split(/\s+/).filter(Boolean) ?? [];
}

/** Peak and current resident memory of a process, from Linux's /proc (MB); NaN without /proc. */
export function memoryOf(pid: number): { peakMb: number; rssMb: number } {
  if (!existsSync(`/proc/${pid}/status`)) return { peakMb: Number.NaN, rssMb: Number.NaN };
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
}

/** Clock ticks a second, the unit of /proc/<pid>/stat's times (USER_HZ, 100 on Linux). */
export const CLOCK_TICKS = existsSync('/proc/self/stat')
  ? Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100
  : Number.NaN;

/** User + system CPU seconds a process (all its threads) has used so far, from Linux's /proc; NaN without it. */
export function cpuSecondsOf(pid: number): number {
  if (!existsSync(`/proc/${pid}/stat`)) return Number.NaN;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The fields after the command name (which may hold spaces) start at the 3rd; utime is the 14th, stime the 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

export async function stop(running: Running): Promise<void> {
  // Already stopped (a scenario stops every app it started, whatever happened): its exit has been.
  if (running.child.exitCode !== null || running.child.signalCode !== null) return;
  const exited = new Promise((done) => running.child.once('exit', done));
  running.child.kill('SIGTERM');
  const timer = setTimeout(() => running.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
