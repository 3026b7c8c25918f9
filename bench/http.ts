/**
 * `npm run bench:http [-- --app-dir DIR …] [--duration S] [--connections 1,10,50] [--rounds N] [--only read,heavy,write] [--profile] [--probe]`
 *
 * The real app, started as production starts it (`npm start`'s `node [flags] bin/thidua.mjs start`
 * in HTTP mode over a SQLite file), against a bare Bolt app that only acknowledges the same signed requests
 * (bench/bare-bolt.mjs), each in its own process; the load comes from autocannon in a third process
 * (bench/http-load.mjs). Slack's side — the Web API and the response_urls — is the local Slack in
 * this process, answering at once. Three requests, each measured at 1, 10 and 50 connections after
 * a warm-up:
 *   read   `/thidua xephang` by an officer of a 20-unit block (20 criteria, every unit pledged and reported)
 *   heavy  `/thidua tiendo <period>` by the lead of a 40-unit block (same table, every unit reported)
 *   write  a report modal submission that stores a new version (each with its own view id and note)
 * Printed: requests per second and its ratio to bare Bolt, the app process's CPU time per request
 * and its ratio to bare Bolt's, acknowledgement latency p50 / p99 / max, errors (failed or non-200
 * requests, replies missing or without the expected text), the time until the person sees the reply
 * (in the acknowledgement, or posted to the response_url), each app's peak RSS and cold start (spawn
 * to the first GET /healthz 200, on a database already migrated).
 *
 * CPU µs/req is the app process's user + system time (every thread: JavaScript, GC, libuv) from the
 * start of a measurement's load to its last reply posted, warm-up excluded, divided by the requests
 * completed. It is read from /proc/<pid>/stat (utime + stime) in clock ticks of 1/CLK_TCK s (10 ms),
 * so a measurement's total is within one tick: per request, 10 ms over the requests (10 µs at 1,000).
 * Finer per-thread figures (/proc/<pid>/task/<tid>/schedstat, in ns) lose the time of threads that exit.
 * Req/s follows whatever else the shared machine runs; CPU per request is the figure a change moves.
 * Without /proc (not Linux) it and peak RSS print "—".
 *
 * `--app-dir DIR` adds another checkout of the code (another worktree, an older commit) measured in
 * the same run, so before and after share the machine's load; this checkout is always measured.
 * A scenario starts every app (bare Bolt included) and keeps them up; at each connection count they
 * are measured in turn, `--rounds N` times, the order turned by one each round, and each figure
 * printed is the median of its rounds (max: the worst; errors: all). With rounds a load that rises
 * or falls during the run is shared out instead of landing on whichever app came first.
 * Data is set up through each app's own entry points (`thidua import`, then slash commands and modal
 * submissions), so any checkout with the same commands can be compared. `--profile` runs the apps
 * under `node --cpu-prof` and prints each one's top functions by self and by total time.
 *
 * The machine is shared and noisy: read the ratios, and the load average printed with them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { SlackDriver } from '../src/local-slack/driver';
import { LocalSlack, type OpenView } from '../src/local-slack/server';
import { type Answer, inputsOf, stateValuesFor } from '../src/local-slack/view-state';
import { CLOCK_TICKS, cpuSecondsOf, describeCheckout, launch, memoryOf, prepareCheckout, type Running, type Subject, stop } from './apps';
import { summariseProfile } from './profile';
import { percentile, printTable } from './support';

const ROOT = resolve(import.meta.dirname, '..');
const SEQ = 'BENCHSEQ';
const SECRET = randomBytes(16).toString('hex');

const { values: options } = parseArgs({
  options: {
    'app-dir': { type: 'string', multiple: true, default: [] },
    duration: { type: 'string', default: '6' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '1,10,50' },
    rounds: { type: 'string', default: '1' },
    only: { type: 'string', default: 'read,heavy,write' },
    profile: { type: 'boolean', default: false },
    probe: { type: 'boolean', default: false },
  },
});
const DURATION = Number(options.duration);
/** With --probe: each measurement's app, connections, span and latency, written beside the probe files at the end. */
const probeWindows: { pid: number; connections: number; startUs: number; endUs: number; p50: number; p99: number }[] = [];
const WARMUP = Number(options.warmup);
const CONNECTIONS = options.connections.split(',').map(Number);
const ROUNDS = Number(options.rounds);

