import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePayload } from '../../src/payload-json';

/** A JSON document as written: objects keep their members' order, duplicates and the key's own spelling. */
type Doc = null | boolean | { number: string } | { string: string } | Doc[] | { members: [key: string, value: Doc][] };

/** A deterministic picker, so one generated seed writes one text. */
function picker(seed: number) {
  let state = seed >>> 0 || 1;
  return (count: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % count;
  };
}

const WHITESPACE = ['', '', '', ' ', '\n', '\t', '\r\n  '];

/** A string as JSON text, each character written raw or as an escape, as a writer may choose. */
function writeString(value: string, pick: (count: number) => number): string {
  let text = '"';
  for (const character of value) {
    const code = character.codePointAt(0)!;
    const unicode = (unit: number) => {
      const digits = unit.toString(16).padStart(4, '0');
      return `\\u${pick(2) ? digits : digits.toUpperCase()}`;
    };
    const escaped = code > 0xffff ? unicode(character.charCodeAt(0)) + unicode(character.charCodeAt(1)) : unicode(code);
    if (character === '"') text += pick(2) ? '\\"' : escaped;
    else if (character === '\\') text += pick(2) ? '\\\\' : escaped;
    else if (character === '/') text += ['/', '\\/', escaped][pick(3)];
    else if (code < 0x20) text += JSON.stringify(character).length === 4 && pick(2) ? JSON.stringify(character).slice(1, -1) : escaped;
    else text += pick(5) === 0 ? escaped : character;
  }
  return `${text}"`;
}

function write(doc: Doc, pick: (count: number) => number): string {
  const space = () => WHITESPACE[pick(WHITESPACE.length)];
  if (doc === null || typeof doc === 'boolean') return String(doc);
  if (Array.isArray(doc)) return `[${space()}${doc.map((item) => write(item, pick) + space()).join(`,${space()}`)}]`;
  if ('number' in doc) return doc.number;
  if ('string' in doc) return writeString(doc.string, pick);
  const members = doc.members.map(([key, value]) => `${key}${space()}:${space()}${write(value, pick)}${space()}`);
  return `{${space()}${members.join(`,${space()}`)}}`;
}

/** Characters that trouble a scanner: quotes, backslashes, brackets, control characters, non-ASCII, the keys it looks for. */
const trickyString = fc.string({
  unit: fc.constantFrom(
    '"',
    '\\',
    '/',
    '[',
    ']',
    '{',
    '}',
    ':',
    ',',
    'a',
    ' ',
    'Đ',
    'ạ',
    '“',
    '😀',
    '\u0000',
    '\u001f',
    '\n',
    '\u2028',
    '\ud800',
    'view',
    'blocks',
    '\\u',
  ),
  maxLength: 12,
});
const number = fc.oneof(
  fc.constantFrom('0', '-0', '1e5', '-12.5E+3', '3.25', '1E-2', '2000'),
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => JSON.stringify(value)),
);
/** Keys as written: plain, the scanner's two (also escaped, which JSON.parse reads as the same key), or any string. */
const key = fc.oneof(
  fc.constantFrom('"type"', '"blocks"', '"view"', '"state"', '"bl\\u006fcks"', '"vi\\u0065w"', '"block\\"s"', '"__proto__"'),
  trickyString.map((value) => JSON.stringify(value)),
);

const { value } = fc.letrec<{ value: Doc; leaf: Doc }>((tie) => ({
  leaf: fc.oneof(
    fc.constant(null),
    fc.boolean(),
    number.map((text) => ({ number: text })),
    trickyString.map((text) => ({ string: text })),
  ),
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(key, tie('value')), { maxLength: 4 }).map((members) => ({ members })),
  ),
}));

/** A block of a modal: an object whose values may hold more "blocks" and "view" keys at any depth. */
const block = fc
  .array(fc.tuple(key, value), { maxLength: 5 })
  .map((members): Doc => ({ members: [['"type"', { string: 'input' }], ...members] }));

