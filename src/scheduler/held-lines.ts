import { releaseHeldLines } from '../services/channel-posts';
import type { Job } from './job';

/** Channel lines held through quiet hours (or until their period ended), released as one post per channel. */
export const heldLinesJob: Job = { name: 'held-channel-lines', run: releaseHeldLines };
