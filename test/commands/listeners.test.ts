import type { AnyMiddlewareArgs, Middleware, Receiver } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { Listeners } from '../../commands/shared/listeners';
import { asOneMiddleware } from '../../src/app';
import { App } from '../../src/bolt';
import { toListeners } from '../../src/listener-guards';
import { silentLogger } from '../../src/logger';

/**
 * The dispatcher that stands in for Bolt's listeners (commands/shared/listeners.ts): each kind of
 * request Slack sends, through Bolt's own processEvent (which sorts the request into its kind and
 * builds the arguments), reaches the listeners registered for it exactly once, and nothing else.
 */

const USER = 'U0TEST';
const TEAM = 'T0TEST';
const user = { id: USER, team_id: TEAM };
const team = { id: TEAM };

/** Every kind of request Slack sends the app, as Bolt's receiver hands it over (parsed). */
const requests = {
  command: {
    command: '/thidua',
    text: 'xephang',
    user_id: USER,
    team_id: TEAM,
    channel_id: 'C0TEST',
    trigger_id: 't',
    response_url: 'https://hooks.slack.invalid/1',
  },
  otherCommand: {
    command: '/other',
    text: '',
    user_id: USER,
    team_id: TEAM,
    channel_id: 'C0TEST',
    trigger_id: 't',
    response_url: 'https://hooks.slack.invalid/2',
  },
  button: {
    type: 'block_actions',
    user,
    team,
    trigger_id: 't',
    response_url: 'https://hooks.slack.invalid/3',
    actions: [{ type: 'button', action_id: 'press', block_id: 'b', value: 'v', action_ts: '1' }],
  },
  searchButton: {
    type: 'block_actions',
    user,
    team,
    trigger_id: 't',
    actions: [{ type: 'button', action_id: 'search:2', block_id: 'b', action_ts: '1' }],
  },
  submission: {
    type: 'view_submission',
    user,
    team,
    trigger_id: 't',
    view: { id: 'V1', callback_id: 'form', state: { values: {} }, private_metadata: '' },
  },
  closed: {
    type: 'view_closed',
    user,
    team,
    is_cleared: false,
    view: { id: 'V1', callback_id: 'form', state: { values: {} }, private_metadata: '' },
  },
  homeOpened: {
    type: 'event_callback',
    team_id: TEAM,
    event_id: 'Ev1',
    event: { type: 'app_home_opened', user: USER, tab: 'home', channel: 'D0TEST' },
  },
  message: {
    type: 'event_callback',
    team_id: TEAM,
    event_id: 'Ev2',
    event: { type: 'message', channel_type: 'im', user: USER, channel: 'D0TEST', text: 'tệp', ts: '1.2' },
  },
  // Named like a registered modal and button: a shortcut and an options request must still reach neither.
  shortcut: { type: 'shortcut', callback_id: 'form', user, team, trigger_id: 't' },
  messageShortcut: {
    type: 'message_action',
    callback_id: 'form',
    user,
    team,
    trigger_id: 't',
    channel: { id: 'C0TEST' },
    message: { ts: '1' },
  },
  options: { type: 'block_suggestion', action_id: 'press', block_id: 'b', value: 'x', user, team },
} as const;

