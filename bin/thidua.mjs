#!/usr/bin/env node
// `npx thidua …` and `npm start`: the compiled bundle dist/thidua.mjs (bin/build.mjs), rebuilt first when a source changed.
import { builtEntry } from './build.mjs';

const { main } = await import(await builtEntry());
process.exitCode = await main(process.argv.slice(2));
