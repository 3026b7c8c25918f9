import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import type { App, Logger } from '@slack/bolt';
import { type RetryOptions, WebAPIPlatformError, WebClient, type WebClientOptions } from '@slack/web-api';
import { checkpointInBackground } from '../db/checkpoints';
import type { DatabaseHandle } from '../db/client';
import { createStore, type Store } from '../db/store';
import { createSlackApp, InFlight, type ReceiverOptions } from './app';
import { type Clock, realWireTimer, type WireTimer } from './clock';
import { Delivery } from './delivery/delivery';
import { healthReport } from './health';
import { RefusedRequests } from './http-guard';
import { bothLanguages, defineMessages } from './i18n/messages';
import { Scheduler } from './scheduler/scheduler';
import { organisationFileRenderers } from './services/admin/organisation-file';
import type { AppDeps } from './services/deps';
import { homeView } from './services/home';
import { loadDemoIfEmpty } from './services/organisation';
import { localeOf } from './services/people';
import { sealOf } from './services/seal';
import { standingsRenderers } from './services/standings/renderers';
import { yearEndRenderers } from './services/year-end/renderers';
import { DEFAULT_SLACK_API_TIMEOUT_MS, INTERACTIVE_RETRIES, slackClientOptions } from './slack-client';

/** What the product needs without taking requests: the store, the delivery and the deps handlers and jobs get. */
export interface CoreOptions {
  handle: DatabaseHandle;
  clock: Clock;
  wire?: WireTimer;
  logger: Logger;
  botToken: string;
  /** Base URL of the Web API; Slack's own when absent. */
  apiUrl?: string;
  /** Every Web API call ends within this (SLACK_API_TIMEOUT_SECONDS; default 10 s). */
  apiTimeoutMs?: number;
  outboxLeaseMs: number;
  /** Load the demo organisation when the database has none (default true). */
  loadDemo?: boolean;
  /** Extra Web API client options for the app and the delivery (tests turn retries off). */
  clientOptions?: WebClientOptions;
  conversationIntervalMs?: number;
}

export interface Core {
  store: Store;
  delivery: Delivery;
  deps: AppDeps;
}

/**
 * Store, delivery and deps over an open database, without Bolt: what `npx thidua tick` runs a
 * scheduler pass with, and what startBot builds the app on.
 */
export function createCore(options: CoreOptions): Core {
  const wire = options.wire ?? realWireTimer;
  const store = createStore(options.handle.db);
  if (options.loadDemo !== false && loadDemoIfEmpty(store, options.clock.now()))
    options.logger.info('loaded the demo organisation (Vĩnh Phúc) into an empty database');
  // Directives written before the search existed (or indexed by an older folding) are indexed once here.
  if (store.transaction((tx) => tx.directives.ensureSearchIndex())) options.logger.info('rebuilt the directive search index');

  const deliveryClient = new WebClient(options.botToken, {
    // Retries, pacing and Retry-After are the delivery's job (the outbox): the client reports a
    // failure or a 429 at once instead of retrying or sleeping on it.
    ...clientOptionsOf(options, { retries: 0 }),
    rejectRateLimitedCalls: true,
  });
  const delivery = new Delivery({
    store,
    client: deliveryClient,
    wire,
    logger: options.logger,
    workerId: `${process.pid}@${hostname()}#${randomBytes(3).toString('hex')}`,
    leaseMs: options.outboxLeaseMs,
    uploads: { ...standingsRenderers(store, options.clock), ...yearEndRenderers(store, options.clock), ...organisationFileRenderers() },
    homes: (userId) => homeView(store, userId, { now: options.clock.now(), wireNowMs: wire.nowMs() }, localeOf({ store }, userId)),
    ...(options.conversationIntervalMs !== undefined ? { conversationIntervalMs: options.conversationIntervalMs } : {}),
  });
  return { store, delivery, deps: { store, clock: options.clock, wire, logger: options.logger, delivery, seal: sealOf(store) } };
}

