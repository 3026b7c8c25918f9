import fc from 'fast-check';
import { realWireTimer } from '../../src/clock';
import * as ids from '../../src/views/ids';
import { startTestBot, type TestBot } from '../support/bot';

/**
 * The fuzz suite's cases and how one is run, shared by the sample in `npm test`
 * (test/fuzz/fuzz.test.ts) and `npm run fuzz` (test/fuzz/run.ts, 10,000 cases and a table).
 *
 * Every case goes through the real HTTP path: signed (or deliberately not) and posted to the
 * running bot's /slack/events, as Slack would. Each case is input the bot must not act on — a
 * command (no command writes), or an interaction whose values, metadata or ids were never drawn by
 * the bot — so after each one, once every handler is idle, the database must be unchanged. A
 * crash is a 5xx, a request that got no answer, or an ERROR in the log (a listener that threw).
 */
export type CaseKind = 'command' | 'block_actions' | 'view_submission' | 'view_closed' | 'event' | 'shortcut' | 'malformed';

export interface FuzzCase {
  kind: CaseKind;
  /** The raw body and how it is sent. */
  body: string;
  contentType: string;
  signed: boolean;
}

const MEMBERS = ['U0CA0001', 'U0TP0001', 'U0ADMIN01', 'U0TT0001', 'U0YT0001'];
const user = fc.oneof(fc.constantFrom(...MEMBERS), fc.stringMatching(/^U[0-9A-Z]{2,12}$/), fc.string({ maxLength: 20 }));
const channel = fc.oneof(
  fc.constantFrom('C0NOICHINH', 'C0VHXH', 'C0GENERAL', 'DU0CA0001'),
  fc.stringMatching(/^[CDGU][0-9A-Z]{1,12}$/),
  fc.string(),
);

/** Every id the app answers to (callbacks, actions, block ids), plus prefixes followed by numbers. */
const strings = (values: unknown[]) => values.filter((value): value is string => typeof value === 'string');
const KNOWN = [...strings(Object.values(ids)), ...strings(Object.values(ids.directiveIds)), ...Object.values(ids.directiveIds.fields)];
const knownId = fc.oneof(
  fc.constantFrom(...KNOWN),
  fc.tuple(fc.constantFrom(...KNOWN), fc.integer()).map(([prefix, id]) => `${prefix}${id}`),
  fc.string({ maxLength: 40 }),
);

/** Words people type, fragments of markup, SQL and FTS5 syntax, control and odd characters. */
const FRAGMENTS = [
  'xephang',
  'tiendo',
  'baocao',
  'dangky',
  'giaouoc',
  'tieuchi',
  'hanchot',
  'vanban',
  'vanban them',
  'vanban sua',
  'help',
  'Q1',
  'quy I',
  'noi chinh',
  'Khối thi đua Nội chính',
  '2021',
  'STP',
  '<!channel>',
  '<!here>',
  '<@U0CA0001>',
  '<#C0NOICHINH|x>',
  '<http://evil.example|bấm>',
  '*đậm*',
  '`mã`',
  '&amp;',
  "'; DROP TABLE reports; --",
  '" OR 1=1 --',
  'NEAR(thi dua, 2)',
  'title:khen*',
  '"unterminated',
  '^thi AND OR NOT',
  '{}',
  '[',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u202e',
  '\u200b',
  'a\u0301\u0302\u0303',
  '\ud800',
  '🏆',
];
const fragment = fc.constantFrom(...FRAGMENTS);
const commandText = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.oneof(fragment, fc.string({ maxLength: 12 })), { maxLength: 12 }).map((words) => words.join(' ')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 4000, maxLength: 6000 }) },
  // 1,000+ words: short ones fit under the length cap and reach the parsers; long ones are refused by it.
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('xephang', 'tiendo', 'baocao', 'giaouoc', 'tieuchi', 'vanban', 'dangky'),
        fc.array(fc.constantFrom('a', 'I', '6', 'q', 'x'), { minLength: 900, maxLength: 990 }),
      )
      .map(([command, words]) => `${command} ${words.join(' ')}`),
  },
  { weight: 1, arbitrary: fc.array(fragment, { minLength: 1000, maxLength: 1500 }).map((words) => words.join(' ')) },
  // Control characters among ordinary ones.
  {
    weight: 1,
    arbitrary: fc
      .array(
        fc.oneof(
          fc.constantFrom('\u0000', '\u0001', '\t', '\r', '\n', '\u007f', '\u0085', '\u2028', '\ufeff'),
          fc.string({ maxLength: 4 }),
        ),
        { maxLength: 80 },
      )
      .map((parts) => parts.join('')),
  },
);

