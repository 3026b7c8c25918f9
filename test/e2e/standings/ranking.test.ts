import { afterEach, describe, expect, it } from 'vitest';
import { validateBlocks } from '../../../src/local-slack/block-kit-limits';
import { STANDINGS_DETAIL, STANDINGS_NEXT } from '../../../src/views/ids';
import { demoWithGrades, responsesTo, textOf } from '../../support/bot';
import { generatedOrganisationYaml, officerOf } from '../../support/organisations';
import { seedPledge, seedReport, seedReview } from '../../support/standings';
import {
  ADMIN,
  bot,
  buttons,
  CA,
  closeStandingsBot,
  expectLines,
  LATER,
  openDetail,
  STP,
  SUBMITTED,
  seeded,
  standings,
  startStandingsBot,
  unitId,
} from './support';

/** `/thidua xephang`: ranking, ties, the breakdown, configured grade bands, paging a large block. */
afterEach(closeStandingsBot);

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
      '_Chưa báo cáo (cùng xếp hạng 4):_ Thanh tra tỉnh; Viện Kiểm sát nhân dân tỉnh; Bộ Chỉ huy Quân sự tỉnh; Cục Thi hành án dân sự tỉnh',
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

  it('draws a reply once a minute between writes, per reader who may post or not and per language, and never shows one older than a change', async () => {
    await seeded();
    const first = await standings(STP);
    bot().statements.length = 0;
    expect((await standings(STP)).answer).toEqual(first.answer);
    // Drawn again from memory: not even the published snapshot or the summary's hold is read.
    expect(bot().statements.filter((statement) => /standings_snapshots|summary_holds/.test(statement))).toEqual([]);
    // The lead sees its buttons, the officer none, whoever asked first.
    expect(buttons((await standings(CA)).blocks).map((button) => button.text)).toContain('Đăng lên kênh');
    expect(buttons((await standings(STP)).blocks).map((button) => button.text)).not.toContain('Đăng lên kênh');
    bot().clock.advance(60_000);
    expect((await standings(STP)).text).toContain('Tính đến 12/04/2021 11:01');
    await standings(STP, 'ngonngu en');
    expect((await standings(STP)).text).not.toContain('Xếp hạng Quý I');
    await standings(STP, 'language vi');
    seedReport(bot().bot.store, { unitCode: 'VKS', periodCode: 'Q1', values: { '1': 99 }, by: 'U0VKS001', at: LATER });
    expect((await standings(STP)).text).toContain('Đã báo cáo 4/7 đơn vị');
  });

  it('asks the database once a command whether another process wrote: who is asking and the page drawn are one unit of work', async () => {
    await seeded();
    const first = await standings(STP);
    bot().statements.length = 0;
    expect((await standings(STP)).answer).toEqual(first.answer);
    // Before each read from memory only this connection's count of changes, which takes no lock.
    expect(bot().statements.filter((statement) => statement !== 'select total_changes()')).toEqual(['pragma data_version']);
  });

  it('explains the period, block or year it does not know, and asks an admin outside every block which block', async () => {
    await seeded();
    expect((await standings(STP, 'xephang quy 7')).text).toBe(
      'Không rõ “quy 7”. Các kỳ: `Q1` (Quý I), `H1` (6 tháng đầu năm), `M9` (9 tháng), `NAM` (Cả năm). Các khối: `NOI_CHINH` (Khối thi đua Nội chính), `VH_XH` (Khối thi đua Văn hóa – Xã hội).',
    );
    // Only the words not understood are quoted back.
    expect((await standings(STP, 'xephang q1 khoi kinh te')).text).toContain('Không rõ “khoi kinh te”. Các kỳ:');
    expect((await standings(STP, 'xephang q1 2019')).text).toContain('Chưa có năm 2019 trong tệp tổ chức.');
    expect((await standings(ADMIN, 'xephang', 'C0GENERAL')).text).toContain(
      'Tài khoản quản trị không thuộc khối nào: chọn khối để xem `/thidua xephang`.',
    );
    const admin = await standings(ADMIN, 'xephang q1 van hoa xa hoi', 'C0GENERAL');
    expect(admin.text).toContain('Xếp hạng Quý I năm 2021 — Khối thi đua Văn hóa – Xã hội');
    // Any distinctive part of a block's name names it.
    for (const typed of ['xephang van hoa', 'xephang q1 xã hội', 'xephang van hoa q1']) {
      expect((await standings(ADMIN, typed, 'C0GENERAL')).text).toContain('Xếp hạng Quý I năm 2021 — Khối thi đua Văn hóa – Xã hội');
    }
    expect(admin.text).toContain('*1. Sở Y tế* — *36,00 điểm* · Không hoàn thành');
  });

  it('takes a block name typed with a slip for the one block it is close to, keeping the period', async () => {
    await seeded();
    // An admin outside every block: the block can only come from the words.
    for (const typed of ['xephang quy 1 noi chin', 'xephang noi chnh Q1', 'xephang quy 1 van hao xa hoi']) {
      const { text } = await standings(ADMIN, typed, 'C0GENERAL');
      expect(text).toMatch(/^Xếp hạng Quý I năm 2021 — Khối thi đua (Nội chính|Văn hóa – Xã hội)/);
      expect(text).not.toContain('Không rõ');
    }
    expect((await standings(ADMIN, 'xephang quy 1 noi chin', 'C0GENERAL')).text).toContain(
      'Xếp hạng Quý I năm 2021 — Khối thi đua Nội chính',
    );
  });

  it('shows before the first due the first period, with nothing reported yet', async () => {
    await startStandingsBot({ now: new Date('2021-03-20T02:00:00Z') });
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
    seedReview(bot().bot.store, { version: stp, unitCode: 'STP', scores: { '2': 9, '6': 5, '11': 7, K: 1 }, by: CA, at: LATER });
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
    bot().slack.closeView(bot().slack.openViewOf(STP)!.id);

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
    bot().slack.closeView(bot().slack.openViewOf(STP)!.id);

    // Nothing claimed and 0 accepted reads as nothing claimed, not as a decision about nothing.
    seedReview(bot().bot.store, { version: tand, unitCode: 'TAND', scores: { '2': 8, '6': 3, '11': 5, T: 0, K: 1 }, by: CA, at: LATER });
    const tandLines = (await openDetail(STP, detail('TAND').value, blocks)).split('\n');
    expect(tandLines.find((line) => line.startsWith('*T.*'))).toBe(
      '*T.* Điểm thưởng (Cờ, Bằng khen cấp trên; mô hình mới): đơn vị không đề nghị → *0,00* / 5',
    );
  });
});