// ── The organisation under load ─────────────────────────────────────────────────────────────

const ZONE_OFFSET_MS = 7 * 3600_000; // Asia/Ho_Chi_Minh, no daylight saving
const localDay = (days: number) => new Date(Date.now() + ZONE_OFFSET_MS + days * 86_400_000).toISOString().slice(0, 10);
const YEAR = Number(localDay(0).slice(0, 4));
const unitCode = (size: number, index: number) => `K${size}DV${String(index).padStart(2, '0')}`;
const officerOf = (size: number, index: number) => `U0K${size}N${String(index).padStart(2, '0')}`;
const BLOCK_NAME = (size: number) => `Khối thi đua ${size} đơn vị`;
/** The year's table: 20 criteria of every kind, base 100 plus a bonus and a deduction. */
const CRITERIA: [kind: string, max: number, count: number][] = [
  ['target', 6, 6],
  ['lower_better', 5, 4],
  ['yes_no', 4, 5],
  ['graded', 8, 3],
  ['bonus', 5, 1],
  ['deduction', 5, 1],
];

/**
 * Two blocks (20 and 40 units), one year: the first period closed 35 days ago (past every overdue
 * nudge), the second ending in 5 days (so its report is open: report_opens_days defaults to 10)
 * and due in 25, the pledge due in 30 days and no nudges before dues, so nothing the scheduler does
 * competes with the load.
 */
function organisationYaml(): string {
  const lines = ['organization:', '  name: UBND tỉnh Đo tải', '  admins: [U0ADMIN01]', 'units:'];
  for (const size of [20, 40])
    for (let index = 1; index <= size; index++)
      lines.push(`  - { code: ${unitCode(size, index)}, name: "Đơn vị ${index} khối ${size}", officers: [${officerOf(size, index)}] }`);
  lines.push('blocks:');
  for (const size of [20, 40]) {
    const units = Array.from({ length: size }, (_, index) => unitCode(size, index + 1)).join(', ');
    lines.push(`  - { code: K${size}, name: "${BLOCK_NAME(size)}", channel: C0K${size}, units: [${units}] }`);
  }
  lines.push(
    'years:',
    `  - year: ${YEAR}`,
    '    theme: Thi đua đo tải',
    `    pledge_due: ${localDay(30)}T17:00`,
    '    leads:',
    `      K20: { lead: ${unitCode(20, 1)} }`,
    `      K40: { lead: ${unitCode(40, 1)} }`,
    '    periods:',
    `      - { code: P1, name: Kỳ một, start: ${localDay(-90)}, end: ${localDay(-40)}, due: ${localDay(-35)}T17:00 }`,
    `      - { code: P2, name: Kỳ hai, start: ${localDay(-39)}, end: ${localDay(5)}, due: ${localDay(25)}T17:00 }`,
    '    reminders: { before_days: [], overdue_every_days: 0 }',
    '    criteria:',
  );
  let number = 0;
  for (const [kind, max, count] of CRITERIA)
    for (let index = 0; index < count; index++) {
      number += 1;
      const unit = kind === 'target' || kind === 'lower_better' ? ', unit: việc' : '';
      lines.push(`      - { code: "${number}", group: "Nhóm ${kind}", name: "Tiêu chí số ${number}", max: ${max}, kind: ${kind}${unit} }`);
    }
  return `${lines.join('\n')}\n`;
}

// ── Setting the data up through Slack, as people would ──────────────────────────────────────

/** A plausible answer for every input of a modal: the first choice, a ticked box, a small number, a short text, no file. */
function answersFor(view: OpenView, overrides: Record<string, Answer> = {}): Record<string, Answer> {
  const answers: Record<string, Answer> = {};
  for (const input of inputsOf(view.view)) {
    if (overrides[input.blockId] !== undefined) answers[input.blockId] = overrides[input.blockId]!;
    else if (input.type === 'file_input') answers[input.blockId] = [];
    else if (input.choices.length)
      answers[input.blockId] = input.type === 'checkboxes' ? [input.choices[0]!.value] : input.choices[0]!.value;
    else if (/evidence|url/i.test(input.blockId)) answers[input.blockId] = 'https://vanban.example.gov.vn/bao-cao.pdf';
    else if (/reason|note|commit/i.test(input.blockId)) answers[input.blockId] = 'Theo kế hoạch của đơn vị';
    else answers[input.blockId] = String(1 + (input.blockId.length % 3));
  }
  return answers;
}

