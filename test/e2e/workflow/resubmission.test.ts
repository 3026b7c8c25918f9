import { afterEach, describe, expect, it } from 'vitest';
import { runSchedulerPass } from '../../../src/scheduler/scheduler';
import { NUDGE_OPEN_REPORT, REVIEW_OPEN } from '../../../src/views/ids';
import { DEMO_YAML, firstResponse, startTestBot, type TestBot, textOf } from '../../support/bot';
import { DEMO, demoLookups } from '../../support/demo';
import { buttonValue, nextModalOf, openModalBy, openModalFromMessage } from '../../support/interactions';

/**
 * A returned report is due again years[].reminders.resubmission_working_days (default 3) working
 * days after the return, at the period's due time of day (17:00 in the demo), and the reminders
 * follow that due. The demo: Q1 due Saturday 10/04/2021 17:00; reminders 7, 3 and 1 days before at
 * 08:00, then every 2 working days; the lead (Công an tỉnh) returns Sở Tư pháp's report on Monday
 * 12/04 at 10:00, so it is due again on Thursday 15/04/2021 at 17:00.
 */
const { stp: STP, ca: CA, channel: CHANNEL, beforeDue: BEFORE_DUE, afterDue: AFTER_DUE } = DEMO;
const hanoi = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
let t: TestBot;
const { q1, unit, reportAnswers: answers, seedPledge } = demoLookups(() => t);
afterEach(async () => {
  await t?.close();
});

async function passAt(local: string) {
  t.clock.set(hanoi(local));
  await runSchedulerPass(t.bot.deps, t.clock.now());
  await t.bot.idle();
}

async function tiendo(user: string) {
  return textOf(await firstResponse(t.slack, (await t.driver.slashCommand(user, 'tiendo', CHANNEL)).responseUrl));
}

/** The lead returns the report from its tiendo, with a reason. */
async function returnReport(reason: string) {
  const body = await firstResponse(t.slack, (await t.driver.slashCommand(CA, 'tiendo', CHANNEL)).responseUrl);
  const opens = t.slack.callsTo('views.open').length;
  await t.driver.pressButton({
    userId: CA,
    actionId: REVIEW_OPEN,
    value: buttonValue(body, REVIEW_OPEN),
    in: { ephemeral: { channel: CHANNEL, blocks: body.blocks as unknown[], responseUrl: t.slack.issueResponseUrl() } },
  });
  await nextModalOf(t, CA, opens);
  await t.driver.submitView(CA, { review_outcome: 'returned', review_reason: reason });
  await t.bot.idle();
}

/** The bot at 08/04/2021 with Sở Tư pháp's Q1 report submitted on time. */
async function reportSubmitted(organisationYaml?: string) {
  t = await startTestBot({ now: BEFORE_DUE, ...(organisationYaml ? { organisationYaml } : {}) });
  seedPledge('STP');
  await openModalBy(t, STP, 'baocao', CHANNEL);
  await t.driver.submitView(STP, answers());
}

const resubmissionDms = (user: string) => t.slack.dmsTo(user).filter((message) => message.text.includes('nộp lại báo cáo Quý I'));