/** The Web API client options of `options`: its URL and timeout, these retries, then what the caller adds (tests turn retries off). */
function clientOptionsOf(options: CoreOptions, retryConfig: RetryOptions): WebClientOptions {
  return {
    ...slackClientOptions(
      {
        ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
        timeoutMs: options.apiTimeoutMs ?? DEFAULT_SLACK_API_TIMEOUT_MS,
        logger: options.logger,
      },
      retryConfig,
    ),
    ...options.clientOptions,
  };
}

const startupText = defineMessages(
  {
    notBotToken: 'SLACK_BOT_TOKEN: không phải token của bot (xoxb-…)',
    refused: (error: string) => `Slack không chấp nhận SLACK_BOT_TOKEN (${error})`,
    unreachable: (where: string, error: string) => `Không gọi được Slack Web API tại ${where} (${error})`,
    portInUse: (port: number, host: string) =>
      `Cổng ${port} (${host}) đang được một chương trình khác dùng: dừng chương trình đó hoặc đặt PORT khác`,
    portForbidden: (port: number, host: string) => `Không được phép mở cổng ${port} (${host}): chọn PORT từ 1024 trở lên`,
    noSuchHost: (host: string) => `Máy này không có địa chỉ HOST=${host}: dùng 0.0.0.0 hoặc 127.0.0.1`,
  },
  {
    notBotToken: 'not a bot token',
    refused: (_error: string) => 'Slack refused the bot token',
    unreachable: (_where: string, _error: string) => 'cannot reach the Slack Web API',
    portInUse: (port: number, _host: string) => `port ${port} is in use`,
    portForbidden: (port: number, _host: string) => `permission denied for port ${port}`,
    noSuchHost: (host: string) => `HOST ${host} is not an address of this machine`,
  },
);

/** The bot could not start for a reason outside the code (a token Slack refuses, no network): one line for the operator. */
export class StartupError extends Error {}

/**
 * auth.test, awaited before anything is served: a token Slack refuses or an API that cannot be
 * reached stops the start with one clear line, instead of Bolt's own check failing in the
 * background (an unhandled rejection) after the bot seemed to start.
 */
async function identifyBot(options: BotOptions): Promise<{ botId: string; botUserId: string }> {
  // Four retries over about half a minute (2 + 4 + 8 + 16 s): long enough for a network that is coming up, short enough to say so.
  const client = new WebClient(options.botToken, clientOptionsOf(options, { retries: 4, factor: 2, minTimeout: 2000 }));
  const where = options.apiUrl ?? 'https://slack.com/api/';
  try {
    const answer = await client.auth.test();
    if (!answer.bot_id || !answer.user_id) throw new StartupError(bothLanguages(startupText, (text) => text.notBotToken));
    return { botId: answer.bot_id, botUserId: answer.user_id };
  } catch (error) {
    if (error instanceof StartupError) throw error;
    if (error instanceof WebAPIPlatformError)
      throw new StartupError(bothLanguages(startupText, (text) => text.refused(String(error.data.error))));
    const reason = error instanceof Error ? error.message : String(error);
    throw new StartupError(bothLanguages(startupText, (text) => text.unreachable(where, reason)));
  }
}

/** A port that cannot be listened on, said in one line; undefined for any other failure. */
function listenProblem(error: unknown, host: string, port: number): StartupError | undefined {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EADDRINUSE':
      return new StartupError(bothLanguages(startupText, (text) => text.portInUse(port, host)));
    case 'EACCES':
      return new StartupError(bothLanguages(startupText, (text) => text.portForbidden(port, host)));
    case 'EADDRNOTAVAIL':
      return new StartupError(bothLanguages(startupText, (text) => text.noSuchHost(host)));
    default:
      return undefined;
  }
}

export interface BotOptions extends CoreOptions {
  receiver: ReceiverOptions;
  host: string;
  /** HTTP port (0 = any free port); in Socket Mode, the port of the health route. */
  port: number;
  /** A label for the health report: http, socket, console, test. */
  mode: string;
  /** Run the scheduler every this many ms; undefined = no ticking (tests and the console drive it). */
  schedulerTickMs?: number;
}

