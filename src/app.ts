import { App, type CustomRoute, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import { registerFeatures } from '../commands';
import type { AppDeps } from './services/deps';

/**
 * Counts the listeners still running — Bolt acknowledges a request before its listener is done
 * (redrawing DMs, opening a modal) — and tells when none is: a graceful stop waits for them before
 * closing the database, and tests wait for them instead of sleeping.
 */
export class InFlight {
  private running = 0;
  private waiting: (() => void)[] = [];

  get size(): number {
    return this.running;
  }

  async track<T>(work: () => Promise<T>): Promise<T> {
    this.running += 1;
    try {
      return await work();
    } finally {
      this.running -= 1;
      if (this.running === 0) for (const resolve of this.waiting.splice(0)) resolve();
    }
  }

  /** Resolves once nothing is running (at once when nothing is). */
  idle(): Promise<void> {
    return this.running === 0 ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }
}

export type ReceiverOptions = { kind: 'http'; signingSecret: string } | { kind: 'socket'; appToken: string; port: number };

export interface SlackAppOptions {
  botToken: string;
  /** Base URL of the Web API (a loopback fake in tests and the console); Slack's own when absent. */
  apiUrl?: string;
  receiver: ReceiverOptions;
  /** Extra HTTP routes served beside Bolt's (the health check). */
  routes?: CustomRoute[];
  clientOptions?: WebClientOptions;
  /** Who the bot is, from auth.test (startBot asks once, before serving): Bolt then does not ask again. */
  identity?: { botId: string; botUserId: string };
  /** Counts the listeners in flight (from the first middleware to the end of every listener). */
  inFlight?: InFlight;
}

/**
 * Builds the Bolt app over `deps`: the HTTP receiver (Bolt verifies every request's signature and
 * timestamp) or Socket Mode, every Web API call pointed at `apiUrl`, and every feature registered.
 */
export function createSlackApp(deps: AppDeps, options: SlackAppOptions): App {
  const clientOptions: WebClientOptions = { ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}), ...options.clientOptions };
  const routes = options.routes ?? [];
  const receiver =
    options.receiver.kind === 'http'
      ? new HTTPReceiver({
          signingSecret: options.receiver.signingSecret,
          endpoints: '/slack/events',
          customRoutes: routes,
          logger: deps.logger,
        })
      : new SocketModeReceiver({
          appToken: options.receiver.appToken,
          customRoutes: routes,
          logger: deps.logger,
          installerOptions: { port: options.receiver.port, clientOptions },
        });
  const app = new App({
    token: options.botToken,
    ...(options.identity ? { botId: options.identity.botId, botUserId: options.identity.botUserId } : {}),
    receiver,
    logger: deps.logger,
    // Without it Bolt resets the logger to INFO, whatever LOG_LEVEL says.
    logLevel: deps.logger.getLevel(),
    clientOptions,
    ...(options.receiver.kind === 'socket' ? { socketMode: true } : {}),
  });
  const { inFlight } = options;
  if (inFlight) app.use(({ next }) => inFlight.track(next));
  // Slack retries an event it thinks went unanswered; Bolt does not deduplicate, so the first
  // delivery of an event_id is recorded and any retry of it is acknowledged and dropped.
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !deps.store.events.claim(`event:${eventId}`, 'event', deps.clock.now())) {
      deps.logger.debug(`event ${eventId} already applied; retry ignored`);
      return;
    }
    await next();
  });
  registerFeatures(app, deps);
  app.error(async (error) => {
    deps.logger.error('unhandled error in a listener', error);
  });
  return app;
}
