import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import type { App, Logger } from '@slack/bolt';
import { WebAPIPlatformError, WebClient, type WebClientOptions } from '@slack/web-api';
import type { DatabaseHandle } from '../db/client';
import { createStore, type Store } from '../db/store';
import { createSlackApp, InFlight, type ReceiverOptions } from './app';
import { type Clock, realWireTimer, type WireTimer } from './clock';
import { Delivery } from './delivery/delivery';
import { healthReport } from './health';
import { bothLanguages, defineMessages } from './i18n/messages';
import { Scheduler } from './scheduler/scheduler';
import type { AppDeps } from './services/deps';
import { loadDemoIfEmpty } from './services/organisation';
import { standingsRenderers } from './services/standings/renderers';

/** What the product needs without taking requests: the store, the delivery and the deps handlers and jobs get. */
export interface CoreOptions {
  handle: DatabaseHandle;
  clock: Clock;
  wire?: WireTimer;
  logger: Logger;
  botToken: string;
  /** Base URL of the Web API; Slack's own when absent. */
  apiUrl?: string;
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
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    logger: options.logger,
    // Pacing and Retry-After are the delivery's job: the client reports a 429 instead of sleeping on it.
    rejectRateLimitedCalls: true,
    ...options.clientOptions,
  });
  const delivery = new Delivery({
    store,
    client: deliveryClient,
    wire,
    logger: options.logger,
    workerId: `${process.pid}@${hostname()}#${randomBytes(3).toString('hex')}`,
    leaseMs: options.outboxLeaseMs,
    uploads: standingsRenderers(store, options.clock),
    ...(options.conversationIntervalMs !== undefined ? { conversationIntervalMs: options.conversationIntervalMs } : {}),
  });
  return { store, delivery, deps: { store, clock: options.clock, wire, logger: options.logger, delivery } };
}

const startupText = defineMessages(
  {
    notBotToken: 'SLACK_BOT_TOKEN: không phải token của bot (xoxb-…)',
    refused: (error: string) => `Slack không chấp nhận SLACK_BOT_TOKEN (${error})`,
    unreachable: (where: string, error: string) => `Không gọi được Slack Web API tại ${where} (${error})`,
  },
  {
    notBotToken: 'not a bot token',
    refused: (_error: string) => 'Slack refused the bot token',
    unreachable: (_where: string, _error: string) => 'cannot reach the Slack Web API',
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
  const client = new WebClient(options.botToken, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    logger: options.logger,
    // Four retries over about half a minute (2 + 4 + 8 + 16 s): long enough for a network that is coming up, short enough to say so.
    retryConfig: { retries: 4, factor: 2, minTimeout: 2000 },
    ...options.clientOptions,
  });
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
  const app = createSlackApp(deps, {
    inFlight,
    botToken: options.botToken,
    ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
    receiver: options.receiver,
    ...(options.clientOptions ? { clientOptions: options.clientOptions } : {}),
    identity,
    routes: [
      {
        path: '/healthz',
        method: ['GET'],
        handler: (_request, response) => {
          const report = healthReport(options.handle, store, options.mode, Math.round((wire.nowMs() - startedAt) / 1000));
          response.writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json; charset=utf-8' });
          response.end(JSON.stringify(report));
        },
      },
    ],
  });

  let port = options.port;
  if (options.receiver.kind === 'http') {
    const server = (await app.start({ port: options.port, host: options.host })) as Server;
    port = (server.address() as AddressInfo).port;
  } else {
    await app.start();
  }
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
        await scheduler.stop();
        await delivery.stop();
        options.handle.close();
      })()),
  };
}
