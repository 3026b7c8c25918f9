import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../../db/store';

/**
 * Seals for button values that must not be altered. A button's value comes back in the request
 * as the client sends it; what the bot wrote there for itself (whose search a share button
 * belongs to, and the conversation it was made in) carries an HMAC of it, so a changed value is
 * recognised and refused. The key is random, made once per database and kept in it (meta
 * `button_seal_key`); deleting that row and restarting rotates it (buttons drawn before stop
 * working, and people search again).
 */
export interface Seal {
  /** A short tag for `subject` (22 characters). */
  sign(subject: string): string;
  verify(subject: string, tag: string): boolean;
}

const KEY_NAME = 'button_seal_key';

export function createSeal(key: Buffer): Seal {
  const sign = (subject: string) => createHmac('sha256', key).update(subject).digest('base64url').slice(0, 22);
  return {
    sign,
    verify(subject, tag) {
      const expected = Buffer.from(sign(subject));
      const given = Buffer.from(tag);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

/** The database's seal, its key made and stored on first use. */
export function sealOf(store: Store): Seal {
  let key = store.organisation.getMeta(KEY_NAME);
  if (!key) {
    key = randomBytes(32).toString('base64url');
    store.organisation.setMeta(KEY_NAME, key);
  }
  return createSeal(Buffer.from(key, 'base64url'));
}
