/**
 * The benchmark's province, written through the real store into a SQLite file:
 * `tsx bench/standings-province.ts FILE BLOCKS UNITS PERIODS` prints what it wrote as JSON (40
 * criteria of every kind, one year). Run by bench/standings.ts in a child process, so that the
 * measuring process neither pays for writing nor loads the organisation file reader.
 */
import { statSync } from 'node:fs';
import { openDatabase } from '../db/client';
import { createStore } from '../db/store';
import type { ReportValue } from '../db/store/reports';
import { importOrganisationText } from '../src/services/organisation';
import { benchMaxPoints, isPledged, isReviewed, KIND_MIX, reportSampler, seededRandom } from './support';

const [path, BLOCKS, UNITS, PERIODS] = [process.argv[2]!, ...process.argv.slice(3, 6).map(Number)] as [string, number, number, number];
const CRITERIA = 40;
const YEAR = 2021;
function provinceYaml(): string {
  const code = (block: number, unit: number) => `B${block}U${unit}`;
  const lines = ['organization:', '  name: UBND tỉnh Đo đạc', '  admins: [U0ADMIN01]', 'units:'];
  for (let block = 1; block <= BLOCKS; block++)
    for (let unit = 1; unit <= UNITS; unit++) lines.push(`  - { code: ${code(block, unit)}, name: "Đơn vị ${unit} khối ${block}" }`);
  lines.push('blocks:');
  for (let block = 1; block <= BLOCKS; block++) {
    lines.push(
      `  - { code: K${block}, name: "Khối thi đua số ${block}", channel: C0K${block}, units: [${Array.from({ length: UNITS }, (_, unit) => code(block, unit + 1)).join(', ')}] }`,
    );
  }
  lines.push('years:', `  - year: ${YEAR}`, '    theme: Thi đua đo đạc', `    pledge_due: ${YEAR}-01-31T17:00`, '    periods:');
  for (let month = 1; month <= PERIODS; month++) {
    const mm = String(month).padStart(2, '0');
    lines.push(
      `      - { code: T${month}, name: Tháng ${month}, start: ${YEAR}-${mm}-01, end: ${YEAR}-${mm}-28, due: ${YEAR}-${mm}-28T17:00 }`,
    );
  }
  lines.push('    criteria:');
  KIND_MIX.slice(0, CRITERIA).forEach((kind, index) => {
    lines.push(
      `      - { code: "${index + 1}", group: "Nhóm ${Math.floor(index / 10) + 1}", name: "Tiêu chí số ${index + 1}", max: ${benchMaxPoints(kind)}, kind: ${kind} }`,
    );
  });
  return `${lines.join('\n')}\n`;
}

/** Writes the province through the store, one transaction per block and period. */
function generate(path: string): void {
  const started = process.hrtime.bigint();
  const handle = openDatabase(path);
  const store = createStore(handle.db);
  const at = new Date(`${YEAR}-01-15T03:00:00Z`);
  const outcome = importOrganisationText(store, provinceYaml(), 'bench', at);
  if (!outcome.ok) throw new Error(outcome.problems.join('\n'));
  const sample = reportSampler(seededRandom(2021));
  const { chance } = sample;
  let reports = 0;
  let values = 0;
  let reviews = 0;
  for (const block of store.structure.activeBlocks()) {
    const criteria = store.structure.criteria(YEAR, block.id);
    const members = store.structure.members(block.id);
    store.transaction((tx) => {
      for (const unit of members) {
        const pledge = tx.pledges.ensure(YEAR, unit.id, block.id);
        const targets = new Map(
          criteria.filter((criterion) => isPledged(criterion.kind) && !chance(0.05)).map((criterion) => [criterion.id, sample.target()]),
        );
        tx.pledges.add({
          pledgeId: pledge.id,
          status: 'accepted',
          titles: [],
          commitments: '',
          targets,
          submittedBy: 'U0BENCH',
          actingAsAdmin: false,
          submittedAt: at,
        });
      }
    });
    for (const period of store.structure.periods(YEAR)) {
      store.transaction((tx) => {
        for (const unit of members) {
          if (chance(0.08)) continue;
          const report = tx.reports.ensure(period.id, unit.id, block.id);
          const reported = new Map<number, ReportValue>();
          const reviewed = new Map<number, { points: number; note: string | null }>();
          for (const criterion of criteria) {
            const value = sample.value(criterion.kind, criterion.maxPoints);
            reported.set(criterion.id, { value, reason: criterion.kind === 'bonus' ? 'Bằng khen' : null });
            if (isReviewed(criterion.kind) && value !== null) reviewed.set(criterion.id, { points: sample.reviewed(value), note: null });
          }
          const version = tx.reports.add({
            reportId: report.id,
            status: 'accepted',
            values: reported,
            evidenceUrl: null,
            notes: '',
            submittedBy: 'U0BENCH',
            actingAsAdmin: false,
            submittedAt: period.due,
            late: chance(0.1),
          });
          reports += 1;
          values += reported.size;
          if (chance(0.7)) {
            tx.reports.addReview({
              versionId: version.id,
              reviewerUserId: 'U0LEAD',
              actingAsAdmin: false,
              outcome: chance(0.05) ? 'returned' : 'reviewed',
              reason: null,
              scores: reviewed,
              at: period.due,
            });
            reviews += 1;
          }
          if (chance(0.05))
            tx.reports.add({
              reportId: report.id,
              status: 'pending',
              values: reported,
              evidenceUrl: null,
              notes: '',
              submittedBy: 'U0BENCH',
              actingAsAdmin: false,
              submittedAt: period.due,
              late: true,
            });
        }
      });
    }
  }
  handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  handle.close();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(JSON.stringify({ seconds, reports, values, reviews, megabytes: statSync(path).size / 1024 / 1024 }));
}

generate(path);
