import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import type { Store } from '../../db/store';
import type { ReportValue } from '../../db/store/reports';
import { openOrganisationStore } from '../support/store';

/** The report store over the real migrations and the demo organisation. */
let handle: DatabaseHandle;
let store: Store;
const at = (minutes: number) => new Date(Date.UTC(2021, 3, 5, 1, minutes));

beforeEach(() => {
  ({ handle, store } = openOrganisationStore(at(0)));
});
afterEach(() => handle.close());

const block = () => store.structure.blockByCode('NOI_CHINH')!;
const q1 = () => store.structure.periods(2021).find((period) => period.code === 'Q1')!;
const criteria = () => store.structure.criteria(2021, block().id);
const unit = (code: string) => store.structure.unitByCode(code)!;

function submit(code: string, status: 'accepted' | 'pending', minute: number, first: number, late = false) {
  const report = store.reports.ensure(q1().id, unit(code).id, block().id);
  const values = new Map<number, ReportValue>([
    [criteria()[0]!.id, { value: first, reason: null }],
    [criteria().find((criterion) => criterion.kind === 'bonus')!.id, { value: 3, reason: 'Bằng khen của Bộ' }],
  ]);
  return store.reports.add({
    reportId: report.id,
    status,
    values,
    evidenceUrl: 'https://example.org/q1.pdf',
    notes: '',
    submittedBy: 'U0STP',
    actingAsAdmin: false,
    submittedAt: at(minute),
    late,
  });
}

describe('report store', () => {
  it('numbers versions per report, keeps them all, and puts the latest accepted in force', () => {
    const v1 = submit('STP', 'accepted', 1, 90);
    const v2 = submit('STP', 'accepted', 2, 95);
    const report = store.reports.find(q1().id, unit('STP').id)!;
    expect(store.reports.versions(report.id).map((version) => [version.version, version.status])).toEqual([
      [1, 'accepted'],
      [2, 'accepted'],
    ]);
    expect(store.reports.inForce(report.id)?.id).toBe(v2.id);
    expect(store.reports.inForce(report.id)?.values.get(criteria()[0]!.id)).toEqual({ value: 95, reason: null });
    expect(store.reports.acceptedBefore(report.id, v2.id)?.id).toBe(v1.id);
    expect(store.reports.version(v1.id)?.report.id).toBe(report.id);
  });

  it('decides a pending change once, and a newer change withdraws the older', () => {
    submit('STP', 'accepted', 1, 90);
    const first = submit('STP', 'pending', 2, 91);
    const report = store.reports.find(q1().id, unit('STP').id)!;
    expect(store.reports.withdrawPending(report.id, { by: 'U0STP', at: at(3) })).toEqual([first.id]);
    const second = submit('STP', 'pending', 3, 92);
    expect(store.reports.decide(first.id, 'accepted', { by: 'U0CA0001', at: at(4) })).toBe(false);
    expect(store.reports.decide(second.id, 'rejected', { by: 'U0CA0001', at: at(4), reason: 'Thiếu minh chứng' })).toBe(true);
    expect(store.reports.decide(second.id, 'accepted', { by: 'U0CA0002', at: at(5) })).toBe(false);
    expect(store.reports.version(second.id)).toMatchObject({
      status: 'rejected',
      decidedBy: 'U0CA0001',
      decisionReason: 'Thiếu minh chứng',
    });
    expect(store.reports.inForce(report.id)?.values.get(criteria()[0]!.id)?.value).toBe(90);
  });

  it('reads a whole block at once: first submission, version in force, pending change, latest review', () => {
    const stp = submit('STP', 'accepted', 1, 90, false);
    submit('STP', 'accepted', 2, 93, true);
    const ca = submit('CA', 'accepted', 3, 100);
    submit('CA', 'pending', 4, 99);
    const graded = criteria().find((criterion) => criterion.kind === 'graded')!;
    store.reports.addReview({
      versionId: ca.id,
      reviewerUserId: 'U0CA0002',
      actingAsAdmin: false,
      outcome: 'returned',
      reason: 'Bổ sung minh chứng',
      scores: new Map(),
      at: at(5),
    });
    store.reports.addReview({
      versionId: ca.id,
      reviewerUserId: 'U0CA0002',
      actingAsAdmin: false,
      outcome: 'reviewed',
      reason: null,
      scores: new Map([[graded.id, { points: 8, note: null }]]),
      at: at(6),
    });
    const units = store.structure.members(block().id).map((member) => member.id);
    const reports = store.reports.forUnits(q1().id, units);
    expect([...reports.keys()].sort()).toEqual([unit('CA').id, unit('STP').id].sort());
    expect(reports.get(unit('STP').id)).toMatchObject({ first: { id: stp.id, late: false }, inForce: { version: 2, late: true } });
    expect(reports.get(unit('STP').id)?.review).toBeUndefined();
    const caReport = reports.get(unit('CA').id)!;
    expect(caReport.pending?.values.get(criteria()[0]!.id)?.value).toBe(99);
    expect(caReport.review).toMatchObject({ outcome: 'reviewed', reviewerUserId: 'U0CA0002' });
    expect(caReport.review?.scores.get(graded.id)).toEqual({ points: 8, note: null });
    expect(store.reports.reviewsOf(caReport.report.id).map((review) => review.outcome)).toEqual(['returned', 'reviewed']);
  });
});
