import type { AppDeps } from '../deps';

export interface Job {
  name: string;
  /** Queues whatever is due at `now` (organisation time); must be safe to run again for the same instant. */
  run(deps: AppDeps, now: Date): void | Promise<void>;
}

/** The scheduled jobs, run in this order by every pass. */
export const JOBS: Job[] = [];
