import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SlackDriver } from '../../src/local-slack/driver';
import { LocalSlack } from '../../src/local-slack/server';
import { importOrganisationText } from '../../src/services/organisation';
import { DEMO_YAML, firstResponse, startTestBot, type TestBot, textOf } from '../support/bot';
import { CHANGED_DEMO_YAML } from '../support/organisations';
import { BIN, childEnvironment, type Finished, finished, freePort, ROOT, runThidua, scratchFolder, whenReady } from '../support/processes';

/**
 * The bot keeps the organisation in memory (db/store/read-cache.ts); a change to it is
 * seen by the very next request, whether the file is imported in the bot's process or by
 * `npx thidua import` in another process while the bot runs.
 */
const NEWCOMER = 'U0NEW001';
const NOT_A_MEMBER = 'chưa có trong danh sách cán bộ thi đua';

async function deadlinesOf(slack: LocalSlack, driver: SlackDriver, user: string): Promise<string> {
  const reply = await driver.slashCommand(user, 'hanchot', 'C0NOICHINH');
  expect(reply.status).toBe(200);
  return textOf(await firstResponse(slack, reply.responseUrl));
}

describe('an organisation changed while the bot runs', () => {
  let t: TestBot | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('answers from the new file on the next request after an import in its own process', async () => {
    t = await startTestBot({ now: new Date('2021-03-15T01:00:00Z') });
    t.slack.addUser({ id: NEWCOMER, name: 'newcomer', realName: 'Cán bộ mới' });
    expect(await deadlinesOf(t.slack, t.driver, NEWCOMER)).toContain(NOT_A_MEMBER);
    expect(await deadlinesOf(t.slack, t.driver, 'U0TP0001')).toContain('Sở Tư pháp');

    const outcome = importOrganisationText(t.bot.store, CHANGED_DEMO_YAML, 'test', t.clock.now());
    expect(outcome.ok).toBe(true);

    const newcomer = await deadlinesOf(t.slack, t.driver, NEWCOMER);
    expect(newcomer).not.toContain(NOT_A_MEMBER);
    expect(newcomer).toContain('Sở Tư pháp tỉnh');
    expect(newcomer).toContain('Quý III');
    expect(await deadlinesOf(t.slack, t.driver, 'U0TP0001')).toContain(NOT_A_MEMBER);
  });
});

describe('`npx thidua import` in another process while `npm start` serves', () => {
  const slack = new LocalSlack();
  let child: ReturnType<typeof spawn> | undefined;
  afterEach(async () => {
    if (child?.exitCode === null) child.kill('SIGKILL');
    await slack.stop();
  });

  it('the running bot answers from the imported file on the next request', async () => {
    await slack.start();
    for (const id of [NEWCOMER, 'U0TP0001']) slack.addUser({ id, name: id.toLowerCase(), realName: id });
    const folder = scratchFolder();
    const databasePath = join(folder, 'thidua.sqlite');
    writeFileSync(join(folder, 'organisation.yaml'), DEMO_YAML);
    writeFileSync(join(folder, 'changed.yaml'), CHANGED_DEMO_YAML);
    expect((await runThidua(['import', join(folder, 'organisation.yaml')], { DATABASE_PATH: databasePath })).code).toBe(0);

    const port = await freePort();
    const secret = 'organisation-changes-secret';
    child = spawn(process.execPath, [BIN, 'start'], {
      cwd: ROOT,
      env: childEnvironment({
        SLACK_BOT_TOKEN: 'xoxb-changes',
        SLACK_SIGNING_SECRET: secret,
        SLACK_API_URL: slack.apiUrl,
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_PATH: databasePath,
      }),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const exit: Promise<Finished> = finished(child);
    await whenReady(child, exit);
    const base = `http://127.0.0.1:${port}`;
    const driver = new SlackDriver({ requestUrl: `${base}/slack/events`, signingSecret: secret, slack });
    expect(await deadlinesOf(slack, driver, NEWCOMER)).toContain(NOT_A_MEMBER);
    expect(await deadlinesOf(slack, driver, 'U0TP0001')).toContain('Sở Tư pháp');

    const imported = await runThidua(['import', join(folder, 'changed.yaml')], { DATABASE_PATH: databasePath });
    expect([imported.code, imported.stderr]).toEqual([0, '']);

    const newcomer = await deadlinesOf(slack, driver, NEWCOMER);
    expect(newcomer).toContain('Sở Tư pháp tỉnh');
    expect(newcomer).toContain('Quý III');
    expect(await deadlinesOf(slack, driver, 'U0TP0001')).toContain(NOT_A_MEMBER);

    child.kill('SIGTERM');
    expect((await exit).code).toBe(0);
  });
});
