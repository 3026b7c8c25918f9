/**
 * A Slack payload's JSON, read from its UTF-8 bytes exactly as `JSON.parse(bytes.toString('utf8'))`
 * reads it, except that a modal's `view.blocks` (the modal's own definition, echoed back by Slack:
 * four fifths of a report submission's payload, and read by no listener on a submission) is parsed
 * only when something reads it. Its bytes are checked here to be one JSON value, as JSON.parse would
 * check them, so a body is refused or taken exactly as before; they are kept as bytes (never made a
 * string) and parsed on first read, after which `view.blocks` is an ordinary property.
 */

/** JSON's whitespace, the only bytes JSON.parse skips between tokens. */
const isWhitespace = (byte: number | undefined) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
const isDigit = (byte: number | undefined) => byte !== undefined && byte >= 0x30 && byte <= 0x39;
/** The escapes a JSON string may hold after its backslash: " \ / b f n r t (u is read apart). */
const SIMPLE_ESCAPES = new Uint8Array(256);
for (const byte of Buffer.from('"\\/bfnrt', 'latin1')) SIMPLE_ESCAPES[byte] = 1;
const HEX = new Uint8Array(256);
for (const byte of Buffer.from('0123456789abcdefABCDEF', 'latin1')) HEX[byte] = 1;
/** The bytes a JSON string holds as they are: all but control characters, the quote and the backslash. */
const IN_STRING = new Uint8Array(256).fill(1, 0x20);
IN_STRING[0x22] = 0;
IN_STRING[0x5c] = 0;
const VIEW = Buffer.from('"view"', 'latin1');
const BLOCKS = Buffer.from('"blocks"', 'latin1');

/**
 * JSON.parse's reading of `bytes` (UTF-8), with `view.blocks` read on first access. May overwrite
 * `bytes`: pass a buffer nothing else reads afterwards. Anything this does not expect (no view, no
 * blocks array, a key written with an escape, a key twice, bytes that are not JSON) goes to JSON.parse
 * whole, so the answer (or the error) is always JSON.parse's own.
 */
export function parsePayload(bytes: Buffer): unknown {
  // A payload without a plainly written "view" key (a message's button, a shortcut) has no blocks to
  // take apart: found by a native search, it is not walked byte by byte only to be parsed whole.
  const span = bytes.includes(VIEW) ? blocksSpan(bytes) : undefined;
  if (!span) return JSON.parse(bytes.toString('utf8'));
  const [start, end] = span;
  // The blocks' bytes get a buffer of their own; the rest, with a 0 in their place, is parsed now.
  const blocks = Buffer.from(bytes.subarray(start, end));
  bytes[start] = 0x30;
  bytes.copyWithin(start + 1, end);
  const restLength = bytes.length - (end - start) + 1;
  let parsed: { view?: { blocks?: unknown } };
  try {
    parsed = JSON.parse(bytes.toString('utf8', 0, restLength));
  } catch {
    // Cannot be, when the blocks are one JSON value where a value goes; JSON.parse's word on the whole, to be sure.
    return JSON.parse(original(bytes, start, restLength, blocks));
  }
  const view = parsed.view;
  if (typeof view !== 'object' || view === null || view.blocks !== 0) return JSON.parse(original(bytes, start, restLength, blocks));
  const settle = (value: unknown) => {
    Object.defineProperty(view, 'blocks', { value, writable: true, enumerable: true, configurable: true });
    return value;
  };
  // Redefining the property keeps its place among the view's keys (as JSON.stringify and Object.keys see them).
  Object.defineProperty(view, 'blocks', {
    get: () => settle(JSON.parse(blocks.toString('utf8'))),
    set: settle,
    enumerable: true,
    configurable: true,
  });
  return parsed;
}

/** The text `bytes` held before parsePayload put a 0 in place of the blocks. */
function original(bytes: Buffer, start: number, restLength: number, blocks: Buffer): string {
  return Buffer.concat([bytes.subarray(0, start), blocks, bytes.subarray(start + 1, restLength)]).toString('utf8');
}

/**
 * Where the top-level object's "view" object's "blocks" array is, as [start, end) of `bytes`; undefined
 * when there is none, when either key is written twice or a key at those two levels holds an escape
 * (JSON.parse reads "vi\u0065w" as "view"; this reads bytes), or when the array is not valid JSON.
 * The values around the blocks are only skipped here (JSON.parse checks them); the blocks are
 * checked as JSON.parse would, since they are not parsed now.
 */
