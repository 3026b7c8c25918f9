import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import type { LocalSlack } from '../../src/local-slack/server';
import { DEMO_YAML } from './bot';

/** The outbox of the database file at `path`, as another process left it. */
export interface OutboxRowOnFile {
  dedupe_key: string;
  status: string;
  ts: string | null;
}

export function outboxOf(path: string): OutboxRowOnFile[] {
  const db = new Database(path, { readonly: true });
  const rows = db.prepare('select dedupe_key, status, ts from outbox order by id').all() as OutboxRowOnFile[];
  db.close();
  return rows;
}

/** Every message the local Slack recorded, by the outbox key in its metadata. */
export function postedKeys(slack: LocalSlack): string[] {
  return [...slack.conversations.values()]
    .flat()
    .map((message) => String(message.metadata?.event_payload?.key ?? `(no key) ${message.text}`));
}

/** Each key once, and every outbox entry both marked sent and present in Slack: no duplicate, no loss. */
export function expectExactlyOnce(slack: LocalSlack, path: string): void {
  // Superseded entries are never posted (said in another message, or stale): only the rest count.
  const rows = outboxOf(path).filter((row) => row.status !== 'superseded');
  const keys = postedKeys(slack);
  expect(keys.length).toBe(new Set(keys).size);
  expect(new Set(keys)).toEqual(new Set(rows.map((row) => row.dedupe_key)));
  expect(rows.filter((row) => row.status !== 'sent')).toEqual([]);
  const tsOf = new Map([...slack.conversations.values()].flat().map((message) => [message.metadata?.event_payload?.key, message.ts]));
  for (const row of rows) expect(row.ts).toBe(tsOf.get(row.dedupe_key));
}

/**
 * The demo organisation file written into `folder` with every overdue notice posted in the channel
 * (overdue_in_channel: 9): on 07/04/2021 08:00 each block channel then gets two posts (paced one a
 * second) and each officer one DM, 18 messages over 16 conversations (test/cli/tick.test.ts).
 */
export function demoFileWithChannelNotices(folder: string): string {
  const file = join(folder, 'demo.yaml');
  writeFileSync(file, DEMO_YAML.replace('      overdue_every_days: 2', '      overdue_every_days: 2\n      overdue_in_channel: 9'));
  return file;
}
