import type { CriterionKind } from '../src/domain/scoring';

/** Small helpers shared by the benchmarks: seeded data, timing, percentiles and an aligned table. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** An aligned table: the first `textColumns` columns to the left, the figures after them to the right. */
export function printTable(header: string[], rows: string[][], textColumns = 1): void {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, column) => (column < textColumns ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((width) => '─'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}

/** mulberry32: a small seeded generator in [0, 1), so every run builds the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

let sink = 0;

/**
 * Runs `work` `runs` times: each run's milliseconds, sorted. Results go to checksum() so the JIT
 * cannot skip the work. `before`, when given, runs ahead of each run, untimed.
 */
export function timeRuns(runs: number, work: () => number, before?: () => void): number[] {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    before?.();
    const started = process.hrtime.bigint();
    sink += work();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples.sort((left, right) => left - right);
}

/** The sum of everything timed: check it at the end, so the work counts as used. */
export function checksum(): number {
  return sink;
}

/** The benchmarks' scoring table (40 criteria), shaped like the published ones: mostly targets and yes/no, some graded, a bonus and a deduction. */
export const KIND_MIX: readonly CriterionKind[] = [
  ...Array<CriterionKind>(12).fill('target'),
  ...Array<CriterionKind>(8).fill('lower_better'),
  ...Array<CriterionKind>(12).fill('yes_no'),
  ...Array<CriterionKind>(6).fill('graded'),
  'bonus',
  'deduction',
];

/** A criterion's cap in the benchmarks' table (its base adds up to 100 with KIND_MIX). */
export function benchMaxPoints(kind: CriterionKind): number {
  return kind === 'target' ? 4 : kind === 'bonus' || kind === 'deduction' ? 5 : 2;
}

/** Random data as units report it: values of each kind (5% missing), targets, the lead's review. */
export function reportSampler(random: () => number) {
  const chance = (probability: number) => random() < probability;
  const between = (low: number, high: number) => low + random() * (high - low);
  return {
    chance,
    /** A pledged target or ceiling. */
    target: () => Math.round(between(0, 200)),
    value(kind: CriterionKind, maxPoints: number): number | null {
      if (chance(0.05)) return null;
      if (kind === 'yes_no') return Number(chance(0.85));
      if (kind === 'graded') return Math.round(between(0, maxPoints) * 10) / 10;
      if (kind === 'bonus' || kind === 'deduction') return Math.round(between(0, 7));
      return Math.round(between(0, 220));
    },
    /** The lead's points for a graded, bonus or deduction value: as claimed, or up to 2 less. */
    reviewed: (value: number) => Math.max(0, value - Math.round(between(0, 2))),
  };
}

/** The kinds the lead reviews. */
export const isReviewed = (kind: CriterionKind) => kind === 'graded' || kind === 'bonus' || kind === 'deduction';
/** The kinds a pledge sets a target (or ceiling) for. */
export const isPledged = (kind: CriterionKind) => kind === 'target' || kind === 'lower_better';
