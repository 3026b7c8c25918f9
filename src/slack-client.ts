import type { Logger } from '@slack/bolt';
import type { RetryOptions, WebClientOptions } from '@slack/web-api';

/**
 * How the bot talks to Slack's Web API: every call — a method, a file upload, a post to a
 * response_url — ends within `timeoutMs` (SLACK_API_TIMEOUT_SECONDS), so a Slack that hangs cannot
 * hold a handler, the delivery or `npx thidua tick` forever. The Web API client and Bolt's respond()
 * both send through the fetch they are given, so one function times them all.
 */
export const DEFAULT_SLACK_API_TIMEOUT_MS = 10_000;

export function timedFetch(timeoutMs: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return fetch(input, { ...init, signal });
  };
}

export interface SlackClientSettings {
  /** Base URL of the Web API; Slack's own when absent. */
  apiUrl?: string;
  timeoutMs: number;
  logger: Logger;
}

/**
 * Retries for calls made while a person waits (a modal to open, a reply): a couple, quickly —
 * the client's default retries for half an hour, long after the person gave up and Slack's
 * trigger expired. The delivery retries nothing itself: the outbox does (src/delivery).
 */
export const INTERACTIVE_RETRIES: RetryOptions = { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 1000 };

/**
 * The client's own log lines one level down: it warns of every failed request, which the delivery
 * and the handlers report themselves, once and in their own words.
 */
function quieter(logger: Logger): Logger {
  return { ...logger, warn: (...messages) => logger.debug(...messages) };
}

/** Web API client options with the timeout, for `new WebClient` and Bolt's App. */
export function slackClientOptions(settings: SlackClientSettings, retryConfig: RetryOptions): WebClientOptions {
  return {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    logger: quieter(settings.logger),
    fetch: timedFetch(settings.timeoutMs),
    retryConfig,
  };
}
