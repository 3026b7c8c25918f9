import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstResponse, startTestBot, type TestBot, textOf } from '../support/bot';
import { DEMO } from '../support/demo';

/**
 * `/thidua help` by role: an officer sees its unit's commands and the look-ups; the block's lead
 * and deputy also review and publication; an admin also administration; someone outside the
 * organisation what anyone may use and whom to ask. `help tatca` shows everything, `help <lệnh>`
 * one command, in either language.
 */
const { admin: ADMIN, ca: LEAD, tt: DEPUTY, stp: OFFICER, channel: CHANNEL } = DEMO;
const STRANGER = 'U0STRANGER';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ now: DEMO.beforeDue });
  t.slack.addUser({ id: STRANGER, name: 'stranger', realName: 'Người ngoài' });
});
afterAll(async () => {
  await t?.close();
});

async function help(user: string, text = 'help'): Promise<string> {
  const sent = await t.driver.slashCommand(user, text, CHANNEL);
  return textOf(await firstResponse(t.slack, sent.responseUrl));
}

const UNIT = ['/thidua dangky', '/thidua baocao', '/thidua hanchot', '/thidua binhxet'];
const COMMON = ['/thidua xephang [kỳ]', '/thidua tieuchi', '/thidua giaouoc', '/thidua vanban', '/thidua ngonngu', '/thidua help'];
const LEAD_ONLY = ['/thidua tiendo'];
const ADMIN_ONLY = ['/thidua quantri', '/thidua khenthuong'];

describe('/thidua help shows each person the commands of their role', () => {
  it.each([
    ['an officer', OFFICER, [...UNIT, ...COMMON], [...LEAD_ONLY, ...ADMIN_ONLY], ['*Việc của đơn vị*', '*Tra cứu và cài đặt*']],
    [
      'the block lead',
      LEAD,
      [...UNIT, ...COMMON, ...LEAD_ONLY],
      ADMIN_ONLY,
      ['*Thẩm định và công bố — Trưởng khối, Phó khối*', 'trong `tiendo`'],
    ],
    ['the deputy', DEPUTY, [...UNIT, ...COMMON, ...LEAD_ONLY], ADMIN_ONLY, ['*Thẩm định và công bố — Trưởng khối, Phó khối*']],
    [
      'an admin',
      ADMIN,
      [...UNIT, ...COMMON, ...LEAD_ONLY, ...ADMIN_ONLY],
      [],
      ['*Quản trị — Ban Thi đua – Khen thưởng*', '/thidua quantri nhatky'],
    ],
  ])('%s', async (_, user, shown, hidden, said) => {
    const text = await help(user);
    expect(text).toContain('Thi Đua — các lệnh');
    for (const command of shown) expect(text, command).toContain(command);
    for (const command of hidden) expect(text, command).not.toContain(command);
    for (const words of said) expect(text).toContain(words);
    expect(text).toContain('Đây là các lệnh theo vai trò của đồng chí. Gõ `/thidua help tatca` để xem mọi lệnh');
  });

  it('tells someone outside the organisation what they may use and whom to ask', async () => {
    const text = await help(STRANGER);
    for (const command of ['/thidua vanban', '/thidua ngonngu', '/thidua help']) expect(text).toContain(command);
    for (const command of [...UNIT, ...LEAD_ONLY, ...ADMIN_ONLY, '/thidua xephang']) expect(text).not.toContain(command);
    expect(text).toContain('Tài khoản này chưa có trong danh sách cán bộ thi đua của UBND tỉnh Vĩnh Phúc');
    expect(text).toContain('<@U0ADMIN01>');
  });

  it.each(['help tatca', 'help tất cả', 'trogiup tat ca', 'huong dan all'])('shows every command, by part, for %j', async (typed) => {
    const text = await help(OFFICER, typed);
    for (const command of [...UNIT, ...COMMON, ...LEAD_ONLY, ...ADMIN_ONLY]) expect(text).toContain(command);
    expect(text).toContain('*Quản trị — Ban Thi đua – Khen thưởng*');
    expect(text).not.toContain('Đây là các lệnh theo vai trò');
  });

  it.each([
    ['help baocao', '/thidua baocao [kỳ]'],
    ['trợ giúp báo cáo', '/thidua baocao [kỳ]'],
    ['tro giup xep hang nam', '/thidua xephang nam'],
    ['help quantri', '/thidua quantri'],
  ])('explains one command for %j, whoever asks', async (typed, usage) => {
    const text = await help(OFFICER, typed);
    expect(text).toContain(usage);
    expect(text.match(/\*`\/thidua /g)).toHaveLength(1);
    expect(text).toContain('Gõ `/thidua help` để xem các lệnh theo vai trò của đồng chí');
  });

  it('says so for a command that does not exist, suggesting the closest', async () => {
    expect(await help(OFFICER, 'help baocaoo')).toBe(
      'Không có lệnh “baocaoo” để xem hướng dẫn. Có phải đồng chí muốn gõ `/thidua help baocao`? Gõ `/thidua help tatca` để xem mọi lệnh.',
    );
  });

  it('speaks English to a reader who chose it: the parts, the role, `help all` and one command', async () => {
    await help(DEPUTY, 'ngonngu en');
    const text = await help(DEPUTY);
    expect(text).toContain('Thi Đua — commands');
    expect(text).toContain('*Review and publication — block lead, deputy*');
    expect(text).toContain('/thidua status');
    expect(text).not.toContain('/thidua admin');
    expect(text).toContain('These are the commands for your role. Type `/thidua help all` for every command');
    expect(await help(DEPUTY, 'help all')).toContain('/thidua admin');
    const one = await help(DEPUTY, 'help report');
    expect(one).toContain('/thidua report [period]');
    expect(one.match(/\*`\/thidua /g)).toHaveLength(1);
    await help(DEPUTY, 'ngonngu vi');
  });
});