/** A value that reads as nothing this bot wrote: no small ids a real button could carry. */
const forgedValue = fc
  .oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc
      .record(
        {
          b: fc.integer({ min: 1_000_000 }),
          pe: fc.integer({ min: 1_000_000 }),
          r: fc.integer(),
          p: fc.integer(),
          u: fc.integer({ min: 1_000_000 }),
          q: fc.string(),
          o: fc.integer(),
          d: fc.integer({ min: 1_000_000 }),
          c: channel,
          s: fc.string(),
        },
        { requiredKeys: [] },
      )
      .map((value) => JSON.stringify(value)),
    fc.tuple(fc.integer({ min: 1_000_000 }), fc.integer({ min: 1_000_000 })).map(([a, b]) => `${a}:${b}`),
    fc.constantFrom('pledge:999999', 'report:999999', 'constructor:1', '__proto__:1', ''),
    fc.string({ minLength: 1990, maxLength: 2100 }),
  )
  // The shapes of real values with ids that exist ("3:5", {"b":1,"pe":2}) are left out: they are not forged.
  .filter((value) => !/^\s*\d{1,5}\s*:\s*\d{1,5}\s*$/.test(value) && !/"b":\d{1,5}\b/.test(value));

const teamAndApp = { team: { id: 'T0THIDUA', domain: 'thidua-local' }, api_app_id: 'A0THIDUA', token: 'deprecated-verification-token' };

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

function payload(body: Record<string, unknown>): string {
  return form({ payload: JSON.stringify(body) });
}

const commandCase = fc.record({ user, channel, text: commandText }).map(
  ({ user: userId, channel: channelId, text }): FuzzCase => ({
    kind: 'command',
    contentType: 'application/x-www-form-urlencoded',
    signed: true,
    body: form({
      command: '/thidua',
      text,
      user_id: userId,
      user_name: 'fuzz',
      channel_id: channelId,
      team_id: 'T0THIDUA',
      api_app_id: 'A0THIDUA',
      response_url: 'RESPONSE_URL',
      trigger_id: 'TRIGGER_ID',
    }),
  }),
);

