import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import type { HTTPReceiver } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { guardSlackRequests, RefusedRequests } from '../../src/http-guard';
import { silentLogger } from '../../src/logger';
import { RequestTurns } from '../../src/request-turns';

/** Turns of the event loop played by hand: `nextTurn()` runs what was scheduled for the next one. */
function harness(budgetMs = 10) {
  let now = 0;
  let scheduled: (() => void)[] = [];
  const handled: string[] = [];
  const turns = new RequestTurns(
    budgetMs,
    () => now,
    (callback) => scheduled.push(callback),
  );
  /** A request whose handling takes `ms`. */
  const request = (name: string, ms = 4) =>
    turns.handle(() => {
      handled.push(name);
      now += ms;
    });
  const nextTurn = () => {
    const due = scheduled;
    scheduled = [];
    for (const callback of due) callback();
  };
  return { turns, handled, request, nextTurn, scheduledCount: () => scheduled.length, advance: (ms: number) => (now += ms) };
}

describe('RequestTurns', () => {
  it('handles a request at once while the turn has budget left and nothing waits', () => {
    const { handled, request, turns } = harness();
    request('a');
    request('b');
    expect(handled).toEqual(['a', 'b']);
    expect(turns.waitingCount).toBe(0);
  });

  it('once a turn spent its budget, lets the rest wait and handles one waiting request per turn, in arrival order', () => {
    const { handled, request, nextTurn, turns } = harness();
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f']) request(name);
    // 4 ms each: a, b and c start within the 10 ms; d, e and f wait.
    expect(handled).toEqual(['a', 'b', 'c']);
    expect(turns.waitingCount).toBe(3);
    nextTurn();
    expect(handled).toEqual(['a', 'b', 'c', 'd']);
    // Arriving while others wait, a request goes behind them even in a fresh turn.
    request('g', 1);
    expect(handled).toEqual(['a', 'b', 'c', 'd']);
    nextTurn();
    nextTurn();
    nextTurn();
    expect(handled).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(turns.waitingCount).toBe(0);
  });

  it('gives the budget back at the next turn, and schedules nothing once idle', () => {
    const { handled, request, nextTurn, scheduledCount } = harness();
    request('a', 12);
    request('b');
    expect(handled).toEqual(['a']);
    nextTurn();
    expect(handled).toEqual(['a', 'b']);
    nextTurn();
    expect(scheduledCount()).toBe(0);
    // A quiet moment later the turn's budget is whole: two requests at once.
    request('c');
    request('d');
    expect(handled).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps handling the waiting requests when one of them throws', () => {
    const { turns, handled, request, nextTurn } = harness();
    request('a', 20);
    turns.handle(() => {
      throw new Error('a handler failed');
    });
    request('c');
    expect(() => nextTurn()).toThrow('a handler failed');
    nextTurn();
    expect(handled).toEqual(['a', 'c']);
  });

  it('passes what was read on when its turn comes, and a failed read at once', async () => {
    const { turns, request, nextTurn, handled } = harness();
    request('a', 20);
    let got: string | undefined;
    const waiting = turns.after(Promise.resolve('body')).then((body) => (got = body));
    await Promise.resolve();
    expect(got).toBeUndefined();
    nextTurn();
    await waiting;
    expect(got).toBe('body');
    expect(handled).toEqual(['a']);
    await expect(turns.after(Promise.reject(new Error('aborted')))).rejects.toThrow('aborted');
  });
});

describe('the door of /slack/events', () => {
  it('hands a request read once the turn spent its budget to Bolt only at the next turn', async () => {
    const secret = 'turns-secret';
    const handedOn: string[] = [];
    const receiver = {
      requestListener: (request: IncomingMessage) => handedOn.push(String(request.headers['x-name'])),
    } as unknown as HTTPReceiver;
    // Every reading of the wire clock is 20 ms later: the first request spends the turn's budget.
    let wireMs = Date.now();
    const wire = { nowMs: () => (wireMs += 20), sleep: async () => {} };
    guardSlackRequests(receiver, { signingSecret: secret, endpoint: '/slack/events', wire, refused: new RefusedRequests(silentLogger) });
    const send = (name: string) => {
      const body = `command=%2Fthidua&text=${name}&user_id=U0TURNS`;
      const timestamp = String(Math.floor(Date.now() / 1000));
      const request = Object.assign(new PassThrough(), {
        method: 'POST',
        url: '/slack/events',
        headers: {
          'x-name': name,
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': timestamp,
          'x-slack-signature': `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`,
        },
      });
      receiver.requestListener(request as unknown as IncomingMessage, {} as ServerResponse);
      request.end(body);
    };
    send('a');
    send('b');
    // The bodies are read and checked (stream events and promises, no turn of the loop).
    for (let tick = 0; tick < 20; tick++) await new Promise((resolve) => process.nextTick(resolve));
    expect(handedOn).toEqual(['a']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(handedOn).toEqual(['a', 'b']);
  });
});
