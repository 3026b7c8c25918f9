import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { validateBlocks } from '../../src/local-slack/block-kit-limits';
import { runSchedulerPass } from '../../src/scheduler/scheduler';
import { STANDINGS_DETAIL, STANDINGS_EXPORT, STANDINGS_NEXT, STANDINGS_PUBLISH, STATUS_NUDGE } from '../../src/views/ids';
import { DEMO_YAML, firstResponse, responsesTo, startTestBot, type TestBot, textOf } from '../support/bot';
import { generatedOrganisationYaml, officerOf } from '../support/organisations';
import { DEMO_YES, seedNoiChinhQ1, seedPledge, seedReport, seedReview } from '../support/standings';

/**
 * The demo's Khối thi đua Nội chính (lead Công an tỉnh, channel C0NOICHINH), Quý I 2021 due
 * Saturday 10/04/2021 17:00; the automatic summary is due Monday 12/04/2021 09:00 (Hà Nội).
 * Three units report (test/support/standings.ts): Công an tỉnh 94, Tòa án nhân dân tỉnh and Sở Tư
 * pháp 89 each; Sở Y tế reports in Khối thi đua Văn hóa – Xã hội.
 */
const CA = 'U0CA0001';
const STP = 'U0TP0001';
const ADMIN = 'U0ADMIN01';
const CHANNEL = 'C0NOICHINH';
const OTHER_CHANNEL = 'C0VHXH';
const SUBMITTED = new Date('2021-04-08T03:00:00Z');
const LATE = new Date('2021-04-11T03:00:00Z');
const BEFORE_SUMMARY = new Date('2021-04-12T01:30:00Z'); // Monday 08:30 in Hà Nội
const SUMMARY_TIME = new Date('2021-04-12T02:00:00Z'); // Monday 09:00 in Hà Nội
const LATER = new Date('2021-04-12T04:00:00Z'); // Monday 11:00

let t: TestBot;
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
afterEach(async () => {
  await settle();
  await t?.close();
});

async function seeded(now = LATER, yaml?: string) {
  t = await startTestBot({ now, ...(yaml ? { organisationYaml: yaml } : {}) });
  const versions = seedNoiChinhQ1(t.bot.store, SUBMITTED, LATE);
  seedReport(t.bot.store, { unitCode: 'SYT', periodCode: 'Q1', values: { '1': 70, '2': 6, ...DEMO_YES }, by: 'U0YT0001', at: SUBMITTED });
  return versions;
}

async function standings(user: string, text = 'xephang', channel = CHANNEL) {
  const reply = await t.driver.slashCommand(user, text, channel);
  const answer = await firstResponse(t.slack, reply.responseUrl);
  return { answer, text: textOf(answer), blocks: (answer.blocks ?? []) as Record<string, unknown>[], responseUrl: reply.responseUrl };
}

function buttons(blocks: unknown[]): { actionId: string; text: string; value: string }[] {
  const found: { actionId: string; text: string; value: string }[] = [];
  for (const block of blocks as { accessory?: Record<string, unknown>; elements?: Record<string, unknown>[] }[]) {
    for (const element of [...(block.accessory ? [block.accessory] : []), ...(block.elements ?? [])]) {
      if (element.type === 'button')
        found.push({
          actionId: String(element.action_id),
          text: String((element.text as { text: string }).text),
          value: String(element.value),
        });
    }
  }
  return found;
}

async function press(user: string, actionId: string, value: string, blocks: unknown[] = []) {
  const reply = await t.driver.pressButton({ userId: user, actionId, value, in: { ephemeral: { channel: CHANNEL, blocks } } });
  return reply.responseUrl!;
}

/** Presses "Chi tiết" and waits for the breakdown modal; fails if Slack refused it. */
async function openDetail(user: string, value: string, blocks: unknown[]) {
  const before = t.slack.callsTo('views.open').length;
  await press(user, STANDINGS_DETAIL, value, blocks);
  const call = await t.slack.waitFor(() => t.slack.callsTo('views.open')[before], 5000, 'the breakdown modal');
  expect(call.ok, JSON.stringify(call.error)).toBe(true);
  return textOf(t.slack.openViewOf(user)!.view);
}