const stateValue = fc.oneof(
  fc.record({
    type: fc.constant('plain_text_input'),
    value: fc.oneof(fc.string(), fc.string({ minLength: 3000, maxLength: 5000 }), fc.constant(null)),
  }),
  fc.record({ type: fc.constant('radio_buttons'), selected_option: fc.option(fc.record({ value: fc.string() })) }),
  fc.record({ type: fc.constant('checkboxes'), selected_options: fc.array(fc.record({ value: fc.string() })) }),
  fc.record({ type: fc.constant('datepicker'), selected_date: fc.option(fc.string()) }),
  fc.jsonValue(),
);
const stateValues = fc.dictionary(
  knownId,
  fc.dictionary(fc.oneof(fc.constantFrom('value', 'reason'), fc.string()), stateValue, { maxKeys: 3 }),
  {
    maxKeys: 20,
  },
);
const metadata = fc.oneof(
  fc.string(),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc
    .record(
      {
        u: fc.integer({ min: 1_000_000 }),
        r: fc.integer({ min: 1_000_000 }),
        y: fc.integer(),
        p: fc.integer(),
        c: fc.string(),
        id: fc.integer({ min: 1_000_000 }),
        v: fc.integer({ min: 1_000_000 }),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
);
const viewOf = fc.record({
  id: fc.stringMatching(/^V[0-9A-Z]{4,12}$/),
  type: fc.constant('modal'),
  callback_id: knownId,
  private_metadata: metadata,
  hash: fc.string({ maxLength: 10 }),
  blocks: fc.array(fc.record({ type: fc.constantFrom('input', 'section', 'actions'), block_id: knownId }), { maxLength: 5 }),
  state: fc.record({ values: stateValues }),
});

const actionsCase = fc
  .record({
    user,
    channel,
    actions: fc.array(
      fc.record({ type: fc.constant('button'), action_id: knownId, block_id: knownId, value: forgedValue, action_ts: fc.constant('1') }),
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
    container: fc.constantFrom('message', 'ephemeral', 'view'),
    view: viewOf,
  })
  .map(({ user: userId, channel: channelId, actions, container, view }): FuzzCase => {
    const where =
      container === 'view'
        ? { container: { type: 'view', view_id: view.id }, view }
        : {
            container: { type: 'message', message_ts: '1.000100', channel_id: channelId, is_ephemeral: container === 'ephemeral' },
            channel: { id: channelId },
            ...(container === 'message' ? { message: { ts: '1.000100', text: '', blocks: [] } } : {}),
            response_url: 'RESPONSE_URL',
          };
    return {
      kind: 'block_actions',
      contentType: 'application/x-www-form-urlencoded',
      signed: true,
      body: payload({
        type: 'block_actions',
        ...teamAndApp,
        user: { id: userId, team_id: 'T0THIDUA' },
        trigger_id: 'TRIGGER_ID',
        actions,
        ...where,
      }),
    };
  });

const viewCase = fc.record({ user, view: viewOf, closed: fc.boolean() }).map(
  ({ user: userId, view, closed }): FuzzCase => ({
    kind: closed ? 'view_closed' : 'view_submission',
    contentType: 'application/x-www-form-urlencoded',
    signed: true,
    body: payload({
      type: closed ? 'view_closed' : 'view_submission',
      ...teamAndApp,
      user: { id: userId, team_id: 'T0THIDUA' },
      trigger_id: 'TRIGGER_ID',
      view,
      response_urls: [],
    }),
  }),
);

const eventCase = fc
  .record({
    type: fc.oneof(fc.constantFrom('app_home_opened', 'message', 'app_mention'), fc.string()),
    user,
    tab: fc.constantFrom('home', 'messages'),
    id: fc.stringMatching(/^Ev[0-9A-Z]{8}$/),
  })
  .map(
    (event): FuzzCase => ({
      kind: 'event',
      contentType: 'application/json',
      signed: true,
      body: JSON.stringify({
        ...teamAndApp,
        team_id: 'T0THIDUA',
        type: 'event_callback',
        event_id: event.id,
        event_time: 1,
        event: { type: event.type, user: event.user, tab: event.tab },
      }),
    }),
  );

const shortcutCase = fc.record({ user, callback: knownId, kind: fc.constantFrom('shortcut', 'message_action', 'block_suggestion') }).map(
  ({ user: userId, callback, kind }): FuzzCase => ({
    kind: 'shortcut',
    contentType: 'application/x-www-form-urlencoded',
    signed: true,
    body: payload({
      type: kind,
      ...teamAndApp,
      user: { id: userId },
      callback_id: callback,
      action_id: callback,
      block_id: callback,
      value: '',
      trigger_id: 'TRIGGER_ID',
    }),
  }),
);

const malformedCase = fc.oneof(
  // Signed bodies that parse to something Slack never sends: a scalar, null, a list, an object of no known type.
  fc
    .oneof(
      fc.constantFrom('7', 'null', '[]', '{}', '"x"', '{"type":"frobnicate"}', '{"event":null}'),
      fc.jsonValue().map((value) => JSON.stringify(value)),
    )
    .chain((json) =>
      fc.constantFrom<FuzzCase>(
        { kind: 'malformed', contentType: 'application/x-www-form-urlencoded', signed: true, body: form({ payload: json }) },
        { kind: 'malformed', contentType: 'application/json', signed: true, body: json },
      ),
    ),
  fc.string({ maxLength: 500 }).map(
    (text): FuzzCase => ({
      kind: 'malformed',
      contentType: 'application/x-www-form-urlencoded',
      signed: true,
      body: form({ payload: text }),
    }),
  ),
  fc.string({ maxLength: 500 }).map((text): FuzzCase => ({ kind: 'malformed', contentType: 'application/json', signed: true, body: text })),
  commandCase.map((command): FuzzCase => ({ ...command, kind: 'malformed', signed: false })),
);

/** Every kind of case, weighted towards what a person or a forger would send most. */
export const fuzzCase: fc.Arbitrary<FuzzCase> = fc.oneof(
  { weight: 5, arbitrary: commandCase },
  { weight: 4, arbitrary: actionsCase },
  { weight: 3, arbitrary: viewCase },
  { weight: 1, arbitrary: eventCase },
  { weight: 1, arbitrary: shortcutCase },
  { weight: 1, arbitrary: malformedCase },
);

export interface CaseOutcome {
  status: number;
  ackMs: number;
  /** Rows changed in the database by this case (the Events API's own de-duplication record aside). */
  changes: number;
  /** ERROR lines logged while it was handled. */
  errors: string[];
}

export interface Fuzzer {
  run(fuzz: FuzzCase): Promise<CaseOutcome>;
  close(): Promise<void>;
}

/** A bot (demo organisation, before the Q1 due) to run cases against; log lines are collected. */
export async function startFuzzer(): Promise<Fuzzer> {
  const log: string[] = [];
  const t: TestBot = await startTestBot({ now: new Date('2021-04-08T02:00:00Z'), logLines: log, logLevel: 'error' });
  const changes = () => (t.bot.handle.sqlite.prepare('select total_changes() as n').get() as { n: number }).n;
  const claims = () => (t.bot.handle.sqlite.prepare('select count(*) as n from processed_events').get() as { n: number }).n;
  // A member's Slack language is read and kept on their first command (src/services/people.ts): the
  // members have each typed one before the cases, so that a case's count of changes is its own.
  // Likewise their App Home: opened once, it is redrawn when their data changes.
  for (const [index, member] of MEMBERS.entries()) {
    await t.driver.slashCommand(member, 'help');
    await t.driver.sendEvent({ type: 'app_home_opened', user: member, channel: `D${member}`, tab: 'home' }, `Ev0WARM${index}`);
  }
  await t.bot.idle();
  return {
    async run(fuzz) {
      // Slack's own parts of each request: a response_url and a trigger_id it issued.
      const body = fuzz.body
        .replaceAll('RESPONSE_URL', encodeURIComponent(t.slack.issueResponseUrl()))
        .replaceAll('TRIGGER_ID', encodeURIComponent(t.slack.issueTrigger('U0CA0001')));
      const before = { changes: changes(), claims: claims(), log: log.length };
      const startedAt = realWireTimer.nowMs();
      let status = 0;
      try {
        const reply = await t.driver.send(body, { contentType: fuzz.contentType, ...(fuzz.signed ? {} : { signature: 'v0=forged' }) });
        status = reply.status;
      } catch {
        status = 0; // no answer at all
      }
      const ackMs = realWireTimer.nowMs() - startedAt;
      await t.bot.idle();
      return {
        status,
        ackMs,
        changes: changes() - before.changes - (claims() - before.claims),
        errors: log.slice(before.log).filter((line) => line.startsWith('ERROR')),
      };
    },
    close: () => t.close(),
  };
}

export interface Tally {
  cases: number;
  ok2xx: number;
  client4xx: number;
  server5xx: number;
  noAnswer: number;
  maxAckMs: number;
  changes: number;
  crashes: number;
}

export function emptyTally(): Tally {
  return { cases: 0, ok2xx: 0, client4xx: 0, server5xx: 0, noAnswer: 0, maxAckMs: 0, changes: 0, crashes: 0 };
}

export function add(tally: Tally, outcome: CaseOutcome): void {
  tally.cases += 1;
  if (outcome.status >= 200 && outcome.status < 300) tally.ok2xx += 1;
  else if (outcome.status >= 400 && outcome.status < 500) tally.client4xx += 1;
  else if (outcome.status >= 500) tally.server5xx += 1;
  else tally.noAnswer += 1;
  tally.maxAckMs = Math.max(tally.maxAckMs, outcome.ackMs);
  tally.changes += outcome.changes;
  tally.crashes += outcome.errors.length + (outcome.status >= 500 || outcome.status === 0 ? 1 : 0);
}
