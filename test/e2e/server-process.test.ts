import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackDriver } from '../../src/local-slack/driver';
import { LocalSlack } from '../../src/local-slack/server';
import { firstResponse, textOf } from '../support/bot';
import { BIN, childEnvironment, type Finished, finished, freePort, ROOT, scratchFolder, whenReady } from '../support/processes';
import { FakeSocketMode } from '../support/socket-mode';

const SECRET = 'process-test-signing-secret';

describe('npm start in HTTP mode, with SLACK_API_URL on a loopback fake', () => {
  const slack = new LocalSlack();
  let driver: SlackDriver;
  let base: string;
  let exit: Promise<Finished>;
  let child: ReturnType<typeof spawn>;

  beforeAll(async () => {
    await slack.start();
    slack.addUser({ id: 'U0CA0001', name: 'ca', realName: 'Cán bộ Công an tỉnh' });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [BIN, 'start'], {
      cwd: ROOT,
      env: childEnvironment({
        SLACK_BOT_TOKEN: 'xoxb-process-test',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.apiUrl,
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_PATH: join(scratchFolder(), 'thidua.sqlite'),
        LOG_LEVEL: 'warn',
      }),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    exit = finished(child);
    driver = new SlackDriver({ requestUrl: `${base}/slack/events`, signingSecret: SECRET, slack });
    await whenReady(child, exit);
  });

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await slack.stop();
  });

  it('serves /healthz with the database state', async () => {
    const report = (await (await fetch(`${base}/healthz`)).json()) as Record<string, unknown>;
    expect(report).toMatchObject({ status: 'ok', mode: 'http', database: { status: 'ok', organisation: 'UBND tỉnh Vĩnh Phúc' } });
  });

  it('sends every Web API call, auth.test included, to SLACK_API_URL', async () => {
    await slack.waitFor(() => slack.callsTo('auth.test').length > 0, 5000, 'auth.test');
    expect(slack.calls.every((call) => call.token === 'xoxb-process-test')).toBe(true);
  });

  it('answers a signed /thidua help with an ephemeral help', async () => {
    const reply = await driver.slashCommand('U0CA0001', 'help', 'C0NOICHINH');
    expect(reply.status).toBe(200);
    const help = await firstResponse(slack, reply.responseUrl);
    expect(help.response_type).toBe('ephemeral');
    expect(textOf(help)).toContain('Thi Đua — các lệnh');
  });

  it('rejects a bad signature and a stale timestamp with 401', async () => {
    const body = new URLSearchParams({ command: '/thidua', text: 'help', user_id: 'U0CA0001' }).toString();
    expect((await driver.send(body, { signature: 'v0=deadbeef' })).status).toBe(401);
    expect((await driver.send(body, { timestampSeconds: Math.floor(Date.now() / 1000) - 600 })).status).toBe(401);
  });

  it('shuts down gracefully on SIGTERM', async () => {
    child.kill('SIGTERM');
    const result = await exit;
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/ERROR/);
    // The bundle's WAL checkpoints ran in their worker thread (a worker that cannot start says so).
    expect(result.stderr).not.toMatch(/checkpoint/i);
    // LOG_LEVEL=warn holds for the framework's lines too.
    expect(result.stderr).not.toMatch(/^(INFO|DEBUG)/m);
  });
});

describe('npm start with a bot token Slack refuses', () => {
  const slack = new LocalSlack({ refusedTokens: ['xoxb-revoked'] });
  beforeAll(() => slack.start());
  afterAll(() => slack.stop());

  it('says so in one line and exits 1, before serving anything', async () => {
    const child = spawn(process.execPath, [BIN, 'start'], {
      cwd: ROOT,
      env: childEnvironment({
        SLACK_BOT_TOKEN: 'xoxb-revoked',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.apiUrl,
        HOST: '127.0.0.1',
        PORT: String(await freePort()),
        DATABASE_PATH: join(scratchFolder(), 'thidua.sqlite'),
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const result = await finished(child);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('Slack không chấp nhận SLACK_BOT_TOKEN (invalid_auth) / Slack refused the bot token\n');
    expect(slack.callsTo('auth.test').map((call) => call.error)).toEqual(['invalid_auth']);
  });
});

describe('npm start in Socket Mode', () => {
  const slack = new LocalSlack();
  const socket = new FakeSocketMode();
  let base: string;
  let exit: Promise<Finished>;
  let child: ReturnType<typeof spawn>;

  beforeAll(async () => {
    await slack.start();
    slack.socketModeUrl = socket.url;
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [BIN, 'start'], {
      cwd: ROOT,
      env: childEnvironment({
        SLACK_BOT_TOKEN: 'xoxb-socket-test',
        SLACK_APP_TOKEN: 'xapp-socket-test',
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        DATABASE_PATH: join(scratchFolder(), 'thidua.sqlite'),
      }),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    exit = finished(child);
    await socket.connected;
    await whenReady(child, exit);
  });

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await socket.close();
    await slack.stop();
  });

  it('still serves /healthz', async () => {
    expect(((await (await fetch(`${base}/healthz`)).json()) as { mode: string }).mode).toBe('socket');
  });

  it('answers /thidua help sent over the socket', async () => {
    const responseUrl = slack.issueResponseUrl();
    const acknowledgement = await socket.send('slash_commands', {
      command: '/thidua',
      text: 'help',
      user_id: 'U0CA0001',
      channel_id: 'C0NOICHINH',
      team_id: slack.teamId,
      response_url: responseUrl,
      trigger_id: slack.issueTrigger('U0CA0001'),
    });
    // The help is ready at once, so it comes back in the acknowledgement's payload, not through the response_url.
    expect(acknowledgement).toMatchObject({ response_type: 'ephemeral' });
    expect(textOf(acknowledgement as Record<string, unknown>)).toContain('Thi Đua — các lệnh');
    expect(slack.responses.filter((response) => responseUrl.endsWith(`/${response.id}`))).toEqual([]);
  });

  it('shuts down gracefully on SIGTERM', async () => {
    child.kill('SIGTERM');
    expect((await exit).code).toBe(0);
  });
});
