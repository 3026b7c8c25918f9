#!/usr/bin/env node
// `npx thidua …` and `npm start`: the compiled bundle dist/thidua.cjs (bin/build.mjs), rebuilt first when a source changed,
// run with V8's code cache of it (bin/bundle.mjs), which is written once the bot serves, or when any other command ends.
import { builtBundle } from './build.mjs';
import { MADE_BY, runBundle } from './bundle.mjs';

const bundle = runBundle(await builtBundle());
process.exitCode = await bundle.exports.main(process.argv.slice(2), {
  serving: () => setImmediate(() => bundle.saveCodeCache(MADE_BY.serving)),
});
bundle.saveCodeCache();