/** A payload shaped as Slack's: a view holding blocks among other members, in any order, sometimes twice or not at all. */
const payload = fc
  .record({
    blocks: fc.oneof({ weight: 6, arbitrary: fc.array(block, { maxLength: 6 }) }, { weight: 1, arbitrary: value }),
    viewMembers: fc.array(fc.tuple(key, value), { maxLength: 4 }),
    blocksAt: fc.nat(),
    secondBlocks: fc.option(value, { freq: 8 }),
    topMembers: fc.array(fc.tuple(key, value), { maxLength: 4 }),
    viewAt: fc.nat(),
    view: fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: value }),
  })
  .map(({ blocks, viewMembers, blocksAt, secondBlocks, topMembers, viewAt, view }) => {
    const inView: [string, Doc][] = [...viewMembers];
    inView.splice(blocksAt % (inView.length + 1), 0, ['"blocks"', blocks]);
    if (secondBlocks !== null) inView.push(['"blocks"', secondBlocks]);
    const top: [string, Doc][] = [['"type"', { string: 'view_submission' }], ...topMembers];
    top.splice(viewAt % (top.length + 1), 0, ['"view"', view ?? { members: inView }]);
    return { members: top } as Doc;
  });

/** Whether the scanner should take the blocks apart: one plain "view" object with one plain "blocks" array, no escaped key at either level. */
function lazyExpected(doc: Doc): boolean {
  const plain = (members: [string, Doc][], name: string) =>
    !members.some(([written]) => written.includes('\\')) && members.filter(([written]) => written === `"${name}"`).length === 1;
  if (!doc || typeof doc !== 'object' || !('members' in doc) || !plain(doc.members, 'view')) return false;
  const view = doc.members.find(([written]) => written === '"view"')![1];
  if (!view || typeof view !== 'object' || !('members' in view) || !plain(view.members, 'blocks')) return false;
  return Array.isArray(view.members.find(([written]) => written === '"blocks"')![1]);
}

/**
 * parsePayload reads `bytes` as JSON.parse reads their UTF-8: the same value (key order and -0
 * included), or the same error; with `lazy`, whether the blocks were left unread (checked before reading anything).
 */
function expectAsJsonParse(bytes: Buffer, lazy?: boolean): void {
  const text = bytes.toString('utf8');
  let expected: unknown;
  try {
    expected = JSON.parse(text);
  } catch (error) {
    expect(() => parsePayload(Buffer.from(bytes))).toThrow(error as Error);
    return;
  }
  const parsed = parsePayload(Buffer.from(bytes));
  if (lazy !== undefined) expect(isLazy(parsed)).toBe(lazy);
  expect(JSON.stringify(parsed)).toBe(JSON.stringify(expected));
  expect(parsed).toStrictEqual(expected);
}

function isLazy(parsed: unknown): boolean {
  const view = (parsed as { view?: unknown } | null)?.view;
  return typeof view === 'object' && view !== null && typeof Object.getOwnPropertyDescriptor(view, 'blocks')?.get === 'function';
}

