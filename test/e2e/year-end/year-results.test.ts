import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_YAML, startTestBot, type TestBot, textOf } from '../../support/bot';
import { A_YEAR, CHANNEL, command, OFFICER, seedYear, YEAR_END } from './support';

/**
 * `/thidua xephang nam` and `/thidua ketqua` over the year of support.ts, by both rules of
 * years[].year_result. Hand-computed:
 * - default (the demo's periods are cumulative, so "Cả năm" is the year's period): the Cả năm
 *   standings: CA 98 (1); TT 97 and VKS 97 (2, tied); STP 93 (4); BCHQS 92 (5); TAND 90 (6); CTHADS 89 (7).
 * - average of the four periods (a period not reported counts 0): CA 389/4 = 97,25; TT 382/4 = 95,50;
 *   VKS 379/4 = 94,75; TAND 90,00; BCHQS 356/4 = 89,00; CTHADS 347/4 = 86,75; STP 273/4 = 68,25.
 */
let t: TestBot | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const AVERAGE_YAML = DEMO_YAML.replace('    commendations:', '    year_result: average\n    commendations:');

async function yearBot(yaml?: string) {
  t = await startTestBot({ now: YEAR_END, ...(yaml ? { organisationYaml: yaml } : {}) });
  seedYear(t.bot.store, A_YEAR);
  return t;
}

describe('the year standings (xephang nam)', () => {
  it('by default the period that covers the year: its ranks, grades and the tie for the block to decide', async () => {
    const bot = await yearBot();
    const { text } = await command(bot, OFFICER.STP, 'xephang nam');
    expect(text).toContain('Xếp hạng cả năm 2021 — Khối thi đua Nội chính');
    expect(text).toContain('Kết quả năm là kết quả cả năm 2021 (kỳ báo cáo cả năm).');
    const lines = text.split('\n').filter((line) => /^\*\d\./.test(line));
    expect(lines).toEqual([
      '*1. Công an tỉnh* — *98,00 điểm* · Hoàn thành xuất sắc',
      '*2. Thanh tra tỉnh* — *97,00 điểm* · Hoàn thành xuất sắc',
      '*2. Viện Kiểm sát nhân dân tỉnh* — *97,00 điểm* · Hoàn thành xuất sắc',
      '*4. Sở Tư pháp* — *93,00 điểm* · Hoàn thành tốt',
      '*5. Bộ Chỉ huy Quân sự tỉnh* — *92,00 điểm* · Hoàn thành tốt',
      '*6. Tòa án nhân dân tỉnh* — *90,00 điểm* · Hoàn thành tốt',
      '*7. Cục Thi hành án dân sự tỉnh* — *89,00 điểm* · Hoàn thành tốt',
    ]);
    expect(text).toContain('_đồng hạng — cần Khối bình xét_');
  });

  it('a year nobody has reported yet: every unit without a result, none given a rank', async () => {
    t = await startTestBot({ now: YEAR_END });
    const { text } = await command(t, OFFICER.STP, 'xephang nam');
    expect(text).toContain(
      '_Chưa có kết quả:_ Thanh tra tỉnh; Công an tỉnh; Viện Kiểm sát nhân dân tỉnh; Tòa án nhân dân tỉnh; Sở Tư pháp; Bộ Chỉ huy Quân sự tỉnh; Cục Thi hành án dân sự tỉnh',
    );
    expect(text).not.toMatch(/\*\d+\.\*/);
  });

  it('units without a result share the rank after the last one, said as in the period standings, not as a numbered line', async () => {
    t = await startTestBot({ now: YEAR_END });
    seedYear(t.bot.store, { CA: A_YEAR.CA, TT: A_YEAR.TT, VKS: A_YEAR.VKS, TAND: A_YEAR.TAND, STP: A_YEAR.STP });
    const { text } = await command(t, OFFICER.STP, 'xephang nam');
    expect(text).toContain('_Chưa có kết quả (cùng xếp hạng 6):_ Bộ Chỉ huy Quân sự tỉnh; Cục Thi hành án dân sự tỉnh');
    expect(text).not.toMatch(/\*6\.\*/);
    await t.driver.slashCommand(OFFICER.STP, 'ngonngu en', CHANNEL);
    expect((await command(t, OFFICER.STP, 'xephang nam')).text).toContain(
      '_No result (all ranked 6):_ Bộ Chỉ huy Quân sự tỉnh; Cục Thi hành án dân sự tỉnh',
    );
  });

  it('with year_result: average, the mean of the periods, a period not reported counting 0 and named', async () => {
    const bot = await yearBot(AVERAGE_YAML);
    // Typed without diacritics, in four words, with the block and the year.
    const { text } = await command(bot, OFFICER.TT, 'xep hang ca nam noi chinh 2021');
    expect(text).toContain(
      'Kết quả năm là trung bình cộng tổng điểm các kỳ đã đến hạn: Quý I năm 2021; 6 tháng đầu năm 2021; 9 tháng năm 2021; cả năm 2021; kỳ đơn vị không báo cáo tính 0 điểm.',
    );
    const lines = text.split('\n').filter((line) => /^\*\d\./.test(line));
    expect(lines).toEqual([
      '*1. Công an tỉnh* — *97,25 điểm* · Hoàn thành xuất sắc',
      '*2. Thanh tra tỉnh* — *95,50 điểm* · Hoàn thành xuất sắc',
      '*3. Viện Kiểm sát nhân dân tỉnh* — *94,75 điểm* · Hoàn thành tốt',
      '*4. Tòa án nhân dân tỉnh* — *90,00 điểm* · Hoàn thành tốt',
      '*5. Bộ Chỉ huy Quân sự tỉnh* — *89,00 điểm* · Hoàn thành tốt',
      '*6. Cục Thi hành án dân sự tỉnh* — *86,75 điểm* · Hoàn thành tốt',
      '*7. Sở Tư pháp* — *68,25 điểm* · Không hoàn thành',
    ]);
    expect(text).toContain('_chưa báo cáo 6 tháng đầu năm 2021, tính 0 điểm_');
    expect(text).not.toContain('đồng hạng');
  });

  it('before the year is over the average counts the periods due and says the result is provisional', async () => {
    t = await startTestBot({ now: new Date('2021-08-01T02:00:00Z'), organisationYaml: AVERAGE_YAML });
    seedYear(t.bot.store, A_YEAR);
    const { text } = await command(t, OFFICER.CA, 'standings year');
    // Q1 and H1 are due: CA (96 + 98) / 2 = 97; STP 88 / 2 = 44.
    expect(text).toContain('Chưa đến hạn: 9 tháng năm 2021; cả năm 2021; kết quả còn tạm tính.');
    expect(text).toContain('*1. Công an tỉnh* — *97,00 điểm* · Hoàn thành xuất sắc');
    expect(text).toContain('*7. Sở Tư pháp* — *44,00 điểm* · Không hoàn thành');
  });
});

