/**
 * Handles requests in the order their bodies arrived, keeping each turn of the event loop short.
 *
 * Why: Node 20's libuv accepts one new connection per turn of the event loop (libuv#3696, “don't
 * accept() connections in a loop”). Handled as they are read, the requests ready in one turn are
 * all handled in that turn: under load (50 submissions of 4 ms each) a turn lasts 150–250 ms, and
 * a burst of new connections is let in one per turn — the 16th waited 16 turns, about 3 s, past
 * Slack's limit (measured with bench:http, write scenario: p99 1.3–2.1 s, max 2.8–4.9 s, while
 * every request took at most 35 ms from being read to being answered).
 *
 * So a request is handled at once only while nothing waits and the turn has spent less than
 * `budgetMs` on handling; otherwise it waits behind the others, and one waiting request is handled
 * per turn (each in its own turn, so its promise chain — Bolt's middleware, the acknowledgement —
 * finishes before the next starts). Between two of them the loop accepts a connection and reads
 * whatever arrived, behind the ones already waiting.
 */
export class RequestTurns {
  private readonly waiting: (() => void)[] = [];
  /** When this turn's handling began; undefined until something is handled in it. */
  private turnStartedAt: number | undefined;
  private nextTurnScheduled = false;

  constructor(
    private readonly budgetMs: number,
    private readonly nowMs: () => number,
    /** Runs a callback on the next turn of the event loop (setImmediate in the bot). */
    private readonly onNextTurn: (callback: () => void) => void = setImmediate,
  ) {}

  /** `read`'s value once it is its request's turn: at once, or after the ones already waiting (a failure passes at once). */
  after<T>(read: Promise<T>): Promise<T> {
    return read.then((value) => new Promise((resolve) => this.handle(() => resolve(value))));
  }

  /** Handles a request now, or after the ones already waiting. */
  handle(work: () => void): void {
    const now = this.nowMs();
    if (this.waiting.length === 0 && (this.turnStartedAt === undefined || now - this.turnStartedAt < this.budgetMs)) {
      this.turnStartedAt ??= now;
      this.scheduleNextTurn();
      work();
      return;
    }
    this.waiting.push(work);
    this.scheduleNextTurn();
  }

  /** How many requests wait for a turn. */
  get waitingCount(): number {
    return this.waiting.length;
  }

  private scheduleNextTurn(): void {
    if (this.nextTurnScheduled) return;
    this.nextTurnScheduled = true;
    this.onNextTurn(() => this.turn());
  }

  /** A new turn: its budget is whole again, and the first request waiting is handled. */
  private turn(): void {
    this.nextTurnScheduled = false;
    this.turnStartedAt = undefined;
    const work = this.waiting.shift();
    if (!work) return;
    this.turnStartedAt = this.nowMs();
    // Scheduled first, so a request that throws does not leave the others waiting.
    this.scheduleNextTurn();
    work();
  }
}
