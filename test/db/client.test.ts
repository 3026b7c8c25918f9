import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { scratchFolder } from '../support/processes';

describe('openDatabase', () => {
  it('keeps SQLite’s page cache to 4 MB a connection, not the 16 MB better-sqlite3 builds in, so memory does not grow with the data written', () => {
    // The cache fills with each page written or read until its bound (npm run bench:http's write grew
    // the bot's memory with the run); the durability pragmas README states stay as they were.
    const handle = openDatabase(join(scratchFolder(), 'thidua.sqlite'));
    try {
      expect(handle.sqlite.pragma('cache_size', { simple: true })).toBe(-4000);
      expect(handle.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(handle.sqlite.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    } finally {
      handle.close();
    }
  });
});