class Setup {
  private opened = 0;

  constructor(
    private readonly slack: LocalSlack,
    private readonly driver: SlackDriver,
  ) {}

  /** Types `/thidua text` and waits for the modal it opens. */
  async open(user: string, text: string, channel: string): Promise<OpenView> {
    await this.driver.slashCommand(user, text, channel);
    const before = this.opened;
    await this.slack.waitFor(() => this.slack.callsTo('views.open').length > before, 15_000, `the modal of /thidua ${text}`);
    this.opened = this.slack.callsTo('views.open').length;
    const call = this.slack.callsTo('views.open').at(-1)!;
    if (!call.ok) throw new Error(`views.open failed for /thidua ${text}: ${call.error}`);
    return this.slack.openViewOf(user)!;
  }

  /** Fills and submits the modal page by page until the app answers with a view without inputs. */
  async complete(user: string, view: OpenView): Promise<void> {
    for (let current = view; ; ) {
      const reply = await this.driver.submitView(user, answersFor(current), current.id);
      const body = reply.body as { response_action?: string; errors?: unknown } | string;
      if (reply.status !== 200) throw new Error(`submission refused: ${reply.status}`);
      if (typeof body === 'object' && body.response_action === 'errors') throw new Error(`form errors: ${JSON.stringify(body.errors)}`);
      const next = this.slack.views.get(current.id);
      if (!next || inputsOf(next.view).length === 0) {
        if (next) this.slack.closeView(next.id);
        return;
      }
      current = next;
    }
  }

  /** Every unit of the block signs its pledge and reports period P1. */
  async blockReported(size: number): Promise<void> {
    for (let index = 1; index <= size; index++) {
      const officer = officerOf(size, index);
      await this.complete(officer, await this.open(officer, 'dangky', `C0K${size}`));
      await this.complete(officer, await this.open(officer, 'baocao P1', `C0K${size}`));
    }
  }
}

// ── Measuring ───────────────────────────────────────────────────────────────────────────────

/** The requests of a measurement: a body template (with SEQ) and the text a right reply contains (none: no reply expected). */
interface Job {
  template: string;
  expect?: string[];
}

interface Scenario {
  name: 'read' | 'heavy' | 'write';
  title: string;
  /** Sets the data up and returns the form-encoded body template (with SEQ) and what a right reply contains. */
  prepare(setup: Setup, slack: LocalSlack): Promise<Job>;
}

function slashTemplate(slack: LocalSlack, user: string, text: string, channel: string): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: slack.teamId,
    team_domain: 'thidua-local',
    channel_id: channel,
    channel_name: channel.toLowerCase(),
    user_id: user,
    user_name: user.toLowerCase(),
    command: '/thidua',
    text,
    api_app_id: slack.appId,
    is_enterprise_install: 'false',
    response_url: `${slack.url}/respond/bench-${SEQ}`,
    trigger_id: `${SEQ}.bench`,
  }).toString();
}

const SCENARIOS: Scenario[] = [
  {
    name: 'read',
    title: '/thidua xephang by an officer of a 20-unit block (20 criteria, every unit pledged and reported)',
    async prepare(setup, slack) {
      await setup.blockReported(20);
      return { template: slashTemplate(slack, officerOf(20, 2), 'xephang', 'C0K20'), expect: ['Đơn vị 20 khối 20'] };
    },
  },
  {
    name: 'heavy',
    title: '/thidua tiendo P1 by the lead of a 40-unit block (every unit reported; “Thẩm định” beside each)',
    async prepare(setup, slack) {
      await setup.blockReported(40);
      return { template: slashTemplate(slack, officerOf(40, 1), 'tiendo P1', 'C0K40'), expect: ['Đơn vị 40 khối 40'] };
    },
  },
  {
    name: 'write',
    title: 'report modal submission (period P2, 20 criteria), each a new version of the report',
    async prepare(setup, slack) {
      const officer = officerOf(20, 2);
      // The first submission makes the report; each one measured after it is a new version.
      await setup.complete(officer, await setup.open(officer, 'baocao P2', 'C0K20'));
      const view = await setup.open(officer, 'baocao P2', 'C0K20');
      const notes = inputsOf(view.view).find((input) => /note/i.test(input.blockId));
      if (!notes) throw new Error('the report modal has no notes field on its first page');
      const payload = {
        type: 'view_submission',
        team: { id: slack.teamId, domain: 'thidua-local' },
        user: { id: officer, username: officer.toLowerCase(), team_id: slack.teamId },
        api_app_id: slack.appId,
        token: 'deprecated-verification-token',
        trigger_id: `${SEQ}.bench`,
        view: {
          ...slack.viewPayload(view, stateValuesFor(view.view, answersFor(view, { [notes.blockId]: `Ghi chú ${SEQ}` }))),
          id: `V${SEQ}`,
        },
        response_urls: [],
      };
      slack.closeView(view.id);
      return {
        template: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        expect: ['response_action', 'Đơn vị 2 khối 20'],
      };
    },
  },
];