function expectLines(text: string, lines: readonly string[]) {
  for (const line of lines) expect(text).toContain(line);
}

const unitId = (code: string) => t.bot.store.structure.unitByCode(code)!.id;
const drain = () => t.bot.deps.delivery.drain();
// The scheduler also sends deadline nudges on these days: look only at what standings post.
const files = (channel: string) => t.slack.messagesIn(channel).filter((message) => message.files?.length);
const posts = (channel: string) =>
  t.slack.messagesIn(channel).filter((message) => String(message.metadata?.event_payload?.key ?? '').startsWith('standings-'));
const queued = () => t.bot.store.outbox.withKeyPrefix('standings-');

describe('/thidua xephang', () => {
  it('ranks the block for the latest period that is due, shares a rank for a tie and marks late and unreviewed reports', async () => {
    await seeded();
    const { text, blocks, answer } = await standings(STP);
    expect(answer.response_type).toBe('ephemeral');
    expect(text).toContain('Xếp hạng Quý I năm 2021 — Khối thi đua Nội chính');
    expect(text).toContain('Tính đến 12/04/2021 11:00 · Đã báo cáo 3/7 đơn vị · Hạn nộp 10/04/2021 17:00');
    const lines = blocks
      .filter((block) => String(block.block_id ?? '').startsWith('standings_unit_'))
      .map((block) => (block.text as { text: string }).text);
    expect(lines).toEqual([
      '*1. Công an tỉnh* — *94,00 điểm* · Hoàn thành tốt\n_chờ thẩm định_',
      '*2. Tòa án nhân dân tỉnh* — *89,00 điểm* · Hoàn thành tốt\n_đồng hạng — cần Khối bình xét · nộp muộn · chờ thẩm định_',
      '*2. Sở Tư pháp* — *89,00 điểm* · Hoàn thành tốt\n_đồng hạng — cần Khối bình xét · chờ thẩm định_',
    ]);
    expect(text).toContain(
      '*4.* _Chưa báo cáo:_ Thanh tra tỉnh; Viện Kiểm sát nhân dân tỉnh; Bộ Chỉ huy Quân sự tỉnh; Cục Thi hành án dân sự tỉnh',
    );
    // Anyone may read and open a breakdown; only leads and admins post or export.
    expect(buttons(blocks).map((button) => button.actionId)).toEqual([STANDINGS_DETAIL, STANDINGS_DETAIL, STANDINGS_DETAIL]);
    expect(validateBlocks(blocks, 'message')).toEqual([]);

    // The period and block typed any way, in either order, give the same table.
    for (const typed of [
      'xephang q1',
      'xep hang quy 1 noi chinh',
      'standings Quý I Khối thi đua Nội chính',
      'bangdiem noi chinh q1 2021',
    ]) {
      expect(
        (await standings(STP, typed)).blocks
          .filter((block) => String(block.block_id ?? '').startsWith('standings_unit_'))
          .map((block) => (block.text as { text: string }).text),
      ).toEqual(lines);
    }
  });

  it('explains the period, block or year it does not know, and asks an admin outside every block which block', async () => {
    await seeded();
    expect((await standings(STP, 'xephang quy 7')).text).toBe(
      'Không rõ «quy 7». Các kỳ: `Q1` (Quý I), `H1` (6 tháng đầu năm), `M9` (9 tháng), `NAM` (Cả năm). Các khối: `NOI_CHINH` (Khối thi đua Nội chính), `VH_XH` (Khối thi đua Văn hóa – Xã hội).',
    );
    expect((await standings(STP, 'xephang q1 noi chin')).text).toContain('Không rõ «q1 noi chin».');
    expect((await standings(STP, 'xephang q1 2019')).text).toContain('Chưa có năm 2019 trong tệp cấu hình tổ chức.');
    expect((await standings(ADMIN, 'xephang', 'C0GENERAL')).text).toContain(
      'Tài khoản này không thuộc khối nào: ghi thêm khối, ví dụ `/thidua xephang Q1 NOI_CHINH`',
    );
    const admin = await standings(ADMIN, 'xephang q1 van hoa xa hoi', 'C0GENERAL');
    expect(admin.text).toContain('Xếp hạng Quý I năm 2021 — Khối thi đua Văn hóa – Xã hội');
    expect(admin.text).toContain('*1. Sở Y tế* — *36,00 điểm* · Không hoàn thành');
  });

  it('shows before the first due the first period, with nothing reported yet', async () => {
    t = await startTestBot({ now: new Date('2021-03-20T02:00:00Z') });
    const { text } = await standings(CA);
    expect(text).toContain('Xếp hạng Quý I năm 2021 — Khối thi đua Nội chính');
    expect(text).toContain('Chưa có đơn vị nào báo cáo kỳ này.');
    expect(text).toContain('_Chưa báo cáo:_ Thanh tra tỉnh; Công an tỉnh;');
    expect(text).not.toContain('*1.*');
    // Nothing to post yet; the lead may still export the (empty) table.
    expect(buttons((await standings(CA)).blocks).map((button) => button.text)).toEqual(['Xuất Excel']);
  });

  it('opens a breakdown whose lines are the hand-computed points, with who reviewed', async () => {
    const { stp, tand } = await seeded();
    seedReview(t.bot.store, { version: stp, unitCode: 'STP', scores: { '2': 9, '6': 5, '11': 7, K: 1 }, by: CA, at: LATER });
    const { blocks } = await standings(STP);
    const detail = (code: string) => buttons(blocks).find((button) => JSON.parse(button.value).unitId === unitId(code))!;

    const ca = await openDetail(STP, detail('CA').value, blocks);
    // Công an tỉnh: 95 of a target of 100 on 40 points = 38; 1 case under a ceiling of 2 = 5 of 5; six "yes" = 30; self-scores 9 + 4 + 8.
    expectLines(ca, [
      '*1.* Hoàn thành chỉ tiêu chuyên môn đã giao ước (%): đạt 95 / chỉ tiêu 100 → *38,00* / 40',
      '*2.* Cải cách hành chính, chuyển đổi số: tự chấm 9 → *9,00* / 10 _(chờ thẩm định)_',
      '*3.* Ban hành kế hoạch, đăng ký và ký giao ước đúng hạn: Có → *5,00* / 5',
      '*9.* Số vụ việc vi phạm, đơn thư tồn đọng (vụ việc): thực tế 1 / mức trần 2 → *5,00* / 5',
      '*T.* Điểm thưởng (Cờ, Bằng khen cấp trên; mô hình mới): đề nghị 3 → *0,00* / 5 _(chờ thẩm định)_',
      'Cộng điểm tiêu chí *94,00* · Điểm thưởng *0,00* · Điểm trừ *0,00* · *Tổng 94,00 điểm*',
      'Chưa được Trưởng khối thẩm định',
    ]);
    t.slack.closeView(t.slack.openViewOf(STP)!.id);

    const stpText = await openDetail(STP, detail('STP').value, blocks);
    // Sở Tư pháp: 81 of 90 → 36; criterion 4 "no" → 0; 0 under a ceiling of 0 → 5; the lead's 9, 5 and 7; 1 point deducted.
    expectLines(stpText, [
      'Hạng 3 · *86,00 điểm* · Hoàn thành tốt',
      '*1.* Hoàn thành chỉ tiêu chuyên môn đã giao ước (%): đạt 81 / chỉ tiêu 90 → *36,00* / 40',
      '*4.* Tổ chức sơ kết, tổng kết phong trào: Không → *0,00* / 5',
      '*9.* Số vụ việc vi phạm, đơn thư tồn đọng (vụ việc): thực tế 0 / mức trần 0 → *5,00* / 5',
      '*11.* Tham gia hoạt động của Khối (hội nghị, hội thao, kiểm tra chéo): tự chấm 9 · Trưởng khối chấm 7 (<@U0CA0001>) → *7,00* / 10',
      '*K.* Điểm trừ (kỷ luật, vi phạm, chậm báo cáo): tự nhận 1 · Trưởng khối chấp nhận 1 (<@U0CA0001>) → *−1,00* / 5',
      'Cộng điểm tiêu chí *87,00* · Điểm thưởng *0,00* · Điểm trừ *−1,00* · *Tổng 86,00 điểm*',
      'Thẩm định: <@U0CA0001>.',
    ]);
    t.slack.closeView(t.slack.openViewOf(STP)!.id);

    // Nothing claimed and 0 accepted reads as nothing claimed, not as a decision about nothing.
    seedReview(t.bot.store, { version: tand, unitCode: 'TAND', scores: { '2': 8, '6': 3, '11': 5, T: 0, K: 1 }, by: CA, at: LATER });
    const tandLines = (await openDetail(STP, detail('TAND').value, blocks)).split('\n');
    expect(tandLines.find((line) => line.startsWith('*T.*'))).toBe(
      '*T.* Điểm thưởng (Cờ, Bằng khen cấp trên; mô hình mới): không có → *0,00* / 5',
    );
  });
});

