import type { AppDeps } from '../services/deps';
import { JOBS } from './jobs';

/**
 * A scheduler pass: every job looks at the organisation "as of" `now` and queues what is due in
 * the outbox (claimed under unique keys, so running a pass twice queues nothing new); then the
 * delivery posts it. `npm start` runs a pass every tick; `npx thidua tick --at …` and the console's
 * clock run one pass as of a chosen instant through this same function.
 */
export async function runSchedulerPass(deps: AppDeps, now: Date): Promise<{ queued: number; failed: string[] }> {
  const failed: string[] = [];
  let queued = 0;
  for (const job of JOBS) {
    try {
      queued += await job.run(deps, now);
    } catch (error) {
      failed.push(job.name);
      deps.logger.error(`scheduler job ${job.name} failed at ${now.toISOString()}`, error);
    }
  }
  deps.delivery.kick();
  return { queued, failed };
}

/** Runs a pass every tick (never two at once), and tells how many it has finished. */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private finished = 0;
  private waiting: { at: number; resolve: () => void }[] = [];

  constructor(private readonly deps: AppDeps) {}

  start(tickMs: number): void {
    const tick = () => {
      if (this.running) return;
      this.running = runSchedulerPass(this.deps, this.deps.clock.now())
        .then(() => undefined)
        .finally(() => {
          this.running = undefined;
          this.finished += 1;
          const done = this.waiting.filter((waiter) => waiter.at <= this.finished);
          this.waiting = this.waiting.filter((waiter) => waiter.at > this.finished);
          for (const waiter of done) waiter.resolve();
        });
    };
    this.timer = setInterval(tick, tickMs);
    tick();
  }

  /** Resolves once `count` more passes have finished (tests wait for ticks this way, not for time). */
  afterPasses(count: number): Promise<void> {
    return new Promise((resolve) => this.waiting.push({ at: this.finished + count, resolve }));
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
