import { afterEach, describe, expect, it } from 'vitest';
import { runSchedulerPass } from '../../../src/scheduler/scheduler';
import { STANDINGS_HOLD, STANDINGS_PUBLISH } from '../../../src/views/ids';
import { firstResponse, textOf } from '../../support/bot';
import { DEMO } from '../../support/demo';
import { seedReview } from '../../support/standings';
import { bot, buttons, CA, CHANNEL, closeStandingsBot, drain, posts, press, seeded, standings } from '../standings/support';

/**
 * The automatic summary waits for the lead: Khối thi đua Nội chính, Quý I 2021 (due Saturday
 * 10/04), three reports unreviewed (test/support/standings.ts); summary_at 09:00, so the summary's
 * day is Monday 12/04 and, with summary_latest_days 5, it waits for reviews until Monday 19/04 09:00.
 */
const hanoi = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
afterEach(closeStandingsBot);

async function passAt(local: string) {
  bot().clock.set(hanoi(local));
  await runSchedulerPass(bot().bot.deps, bot().clock.now());
  await drain();
}

/** The lead confirms the reports of Nội chính (`units`, else all three; the graded lines as the units scored them). */
function reviewAll(versions: Awaited<ReturnType<typeof seeded>>, units: readonly ('ca' | 'stp' | 'tand')[] = ['ca', 'stp', 'tand']) {
  const scores = {
    ca: { '2': 9, '6': 4, '11': 8, T: 3, K: 0 },
    stp: { '2': 10, '6': 5, '11': 9, T: 0, K: 1 },
    tand: { '2': 8, '6': 3, '11': 5, K: 1 },
  };
  for (const unit of units)
    seedReview(bot().bot.store, {
      version: versions[unit],
      unitCode: unit.toUpperCase(),
      scores: scores[unit],
      by: CA,
      at: bot().clock.now(),
    });
}

describe('publication that waits for the review', () => {
  it('waits while reports are unreviewed, then goes out on the latest day with the unreviewed lines marked “tạm tính”, never in quiet hours', async () => {
    const versions = await seeded(hanoi('2021-04-12 08:00'));
    await passAt('2021-04-12 09:00');
    await passAt('2021-04-16 15:00');
    expect(posts(CHANNEL)).toEqual([]);

    // Two of three reviewed: still waiting.
    reviewAll(versions, ['ca', 'stp']);
    await passAt('2021-04-18 10:00'); // Sunday
    await passAt('2021-04-18 22:00');
    await passAt('2021-04-19 07:00'); // the latest day, before summary_at
    expect(posts(CHANNEL)).toEqual([]);

    await passAt('2021-04-19 09:00');
    const [post] = posts(CHANNEL);
    expect(posts(CHANNEL)).toHaveLength(1);
    const text = textOf(post!);
    expect(text).toContain('🏆 Kết quả xếp hạng Quý I năm 2021 — Khối thi đua Nội chính');
    expect(text).toContain('Tổng hợp tự động lúc 19/04/2021 09:00');
    expect(text).toContain(
      '*2. Tòa án nhân dân tỉnh* — *89,00 điểm* · Hoàn thành tốt\n_đồng hạng — cần Khối bình xét · nộp muộn · tạm tính, chưa thẩm định_',
    );
    // Reviewed lines are not marked (Công an tỉnh's bonus now counts: 94 → 97).
    expect(text).toContain('*1. Công an tỉnh* — *97,00 điểm* · Hoàn thành xuất sắc\n*2. Tòa án');
    expect(text).toContain('*2. Sở Tư pháp* — *89,00 điểm* · Hoàn thành tốt\n_đồng hạng — cần Khối bình xét_');
    expect(text).toContain('Tạm tính: 1/3 báo cáo chưa được Trưởng khối thẩm định');
  });

  it('goes out at summary_at once every report is reviewed, unmarked; a pass that catches up later waits for summary_at too', async () => {
    const versions = await seeded(hanoi('2021-04-12 08:00'));
    reviewAll(versions);
    // The bot was down on Monday: Tuesday's first pass at 07:00 does not post it, 09:00 does.
    await passAt('2021-04-13 07:00');
    await passAt('2021-04-13 08:59');
    expect(posts(CHANNEL)).toEqual([]);
    await passAt('2021-04-13 09:00');
    expect(posts(CHANNEL)).toHaveLength(1);
    const text = textOf(posts(CHANNEL)[0]!);
    expect(text).toContain('Tổng hợp tự động lúc 13/04/2021 09:00');
    expect(text).not.toContain('tạm tính');
    expect(text).not.toContain('Tạm tính');
  });

  it('lets the lead hold the summary from xephang and post it when ready, once, as posted by the lead (not “tự động”)', async () => {
    const versions = await seeded(hanoi('2021-04-12 08:00'));
    const lead = await standings(CA);
    const hold = buttons(lead.blocks).find((button) => button.actionId === STANDINGS_HOLD)!;
    expect(hold.text).toBe('Giữ bản tổng hợp tự động');
    expect(textOf(await firstResponse(bot().slack, await press(CA, STANDINGS_HOLD, hold.value)))).toContain(
      'Đã giữ lại bản tổng hợp tự động kỳ này',
    );
    reviewAll(versions);
    await passAt('2021-04-12 09:00');
    await passAt('2021-04-19 09:00');
    expect(posts(CHANNEL)).toEqual([]);

    const held = await standings(CA);
    expect(held.text).toContain('Bản tổng hợp tự động kỳ này đang được giữ lại');
    const publish = buttons(held.blocks).find((button) => button.actionId === STANDINGS_PUBLISH)!;
    expect(publish.text).toBe('Đăng bản tổng hợp');
    await firstResponse(bot().slack, await press(CA, STANDINGS_PUBLISH, publish.value));
    await drain();
    expect(posts(CHANNEL)).toHaveLength(1);
    expect(textOf(posts(CHANNEL)[0]!)).toContain('🏆 Kết quả xếp hạng Quý I năm 2021 — Khối thi đua Nội chính');
    // The lead posted it: the post and xephang say so, not “tự động”.
    expect(textOf(posts(CHANNEL)[0]!)).toContain(`Bản tổng hợp do <@${CA}> đăng lúc 19/04/2021 09:00`);
    expect(textOf(posts(CHANNEL)[0]!)).not.toContain('Tổng hợp tự động');
    expect((await standings(CA)).text).toContain(
      `Đã đăng lên kênh lúc 19/04/2021 09:00 (bản tổng hợp, <@${CA}> đăng); chưa thay đổi từ đó.`,
    );
    await passAt('2021-04-20 09:00');
    expect(posts(CHANNEL)).toHaveLength(1);
    expect(
      bot()
        .bot.store.audit.all()
        .map((entry) => entry.action),
    ).toEqual(['standings.summary_held', 'standings.summary_released']);
    // The audit log says it in that order of words: what was posted, then which standings.
    const log = await bot().driver.slashCommand(DEMO.admin, 'quantri nhatky 01/04/2021 30/04/2021', CHANNEL);
    expect(textOf(await firstResponse(bot().slack, log.responseUrl))).toContain(
      `<@${CA}>: đăng bản tổng hợp đã giữ lại: bảng xếp hạng Quý I của Khối thi đua Nội chính`,
    );
  });
});