describe('parsePayload', () => {
  const modal = {
    type: 'view_submission',
    user: { id: 'U0K20N02' },
    view: {
      id: 'V1',
      type: 'modal',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: '*Đơn vị 2* — “Báo cáo” [kỳ 2] {x}\n\\ "trích dẫn"' } },
        { type: 'input', block_id: 'report_value_1', element: { type: 'number_input', is_decimal_allowed: true, min_value: '0' } },
      ],
      private_metadata: '{"blocks":[1],"view":{}}',
      state: { values: { report_value_1: { value: { type: 'number_input', value: '12,5' } } } },
      hash: '1.2',
    },
    response_urls: [],
  };

  it("keeps a modal's blocks as bytes until they are read, then as an ordinary value", () => {
    const parsed = parsePayload(Buffer.from(JSON.stringify(modal))) as typeof modal;
    expect(isLazy(parsed)).toBe(true);
    expect(Object.keys(parsed.view)).toEqual(Object.keys(modal.view));
    const blocks = parsed.view.blocks;
    expect(blocks).toEqual(modal.view.blocks);
    expect(Object.getOwnPropertyDescriptor(parsed.view, 'blocks')).toEqual({
      value: blocks,
      writable: true,
      enumerable: true,
      configurable: true,
    });
    expect(parsed.view.blocks).toBe(blocks);
    expect(JSON.stringify(parsed)).toBe(JSON.stringify(modal));
  });

  it('takes a value written to the blocks before they are read', () => {
    const parsed = parsePayload(Buffer.from(JSON.stringify(modal))) as { view: { blocks: unknown } };
    parsed.view.blocks = [];
    expect(parsed.view.blocks).toEqual([]);
    expect(JSON.stringify(parsed)).toBe(JSON.stringify({ ...modal, view: { ...modal.view, blocks: [] } }));
  });

  it.each([
    ['no view', '{"type":"block_actions","actions":[]}'],
    ['a view without blocks', '{"view":{"id":"V1"}}'],
    ['blocks that are not an array', '{"view":{"blocks":{"a":1}}}'],
    ['a view that is not an object', '{"view":[{"blocks":[]}]}'],
    ['the view twice: JSON.parse keeps the last', '{"view":{"blocks":[1]},"view":{"blocks":[2]}}'],
    ['the blocks twice: JSON.parse keeps the last', '{"view":{"blocks":[1],"blocks":[2]}}'],
    ['the blocks again under an escaped name', '{"view":{"blocks":[1],"bl\\u006fcks":0}}'],
    ['the view again under an escaped name', '{"view":{"blocks":[1]},"vi\\u0065w":{"blocks":0}}'],
    ['a number just after the blocks', '{"view":{"blocks":[1]e5}}'],
    ['a fraction just after the blocks', '{"view":{"blocks":[1].5}}'],
    ['a control character in a block', '{"view":{"blocks":["a\u0001"]}}'],
    ['a bad escape in a block', '{"view":{"blocks":["\\x"]}}'],
    ['a short \\u escape in a block', '{"view":{"blocks":["\\u12"]}}'],
    ['a trailing comma in the blocks', '{"view":{"blocks":[1,]}}'],
    ['an unclosed block', '{"view":{"blocks":[{"a":1]}}'],
    ['a block closed by the wrong bracket', '{"view":{"blocks":[{"a":1]}}}'],
    ['blocks closed by the wrong bracket', '{"view":{"blocks":[1}]}}'],
    ['a number with a leading zero in the blocks', '{"view":{"blocks":[01]}}'],
    ['a non-ASCII character outside a string', '{"view":{"blocks":[Đ]}}'],
    ['a word that is not a literal', '{"view":{"blocks":[tru]}}'],
    ['text after the payload', '{"view":{"blocks":[]}} x'],
    ['whitespace JSON.parse does not take', '{"view":{"blocks":[\u00a01]}}'],
  ])('reads %s as JSON.parse does', (_, text) => {
    expectAsJsonParse(Buffer.from(text, 'utf8'), false);
  });

  it('takes apart blocks nested deeper than its first stack, and refuses them unclosed', () => {
    const nested = (depth: number, close = depth) => `{"view":{"blocks":${'[{"a":'.repeat(depth)}1${'}]'.repeat(close)}}}`;
    expectAsJsonParse(Buffer.from(nested(300)), true);
    expectAsJsonParse(Buffer.from(nested(300, 299)));
  });

  it('reads any payload as JSON.parse does, and takes the blocks apart whenever they stand plainly in the view', () => {
    fc.assert(
      fc.property(payload, fc.integer(), (doc, seed) => {
        expectAsJsonParse(Buffer.from(write(doc, picker(seed)), 'utf8'), lazyExpected(doc));
      }),
      { numRuns: 600 },
    );
  });

  it('refuses or takes any damaged payload as JSON.parse does', () => {
    const damage = fc.tuple(
      fc.constantFrom('delete', 'insert', 'replace', 'cut', 'byte'),
      fc.nat(),
      fc.constantFrom('"', '\\', '[', ']', '{', '}', ',', ':', '0', 'e', '.', '-', 'x', ' ', '\u0001', 'Đ', '\\u00', 'true'),
      fc.constantFrom(0xff, 0xc3, 0xe1, 0xed, 0x80),
    );
    fc.assert(
      fc.property(payload, fc.integer(), fc.array(damage, { minLength: 1, maxLength: 3 }), (doc, seed, damages) => {
        let bytes = Buffer.from(write(doc, picker(seed)), 'utf8');
        for (const [kind, position, text, byte] of damages) {
          const at = position % (bytes.length + 1);
          const piece = kind === 'byte' ? Buffer.of(byte) : Buffer.from(text, 'utf8');
          const after = kind === 'delete' || kind === 'replace' ? at + 1 : kind === 'cut' ? bytes.length : at;
          bytes = Buffer.concat([
            bytes.subarray(0, at),
            kind === 'delete' || kind === 'cut' ? Buffer.alloc(0) : piece,
            bytes.subarray(after),
          ]);
        }
        expectAsJsonParse(bytes);
      }),
      { numRuns: 1500 },
    );
  });
});