describe('the automatic summary', () => {
  it('posts each block its standings once, after the due at 09:00 on the next working day, with the chart in the thread', async () => {
    await seeded(BEFORE_SUMMARY);
    await runSchedulerPass(t.bot.deps, t.clock.now());
    await drain();
    expect([...posts(CHANNEL), ...files(CHANNEL)]).toEqual([]);
    expect(queued()).toEqual([]);

    t.clock.set(SUMMARY_TIME);
    await Promise.all([runSchedulerPass(t.bot.deps, t.clock.now()), runSchedulerPass(t.bot.deps, t.clock.now())]);
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
      const bytes = [...t.slack.uploads.values()].find((upload) => upload.filename === chart!.files![0]!.name)!.bytes!;
      expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    }
    const summary = textOf(posts(CHANNEL)[0]!);
    expect(summary).toContain('*1. Công an tỉnh* — *94,00 điểm* · Hoàn thành tốt');
    expect(summary).toContain(
      '*2. Tòa án nhân dân tỉnh* — *89,00 điểm* · Hoàn thành tốt\n_đồng hạng — cần Khối bình xét · nộp muộn · chờ thẩm định_',
    );
    expect(summary).toContain('`/thidua xephang Q1 NOI_CHINH 2021`');
    expect(t.bot.handle.sqlite.prepare('select kind, created_by as createdBy from standings_snapshots order by id').all()).toEqual([
      { kind: 'summary', createdBy: null },
      { kind: 'summary', createdBy: null },
    ]);

    // Later passes that day and the next post nothing more.
    for (const hours of [1, 24]) {
      t.clock.set(new Date(SUMMARY_TIME.getTime() + hours * 3_600_000));
      await runSchedulerPass(t.bot.deps, t.clock.now());
    }
    await drain();
    expect([...posts(CHANNEL), ...files(CHANNEL)]).toHaveLength(2);
    expect([...posts(OTHER_CHANNEL), ...files(OTHER_CHANNEL)]).toHaveLength(2);
    const q1 = t.bot.store.structure.periods(2021).find((period) => period.code === 'Q1')!.id;
    const keys = t.bot.store.structure
      .activeBlocks()
      .flatMap((block) => [`standings-chart:${block.id}:${q1}`, `standings-summary:${block.id}:${q1}`]);
    expect(
      queued()
        .map((row) => row.dedupeKey)
        .sort(),
    ).toEqual(keys.sort());
  });

  it('waits for a block where nobody has reported, and posts when the first report arrives', async () => {
    t = await startTestBot({ now: SUMMARY_TIME });
    await runSchedulerPass(t.bot.deps, t.clock.now());
    await drain();
    expect(queued()).toEqual([]);
    seedReport(t.bot.store, { unitCode: 'TT', periodCode: 'Q1', values: { '1': 50 }, by: 'U0TT0001', at: LATER, late: true });
    t.clock.set(LATER);
    await runSchedulerPass(t.bot.deps, t.clock.now());
    await drain();
    expect(posts(CHANNEL).map((post) => post.text)).toEqual([
      '🏆 Kết quả xếp hạng Quý I năm 2021 — Khối thi đua Nội chính · Đã báo cáo 1/7 đơn vị',
    ]);
    expect(posts(OTHER_CHANNEL)).toEqual([]);
  });
});

