/**
 * `npm run bench:parse`: how long reading a command's words takes as the command grows.
 *
 * Every sub-command's words go through these parsers: matchCommand (the sub-command), then
 * parsePeriodWords ("[kỳ] [khối]": xephang, tiendo, baocao) or parseScopeWords ("[khối] [năm]":
 * giaouoc, tieuchi, dangky), over the demo organisation's blocks, units and periods. Each is timed
 * on 10, 100, 1,000 and 4,000 words of what people type (block and period words, misspellings,
 * punctuation), against a baseline measured in the same run: folding the same text once
 * (foldedWords), the least any reading must do. Linear parsing keeps the ratio flat as the words
 * grow; before, parsePeriodWords tried every split and every prefix (cubic: 800 words took 19 s).
 * The router refuses commands over MAX_COMMAND_LENGTH characters before any of this runs.
 */
import { readFileSync } from 'node:fs';
import { MAX_COMMAND_LENGTH, matchCommand } from '../src/domain/command-words';
import { foldedWords } from '../src/domain/fold';
import { parsePeriodWords, parseScopeWords } from '../src/domain/scope-words';
import { readOrganisationFile } from '../src/organisation/read-file';
import { checksum, percentile, printTable, seededRandom, timeRuns } from './support';

const WORD_COUNTS = [10, 100, 1_000, 4_000];
const read = readOrganisationFile(readFileSync(new URL('../db/seed/demo.yaml', import.meta.url), 'utf8'));
if (!read.ok) throw new Error(read.problems.join('\n'));
const { data } = read;
const blocks = data.blocks.map((block) => ({ code: block.code, name: block.name }));
const units = data.units.map((unit) => ({ code: unit.code, name: unit.name }));
const periods = data.years[0]!.periods.map((period) => ({ code: period.code, name: period.name }));
const commands = ['xephang', 'tiendo', 'baocao', 'giaouoc', 'tieuchi', 'dangky', 'help'].map((name) => ({ name, words: [name] }));

// What the words are made of: the organisation's own words, near misses and noise, so every parser
// meets partial matches all the way through (the worst case for the old search).
const random = seededRandom(11);
const vocabulary = [
  ...[...blocks, ...units, ...periods].flatMap((named) => `${named.code} ${named.name}`.split(/\s+/)),
  'khoi',
  'thi',
  'dua',
  'quy',
  'I',
  'ky',
  '–',
  '…',
  'noi',
  'chinh',
  'xyz',
  'sở',
  '2021',
];
const textOf = (words: number) => Array.from({ length: words }, () => vocabulary[Math.floor(random() * vocabulary.length)]!).join(' ');

const runsFor = (words: number) => Math.max(5, Math.round(20_000 / words));
const median = (work: () => number, runs: number) => percentile(timeRuns(runs, work), 50);

const rows: string[][] = [];
const slowest: number[] = [];
for (const words of WORD_COUNTS) {
  const text = textOf(words);
  const runs = runsFor(words);
  const fold = median(() => foldedWords(text).length, runs);
  const timed = [
    median(() => (matchCommand(`xephang ${text}`, commands).kind === 'match' ? 1 : 0), runs),
    median(() => parsePeriodWords(text, blocks, periods).rest.length, runs),
    median(() => parsePeriodWords(text, units, periods).rest.length, runs),
    median(() => parseScopeWords(text, blocks).rest.length, runs),
  ];
  const worst = Math.max(...timed);
  slowest.push(worst);
  rows.push([
    String(words),
    String(text.length),
    fold.toFixed(3),
    ...timed.map((ms) => ms.toFixed(3)),
    `${((worst * 1000) / words).toFixed(2)}`,
    `${(worst / fold).toFixed(1)}×`,
  ]);
}

console.log(`Reading a command's words (median ms of repeated runs; ${MAX_COMMAND_LENGTH} characters is the cap a command may have)\n`);
printTable(
  ['words', 'chars', 'fold (baseline)', 'matchCommand', 'period+block', 'period+unit', 'block+year', 'slowest µs/word', 'slowest/fold'],
  rows,
);
const growth = slowest.at(-1)! / slowest.at(-2)!;
console.log(
  `\n4× the words (1,000 → 4,000) took ${growth.toFixed(1)}× the time: linear (cubic would be 64×). Short commands are dominated by fixed costs (indexing the organisation's names).`,
);
if (Number.isNaN(checksum())) console.log('');