export function blocksSpan(bytes: Buffer): [number, number] | undefined {
  let span: [number, number] | undefined;
  let sawView = false;
  const found = eachMember(bytes, skipWhitespace(bytes, 0), (keyStart, keyEnd, valueAt) => {
    if (!isKey(bytes, keyStart, keyEnd, VIEW)) return skipValue(bytes, valueAt);
    if (sawView || bytes[valueAt] !== 0x7b) return -1;
    sawView = true;
    let sawBlocks = false;
    return eachMember(bytes, valueAt, (innerStart, innerEnd, innerValueAt) => {
      if (!isKey(bytes, innerStart, innerEnd, BLOCKS)) return skipValue(bytes, innerValueAt);
      if (sawBlocks || bytes[innerValueAt] !== 0x5b) return -1;
      sawBlocks = true;
      const end = validValueEnd(bytes, innerValueAt);
      if (end >= 0) span = [innerValueAt, end];
      return end;
    });
  });
  // Only whitespace may follow the top-level object.
  return found >= 0 && skipWhitespace(bytes, found) === bytes.length ? span : undefined;
}

/**
 * Walks the members of the object at `at` (its “{”), calling `member` with each key's start and end
 * (its quotes included) and its value's start; `member` returns where the value ends, or -1 to give
 * up. Returns where the object ends, or -1. A key holding a backslash gives up: its bytes may not be
 * the key JSON.parse reads.
 */
function eachMember(bytes: Buffer, at: number, member: (keyStart: number, keyEnd: number, valueAt: number) => number): number {
  if (bytes[at] !== 0x7b) return -1;
  let index = skipWhitespace(bytes, at + 1);
  if (bytes[index] === 0x7d) return index + 1;
  for (;;) {
    if (bytes[index] !== 0x22) return -1;
    const keyStart = index;
    let closing = keyStart + 1;
    while (closing < bytes.length && bytes[closing] !== 0x22 && bytes[closing] !== 0x5c) closing++;
    if (bytes[closing] !== 0x22) return -1;
    index = skipWhitespace(bytes, closing + 1);
    if (bytes[index] !== 0x3a) return -1;
    const valueEnd = member(keyStart, closing + 1, skipWhitespace(bytes, index + 1));
    if (valueEnd < 0) return -1;
    index = skipWhitespace(bytes, valueEnd);
    if (bytes[index] === 0x7d) return index + 1;
    if (bytes[index] !== 0x2c) return -1;
    index = skipWhitespace(bytes, index + 1);
  }
}

function isKey(bytes: Buffer, keyStart: number, keyEnd: number, key: Buffer): boolean {
  if (keyEnd - keyStart !== key.length) return false;
  for (let index = 0; index < key.length; index++) if (bytes[keyStart + index] !== key[index]) return false;
  return true;
}

function skipWhitespace(bytes: Buffer, at: number): number {
  let index = at;
  while (isWhitespace(bytes[index])) index++;
  return index;
}

/** Where the string starting at `at` (its opening quote) ends, reading only its quotes and backslashes; -1 when it does not. */
function skipString(bytes: Buffer, at: number): number {
  const end = bytes.length;
  let index = at + 1;
  while (index < end) {
    const byte = bytes[index]!;
    if (byte === 0x22) return index + 1;
    index += byte === 0x5c ? 2 : 1;
  }
  return -1;
}

/**
 * Where the value at `at` ends, read for its strings and brackets only (JSON.parse checks the rest);
 * -1 when no value starts there or its brackets do not close.
 */
function skipValue(bytes: Buffer, at: number): number {
  const first = bytes[at];
  if (first === 0x22) return skipString(bytes, at);
  if (first === 0x7b || first === 0x5b) {
    let depth = 0;
    for (let index = at; index < bytes.length; index++) {
      const byte = bytes[index];
      if (byte === 0x22) {
        index = skipString(bytes, index) - 1;
        if (index < 0) return -1;
      } else if (byte === 0x7b || byte === 0x5b) depth++;
      else if ((byte === 0x7d || byte === 0x5d) && --depth === 0) return index + 1;
    }
    return -1;
  }
  let index = at;
  while (index < bytes.length && !ENDS_A_WORD[bytes[index]!]) index++;
  return index > at ? index : -1;
}

/** What ends a number or a literal: a comma, a closing bracket, whitespace. */
const ENDS_A_WORD = new Uint8Array(256);
for (const byte of Buffer.from(',}] \n\r\t', 'latin1')) ENDS_A_WORD[byte] = 1;

