import { afterEach, describe, expect, it } from 'vitest';
import { runSchedulerPass } from '../../../src/scheduler/scheduler';
import { STANDINGS_EXPORT, STANDINGS_PUBLISH, STATUS_NUDGE } from '../../../src/views/ids';
import { DEMO_NO_WAIT_YAML, DEMO_YAML, firstResponse, textOf } from '../../support/bot';
import { seedReport, seedReview } from '../../support/standings';
import {
  ADMIN,
  BEFORE_SUMMARY,
  bot,
  buttons,
  CA,
  CHANNEL,
  closeStandingsBot,
  drain,
  files,
  LATER,
  OTHER_CHANNEL,
  posts,
  press,
  queued,
  STP,
  SUMMARY_TIME,
  seeded,
  standings,
  startStandingsBot,
  summaryRows,
  unitId,
} from './support';

/** Standings posted: the automatic summary, corrections, leads posting and exporting, the yearly lead. */
afterEach(closeStandingsBot);

describe('the automatic summary', () => {
  it('posts each block its standings once, after the due at 09:00 on the next working day, with the chart in the thread', async () => {
    await seeded(BEFORE_SUMMARY, DEMO_NO_WAIT_YAML);
    await runSchedulerPass(bot().bot.deps, bot().clock.now());
    await drain();
    expect([...posts(CHANNEL), ...files(CHANNEL)]).toEqual([]);
    expect(queued()).toEqual([]);

    bot().clock.set(SUMMARY_TIME);
    await Promise.all([runSchedulerPass(bot().bot.deps, bot().clock.now()), runSchedulerPass(bot().bot.deps, bot().clock.now())]);
    await drain();
    for (const [channel, block] of [
      [CHANNEL, 'Khối thi đua Nội chính'],
      [OTHER_CHANNEL, 'Khối thi đua Văn hóa – Xã hội'],
    ] as const) {
      const [post] = posts(channel);
      expect(posts(channel)).toHaveLength(1);
      expect(textOf(post!)).toContain(`🏆 Kết quả xếp hạng Quý I năm 2021 — ${block}`);
      expect(textOf(post!)).toContain('Tổng hợp tự động lúc 12/04/2021 09:00');
      const [chart] = files(channel);
      expect(files(channel)).toHaveLength(1);
      expect(chart).toMatchObject({ thread_ts: post!.ts, text: `Biểu đồ xếp hạng Quý I năm 2021 — ${block}` });
      const bytes = [...bot().slack.uploads.values()].find((upload) => upload.filename === chart!.files![0]!.name)!.bytes!;
      expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    }
    const summary = textOf(posts(CHANNEL)[0]!);
    expect(summary).toContain('*1. Công an tỉnh* — *94,00 điểm* · Hoàn thành tốt');
    expect(summary).toContain(
      '*2. Tòa án nhân dân tỉnh* — *89,00 điểm* · Hoàn thành tốt\n_đồng hạng — cần Khối bình xét · nộp muộn · tạm tính, chưa thẩm định_',
    );
    expect(summary).toContain('Tạm tính: 3/3 báo cáo chưa được Trưởng khối thẩm định');
    expect(summary).toContain('`/thidua xephang Q1 NOI_CHINH 2021`');
    expect(bot().bot.handle.sqlite.prepare('select kind, created_by as createdBy from standings_snapshots order by id').all()).toEqual([
      { kind: 'summary', createdBy: null },
      { kind: 'summary', createdBy: null },
    ]);

    // Later passes that day and the next post nothing more.
    for (const hours of [1, 24]) {
      bot().clock.set(new Date(SUMMARY_TIME.getTime() + hours * 3_600_000));
      await runSchedulerPass(bot().bot.deps, bot().clock.now());
    }
    await drain();
    expect([...posts(CHANNEL), ...files(CHANNEL)]).toHaveLength(2);
    expect([...posts(OTHER_CHANNEL), ...files(OTHER_CHANNEL)]).toHaveLength(2);
    const q1 = bot()
      .bot.store.structure.periods(2021)
      .find((period) => period.code === 'Q1')!.id;
    const keys = bot()
      .bot.store.structure.activeBlocks()
      .flatMap((block) => [`standings-chart:${block.id}:${q1}`, `standings-summary:${block.id}:${q1}`]);
    expect(
      queued()
        .map((row) => row.dedupeKey)
        .sort(),
    ).toEqual(keys.sort());
  });

  it('waits for a block where nobody has reported, and posts when the first report arrives', async () => {
    await startStandingsBot({ now: SUMMARY_TIME, organisationYaml: DEMO_NO_WAIT_YAML });
    await runSchedulerPass(bot().bot.deps, bot().clock.now());
    await drain();
    expect(queued()).toEqual([]);
    seedReport(bot().bot.store, { unitCode: 'TT', periodCode: 'Q1', values: { '1': 50 }, by: 'U0TT0001', at: LATER, late: true });
    bot().clock.set(LATER);
    await runSchedulerPass(bot().bot.deps, bot().clock.now());
    await drain();
    expect(posts(CHANNEL).map((post) => post.text)).toEqual([
      '🏆 Kết quả xếp hạng Quý I năm 2021 — Khối thi đua Nội chính · Đã báo cáo 1/7 đơn vị',
    ]);
    expect(posts(OTHER_CHANNEL)).toEqual([]);
  });
});

