import { afterEach, describe, expect, it } from 'vitest';
import { inputsOf } from '../../src/local-slack/view-state';
import { REVIEW_OPEN, STATUS_NUDGE } from '../../src/views/ids';
import { firstResponse, startTestBot, type TestBot, textOf } from '../support/bot';
import { DEMO, demoLookups } from '../support/demo';
import {
  buttonValue,
  buttonValues,
  nextModalOf,
  openModalBy,
  openModalFromReply,
  pressReplyButton,
  resultOf,
} from '../support/interactions';

const { stp: STP, tt: TT, ca: CA, qs: QS, channel: CHANNEL, beforeDue: BEFORE_DUE, afterDue: AFTER_DUE } = DEMO;

let t: TestBot;
afterEach(async () => {
  await t?.close();
});

const { reportAnswers: answers, seedPledge: pledge, valueBlock, q1, unit, criterion } = demoLookups(() => t);

async function reply(user: string, text: string): Promise<string> {
  const sent = await t.driver.slashCommand(user, text, CHANNEL);
  const body = await firstResponse(t.slack, sent.responseUrl);
  return String(body.text);
}

describe('each person’s language', () => {
  it('answers someone whose Slack locale is en-US in English — help, forms, standings — while the channel hears Vietnamese', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    t.slack.addUser({ id: STP, name: 'stp', realName: 'Cán bộ Sở Tư pháp', locale: 'en-US' });
    pledge('STP');

    expect(await reply(STP, 'help')).toContain('Thi Đua — commands');
    // A mistyped command is suggested by its English word, the one the English help shows.
    expect(await reply(STP, 'reportt')).toBe(
      'There is no command “reportt”. Did you mean `/thidua report`? Type `/thidua help` to see the commands.',
    );
    expect(t.slack.callsTo('users.info').map((call) => call.args.include_locale)).toEqual([true]);
    // Someone whose Slack says nothing of English keeps the organisation's Vietnamese.
    expect(await reply(TT, 'help')).toContain('Thi Đua — các lệnh');

    const { view } = await openModalBy(t, STP, 'report', CHANNEL);
    expect(textOf(view.view)).toContain('Due: 10 Apr 2021 17:00.');
    const done = await t.driver.submitView(STP, answers());
    expect(textOf(resultOf(done))).toContain(
      "✅ Sở Tư pháp's report for Quý I is submitted. Provisional score: 95.20 points (not counting bonus points). Self-scores count provisionally until the block lead reviews them.",
    );
    await t.bot.idle();
    // The confirmation DM is theirs to read, so it is in English as well.
    expect(t.slack.dmsTo(STP).map((message) => message.text)).toEqual([
      "✅ Sở Tư pháp's report for Quý I was received at 8 Apr 2021 09:00 (version 1). Provisional score: 95.20 points (not counting bonus points). Self-scores count provisionally until the block lead reviews them.",
    ]);
    // The block's channel hears of it in the organisation's language.
    const posted = t.slack.messagesIn(CHANNEL).at(-1)!;
    expect(posted.text).toBe('Sở Tư pháp đã nộp báo cáo Quý I — 1/7 đơn vị');

    expect(await reply(STP, 'standings Q1')).toContain(
      'Standings Quý I (2021) — Khối thi đua Nội chính\n1. Sở Tư pháp — 95.20 points — Hoàn thành xuất sắc (awaiting review)',
    );
    // The lead reviews it: the DM that tells the officer is in English too.
    const status = await t.driver.slashCommand(CA, 'tiendo Q1', CHANNEL);
    const table = await firstResponse(t.slack, status.responseUrl);
    const opens = t.slack.callsTo('views.open').length;
    await t.driver.pressButton({
      userId: CA,
      actionId: REVIEW_OPEN,
      value: buttonValue(table, REVIEW_OPEN),
      in: { ephemeral: { channel: CHANNEL, blocks: table.blocks as unknown[] } },
    });
    await nextModalOf(t, CA, opens);
    await t.driver.submitView(CA, {});
    await t.bot.idle();
    expect(t.slack.dmsTo(STP).at(-1)!.text).toBe("Sở Tư pháp's report for Quý I is reviewed (<@U0CA0001>): 98.20 points.");
    // The App Home too.
    await t.driver.sendEvent({ type: 'app_home_opened', user: STP, channel: `D${STP}`, tab: 'home', event_ts: '1.000' }, 'Ev0LANGHOME');
    await t.bot.idle();
    expect(textOf(t.slack.homeViews.get(STP)!)).toContain('Assistant for emulation and commendation work');
    // The locale was read once and kept.
    expect(t.slack.callsTo('users.info').filter((call) => call.args.user === STP)).toHaveLength(1);
  });

  it('writes each DM in its reader’s language: a returned report’s resubmission to the lead, a lead’s reminder to an officer', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    pledge('STP');
    await reply(CA, 'ngonngu en');
    await reply(QS, 'ngonngu en');
    await openModalBy(t, STP, 'baocao', CHANNEL);
    await t.driver.submitView(STP, answers());
    t.clock.set(AFTER_DUE);
    const status = await t.driver.slashCommand(CA, 'tiendo Q1', CHANNEL);
    const table = await firstResponse(t.slack, status.responseUrl);
    await openModalFromReply(t, CA, table, REVIEW_OPEN, CHANNEL);
    await t.driver.submitView(CA, { review_outcome: 'returned', review_reason: 'Bổ sung minh chứng' });
    await openModalBy(t, STP, 'baocao Q1', CHANNEL);
    await t.driver.submitView(STP, { report_evidence: 'https://drive.vinhphuc.gov.vn/stp-q1.pdf' });
    const bchqs = buttonValues(table, STATUS_NUDGE).find((value) => value.endsWith(`:${unit('BCHQS').id}`))!;
    await pressReplyButton(t, CA, table, STATUS_NUDGE, CHANNEL, bchqs);
    await t.bot.idle();
    expect(t.slack.dmsTo(CA).map((message) => message.text)).toEqual([
      'Sở Tư pháp resubmitted its report for Quý I (version 2) after it was returned; it awaits review.',
    ]);
    // The lead unit's other officer keeps the organisation's Vietnamese.
    expect(t.slack.dmsTo(DEMO.ca2).map((message) => message.text)).toEqual([
      'Sở Tư pháp đã nộp lại báo cáo Quý I (bản 2) sau khi bị trả lại; báo cáo chờ thẩm định.',
    ]);
    expect(t.slack.dmsTo(QS).map((message) => message.text)).toEqual([
      '⏰ The block lead (Công an tỉnh, <@U0CA0001>) asks: 2 days past the deadline to submit the Quý I report (17:00 on 10 Apr 2021). Bộ Chỉ huy Quân sự tỉnh has not submitted the report yet.',
    ]);
    // The officer who kept Vietnamese reads the return and the confirmations in Vietnamese.
    expect(t.slack.dmsTo(STP).map((message) => message.text)).toEqual([
      '✅ Đã nhận báo cáo Quý I của Sở Tư pháp lúc 08/04/2021 09:00 (bản 1). Điểm tạm tính: 95,20 điểm (chưa gồm điểm thưởng). Điểm tự chấm được tính tạm đến khi Trưởng khối thẩm định.',
      'Báo cáo Quý I của Sở Tư pháp được Trưởng khối trả lại (<@U0CA0001>): “Bổ sung minh chứng”. Vui lòng sửa và nộp lại.\nHạn nộp lại: 17:00 ngày 15/04/2021.',
      '✅ Đã nhận báo cáo Quý I của Sở Tư pháp lúc 12/04/2021 10:00 (bản 2). Điểm tạm tính: 95,20 điểm (chưa gồm điểm thưởng). Điểm tự chấm được tính tạm đến khi Trưởng khối thẩm định.',
    ]);
  });

  it('prefills a form in the reader’s notation (97.25 in English), and reads either notation back', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    pledge('STP');
    await reply(STP, 'ngonngu en');
    await openModalBy(t, STP, 'report', CHANNEL);
    await t.driver.submitView(STP, answers({ [valueBlock('1')]: '97,25' }));
    const { view } = await openModalBy(t, STP, 'report Q1', CHANNEL);
    const figure = inputsOf(view.view).find((input) => input.blockId === valueBlock('1'))!;
    expect(figure.initial).toBe('97.25');
    await t.driver.submitView(STP, answers({ [valueBlock('1')]: '97.5' }));
    expect(
      t.bot.store.reports
        .forUnits(q1().id, [unit('STP').id])
        .get(unit('STP').id)!
        .inForce!.values.get(criterion('1').id)?.value,
    ).toBe(97.5);
    // Vietnamese keeps the decimal comma.
    await reply(STP, 'ngonngu vi');
    const again = await openModalBy(t, STP, 'baocao Q1', CHANNEL);
    expect(inputsOf(again.view.view).find((input) => input.blockId === valueBlock('1'))!.initial).toBe('97,5');
  });

  it('lets a person choose their language with /thidua ngonngu, and go back to Slack’s, told where the language then comes from', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    t.slack.addUser({ id: STP, name: 'stp', realName: 'Cán bộ Sở Tư pháp', locale: 'en-US' });
    expect(await reply(TT, 'ngonngu en')).toBe(
      "From now on the bot speaks English with you. Channel posts stay in the organisation's language.",
    );
    expect(await reply(TT, 'help')).toContain('Thi Đua — commands');
    expect(await reply(STP, 'language vi')).toBe(
      'Từ nay bot dùng tiếng Việt với đồng chí. Tin đăng trong kênh vẫn theo ngôn ngữ của tổ chức.',
    );
    expect(await reply(STP, 'trogiup')).toContain('Thi Đua — các lệnh');
    expect(await reply(STP, 'ngôn ngữ tự động')).toContain('From now on the bot speaks English with you (your Slack language).');
    expect(await reply(STP, 'ngonngu')).toBe(
      'The bot speaks English with you (your Slack language). Change: `/thidua language vi`, `en` or `auto`.',
    );
    expect(await reply(STP, 'ngonngu klingon')).toBe('There is no language “klingon”. Choose `vi`, `en` or `auto`.');
    // Someone whose Slack gives no language, back to “tudong”: the organisation's, and said so.
    expect(await reply(TT, 'ngonngu tudong')).toBe(
      'Từ nay bot dùng tiếng Việt với đồng chí (ngôn ngữ của tổ chức). Tin đăng trong kênh vẫn theo ngôn ngữ của tổ chức.',
    );
  });

  it.each(['vi', 'en'])('lists no command in the help (%s) as its own other name', async (language) => {
    t = await startTestBot({ now: BEFORE_DUE });
    await reply(TT, `ngonngu ${language}`);
    const sent = await t.driver.slashCommand(TT, 'help', CHANNEL);
    const sections = ((await firstResponse(t.slack, sent.responseUrl)).blocks as { text?: { text: string } }[])
      .map((block) => block.text?.text ?? '')
      .filter((text) => text.startsWith('*`/thidua'));
    const named = sections.map((text) => ({
      shown: text.match(/^\*`\/thidua (\S+)/)![1]!,
      others: [...(text.match(/_\((?:Tên khác|Also): (.*)\)_/)?.[1] ?? '').matchAll(/`([^`]+)`/g)].map((found) => found[1]),
    }));
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter(({ shown, others }) => others.includes(shown))).toEqual([]);
  });
});
