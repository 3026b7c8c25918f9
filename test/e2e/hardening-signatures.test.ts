import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { realWireTimer } from '../../src/clock';
import { startTestBot, type TestBot } from '../support/bot';

/**
 * The door of /slack/events: a signed request dated more than five minutes away from now, in
 * either direction, is refused like a forged one (Bolt refused only old ones, so a request
 * captured with a future date could be replayed until then); refusals are counted and logged at
 * most once a minute with the count, so a flood of them cannot flood the log.
 */
const require = createRequire(import.meta.url);
let t: TestBot;
const log: string[] = [];
afterEach(async () => {
  log.length = 0;
  await t?.close();
});

const nowSeconds = () => Math.floor(realWireTimer.nowMs() / 1000);
const help = () =>
  new URLSearchParams({
    command: '/thidua',
    text: 'help',
    user_id: 'U0CA0001',
    channel_id: 'C0NOICHINH',
    response_url: t.slack.issueResponseUrl(),
  }).toString();

describe('requests dated away from now', () => {
  it('refuses a signed request dated more than 5 minutes in the future, as one more than 5 minutes old', async () => {
    t = await startTestBot();
    const sendAt = (offsetSeconds: number) => t.driver.send(help(), { timestampSeconds: nowSeconds() + offsetSeconds });
    expect((await sendAt(6 * 60)).status).toBe(401);
    expect((await sendAt(24 * 60 * 60)).status).toBe(401);
    expect((await sendAt(-6 * 60)).status).toBe(401);
    expect((await sendAt(4 * 60)).status).toBe(200);
    expect((await sendAt(-4 * 60)).status).toBe(200);
    expect(t.bot.refused.total).toBe(3);
  });

  it('counts refused requests and logs them once, not once each', async () => {
    t = await startTestBot({ logLines: log });
    const forged = Array.from({ length: 200 }, (_, index) =>
      index % 2
        ? t.driver.send(help(), { signature: `v0=${'0'.repeat(64)}` })
        : t.driver.send(help(), { timestampSeconds: nowSeconds() + 3600 }),
    );
    expect(new Set((await Promise.all(forged)).map((reply) => reply.status))).toEqual(new Set([401]));
    expect(log).toEqual([
      'WARN  [test] refused a request to /slack/events (timestamp in the future); further refusals are counted and logged once a minute',
    ]);
    const health = (await (await fetch(`http://127.0.0.1:${t.bot.port}/healthz`)).json()) as { refusedRequests: number };
    expect(health.refusedRequests).toBe(200);
    // The minute ends: one line with the count of the rest.
    t.bot.refused.flush();
    expect(log.at(-1)).toBe(
      'WARN  [test] refused 199 more requests to /slack/events in the last minute (bad or missing signature: 100, timestamp in the future: 99); 200 since the start',
    );
    expect(log).toHaveLength(2);
  });
});

describe('the body of a request let in', () => {
  /** A press of a button no listener knows, as Slack sends it (the payload's JSON). */
  const buttonPayload = (name: string) =>
    JSON.stringify({
      type: 'block_actions',
      team: { id: t.slack.teamId },
      user: { id: 'U0CA0001' },
      api_app_id: t.slack.appId,
      trigger_id: `T.${name}`,
      response_url: t.slack.issueResponseUrl(),
      actions: [{ type: 'button', action_id: `${name}-marker`, block_id: 'b', value: 'x', action_ts: '1' }],
    });

  it('is parsed once, by the door, and Bolt (which still checks the signature) takes that parse', async () => {
    t = await startTestBot();
    const button = buttonPayload('parse-once');
    const parsedPayloads: unknown[] = [];
    const parse = JSON.parse;
    JSON.parse = ((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
      if (text === button) parsedPayloads.push(text);
      return parse(text, reviver);
    }) as typeof JSON.parse;
    try {
      expect((await t.driver.send(new URLSearchParams({ payload: button }).toString())).status).toBe(200);
      await t.bot.listenersIdle();
      // A forged one is still refused: the door's parse is only handed to Bolt for requests it let in.
      const forged = await t.driver.send(new URLSearchParams({ payload: button }).toString(), { signature: `v0=${'0'.repeat(64)}` });
      expect(forged.status).toBe(401);
    } finally {
      JSON.parse = parse;
    }
    expect(parsedPayloads).toHaveLength(1);
  });

  it('is read from its bytes into text once: the door’s text is what Bolt’s signature check reads', async () => {
    t = await startTestBot();
    const body = new URLSearchParams({ payload: buttonPayload('text-once') }).toString();
    const bytes = Buffer.byteLength(body);
    const decode = Buffer.prototype.toString;
    const decoded: string[] = [];
    Buffer.prototype.toString = function (this: Buffer, ...args: Parameters<Buffer['toString']>) {
      if (this.length === bytes && decode.call(this) === body) decoded.push('decoded');
      return decode.apply(this, args);
    };
    try {
      expect((await t.driver.send(body)).status).toBe(200);
      await t.bot.listenersIdle();
      decoded.push('let in');
      // The text read once still has to be signed as Slack signed it.
      const forged = await t.driver.send(body, { signature: `v0=${'0'.repeat(64)}` });
      expect(forged.status).toBe(401);
    } finally {
      Buffer.prototype.toString = decode;
    }
    expect(decoded).toEqual(['decoded', 'let in', 'decoded']);
  });

  it('is not decoded again by Bolt to look for an ssl_check, and Bolt still checks its signature', async () => {
    t = await startTestBot();
    const body = new URLSearchParams({ payload: buttonPayload('decode-once') }).toString();
    // Bolt reads both through Node's module objects at each call (its own code is CommonJS).
    const querystring = require('node:querystring') as typeof import('node:querystring');
    const crypto = require('node:crypto') as typeof import('node:crypto');
    const parse = querystring.parse;
    const createHmac = crypto.createHmac;
    const decodedByBolt: string[] = [];
    let boltSignatures = 0;
    querystring.parse = ((text: string, ...rest: unknown[]) => {
      decodedByBolt.push(text);
      return (parse as (...args: unknown[]) => ReturnType<typeof parse>)(text, ...rest);
    }) as typeof parse;
    crypto.createHmac = ((...args: Parameters<typeof createHmac>) => {
      // Bolt's verifySlackRequest signs once itself (its comparison, tsscmp, hashes both sides again).
      if (new Error().stack?.split('\n')[2]?.includes('@slack/bolt/dist/receivers/verify-request.js')) boltSignatures += 1;
      return createHmac(...args);
    }) as typeof createHmac;
    try {
      expect((await t.driver.send(body)).status).toBe(200);
      await t.bot.listenersIdle();
    } finally {
      querystring.parse = parse;
      crypto.createHmac = createHmac;
    }
    expect(decodedByBolt.filter((text) => text === body)).toEqual([]);
    expect(boltSignatures).toBe(1);
  });
});

