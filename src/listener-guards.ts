import type { AllMiddlewareArgs, AnyMiddlewareArgs, App, Logger, Middleware, RespondArguments, RespondFn } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { Store } from '../db/store';
import { formatNumber } from './i18n/format';
import type { Locale } from './i18n/messages';
import { noticeModal } from './views/blocks';
import { commonText } from './views/common-text';
import { fieldLimit, OPTION_VALUE_LIMIT } from './views/field-limits';

/**
 * Bolt global middleware that every request passes through before any listener (registered first
 * in src/app.ts, after the count of listeners in flight), so what they guarantee holds for every feature without each handler repeating it:
 * - answerFailures: a listener that throws (a database that refuses writes, a bug) still gets its
 *   request answered in words within Slack's 3 s — "nothing was saved, try again" — and one line
 *   in the log, instead of Slack's generic error and a stack trace; a request no listener took is
 *   acknowledged at once;
 * - refuseOversized: a modal submission whose text is longer than the modal allows, or an option
 *   or button value longer than Slack allows, is refused field by field before any handler reads it.
 * And toListeners, the last of them, which hands the request to the features' listeners: every
 * listener can answer with respond(), also for a button pressed where Slack gives no response_url,
 * and its ack() is noted, so the guards know whether a request was acknowledged.
 */
type Args = AnyMiddlewareArgs & AllMiddlewareArgs;

interface Requester {
  kind: string;
  /** The callback, action or command, for the log. */
  what: string;
  user: string;
}

/** An id from a request, fit for one log line: a forged one may be long or hold line breaks. */
function loggable(value: unknown): string {
  const text = String(value ?? '?').replace(/[^\w:.\-/]/g, '?');
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** What kind of request `body` is, in a few words for the log (never what was typed). */
function describeRequest(body: Record<string, unknown>): Requester {
  const requester = describeRaw(body);
  return { kind: loggable(requester.kind), what: loggable(requester.what), user: loggable(requester.user) };
}

function describeRaw(body: Record<string, unknown>): Requester {
  const user = String((body.user as { id?: unknown } | undefined)?.id ?? body.user_id ?? '?');
  if (body.type === 'view_submission' || body.type === 'view_closed')
    return { kind: String(body.type), what: String((body.view as { callback_id?: unknown } | undefined)?.callback_id ?? '?'), user };
  if (body.type === 'block_actions') {
    const actions = (body.actions as { action_id?: unknown }[] | undefined) ?? [];
    return { kind: 'block_actions', what: String(actions[0]?.action_id ?? '?'), user };
  }
  if (typeof body.command === 'string') return { kind: 'command', what: body.command, user };
  const event = body.event as { type?: unknown; user?: unknown } | undefined;
  if (event) return { kind: 'event', what: String(event.type ?? '?'), user: String(event.user ?? '?') };
  return { kind: String(body.type ?? 'request'), what: '?', user };
}

/** One line: a database error by its code, anything else by its name and first line. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const firstLine = (error.message.split('\n')[0] ?? '').slice(0, 200);
    if (error.name === 'SqliteError') return `the database refused (${String(code)}: ${firstLine})`;
    return `${error.name}: ${firstLine}`;
  }
  return String(error).split('\n')[0] ?? '';
}

/** The organisation's language, or Vietnamese when even that cannot be read. */
function localeOf(store: Store): Locale {
  try {
    return store.organisation.get()?.locale ?? 'vi';
  } catch {
    return 'vi';
  }
}

/** The block id of the first input of a submitted modal: where a message about the whole form goes. */
function firstInputBlock(body: Record<string, unknown>): string | undefined {
  const blocks = ((body.view as { blocks?: unknown } | undefined)?.blocks ?? []) as { type?: unknown; block_id?: unknown }[];
  const input = Array.isArray(blocks) ? blocks.find((block) => block?.type === 'input' && typeof block.block_id === 'string') : undefined;
  return input?.block_id as string | undefined;
}

export function answerFailures(options: { store: Store; logger: Logger }): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    try {
      await args.next();
      // Nothing answered it (a button, modal or shortcut this app does not have, from an old
      // message or a forged request): acknowledged now, rather than left to time out after 3 s.
      await acknowledge(args as Args);
    } catch (error) {
      const request = describeRequest(args.body as unknown as Record<string, unknown>);
      const locale = localeOf(options.store);
      const text = commonText[locale];
      const told = await tellUser(args as Args, text.failure, text.failureTitle, text.close);
      options.logger.error(
        `${request.kind} ${request.what} by ${request.user} failed: ${describeError(error)}; ${told ? 'told them nothing was saved' : 'nothing could be said to them'}`,
      );
      if (error instanceof Error && error.stack) options.logger.debug(error.stack);
    }
  };
}

