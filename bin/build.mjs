#!/usr/bin/env node
/**
 * The production build: esbuild bundles our TypeScript (src/, db/, commands/) from src/cli/main.ts
 * into one CommonJS file, dist/thidua.cjs, with a source map beside it, together with the packages
 * a start loads (see OUTSIDE). CommonJS so that V8 can keep its compiled code between runs
 * (bin/bundle.mjs runs it with a code cache; Node 20 has no such cache for ES modules). Types are
 * not checked here (that is `tsc --noEmit` in `npm test`); esbuild strips them.
 *
 * `npm install` runs it (the `prepare` script), `npm run build` forces it, and bin/thidua.mjs calls
 * builtBundle() on every start: a bundle older than any of its sources (or than this file, or
 * tsconfig.json) is rebuilt first, so `npm start` never runs stale code after an edit or a pull.
 * The check is a stat of each input listed by the last build, about a millisecond.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = 'src/cli/main.ts';
export const BUNDLE = join(ROOT, 'dist/thidua.cjs');
/** What the last build read, with the time it started: a source changed after that makes the bundle stale. */
const MANIFEST = join(ROOT, 'dist/thidua.inputs.json');
/** Files that shape the bundle besides the sources it imports. */
const BUILD_FILES = ['bin/build.mjs', 'tsconfig.json'];
/**
 * Packages left in node_modules, required from there when the bundle needs them: better-sqlite3
 * (native), and the ones only some work needs, which the sources import() when it first runs
 * (documents, spreadsheets, pictures, fonts, YAML). Everything else a start loads is compiled into
 * the bundle, and so into its code cache (bin/bundle.mjs): Bolt, the Web API and their
 * dependencies are about 400 CommonJS files that Node would resolve, read and compile one by one
 * (wrapSafe 117 ms and file lookups about 60 ms of a 380 ms require of Bolt's App, profiled). zod,
 * drizzle-orm and @date-fns/tz, about 210 ES modules, were compiled in for the same reason before.
 */
const OUTSIDE = new Set(['better-sqlite3', 'exceljs', 'docx', '@resvg/resvg-js', 'yaml', 'dejavu-fonts-ttf']);
/** `@scope/name/sub/path` → `@scope/name`, `name/sub` → `name`. */
const packageOf = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
/** The line of src/bolt.ts that gives it a require of its own under ES modules (vitest, tsx). */
const BOLT_REQUIRE = 'const require = createRequire(import.meta.url);';
const packagesOutside = {
  name: 'packages-outside',
  setup(esbuild) {
    // Node's built-ins stay requires too (platform: 'node').
    esbuild.onResolve({ filter: /^[^./]/ }, (args) => (OUTSIDE.has(packageOf(args.path)) ? { external: true } : undefined));
    // src/bolt.ts requires Bolt's files one by one through createRequire, which esbuild cannot follow:
    // without that line its require(…) calls are the bundle's own, and esbuild compiles the files in.
    esbuild.onLoad({ filter: /[\\/]src[\\/]bolt\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(BOLT_REQUIRE)) throw new Error(`${args.path} no longer has the line the build removes: ${BOLT_REQUIRE}`);
      return { contents: source.replace(BOLT_REQUIRE, ''), loader: 'ts' };
    });
  },
};

function isFresh() {
  try {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
    statSync(BUNDLE);
    return [...manifest.inputs, ...BUILD_FILES].every((input) => statSync(join(ROOT, input)).mtimeMs < manifest.startedAt);
  } catch {
    return false; // no bundle yet, or an input is gone
  }
}

/** Writes a file under a temporary name, then renames it: a process starting meanwhile sees the old file or the new one, never half. */
function writeAtomically(path, contents) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

export async function build() {
  const startedAt = Date.now();
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // CommonJS has no import.meta: the bundle's own URL stands for it (db/files.ts, the createRequire calls).
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: '"use strict";var __bundleUrl=require("node:url").pathToFileURL(__filename).href;' },
    // import() of the packages only some work needs becomes a require when that work runs: code V8
    // takes from the code cache has lost what import() needs to resolve (Node 20 fails it with
    // "A dynamic import callback was not specified").
    supported: { 'dynamic-import': false },
    plugins: [packagesOutside],
    // Whitespace, comments and syntax only: names stay, so a stack trace still names its functions.
    // The source V8 keeps (about 1.6 MB instead of 2.1) is part of every process's memory.
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'error',
  });
  await mkdir(dirname(BUNDLE), { recursive: true });
  // The source map first, so the bundle never points at a map that is not there yet.
  const ordered = [...result.outputFiles].sort((file) => (file.path.endsWith('.map') ? -1 : 1));
  for (const file of ordered) writeAtomically(file.path, file.contents);
  // Our sources only: a package changes through `npm install`, which builds again (`prepare`).
  const inputs = Object.keys(result.metafile.inputs)
    .filter((input) => !input.split('/').includes('node_modules'))
    .map((input) => relative(ROOT, join(ROOT, input)));
  writeAtomically(MANIFEST, `${JSON.stringify({ startedAt, inputs }, null, 1)}\n`);
  warmCodeCache();
}

/**
 * Runs the new bundle once (`thidua help`) under `npm start`'s node flags, so that the first start
 * after an install or a build already finds a code cache (bin/bundle.mjs) made under those flags:
 * without one a start compiles the whole bundle, slower than Node loading the packages apart. That
 * start replaces it with its own, which holds what serving compiled too. A failure here only means
 * the first start writes the cache.
 */
function warmCodeCache() {
  const start = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts?.start ?? '';
  const flags = /^node\s+(.*?)\s*bin\/thidua\.mjs start$/.exec(start)?.[1]?.split(/\s+/).filter(Boolean) ?? [];
  spawnSync(process.execPath, [...flags, join(ROOT, 'bin/thidua.mjs'), 'help'], { cwd: ROOT, stdio: 'ignore' });
}

/** The bundle's path, built first when it is missing or older than its sources. */
export async function builtBundle() {
  if (!isFresh()) await build();
  return BUNDLE;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await build();
}