describe('every kind of body Slack sends', () => {
  /** Requests of each kind Slack sends, signed by `send` unless given a signature; none reaches a listener forged. */
  const forgery = `v0=${'0'.repeat(64)}`;
  const homeOpened = () =>
    JSON.stringify({
      team_id: t.slack.teamId,
      api_app_id: t.slack.appId,
      type: 'event_callback',
      event_id: 'Ev0FORGED',
      event_time: nowSeconds(),
      event: { type: 'app_home_opened', user: 'U0CA0001', channel: 'DU0CA0001', tab: 'home', event_ts: '1615770000.000100' },
    });
  const urlCheck = JSON.stringify({ type: 'url_verification', token: 'x', challenge: 'challenge-of-a-forger' });
  /** A modal submission whose blocks the door leaves unparsed (src/payload-json.ts) until read. */
  const submission = () =>
    new URLSearchParams({
      payload: JSON.stringify({
        type: 'view_submission',
        team: { id: t.slack.teamId },
        user: { id: 'U0CA0001' },
        api_app_id: t.slack.appId,
        view: { id: 'V0FORGED', callback_id: 'unknown-modal', blocks: [{ type: 'input', block_id: 'b' }], state: { values: {} } },
      }),
    }).toString();

  it('is refused forged, before Bolt takes the door’s word for it: an event, a URL check, a command, a modal submission', async () => {
    t = await startTestBot();
    t.statements.length = 0;
    const callsBefore = t.slack.calls.length;
    const json = { contentType: 'application/json', signature: forgery };
    expect((await t.driver.send(homeOpened(), json)).status).toBe(401);
    const urlReply = await t.driver.send(urlCheck, json);
    expect(urlReply.status).toBe(401);
    expect(JSON.stringify(urlReply.body)).not.toContain('challenge-of-a-forger');
    expect((await t.driver.send(help(), { signature: forgery })).status).toBe(401);
    expect((await t.driver.send(submission(), { signature: forgery })).status).toBe(401);
    await t.bot.listenersIdle();
    expect(t.bot.refused.total).toBe(4);
    expect(t.statements).toEqual([]);
    expect(t.slack.calls.length).toBe(callsBefore);
    expect(t.slack.responses).toEqual([]);
    // Signed, the same event and URL check are let in: the refusals above were the signature's.
    expect((await t.driver.send(homeOpened(), { contentType: 'application/json' })).status).toBe(200);
    await t.slack.waitFor(() => t.slack.callsTo('views.publish').length === 1, 5000, 'the home tab');
    expect(JSON.stringify((await t.driver.send(urlCheck, { contentType: 'application/json' })).body)).toContain('challenge-of-a-forger');
  });

  it('carries nothing past the door unsigned with an ssl_check: what rides along reaches no listener', async () => {
    t = await startTestBot();
    t.statements.length = 0;
    const callsBefore = t.slack.calls.length;
    const smuggled = `ssl_check=1&${help()}`;
    const reply = await t.driver.send(smuggled, { signature: forgery });
    expect([reply.status, reply.body]).toEqual([200, '']);
    await t.bot.listenersIdle();
    expect(t.statements).toEqual([]);
    expect(t.slack.calls.length).toBe(callsBefore);
    expect(t.slack.responses).toEqual([]);
  });
});
