import type { AnyMiddlewareArgs, App, CustomRoute, HTTPReceiver, Middleware, SocketModeReceiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import { registerFeatures } from '../commands';
import * as bolt from './bolt';
import { sendSerialisedAcks } from './http-ack';
import { guardSlackRequests, type RefusedRequests } from './http-guard';
import { answerFailures, refuseOversized, toListeners } from './listener-guards';
import type { AppDeps } from './services/deps';
import { withoutBallotTraffic } from './services/year-end/log-redaction';

const EVENTS_PATH = '/slack/events';

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
  receiver: ReceiverOptions;
  /** Extra HTTP routes served beside Bolt's (the health check). */
  routes?: CustomRoute[];
  /** The Web API client's: its URL (a loopback fake in tests and the console), timeout and retries. */
  clientOptions: WebClientOptions;
  /** Who the bot is, from auth.test (startBot asks once, before serving): Bolt then does not ask again. */
  identity?: { botId: string; botUserId: string };
  /** Counts the listeners in flight (from the first middleware to the end of every listener). */
  inFlight?: InFlight;
  /** Counts and logs the requests refused at the door (HTTP mode). */
  refused: RefusedRequests;
}

/**
 * Builds the Bolt app over `deps`: the HTTP receiver behind our door (src/http-guard.ts: signature,
 * a timestamp within five minutes either way, refusals counted) or Socket Mode, the Web API client
 * as `clientOptions` says (URL, timeout, retries), the guards every request passes (src/listener-guards.ts), and every feature.
 */
export function createSlackApp(deps: AppDeps, options: SlackAppOptions): App {
  const { clientOptions } = options;
  const routes = options.routes ?? [];
  // What Slack's SDKs log goes through here: a secret ballot's payloads are left out.
  const logger = withoutBallotTraffic(deps.logger);
  let receiver: HTTPReceiver | SocketModeReceiver;
  if (options.receiver.kind === 'http') {
    receiver = new bolt.HTTPReceiver({
      signingSecret: options.receiver.signingSecret,
      endpoints: EVENTS_PATH,
      customRoutes: routes,
      logger,
      // guardSlackRequests checks the signature with Bolt's own verifySlackRequest (the rule is that
      // Bolt's own check is never switched off outside tests); the receiver takes the body it let in and parsed.
    });
    guardSlackRequests(receiver, {
      signingSecret: options.receiver.signingSecret,
      endpoint: EVENTS_PATH,
      wire: deps.wire,
      refused: options.refused,
    });
    // A reply drawn once between writes is acknowledged with the bytes serialised once (src/http-ack.ts).
    sendSerialisedAcks();
  } else {
    receiver = new bolt.SocketModeReceiver({
      appToken: options.receiver.appToken,
      customRoutes: routes,
      logger,
      installerOptions: { port: options.receiver.port, clientOptions },
    });
  }
  const app = new bolt.App({
    token: options.botToken,
    ...(options.identity ? { botId: options.identity.botId, botUserId: options.identity.botUserId } : {}),
    receiver,
    logger,
    // Without it Bolt resets the logger to INFO, whatever LOG_LEVEL says.
    logLevel: logger.getLevel(),
    clientOptions,
    // No listener keeps state per conversation (context.conversation): Bolt's default store would
    // look every request's conversation up, and build an Error for each one it does not know.
    convoStore: false,
    ...(options.receiver.kind === 'socket' ? { socketMode: true } : {}),
  });
  const { inFlight } = options;
  const listeners = registerFeatures(deps);
  app.use(
    asOneMiddleware([
      ...(inFlight ? [({ next }: { next: () => Promise<void> }) => inFlight.track(next)] : []),
      answerFailures(deps),
      refuseOversized(deps),
      // Slack retries an event it thinks went unanswered; Bolt does not deduplicate, so the first
      // delivery of an event_id is recorded and any retry of it is acknowledged and dropped.
      async ({ body, next }) => {
        const eventId = (body as { event_id?: unknown }).event_id;
        if (typeof eventId === 'string' && !deps.store.events.claim(`event:${eventId}`, 'event', deps.clock.now())) {
          deps.logger.debug(`event ${eventId} already applied; retry ignored`);
          return;
        }
        await next();
      },
      // The features' listeners, found by one dispatcher rather than by Bolt (commands/shared/listeners.ts).
      toListeners((args) => listeners.dispatch(args), logger),
    ]),
  );
  app.error(async (error) => {
    logger.error('unhandled error in a listener', error);
  });
  return app;
}

/**
 * Global middleware run in order as one link of Bolt's chain, each one's `next` running the one
 * after it: Bolt's own link costs a copy of the request's arguments and an async call per
 * middleware on every request, for each of the guards. Here the arguments are copied once for the
 * request, and their `next` set to the following middleware's just before each one runs: so a
 * middleware takes its `next` when it is called (as every one here does: `({ next })`, or
 * `args.next()` before anything after it runs), never later from `args`.
 */
export function asOneMiddleware(middlewares: Middleware<AnyMiddlewareArgs>[]): Middleware<AnyMiddlewareArgs> {
  return (args) => {
    const shared = { ...args };
    const run = (index: number): Promise<void> => {
      const middleware = middlewares[index];
      if (!middleware) return args.next();
      shared.next = () => run(index + 1);
      return middleware(shared);
    };
    return run(0);
  };
}