/** Requests (by their body) a listener has acknowledged. */
const acknowledged = new WeakSet<object>();

/** Acknowledges the request with `response` unless a listener or a guard did already. */
async function acknowledge(args: Args, response?: unknown): Promise<boolean> {
  if (acknowledged.has(args.body) || !('ack' in args) || typeof args.ack !== 'function') return false;
  acknowledged.add(args.body);
  await (args.ack as (response?: unknown) => Promise<void>)(response);
  return true;
}

/** Answers the request with `message`: in the modal (as a form error, or a notice), or ephemerally. True when something was said. */
async function tellUser(args: Args, message: string, title: string, close: string): Promise<boolean> {
  const body = args.body as unknown as Record<string, unknown>;
  if (body.type === 'view_submission') {
    const blockId = firstInputBlock(body);
    try {
      return await acknowledge(
        args,
        blockId
          ? { response_action: 'errors', errors: { [blockId]: message } }
          : { response_action: 'update', view: noticeModal(title, close, message) },
      );
    } catch {
      return false;
    }
  }
  // Slash commands and buttons are usually acknowledged first: then the answer goes to respond().
  await acknowledge(args).catch(() => undefined);
  if ('respond' in args && typeof args.respond === 'function') {
    try {
      await args.respond({ response_type: 'ephemeral', replace_original: false, text: message });
      return true;
    } catch {
      return false;
    }
  }
  return false;
}

/**
 * Why one submitted value is refused (too long), or undefined. Every submission's every input
 * passes here, so nothing is built to look at them.
 */
function oversized(state: Record<string, unknown>, blockId: string): number | undefined {
  const limit = fieldLimit(blockId);
  if (longerThan(state.value, limit) || longerThan(state.selected_date, limit) || longerThan(state.selected_time, limit)) return limit;
  const options = state.selected_options;
  if (optionTooLong(state.selected_option) || (Array.isArray(options) && options.some(optionTooLong))) return OPTION_VALUE_LIMIT;
  return undefined;
}

const longerThan = (value: unknown, limit: number): boolean => typeof value === 'string' && value.length > limit;
const optionTooLong = (option: unknown): boolean =>
  longerThan((option as { value?: unknown } | null | undefined)?.value, OPTION_VALUE_LIMIT);

/** Slack's own limit on a button's value: anything longer was not drawn by this app. */
const BUTTON_VALUE_LIMIT = 2000;

