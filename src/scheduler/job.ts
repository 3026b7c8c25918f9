import type { AppDeps } from '../services/deps';

/** A scheduled job: what every scheduler pass runs (jobs.ts lists them). */
export interface Job {
  name: string;
  /**
   * Queues whatever is due at `now` (organisation time) and returns how many messages it queued;
   * must be safe to run again for the same instant.
   */
  run(deps: AppDeps, now: Date): number | Promise<number>;
}
