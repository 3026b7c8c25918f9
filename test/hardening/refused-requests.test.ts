import { createHmac } from 'node:crypto';
import { parse } from 'node:querystring';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RefusedRequests, readForm, refusalOf } from '../../src/http-guard';
import { createLogger } from '../../src/logger';

describe('RefusedRequests', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('logs the first refusal at once, then at most one line a minute with the count, and nothing for a quiet minute', () => {
    const lines: string[] = [];
    const refused = new RefusedRequests(createLogger('warn', 'test', (line) => lines.push(line)));
    for (let index = 0; index < 1000; index++) refused.record(index % 3 ? 'signature' : 'stale');
    expect(lines).toHaveLength(1);
    vi.advanceTimersByTime(59_999);
    expect(lines).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(
      'WARN  [test] refused 999 more requests to /slack/events in the last minute (bad or missing signature: 666, timestamp too old: 333); 1000 since the start',
    );
    refused.record('future');
    vi.advanceTimersByTime(60_000);
    expect(lines).toHaveLength(3);
    // A quiet minute closes the window: the next refusal is logged at once again.
    vi.advanceTimersByTime(60_000);
    expect(lines).toHaveLength(3);
    refused.record('too_large');
    expect(lines.at(-1)).toBe(
      'WARN  [test] refused a request to /slack/events (body too large); further refusals are counted and logged once a minute',
    );
    expect(refused.total).toBe(1002);
    refused.stop();
  });
});

describe('readForm', () => {
  const payload = JSON.stringify({
    type: 'view_submission',
    view: { state: { values: { note: { value: 'Ghi chú: 50% + “Đạt” & xong' } } } },
  });
  const read = (body: string) => {
    const form = readForm(Buffer.from(body, 'utf8'), body);
    // A lone payload field comes as its bytes, which querystring.parse reads as UTF-8.
    return Buffer.isBuffer(form) ? { payload: form.toString('utf8') } : form;
  };
  it.each([
    ['a payload, as Slack encodes it', new URLSearchParams({ payload }).toString()],
    ['a payload with + and %20 for spaces', `payload=${encodeURIComponent(payload).replaceAll('%20', '+')}`],
    ['a payload with a literal + encoded as %2B', 'payload=1%2B1+%3D+2'],
    ['a malformed escape, decoded leniently', 'payload=%E0%A4%A+%ZZ%'],
    ['escapes in lower and upper case', 'payload=%c3%a1%C3%A1%e1%BB%B3'],
    ['a lone % before a valid escape, and at the end', 'payload=50%+%C4%91%E1%BA%A1t+%'],
    ['a % one or two characters from the end', 'payload=%4'],
    ['an escape of bytes that are not UTF-8', 'payload=%FF%C3%28%ED%A0%80'],
    ['raw UTF-8 characters', 'payload={"a":"Đạt “ổn”"}'],
    ['raw UTF-8 characters beside an escape', 'payload=%7B%22a%22:%22Đạt+%C4%91%22%7D'],
    ['raw UTF-8 characters beside a lone %', 'payload=Đạt+50%+%C4%91'],
    ['raw UTF-8 characters beside a lone %, with no escape', 'payload=Đạt+50%'],
    ['an empty payload', 'payload='],
    ['a slash command (several fields)', 'command=%2Fthidua&text=xep+hang&user_id=U0CA0001'],
    ['an ssl_check', 'ssl_check=1&token=x'],
    ['a payload and another field', 'token=x&payload=%7B%7D'],
  ])('reads %s as querystring.parse does', (_, body) => {
    expect(read(body)).toEqual(parse(body));
  });

  it('reads any mix of characters, escapes, pluses and lone % as querystring.parse does', () => {
    // A fixed sequence of pseudo-random picks, so a failure can be repeated.
    let seed = 15;
    const pick = <T>(choices: readonly T[]): T => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return choices[seed % choices.length]!;
    };
    const pieces = [
      'a',
      'Z',
      '0',
      '+',
      '%',
      '%2',
      '%20',
      '%2B',
      '%25',
      '%7B',
      '%c3',
      '%A1',
      '%E1%BB%B3',
      '%F0%9F%98%80',
      '%ZZ',
      '%G1',
      '=',
      '"',
      '\\',
    ];
    for (let round = 0; round < 2000; round++) {
      const length = 1 + (round % 40);
      const value = Array.from({ length }, () => pick(pieces)).join('');
      const body = `payload=${value}`;
      expect(read(body), body).toEqual(parse(body));
    }
  });
});

describe('refusalOf', () => {
  const secret = 'signing-secret';
  const now = 1_765_000_000;
  /** Slack's signature: an HMAC of "v0:", the timestamp header as sent, ":" and the body's bytes. */
  const signed = (timestamp: string, bytes: Buffer) =>
    `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(bytes).digest('hex')}`;
  const check = (bytes: Buffer, timestamp: string, signature: string) =>
    refusalOf(secret, { 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature }, bytes, bytes.toString('utf8'), now);
  const body = Buffer.from(new URLSearchParams({ payload: '{"type":"view_submission","note":"Đạt"}' }).toString());

  it('lets in a request signed as Slack signs it, and refuses one whose body or timestamp was changed', () => {
    expect(check(body, String(now), signed(String(now), body))).toBeUndefined();
    expect(check(Buffer.from(`${body}x`), String(now), signed(String(now), body))).toBe('signature');
    expect(check(body, String(now + 1), signed(String(now), body))).toBe('signature');
    expect(check(body, String(now - 301), signed(String(now - 301), body))).toBe('stale');
    expect(check(body, String(now + 301), signed(String(now + 301), body))).toBe('future');
  });

  it('lets in exactly what an HMAC of the raw bytes and headers lets in, though Bolt reads text, numbers and the signature up to a second "="', () => {
    const right = signed(String(now), body);
    // Bolt reads "0…" as a number: signed either way, a timestamp with a leading zero is not Slack's.
    expect(check(body, `0${now}`, signed(String(now), body))).toBe('signature');
    expect(check(body, `0${now}`, signed(`0${now}`, body))).toBe('signature');
    // Bolt compares only what comes before a second "=".
    expect(check(body, String(now), `${right}=more`)).toBe('signature');
    expect(check(body, String(now), right.toUpperCase().replace('V0=', 'v0='))).toBe('signature');
    // Bolt hashes the text: a byte that is not UTF-8 reads as U+FFFD, as the bytes of U+FFFD do.
    const replaced = Buffer.from(`${body}\ufffd`);
    const notUtf8 = Buffer.concat([body, Buffer.of(0xff)]);
    expect(notUtf8.toString('utf8')).toBe(replaced.toString('utf8'));
    expect(check(replaced, String(now), signed(String(now), replaced))).toBeUndefined();
    expect(check(notUtf8, String(now), signed(String(now), replaced))).toBe('signature');
    expect(check(notUtf8, String(now), signed(String(now), notUtf8))).toBe('signature');
  });
});
