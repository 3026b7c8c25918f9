import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { childEnvironment, finished, ROOT, runThidua, scratchFolder } from '../support/processes';

const LOADER = join(ROOT, 'bin/bundle.mjs');
const RUNNER = join(scratchFolder(), 'run-bundle.mjs');
writeFileSync(
  RUNNER,
  `const { MADE_BY, runBundle } = await import(${JSON.stringify(LOADER)});
const [file, cacheFolder, madeBy] = process.argv.slice(2);
const bundle = runBundle(file, cacheFolder);
process.stdout.write(JSON.stringify({ value: bundle.exports.value, cacheUsed: bundle.cacheUsed }));
bundle.saveCodeCache(MADE_BY[madeBy]);
`,
);

/**
 * Runs `file` through bin/bundle.mjs in a fresh node, with its cache in `cacheFolder`: what it
 * exported and whether the cache was used. A script file, not `node -e`: the script would be one of
 * node's arguments, which pick the cache.
 */
async function runThrough(
  file: string,
  cacheFolder: string,
  flags: string[] = [],
  madeBy: 'command' | 'serving' = 'command',
): Promise<{ value: unknown; cacheUsed: boolean }> {
  const child = spawn(process.execPath, [...flags, RUNNER, file, cacheFolder, madeBy], { env: childEnvironment({}), stdio: 'pipe' });
  const ended = await finished(child);
  expect(ended.stderr).toBe('');
  return JSON.parse(ended.stdout) as { value: unknown; cacheUsed: boolean };
}

/** A bundle that exports `value`: two of them differ only in that letter, so their sources have the same length. */
function bundleExporting(folder: string, letter: string): string {
  const file = join(folder, 'bundle.cjs');
  writeFileSync(file, `"use strict";module.exports = { value: "${letter}".repeat(3) };\n`);
  return file;
}