describe('the year standings for a block typed with a slip', () => {
  it('takes the one block the words are close to; an unknown block is said with the list', async () => {
    const bot = await yearBot();
    expect((await command(bot, 'U0ADMIN01', 'xephang nam noi chin 2021')).text).toContain('Xếp hạng cả năm 2021 — Khối thi đua Nội chính');
    expect((await command(bot, 'U0ADMIN01', 'xephang nam van hoa xa hoii')).text).toContain(
      'Xếp hạng cả năm 2021 — Khối thi đua Văn hóa – Xã hội',
    );
    expect((await command(bot, 'U0ADMIN01', 'xephang nam khoi kinh te')).text).toContain('Không có khối “khoi kinh te”.');
  });
});

describe("a unit's year (ketqua)", () => {
  it('before the year is over: the provisional result said in sentences, without a stray “. ·”', async () => {
    t = await startTestBot({ now: new Date('2021-08-01T02:00:00Z') });
    seedYear(t.bot.store, A_YEAR);
    const { text } = await command(t, OFFICER.TAND, 'ketqua');
    expect(text).toContain(
      'Thuộc Khối thi đua Nội chính. Kết quả năm là kết quả cả năm 2021 (kỳ báo cáo cả năm). Cả năm 2021 chưa đến hạn (10/12/2021 17:00): kết quả còn tạm tính.',
    );
    expect(text).not.toContain('. ·');
  });

  it('every period with its points, rank and grade, the year by the default rule, and the chart in the DM', async () => {
    const bot = await yearBot();
    const { text, blocks } = await command(bot, OFFICER.TAND, 'ketqua');
    expect(text).toContain('Kết quả năm 2021 — Tòa án nhân dân tỉnh');
    expect(text).toContain('• Quý I năm 2021: *90,00 điểm* · hạng 4/7 · Hoàn thành tốt');
    expect(text).toContain('• 6 tháng đầu năm 2021: *90,00 điểm* · hạng 4/7 · Hoàn thành tốt');
    // 9 tháng: CA 97, VKS 96, TT 95, STP 92, then TAND and BCHQS at 90.
    expect(text).toContain('• 9 tháng năm 2021: *90,00 điểm* · hạng 5/7 (đồng hạng) · Hoàn thành tốt');
    expect(text).toContain('*Cả năm 2021: 90,00 điểm · hạng 6/7 · Hoàn thành tốt*');
    // The year's result is the Cả năm period's: one line, not that period's line and the year's.
    expect(
      textOf({ blocks })
        .split('\n')
        .filter((line) => line.includes('Cả năm 2021:')),
    ).toEqual(['*Cả năm 2021: 90,00 điểm · hạng 6/7 · Hoàn thành tốt*']);
    expect(text).toContain('Thuộc Khối thi đua Nội chính. Kết quả năm là kết quả cả năm 2021 (kỳ báo cáo cả năm).');
    expect(text).toContain('Biểu đồ điểm từng kỳ đã gửi vào tin nhắn riêng với bot.');
    const chart = await bot.slack.waitFor(
      () => bot.slack.dmsTo(OFFICER.TAND).find((message) => message.files?.length),
      5000,
      'the chart in the DM',
    );
    expect(chart.files![0]!.name).toBe('ket-qua-TAND-2021.png');
    const bytes = bot.slack.uploads.get(chart.files![0]!.id)!.bytes!;
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  });

  it('another unit by name, by the average: the period not reported, the mean and its rank', async () => {
    const bot = await yearBot(AVERAGE_YAML);
    const { text } = await command(bot, OFFICER.CA, 'ket qua so tu phap 2021');
    expect(text).toContain('• Quý I năm 2021: *88,00 điểm* · hạng 5/7 · Hoàn thành tốt');
    expect(text).toContain('• 6 tháng đầu năm 2021: chưa báo cáo');
    expect(text).toContain('• 9 tháng năm 2021: *92,00 điểm* · hạng 4/7 · Hoàn thành tốt');
    expect(text).toContain('• Cả năm 2021: *93,00 điểm* · hạng 4/7 · Hoàn thành tốt');
    expect(text).toContain('*Cả năm 2021: 68,25 điểm · hạng 7/7 · Không hoàn thành*');
    expect(text).toContain('chưa báo cáo 6 tháng đầu năm 2021, tính 0 điểm');
  });

  it('an admin outside every unit names one; an unknown name is said with the list', async () => {
    const bot = await yearBot();
    expect((await command(bot, 'U0ADMIN01', 'ketqua')).text).toContain('Ghi thêm đơn vị, ví dụ `/thidua ketqua STP`.');
    expect((await command(bot, 'U0ADMIN01', 'ketqua so xay dung')).text).toContain('Không có đơn vị “so xay dung”.');
  });

  it('a unit name typed with a slip: the one unit it is close to, else the units it may mean, asked', async () => {
    const bot = await yearBot();
    expect((await command(bot, 'U0ADMIN01', 'ketqua so tu phapp')).text).toContain('Kết quả năm 2021 — Sở Tư pháp');
    expect((await command(bot, 'U0ADMIN01', 'ketqua cong ann tinh 2021')).text).toContain('Kết quả năm 2021 — Công an tỉnh');
    expect((await command(bot, 'U0ADMIN01', 'ketqua nhan dan tinhh 2021')).text).toBe(
      'Không rõ “nhan dan tinhh”. Có phải đồng chí muốn nói Tòa án nhân dân tỉnh (`TAND`) hay Viện Kiểm sát nhân dân tỉnh (`VKS`)? Gõ lại, ví dụ `/thidua ketqua TAND 2021`.',
    );
  });
});