function dispatcherApp(guards: Middleware<AnyMiddlewareArgs>[] = []) {
  const listeners = new Listeners();
  const calls: { listener: string; kind: unknown; hasAck: boolean; hasRespond: boolean }[] = [];
  const listener =
    (name: string, fail?: Error) => async (args: AnyMiddlewareArgs & { ack?: unknown; respond?: unknown; next?: () => unknown }) => {
      calls.push({
        listener: name,
        kind: (args.body as { type?: unknown }).type ?? 'command',
        hasAck: !!args.ack,
        hasRespond: !!args.respond,
      });
      // A listener is the end of its chain, as Bolt gives it: its next does nothing.
      expect(args.next?.()).toBeUndefined();
      if (fail) throw fail;
    };
  listeners.app.command('/thidua', listener('command') as never);
  listeners.app.action('press', listener('press') as never);
  listeners.app.action(/^search:/, listener('search') as never);
  listeners.app.action('search:2', listener('search exactly') as never);
  listeners.app.view('form', listener('form') as never);
  listeners.app.event('app_home_opened', listener('home') as never);
  listeners.app.event('message', listener('message') as never);
  listeners.app.view('failing', listener('failing', new Error('listener failed')) as never);

  const receiver: Receiver = { init: () => {}, start: async () => {}, stop: async () => {} };
  const logger = silentLogger;
  const app = new App({ token: 'xoxb-test', botId: 'B0BOT', botUserId: 'U0BOT', receiver, logger, logLevel: logger.getLevel() });
  app.use(asOneMiddleware([...guards, toListeners((args) => listeners.dispatch(args), logger)]));
  const errors: unknown[] = [];
  app.error(async (error) => {
    errors.push(error);
  });
  const acks: unknown[] = [];
  const send = async (body: object) => {
    await app.processEvent({ body: structuredClone(body) as never, ack: async (response?: unknown) => void acks.push(response) });
  };
  return { send, calls, errors, acks };
}

describe('the listeners’ dispatcher', () => {
  it.each([
    ['a slash command', requests.command, [{ listener: 'command', kind: 'command', hasAck: true, hasRespond: true }]],
    ['a button', requests.button, [{ listener: 'press', kind: 'block_actions', hasAck: true, hasRespond: true }]],
    ['a modal submission', requests.submission, [{ listener: 'form', kind: 'view_submission', hasAck: true, hasRespond: true }]],
    ['an event', requests.homeOpened, [{ listener: 'home', kind: 'event_callback', hasAck: false, hasRespond: true }]],
    ['a message event', requests.message, [{ listener: 'message', kind: 'event_callback', hasAck: false, hasRespond: true }]],
  ])('hands %s to its listener exactly once, with an ack where Slack waits for one and a respond', async (_name, body, expected) => {
    const { send, calls, errors } = dispatcherApp();
    await send(body);
    expect(calls).toEqual(expected);
    expect(errors).toEqual([]);
  });

  it('runs every listener whose constraint matches an action, a pattern and an exact id alike, each once', async () => {
    const { send, calls } = dispatcherApp();
    await send(requests.searchButton);
    expect(calls.map((call) => call.listener).sort()).toEqual(['search', 'search exactly']);
  });

  it.each([
    ['another slash command', requests.otherCommand],
    ['a closed modal (app.view listens to submissions only)', requests.closed],
    ['a global shortcut named like a modal', requests.shortcut],
    ['a message shortcut named like a modal', requests.messageShortcut],
    ['an options request named like a button', requests.options],
  ])('hands %s to no listener', async (_name, body) => {
    const { send, calls, errors } = dispatcherApp();
    await send(body);
    expect(calls).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('passes a listener’s failure on to Bolt’s error handling, once', async () => {
    const { send, calls, errors } = dispatcherApp();
    await send({ ...requests.submission, view: { ...requests.submission.view, callback_id: 'failing' } });
    expect(calls.map((call) => call.listener)).toEqual(['failing']);
    expect(errors).toHaveLength(1);
    expect(String((errors[0] as Error).message)).toContain('listener failed');
  });

  it('runs the guards before it as one link, in order, each next running the following one; a guard that stops ends the request', async () => {
    const order: string[] = [];
    const guard =
      (name: string, goOn = true): Middleware<AnyMiddlewareArgs> =>
      async (args) => {
        order.push(`${name} in`);
        if (goOn) await args.next();
        order.push(`${name} out`);
      };
    const passing = dispatcherApp([guard('first'), async ({ next }) => next(), guard('second')]);
    await passing.send(requests.button);
    expect(order).toEqual(['first in', 'second in', 'second out', 'first out']);
    expect(passing.calls.map((call) => call.listener)).toEqual(['press']);

    order.length = 0;
    const stopping = dispatcherApp([guard('first'), guard('stops', false), guard('never')]);
    await stopping.send(requests.button);
    expect(order).toEqual(['first in', 'stops in', 'stops out', 'first out']);
    expect(stopping.calls).toEqual([]);
  });
});
