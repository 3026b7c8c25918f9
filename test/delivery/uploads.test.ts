import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { createStore, type Store } from '../../db/store';
import { realWireTimer } from '../../src/clock';
import { Delivery } from '../../src/delivery/delivery';
import type { OutgoingMessage, UploadSource } from '../../src/delivery/message';
import { uploadFile } from '../../src/delivery/uploads';
import { LocalSlack } from '../../src/local-slack/server';
import { silentLogger } from '../../src/logger';

/** Files through the outbox: built at delivery time from their source, posted once, recovered after a crash. */
describe('uploads through the outbox', () => {
  let slack: LocalSlack;
  let store: Store;
  const rendered: UploadSource[] = [];
  const renderers = {
    greeting: (source: UploadSource) => {
      rendered.push(source);
      return Buffer.from(`xin chào ${String(source.who)}`, 'utf8');
    },
  };
  const client = () =>
    new WebClient('xoxb-test', {
      slackApiUrl: slack.apiUrl,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
      logger: silentLogger,
    });
  const delivery = (workerId = 'worker-a') =>
    new Delivery({
      store,
      client: client(),
      wire: realWireTimer,
      logger: silentLogger,
      workerId,
      leaseMs: 60_000,
      conversationIntervalMs: 0,
      uploads: renderers,
    });

  const chart = (who: string): OutgoingMessage => ({
    channel: 'C0NOICHINH',
    text: 'Biểu đồ xếp hạng',
    threadOfKey: 'summary',
    upload: { filename: `bieu-do-${who}.png`, title: 'Biểu đồ', source: { kind: 'greeting', who } },
  });

  beforeEach(async () => {
    slack = new LocalSlack();
    await slack.start();
    store = createStore(openDatabase(':memory:').db);
    rendered.length = 0;
  });
  afterEach(async () => {
    await slack.stop();
  });

  it('builds the bytes when it delivers, and uploads them in the thread of their parent', async () => {
    const worker = delivery();
    worker.queue(store, { key: 'chart', kind: 'test', message: chart('khoi') });
    worker.queue(store, { key: 'summary', kind: 'test', message: { channel: 'C0NOICHINH', text: 'Kết quả xếp hạng' } });
    expect(rendered).toEqual([]);
    await worker.drain();
    const [summary, file] = slack.messagesIn('C0NOICHINH');
    expect(summary!.text).toBe('Kết quả xếp hạng');
    expect(file).toMatchObject({
      text: 'Biểu đồ xếp hạng',
      thread_ts: summary!.ts,
      files: [{ name: 'bieu-do-khoi.png', title: 'Biểu đồ', bytes: Buffer.byteLength('xin chào khoi') }],
    });
    expect([...slack.uploads.values()].map((upload) => upload.bytes?.toString('utf8'))).toEqual(['xin chào khoi']);
    expect(rendered).toEqual([{ kind: 'greeting', who: 'khoi' }]);
    // Slack answers an upload with the file, not the message: sent, without a ts.
    expect(store.outbox.byKey('chart')).toMatchObject({ status: 'sent', ts: null, channelId: 'C0NOICHINH' });
  });

  it('opens the DM of a user for a file sent to them', async () => {
    const worker = delivery();
    worker.queue(store, {
      key: 'dm-file',
      kind: 'test',
      message: {
        user: 'U0CA0001',
        text: 'Bảng tổng hợp điểm',
        upload: { filename: 'bang-diem.xlsx', title: 'Bảng', source: { kind: 'greeting', who: 'CA' } },
      },
    });
    await worker.drain();
    expect(slack.dmsTo('U0CA0001')).toMatchObject([{ text: 'Bảng tổng hợp điểm', files: [{ name: 'bang-diem.xlsx' }] }]);
  });

  it('after a crash, finds a file the dead worker uploaded in the thread and uploads only what it did not', async () => {
    const worker = delivery();
    worker.queue(store, { key: 'summary', kind: 'test', message: { channel: 'C0NOICHINH', text: 'Kết quả xếp hạng' } });
    await worker.drain();
    const parent = slack.messagesIn('C0NOICHINH')[0]!;
    worker.queue(store, { key: 'chart', kind: 'test', message: chart('a') });
    worker.queue(store, { key: 'other-chart', kind: 'test', message: { ...chart('b'), threadOfKey: 'summary' } });
    // A worker claimed both with a lease that has run out; it uploaded the first into the thread, then died.
    const now = Date.now();
    for (const key of ['chart', 'other-chart'])
      expect(store.outbox.claim(store.outbox.byKey(key)!.id, 'worker-dead', now, now - 1)).toBeDefined();
    await uploadFile(client(), renderers, 'C0NOICHINH', parent.ts, { ...chart('a'), upload: chart('a').upload! });
    const uploaded = slack.messagesIn('C0NOICHINH')[1]!;

    await delivery('worker-b').drain();
    const files = slack.messagesIn('C0NOICHINH').flatMap((message) => (message.files ?? []).map((file) => [file.name, message.thread_ts]));
    expect(files).toEqual([
      ['bieu-do-a.png', parent.ts],
      ['bieu-do-b.png', parent.ts],
    ]);
    expect(store.outbox.byKey('chart')).toMatchObject({ status: 'sent', ts: uploaded.ts });
    expect(store.outbox.byKey('other-chart')).toMatchObject({ status: 'sent', ts: null });
    expect(slack.callsTo('conversations.replies').length).toBe(2);
  });
});