describe('after the summary', () => {
  it('tells that a review changed the standings, and lets only the lead post a correction, once', async () => {
    const { stp } = await seeded(SUMMARY_TIME, DEMO_NO_WAIT_YAML);
    await runSchedulerPass(bot().bot.deps, bot().clock.now());
    await drain();
    bot().clock.set(LATER);
    expect((await standings(STP)).text).toContain('Đã đăng lên kênh lúc 12/04/2021 09:00 (bản tổng hợp tự động); chưa thay đổi từ đó.');

    seedReview(bot().bot.store, { version: stp, unitCode: 'STP', scores: { '2': 9, '6': 5, '11': 7, K: 1 }, by: CA, at: LATER });
    const officer = await standings(STP);
    expect(officer.text).toContain(
      '*Bảng xếp hạng đã thay đổi so với bản đã đăng lúc 12/04/2021 09:00* (bản tổng hợp tự động):\n• Sở Tư pháp: hạng 2 → 3; 89,00 → 86,00 điểm',
    );
    expect(officer.text).toContain('*2. Tòa án nhân dân tỉnh* — *89,00 điểm* · Hoàn thành tốt\n_nộp muộn · chờ thẩm định_');
    expect(buttons(officer.blocks).map((button) => button.actionId)).not.toContain(STANDINGS_PUBLISH);

    // An officer who presses the lead's button anyway is refused, and nothing is queued.
    const lead = await standings(CA);
    const correct = buttons(lead.blocks).find((button) => button.actionId === STANDINGS_PUBLISH)!;
    expect(correct.text).toBe('Đăng bản đính chính');
    const refused = await press(STP, STANDINGS_PUBLISH, correct.value);
    expect(textOf(await firstResponse(bot().slack, refused))).toBe(
      'Chỉ Trưởng khối (Công an tỉnh) và quản trị viên mới đăng bảng xếp hạng lên kênh và xuất Excel; chưa làm gì.',
    );
    expect(queued()).toHaveLength(4);

    const pressed = await press(CA, STANDINGS_PUBLISH, correct.value);
    expect(textOf(await firstResponse(bot().slack, pressed))).toBe(
      'Đã đăng bản đính chính bảng xếp hạng Quý I năm 2021 lên kênh <#C0NOICHINH> (1 đơn vị thay đổi); biểu đồ theo sau trong luồng tin.',
    );
    await drain();
    const correction = posts(CHANNEL)[1]!;
    expect(textOf(correction)).toContain('Đính chính kết quả xếp hạng Quý I năm 2021 — Khối thi đua Nội chính');
    expect(textOf(correction)).toContain('<@U0CA0001> đăng lúc 12/04/2021 11:00');
    expect(textOf(correction)).toContain(
      '*Thay cho bản đăng lúc 12/04/2021 09:00.* Thay đổi:\n• Sở Tư pháp: hạng 2 → 3; 89,00 → 86,00 điểm',
    );
    expect(textOf(correction)).toContain('*3. Sở Tư pháp* — *86,00 điểm* · Hoàn thành tốt');
    expect(files(CHANNEL).map((file) => file.thread_ts)).toEqual([posts(CHANNEL)[0]!.ts, correction.ts]);
    expect(
      bot()
        .bot.store.audit.all()
        .map((entry) => [entry.action, entry.actorUserId, entry.actingAsAdmin]),
    ).toEqual([['standings.corrected', CA, false]]);
    // The log names what was corrected: the period and the block.
    const log = await bot().driver.slashCommand(ADMIN, 'quantri nhatky 12/04/2021', 'C0GENERAL');
    expect(textOf(await firstResponse(bot().slack, log.responseUrl))).toContain(
      '<@U0CA0001>: đăng bản đính chính bảng xếp hạng Quý I của Khối thi đua Nội chính',
    );

    // Published and unchanged: no post button, and the old button posts nothing again.
    const after = await standings(CA);
    expect(after.text).toContain('Đã đăng lên kênh lúc 12/04/2021 11:00 (bản đính chính); chưa thay đổi từ đó.');
    expect(buttons(after.blocks).map((button) => button.text)).toEqual(['Chi tiết', 'Chi tiết', 'Chi tiết', 'Xuất Excel']);
    const again = await press(CA, STANDINGS_PUBLISH, correct.value);
    expect(textOf(await firstResponse(bot().slack, again))).toBe(
      'Bảng xếp hạng này đã được đăng lúc 12/04/2021 11:00 và chưa thay đổi; không đăng lại.',
    );
    await drain();
    expect(posts(CHANNEL)).toHaveLength(2);
  });

  it('lets a lead post the standings before the summary, and an admin for any block, recorded as acting as admin', async () => {
    await seeded(BEFORE_SUMMARY, DEMO_NO_WAIT_YAML);
    const lead = await standings(CA);
    const post = buttons(lead.blocks).find((button) => button.actionId === STANDINGS_PUBLISH)!;
    expect(post.text).toBe('Đăng lên kênh');
    expect(textOf(await firstResponse(bot().slack, await press(CA, STANDINGS_PUBLISH, post.value)))).toBe(
      'Đã đăng bảng xếp hạng Quý I năm 2021 lên kênh <#C0NOICHINH>; biểu đồ theo sau trong luồng tin.',
    );
    const admin = await standings(ADMIN, 'xephang q1 vh_xh', 'C0GENERAL');
    await press(ADMIN, STANDINGS_PUBLISH, buttons(admin.blocks).find((button) => button.actionId === STANDINGS_PUBLISH)!.value);
    await bot().bot.idle();
    expect(textOf(posts(CHANNEL)[0]!)).toContain('Kết quả xếp hạng Quý I năm 2021 — Khối thi đua Nội chính');
    expect(textOf(posts(CHANNEL)[0]!)).not.toContain('🏆');
    expect(files(CHANNEL)).toHaveLength(1);
    expect(posts(OTHER_CHANNEL)).toHaveLength(1);
    expect(
      bot()
        .bot.store.audit.all()
        .map((entry) => [entry.action, entry.actorUserId, entry.actingAsAdmin]),
    ).toEqual([
      ['standings.published', CA, false],
      ['standings.published', ADMIN, true],
    ]);
    // The automatic summary still comes, as the official one after the due.
    bot().clock.set(SUMMARY_TIME);
    await runSchedulerPass(bot().bot.deps, bot().clock.now());
    await drain();
    expect(posts(CHANNEL).map((message) => message.text.slice(0, 2))).toEqual(['Kế', '🏆']);
  });
});

