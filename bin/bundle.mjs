/**
 * Runs the compiled bundle (dist/thidua.cjs, bin/build.mjs) through V8 with a code cache: the
 * bytecode V8 compiled for it in an earlier run, so a start does not parse and compile 1.6 MB of
 * JavaScript again (48–69 ms, plus each function compiled the first time it runs; 8–13 ms with the
 * cache). Node 20 has no compile cache of its own for this (module.enableCompileCache is Node 22),
 * hence a CommonJS bundle run through vm.Script with cachedData, as Node runs a CommonJS file.
 *
 * The cache is dist/code-cache/<key>.bin: the SHA-256 of the bundle it was made from, then V8's
 * data. The key is Node's version and platform with the flags node was given (npm start's, the
 * tests', none), since V8 refuses data made under other flags. A cache made from another bundle is
 * never handed to V8 (V8's own check is only the source's length, so a bundle of the same length
 * could run another's bytecode); data V8 refuses (another V8, corrupt) is set aside and the bundle
 * compiled from source. Either way the run writes a new cache once it serves (a bot) or ends
 * (any other command). Nothing is written where dist/ is read-only: the bundle then compiles each
 * start, as it would without a cache. Under `node --enable-source-maps` the bundle is required as
 * a plain CommonJS file, without a cache: Node 20 maps stack-trace positions through the source
 * map only for files its loader read, not for code run through vm.Script.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

const DIGEST_BYTES = 32;
/**
 * What made a cache, the byte after the digest: a run that served as a bot has compiled what a start
 * needs, any other command (or the build's warm-up, bin/build.mjs) only the bundle's loading; a start
 * replaces a cache of the second kind with its own.
 */
export const MADE_BY = { command: 0, serving: 1 };
/** Node's own flags for looking into a run: V8 takes the same data under them, so they share the cache. */
const LOOKING_IN = /^--(cpu-prof|heap-prof|inspect|enable-source-maps)/;

/** The cache file for this node and these flags, in `folder`. */
export function codeCacheFile(folder) {
  const flags = process.execArgv.filter((flag) => !LOOKING_IN.test(flag));
  const key = createHash('sha256')
    .update(JSON.stringify([process.version, process.platform, process.arch, flags, process.env.NODE_OPTIONS ?? '']))
    .digest('hex')
    .slice(0, 16);
  return join(folder, `${key}.bin`);
}

/**
 * Evaluates the CommonJS bundle at `file` and returns its exports, with `saveCodeCache(madeBy)` to
 * call once the run has compiled what it needs. `cacheFolder` defaults to dist/code-cache beside it.
 */
export function runBundle(file, cacheFolder = join(dirname(file), 'code-cache')) {
  if (process.sourceMapsEnabled) return { exports: createRequire(file)(file), cacheUsed: false, saveCodeCache() {} };
  const source = readFileSync(file, 'utf8');
  const digest = createHash('sha256').update(source).digest();
  const cacheFile = codeCacheFile(cacheFolder);
  let cachedData;
  let cachedMadeBy = MADE_BY.command;
  try {
    const bytes = readFileSync(cacheFile);
    if (bytes.subarray(0, DIGEST_BYTES).equals(digest)) {
      cachedMadeBy = bytes[DIGEST_BYTES];
      cachedData = bytes.subarray(DIGEST_BYTES + 1);
    }
  } catch {
    // No cache yet.
  }
  // The wrapper Node puts around a CommonJS file, on a line of its own so the bundle's positions stay as they are.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {\n${source}\n})`, {
    filename: file,
    lineOffset: -1,
    cachedData,
  });
  const cacheUsed = cachedData !== undefined && !script.cachedDataRejected;
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  let saved = cacheUsed ? cachedMadeBy : -1;
  return {
    exports: module.exports,
    cacheUsed,
    /**
     * Writes the cache (what V8 has compiled of the bundle so far), unless this run used or wrote one
     * made the same way or by serving.
     */
    saveCodeCache(madeBy = MADE_BY.command) {
      if (saved >= madeBy) return;
      saved = madeBy;
      try {
        mkdirSync(cacheFolder, { recursive: true });
        const temporary = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(temporary, Buffer.concat([digest, Buffer.of(madeBy), script.createCachedData()]));
        renameSync(temporary, cacheFile);
      } catch {
        // A read-only install: every start compiles the bundle, as without a cache.
      }
    },
  };
}
