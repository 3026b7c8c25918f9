import type { Store } from '../../db/store';
import type { ReportValue, ReportVersion } from '../../db/store/reports';

/**
 * Pledges, reports and reviews written through the real store, named the way people name them
 * (unit code, period code, criterion code), for the standings tests.
 */
function blockOf(store: Store, unitCode: string) {
  const unit = store.structure.unitByCode(unitCode);
  if (!unit) throw new Error(`no unit ${unitCode}`);
  const block = store.structure
    .activeBlocks()
    .find((candidate) => store.structure.members(candidate.id).some((member) => member.id === unit.id));
  if (!block) throw new Error(`${unitCode} is in no block`);
  return { unit, block };
}

function criterionIds(store: Store, year: number, blockId: number, byCode: Record<string, unknown>): Map<string, number> {
  const criteria = store.structure.criteria(year, blockId);
  const ids = new Map(criteria.map((criterion) => [criterion.code, criterion.id]));
  for (const code of Object.keys(byCode)) if (!ids.has(code)) throw new Error(`no criterion ${code}`);
  return ids;
}

export function seedPledge(
  store: Store,
  options: { unitCode: string; year?: number; targets: Record<string, number>; by: string; at: Date; titles?: string[] },
): void {
  const year = options.year ?? 2021;
  const { unit, block } = blockOf(store, options.unitCode);
  const ids = criterionIds(store, year, block.id, options.targets);
  const pledge = store.pledges.ensure(year, unit.id, block.id);
  store.pledges.add({
    pledgeId: pledge.id,
    status: 'accepted',
    titles: options.titles ?? [],
    commitments: '',
    targets: new Map(Object.entries(options.targets).map(([code, value]) => [ids.get(code)!, value])),
    submittedBy: options.by,
    actingAsAdmin: false,
    submittedAt: options.at,
  });
}

export function seedReport(
  store: Store,
  options: {
    unitCode: string;
    periodCode: string;
    year?: number;
    values: Record<string, number | null>;
    by: string;
    at: Date;
    late?: boolean;
    status?: 'accepted' | 'pending';
  },
): ReportVersion {
  const year = options.year ?? 2021;
  const { unit, block } = blockOf(store, options.unitCode);
  const period = store.structure.periods(year).find((candidate) => candidate.code === options.periodCode);
  if (!period) throw new Error(`no period ${options.periodCode}`);
  const ids = criterionIds(store, year, block.id, options.values);
  const report = store.reports.ensure(period.id, unit.id, block.id);
  return store.reports.add({
    reportId: report.id,
    status: options.status ?? 'accepted',
    values: new Map(
      Object.entries(options.values).map(([code, value]): [number, ReportValue] => [ids.get(code)!, { value, reason: null }]),
    ),
    evidenceUrl: null,
    notes: '',
    submittedBy: options.by,
    actingAsAdmin: false,
    submittedAt: options.at,
    late: options.late ?? false,
  });
}

export function seedReview(
  store: Store,
  options: {
    version: ReportVersion;
    unitCode: string;
    year?: number;
    scores: Record<string, number>;
    by: string;
    at: Date;
    outcome?: 'reviewed' | 'returned';
  },
): void {
  const { block } = blockOf(store, options.unitCode);
  const ids = criterionIds(store, options.year ?? 2021, block.id, options.scores);
  store.reports.addReview({
    versionId: options.version.id,
    reviewerUserId: options.by,
    actingAsAdmin: false,
    outcome: options.outcome ?? 'reviewed',
    reason: options.outcome === 'returned' ? 'Bổ sung minh chứng' : null,
    scores: new Map(Object.entries(options.scores).map(([code, points]) => [ids.get(code)!, { points, note: null }])),
    at: options.at,
  });
}

/** Every yes/no criterion of the demo table answered "yes", the rest as given. */
export const DEMO_YES = { '3': 1, '4': 1, '5': 1, '7': 1, '8': 1, '10': 1 };

/**
 * Three units of Khối thi đua Nội chính report Quý I 2021 (the demo): Công an tỉnh 94 (graded lines
 * self-scored, a bonus claimed: awaiting review), Tòa án nhân dân tỉnh and Sở Tư pháp 89 each (a tie;
 * Tòa án late). By hand, criterion 1 (max 40, target): CA 95/100 → 38; STP 81/90 → 36; TAND 100/100 → 40.
 */
export function seedNoiChinhQ1(store: Store, at: Date, lateAt: Date): { ca: ReportVersion; stp: ReportVersion; tand: ReportVersion } {
  seedPledge(store, { unitCode: 'CA', targets: { '1': 100, '9': 2 }, by: 'U0CA0001', at });
  seedPledge(store, { unitCode: 'STP', targets: { '1': 90, '9': 0 }, by: 'U0TP0001', at });
  seedPledge(store, { unitCode: 'TAND', targets: { '1': 100, '9': 4 }, by: 'U0TA0001', at });
  const ca = seedReport(store, {
    unitCode: 'CA',
    periodCode: 'Q1',
    values: { '1': 95, '2': 9, ...DEMO_YES, '6': 4, '9': 1, '11': 8, T: 3, K: 0 },
    by: 'U0CA0001',
    at,
  });
  const stp = seedReport(store, {
    unitCode: 'STP',
    periodCode: 'Q1',
    values: { '1': 81, '2': 10, ...DEMO_YES, '4': 0, '6': 5, '9': 0, '11': 9, T: 0, K: 1 },
    by: 'U0TP0001',
    at,
  });
  const tand = seedReport(store, {
    unitCode: 'TAND',
    periodCode: 'Q1',
    values: { '1': 100, '2': 8, ...DEMO_YES, '6': 3, '9': 5, '11': 5, K: 1 },
    by: 'U0TA0001',
    at: lateAt,
    late: true,
  });
  return { ca, stp, tand };
}