interface Measurement {
  connections: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  replyP99: number;
  completed: number;
  /** The app process's CPU time (user + system) per completed request, in µs; NaN without /proc. */
  cpuMicros: number;
  /** The largest acknowledgement body (bytes): a reply answered in the acknowledgement is written whole on every request. */
  ackBytes: number;
  /** What the errors were, e.g. "3 not 200". */
  errorKinds: string;
}

interface LoadResult {
  completed: number;
  seconds: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  ackReplies: number[];
  emptyAcks: number;
  wrongReplies: number;
  wrongSamples: string[];
  ackBytes: number;
}

function fire(job: { url: string; connections: number; duration: number; template: string; expect: string[] }): Promise<LoadResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'bench/http-load.mjs')], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 ? done(JSON.parse(output) as LoadResult) : fail(new Error(`the load generator exited with ${code}`)),
    );
    child.stdin.end(JSON.stringify({ ...job, secret: SECRET }));
  });
}

/** Waits until the replies posted to response_urls stop coming, then times and checks them. */
async function repliesPosted(slack: LocalSlack, expected: number, expect: string[]): Promise<{ latencies: number[]; wrong: number }> {
  const bench = () => slack.responses.filter((response) => response.id.startsWith('bench-'));
  // A slow app may still be working through a backlog: wait while replies keep coming (up to 60 s).
  let seen = -1;
  let still = 0;
  for (let waited = 0; waited < 60_000 && bench().length < expected && still < 3000; waited += 250) {
    still = bench().length === seen ? still + 250 : 0;
    seen = bench().length;
    await new Promise((wait) => setTimeout(wait, 250));
  }
  const latencies: number[] = [];
  let wrong = 0;
  for (const response of bench()) {
    const sentAt = Number(response.id.split('x')[1]);
    latencies.push(response.at - sentAt);
    const text = JSON.stringify(response.body);
    if (!expect.every((part) => text.includes(part))) wrong += 1;
  }
  return { latencies, wrong: wrong + Math.max(0, expected - bench().length) };
}

/** Forgets what the local Slack recorded, so a long run does not grow it. */
function forget(slack: LocalSlack): void {
  slack.responses.length = 0;
  slack.calls.length = 0;
  slack.conversations.clear();
}

async function measure(running: Running, slack: LocalSlack, connections: number, duration: number, job: Job): Promise<Measurement> {
  forget(slack);
  const url = `${running.base}/slack/events`;
  const cpuBefore = cpuSecondsOf(running.child.pid!);
  const startUs = Number(process.hrtime.bigint() / 1000n);
  const load = await fire({ url, connections, duration, template: job.template, expect: job.expect ?? [] });
  // Bare Bolt only acknowledges: it has no reply to wait for.
  const posted = job.expect ? await repliesPosted(slack, load.emptyAcks, job.expect) : { latencies: [], wrong: 0 };
  // After the replies: posting them to the response_urls is part of the requests' work.
  const cpuSeconds = cpuSecondsOf(running.child.pid!) - cpuBefore;
  if (load.wrongSamples.length) console.log(`    unexpected replies, e.g. ${load.wrongSamples[0]}`);
  const replies = [...load.ackReplies, ...posted.latencies];
  // On the clock of the probe's records (bench/stall-probe.cjs): which of them fell inside this measurement.
  if (options.probe)
    probeWindows.push({
      pid: running.child.pid!,
      connections,
      startUs,
      endUs: Number(process.hrtime.bigint() / 1000n),
      p50: load.p50,
      p99: load.p99,
    });
  return {
    connections,
    perSecond: load.completed / load.seconds,
    p50: load.p50,
    p99: load.p99,
    max: load.max,
    errors: load.errors + load.non2xx + load.wrongReplies + posted.wrong,
    errorKinds: Object.entries({
      'failed or timed out': load.errors,
      'not 200': load.non2xx,
      'wrong reply in the ack': load.wrongReplies,
      'reply missing or wrong at the response_url': posted.wrong,
    })
      .filter(([, count]) => count > 0)
      .map(([kind, count]) => `${count} ${kind}`)
      .join(', '),
    replyP99: percentile(replies, 99),
    completed: load.completed,
    cpuMicros: (cpuSeconds * 1e6) / load.completed,
    ackBytes: load.ackBytes,
  };
}

