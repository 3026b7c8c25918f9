/**
 * `npm run fuzz [cases] [seed]`: the fuzz suite at full size (10,000 cases by default) through
 * the real HTTP path, with a table by kind of case: how many, 2xx / 4xx / 5xx, the slowest
 * acknowledgement, rows the database changed (must be 0: every case is input the bot must not act
 * on) and crashes (must be 0: a 5xx, a request left unanswered, a listener that threw). Exits 1
 * when either is not 0, printing the first few offending cases.
 */
import fc from 'fast-check';
import { printTable } from '../../bench/support';
import { add, type CaseKind, emptyTally, type FuzzCase, fuzzCase, startFuzzer, type Tally } from './harness';

const cases = Number(process.argv[2] ?? 10_000);
const seed = Number(process.argv[3] ?? Date.now() % 2 ** 31);
const BATCH = 500;

const fuzzer = await startFuzzer();
const byKind = new Map<CaseKind, Tally>();
const total = emptyTally();
const offending: { fuzz: FuzzCase; why: string }[] = [];
const startedAt = Date.now();
for (let done = 0; done < cases; done += BATCH) {
  for (const fuzz of fc.sample(fuzzCase, { numRuns: Math.min(BATCH, cases - done), seed: seed + done })) {
    const outcome = await fuzzer.run(fuzz);
    const tally = byKind.get(fuzz.kind) ?? emptyTally();
    byKind.set(fuzz.kind, tally);
    add(tally, outcome);
    add(total, outcome);
    const why = [
      ...(outcome.changes ? [`${outcome.changes} rows changed`] : []),
      ...(outcome.status >= 500 || outcome.status === 0 ? [`HTTP ${outcome.status || 'no answer'}`] : []),
      ...outcome.errors,
    ];
    if (why.length && offending.length < 5) offending.push({ fuzz, why: why.join('; ') });
  }
  process.stderr.write(`  ${Math.min(done + BATCH, cases)} / ${cases}\r`);
}
await fuzzer.close();

const row = (name: string, tally: Tally) => [
  name,
  String(tally.cases),
  String(tally.ok2xx),
  String(tally.client4xx),
  String(tally.server5xx + tally.noAnswer),
  `${tally.maxAckMs} ms`,
  String(tally.changes),
  String(tally.crashes),
];
console.log(`\nFuzz: ${cases} cases through POST /slack/events (seed ${seed}, ${((Date.now() - startedAt) / 1000).toFixed(0)} s)\n`);
printTable(
  ['kind', 'cases', '2xx', '4xx', '5xx', 'max ack', 'db changes (invalid input)', 'crashes'],
  [...[...byKind].sort(([left], [right]) => left.localeCompare(right)).map(([kind, tally]) => row(kind, tally)), row('all', total)],
);
for (const { fuzz, why } of offending) console.log(`\n✗ ${fuzz.kind}: ${why}\n  ${fuzz.body.slice(0, 400)}`);
process.exitCode = total.changes === 0 && total.crashes === 0 ? 0 : 1;
