import { describe, expect, it } from 'vitest';
import { sourceFiles } from './import-graph';

const handlerFiles = () => sourceFiles(['commands']);

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