describe('a lead rotates yearly', () => {
  it('lets the lead of the period’s year post or export it, not this year’s lead', async () => {
    // The demo, plus 2020 with Thanh tra tỉnh leading Nội chính (Công an tỉnh leads 2021).
    const year2021 = DEMO_YAML.slice(DEMO_YAML.indexOf('  - year: 2021'));
    const year2020 = year2021
      .replaceAll('2021', '2020')
      .replace('NOI_CHINH: { lead: CA, deputy: TT }', 'NOI_CHINH: { lead: TT, deputy: CA }');
    await startStandingsBot({ now: LATER, organisationYaml: `${DEMO_YAML.trimEnd()}\n${year2020}` });
    const q1of2020 = bot()
      .bot.store.structure.periods(2020)
      .find((period) => period.code === 'Q1')!;
    seedReport(bot().bot.store, {
      unitCode: 'STP',
      periodCode: 'Q1',
      year: 2020,
      values: { '1': 90 },
      by: STP,
      at: new Date('2020-04-08T03:00:00Z'),
    });
    const value = JSON.stringify({ blockId: bot().bot.store.structure.blockByCode('NOI_CHINH')!.id, periodId: q1of2020.id });

    const refused = await press(CA, STANDINGS_PUBLISH, value);
    expect(textOf(await firstResponse(bot().slack, refused))).toBe(
      'Chỉ Trưởng khối (Thanh tra tỉnh) và quản trị viên mới đăng bảng xếp hạng lên kênh và xuất Excel; chưa làm gì.',
    );
    const posted = await press('U0TT0001', STANDINGS_PUBLISH, value);
    expect(textOf(await firstResponse(bot().slack, posted))).toBe(
      'Đã đăng bảng xếp hạng Quý I năm 2020 lên kênh <#C0NOICHINH>; biểu đồ theo sau trong luồng tin.',
    );
    expect(
      bot()
        .bot.store.audit.all()
        .map((entry) => [entry.action, entry.actorUserId, entry.actingAsAdmin]),
    ).toEqual([['standings.published', 'U0TT0001', false]]);
    // The 2020 table offers Thanh tra tỉnh the lead's buttons, and not Công an tỉnh.
    const buttonsFor = async (user: string) => buttons((await standings(user, 'xephang q1 2020')).blocks).map((button) => button.actionId);
    expect(await buttonsFor('U0TT0001')).toContain(STANDINGS_EXPORT);
    expect(await buttonsFor(CA)).not.toContain(STANDINGS_EXPORT);
    // The same rule for “Nhắc” on the 2020 status table.
    const nudge = `${q1of2020.id}:${unitId('VKS')}`;
    expect(textOf(await firstResponse(bot().slack, await press(CA, STATUS_NUDGE, nudge)))).toBe(
      'Chỉ cán bộ của đơn vị Trưởng khối (hoặc quản trị viên) mới gửi lời nhắc được.',
    );
    expect(textOf(await firstResponse(bot().slack, await press('U0TT0001', STATUS_NUDGE, nudge)))).toMatch(
      /^Đã nhắc .* \(Viện Kiểm sát nhân dân tỉnh\) nộp báo cáo Quý I/,
    );
  });
});

