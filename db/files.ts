import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the files read at run time live — the migrations and the demo organisation — found from
 * the package's root (the folder with package.json), so the same code runs from its source (tsx,
 * vitest) and bundled into dist/thidua.mjs, where import.meta.url is the bundle's.
 */
function packageRoot(): string {
  for (let folder = dirname(fileURLToPath(import.meta.url)); ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json'))) return folder;
    if (dirname(folder) === folder) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
  }
}

const ROOT = packageRoot();
export const MIGRATIONS_FOLDER = join(ROOT, 'db/migrations');
export const DEMO_ORGANISATION_FILE = join(ROOT, 'db/seed/demo.yaml');