export function refuseOversized(options: { store: Store; logger: Logger }): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as unknown as Record<string, unknown>;
    if (body.type === 'view_submission' && 'ack' in args) {
      const values = ((body.view as { state?: { values?: unknown } } | undefined)?.state?.values ?? {}) as Record<string, unknown>;
      const limits = new Map<string, number>();
      // for…in over the parsed JSON's own keys, in their order, as Object.entries would give them, without building the pairs.
      for (const blockId in values) {
        const actions = (values[blockId] ?? {}) as Record<string, unknown>;
        for (const actionId in actions) {
          const limit = oversized((actions[actionId] ?? {}) as Record<string, unknown>, blockId);
          if (limit !== undefined) limits.set(blockId, limit);
        }
      }
      if (limits.size > 0) {
        // The organisation's language is read only for a refusal: every submission passes here, and a read is a query.
        const locale = localeOf(options.store);
        const errors = Object.fromEntries(
          [...limits].map(([blockId, limit]) => [blockId, commonText[locale].fieldTooLong(formatNumber(limit, locale))]),
        );
        const request = describeRequest(body);
        options.logger.warn(
          `${request.kind} ${request.what} by ${request.user}: refused, longer than the form allows in ${Object.keys(errors).length} field(s)`,
        );
        await acknowledge(args as Args, { response_action: 'errors', errors });
        return;
      }
    }
    if (body.type === 'block_actions') {
      const actions = (body.actions as { value?: unknown }[] | undefined) ?? [];
      if (actions.some((action) => typeof action?.value === 'string' && action.value.length > BUTTON_VALUE_LIMIT)) {
        const request = describeRequest(body);
        options.logger.warn(`${request.kind} ${request.what} by ${request.user}: refused, a button value longer than Slack allows`);
        await acknowledge(args as Args);
        if ('respond' in args && typeof args.respond === 'function')
          await args.respond({
            response_type: 'ephemeral',
            replace_original: false,
            text: commonText[localeOf(options.store)].staleButton,
          });
        return;
      }
    }
    await args.next();
  };
}

/** What a listener is called with, as far as these defaults are concerned. */
interface ListenerArgs {
  body: object;
  client: App['client'];
  ack?: (response?: unknown) => Promise<void>;
  respond?: RespondFn;
  [key: string]: unknown;
}

/** The `next` Bolt hands a listener: a listener is the end of its chain. */
const noNext = () => {};

/**
 * The last global middleware: hands each request to the features' listeners (`dispatch`, the
 * dispatcher of commands/shared/listeners.ts), each listener getting what Bolt would give it — the
 * request's arguments with a `next` that does nothing — and:
 * - a `respond` even when Slack sent no response_url — a button in a modal or on the App Home —
 *   which answers in the person's DM with the bot, where Slack shows an app's messages (without
 *   it, such a press had nowhere to be answered, and a handler that answered threw);
 * - an `ack` that notes the request as acknowledged, for answerFailures.
 * It does not go on to Bolt's own listeners: none is registered (the features register only here).
 */
export function toListeners(dispatch: (args: AnyMiddlewareArgs) => Promise<void>, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return (middlewareArgs) => {
    const args = middlewareArgs as unknown as ListenerArgs;
    const { ack, body } = args;
    const listenerArgs: ListenerArgs = {
      ...args,
      next: noNext,
      respond: args.respond ?? replyInDm(args, logger),
    };
    if (ack)
      listenerArgs.ack = (response?: unknown) => {
        acknowledged.add(body);
        return ack(response);
      };
    return dispatch(listenerArgs as unknown as AnyMiddlewareArgs);
  };
}

/**
 * A reply posted to the DM of whoever sent the request (a reply, not a post on the bot's own, so
 * not through the outbox). A forged sender Slack does not know gets nothing, with a line in the log.
 */
function replyInDm(args: ListenerArgs, logger: Logger): RespondFn {
  const body = args.body as Record<string, unknown>;
  const userId = String((body.user as { id?: unknown } | undefined)?.id ?? body.user_id ?? '');
  const reply = async (message: string | RespondArguments) => {
    const { text = '', blocks } = (typeof message === 'string' ? { text: message } : message) as { text?: string; blocks?: KnownBlock[] };
    try {
      await args.client.chat.postMessage({
        channel: userId,
        text,
        ...(blocks ? { blocks } : {}),
        unfurl_links: false,
        unfurl_media: false,
      });
    } catch (error) {
      logger.warn(`could not reply in the DM of ${userId || '(no user)'}: ${describeError(error)}`);
    }
  };
  return reply as unknown as RespondFn;
}
