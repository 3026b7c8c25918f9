import type { KnownBlock } from '@slack/types';

/** A message the bot posts on its own: to a channel, or to a user's DM. */
export interface OutgoingMessage {
  /** A channel id (C…/G…); or */
  channel?: string;
  /** a user id (U…/W…): the message goes to the DM with the bot. */
  user?: string;
  text: string;
  blocks?: KnownBlock[];
  /** Post as a reply in the thread of another outbox message, named by its key. */
  threadOfKey?: string;
  /** A file instead of a message (`text` becomes its comment); see src/delivery/uploads.ts. */
  upload?: OutgoingUpload;
  /** Not a message: `user`'s App Home, drawn again when it is delivered (DeliveryOptions.homes). */
  home?: true;
}

/**
 * The lane a message goes out in: one per conversation, a DM's named by its user (whether or not
 * its D… id is known yet). A Home is not a conversation: its redraws are paced apart from the
 * person's DMs. Stored with the entry when it is queued (the outbox's `lane`; migration 0017 gave
 * the entries queued before it theirs by this same rule).
 */
export function laneOf(message: OutgoingMessage): string {
  if (message.home) return `home:${message.user ?? ''}`;
  return message.user ? `user:${message.user}` : (message.channel ?? '');
}

/** The kind of the outbox entries that redraw someone's App Home. */
export const HOME_REFRESH_KIND = 'home';

export interface QueuedMessage {
  /** Unique forever: (kind, subject, recipient, slot). The same key is never posted twice. */
  key: string;
  kind: string;
  message: OutgoingMessage;
}

/** What a file to upload is built from at delivery time (see uploads.ts). */
export type UploadSource = { kind: string } & Record<string, string | number | boolean | null>;

export interface OutgoingUpload {
  filename: string;
  title: string;
  /** How to build the bytes at delivery time, e.g. { kind: 'standings_chart', snapshotId: 12 }. */
  source: UploadSource;
}
