import type { AnyMiddlewareArgs, App } from '@slack/bolt';

/** What a feature registers its buttons, modals, command and event on: Bolt's own calls. */
export type ListenerApp = Pick<App, 'action' | 'view' | 'command' | 'event'>;

type Constraint = string | RegExp;
type Listener = (args: never) => unknown;
interface Entry {
  constraint: Constraint;
  listener: Listener;
}

/**
 * The features' listeners, found for each request by one dispatcher instead of by Bolt. Bolt runs
 * every listener it holds on every request — a copy of its chain, two matching middleware and the
 * request's arguments spread afresh at each step — which, even with one Bolt listener per kind, was
 * the largest allocation of a request and 6–8 % of a read's time. So nothing is registered with
 * Bolt: the app's last global middleware (src/app.ts) hands each request to `dispatch`, which picks
 * the listeners by the kind Bolt gave the request (the `command`, `action`, `view` or `event` it
 * set on the arguments, as Bolt's own onlyCommands … onlyEvents do) and then by command name,
 * action_id, callback_id or event type. Every listener whose constraint matches runs, as Bolt would
 * run them; none matching means nothing is acknowledged here (answerFailures acknowledges it).
 */
export class Listeners {
  private readonly commands: Entry[] = [];
  private readonly actions: Entry[] = [];
  private readonly views: Entry[] = [];
  private readonly events: Entry[] = [];

  /** The registration calls the features make, with Bolt's signatures. */
  readonly app: ListenerApp = {
    command: ((constraint: Constraint, listener: Listener) => {
      this.commands.push({ constraint, listener });
    }) as unknown as App['command'],
    action: ((constraint: Constraint, listener: Listener) => {
      this.actions.push({ constraint, listener });
    }) as unknown as App['action'],
    view: ((constraint: Constraint, listener: Listener) => {
      this.views.push({ constraint, listener });
    }) as unknown as App['view'],
    event: ((constraint: Constraint, listener: Listener) => {
      this.events.push({ constraint, listener });
    }) as unknown as App['event'],
  };

  /**
   * Runs the listeners `args` is for (Bolt's arguments as a global middleware gets them, with the
   * listeners' defaults added). A view is a view_submission: `app.view(id)` is Bolt's
   * `{ callback_id: id, type: 'view_submission' }`, so a view_closed reaches no feature, as before.
   */
  dispatch(args: AnyMiddlewareArgs): Promise<void> {
    if ('command' in args && args.command) return run(this.commands, args.command.command, args);
    if ('action' in args && args.action) return run(this.actions, (args.action as { action_id?: string }).action_id, args);
    if ('view' in args && args.view) return args.body.type === 'view_submission' ? run(this.views, args.view.callback_id, args) : done;
    if ('event' in args && args.event) return run(this.events, args.event.type, args);
    return done;
  }
}

const done = Promise.resolve();

async function run(entries: readonly Entry[], id: string | undefined, args: unknown): Promise<void> {
  if (id === undefined) return;
  const matching = entries.filter(({ constraint }) => (typeof constraint === 'string' ? constraint === id : constraint.test(id)));
  if (matching.length === 1) await matching[0]!.listener(args as never);
  else await Promise.all(matching.map(({ listener }) => listener(args as never)));
}