describe("the bundle's code cache (bin/bundle.mjs)", () => {
  it('keeps what V8 compiled of the bundle: the first run writes it, the next runs from it', async () => {
    const folder = scratchFolder();
    const file = bundleExporting(folder, 'A');
    const cache = join(folder, 'cache');
    expect(await runThrough(file, cache)).toEqual({ value: 'AAA', cacheUsed: false });
    expect(readdirSync(cache)).toHaveLength(1);
    expect(await runThrough(file, cache)).toEqual({ value: 'AAA', cacheUsed: true });
  });

  it('never runs the cache of another bundle of the same length (V8 would take it): the new bundle runs as built and its cache replaces the old', async () => {
    const folder = scratchFolder();
    const cache = join(folder, 'cache');
    await runThrough(bundleExporting(folder, 'A'), cache);
    // A rebuild: same length, another value. V8 alone accepts A's cache for it and runs A's code ("AAA").
    const rebuilt = bundleExporting(folder, 'B');
    expect(await runThrough(rebuilt, cache)).toEqual({ value: 'BBB', cacheUsed: false });
    expect(await runThrough(rebuilt, cache)).toEqual({ value: 'BBB', cacheUsed: true });
  });

  it('sets aside a cache V8 refuses (damaged, or made by another node) and compiles the bundle from its source', async () => {
    const folder = scratchFolder();
    const file = bundleExporting(folder, 'A');
    const cache = join(folder, 'cache');
    await runThrough(file, cache);
    const [name] = readdirSync(cache);
    const bytes = readFileSync(join(cache, name!));
    bytes.fill(0x5a, 40, 200); // V8's data, after the bundle's SHA-256 and what made it
    writeFileSync(join(cache, name!), bytes);
    expect(await runThrough(file, cache)).toEqual({ value: 'AAA', cacheUsed: false });
    expect(await runThrough(file, cache)).toEqual({ value: 'AAA', cacheUsed: true });
  });

  it('keeps one cache per set of node flags, since V8 refuses data made under other flags', async () => {
    const folder = scratchFolder();
    const file = bundleExporting(folder, 'A');
    const cache = join(folder, 'cache');
    await runThrough(file, cache);
    expect(await runThrough(file, cache, ['--max-semi-space-size=8'])).toEqual({ value: 'AAA', cacheUsed: false });
    expect(readdirSync(cache)).toHaveLength(2);
    expect(await runThrough(file, cache, ['--max-semi-space-size=8'])).toEqual({ value: 'AAA', cacheUsed: true });
    expect(await runThrough(file, cache)).toEqual({ value: 'AAA', cacheUsed: true });
  });

  it('lets a bot that served replace the cache a shorter command made, once, since it holds what a start compiles', async () => {
    const folder = scratchFolder();
    const file = bundleExporting(folder, 'A');
    const cache = join(folder, 'cache');
    await runThrough(file, cache, [], 'command');
    const madeBy = () => readFileSync(join(cache, readdirSync(cache)[0]!))[32];
    expect(madeBy()).toBe(0);
    expect(await runThrough(file, cache, [], 'serving')).toEqual({ value: 'AAA', cacheUsed: true });
    expect(madeBy()).toBe(1);
    const written = readFileSync(join(cache, readdirSync(cache)[0]!));
    await runThrough(file, cache, [], 'command');
    await runThrough(file, cache, [], 'serving');
    expect(readFileSync(join(cache, readdirSync(cache)[0]!)).equals(written)).toBe(true);
  });

  it('shares the cache with a run under a profiler, whose flags V8 does not refuse it for', async () => {
    const folder = scratchFolder();
    const file = bundleExporting(folder, 'A');
    const cache = join(folder, 'cache');
    await runThrough(file, cache);
    const profiled = ['--cpu-prof', `--cpu-prof-dir=${join(folder, 'profile')}`];
    expect(await runThrough(file, cache, profiled)).toEqual({ value: 'AAA', cacheUsed: true });
  });

  it("is left by the build for npm start's flags, so that a first start finds one", () => {
    const start = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
    const flags = /^node\s+(.*?)\s*bin\/thidua\.mjs start$/.exec(start)![1]!.split(/\s+/);
    // The key as npm start's run of bin/thidua.mjs computes it: the same flags, a script file.
    const script = join(scratchFolder(), 'cache-file.mjs');
    writeFileSync(
      script,
      `const loader = await import(${JSON.stringify(LOADER)});\nprocess.stdout.write(loader.codeCacheFile(process.argv[2]));\n`,
    );
    const file = execFileSync(process.execPath, [...flags, script, join(ROOT, 'dist/code-cache')], {
      env: childEnvironment({}),
      encoding: 'utf8',
    });
    const digest = createHash('sha256')
      .update(readFileSync(join(ROOT, 'dist/thidua.cjs')))
      .digest();
    expect(readFileSync(file).subarray(0, 32).equals(digest)).toBe(true);
  });

  it('is written for the production bundle by a run of npx thidua, from that very bundle', async () => {
    const folder = scratchFolder();
    expect((await runThidua(['migrate'], { DATABASE_PATH: join(folder, 'thidua.sqlite') })).code).toBe(0);
    const digest = createHash('sha256')
      .update(readFileSync(join(ROOT, 'dist/thidua.cjs')))
      .digest();
    const caches = readdirSync(join(ROOT, 'dist/code-cache')).filter((name) => name.endsWith('.bin'));
    expect(
      caches.some((name) =>
        readFileSync(join(ROOT, 'dist/code-cache', name))
          .subarray(0, 32)
          .equals(digest),
      ),
    ).toBe(true);
  });

  it('maps stack-trace positions back to the TypeScript under node --enable-source-maps', async () => {
    // The bundle's main reports an unexpected error with its stack when LOG_LEVEL=debug; here stdout itself fails.
    const script = `
      const { runBundle } = await import(${JSON.stringify(LOADER)});
      const bundle = runBundle(${JSON.stringify(join(ROOT, 'dist/thidua.cjs'))});
      process.stdout.write = () => { throw new Error('stdout refused'); };
      await bundle.exports.main(['help']);`;
    const child = spawn(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], {
      env: childEnvironment({ LOG_LEVEL: 'debug' }),
      stdio: 'pipe',
    });
    const ended = await finished(child);
    expect(ended.stderr).toMatch(/at Object\.main \(.*src\/cli\/main\.ts:\d+:\d+\)/);
  });
});
