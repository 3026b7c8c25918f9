import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { childEnvironment, finished, ROOT, runThidua, scratchFolder } from '../support/processes';

const LOADER = join(ROOT, 'bin/bundle.mjs');

/** Runs `file` through bin/bundle.mjs in a fresh node, with its cache in `cacheFolder`: what it exported and whether the cache was used. */
async function runThrough(file: string, cacheFolder: string, flags: string[] = []): Promise<{ value: unknown; cacheUsed: boolean }> {
  const script = `
    const { runBundle } = await import(${JSON.stringify(LOADER)});
    const bundle = runBundle(${JSON.stringify(file)}, ${JSON.stringify(cacheFolder)});
    process.stdout.write(JSON.stringify({ value: bundle.exports.value, cacheUsed: bundle.cacheUsed }));
    bundle.saveCodeCache();`;
  const child = spawn(process.execPath, [...flags, '--input-type=module', '-e', script], { env: childEnvironment({}), stdio: 'pipe' });
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
    bytes.fill(0x5a, 40, 200); // V8's data, after the bundle's SHA-256
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