describe('Xuất Excel', () => {
  it('sends the lead an XLSX whose numbers are the ones xephang shows; an officer is refused', async () => {
    await seeded();
    const shown = await standings(CA);
    const exportButton = buttons(shown.blocks).find((button) => button.actionId === STANDINGS_EXPORT)!;
    const refused = await press(STP, STANDINGS_EXPORT, exportButton.value);
    expect(textOf(await firstResponse(bot().slack, refused))).toContain('Chỉ Trưởng khối (Công an tỉnh) và quản trị viên mới');
    await drain();
    expect(bot().slack.dmsTo(STP)).toEqual([]);

    const pressed = await press(CA, STANDINGS_EXPORT, exportButton.value);
    expect(textOf(await firstResponse(bot().slack, pressed))).toBe(
      'Đang gửi tệp bang-diem-NOI_CHINH-Q1-2021.xlsx vào tin nhắn riêng với bot.',
    );
    await drain();
    const [dm] = bot().slack.dmsTo(CA);
    expect(dm).toMatchObject({
      text: 'Bảng tổng hợp điểm — Khối thi đua Nội chính — Quý I năm 2021',
      files: [{ name: 'bang-diem-NOI_CHINH-Q1-2021.xlsx' }],
    });
    const bytes = [...bot().slack.uploads.values()].find((upload) => upload.filename === 'bang-diem-NOI_CHINH-Q1-2021.xlsx')!.bytes!;
    const rows = await summaryRows(bytes);
    // The XLSX holds full precision; shown with two decimals it reads exactly as xephang.
    const fromXlsx = rows
      .filter((row) => row.grade)
      .map((row) => `*${row.rank}. ${row.unit}* — *${row.total.toFixed(2).replace('.', ',')} điểm* · ${row.grade}`);
    const fromReply = shown.blocks
      .filter((block) => String(block.block_id ?? '').startsWith('standings_unit_'))
      .map((block) => (block.text as { text: string }).text.split('\n')[0]);
    expect(fromXlsx).toEqual(fromReply);
    expect(rows.map((row) => row.unit)).toEqual([
      'Công an tỉnh',
      'Tòa án nhân dân tỉnh',
      'Sở Tư pháp',
      'Thanh tra tỉnh',
      'Viện Kiểm sát nhân dân tỉnh',
      'Bộ Chỉ huy Quân sự tỉnh',
      'Cục Thi hành án dân sự tỉnh',
    ]);
  });
});
