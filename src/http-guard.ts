import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { type ParsedUrlQuery, parse as parseQueryString } from 'node:querystring';
import type { HTTPReceiver, Logger } from '@slack/bolt';
import { HTTPModuleFunctions, verifySlackRequest } from './bolt';
import type { WireTimer } from './clock';
import { parsePayload } from './payload-json';
import { RequestTurns } from './request-turns';

/**
 * The door of POST /slack/events, in front of Bolt's HTTP receiver. A request is let in only when
 * its signature is Slack's (HMAC-SHA256 of "v0:timestamp:body" with the signing secret) and its
 * timestamp is within five minutes of now, in either direction: Bolt refuses only old timestamps,
 * and a signed request dated in the future could otherwise be replayed until that date. Refused
 * requests are answered 401 (413 when too large) without reaching any handler, counted, and logged
 * at most once a minute with the count, so a flood of forgeries cannot flood the log.
 */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;
/** How long one turn of the event loop handles requests before the rest wait for the next (src/request-turns.ts). */
const HANDLING_BUDGET_MS = 10;
/** Bolt's own limit on a request body. */
const BODY_LIMIT_BYTES = 4 * 1024 * 1024;

export type RefusalReason = 'stale' | 'future' | 'signature' | 'too_large' | 'malformed';

const REASON_TEXT: Record<RefusalReason, string> = {
  stale: 'timestamp too old',
  future: 'timestamp in the future',
  signature: 'bad or missing signature',
  too_large: 'body too large',
  malformed: 'signed, but not a request Slack sends',
};

/**
 * Counts refused requests and logs them at most once per `windowMs`: the first refusal at once,
 * then, at the end of each window that saw more, one line with how many and why.
 */
export class RefusedRequests {
  /** Every request refused since the start. */
  total = 0;
  private readonly inWindow = new Map<RefusalReason, number>();
  private windowOpen = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly windowMs = 60_000,
  ) {}

  record(reason: RefusalReason): void {
    this.total += 1;
    if (!this.windowOpen) {
      this.logger.warn(
        `refused a request to /slack/events (${REASON_TEXT[reason]}); further refusals are counted and logged once a minute`,
      );
      this.openWindow();
      return;
    }
    this.inWindow.set(reason, (this.inWindow.get(reason) ?? 0) + 1);
  }

  /** Ends the current window: logs what it counted (if anything) and opens the next one only then. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const count = [...this.inWindow.values()].reduce((sum, value) => sum + value, 0);
    if (count === 0) {
      this.windowOpen = false;
      return;
    }
    const reasons = [...this.inWindow].map(([reason, value]) => `${REASON_TEXT[reason]}: ${value}`).join(', ');
    this.logger.warn(`refused ${count} more requests to /slack/events in the last minute (${reasons}); ${this.total} since the start`);
    this.inWindow.clear();
    this.openWindow();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private openWindow(): void {
    this.windowOpen = true;
    this.timer = setTimeout(() => this.flush(), this.windowMs);
    this.timer.unref();
  }
}

/**
 * Why a request with these headers and body is not Slack's, or undefined when it is. The signature
 * is checked by Bolt's own verifySlackRequest, once: Bolt's receiver takes the door's word for the
 * requests the door let in (shareParsedBodies), so the body is hashed once, not twice. Bolt signs
 * the body's text and the timestamp as a number and reads the signature up to a second “=”; so the
 * door lets in only Slack's form of each — a timestamp without a leading zero, “v0=” and 64 hex
 * digits, a body that is UTF-8 (its text then is its bytes) — and what Bolt accepts of those is
 * exactly what an HMAC of the raw bytes and headers accepts.
 */
export function refusalOf(
  signingSecret: string,
  headers: IncomingMessage['headers'],
  body: Buffer,
  text: string,
  nowSeconds: number,
): RefusalReason | undefined {
  const timestampHeader = headers['x-slack-request-timestamp'];
  const signature = headers['x-slack-signature'];
  if (typeof timestampHeader !== 'string' || typeof signature !== 'string' || !/^[1-9]\d{0,11}$/.test(timestampHeader)) return 'signature';
  const timestamp = Number(timestampHeader);
  if (timestamp < nowSeconds - TIMESTAMP_TOLERANCE_SECONDS) return 'stale';
  if (timestamp > nowSeconds + TIMESTAMP_TOLERANCE_SECONDS) return 'future';
  if (!/^v0=[0-9a-f]{64}$/.test(signature) || !isUtf8(body)) return 'signature';
  try {
    verifySlackRequest({
      signingSecret,
      body: text,
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
      nowMilliseconds: nowSeconds * 1000,
    });
    return undefined;
  } catch {
    return 'signature';
  }
}

