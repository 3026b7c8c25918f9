import type { WebClient } from '@slack/web-api';
import type { Store } from '../../db/store';
import type { OutboxRow } from '../../db/store/outbox';
import type { OutgoingMessage, OutgoingUpload, UploadSource } from './message';

/**
 * Files the bot posts on its own (the standings chart under a summary, an XLSX to a DM) go through
 * the outbox like messages. The outbox stores JSON, so an upload carries not its bytes but a
 * `source` naming how to build them; a renderer registered for the source's kind builds them at
 * delivery time, and files.uploadV2 posts them (getUploadURLExternal, the upload, then
 * completeUploadExternal with channel_id, thread_ts and the message text as initial_comment).
 *
 * Recovery rule for an interrupted upload (a claim whose lease ran out without being marked sent):
 * a file message carries no metadata, so the key cannot be looked for as the delivery does for
 * messages. Instead the worker looks, since the entry was created, for a message carrying a file of
 * the entry's file name — in the thread of the entry's parent when it has one (conversations.replies),
 * else in the conversation (conversations.history). Found: marked sent with that message's ts; not
 * found: uploaded. This is exact when the file name is unique in the place it goes to, which is why
 * charts go in the thread of their own post (one chart a thread). A DM export shares its name with
 * earlier exports of the same standings: if two of them a minute apart were both interrupted, the
 * second could be taken for delivered — it is the same table a moment later, so that is the
 * accepted loss, never a duplicate.
 *
 * completeUploadExternal answers with the file, not the message (Slack shares it asynchronously), so
 * an uploaded entry is marked sent without a ts and cannot be the parent of a thread.
 */
/** Builds an upload's bytes from its source; throws when the source no longer names anything. */
export type UploadRenderer = (source: UploadSource) => Buffer | Promise<Buffer>;
export type UploadRenderers = Readonly<Record<string, UploadRenderer>>;

/**
 * Renders and uploads the file of `message` to `channel` (in the thread `threadTs`, if any), or to
 * the DM of `message.user` when the conversation is not known yet: files.completeUploadExternal
 * takes a conversation id, never a user id, so that DM is opened first. Answers the conversation;
 * no ts (Slack answers with the file).
 */
export async function uploadFile(
  client: WebClient,
  renderers: UploadRenderers,
  channel: string | undefined,
  threadTs: string | undefined,
  message: OutgoingMessage & { upload: OutgoingUpload },
): Promise<{ channel: string; ts?: undefined }> {
  const { upload } = message;
  const render = renderers[upload.source.kind];
  if (!render) throw new Error(`no renderer for uploads of kind “${upload.source.kind}”`);
  const file = await render(upload.source);
  const conversation = channel ?? (await client.conversations.open({ users: message.user! })).channel!.id!;
  const common = {
    channel_id: conversation,
    file,
    filename: upload.filename,
    title: upload.title,
    ...(message.text ? { initial_comment: message.text } : {}),
  };
  await client.filesUploadV2(threadTs ? { ...common, thread_ts: threadTs } : common);
  return { channel: conversation };
}

interface FileMessage {
  ts?: string;
  files?: { name?: string }[];
}

/** The ts of a message carrying the entry's file, if an interrupted worker uploaded it (see the recovery rule). */
export async function findUploaded(client: WebClient, store: Store, channel: string, row: OutboxRow): Promise<string | undefined> {
  const message = row.payload as OutgoingMessage & { upload: OutgoingUpload };
  const oldest = String(Math.floor(row.createdAt.getTime() / 1000) - 60);
  const threadTs = message.threadOfKey ? (store.outbox.byKey(message.threadOfKey)?.ts ?? undefined) : undefined;
  let cursor: string | undefined;
  do {
    const page = threadTs
      ? await client.conversations.replies({ channel, ts: threadTs, oldest, limit: 200, ...(cursor ? { cursor } : {}) })
      : await client.conversations.history({ channel, oldest, limit: 200, ...(cursor ? { cursor } : {}) });
    const hit = (page.messages as FileMessage[] | undefined)?.find((candidate) =>
      candidate.files?.some((file) => file.name === message.upload.filename),
    );
    if (hit?.ts) return hit.ts;
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return undefined;
}