export interface Bot {
  app: App;
  deps: AppDeps;
  store: Store;
  handle: DatabaseHandle;
  /** The bound HTTP port (the health route's in Socket Mode). */
  port: number;
  /** Requests refused at the door (bad signature, timestamp out of range), counted since the start. */
  refused: RefusedRequests;
  /** Where Slack sends requests in HTTP mode, e.g. http://127.0.0.1:3000/slack/events */
  requestUrl: string;
  scheduler: Scheduler;
  /** Resolves once no listener is running (Bolt acknowledges a request before its listener ends). */
  listenersIdle(): Promise<void>;
  /**
   * Resolves once the bot is idle: no listener running (a request is acknowledged before its
   * listener ends) and nothing left for the delivery to post. What tests wait for, not time.
   */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Builds and starts the whole bot over an open database: store, delivery, scheduler and the Bolt
 * app with its health route. `npm start`, the local console and the end-to-end tests all start it
 * through here, so they run the same code.
 */
export async function startBot(options: BotOptions): Promise<Bot> {
  // The bot owns the handle from here: it closes it on stop, and when it cannot start (a refused
  // token, a port in use). Nothing has started yet when either fails.
  try {
    return await launch(options, await identifyBot(options));
  } catch (error) {
    options.handle.close();
    throw error;
  }
}

async function launch(options: BotOptions, identity: { botId: string; botUserId: string }): Promise<Bot> {
  const { store, delivery, deps } = createCore(options);
  const { wire } = deps;

  const startedAt = wire.nowMs();
  const inFlight = new InFlight();
  const refused = new RefusedRequests(options.logger);
  const app = createSlackApp(deps, {
    inFlight,
    botToken: options.botToken,
    receiver: options.receiver,
    clientOptions: clientOptionsOf(options, INTERACTIVE_RETRIES),
    identity,
    refused,
    routes: [
      {
        path: '/healthz',
        method: ['GET'],
        handler: (_request, response) => {
          const report = healthReport(options.handle, store, {
            mode: options.mode,
            uptimeSeconds: Math.round((wire.nowMs() - startedAt) / 1000),
            refusedRequests: refused.total,
            now: wire.nowMs(),
          });
          response.writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json; charset=utf-8' });
          response.end(JSON.stringify(report));
        },
      },
    ],
  });

  let port = options.port;
  try {
    if (options.receiver.kind === 'http') {
      const server = (await app.start({ port: options.port, host: options.host })) as Server;
      port = (server.address() as AddressInfo).port;
    } else {
      await app.start();
    }
  } catch (error) {
    throw listenProblem(error, options.host, options.port) ?? error;
  }
  // A file's WAL is checkpointed off the event loop (db/checkpoints.ts); a database in memory has none.
  const checkpoints =
    options.handle.path === ':memory:' ? undefined : checkpointInBackground(options.handle, (message) => options.logger.warn(message));
  // The scheduler's first pass before the delivery resumes: nudges left unposted by a stop are
  // superseded by a newer one of their due before anything could post them late.
  const scheduler = new Scheduler(deps);
  if (options.schedulerTickMs !== undefined) scheduler.start(options.schedulerTickMs);
  delivery.start(5000);

  let stopped: Promise<void> | undefined;
  return {
    app,
    deps,
    store,
    handle: options.handle,
    port,
    requestUrl: `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}/slack/events`,
    scheduler,
    refused,
    listenersIdle: () => inFlight.idle(),
    async idle() {
      // A listener may queue a post, and a post never starts a listener: idle once both are quiet together.
      do {
        await inFlight.idle();
        await delivery.drain();
      } while (inFlight.size > 0);
    },
    // Stop taking requests, let the listeners, the scheduler and the posts in flight finish, then close the database.
    stop: () =>
      (stopped ??= (async () => {
        await app.stop();
        await inFlight.idle();
        refused.stop();
        await scheduler.stop();
        await delivery.stop();
        await checkpoints?.stop();
        options.handle.close();
      })()),
  };
}
