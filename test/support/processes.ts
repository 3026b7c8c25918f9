import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin/thidua.mjs');

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A scratch folder for one test's database files. */
export function scratchFolder(): string {
  return mkdtempSync(join(tmpdir(), 'thidua-test-'));
}

/** Environment for a child process: nothing inherited from a developer's Slack setup. */
export function childEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { SLACK_BOT_TOKEN: _bot, SLACK_SIGNING_SECRET: _secret, SLACK_APP_TOKEN: _app, SLACK_API_URL: _api, ...rest } = process.env;
  return { ...rest, LOG_LEVEL: 'warn', ...extra };
}

/** Runs `npx thidua …` (bin/thidua.mjs) to the end. */
export function runThidua(args: string[], env: Record<string, string>, input?: string, cwd = ROOT): Promise<Finished> {
  return finished(spawn(process.execPath, [BIN, ...args], { cwd, env: childEnvironment(env), stdio: ['pipe', 'pipe', 'pipe'] }), input);
}

export function finished(child: ChildProcess, input?: string): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  if (input !== undefined) child.stdin?.end(input);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Waits for the bot's own word that it serves: started with an IPC channel, `npm start` sends
 * 'ready' once its HTTP server listens (as pm2's wait_ready expects); or it ends, which fails.
 */
export function whenReady(child: ReturnType<typeof spawn>, exit: Promise<Finished>): Promise<void> {
  const ready = new Promise<void>((resolve) => child.on('message', (message) => message === 'ready' && resolve()));
  return Promise.race([
    ready,
    exit.then((ended) => {
      throw new Error(`the bot did not start: ${ended.stderr}`);
    }),
  ]);
}
