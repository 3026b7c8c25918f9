import { summaryDueAt, summaryLatestAt, summaryPolicyFromSettings } from '../domain/reminders';
import type { AppDeps } from '../services/deps';
import { publishStandings, summaryKey } from '../services/standings/publish';
import { standingsForBlocks } from '../standings/load';
import { standingsRecord } from '../standings/record';
import type { Job } from './job';

/**
 * The automatic summary: once a period's summary is due (summaryDueAt: the first working day after
 * the due at the year's summary_at, outside quiet hours, for 30 days), each block's channel gets the
 * period's standings, frozen as a 'summary' snapshot, with the chart in the post's thread. Once per
 * block and period is the outbox key's job (publishStandings): a second pass or a second process
 * finds the key and writes nothing.
 *
 * It waits for the lead: while a submitted report is neither reviewed nor returned, until
 * summaryLatestAt (years[].summary_latest_days working days later), when it goes out with those lines
 * marked "tạm tính"; and while the lead holds it (summary_holds, from `xephang`).
 *
 * A block where no unit has reported yet is skipped, not marked done: a table of "chưa báo cáo" is
 * no summary, so the first pass after the first report (still inside the 30 days) posts it. The log
 * says so once per process for each block and period. Every year's periods are looked at, so a
 * period due at the end of December still gets its summary in January.
 */
const announced = new WeakMap<AppDeps, Set<string>>();

export const summariesJob: Job = {
  name: 'standings-summaries',
  run(deps, now) {
    const { store } = deps;
    const organisation = store.organisation.get();
    if (!organisation) return 0;
    let queued = 0;
    const holidays = store.organisation.holidays();
    const blocks = store.structure.activeBlocks();
    for (const year of store.structure.years()) {
      const policy = summaryPolicyFromSettings(organisation, year, holidays);
      for (const period of store.structure.periods(year.year)) {
        if (!summaryDueAt(period.due, policy, now)) continue;
        // Cheap check first: a summary already queued needs no standings computed, every tick for 30 days.
        const waiting = blocks.filter((block) => !store.outbox.byKey(summaryKey(block.id, period.id)));
        if (waiting.length === 0) continue;
        const standings = standingsForBlocks(
          store,
          waiting.map((block) => block.id),
          period.id,
        );
        for (const block of waiting) {
          const loaded = standings.get(block.id);
          if (!loaded) continue;
          if (loaded.criteria.length === 0 || !loaded.standings.rows.some((row) => row.reported)) {
            sayOnce(
              deps,
              `${block.id}:${period.id}`,
              () =>
                `standings summary ${block.code} ${year.year} ${period.code}: ${loaded.criteria.length === 0 ? 'no scoring table' : 'no unit has reported yet'}; not posted, looked at again on every pass until one has`,
            );
            continue;
          }
          // It waits for the lead's reviews (every report submitted reviewed or returned) until its
          // latest day, and while the lead holds it; then unreviewed lines go out marked provisional.
          const record = standingsRecord(loaded, now);
          const waitingReview = record.rows.filter((row) => row.reported && !row.fullyReviewed && !row.returned).length;
          const held = store.summaryHolds.isHeld(block.id, period.id);
          if (held || (waitingReview > 0 && now.getTime() < summaryLatestAt(period.due, policy, year.summaryLatestDays).getTime())) {
            sayOnce(deps, `${block.id}:${period.id}:${held ? 'held' : 'review'}`, () =>
              held
                ? `standings summary ${block.code} ${year.year} ${period.code}: held by the lead; posted when the lead publishes it`
                : `standings summary ${block.code} ${year.year} ${period.code}: ${waitingReview} reports await review; waits until they are reviewed or the latest day`,
            );
            continue;
          }
          // The transaction is immediate (the store's rule): another process publishing the same summary now waits, then finds its key.
          const published = store.transaction((tx) =>
            publishStandings(deps, tx, record, block.channelId, {
              kind: 'summary',
              at: now,
              zone: organisation.timeZone,
              locale: organisation.locale,
            }),
          );
          if (!published) continue;
          queued += 2; // the post and its chart
          deps.logger.info(
            `standings summary ${block.code} ${year.year} ${period.code} queued for ${block.channelId} (snapshot ${published.snapshot.id})`,
          );
        }
      }
    }
    return queued;
  },
};

/** Logs why a summary is not posted once per process for each block, period and reason. */
function sayOnce(deps: AppDeps, key: string, line: () => string): void {
  const said = announced.get(deps) ?? new Set<string>();
  announced.set(deps, said);
  if (said.has(key)) return;
  said.add(key);
  deps.logger.info(line());
}