describe('after the summary', () => {
  it('tells that a review changed the standings, and lets only the lead post a correction, once', async () => {
    const { stp } = await seeded(SUMMARY_TIME);
    await runSchedulerPass(t.bot.deps, t.clock.now());
    await drain();
    t.clock.set(LATER);
    expect((await standings(STP)).text).toContain('Đã đăng lên kênh lúc 12/04/2021 09:00 (bản tổng hợp tự động); chưa thay đổi từ đó.');

    seedReview(t.bot.store, { version: stp, unitCode: 'STP', scores: { '2': 9, '6': 5, '11': 7, K: 1 }, by: CA, at: LATER });
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
    expect(textOf(await firstResponse(t.slack, refused))).toBe(
      'Chỉ Trưởng khối (Công an tỉnh) và quản trị viên mới đăng bảng xếp hạng lên kênh và xuất Excel; chưa làm gì.',
    );
    expect(queued()).toHaveLength(4);

    const pressed = await press(CA, STANDINGS_PUBLISH, correct.value);
    expect(textOf(await firstResponse(t.slack, pressed))).toBe(
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
    expect(t.bot.store.audit.all().map((entry) => [entry.action, entry.actorUserId, entry.actingAsAdmin])).toEqual([
      ['standings.corrected', CA, false],
    ]);

    // Published and unchanged: no post button, and the old button posts nothing again.
    const after = await standings(CA);
    expect(after.text).toContain('Đã đăng lên kênh lúc 12/04/2021 11:00 (bản đính chính); chưa thay đổi từ đó.');
    expect(buttons(after.blocks).map((button) => button.text)).toEqual(['Chi tiết', 'Chi tiết', 'Chi tiết', 'Xuất Excel']);
    const again = await press(CA, STANDINGS_PUBLISH, correct.value);
    expect(textOf(await firstResponse(t.slack, again))).toBe(
      'Bảng xếp hạng này đã được đăng lúc 12/04/2021 11:00 và chưa thay đổi; không đăng lại.',
    );
    await drain();
    expect(posts(CHANNEL)).toHaveLength(2);
  });

  it('lets a lead post the standings before the summary, and an admin for any block, recorded as acting as admin', async () => {
    await seeded(BEFORE_SUMMARY);
    const lead = await standings(CA);
    const post = buttons(lead.blocks).find((button) => button.actionId === STANDINGS_PUBLISH)!;
    expect(post.text).toBe('Đăng lên kênh');
    expect(textOf(await firstResponse(t.slack, await press(CA, STANDINGS_PUBLISH, post.value)))).toBe(
      'Đã đăng bảng xếp hạng Quý I năm 2021 lên kênh <#C0NOICHINH>; biểu đồ theo sau trong luồng tin.',
    );
    const admin = await standings(ADMIN, 'xephang q1 vh_xh', 'C0GENERAL');
    await press(ADMIN, STANDINGS_PUBLISH, buttons(admin.blocks).find((button) => button.actionId === STANDINGS_PUBLISH)!.value);
    await settle();
    await drain();
    expect(textOf(posts(CHANNEL)[0]!)).toContain('Kết quả xếp hạng Quý I năm 2021 — Khối thi đua Nội chính');
    expect(textOf(posts(CHANNEL)[0]!)).not.toContain('🏆');
    expect(files(CHANNEL)).toHaveLength(1);
    expect(posts(OTHER_CHANNEL)).toHaveLength(1);
    expect(t.bot.store.audit.all().map((entry) => [entry.action, entry.actorUserId, entry.actingAsAdmin])).toEqual([
      ['standings.published', CA, false],
      ['standings.published', ADMIN, true],
    ]);
    // The automatic summary still comes, as the official one after the due.
    t.clock.set(SUMMARY_TIME);
    await runSchedulerPass(t.bot.deps, t.clock.now());
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
    t = await startTestBot({ now: LATER, organisationYaml: `${DEMO_YAML.trimEnd()}\n${year2020}` });
    const q1of2020 = t.bot.store.structure.periods(2020).find((period) => period.code === 'Q1')!;
    seedReport(t.bot.store, {
      unitCode: 'STP',
      periodCode: 'Q1',
      year: 2020,
      values: { '1': 90 },
      by: STP,
      at: new Date('2020-04-08T03:00:00Z'),
    });
    const value = JSON.stringify({ blockId: t.bot.store.structure.blockByCode('NOI_CHINH')!.id, periodId: q1of2020.id });

    const refused = await press(CA, STANDINGS_PUBLISH, value);
    expect(textOf(await firstResponse(t.slack, refused))).toBe(
      'Chỉ Trưởng khối (Thanh tra tỉnh) và quản trị viên mới đăng bảng xếp hạng lên kênh và xuất Excel; chưa làm gì.',
    );
    const posted = await press('U0TT0001', STANDINGS_PUBLISH, value);
    expect(textOf(await firstResponse(t.slack, posted))).toBe(
      'Đã đăng bảng xếp hạng Quý I năm 2020 lên kênh <#C0NOICHINH>; biểu đồ theo sau trong luồng tin.',
    );
    expect(t.bot.store.audit.all().map((entry) => [entry.action, entry.actorUserId, entry.actingAsAdmin])).toEqual([
      ['standings.published', 'U0TT0001', false],
    ]);
    // The 2020 table offers Thanh tra tỉnh the lead's buttons, and not Công an tỉnh.
    const buttonsFor = async (user: string) => buttons((await standings(user, 'xephang q1 2020')).blocks).map((button) => button.actionId);
    expect(await buttonsFor('U0TT0001')).toContain(STANDINGS_EXPORT);
    expect(await buttonsFor(CA)).not.toContain(STANDINGS_EXPORT);
    // The same rule for «Nhắc» on the 2020 status table.
    const nudge = `${q1of2020.id}:${unitId('VKS')}`;
    expect(textOf(await firstResponse(t.slack, await press(CA, STATUS_NUDGE, nudge)))).toBe(
      'Chỉ cán bộ của đơn vị Trưởng khối (hoặc quản trị viên) mới gửi lời nhắc được.',
    );
    expect(textOf(await firstResponse(t.slack, await press('U0TT0001', STATUS_NUDGE, nudge)))).toMatch(
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
    expect(textOf(await firstResponse(t.slack, refused))).toContain('Chỉ Trưởng khối (Công an tỉnh) và quản trị viên mới');
    await drain();
    expect(t.slack.dmsTo(STP)).toEqual([]);

    const pressed = await press(CA, STANDINGS_EXPORT, exportButton.value);
    expect(textOf(await firstResponse(t.slack, pressed))).toBe('Đang gửi tệp bang-diem-NOI_CHINH-Q1-2021.xlsx vào tin nhắn riêng với bot.');
    await drain();
    const [dm] = t.slack.dmsTo(CA);
    expect(dm).toMatchObject({
      text: 'Bảng tổng hợp điểm — Khối thi đua Nội chính — Quý I năm 2021',
      files: [{ name: 'bang-diem-NOI_CHINH-Q1-2021.xlsx' }],
    });
    const bytes = [...t.slack.uploads.values()].find((upload) => upload.filename === 'bang-diem-NOI_CHINH-Q1-2021.xlsx')!.bytes!;
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

/** Rank, unit, total and grade of each row of the summary sheet (the table starts after the title rows). */
async function summaryRows(bytes: Buffer): Promise<{ rank: number; unit: string; total: number; grade: string | null }[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const headerRow = [...Array(sheet.rowCount).keys()].map((index) => index + 1).find((row) => sheet.getCell(row, 1).value === 'Hạng')!;
  const columns = new Map<string, number>();
  sheet.getRow(headerRow).eachCell((cell, column) => columns.set(String(cell.value), column));
  const rows: { rank: number; unit: string; total: number; grade: string | null }[] = [];
  for (let row = headerRow + 2; row <= sheet.rowCount; row++) {
    const rank = sheet.getCell(row, 1).value;
    if (typeof rank !== 'number') continue;
    const grade = sheet.getCell(row, columns.get('Xếp loại')!).value;
    rows.push({
      rank,
      unit: String(sheet.getCell(row, 2).value),
      total: Number(sheet.getCell(row, columns.get('Tổng điểm')!).value),
      grade: grade === null ? null : String(grade),
    });
  }
  return rows;
}

describe('configuration and size', () => {
  it('grades with the bands of the organisation file', async () => {
    await seeded(
      LATER,
      DEMO_YAML.replace(
        '    summary_at: "09:00"\n',
        '    summary_at: "09:00"\n    grades:\n      - { name: Xuất sắc, min: 93 }\n      - { name: Khá, min: 88 }\n      - { name: Chưa đạt }\n',
      ),
    );
    const { text } = await standings(STP);
    expect(text).toContain('*1. Công an tỉnh* — *94,00 điểm* · Xuất sắc');
    expect(text).toContain('*2. Sở Tư pháp* — *89,00 điểm* · Khá');
    expect((await standings(ADMIN, 'xephang q1 vh_xh', 'C0GENERAL')).text).toContain('*1. Sở Y tế* — *36,00 điểm* · Chưa đạt');
  });

  it('pages a block of 40 units, 30 of which reported, and opens a 40-criterion breakdown within Slack limits', async () => {
    const yaml = generatedOrganisationYaml({ units: 40, targets: 40 });
    t = await startTestBot({ now: LATER, organisationYaml: yaml });
    const targets = Object.fromEntries(Array.from({ length: 40 }, (_, index) => [`C${index + 1}`, 100]));
    for (let unit = 1; unit <= 40; unit++) {
      seedPledge(t.bot.store, { unitCode: `DV${unit}`, targets, by: officerOf(unit), at: SUBMITTED });
      if (unit <= 30)
        seedReport(t.bot.store, {
          unitCode: `DV${unit}`,
          periodCode: 'Q1',
          values: { ...Object.fromEntries(Object.keys(targets).map((code) => [code, 60 + unit])), G1: 3 },
          by: officerOf(unit),
          at: SUBMITTED,
        });
    }
    const lead = officerOf(1);
    const first = await standings(lead, 'xephang', 'C0LON');
    expect(validateBlocks(first.blocks, 'message')).toEqual([]);
    // A 45-point table (40 targets of 1, a graded 5): the default bands follow its base, so 39 of 45 is "tốt".
    expect(first.text).toContain('*1. Đơn vị số 30* — *39,00 điểm* · Hoàn thành tốt');
    expect(first.text).toContain('Trang 1/3');
    const next = buttons(first.blocks).find((button) => button.actionId === STANDINGS_NEXT)!;
    await t.driver.pressButton({
      userId: lead,
      actionId: STANDINGS_NEXT,
      value: next.value,
      in: { ephemeral: { channel: 'C0LON', blocks: first.blocks, responseUrl: first.responseUrl } },
    });
    const second = await t.slack.waitFor(() => responsesTo(t.slack, first.responseUrl)[1], 5000, 'page 2');
    expect(second.replace_original).toBe(true);
    expect(textOf(second)).toContain('*16. Đơn vị số 15* — *33,00 điểm*');
    expect(validateBlocks(second.blocks, 'message')).toEqual([]);
    // The last page holds only units that did not report: they keep their shared rank.
    const last = buttons(second.blocks as Record<string, unknown>[]).find((button) => button.actionId === STANDINGS_NEXT)!;
    await t.driver.pressButton({
      userId: lead,
      actionId: STANDINGS_NEXT,
      value: last.value,
      in: { ephemeral: { channel: 'C0LON', blocks: second.blocks as Record<string, unknown>[], responseUrl: first.responseUrl } },
    });
    const third = await t.slack.waitFor(() => responsesTo(t.slack, first.responseUrl)[2], 5000, 'page 3');
    expect(textOf(third)).toContain('*31.* _Chưa báo cáo:_ Đơn vị số 31; Đơn vị số 32;');

    const detail = buttons(first.blocks).find((button) => button.actionId === STANDINGS_DETAIL)!;
    expect(await openDetail(lead, detail.value, first.blocks)).toContain(
      '*C40.* Chỉ tiêu chuyên môn số 40 (%): đạt 90 / chỉ tiêu 100 → *0,90* / 1',
    );
  });
});
