import type { App } from '@slack/bolt';

/** What a feature registers its buttons, modals, command and event on: Bolt's own calls. */
export type ListenerApp = Pick<App, 'action' | 'view' | 'command' | 'event'>;

type Constraint = string | RegExp;
type Listener = (args: never) => unknown;
interface Entry {
  constraint: Constraint;
  listener: Listener;
}

/**
 * The features' listeners, handed to Bolt as one listener per kind. Bolt runs the matching
 * middleware of every registered listener on every request — about 10 µs each, which with the
 * bot's thirty-odd buttons and modals cost more than a bare Bolt app's whole request — so buttons,
 * modal submissions and events each get one Bolt listener that finds the feature's by its
 * action_id, callback_id or event type. Every listener whose constraint matches runs, as Bolt
 * would run them; none matching means nothing is acknowledged, as before.
 */
export class Listeners {
  private readonly actions: Entry[] = [];
  private readonly views: Entry[] = [];
  private readonly events: Entry[] = [];
  private readonly direct: ((app: App) => void)[] = [];

  /** The registration calls the features make, with Bolt's signatures. */
  readonly app: ListenerApp = {
    action: ((constraint: Constraint, listener: Listener) => {
      this.actions.push({ constraint, listener });
    }) as unknown as App['action'],
    view: ((constraint: Constraint, listener: Listener) => {
      this.views.push({ constraint, listener });
    }) as unknown as App['view'],
    event: ((constraint: Constraint, listener: Listener) => {
      this.events.push({ constraint, listener });
    }) as unknown as App['event'],
    // The one command: registered with Bolt as it is.
    command: ((...args: Parameters<App['command']>) => {
      this.direct.push((app) => app.command(...args));
    }) as App['command'],
  };

  /** Registers everything on the Bolt app. */
  registerOn(app: App): void {
    for (const register of this.direct) register(app);
    if (this.actions.length) app.action(/.*/, (args) => dispatch(this.actions, (args.payload as { action_id?: string }).action_id, args));
    if (this.views.length) app.view(/.*/, (args) => dispatch(this.views, args.view.callback_id, args));
    if (this.events.length) app.event(/.*/, (args) => dispatch(this.events, args.event.type, args));
  }
}

async function dispatch(entries: readonly Entry[], id: string | undefined, args: unknown): Promise<void> {
  if (id === undefined) return;
  const matching = entries.filter(({ constraint }) => (typeof constraint === 'string' ? constraint === id : constraint.test(id)));
  await Promise.all(matching.map(({ listener }) => listener(args as never)));
}
