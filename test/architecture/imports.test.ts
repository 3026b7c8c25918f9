import { describe, expect, it } from 'vitest';
import { importCycles, importGraph, importsOf, layeringViolations, sourceFiles, tableCycles } from './import-graph';
import { CHECKED_ROOTS, MODULES } from './layers';

/** Checks an in-memory set of files as the real tree is checked. */
function check(files: Record<string, string>) {
  const map = new Map(Object.entries(files));
  const edges = importGraph(map);
  return { violations: layeringViolations(edges, new Set(map.keys()), MODULES), cycles: importCycles(edges) };
}

describe('imports point one way (test/architecture/layers.ts)', () => {
  it('the table of who may import whom is itself a layering, without cycles', () => {
    expect(tableCycles(MODULES)).toEqual([]);
  });

  it('every file of src, db and commands imports only what its layer may', () => {
    const files = sourceFiles(CHECKED_ROOTS);
    expect(files.size).toBeGreaterThan(100);
    expect(layeringViolations(importGraph(files), new Set(files.keys()), MODULES)).toEqual([]);
  });

  it('no import cycle between files, type-only imports included', () => {
    expect(importCycles(importGraph(sourceFiles(CHECKED_ROOTS)))).toEqual([]);
  });

  it('reads every form of import, type-only ones included', () => {
    const text = [
      "import { a } from './a';",
      "import type { B } from './b';",
      "import { type C } from './c';",
      "export { d } from './d';",
      "export type { E } from './e';",
      "import f = require('./f');",
      "type G = typeof import('./g');",
      "const h = await import('./h');",
      "import { readFileSync } from 'node:fs';",
    ].join('\n');
    expect(importsOf('x.ts', text)).toEqual([
      { specifier: './a', typeOnly: false },
      { specifier: './b', typeOnly: true },
      { specifier: './c', typeOnly: true },
      { specifier: './d', typeOnly: false },
      { specifier: './e', typeOnly: true },
      { specifier: './f', typeOnly: false },
      { specifier: './g', typeOnly: true },
      { specifier: './h', typeOnly: false },
      { specifier: 'node:fs', typeOnly: false },
    ]);
  });

  it('fails on a wrong-way import, even a type-only one', () => {
    const { violations } = check({
      'src/domain/scoring.ts': "import type { Store } from '../../db/store';\nexport const x = 1;",
      'db/store/index.ts': 'export interface Store {}',
    });
    expect(violations).toEqual(['src/domain/scoring.ts → db/store/index.ts (type-only): domain may not import store']);
  });

  it('fails when views reach for the database, or services for a handler', () => {
    const { violations } = check({
      'src/views/report.ts': "import { DIRECTIVE_KINDS } from '../../db/schema';",
      'db/schema.ts': 'export const DIRECTIVE_KINDS = [];',
      'src/services/reports.ts': "import { reportFeature } from '../../commands/report';",
      'commands/report.ts': 'export const reportFeature = {};',
    });
    expect(violations).toEqual([
      'src/views/report.ts → db/schema.ts: views may not import store',
      'src/services/reports.ts → commands/report.ts: services may not import commands',
    ]);
  });

  it('lets entry points import only the registration of commands, and keeps features apart', () => {
    const { violations } = check({
      'src/app.ts': "import { registerFeatures } from '../commands';\nimport { describeCaller } from '../commands/shared/router';",
      'commands/index.ts': "import { pledgeFeature } from './pledge';",
      'commands/shared/router.ts': "import { openPledgeModal } from '../pledge';",
      'commands/pledge.ts': "import { reportFeature } from './report/index';\nimport { router } from './shared/router';",
      'commands/report/index.ts': "import { modal } from './modal';",
      'commands/report/modal.ts': 'export const modal = 1;',
    });
    expect(violations).toEqual([
      'src/app.ts → commands/shared/router.ts: outside commands/, only commands/index.ts (the registration) is imported',
      'commands/shared/router.ts → commands/pledge.ts: commands/shared imports no feature',
      'commands/pledge.ts → commands/report/index.ts: feature pledge imports feature report',
    ]);
  });

  it('fails on a file that belongs to no layer', () => {
    expect(check({ 'src/helpers/misc.ts': 'export const x = 1;' }).violations).toEqual([
      'src/helpers/misc.ts belongs to no module (test/architecture/layers.ts)',
    ]);
  });

  it('finds a cycle, also when one side imports only types', () => {
    const { violations, cycles } = check({
      'src/views/standings.ts': "import type { Row } from './rows';\nexport const x = 1;",
      'src/views/rows.ts': "import { x } from './standings';\nexport interface Row {}",
      'src/views/blocks.ts': 'export const y = 2;',
    });
    expect(violations).toEqual([]);
    expect(cycles).toEqual([['src/views/rows.ts', 'src/views/standings.ts']]);
  });
});