describe('a returned report’s resubmission due', () => {
  it('is told on return, shown in tiendo, reminded before and after it, and cleared by the resubmission', async () => {
    await reportSubmitted();
    t.clock.set(AFTER_DUE);
    await returnReport('Bổ sung minh chứng cho tiêu chí 1');

    // The unit is told the due with the return.
    const returned = t.slack.dmsTo(STP).find((message) => message.text.includes('trả lại'))!;
    expect(returned.text).toBe(
      'Báo cáo Quý I của Sở Tư pháp được Trưởng khối trả lại (<@U0CA0001>): “Bổ sung minh chứng cho tiêu chí 1”. Vui lòng sửa và nộp lại.\nHạn nộp lại: 17:00 ngày 15/04/2021.',
    );
    const report = () => t.bot.store.reports.forUnits(q1().id, [unit('STP').id]).get(unit('STP').id)!;
    expect(report().review).toMatchObject({ outcome: 'returned', resubmitBy: hanoi('2021-04-15 17:00') });
    expect(t.bot.store.audit.all().at(-1)).toMatchObject({
      action: 'report.returned',
      details: { due: hanoi('2021-04-15 17:00').toISOString() },
    });
    const log = await firstResponse(t.slack, (await t.driver.slashCommand(DEMO.admin, 'quantri nhatky STP', CHANNEL)).responseUrl);
    expect(textOf(log)).toContain('trả lại báo cáo Quý I: “Bổ sung minh chứng cho tiêu chí 1”, hạn nộp lại 15/04/2021 17:00 — Sở Tư pháp');
    expect(await tiendo(CA)).toContain(
      '*Sở Tư pháp* — Đã trả lại · nộp 08/04/2021 09:00 (đúng hạn) · lý do: “Bổ sung minh chứng cho tiêu chí 1” · hạn nộp lại 15/04/2021 17:00',
    );

    // The unit's dues (hanchot, App Home) show the report due again by then.
    expect(textOf(await firstResponse(t.slack, (await t.driver.slashCommand(STP, 'hanchot', CHANNEL)).responseUrl))).toContain(
      '*Báo cáo Quý I* — hạn 15/04/2021 17:00 (còn 3 ngày) — Bị trả lại, cần nộp lại',
    );

    // The same morning's slots (before the return) are not sent after it.
    let seen = t.slack.dmsTo(STP).length;
    await passAt('2021-04-12 10:05');
    expect(t.slack.dmsTo(STP)).toHaveLength(seen);

    // The day before the due: one DM to the unit's officer, saying the resubmission due; the channel is not told.
    await passAt('2021-04-14 08:00');
    expect(
      t.slack
        .dmsTo(STP)
        .slice(seen)
        .map((message) => message.text),
    ).toEqual(['⏰ Còn 1 ngày đến hạn nộp lại báo cáo Quý I đã bị trả lại (17:00 ngày 15/04/2021). Sở Tư pháp chưa nộp lại báo cáo.']);
    expect(t.slack.messagesIn(CHANNEL).filter((message) => message.text.includes('nộp lại'))).toEqual([]);

    // The day after it: the officer once more (one DM in the pass), and the lead, told which unit.
    seen = t.slack.dmsTo(STP).length;
    const leadSeen = t.slack.dmsTo(CA).length;
    await passAt('2021-04-16 08:00');
    expect(
      t.slack
        .dmsTo(STP)
        .slice(seen)
        .map((message) => message.text),
    ).toEqual([
      '⏰ Đã quá 1 ngày so với hạn nộp lại báo cáo Quý I đã bị trả lại (17:00 ngày 15/04/2021). Sở Tư pháp chưa nộp lại báo cáo.',
    ]);
    const lead = t.slack.dmsTo(CA).slice(leadSeen);
    expect(lead).toHaveLength(1);
    expect(textOf(lead[0]!)).toContain('Khối thi đua Nội chính có đơn vị chưa nộp lại báo cáo bị trả lại:');
    expect(textOf(lead[0]!)).toContain('• Sở Tư pháp: <@U0TP0001>');
    // One DM a pass: the lead's reminder of the units still missing the report is in the same message.
    expect(textOf(lead[0]!)).toContain('đơn vị chưa nộp báo cáo:');
    expect(t.slack.messagesIn(CHANNEL).filter((message) => message.text.includes('nộp lại'))).toEqual([]);

    // Resubmitted: the due is gone from tiendo and from the reminders.
    const form = await openModalFromMessage(t, STP, returned, NUDGE_OPEN_REPORT);
    expect(textOf(form.view)).toContain('Sửa và nộp lại trước 15/04/2021 17:00; bản nộp lại được nhận trực tiếp.');
    await t.driver.submitView(STP, { report_evidence: 'https://drive.vinhphuc.gov.vn/stp-q1.pdf' });
    await t.bot.idle();
    const table = await tiendo(CA);
    expect(table).toContain('*Sở Tư pháp* — Chờ thẩm định');
    expect(table).not.toContain('hạn nộp lại');
    const before = resubmissionDms(STP).length;
    await passAt('2021-04-20 08:00');
    expect(resubmissionDms(STP)).toHaveLength(before);
  });

  it('counts working days in the organisation’s calendar: a holiday and a weekend are skipped, as many days as the file says', async () => {
    await reportSubmitted(DEMO_YAML.replace('overdue_every_days: 2', 'overdue_every_days: 2\n      resubmission_working_days: 2'));
    // Tuesday 20/04, 2 working days over the Hùng Kings' day (Wednesday 21/04): Friday 23/04 17:00.
    t.clock.set(hanoi('2021-04-20 10:00'));
    await returnReport('Thiếu số liệu');
    expect(t.slack.dmsTo(STP).find((message) => message.text.includes('trả lại'))!.text).toContain('Hạn nộp lại: 17:00 ngày 23/04/2021.');
  });

  it('quotes a reason that ends its own sentence without a second full stop, in the DM and the form, in both languages', async () => {
    await reportSubmitted();
    await t.driver.slashCommand(STP, 'ngonngu en', CHANNEL);
    t.clock.set(AFTER_DUE);
    await returnReport('Thiếu minh chứng. Bổ sung rồi nộp lại!');
    const returned = t.slack.dmsTo(STP).find((message) => message.text.includes('returned'))!;
    expect(returned.text).toContain('(<@U0CA0001>): “Thiếu minh chứng. Bổ sung rồi nộp lại!” Please correct and resubmit it.');
    await t.driver.slashCommand(STP, 'ngonngu vi', CHANNEL);
    expect(textOf((await openModalFromMessage(t, STP, returned, NUDGE_OPEN_REPORT)).view)).toContain(
      'Trưởng khối đã trả lại báo cáo (<@U0CA0001>): “Thiếu minh chứng. Bổ sung rồi nộp lại!” Sửa và nộp lại trước',
    );
  });

  it('shows in tiendo when the resubmitted version was saved, beside the first submission, in both languages', async () => {
    await reportSubmitted();
    t.clock.set(AFTER_DUE);
    await returnReport('Thiếu số liệu');
    const returned = t.slack.dmsTo(STP).find((message) => message.text.includes('trả lại'))!;
    t.clock.set(hanoi('2021-04-13 09:30'));
    await openModalFromMessage(t, STP, returned, NUDGE_OPEN_REPORT);
    await t.driver.submitView(STP, { report_evidence: 'https://drive.vinhphuc.gov.vn/stp-q1.pdf' });
    await t.bot.idle();
    expect(await tiendo(CA)).toContain(
      '*Sở Tư pháp* — Chờ thẩm định · nộp 08/04/2021 09:00 (đúng hạn) · sửa lần cuối 13/04/2021 09:30 (bản 2)',
    );
    await t.driver.slashCommand(CA, 'ngonngu en', CHANNEL);
    expect(await tiendo(CA)).toContain(
      '*Sở Tư pháp* — Awaiting review · submitted 8 Apr 2021 09:00 (on time) · last changed 13 Apr 2021 09:30 (version 2)',
    );
  });
});