interface ScenarioRun {
  subject: Subject;
  /** Per connection count, the median of its rounds (typical). */
  measurements: Measurement[];
  peakMb: number;
  coldStartMs: number;
  versions?: number;
  acknowledged?: number;
  profile?: string;
  /** The requests it was sent. */
  job: Job;
}

/** An app started for a scenario, warmed up, waiting for its turns. */
interface Started {
  subject: Subject;
  running: Running;
  job: Job;
  databasePath: string;
  profileDir?: string;
  warmup: Measurement;
  /** Every round's measurement, per connection count. */
  rounds: Measurement[][];
}

async function startApp(subject: Subject, scenario: Scenario, slack: LocalSlack, folder: string): Promise<Started> {
  const scratch = mkdtempSync(join(folder, `${scenario.name}-`));
  const databasePath = join(scratch, 'thidua.sqlite');
  writeFileSync(join(scratch, 'organisation.yaml'), organisationYaml());
  const imported = spawnSync(process.execPath, [join(subject.dir!, 'bin/thidua.mjs'), 'import', 'organisation.yaml'], {
    cwd: scratch,
    env: { PATH: process.env.PATH, DATABASE_PATH: databasePath, LOG_LEVEL: 'error' },
    encoding: 'utf8',
  });
  if (imported.status !== 0) throw new Error(`import failed in ${subject.dir}:\n${imported.stderr}`);
  const profileDir = options.profile ? join(scratch, 'profile') : undefined;
  // Kept outside the scratch folder, which is removed at the end.
  const probeFile = options.probe
    ? join(tmpdir(), `thidua-bench-${scenario.name}-${basename(subject.dir!)}-${Date.now()}.probe.json`)
    : undefined;
  if (probeFile) console.log(`  ${subject.label}: what held its event loop goes to ${probeFile}`);
  const running = await launch(subject, slack, databasePath, SECRET, profileDir, probeFile);
  return warmedUp(subject, running, slack, databasePath, profileDir, async () => {
    const driver = new SlackDriver({ requestUrl: `${running.base}/slack/events`, signingSecret: SECRET, slack });
    return scenario.prepare(new Setup(slack, driver), slack);
  });
}

/** Bare Bolt for one scenario: the very requests the app got (the write's carries the app's own modal). */
async function startBare(subject: Subject, job: Job, slack: LocalSlack, folder: string): Promise<Started> {
  const databasePath = join(mkdtempSync(join(folder, 'bare-')), 'unused.sqlite');
  const probeFile = options.probe ? join(tmpdir(), `thidua-bench-bare-${Date.now()}.probe.json`) : undefined;
  if (probeFile) console.log(`  ${subject.label}: what held its event loop goes to ${probeFile}`);
  const running = await launch(subject, slack, databasePath, SECRET, undefined, probeFile);
  return warmedUp(subject, running, slack, databasePath, undefined, async () => ({ template: job.template }));
}

async function warmedUp(
  subject: Subject,
  running: Running,
  slack: LocalSlack,
  databasePath: string,
  profileDir: string | undefined,
  prepare: () => Promise<Job>,
): Promise<Started> {
  try {
    const job = await prepare();
    const warmup = await measure(running, slack, 10, WARMUP, job);
    return { subject, running, job, databasePath, profileDir, warmup, rounds: CONNECTIONS.map(() => []) };
  } catch (error) {
    await stop(running);
    throw failed(subject, running, error);
  }
}

const failed = (subject: Subject, running: Running, error: unknown) =>
  new Error(`${subject.label}: ${error instanceof Error ? error.message : String(error)}\n${running.stderr()}`);

/**
 * Measures every app at each connection count in ROUNDS rounds, the order turned by one each round,
 * so a load on the machine that rises or falls during a run is shared out instead of landing on
 * whichever app came first. The apps not being measured stay up, idle.
 */
