import { deliveryDigestJob } from './delivery-digest';
import { heldLinesJob } from './held-lines';
import type { Job } from './job';
import { nudgesJob } from './nudges';
import { summariesJob } from './summaries';

/** The scheduled jobs, run in this order by every pass (the digest last: it reports what earlier passes could not deliver). */
export const JOBS: Job[] = [heldLinesJob, nudgesJob, summariesJob, deliveryDigestJob];
