import type { AppDeps } from '../deps';
import { deliveryDigestJob } from './delivery-digest';
import { nudgesJob } from './nudges';
import { summariesJob } from './summaries';

export interface Job {
  name: string;
  /**
   * Queues whatever is due at `now` (organisation time) and returns how many messages it queued;
   * must be safe to run again for the same instant.
   */
  run(deps: AppDeps, now: Date): number | Promise<number>;
}

/** The scheduled jobs, run in this order by every pass (the digest last: it reports what earlier passes could not deliver). */
export const JOBS: Job[] = [nudgesJob, summariesJob, deliveryDigestJob];
