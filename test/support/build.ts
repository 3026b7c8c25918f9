import { execFileSync } from 'node:child_process';
import { ROOT } from './processes';

/**
 * vitest's global setup: the production bundle (dist/thidua.mjs) built once from the current sources
 * before any test spawns `npx thidua` or `npm start`, instead of each child finding it stale at once.
 */
export default function buildBundle(): void {
  execFileSync(process.execPath, ['bin/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
}
