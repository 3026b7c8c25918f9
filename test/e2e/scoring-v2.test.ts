import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { inputsOf } from '../../src/local-slack/view-state';
import { standingsCsv } from '../../src/standings/files';
import { standingsFor } from '../../src/standings/load';
import { REVIEW_OPEN, STANDINGS_DETAIL, STANDINGS_EXPORT } from '../../src/views/ids';
import { firstResponse, startTestBot, type TestBot, textOf } from '../support/bot';
import { nextModalOf, openModalBy, resultOf } from '../support/interactions';

/**
 * A block scored by a real province's kind of table, end to end through the real app: the
 * version-2 file of test/fixtures/version-2-example.yaml (Khối thi đua Nội chính, 2018: Công an tỉnh
 * and Cục Thi hành án dân sự tỉnh with indicators of their own, a lead-scored criterion, an automatic
 * one, levels, counts from zero and from the max, award items, group caps, min_share_each bands, and
 * Bộ Chỉ huy Quân sự tỉnh, which left the block that year). Pledges, reports, one review, then
 * `xephang`'s totals against the table computed by hand below, and the XLSX and vi-style CSV read back.
 */
const V2 = readFileSync(new URL('../fixtures/version-2-example.yaml', import.meta.url), 'utf8');
const CHANNEL = 'C0NOICHINH';
const OFFICER = { CA: 'U0CA0001', THADS: 'U0THA001', TT: 'U0TT0001', STP: 'U0TP0001', VKS: 'U0VKS001', BCHQS: 'U0QS0001' } as const;
const BEFORE_PLEDGE_DUE = new Date('2018-03-15T02:00:00Z'); // 15/03/2018 09:00 in Hà Nội; the pledge is due 30/03 17:00
const AFTER_PLEDGE_DUE = new Date('2018-04-02T02:00:00Z');
const BEFORE_REPORT_DUE = new Date('2018-12-05T02:00:00Z'); // Cả năm is due 10/12/2018 17:00
const AFTER_REPORT_DUE = new Date('2018-12-12T02:00:00Z');

/**
 * The table computed by hand (max in brackets; group I capped at 50, group II at 30):
 *
 * Cục Thi hành án dân sự tỉnh (reviewed by the lead)
 *   1.1 indicator a 76 of 80 = 95 % → 0,95 × 30 = 28,5 · 1.2 100 % → 10 · 1.3 not for THADS → 10 (full)
 *       group I = 48,5
 *   2.1 signed 15/03 (on time) → 5 · 2.2 5 models × 2 = 10 · 2.3 the lead scores 18
 *       group II = 33 → capped at 30
 *   3.1 Hoàn thành tốt nhiệm vụ → 8 · 3.2 1 case: 10 − 1 × 2 = 8                      = 16
 *   T the lead awards the Prime Minister's Bằng khen nobody claimed → +5
 *   K 1 late report declared, the lead adds one: 2 × 0,5 → −1
 *   total 48,5 + 30 + 16 + 5 − 1 = 98,5; every criterion at ≥ 80 % (3.1 and 3.2 at 80 %), under the
 *   top band's 85 % → Hoàn thành tốt
 * Công an tỉnh (not reviewed)
 *   1.1 a 81/90 = 0,9, b 30/40 = 0,75 (weight 2): (0,9 + 2 × 0,75) / 3 = 0,8 → 24 · 1.2 95 % → tier ≥ 90 % → 8
 *   · 1.3 → 10: group I = 42 · 2.1 → 5 · 2.2 4 × 2 = 8 · 2.3 waiting for the lead → 0: group II = 13
 *   · 3.1 Hoàn thành xuất sắc nhiệm vụ → 10 · 3.2 no case → 10: 20 · T Cờ của tỉnh claimed, not reviewed → 0
 *   total 75; lowest share 80 % (2.3 left out while waiting) → Hoàn thành (provisional)
 * Thanh tra tỉnh
 *   1.1 92/100 → 27,6 · 1.2 89 % → the floor tier 5 · 1.3 yes → 10: 42,6 · 2.1 → 5 · 2.2 1 × 2 = 2 · 2.3 → 0: 7
 *   · 3.1 → 10 · 3.2 → 10: 20 → total 69,6 → Không hoàn thành
 * Sở Tư pháp (signed 02/04, after the pledge due)
 *   1.1 100/100 → 30 · 1.2 → 10 · 1.3 → 10: 50 · 2.1 late → 0 · 2.2 2 × 2 = 4 · 2.3 → 0: 4
 *   · 3.1 Hoàn thành nhiệm vụ → 5 · 3.2 2 cases: 10 − 4 = 6: 11 → total 65 → Không hoàn thành
 * Viện Kiểm sát nhân dân tỉnh: signed, did not report → last. Bộ Chỉ huy Quân sự tỉnh: not in the block in 2018.
 */