/**
 * Bodies the door read, let in (their signature checked by Bolt's verifySlackRequest on the body's
 * text, decoded once) and parsed, exactly as Bolt's receiver parses them (parseHTTPRequestBody: a
 * form's fields, or its `payload` as JSON, or a JSON body), for the receiver to take instead of
 * checking and parsing the body a second time.
 */
const readBodies = new WeakMap<IncomingMessage, { parsed: unknown }>();
let sharingParsedBodies = false;

function shareParsedBodies(): void {
  if (sharingParsedBodies) return;
  sharingParsedBodies = true;
  const boltParse = HTTPModuleFunctions.parseHTTPRequestBody;
  const boltVerify = HTTPModuleFunctions.parseAndVerifyHTTPRequest;
  // The receiver calls both through this module object, so the door's parse is used where it has one.
  (HTTPModuleFunctions as { parseHTTPRequestBody: typeof boltParse }).parseHTTPRequestBody = (request) =>
    readBodies.has(request) ? readBodies.get(request)?.parsed : boltParse(request);
  // Bolt's check parses a form body whole (querystring, a third of a modal submission's cost) only to
  // see whether it is an ssl_check, which the door has seen already: a body it parsed is none. Its
  // signature was checked by the door with Bolt's own verifySlackRequest (refusalOf), on this very text.
  (HTTPModuleFunctions as { parseAndVerifyHTTPRequest: typeof boltVerify }).parseAndVerifyHTTPRequest = async (
    options,
    request,
    response,
  ) => {
    if (!readBodies.has(request) || !HTTPModuleFunctions.isBufferedIncomingMessage(request)) return boltVerify(options, request, response);
    return request;
  };
}

/**
 * A form as querystring.parse reads it from `text`, the body's bytes `body` decoded; for a body that
 * is one `payload` field — every interaction Slack sends, tens of kilobytes for a modal — that field's
 * value as bytes, which querystring.parse reads as UTF-8 (the door parses its JSON from the bytes:
 * src/payload-json.ts). Such a value is decoded from the body's bytes in one pass, as parse decodes a
 * value (“+” is a space, then percent-decoding, leniently), without parse's character-by-character
 * scan (a raw “&” cannot be inside an encoded value, so without one the whole rest is the payload)
 * and without its three passes over the text (“+”, the escapes, the UTF-8 they spell). Only for
 * ASCII bytes, as Slack sends them: parse reads a raw non-ASCII character next to a lone “%” in its
 * own way, so such a body is left to it. The bytes are in a scratch buffer the next request reuses.
 */
export function readForm(body: Buffer, text: string): ParsedUrlQuery | Buffer {
  const payload = text.startsWith('payload=') && !text.includes('&') ? asciiFormValue(body, 'payload='.length) : undefined;
  return payload ?? parseQueryString(text);
}

/** The value of each hex digit by its character code; 255 for every other byte. */
const HEX_DIGITS = new Uint8Array(256).fill(255);
for (const [digits, first] of [
  ['0123456789', 0],
  ['abcdef', 10],
  ['ABCDEF', 10],
] as const) {
  for (let index = 0; index < digits.length; index++) HEX_DIGITS[digits.charCodeAt(index)] = first + index;
}
/** Where a payload's decoded bytes are written before they are read as UTF-8 (reused: nothing keeps it across requests). */
const decodedBytes = Buffer.allocUnsafeSlow(64 * 1024);

/**
 * The form value in `body` from `start` to its end, decoded as querystring.parse decodes it: “+” a
 * space, each “%” and two hex digits the byte they spell (any other “%” kept as it is); the bytes,
 * which querystring.parse reads as UTF-8 (an invalid sequence read as U+FFFD); undefined when a byte
 * is not ASCII.
 */
function asciiFormValue(body: Buffer, start: number): Buffer | undefined {
  const end = body.length;
  const out = end - start <= decodedBytes.length ? decodedBytes : Buffer.allocUnsafe(end - start);
  let written = 0;
  let index = start;
  while (index < end) {
    const byte = body[index]!;
    if (byte === 0x25 && index + 2 < end) {
      const high = HEX_DIGITS[body[index + 1]!]!;
      const low = HEX_DIGITS[body[index + 2]!]!;
      if ((high | low) < 16) {
        out[written++] = (high << 4) | low;
        index += 3;
        continue;
      }
    }
    if (byte > 0x7f) return undefined;
    out[written++] = byte === 0x2b ? 0x20 : byte;
    index++;
  }
  return out.subarray(0, written);
}

