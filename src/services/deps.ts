import type { Logger } from '@slack/bolt';
import type { Store } from '../../db/store';
import type { Clock, WireTimer } from '../clock';
import type { Delivery } from '../delivery/delivery';

/** What handlers and jobs are built over. Tests hand in an in-memory store and a ManualClock. */
export interface AppDeps {
  store: Store;
  /** The organisation's "now". */
  clock: Clock;
  /** Real time for talking to Slack. */
  wire: WireTimer;
  logger: Logger;
  delivery: Delivery;
}
