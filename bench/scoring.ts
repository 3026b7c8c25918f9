/**
 * Scoring engine benchmark: `npm run bench:scoring`.
 *
 * A province in memory: 50 blocks × 20 units × 40 criteria of every kind, with some values and
 * targets missing, most reports reviewed and a few units not reported (fixed seed, so runs compare).
 * Times computeStandings for one block and for the whole province (p50/p99 over many repetitions),
 * against a baseline measured in the same run: a plain loop reading and summing the same numbers from
 * the same maps. The machine is shared, so the ratio matters more than the milliseconds.
 * Targets from the issue: ≤ 20 ms per block, ≤ 200 ms for the province, ≤ 150 MB peak RSS.
 *
 * Memory is read as the process's peak RSS at three points: before any data (node + tsx), after
 * scoring the province once (what a summary run costs: the target applies here), and after all the
 * timing repetitions — thousands of back-to-back runs let V8 grow its heap with garbage before a full
 * collection, which says more about the collector's heuristics than about the engine.
 */
import { computeStandings } from '../src/domain/ranking';
import type { ScoringCriterion, UnitScoringInput } from '../src/domain/scoring';
import { benchMaxPoints, checksum, isPledged, isReviewed, KIND_MIX, reportSampler, seededRandom, timeRuns } from './support';

const BLOCKS = 50;
const UNITS = 20;
const CRITERIA = 40;
const BLOCK_RUNS = 2_000;
const PROVINCE_RUNS = 100;

const sample = reportSampler(seededRandom(20_21));
const { chance } = sample;

interface Block {
  criteria: ScoringCriterion[];
  inputs: UnitScoringInput[];
}

function makeBlock(blockIndex: number): Block {
  const criteria = KIND_MIX.slice(0, CRITERIA).map(
    (kind, index): ScoringCriterion => ({
      id: blockIndex * 1_000 + index + 1,
      code: String(index + 1),
      name: `Tiêu chí số ${index + 1}`,
      groupName: `Nhóm ${Math.floor(index / 10) + 1}`,
      kind,
      maxPoints: benchMaxPoints(kind),
    }),
  );
  const inputs = Array.from({ length: UNITS }, (_, unitIndex): UnitScoringInput => {
    const targets = new Map<number, number>();
    const values = new Map<number, { value: number | null }>();
    const reviewed = new Map<number, number>();
    for (const criterion of criteria) {
      if (isPledged(criterion.kind) && !chance(0.05)) targets.set(criterion.id, sample.target());
      const value = sample.value(criterion.kind, criterion.maxPoints);
      values.set(criterion.id, { value });
      if (isReviewed(criterion.kind) && value !== null) reviewed.set(criterion.id, sample.reviewed(value));
    }
    const unitId = blockIndex * 100 + unitIndex + 1;
    if (chance(0.1)) return { unitId, targets };
    return {
      unitId,
      targets,
      report: { values, late: chance(0.1), ...(chance(0.7) ? { review: { points: reviewed, reviewerUserId: 'U0LEAD' } } : {}) },
    };
  });
  return { criteria, inputs };
}

/** The same reads as the engine (every value, target and review through the maps), only summed. */
function baseline(block: Block): number {
  let sum = 0;
  for (const input of block.inputs) {
    for (const criterion of block.criteria) {
      sum += input.targets.get(criterion.id) ?? 0;
      sum += input.report?.values.get(criterion.id)?.value ?? 0;
      sum += input.report?.review?.points.get(criterion.id) ?? 0;
    }
  }
  return sum;
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
}

const milliseconds = (value: number) => `${value.toFixed(3).padStart(8)} ms`;

const peakMegabytes = () => process.resourceUsage().maxRSS / 1024;
const startPeak = peakMegabytes();
const province = Array.from({ length: BLOCKS }, (_, index) => makeBlock(index));
const first = province[0]!;
const scoreBlock = (block: Block) => computeStandings(block.criteria, block.inputs).rows[0]!.total;

timeRuns(1, () => province.map((block) => computeStandings(block.criteria, block.inputs)).length);
const oncePeak = peakMegabytes();

// Warm up both sides so the JIT has compiled what is measured.
timeRuns(300, () => scoreBlock(first) + baseline(first));

const blockEngine = timeRuns(BLOCK_RUNS, () => scoreBlock(first));
const blockBaseline = timeRuns(BLOCK_RUNS, () => baseline(first));
const provinceEngine = timeRuns(PROVINCE_RUNS, () => province.reduce((sum, block) => sum + scoreBlock(block), 0));
const provinceBaseline = timeRuns(PROVINCE_RUNS, () => province.reduce((sum, block) => sum + baseline(block), 0));

const rows: [string, number[], number[], number][] = [
  [`one block (${UNITS} units × ${CRITERIA} criteria)`, blockEngine, blockBaseline, 20],
  [`province (${BLOCKS} blocks)`, provinceEngine, provinceBaseline, 200],
];
console.log(
  `computeStandings, ${BLOCK_RUNS} runs per block, ${PROVINCE_RUNS} per province; baseline = a plain loop summing the same map reads\n`,
);
for (const [name, engine, plain, target] of rows) {
  const p50 = percentile(engine, 0.5);
  const p99 = percentile(engine, 0.99);
  const ratio = p50 / percentile(plain, 0.5);
  console.log(name);
  console.log(
    `  engine   p50 ${milliseconds(p50)}   p99 ${milliseconds(p99)}   target ≤ ${target} ms: ${p99 <= target ? 'met' : 'MISSED'}`,
  );
  console.log(`  baseline p50 ${milliseconds(percentile(plain, 0.5))}   p99 ${milliseconds(percentile(plain, 0.99))}`);
  console.log(`  engine / baseline (p50): ${ratio.toFixed(1)}×`);
}
const megabytes = (value: number) => `${value.toFixed(1)} MB`;
console.log('\npeak RSS');
console.log(`  node + tsx, no data yet              ${megabytes(startPeak).padStart(9)}`);
console.log(
  `  the province built and scored once   ${megabytes(oncePeak).padStart(9)}   target ≤ 150 MB: ${oncePeak <= 150 ? 'met' : 'MISSED'}`,
);
console.log(
  `  after every timing repetition        ${megabytes(peakMegabytes()).padStart(9)}   (garbage of back-to-back runs before V8 collects it)`,
);
if (!Number.isFinite(checksum())) console.log('checksum is not finite');
