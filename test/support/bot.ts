import { readFileSync } from 'node:fs';
import { openDatabase } from '../../db/client';
import { createStore } from '../../db/store';
import { ManualClock } from '../../src/clock';
import { addOrganisationMembers } from '../../src/local-slack/directory';
import { SlackDriver } from '../../src/local-slack/driver';
import { LocalSlack, type LocalSlackOptions } from '../../src/local-slack/server';
import { createLogger } from '../../src/logger';
import { type Bot, startBot } from '../../src/runtime';
import { importOrganisationText } from '../../src/services/organisation';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';

export interface TestBotOptions {
  /** Where the organisation's clock stands (default: 15/03/2021 08:00 in Hà Nội). */
  now?: Date;
  /** An organisation file to load instead of the demo. */
  organisationYaml?: string;
  slack?: LocalSlackOptions;
  /** Minimum spacing between posts to one conversation (default 0: tests need no pacing). */
  conversationIntervalMs?: number;
  outboxLeaseMs?: number;
  /** Run scheduler passes every this many ms, as `npm start` does (default: none; tests run passes themselves). */
  schedulerTickMs?: number;
  /** Every Web API call ends within this (default 2 s: the local Slack answers at once unless told to hang). */
  apiTimeoutMs?: number;
  /** Collects every log line (at `logLevel`, default warn) instead of writing errors to stderr. */
  logLines?: string[];
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** A database file instead of memory (another process, or connection, can then share it). */
  databasePath?: string;
  busyTimeoutMs?: number;
}

export interface TestBot {
  bot: Bot;
  slack: LocalSlack;
  driver: SlackDriver;
  clock: ManualClock;
  /** Every SQL statement the app ran since the last `statements.length = 0`. */
  statements: string[];
  close(): Promise<void>;
}

export const DEMO_YAML = readFileSync(new URL('../../db/seed/demo.yaml', import.meta.url), 'utf8');

/** The demo whose automatic summary does not wait for the lead's reviews (summary_latest_days: 0). */
export const DEMO_NO_WAIT_YAML = DEMO_YAML.replace('    summary_at: "09:00"', '    summary_at: "09:00"\n    summary_latest_days: 0');

/**
 * The demo with its own grade bands (lines of `years[0].grades`); its commendation rules, which name
 * the default grades, are left out.
 */
export function demoWithGrades(grades: string): string {
  return DEMO_YAML.replace(/\n {4}# The year end[\s\S]*$/, '\n').replace(
    '    summary_at: "09:00"\n',
    `    summary_at: "09:00"\n    grades:\n${grades}`,
  );
}

/**
 * The real app over HTTP on 127.0.0.1, with an in-memory database migrated by the real migrations,
 * a fixed clock, and every Web API call landing on a local Slack that records it.
 */
export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const clock = new ManualClock(options.now ?? new Date('2021-03-15T01:00:00Z'));
  const slack = new LocalSlack(options.slack);
  await slack.start();
  const statements: string[] = [];
  const handle = openDatabase(options.databasePath ?? ':memory:', {
    trace: (statement) => statements.push(statement),
    ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
  });
  const logLines = options.logLines;
  const logger = logLines
    ? createLogger(options.logLevel ?? 'warn', 'test', (line) => logLines.push(line))
    : createLogger((process.env.TEST_LOG_LEVEL as 'debug' | undefined) ?? 'error', 'test');
  if (options.organisationYaml) {
    const outcome = importOrganisationText(createStore(handle.db), options.organisationYaml, 'test', clock.now());
    if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
  }
  const bot = await startBot({
    handle,
    clock,
    logger,
    botToken: 'xoxb-test-token',
    apiUrl: slack.apiUrl,
    receiver: { kind: 'http', signingSecret: SIGNING_SECRET },
    host: '127.0.0.1',
    port: 0,
    mode: 'test',
    outboxLeaseMs: options.outboxLeaseMs ?? 60_000,
    apiTimeoutMs: options.apiTimeoutMs ?? 2000,
    clientOptions: { retryConfig: { retries: 0 } },
    conversationIntervalMs: options.conversationIntervalMs ?? 0,
    ...(options.schedulerTickMs !== undefined ? { schedulerTickMs: options.schedulerTickMs } : {}),
  });
  addOrganisationMembers(slack, bot.store);
  const driver = new SlackDriver({ requestUrl: bot.requestUrl, signingSecret: SIGNING_SECRET, slack });
  return {
    bot,
    slack,
    driver,
    clock,
    statements,
    close: async () => {
      await bot.stop();
      await slack.stop();
    },
  };
}

/** The ephemeral replies posted to a response_url, newest last. */
export function responsesTo(slack: LocalSlack, responseUrl: string): Record<string, unknown>[] {
  const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
  return slack.responses.filter((response) => response.id === id).map((response) => response.body);
}

/** Waits for the first reply to a response_url. */
export function firstResponse(slack: LocalSlack, responseUrl: string, timeoutMs = 5000): Promise<Record<string, unknown>> {
  return slack.waitFor(() => responsesTo(slack, responseUrl)[0], timeoutMs, `a reply to ${responseUrl}`);
}

/** All text of a message or view's blocks, flattened, for assertions that read like the screen. */
export function textOf(message: { text?: unknown; blocks?: unknown } | Record<string, unknown>): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const object = node as Record<string, unknown>;
      if (typeof object.text === 'string') parts.push(object.text);
      for (const [key, value] of Object.entries(object)) if (key !== 'text' || typeof value !== 'string') walk(value);
    }
  };
  walk(message);
  return parts.join('\n');
}
