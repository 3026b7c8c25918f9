import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkpointInBackground, SAFETY_PAGES } from '../../db/checkpoints';
import { type DatabaseHandle, openDatabase } from '../../db/client';
import { startTestBot, type TestBot } from '../support/bot';
import { scratchFolder } from '../support/processes';

/**
 * The bot's WAL is checkpointed by a worker thread (db/checkpoints.ts), not inside the commit that
 * crosses SQLite's 1,000 pages, where the copy and the fsyncs held the event loop.
 */
const handles: DatabaseHandle[] = [];
let t: TestBot | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
  for (const handle of handles.splice(0)) handle.close();
});

const autocheckpoint = (handle: DatabaseHandle) => handle.sqlite.pragma('wal_autocheckpoint', { simple: true });

describe('WAL checkpoints', () => {
  it('are left to the worker by the bot on a file: its own commits checkpoint only past the safety margin', async () => {
    t = await startTestBot({ databasePath: join(scratchFolder(), 'thidua.sqlite') });
    expect(autocheckpoint(t.bot.handle)).toBe(SAFETY_PAGES);
  });

  it('bring the database file up to date from the worker while the connection writes past 1,000 pages', async () => {
    const handle = openDatabase(join(scratchFolder(), 'thidua.sqlite'));
    handles.push(handle);
    const warnings: string[] = [];
    const checkpoints = checkpointInBackground(handle, (message) => warnings.push(message));
    handle.sqlite.exec('create table filler (data blob)');
    const insert = handle.sqlite.prepare('insert into filler (data) values (randomblob(3000))');
    for (let commit = 0; commit < 3; commit++) handle.sqlite.transaction(() => Array.from({ length: 500 }, () => insert.run()))();
    // The connection did not checkpoint: the WAL holds every page written since it opened.
    let report = await checkpoints.next();
    while (report.checkpointed < report.log) report = await checkpoints.next();
    expect(report.log).toBeGreaterThan(1000);
    expect(report.checkpointed).toBe(report.log);
    await checkpoints.stop();
    expect(warnings).toEqual([]);
    expect(handle.sqlite.prepare('select count(*) from filler').pluck().get()).toBe(1500);
  });

  it('go back into the connection’s own commits, with a warning, when the worker cannot run', async () => {
    const handle = openDatabase(join(scratchFolder(), 'thidua.sqlite'));
    handles.push(handle);
    const warnings: string[] = [];
    // The worker opens the file by its path: a path that does not exist makes it fail at once.
    const checkpoints = checkpointInBackground({ ...handle, path: join(scratchFolder(), 'missing', 'thidua.sqlite') }, (message) =>
      warnings.push(message),
    );
    await checkpoints.stop();
    expect(warnings).toEqual([expect.stringMatching(/^WAL checkpoints are back in the bot's own commits: /)]);
    expect(autocheckpoint(handle)).toBe(1000);
  });
});