describe('configuration and size', () => {
  it('grades with the bands of the organisation file', async () => {
    await seeded(
      LATER,
      demoWithGrades('      - { name: Xuất sắc, min: 93 }\n      - { name: Khá, min: 88 }\n      - { name: Chưa đạt }\n'),
    );
    const { text } = await standings(STP);
    expect(text).toContain('*1. Công an tỉnh* — *94,00 điểm* · Xuất sắc');
    expect(text).toContain('*2. Sở Tư pháp* — *89,00 điểm* · Khá');
    expect((await standings(ADMIN, 'xephang q1 vh_xh', 'C0GENERAL')).text).toContain('*1. Sở Y tế* — *36,00 điểm* · Chưa đạt');
  });

  it('pages a block of 40 units, 30 of which reported, and opens a 40-criterion breakdown within Slack limits', async () => {
    const yaml = generatedOrganisationYaml({ units: 40, targets: 40 });
    await startStandingsBot({ now: LATER, organisationYaml: yaml });
    const targets = Object.fromEntries(Array.from({ length: 40 }, (_, index) => [`C${index + 1}`, 100]));
    for (let unit = 1; unit <= 40; unit++) {
      seedPledge(bot().bot.store, { unitCode: `DV${unit}`, targets, by: officerOf(unit), at: SUBMITTED });
      if (unit <= 30)
        seedReport(bot().bot.store, {
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
    await bot().driver.pressButton({
      userId: lead,
      actionId: STANDINGS_NEXT,
      value: next.value,
      in: { ephemeral: { channel: 'C0LON', blocks: first.blocks, responseUrl: first.responseUrl } },
    });
    const second = await bot().slack.waitFor(() => responsesTo(bot().slack, first.responseUrl)[1], 5000, 'page 2');
    expect(second.replace_original).toBe(true);
    expect(textOf(second)).toContain('*16. Đơn vị số 15* — *33,00 điểm*');
    expect(validateBlocks(second.blocks, 'message')).toEqual([]);
    // The last page holds only units that did not report: they keep their shared rank.
    const last = buttons(second.blocks as Record<string, unknown>[]).find((button) => button.actionId === STANDINGS_NEXT)!;
    bot().statements.length = 0;
    await bot().driver.pressButton({
      userId: lead,
      actionId: STANDINGS_NEXT,
      value: last.value,
      in: { ephemeral: { channel: 'C0LON', blocks: second.blocks as Record<string, unknown>[], responseUrl: first.responseUrl } },
    });
    const third = await bot().slack.waitFor(() => responsesTo(bot().slack, first.responseUrl)[2], 5000, 'page 3');
    // Whether another process wrote is asked once for who pressed, once for the page drawn: each a unit of work.
    expect(bot().statements.filter((statement) => /data_version|configuration_version/.test(statement))).toEqual([
      'pragma data_version',
      'pragma data_version',
    ]);
    expect(textOf(third)).toContain('_Chưa báo cáo (cùng xếp hạng 31):_ Đơn vị số 31; Đơn vị số 32;');

    const detail = buttons(first.blocks).find((button) => button.actionId === STANDINGS_DETAIL)!;
    expect(await openDetail(lead, detail.value, first.blocks)).toContain(
      '*C40.* Chỉ tiêu chuyên môn số 40 (%): đạt 90 / chỉ tiêu 100 → *0,90* / 1',
    );
  });
});
