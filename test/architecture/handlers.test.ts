import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/** Every .ts file under commands/, with its text. */
function handlerFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) files.set(relative(ROOT, path).split(sep).join('/'), readFileSync(path, 'utf8'));
    }
  };
  walk(join(ROOT, 'commands'));
  return files;
}

describe('handlers stay thin (commands/)', () => {
  it('no file is over 250 lines', () => {
    const long = [...handlerFiles()].map(([path, text]) => [path, text.split('\n').length - 1] as const).filter(([, lines]) => lines > 250);
    expect(long).toEqual([]);
  });

  it('no handler opens a transaction or queues a message itself: the use cases in src/services do', () => {
    const writing = [...handlerFiles()].filter(([, text]) => /\.transaction\(|delivery\.queue\(/.test(text)).map(([path]) => path);
    expect(writing).toEqual([]);
  });
});
