import { afterEach, describe, expect, it } from 'vitest';
import { runSchedulerPass } from '../../../src/scheduler/scheduler';
import { startTestBot, type TestBot } from '../../support/bot';
import { DEMO, demoLookups } from '../../support/demo';
import { openModalBy } from '../../support/interactions';

/**
 * Channel lines respect quiet hours (20:00–07:00 in the demo): a unit's line sent at night is held
 * and released at 07:00, the night's lines of one channel folded into one post; a report submitted
 * before its period ended is announced once it has.
 */
const { stp: STP, tt: TT, channel: CHANNEL } = DEMO;
const hanoi = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
let t: TestBot;
const { reportAnswers: answers } = demoLookups(() => t);
afterEach(async () => {
  await t?.close();
});

async function submitReport(user: string, period = '') {
  await openModalBy(t, user, `baocao ${period}`.trim(), CHANNEL);
  await t.driver.submitView(user, answers());
  await t.bot.idle();
}

async function passAt(local: string) {
  t.clock.set(hanoi(local));
  await runSchedulerPass(t.bot.deps, t.clock.now());
  await t.bot.idle();
}

/** What the channel was told about units' reports (the deadline nudges aside). */
const channelTexts = () =>
  t.slack
    .messagesIn(CHANNEL)
    .map((message) => message.text)
    .filter((text) => text.includes('đã nộp báo cáo'));

describe('channel lines and quiet hours', () => {
  it('holds the lines sent at night and posts them at 07:00 as one message', async () => {
    t = await startTestBot({ now: hanoi('2021-04-08 22:00') });
    await submitReport(STP);
    t.clock.set(hanoi('2021-04-08 23:30'));
    await submitReport(TT);
    // The officers are told at once; the channel is not.
    expect(t.slack.dmsTo(STP).some((message) => message.text.includes('Quý I'))).toBe(true);
    expect(channelTexts()).toEqual([]);

    await passAt('2021-04-09 06:59');
    expect(channelTexts()).toEqual([]);
    await passAt('2021-04-09 07:00');
    expect(channelTexts()).toEqual([
      ['Sở Tư pháp đã nộp báo cáo Quý I — 1/7 đơn vị', 'Thanh tra tỉnh đã nộp báo cáo Quý I — 2/7 đơn vị'].join('\n'),
    ]);
    // Released once: later passes post nothing more.
    await passAt('2021-04-09 08:00');
    expect(channelTexts()).toHaveLength(1);
  });

  it('posts a line sent in the day at once', async () => {
    t = await startTestBot({ now: hanoi('2021-04-08 09:00') });
    await submitReport(STP);
    expect(channelTexts()).toEqual(['Sở Tư pháp đã nộp báo cáo Quý I — 1/7 đơn vị']);
  });

  it('announces a report submitted before its period ended once the period has ended (and quiet hours are over)', async () => {
    t = await startTestBot({ now: hanoi('2021-06-25 10:00') });
    await submitReport(STP, 'h1');
    expect(
      t.bot.store.reports.find(
        t.bot.store.structure.periods(2021).find((period) => period.code === 'H1')!.id,
        t.bot.store.structure.unitByCode('STP')!.id,
      ),
    ).toBeDefined();
    await passAt('2021-06-30 19:00');
    expect(channelTexts()).toEqual([]);
    await passAt('2021-07-01 00:30'); // the period has ended, but it is night
    expect(channelTexts()).toEqual([]);
    await passAt('2021-07-01 07:00');
    expect(channelTexts()).toEqual(['Sở Tư pháp đã nộp báo cáo 6 tháng đầu năm — 1/7 đơn vị']);
  });
});
