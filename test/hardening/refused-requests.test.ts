import { parse } from 'node:querystring';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RefusedRequests, readForm } from '../../src/http-guard';
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
  it.each([
    ['a payload, as Slack encodes it', new URLSearchParams({ payload }).toString()],
    ['a payload with + and %20 for spaces', `payload=${encodeURIComponent(payload).replaceAll('%20', '+')}`],
    ['a payload with a literal + encoded as %2B', 'payload=1%2B1+%3D+2'],
    ['a malformed escape, decoded leniently', 'payload=%E0%A4%A+%ZZ%'],
    ['an empty payload', 'payload='],
    ['a slash command (several fields)', 'command=%2Fthidua&text=xep+hang&user_id=U0CA0001'],
    ['an ssl_check', 'ssl_check=1&token=x'],
    ['a payload and another field', 'token=x&payload=%7B%7D'],
  ])('reads %s as querystring.parse does', (_, body) => {
    expect(readForm(body)).toEqual(parse(body));
  });
});