const EXPECTED = [
  { rank: 1, unit: 'Cục Thi hành án dân sự tỉnh', total: 98.5, grade: 'Hoàn thành tốt' },
  { rank: 2, unit: 'Công an tỉnh', total: 75, grade: 'Hoàn thành' },
  { rank: 3, unit: 'Thanh tra tỉnh', total: 69.6, grade: 'Không hoàn thành' },
  { rank: 4, unit: 'Sở Tư pháp', total: 65, grade: 'Không hoàn thành' },
];

let t: TestBot;
afterEach(async () => {
  await t?.close();
});

const block = () => t.bot.store.structure.blockByCode('NOI_CHINH')!;
const criterion = (code: string) => t.bot.store.structure.criteria(2018, block().id).find((row) => row.code === code)!;
const target = (code: string, indicator?: string) => `pledge_target_${criterion(code).id}${indicator ? `_${indicator}` : ''}`;
const value = (code: string, indicator?: string) => `report_value_${criterion(code).id}${indicator ? `_${indicator}` : ''}`;
const reason = (code: string) => `report_reason_${criterion(code).id}`;
const period = () => t.bot.store.structure.periods(2018)[0]!;

async function reply(user: string, text: string): Promise<string> {
  const sent = await t.driver.slashCommand(user, text, CHANNEL);
  return textOf(await firstResponse(t.slack, sent.responseUrl));
}

async function sign(unit: keyof typeof OFFICER, targets: Record<string, string>): Promise<string> {
  await openModalBy(t, OFFICER[unit], 'dangky', CHANNEL);
  const signed = await t.driver.submitView(OFFICER[unit], {
    ...targets,
    pledge_titles: ['Tập thể lao động xuất sắc'],
    pledge_sign: ['signed'],
  });
  return textOf(resultOf(signed));
}

async function report(unit: keyof typeof OFFICER, answers: Record<string, string | string[]>): Promise<string> {
  await openModalBy(t, OFFICER[unit], 'baocao', CHANNEL);
  return textOf(resultOf(await t.driver.submitView(OFFICER[unit], answers)));
}

function buttonsOf(blocks: unknown[]): { actionId: string; value: string; blockId: string }[] {
  return (blocks as { block_id?: string; accessory?: Record<string, unknown>; elements?: Record<string, unknown>[] }[]).flatMap((entry) =>
    [...(entry.accessory ? [entry.accessory] : []), ...(entry.elements ?? [])]
      .filter((element) => element.type === 'button')
      .map((element) => ({ actionId: String(element.action_id), value: String(element.value), blockId: String(entry.block_id ?? '') })),
  );
}

/** Rank, unit, total and grade of each line of `xephang`, as people read it. */
function standingsLines(text: string) {
  return [...text.matchAll(/\*(\d+)\. ([^*]+)\* — \*([\d.,]+) điểm\* · ([^\n]+)/g)].map((match) => ({
    rank: Number(match[1]),
    unit: match[2]!,
    total: Number(match[3]!.replace(/\./g, '').replace(',', '.')),
    grade: match[4]!.trim(),
  }));
}

