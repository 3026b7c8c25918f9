import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/processes';

/**
 * What a start loads: the bundle's requires of packages (its static imports, compiled to CommonJS)
 * are loaded before the first request, so the ones only some work needs (documents, spreadsheets, pictures, YAML) are imported when that
 * work first runs. A static import of one of them would cost every start its load time and memory.
 */
describe('the production bundle', () => {
  it('imports at start only the packages a request needs', () => {
    // Built by vitest's global setup (test/support/build.ts) from the current sources.
    const source = readFileSync(join(ROOT, 'dist/thidua.cjs'), 'utf8');
    const packages = new Set(
      // An import() in the sources is a require run when its work first runs (bin/build.mjs), not at start.
      [...source.matchAll(/(?<!\.then\(\(\)=>__toESM\()\brequire\("([^"]+)"\)/g)]
        .map((match) => match[1]!)
        .filter((name) => !name.startsWith('node:') && !isBuiltin(name)),
    );
    // Bolt's parts (file by file, src/bolt.ts: its index would load Express), the Web API, zod,
    // drizzle-orm and @date-fns/tz are compiled into the bundle (bin/build.mjs, OUTSIDE); the native
    // SQLite binding cannot be.
    expect([...packages].sort()).toEqual(['better-sqlite3']);
    expect(source).not.toContain('ExpressReceiver');
  });
});
