import { afterEach, describe, expect, it } from 'vitest';
import {
  CHANGE_REQUEST_APPROVE,
  CHANGE_REQUEST_REASON_ACTION,
  CHANGE_REQUEST_REASON_BLOCK,
  CHANGE_REQUEST_REASON_CALLBACK,
  CRITERIA_NEXT,
  REVIEW_OPEN,
  STANDINGS_DETAIL,
  STATUS_NEXT,
  STATUS_NUDGE,
} from '../../src/views/ids';
import { firstResponse, startTestBot, type TestBot, textOf } from '../support/bot';
import { demoLookups } from '../support/demo';

/**
 * Buttons and modals carry values the app wrote, but Slack hands back whatever a client sends: a
 * forged or stale value is answered in words and changes nothing. (Who may do what is tested with
 * each feature; this is about values that do not read.)
 */
const CA = 'U0CA0001';
const STP = 'U0TP0001';
const OUTSIDER = 'U0NOBODY1';
const CHANNEL = 'C0NOICHINH';
const AFTER_DUE = new Date('2021-04-12T02:00:00Z');
const GONE = 'Khối hoặc kỳ báo cáo này không còn trong tệp tổ chức.';
const UNIT_GONE = 'Đơn vị này không còn thuộc khối trong tệp tổ chức.';

let t: TestBot;
afterEach(() => t?.close());
const { block, q1, unit } = demoLookups(() => t);

/** Presses a button as if it sat in an ephemeral reply; the answer to its response_url. */
async function press(user: string, actionId: string, value: string): Promise<string> {
  const pressed = await t.driver.pressButton({ userId: user, actionId, value, in: { ephemeral: { channel: CHANNEL, blocks: [] } } });
  return textOf(await firstResponse(t.slack, pressed.responseUrl!));
}

describe('forged or stale values', () => {
  it('paging buttons naming a block or period that does not exist say so', async () => {
    t = await startTestBot({ now: AFTER_DUE });
    expect(await press(STP, STATUS_NEXT, JSON.stringify({ blockId: 9999, periodId: q1().id, page: 0 }))).toBe(GONE);
    expect(await press(STP, STATUS_NEXT, JSON.stringify({ blockId: block().id, periodId: 9999, page: 0 }))).toBe(GONE);
    expect(await press(STP, CRITERIA_NEXT, JSON.stringify({ blockId: 9999, year: 2021, filter: '', page: 0 }))).toBe(GONE);
    expect(await press(CA, STATUS_NUDGE, 'abc')).toBe(GONE);
    expect(await press(CA, STATUS_NUDGE, `${q1().id}:9999`)).toBe(UNIT_GONE);
  });

  it('a breakdown of a unit outside the block is not opened', async () => {
    t = await startTestBot({ now: AFTER_DUE });
    const opens = t.slack.callsTo('views.open').length;
    expect(await press(STP, STANDINGS_DETAIL, JSON.stringify({ blockId: block().id, periodId: q1().id, unitId: unit('SYT').id }))).toBe(
      UNIT_GONE,
    );
    expect(await press(STP, STANDINGS_DETAIL, JSON.stringify({ blockId: 9999, periodId: q1().id, unitId: unit('STP').id }))).toBe(GONE);
    expect(t.slack.callsTo('views.open')).toHaveLength(opens);
  });

  it('a change request named after an object member is not found, and a reason modal with unreadable metadata gets a field error', async () => {
    t = await startTestBot({ now: AFTER_DUE });
    for (const value of ['constructor:1', '__proto__:1', 'toString:1'])
      expect(await press(CA, CHANGE_REQUEST_APPROVE, value)).toBe('Không tìm thấy đề nghị này; có thể dữ liệu đã thay đổi.');
    const reply = await t.driver.sendPayload({
      type: 'view_submission',
      team: { id: t.slack.teamId, domain: 'thidua-local' },
      user: { id: CA, username: 'ca', team_id: t.slack.teamId },
      api_app_id: t.slack.appId,
      token: 'deprecated-verification-token',
      trigger_id: t.slack.issueTrigger(CA),
      view: {
        id: 'VFORGED01',
        type: 'modal',
        callback_id: CHANGE_REQUEST_REASON_CALLBACK,
        private_metadata: 'not json',
        hash: 'h',
        state: {
          values: { [CHANGE_REQUEST_REASON_BLOCK]: { [CHANGE_REQUEST_REASON_ACTION]: { type: 'plain_text_input', value: 'lý do' } } },
        },
      },
      response_urls: [],
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      response_action: 'errors',
      errors: { [CHANGE_REQUEST_REASON_BLOCK]: 'Không tìm thấy đề nghị này; có thể dữ liệu đã thay đổi.' },
    });
  });

  it('someone outside the organisation pressing a lead’s button is told whom to ask', async () => {
    t = await startTestBot({ now: AFTER_DUE });
    t.slack.addUser({ id: OUTSIDER, name: 'nobody', realName: 'Người ngoài' });
    const whomToAsk = /chưa có trong danh sách cán bộ thi đua của UBND tỉnh Vĩnh Phúc/;
    expect(await press(OUTSIDER, REVIEW_OPEN, '1')).toMatch(whomToAsk);
    expect(await press(OUTSIDER, STATUS_NUDGE, `${q1().id}:${unit('STP').id}`)).toMatch(whomToAsk);
    expect(await press(OUTSIDER, CHANGE_REQUEST_APPROVE, 'pledge:1')).toMatch(whomToAsk);
  });
});
