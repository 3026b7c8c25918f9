import { afterEach, describe, expect, it } from 'vitest';
import { validateView } from '../../src/local-slack/block-kit-limits';
import { ADMIN_OPEN, REVIEW_OPEN } from '../../src/views/ids';
import { startTestBot, type TestBot, textOf } from '../support/bot';
import { DEMO, demoLookups } from '../support/demo';
import { buttonValues, nextModalOf, openModalBy } from '../support/interactions';
import { generatedOrganisationYaml, officerOf } from '../support/organisations';

const { stp: STP, ca: CA, admin: ADMIN, channel: CHANNEL, beforeDue: BEFORE_DUE } = DEMO;
const OUTSIDER = 'U0OUT0001';

let t: TestBot;
afterEach(async () => {
  await t?.close();
});

const { reportAnswers: answers, seedPledge: pledge } = demoLookups(() => t);

let opened = 0;

/** `user` opens the bot's Home tab: the view published for them. */
async function openHome(user: string): Promise<Record<string, unknown>> {
  const publishes = t.slack.callsTo('views.publish').length;
  opened += 1;
  await t.driver.sendEvent(
    { type: 'app_home_opened', user, channel: `D${user}`, tab: 'home', event_ts: `${opened}.000` },
    `Ev0HOME${opened}`,
  );
  await t.bot.idle();
  expect(t.slack.callsTo('views.publish').length).toBeGreaterThan(publishes);
  const view = t.slack.homeViews.get(user)!;
  expect(validateView(view)).toEqual([]);
  return view;
}

describe('the App Home, by kind of person', () => {
  it('shows an officer their unit, block, dues and buttons, and is drawn again after they report', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    pledge('STP');
    const before = textOf(await openHome(STP));
    expect(before).toContain('*Sở Tư pháp* — Khối thi đua Nội chính, năm 2021');
    expect(before).toContain('Trưởng khối: Công an tỉnh');
    expect(before).toContain('Quý I');
    expect(before).toContain('Chưa có báo cáo nào của đơn vị được Trưởng khối thẩm định.');

    const publishes = t.slack.callsTo('views.publish').length;
    await openModalBy(t, STP, 'baocao', CHANNEL);
    await t.driver.submitView(STP, answers());
    await t.bot.idle();
    expect(t.slack.callsTo('views.publish').length).toBeGreaterThan(publishes);
    const after = textOf(t.slack.homeViews.get(STP)!);
    expect(before).toContain('*Báo cáo Quý I* — hạn 10/04/2021 17:00 (còn 2 ngày) — Chưa nộp\nNộp báo cáo');
    expect(after).toContain('*Báo cáo Quý I* — hạn 10/04/2021 17:00 (còn 2 ngày) — Đã nộp 08/04/2021');
    expect(after).not.toContain('Nộp báo cáo');

    // The lead reviews it from their own Home: the officer's Home then shows the score, rank and grade.
    const lead = await openHome(CA);
    const opens = t.slack.callsTo('views.open').length;
    await t.driver.pressButton({
      userId: CA,
      actionId: REVIEW_OPEN,
      value: buttonValues(lead, REVIEW_OPEN)[0]!,
      in: { ephemeral: { channel: `D${CA}`, blocks: lead.blocks as unknown[] } },
    });
    await nextModalOf(t, CA, opens);
    await t.driver.submitView(CA, {});
    await t.bot.idle();
    expect(textOf(t.slack.homeViews.get(STP)!)).toContain(
      '*Kết quả gần nhất đã thẩm định — Quý I:* 98,20 điểm, hạng 1/7 · Hoàn thành xuất sắc',
    );
  });

  it('shows a block lead the block’s progress with “Nhắc” and “Thẩm định”', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    pledge('STP');
    await openModalBy(t, STP, 'baocao', CHANNEL);
    await t.driver.submitView(STP, answers());
    const home = textOf(await openHome(CA));
    expect(home).toContain('Trưởng khối — Khối thi đua Nội chính');
    expect(home).toContain('*Báo cáo Quý I* — hạn 10/04/2021 17:00');
    expect(home).toContain('Sở Tư pháp');
    expect(home).toContain('Thẩm định');
    expect(home).toContain('Nhắc');
  });

  it('shows an admin every block’s progress, undelivered messages and the admin tools', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    const view = await openHome(ADMIN);
    const home = textOf(view);
    expect(home).toContain('Ban Thi đua – Khen thưởng');
    expect(home).toContain('Tiến độ các khối:');
    expect(home).toContain('Khối thi đua Nội chính');
    expect(home).toContain('Khối thi đua Văn hóa – Xã hội');
    expect(home).toContain('Mọi tin nhắn của bot đều đã được gửi.');
    expect(buttonValues(view, ADMIN_OPEN)).toEqual(['officers', 'leads', 'extension', 'reopen', 'holiday', 'audit', 'organisation_file']);
  });

  it('tells someone outside the organisation what the bot is and whom to ask', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    t.slack.addUser({ id: OUTSIDER, name: 'outsider', realName: 'Khách' });
    const home = textOf(await openHome(OUTSIDER));
    expect(home).toContain('Tài khoản này chưa có trong danh sách cán bộ thi đua của UBND tỉnh Vĩnh Phúc');
    expect(home).toContain(`<@${ADMIN}>`);
    expect(home).toContain('/thidua vanban');
  });

  it('keeps a 40-unit block lead’s Home within Block Kit limits', async () => {
    t = await startTestBot({ now: BEFORE_DUE, organisationYaml: generatedOrganisationYaml({ units: 40, targets: 3 }) });
    const view = await openHome(officerOf(1));
    expect((view.blocks as unknown[]).length).toBeLessThanOrEqual(100);
    const home = textOf(view);
    expect(home).toContain('Trưởng khối — Khối thi đua Lớn');
    expect(home).toMatch(/Còn \d+ đơn vị khác: `\/thidua tiendo/);
    const admin = await openHome(ADMIN);
    expect((admin.blocks as unknown[]).length).toBeLessThanOrEqual(100);
  });
});
