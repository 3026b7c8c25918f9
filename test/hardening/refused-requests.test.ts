import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RefusedRequests } from '../../src/http-guard';
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
