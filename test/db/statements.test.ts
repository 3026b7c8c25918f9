import { describe, expect, it } from 'vitest';
import { standingsFor } from '../../src/standings/load';
import { seedPledge, seedReport } from '../support/standings';
import { openOrganisationStore } from '../support/store';

/**
 * The store's hot paths run statements prepared once per connection (db/store/statements.ts), in
 * its own calls and in every transaction's: after a first round, a submission's writes and the
 * reads of a status table and of the standings prepare nothing more.
 */
const AT = new Date('2021-04-08T03:00:00Z');

/** Every statement prepared on `handle`'s connection from now on, by its SQL. */
function preparedOn(handle: ReturnType<typeof openOrganisationStore>['handle']): string[] {
  const statements: string[] = [];
  const prepare = handle.sqlite.prepare.bind(handle.sqlite);
  handle.sqlite.prepare = ((source: string) => {
    statements.push(source);
    return prepare(source);
  }) as typeof handle.sqlite.prepare;
  return statements;
}

/** A report submission's transaction, the delivery's kick read, and the block's reads (a status table, the standings, xephang's snapshot). */
function submissionAndReads(store: ReturnType<typeof openOrganisationStore>['store'], round: number): void {
  const block = store.structure.blockByCode('NOI_CHINH')!;
  const period = store.structure.periods(2021).find((candidate) => candidate.code === 'Q1')!;
  const unitIds = store.structure.members(block.id).map((member) => member.id);
  store.transaction((tx) => {
    expect(tx.events.claim(`view:V${round}`, 'view_submission', AT)).toBe(true);
    const report = tx.reports.ensure(period.id, unitIds[0]!, block.id);
    tx.reports.inForce(report.id);
    tx.reports.pending(report.id);
    tx.reports.withdrawPending(report.id, { by: 'U0TP0001', at: AT });
    seedReport(tx, { unitCode: 'STP', periodCode: 'Q1', values: { '1': 90 + round, '3': 1 }, by: 'U0TP0001', at: AT });
    tx.audit.record({ at: AT, actorUserId: 'U0TP0001', action: 'report.updated', entityType: 'report', entityId: report.id });
    tx.outbox.enqueue(
      { dedupeKey: `report-confirmation:${round}`, kind: 'report_confirmation', payload: { user: 'U0TP0001' }, lane: 'user:U0TP0001' },
      0,
    );
    tx.drafts.drop('report', `V${round}`);
  });
  store.outbox.readyAfter(0, AT.getTime(), 2000);
  store.outbox.readyInLane('user:U0TP0001', AT.getTime(), 65);
  seedPledge(store, { unitCode: 'CA', targets: { '1': 100 }, by: 'U0CA0001', at: AT });
  store.reports.forUnits(period.id, unitIds);
  store.reports.submittedPeriods(unitIds[0]!, [period.id]);
  store.pledges.forUnits(2021, unitIds);
  standingsFor(store, block.id, period.id);
  store.snapshots.latest(block.id, period.id);
  store.outbox.byKey(`report-confirmation:${round}`);
}

describe('prepared statements', () => {
  it('a report submission and the block’s reads prepare each statement once, not on every call or transaction', () => {
    const { handle, store } = openOrganisationStore(AT);
    const statements = preparedOn(handle);
    // A transaction's own BEGIN, COMMIT and SAVEPOINT are drizzle's, prepared each time; they are not queries.
    const queries = () => statements.filter((source) => !/^\s*(begin|commit|rollback|savepoint|release)\b/i.test(source)).length;

    submissionAndReads(store, 1);
    const first = queries();
    expect(first).toBeGreaterThan(10);
    submissionAndReads(store, 2);
    submissionAndReads(store, 3);
    expect(statements.slice(first).filter((source) => !/^\s*(begin|commit|rollback|savepoint|release)\b/i.test(source))).toEqual([]);
    expect(queries()).toBe(first);
  });

  it('bind no LIMIT, which SQLite would plan again on every run', () => {
    // SQLite 3.53 reads a bound LIMIT's value while planning, so binding it again (better-sqlite3
    // binds on every run) makes the statement be prepared again inside SQLite, unseen by the
    // wrapper above: 17–19 µs a run instead of 1–1.5 for the kick read and the snapshot lookup.
    const { handle, store } = openOrganisationStore(AT);
    const statements = preparedOn(handle);
    submissionAndReads(store, 1);
    expect(statements.filter((source) => /\blimit\s+\?/i.test(source))).toEqual([]);
    expect(statements.filter((source) => /\blimit\s+\d+/i.test(source)).length).toBeGreaterThanOrEqual(3);
  });
});
