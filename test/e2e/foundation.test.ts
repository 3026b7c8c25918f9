import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstResponse, startTestBot, type TestBot, textOf } from '../support/bot';

const OFFICER = 'U0CA0001';

describe('the app over HTTP with the local Slack', () => {
  let test: TestBot;
  beforeEach(async () => {
    test = await startTestBot();
  });
  afterEach(async () => {
    await test.close();
  });

  it('serves /healthz with the database state', async () => {
    const response = await fetch(test.bot.requestUrl.replace('/slack/events', '/healthz'));
    expect(response.status).toBe(200);
    const report = (await response.json()) as { status: string; database: { migrations: number } };
    expect(report.status).toBe('ok');
    expect(report.database).toMatchObject({ status: 'ok', organisation: 'UBND tỉnh Vĩnh Phúc', units: 13, blocks: 2 });
    expect(report.database.migrations).toBeGreaterThan(0);
  });

  it('answers a signed /thidua help with an ephemeral help in Vietnamese', async () => {
    const reply = await test.driver.slashCommand(OFFICER, 'help', 'C0NOICHINH');
    expect(reply.status).toBe(200);
    const help = await firstResponse(test.slack, reply.responseUrl);
    expect(help.response_type).toBe('ephemeral');
    const text = textOf(help);
    expect(text).toContain('Thi Đua — các lệnh');
    expect(text).toContain('/thidua help');
    expect(text).toContain('cán bộ thi đua của Công an tỉnh');
    expect(text).toContain('đơn vị Trưởng khối Khối thi đua Nội chính');
  });

  it('answers in the acknowledgement itself when the answer is ready at once: no second request through the response_url', async () => {
    const reply = await test.driver.slashCommand(OFFICER, 'help', 'C0NOICHINH');
    expect(reply.body).toMatchObject({ response_type: 'ephemeral' });
    expect(textOf(reply.body as Record<string, unknown>)).toContain('Thi Đua — các lệnh');
    await test.bot.idle();
    expect(test.slack.responses.map((response) => response.via)).toEqual(['ack']);
  });

  it('acknowledges a command that opens a modal with nothing, the modal being its answer', async () => {
    const reply = await test.driver.slashCommand('U0TP0001', 'dangky', 'C0NOICHINH');
    expect([reply.status, reply.body]).toEqual([200, '']);
    expect(test.slack.callsTo('views.open').map((call) => call.ok)).toEqual([true]);
    await test.bot.idle();
    expect(test.slack.responses).toEqual([]);
  });

  it.each(['', 'trợ giúp', 'tro giup', 'TROGIUP', 'help'])('treats %j as help', async (typed) => {
    const reply = await test.driver.slashCommand(OFFICER, typed);
    expect(textOf(await firstResponse(test.slack, reply.responseUrl))).toContain('Thi Đua — các lệnh');
  });

  it('suggests the closest command for an unknown word', async () => {
    const reply = await test.driver.slashCommand(OFFICER, 'trogiupp');
    const answer = textOf(await firstResponse(test.slack, reply.responseUrl));
    expect(answer).toContain('Không có lệnh “trogiupp”');
    expect(answer).toContain('`/thidua help`');
  });

  it('suggests a mistyped command in the words of voice.md', async () => {
    const reply = await test.driver.slashCommand(OFFICER, 'baocaoo');
    expect(textOf(await firstResponse(test.slack, reply.responseUrl))).toBe(
      'Không có lệnh “baocaoo”. Có phải đồng chí muốn gõ `/thidua baocao`? Gõ `/thidua help` để xem các lệnh.',
    );
  });

  it.each(['dang ki', 'đăng kí', 'dangki', 'Đăng Ký'])('opens the pledge for %j (kí and ký are one word)', async (typed) => {
    const opened = test.slack.callsTo('views.open').length;
    await test.driver.slashCommand(OFFICER, typed);
    await test.slack.waitFor(() => test.slack.callsTo('views.open').length > opened, 5000, 'the pledge form');
    expect(textOf(test.slack.openViewOf(OFFICER)!.view)).toContain('giao ước thi đua năm 2021');
  });

  it('quotes the whole of what was typed when no command matches', async () => {
    const reply = await test.driver.slashCommand(OFFICER, 'dang kiem  2021');
    expect(textOf(await firstResponse(test.slack, reply.responseUrl))).toContain('Không có lệnh “dang kiem 2021”');
  });

  it('explains politely to someone outside the organisation who to ask', async () => {
    test.slack.addUser({ id: 'U0STRANGER', name: 'stranger', realName: 'Người ngoài' });
    const reply = await test.driver.slashCommand('U0STRANGER', 'help');
    const answer = textOf(await firstResponse(test.slack, reply.responseUrl));
    expect(answer).toContain('Tài khoản này chưa có trong danh sách cán bộ thi đua của UBND tỉnh Vĩnh Phúc');
    expect(answer).toContain('<@U0ADMIN01>');
  });

  it('rejects a bad signature with 401 without touching the database or Slack', async () => {
    test.statements.length = 0;
    const callsBefore = test.slack.calls.length;
    const body = new URLSearchParams({
      command: '/thidua',
      text: 'help',
      user_id: OFFICER,
      team_id: test.slack.teamId,
      trigger_id: 'x',
      response_url: test.slack.issueResponseUrl(),
    }).toString();
    const reply = await test.driver.send(body, { signature: 'v0=0000000000000000000000000000000000000000000000000000000000000000' });
    expect(reply.status).toBe(401);
    await test.bot.listenersIdle();
    expect(test.statements).toEqual([]);
    expect(test.slack.calls.length).toBe(callsBefore);
    expect(test.slack.responses).toEqual([]);
  });

  it('rejects a stale timestamp (over five minutes old) with 401 without touching the database', async () => {
    test.statements.length = 0;
    const body = new URLSearchParams({
      command: '/thidua',
      text: 'help',
      user_id: OFFICER,
      team_id: test.slack.teamId,
      trigger_id: 'x',
      response_url: test.slack.issueResponseUrl(),
    }).toString();
    const reply = await test.driver.send(body, { timestampSeconds: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(reply.status).toBe(401);
    await test.bot.listenersIdle();
    expect(test.statements).toEqual([]);
    expect(test.slack.responses).toEqual([]);
  });

  it('applies an event once when Slack retries it', async () => {
    const event = { type: 'app_home_opened', user: OFFICER, channel: 'DU0CA0001', tab: 'home', event_ts: '1615770000.000100' };
    expect((await test.driver.sendEvent(event, 'Ev0001')).status).toBe(200);
    await test.slack.waitFor(() => test.slack.callsTo('views.publish').length === 1, 5000, 'the home tab');
    expect((await test.driver.sendEvent(event, 'Ev0001', 1)).status).toBe(200);
    expect((await test.driver.sendEvent(event, 'Ev0001', 2)).status).toBe(200);
    await test.bot.idle();
    expect(test.slack.callsTo('views.publish')).toHaveLength(1);
    const home = test.slack.homeViews.get(OFFICER)!;
    expect(textOf(home)).toContain('Khối thi đua Nội chính');
    expect(textOf(home)).toContain('Đoàn kết, kỷ cương, đổi mới');
    // The unit's dues, as /thidua hanchot shows them, each with a button to act.
    expect(textOf(home)).toContain('*Giao ước thi đua năm 2021* — hạn 31/03/2021 17:00 (còn 16 ngày) — Chưa ký');
    expect(textOf(home)).toContain('*Báo cáo Quý I* — hạn 10/04/2021 17:00');
  });
});
