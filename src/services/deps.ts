import type { Logger } from '@slack/bolt';
import type { Store } from '../../db/store';
import type { Clock, WireTimer } from '../clock';
import type { Delivery } from '../delivery/delivery';
import type { Seal } from './seal';

/** What handlers and jobs are built over. Tests hand in an in-memory store and a ManualClock. */
export interface AppDeps {
  store: Store;
  /** The organisation's "now". */
  clock: Clock;
  /** Real time for talking to Slack. */
  wire: WireTimer;
  logger: Logger;
  delivery: Delivery;
  /** Seals the button values that must come back unaltered (src/services/seal.ts). */
  seal: Seal;
}