/** What validValueEnd expects next. */
const VALUE = 0;
const VALUE_OR_CLOSE = 1;
const KEY = 2;
const KEY_OR_CLOSE = 3;
const AFTER_VALUE = 4;

/**
 * Where the JSON value at `at` ends when it is one JSON.parse would take (RFC 8259's grammar: JSON.parse
 * takes no more and no less); -1 otherwise. Bytes of 0x80 and above are taken inside strings only,
 * where JSON.parse takes any character the UTF-8 decoding gives (U+FFFD for bytes that are not UTF-8).
 */
export function validValueEnd(bytes: Buffer, at: number): number {
  const end = bytes.length;
  // The open containers' closing brackets, innermost last.
  let closers = new Uint8Array(32);
  let depth = 0;
  let expect = VALUE;
  let index = at;
  while (index < end) {
    const byte = bytes[index]!;
    if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) {
      index++;
      continue;
    }
    if (expect === AFTER_VALUE) {
      if (byte === 0x2c) {
        expect = closers[depth - 1] === 0x7d ? KEY : VALUE;
        index++;
        continue;
      }
      if (byte !== closers[depth - 1]) return -1;
      index++;
      if (--depth === 0) return index;
      continue;
    }
    if (expect === KEY || expect === KEY_OR_CLOSE) {
      if (byte === 0x7d && expect === KEY_OR_CLOSE) {
        index++;
        if (--depth === 0) return index;
        expect = AFTER_VALUE;
        continue;
      }
      if (byte !== 0x22) return -1;
      index = skipWhitespace(bytes, validStringEnd(bytes, index));
      if (index < 0 || bytes[index] !== 0x3a) return -1;
      index++;
      expect = VALUE;
      continue;
    }
    // A value (or, just after “[”, the “]” of an empty array).
    if (byte === 0x7b || byte === 0x5b) {
      if (depth === closers.length) {
        const deeper = new Uint8Array(depth * 2);
        deeper.set(closers);
        closers = deeper;
      }
      closers[depth++] = byte + 2;
      expect = byte === 0x7b ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
      index++;
      continue;
    }
    if (byte === 0x5d && expect === VALUE_OR_CLOSE) {
      index++;
      if (--depth === 0) return index;
      expect = AFTER_VALUE;
      continue;
    }
    if (byte === 0x22) index = validStringEnd(bytes, index);
    else if (byte === 0x2d || isDigit(byte)) index = validNumberEnd(bytes, index);
    else index = literalEnd(bytes, index);
    if (index < 0) return -1;
    if (depth === 0) return index;
    expect = AFTER_VALUE;
  }
  return -1;
}

function validStringEnd(bytes: Buffer, at: number): number {
  const end = bytes.length;
  let index = at + 1;
  for (;;) {
    while (index < end && IN_STRING[bytes[index]!] === 1) index++;
    if (index >= end) return -1;
    const byte = bytes[index]!;
    if (byte === 0x22) return index + 1;
    if (byte !== 0x5c) return -1;
    const escaped = index + 1 < end ? bytes[index + 1]! : 0;
    if (escaped === 0x75) {
      if (index + 5 >= end || !(HEX[bytes[index + 2]!]! & HEX[bytes[index + 3]!]! & HEX[bytes[index + 4]!]! & HEX[bytes[index + 5]!]!))
        return -1;
      index += 6;
    } else if (SIMPLE_ESCAPES[escaped] === 1) index += 2;
    else return -1;
  }
}

/** -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
function validNumberEnd(bytes: Buffer, at: number): number {
  let index = bytes[at] === 0x2d ? at + 1 : at;
  if (bytes[index] === 0x30) index++;
  else if (isDigit(bytes[index])) while (isDigit(bytes[index])) index++;
  else return -1;
  if (bytes[index] === 0x2e) {
    if (!isDigit(bytes[++index])) return -1;
    while (isDigit(bytes[index])) index++;
  }
  if (bytes[index] === 0x65 || bytes[index] === 0x45) {
    index++;
    if (bytes[index] === 0x2b || bytes[index] === 0x2d) index++;
    if (!isDigit(bytes[index])) return -1;
    while (isDigit(bytes[index])) index++;
  }
  return index;
}

const LITERALS = ['true', 'false', 'null'].map((word) => Buffer.from(word, 'latin1'));

function literalEnd(bytes: Buffer, at: number): number {
  for (const literal of LITERALS)
    if (bytes[at] === literal[0] && isKey(bytes, at, at + literal.length, literal)) return at + literal.length;
  return -1;
}
