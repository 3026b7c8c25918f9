/**
 * One scheduler pass of the automatic summary over a database file, as another process of the bot
 * would run it: `tsx test/support/summary-pass.ts DB_PATH ORGANISATION_INSTANT START_AT_MS`. It waits
 * until START_AT_MS (wall clock) so that two such processes run their pass at the same moment.
 */
import { WebClient } from '@slack/web-api';
import { openDatabase } from '../../db/client';
import { createStore } from '../../db/store';
import { ManualClock, realWireTimer } from '../../src/clock';
import { Delivery } from '../../src/delivery/delivery';
import { silentLogger } from '../../src/logger';
import { summariesJob } from '../../src/scheduler/summaries';
import { sealOf } from '../../src/services/seal';

const [path, instant, startAt] = process.argv.slice(2);
const handle = openDatabase(path!);
const store = createStore(handle.db);
const now = new Date(instant!);
// Queueing only: nothing is posted (the client points nowhere and the delivery is never started).
const delivery = new Delivery({
  store,
  client: new WebClient('xoxb-none', { slackApiUrl: 'http://127.0.0.1:9/api/' }),
  wire: realWireTimer,
  logger: silentLogger,
  workerId: `pass-${process.pid}`,
  leaseMs: 60_000,
});
await realWireTimer.sleep(Number(startAt) - Date.now());
await summariesJob.run(
  { store, clock: new ManualClock(now), wire: realWireTimer, logger: silentLogger, delivery, seal: sealOf(store) },
  now,
);
handle.close();