/**
 * A body as Bolt's parseHTTPRequestBody reads it; undefined when it cannot be read. A lone payload
 * field's decoded bytes are read by parsePayload: as JSON.parse reads them, the modal's blocks on first use.
 */
function parsedAsBolt(payload: Buffer | undefined, form: ParsedUrlQuery | undefined, text: string): unknown {
  try {
    if (payload) return parsePayload(payload);
    if (!form) return JSON.parse(text);
    return typeof form.payload === 'string' ? JSON.parse(form.payload) : form;
  } catch {
    return undefined;
  }
}

/**
 * Puts the check in front of `receiver`'s request listener (the one Bolt's server calls): the body is
 * read here, checked (the signature by Bolt's own verifySlackRequest: refusalOf) and handed on
 * already read and parsed, as Bolt accepts it; Bolt's receiver takes the door's word and the parsed
 * body (shareParsedBodies). Slack's ssl_check pings carry no signature; they are passed through to
 * Bolt's own check, which lets in nothing but the ssl_check itself. A request
 * read is checked and handled in arrival order, a few per turn of the event loop (RequestTurns), so
 * a new connection is let in within milliseconds even under load.
 */
export function guardSlackRequests(
  receiver: HTTPReceiver,
  options: { signingSecret: string; endpoint: string; wire: WireTimer; refused: RefusedRequests },
): void {
  shareParsedBodies();
  const turns = new RequestTurns(HANDLING_BUDGET_MS, () => options.wire.nowMs());
  const inner: RequestListener = receiver.requestListener;
  receiver.requestListener = (request: IncomingMessage, response: ServerResponse) => {
    // Slack posts to the endpoint itself: only another address is parsed to see what path it names.
    const path = request.url === options.endpoint ? request.url : new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method !== 'POST' || path !== options.endpoint) return inner(request, response);
    turns.after(readBody(request)).then(
      (body) => {
        const refuse = (status: number, reason: RefusalReason) => {
          options.refused.record(reason);
          response.writeHead(status);
          response.end();
        };
        if (body === undefined) return refuse(413, 'too_large');
        // A form is read once, here (a modal submission's is tens of kilobytes); a JSON body once it is signed.
        const text = body.toString('utf8');
        const read = request.headers['content-type'] === 'application/x-www-form-urlencoded' ? readForm(body, text) : undefined;
        const payload = Buffer.isBuffer(read) ? read : undefined;
        const form = Buffer.isBuffer(read) ? undefined : read;
        const sslCheck = form?.ssl_check === '1';
        const reason = sslCheck
          ? undefined
          : refusalOf(options.signingSecret, request.headers, body, text, Math.floor(options.wire.nowMs() / 1000));
        if (reason) return refuse(401, reason);
        const parsed = sslCheck ? undefined : parsedAsBolt(payload, form, text);
        // Bolt drops what it cannot type without answering (Slack would wait 3 s), and fails on some: said at once.
        if (!sslCheck && !isSlackRequest(parsed)) return refuse(400, 'malformed');
        (request as IncomingMessage & { rawBody: Buffer }).rawBody = body;
        // An ssl_check is parsed by Bolt, from the body it keeps of it (only ssl_check=1).
        if (!sslCheck) readBodies.set(request, { parsed });
        inner(request, response);
      },
      () => {
        response.writeHead(400);
        response.end();
      },
    );
  };
}

/**
 * Whether `parsed` is one of the requests Slack sends, as Bolt tells them apart: an event, a slash
 * command, a block action or suggestion, a shortcut, a modal submission or closing, a URL check.
 */
function isSlackRequest(parsed: unknown): boolean {
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return false;
  const request = parsed as Record<string, unknown>;
  const objectAt = (key: string) => typeof request[key] === 'object' && request[key] !== null;
  return (
    objectAt('event') ||
    typeof request.command === 'string' ||
    Array.isArray(request.actions) ||
    typeof request.name === 'string' ||
    ['block_suggestion', 'dialog_submission', 'shortcut', 'message_action', 'view_submission', 'view_closed', 'url_verification'].includes(
      String(request.type),
    )
  );
}

/** The whole body, or undefined once it passes the limit (the rest is not read). */
function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT_BYTES) {
        request.removeAllListeners('data');
        request.resume();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
