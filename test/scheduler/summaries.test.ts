import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { createStore } from '../../db/store';
import { ManualClock, realWireTimer } from '../../src/clock';
import { Delivery } from '../../src/delivery/delivery';
import { silentLogger } from '../../src/logger';
import { importOrganisationText } from '../../src/services/organisation';
import { sealOf } from '../../src/services/seal';
import { publishStandings } from '../../src/services/standings/publish';
import { standingsFor } from '../../src/standings/load';
import { standingsRecord } from '../../src/standings/record';
import { DEMO_NO_WAIT_YAML, DEMO_YAML } from '../support/bot';
import { childEnvironment, finished, ROOT, scratchFolder } from '../support/processes';
import { DEMO_YES, seedNoiChinhQ1, seedReport } from '../support/standings';
import { openOrganisationStore } from '../support/store';

const SUMMARY_TIME = '2021-04-12T02:00:00Z'; // Monday 09:00 in Hà Nội, the first working day after the Q1 due

describe('the automatic summary from two processes at once', () => {
  it('is queued once per block, with one snapshot, whichever process gets there first', async () => {
    const path = join(scratchFolder(), 'thidua.sqlite');
    const { handle: setup, store } = openOrganisationStore(new Date('2021-03-01T00:00:00Z'), { path, yaml: DEMO_NO_WAIT_YAML });
    seedNoiChinhQ1(store, new Date('2021-04-08T03:00:00Z'), new Date('2021-04-11T03:00:00Z'));
    seedReport(store, {
      unitCode: 'SYT',
      periodCode: 'Q1',
      values: { '1': 70, ...DEMO_YES },
      by: 'U0YT0001',
      at: new Date('2021-04-08T03:00:00Z'),
    });
    setup.close();

    const startAt = String(Date.now() + 3000);
    const pass = () =>
      finished(
        spawn(
          process.execPath,
          [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'test/support/summary-pass.ts'), path, SUMMARY_TIME, startAt],
          { cwd: ROOT, env: childEnvironment({}), stdio: ['ignore', 'pipe', 'pipe'] },
        ),
      );
    const results = await Promise.all([pass(), pass()]);
    for (const result of results) expect(result.code, result.stderr).toBe(0);

    const check = openDatabase(path);
    const keys = (check.sqlite.prepare('select dedupe_key as key from outbox order by dedupe_key').all() as { key: string }[]).map(
      (row) => row.key,
    );
    const blocks = createStore(check.db)
      .structure.activeBlocks()
      .map((block) => block.id);
    const q1 = createStore(check.db)
      .structure.periods(2021)
      .find((period) => period.code === 'Q1')!.id;
    expect(keys).toEqual(blocks.flatMap((block) => [`standings-chart:${block}:${q1}`, `standings-summary:${block}:${q1}`]).sort());
    expect(check.sqlite.prepare('select block_id as block, kind from standings_snapshots order by block_id').all()).toEqual(
      blocks.map((block) => ({ block, kind: 'summary' })),
    );
    check.close();
  }, 30_000);
});

describe('publishStandings', () => {
  it('writes nothing for a summary already queued, not even its snapshot: the key is the claim', () => {
    const handle = openDatabase(':memory:');
    const store = createStore(handle.db);
    importOrganisationText(store, DEMO_YAML, 'test', new Date('2021-03-01T00:00:00Z'));
    seedNoiChinhQ1(store, new Date('2021-04-08T03:00:00Z'), new Date('2021-04-11T03:00:00Z'));
    const now = new Date(SUMMARY_TIME);
    const delivery = new Delivery({
      store,
      client: new WebClient('xoxb-none', { slackApiUrl: 'http://127.0.0.1:9/api/' }),
      wire: realWireTimer,
      logger: silentLogger,
      workerId: 'test',
      leaseMs: 60_000,
    });
    const deps = { store, clock: new ManualClock(now), wire: realWireTimer, logger: silentLogger, delivery, seal: sealOf(store) };
    const block = store.structure.blockByCode('NOI_CHINH')!;
    const q1 = store.structure.periods(2021).find((period) => period.code === 'Q1')!;
    // Two passes that both found no summary queued yet and computed the standings.
    const records = [
      standingsRecord(standingsFor(store, block.id, q1.id)!, now),
      standingsRecord(standingsFor(store, block.id, q1.id)!, now),
    ];
    const outcomes = records.map((record) =>
      store.transaction((tx) =>
        publishStandings(deps, tx, record, block.channelId, { kind: 'summary', at: now, zone: 'Asia/Ho_Chi_Minh', locale: 'vi' }),
      ),
    );
    expect(outcomes.map((outcome) => outcome !== undefined)).toEqual([true, false]);
    expect(handle.sqlite.prepare('select count(*) as count from standings_snapshots').get()).toEqual({ count: 1 });
    expect(store.outbox.all().map((row) => [row.dedupeKey, (row.payload as { threadOfKey?: string }).threadOfKey ?? null])).toEqual([
      [`standings-summary:${block.id}:${q1.id}`, null],
      [`standings-chart:${block.id}:${q1.id}`, `standings-summary:${block.id}:${q1.id}`],
    ]);
    handle.close();
  });
});