async function measureInTurns(started: Started[], slack: LocalSlack): Promise<void> {
  for (const [index, connections] of CONNECTIONS.entries())
    for (let round = 0; round < ROUNDS; round++)
      for (let turn = 0; turn < started.length; turn++) {
        const app = started[(turn + round) % started.length]!;
        try {
          app.rounds[index]!.push(await measure(app.running, slack, connections, DURATION, app.job));
        } catch (error) {
          throw failed(app.subject, app.running, error);
        }
      }
}

/** Stops an app measured in every round: its figures (the median round), peak RSS, stored versions and profile. */
async function finish(app: Started, scenario: Scenario): Promise<ScenarioRun> {
  const { peakMb } = memoryOf(app.running.child.pid!);
  const run: ScenarioRun = {
    subject: app.subject,
    measurements: app.rounds.map(typical),
    peakMb,
    coldStartMs: app.running.coldStartMs,
    job: app.job,
  };
  if (scenario.name === 'write' && app.subject.dir) {
    const sqlite = new Database(app.databasePath, { readonly: true });
    run.versions = (sqlite.prepare('select count(*) as count from report_versions').get() as { count: number }).count;
    sqlite.close();
    // The setup's own submission, the warm-up's and the measured ones.
    run.acknowledged = 1 + [app.warmup, ...app.rounds.flat()].reduce((sum, measurement) => sum + measurement.completed, 0);
  }
  await stop(app.running);
  const { profileDir } = app;
  if (profileDir && existsSync(profileDir)) {
    const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
    if (file) {
      // Kept for a closer look (e.g. in Chrome's DevTools), outside the scratch folder removed at the end.
      const kept = join(tmpdir(), `thidua-bench-${scenario.name}-${basename(app.subject.dir ?? 'bare')}.cpuprofile`);
      copyFileSync(join(profileDir, file), kept);
      run.profile = `${summariseProfile(JSON.parse(readFileSync(join(profileDir, file), 'utf8')), 12)}\n    (the profile: ${kept})`;
    }
  }
  return run;
}

/** One connection count's rounds as one row: the median of each figure, the worst max, every error. */
function typical(rounds: Measurement[]): Measurement {
  const median = (pick: (measurement: Measurement) => number) => percentile(rounds.map(pick), 50);
  return {
    connections: rounds[0]!.connections,
    perSecond: median((measurement) => measurement.perSecond),
    p50: median((measurement) => measurement.p50),
    p99: median((measurement) => measurement.p99),
    max: Math.max(...rounds.map((measurement) => measurement.max)),
    errors: rounds.reduce((sum, measurement) => sum + measurement.errors, 0),
    errorKinds: rounds
      .map((measurement) => measurement.errorKinds)
      .filter(Boolean)
      .join('; '),
    replyP99: median((measurement) => measurement.replyP99),
    completed: rounds.reduce((sum, measurement) => sum + measurement.completed, 0),
    cpuMicros: median((measurement) => measurement.cpuMicros),
    ackBytes: Math.max(...rounds.map((measurement) => measurement.ackBytes)),
  };
}

// ── Output ──────────────────────────────────────────────────────────────────────────────────

