import { createCipheriv, createDecipheriv, randomBytes, randomInt, scryptSync } from 'node:crypto';

/**
 * How a unit can change its secret ballot without the bot knowing what it chose: the ballot (a
 * fixed-width line, src/domain/ballots.ts) is encrypted with AES-256-GCM under a key derived (scrypt)
 * from a change code that is shown to the voter once and kept nowhere; the deliberation and unit are
 * bound in as associated data, so a sealed ballot cannot be moved to another unit. To change it the
 * unit gives the code back: the old ballot is opened, taken off the tallies and the new one sealed
 * with the same code. When the vote closes the sealed ballots are deleted.
 *
 * The code: 12 characters of Crockford's base-32 (60 bits), shown as XXXX-XXXX-XXXX, read back
 * whatever the case, spaces and dashes, with O as 0 and I, L as 1.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 12;
const SALT = 16;
const IV = 12;
const TAG = 16;
/** scrypt's cost: about 30 ms a ballot here, far too slow to try 2⁶⁰ codes against a stolen table. */
const SCRYPT = { N: 1 << 14, r: 8, p: 1 } as const;

export function newBallotCode(): string {
  return formatBallotCode(Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]!).join(''));
}

/** The code as shown: XXXX-XXXX-XXXX. */
export function formatBallotCode(canonical: string): string {
  return [0, 4, 8].map((start) => canonical.slice(start, start + 4)).join('-');
}

/** The code as typed, in its canonical form; undefined when it cannot be one. */
export function readBallotCode(typed: string): string | undefined {
  const canonical = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return canonical.length === CODE_LENGTH && [...canonical].every((character) => ALPHABET.includes(character)) ? canonical : undefined;
}

const keyOf = (code: string, salt: Buffer) => scryptSync(code, salt, 32, SCRYPT);
const boundTo = (deliberationId: number, unitId: number) => Buffer.from(`thidua-ballot:${deliberationId}:${unitId}`);

/** The ballot line sealed with the code, as base64 text (salt, IV, tag, ciphertext). */
export function sealBallot(line: string, code: string, deliberationId: number, unitId: number): string {
  const canonical = readBallotCode(code);
  if (!canonical) throw new Error('not a ballot code');
  const salt = randomBytes(SALT);
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', keyOf(canonical, salt), iv);
  cipher.setAAD(boundTo(deliberationId, unitId));
  const sealed = Buffer.concat([cipher.update(line, 'utf8'), cipher.final()]);
  return Buffer.concat([salt, iv, cipher.getAuthTag(), sealed]).toString('base64');
}

/** The ballot line, or undefined when the code (or the deliberation and unit) is not the one it was sealed with. */
export function openBallot(sealed: string, typedCode: string, deliberationId: number, unitId: number): string | undefined {
  const code = readBallotCode(typedCode);
  if (!code) return undefined;
  const bytes = Buffer.from(sealed, 'base64');
  if (bytes.length < SALT + IV + TAG) return undefined;
  const salt = bytes.subarray(0, SALT);
  const iv = bytes.subarray(SALT, SALT + IV);
  const tag = bytes.subarray(SALT + IV, SALT + IV + TAG);
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(code, salt), iv);
    decipher.setAAD(boundTo(deliberationId, unitId));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(bytes.subarray(SALT + IV + TAG)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