describe('a version-2 block end to end', () => {
  it('pledges, reports and a review give the hand-computed standings, in xephang, the breakdown, the XLSX and the vi CSV', async () => {
    t = await startTestBot({ now: BEFORE_PLEDGE_DUE, organisationYaml: V2 });

    // ── Pledges: a target per indicator for the units that have their own; a % target is 0 to 100.
    const { view } = await openModalBy(t, OFFICER.CA, 'dangky', CHANNEL);
    const asked = inputsOf(view.view).filter((input) => input.blockId.startsWith('pledge_target_'));
    expect(asked.map((input) => [input.blockId, input.label])).toEqual([
      [target('1.1', 'a'), '1.1a. Hoàn thành các chỉ tiêu chuyên môn đã đăng ký: Tỷ lệ điều tra khám phá án (%)'],
      [target('1.1', 'b'), '1.1b. Hoàn thành các chỉ tiêu chuyên môn đã đăng ký: Số vụ án ma túy phát hiện (vụ)'],
      [target('1.2'), '1.2. Tỷ lệ giải quyết đơn thư (%)'],
    ]);
    const tooMuch = await t.driver.submitView(OFFICER.CA, {
      [target('1.1', 'a')]: '150',
      [target('1.1', 'b')]: '40',
      [target('1.2')]: '100',
    });
    expect(tooMuch.body).toMatchObject({
      response_action: 'errors',
      errors: { [target('1.1', 'a')]: 'Tỷ lệ tính bằng % nằm trong khoảng 0 đến 100.' },
    });
    t.slack.closeView(view.id);
    expect(await sign('CA', { [target('1.1', 'a')]: '90', [target('1.1', 'b')]: '40', [target('1.2')]: '100' })).toContain(
      '1/5 đơn vị đã ký',
    );
    expect(await sign('THADS', { [target('1.1', 'a')]: '80', [target('1.2')]: '100' })).toContain('2/5');
    expect(await sign('TT', { [target('1.1')]: '100', [target('1.2')]: '100' })).toContain('3/5');
    expect(await sign('VKS', { [target('1.1')]: '95', [target('1.2')]: '100' })).toContain('4/5');
    // The unit that left the block that year cannot sign for it.
    expect(await reply(OFFICER.BCHQS, 'dangky')).toBe(
      'Bộ Chỉ huy Quân sự tỉnh không thuộc khối thi đua nào năm 2018 trong tệp tổ chức, nên không ký giao ước năm 2018 được.',
    );
    t.clock.set(AFTER_PLEDGE_DUE);
    expect(await sign('STP', { [target('1.1')]: '100', [target('1.2')]: '100' })).toContain('5/5');
    const thadsPledge = t.bot.store.pledges
      .forUnits(2018, [t.bot.store.structure.unitByCode('THADS')!.id])
      .values()
      .next().value!;
    expect(thadsPledge.inForce!.indicatorTargets.get(criterion('1.1').id)).toEqual({ a: 80 });

    // ── Reports: what the lead scores and what the bot knows are said, not asked.
    t.clock.set(BEFORE_REPORT_DUE);
    const form = await openModalBy(t, OFFICER.CA, 'baocao', CHANNEL);
    const shown = textOf(form.view.view);
    expect(shown).toContain('*1.3. Công tác tiếp công dân*: không áp dụng với đơn vị');
    expect(shown).toContain('*2.1. Ký giao ước đúng hạn*: tự động: đã ký ngày 15/03/2018');
    expect(shown).toContain('*2.3. Tham gia hoạt động của Khối*: do Trưởng khối chấm');
    const fields = new Map(inputsOf(form.view.view).map((input) => [input.blockId, input]));
    expect(fields.get(value('1.1', 'a'))?.hint).toBe('Kết quả đạt được. Chỉ tiêu đã giao ước: 90%.');
    expect(fields.get(value('3.1'))?.choices.map((choice) => choice.value)).toEqual([
      'Hoàn thành xuất sắc nhiệm vụ',
      'Hoàn thành tốt nhiệm vụ',
      'Hoàn thành nhiệm vụ',
      'Không hoàn thành nhiệm vụ',
    ]);
    expect(fields.get(value('T'))?.choices.map((choice) => choice.value)).toEqual([
      'Cờ thi đua của Chính phủ',
      'Cờ thi đua của UBND tỉnh hoặc Bộ, ngành',
      'Bằng khen của Thủ tướng Chính phủ',
    ]);
    expect([value('2.3'), value('2.1'), value('1.3')].some((blockId) => fields.has(blockId))).toBe(false);
    const caAnswers = {
      [value('1.1', 'a')]: '81',
      [value('1.1', 'b')]: '30',
      [value('1.2')]: '95',
      [value('2.2')]: '4',
      [value('3.1')]: 'Hoàn thành xuất sắc nhiệm vụ',
      [value('3.2')]: '0',
      [value('T')]: ['Cờ thi đua của UBND tỉnh hoặc Bộ, ngành'],
      [reason('T')]: 'Quyết định 123/QĐ-UBND',
      [value('K')]: '0',
    };
    const halfModel = await t.driver.submitView(OFFICER.CA, { ...caAnswers, [value('2.2')]: '1,5' });
    expect(halfModel.body).toMatchObject({
      response_action: 'errors',
      errors: { [value('2.2')]: 'Nhập số nguyên không âm, ví dụ 0, 1 hoặc 2.' },
    });
    // The bonus claimed (T) and the line the lead scores (2.3) count 0 until reviewed: the unit is told what the total leaves out.
    const leftOut = 'Điểm tạm tính: 75,00 điểm (chưa gồm điểm thưởng và các tiêu chí do Trưởng khối chấm).';
    expect(textOf(resultOf(await t.driver.submitView(OFFICER.CA, caAnswers)))).toContain(leftOut);
    expect((await t.slack.waitFor(() => t.slack.dmsTo(OFFICER.CA).at(-1), 5000, 'the confirmation')).text).toContain(leftOut);
    await report('THADS', {
      [value('1.1', 'a')]: '76',
      [value('1.2')]: '100',
      [value('2.2')]: '5',
      [value('3.1')]: 'Hoàn thành tốt nhiệm vụ',
      [value('3.2')]: '1',
      [value('K')]: '1',
      [reason('K')]: 'Chậm báo cáo tháng 3',
    });
    await report('TT', {
      [value('1.1')]: '92',
      [value('1.2')]: '89',
      [value('1.3')]: 'yes',
      [value('2.2')]: '1',
      [value('3.1')]: 'Hoàn thành xuất sắc nhiệm vụ',
      [value('3.2')]: '0',
      [value('K')]: '0',
    });
    await report('STP', {
      [value('1.1')]: '100',
      [value('1.2')]: '100',
      [value('2.2')]: '2',
      [value('3.1')]: 'Hoàn thành nhiệm vụ',
      [value('3.2')]: '2',
      [value('K')]: '0',
    });
    expect(await reply(OFFICER.BCHQS, 'baocao')).toBe(
      'Bộ Chỉ huy Quân sự tỉnh không thuộc khối thi đua nào năm 2018 trong tệp tổ chức, nên không có báo cáo năm 2018 để nộp.',
    );

    // ── One review: Công an tỉnh's officers lead the block; they review Cục Thi hành án dân sự tỉnh.
    const thads = t.bot.store.structure.unitByCode('THADS')!;
    const thadsReport = t.bot.store.reports.forUnits(period().id, [thads.id]).get(thads.id)!;
    const status = await t.driver.slashCommand(OFFICER.CA, 'tiendo', CHANNEL);
    const statusBody = await firstResponse(t.slack, status.responseUrl);
    expect(textOf(statusBody)).not.toContain('Bộ Chỉ huy Quân sự tỉnh');
    const opens = t.slack.callsTo('views.open').length;
    await t.driver.pressButton({
      userId: OFFICER.CA,
      actionId: REVIEW_OPEN,
      value: String(thadsReport.inForce!.id),
      in: { ephemeral: { channel: CHANNEL, blocks: statusBody.blocks as unknown[], responseUrl: t.slack.issueResponseUrl() } },
    });
    const review = await nextModalOf(t, OFFICER.CA, opens);
    const reviewFields = new Map(inputsOf(review.view).map((input) => [input.blockId, input]));
    expect(reviewFields.get(`review_points_${criterion('2.3').id}`)?.label).toBe('2.3. Tham gia hoạt động của Khối — tối đa 20 điểm');
    expect(reviewFields.get(`review_value_${criterion('3.1').id}`)?.initial).toBe('Hoàn thành tốt nhiệm vụ');
    const unreasoned = await t.driver.submitView(OFFICER.CA, {
      [`review_points_${criterion('2.3').id}`]: '18',
      [`review_value_${criterion('T').id}`]: ['Bằng khen của Thủ tướng Chính phủ'],
    });
    expect(unreasoned.body).toMatchObject({
      response_action: 'errors',
      errors: { [`review_note_${criterion('T').id}`]: 'Cần ghi lý do thay đổi: đơn vị sẽ nhận được lý do này.' },
    });
    const reviewed = await t.driver.submitView(OFFICER.CA, {
      [`review_points_${criterion('2.3').id}`]: '18',
      [`review_value_${criterion('T').id}`]: ['Bằng khen của Thủ tướng Chính phủ'],
      [`review_note_${criterion('T').id}`]: 'Quyết định 456/QĐ-TTg',
      [`review_value_${criterion('K').id}`]: '2',
      [`review_note_${criterion('K').id}`]: 'Chậm báo cáo tháng 6',
    });
    expect(textOf(resultOf(reviewed))).toBe('✅ Đã thẩm định báo cáo cả năm của Cục Thi hành án dân sự tỉnh: 98,50 điểm.');
    const told = await t.slack.waitFor(
      () => t.slack.dmsTo(OFFICER.THADS).find((message) => message.text.includes('đã được thẩm định')),
      5000,
      'the unit told',
    );
    expect(told.text.split('\n')).toEqual([
      'Báo cáo cả năm của Cục Thi hành án dân sự tỉnh đã được thẩm định (<@U0CA0001>): 98,50 điểm.',
      'Trưởng khối đã thay đổi:',
      '• T. Khen thưởng cấp trên: (trống) → Bằng khen của Thủ tướng Chính phủ — lý do: “Quyết định 456/QĐ-TTg”',
      '• K. Chậm báo cáo (mỗi lần trừ 0,5 điểm): 1 → 2 — lý do: “Chậm báo cáo tháng 6”',
    ]);

    // ── xephang: the hand-computed table.
    t.clock.set(AFTER_REPORT_DUE);
    const standings = await t.driver.slashCommand(OFFICER.CA, 'xephang', CHANNEL);
    const answer = await firstResponse(t.slack, standings.responseUrl);
    const standingsText = textOf(answer);
    expect(standingsLines(standingsText)).toEqual(EXPECTED);
    expect(standingsText).toContain('_Chưa báo cáo (cùng xếp hạng 5):_ Viện Kiểm sát nhân dân tỉnh');
    expect(standingsText).not.toContain('Bộ Chỉ huy Quân sự tỉnh');

    // The breakdown says which rule gave each line its points.
    const detail = buttonsOf(answer.blocks as unknown[]).find(
      (button) => button.actionId === STANDINGS_DETAIL && button.value.includes(`"unitId":${thads.id}`),
    )!;
    const detailOpens = t.slack.callsTo('views.open').length;
    await t.driver.pressButton({
      userId: OFFICER.CA,
      actionId: STANDINGS_DETAIL,
      value: detail.value,
      in: { ephemeral: { channel: CHANNEL, blocks: answer.blocks as unknown[] } },
    });
    const breakdown = textOf((await nextModalOf(t, OFFICER.CA, detailOpens)).view);
    for (const line of [
      'Hạng 1 · *98,50 điểm* · Hoàn thành tốt',
      '*1.1.* Hoàn thành các chỉ tiêu chuyên môn đã đăng ký (%): Tỷ lệ thi hành xong về việc: 76 / 80 → bình quân có trọng số 95 % → *28,50* / 30',
      '*1.2.* Tỷ lệ giải quyết đơn thư (%): đạt 100 / chỉ tiêu 100 (100 %) → mức ≥ 100 % → *10,00* / 10',
      '*1.3.* Công tác tiếp công dân: không áp dụng với đơn vị, tính đủ điểm → *10,00* / 10',
      '*2.1.* Ký giao ước đúng hạn: tự động: đã ký ngày 15/03/2018 (đúng hạn) → *5,00* / 5',
      '*2.3.* Tham gia hoạt động của Khối: Trưởng khối chấm 18 (<@U0CA0001>) → *18,00* / 20',
      '*3.1.* Xếp loại tổ chức đảng: mức “Hoàn thành tốt nhiệm vụ” → *8,00* / 10',
      '*3.2.* Cán bộ bị kỷ luật (mỗi trường hợp trừ 2 điểm): 1 trường hợp: 10 − 1 × 2 → *8,00* / 10',
      '*T.* Khen thưởng cấp trên: Bằng khen của Thủ tướng Chính phủ +5 → *+5,00* / 15',
      '*K.* Chậm báo cáo (mỗi lần trừ 0,5 điểm): 2 trường hợp × 0,5 điểm → *−1,00* / 3',
      'II. Công tác thi đua: 33,00 điểm, tính tối đa 30 điểm cả nhóm',
    ])
      expect(breakdown).toContain(line);

    // ── The XLSX sent by “Xuất Excel” and the vi-style CSV read back: the same numbers as xephang.
    const exportButton = buttonsOf(answer.blocks as unknown[]).find((button) => button.actionId === STANDINGS_EXPORT)!;
    await t.driver.pressButton({
      userId: OFFICER.CA,
      actionId: STANDINGS_EXPORT,
      value: exportButton.value,
      in: { ephemeral: { channel: CHANNEL, blocks: answer.blocks as unknown[] } },
    });
    await t.bot.deps.delivery.drain();
    const upload = await t.slack.waitFor(
      () => [...t.slack.uploads.values()].find((file) => file.filename === 'bang-diem-NOI_CHINH-NAM-2018.xlsx' && file.bytes),
      5000,
      'the XLSX',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(upload.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell(2, 1).value).toBe('Tính đến 30/11/2018 · Đã báo cáo 4/5 đơn vị');
    const headerRow = [...Array(sheet.rowCount).keys()].map((index) => index + 1).find((row) => sheet.getCell(row, 1).value === 'Hạng')!;
    const column = new Map<string, number>();
    sheet.getRow(headerRow).eachCell((cell, at) => column.set(String(cell.value), at));
    const fromXlsx = [];
    for (let row = headerRow + 2; row <= sheet.rowCount; row++) {
      if (sheet.getCell(row, column.get('Tổng điểm')!).value === null) continue;
      fromXlsx.push({
        rank: Number(sheet.getCell(row, 1).value),
        unit: String(sheet.getCell(row, 2).value),
        total: Number(sheet.getCell(row, column.get('Tổng điểm')!).value),
        grade: String(sheet.getCell(row, column.get('Xếp loại')!).value),
      });
    }
    expect(fromXlsx).toEqual(standingsLines(standingsText));

    const csv = standingsCsv(standingsFor(t.bot.store, block().id, period().id)!, 'vi')
      .subarray(3)
      .toString('utf8');
    const [header, ...lines] = csv
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(';'));
    const totalAt = header!.indexOf('Tổng điểm');
    const gradeAt = header!.indexOf('Xếp loại');
    const fromCsv = lines
      .filter((cells) => cells[totalAt] !== '')
      .map((cells) => ({
        rank: Number(cells[0]),
        unit: cells[1]!,
        total: Number(cells[totalAt]!.replace(',', '.')),
        grade: cells[gradeAt]!,
      }));
    expect(fromCsv).toEqual(standingsLines(standingsText));
    expect(lines.find((cells) => cells[1] === 'Thanh tra tỉnh')![totalAt]).toBe('69,6');
  }, 60_000);

  it('`tieuchi` explains each rule of the version-2 table in one Vietnamese line', async () => {
    t = await startTestBot({ now: BEFORE_PLEDGE_DUE, organisationYaml: V2 });
    const text = await reply(OFFICER.TT, 'tieuchi');
    for (const line of [
      '*I. Nhiệm vụ chuyên môn* (tối đa 50 điểm cả nhóm)',
      '• *1.1.* Hoàn thành các chỉ tiêu chuyên môn đã đăng ký (%) — 30 điểm: chỉ tiêu riêng của từng đơn vị (Công an tỉnh: 2 chỉ tiêu; Cục Thi hành án dân sự tỉnh: 1 chỉ tiêu), tính theo tỷ lệ hoàn thành bình quân có trọng số, tối đa 30 điểm; đơn vị khác theo chỉ tiêu chung',
      '      ◦ Công an tỉnh: Tỷ lệ điều tra khám phá án (%); Số vụ án ma túy phát hiện (vụ, hệ số 2)',
      '• *1.2.* Tỷ lệ giải quyết đơn thư (%) — 10 điểm: tỷ lệ hoàn thành chỉ tiêu ≥ 100 %: 10 điểm; ≥ 90 %: 8 điểm; còn lại 5 điểm',
      '• *1.3.* Công tác tiếp công dân — 10 điểm: đạt 10 điểm nếu có, 0 nếu không — chỉ áp dụng với Thanh tra tỉnh (đơn vị khác được tính đủ điểm)',
      '• *2.1.* Ký giao ước đúng hạn — 5 điểm: tự động: 5 điểm nếu ký giao ước đúng hạn, 0 nếu không',
      '• *2.2.* Mô hình mới, điển hình tiên tiến (mỗi mô hình 2 điểm) — 10 điểm: mỗi trường hợp 2 điểm, tối đa 10 điểm',
      '• *2.3.* Tham gia hoạt động của Khối — 20 điểm: Trưởng khối chấm, từ 0 đến 20 điểm',
      '• *3.1.* Xếp loại tổ chức đảng — 10 điểm: chọn một mức: Hoàn thành xuất sắc nhiệm vụ 10 điểm; Hoàn thành tốt nhiệm vụ 8 điểm; Hoàn thành nhiệm vụ 5 điểm; Không hoàn thành nhiệm vụ 0 điểm',
      '• *3.2.* Cán bộ bị kỷ luật (mỗi trường hợp trừ 2 điểm) — 10 điểm: tính từ 10 điểm, mỗi trường hợp trừ 2 điểm, thấp nhất 0',
      '• *T.* Khen thưởng cấp trên — 15 điểm: Cờ thi đua của Chính phủ +15; Cờ thi đua của UBND tỉnh hoặc Bộ, ngành +10; Bằng khen của Thủ tướng Chính phủ +5; tối đa 15 điểm, sau khi Trưởng khối thẩm định',
      '• *K.* Chậm báo cáo (mỗi lần trừ 0,5 điểm) — 3 điểm: mỗi trường hợp trừ 0,5 điểm, tối đa 3 điểm',
    ])
      expect(text.split('\n')).toContain(line);
  });
});