const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
const times = (value: number, digits: number) => (Number.isFinite(value) ? `${value.toFixed(digits)}×` : '—');
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  const subjects: Subject[] = [
    { label: 'bare Bolt' },
    ...options['app-dir'].map((dir) => ({ label: describeCheckout(resolve(dir)), dir: resolve(dir) })),
    { label: `${describeCheckout(ROOT)} (this checkout)`, dir: ROOT },
  ];
  for (const subject of subjects) if (subject.dir) prepareCheckout(subject.dir);
  const scenarios = SCENARIOS.filter((scenario) => options.only.split(',').includes(scenario.name));
  const folder = mkdtempSync(join(tmpdir(), 'thidua-bench-http-'));
  const slack = new LocalSlack({ triggerLifetimeMs: 60_000 });
  await slack.start();
  for (const size of [20, 40])
    for (let index = 1; index <= size; index++)
      slack.addUser({ id: officerOf(size, index), name: officerOf(size, index).toLowerCase(), realName: `Cán bộ ${index} khối ${size}` });

  const boltVersion = (JSON.parse(readFileSync(join(ROOT, 'node_modules/@slack/bolt/package.json'), 'utf8')) as { version: string })
    .version;
  const autocannonVersion = (JSON.parse(readFileSync(join(ROOT, 'node_modules/autocannon/package.json'), 'utf8')) as { version: string })
    .version;
  console.log(
    `bench:http — each app in its own process over HTTP on 127.0.0.1, signed requests from autocannon ${autocannonVersion} in a third process;`,
  );
  console.log(
    `Slack's side (Web API and response_urls) is the local Slack, answering at once. ${DURATION} s per measurement after ${WARMUP} s of warm-up.`,
  );
  console.log(`machine: ${cpus().length} CPUs, Node ${process.version}, load average ${load()} (1, 5, 15 min) at the start`);
  console.log(
    Number.isFinite(CLOCK_TICKS)
      ? `CPU µs/req: each app process's user + system time over a measurement (from the load's start to its last reply), from /proc/<pid>/stat in 1/${CLOCK_TICKS} s ticks, over the requests completed`
      : 'CPU µs/req: — (no /proc on this platform)',
  );
  console.log(
    `apps: ${subjects.map((subject) => `${subject.label}${subject.dir ? ` [${subject.dir}]` : ` (@slack/bolt ${boltVersion}, acks only)`}`).join(' · ')}\n`,
  );

  for (const scenario of scenarios) {
    // The apps first, then bare Bolt acknowledging the requests this checkout was sent; all up at once.
    const started: Started[] = [];
    let runs: ScenarioRun[];
    try {
      for (const subject of subjects.slice(1)) started.push(await startApp(subject, scenario, slack, folder));
      started.unshift(await startBare(subjects[0]!, started.at(-1)!.job, slack, folder));
      await measureInTurns(started, slack);
      runs = [];
      for (const app of started) runs.push(await finish(app, scenario));
    } finally {
      for (const app of started) await stop(app.running);
    }
    const bare = runs[0]!;
    console.log(`${scenario.name}: ${scenario.title}`);
    const rows: string[][] = [];
    for (const [index, connections] of CONNECTIONS.entries()) {
      for (const run of runs) {
        const measured = run.measurements[index]!;
        const floor = bare.measurements[index]!;
        rows.push([
          String(connections),
          run.subject.label,
          fixed(measured.perSecond),
          run === bare ? '' : `${fixed((100 * measured.perSecond) / floor.perSecond)} %`,
          fixed(measured.cpuMicros),
          run === bare ? '' : times(measured.cpuMicros / floor.cpuMicros, 1),
          fixed(measured.p50),
          fixed(measured.p99),
          fixed(measured.max),
          String(measured.errors),
          fixed(measured.replyP99),
          measured.ackBytes ? fixed(measured.ackBytes / 1024, 1) : '—',
        ]);
      }
    }
    console.log('');
    printTable(
      ['conns', 'app', 'req/s', 'of bare', 'CPU µs/req', 'of bare', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'reply p99 ms', 'ack kB'],
      rows,
      2,
    );
    printTable(
      ['app', 'peak RSS MB', 'of bare', 'cold start ms'],
      runs.map((run) => [
        run.subject.label,
        fixed(run.peakMb, 1),
        run === bare ? '' : times(run.peakMb / bare.peakMb, 2),
        fixed(run.coldStartMs),
      ]),
    );
    for (const [index, connections] of CONNECTIONS.entries())
      for (const run of runs) {
        const kinds = run.measurements[index]!.errorKinds;
        if (kinds) console.log(`  errors of ${run.subject.label} at ${connections} connections: ${kinds}`);
      }
    for (const run of runs)
      if (run.versions !== undefined)
        console.log(
          `  ${run.subject.label}: ${run.versions} report versions stored for ${run.acknowledged} submissions acknowledged (the ones in flight when a measurement ended are stored too)`,
        );
    for (const run of runs)
      if (run.profile) console.log(`\n  CPU profile of ${run.subject.label} (${scenario.name}, whole process):\n${run.profile}`);
    console.log(`  load average now ${load()}\n`);
  }
  await slack.stop();
  rmSync(folder, { recursive: true, force: true });
  if (options.probe) {
    const file = join(tmpdir(), `thidua-bench-${Date.now()}.windows.json`);
    writeFileSync(file, JSON.stringify(probeWindows));
    console.log(`the measurements' spans (for the probe files): ${file}`);
  }
}

await main();
