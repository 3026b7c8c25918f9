import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliberationIds } from '../../../src/views/ids';
import { startTestBot, type TestBot, textOf } from '../../support/bot';
import { runThidua, scratchFolder } from '../../support/processes';
import { A_YEAR, ADMIN, CHANNEL, command, docxText, FLAG, LEAD, MERIT, seedYear, YEAR_END } from './support';
import { holdVote, pressIn } from './voting';

/**
 * The year end's documents, read back: the minutes and the proposal (DOCX, as uploaded to the
 * channel and as written by npx thidua export), and the province's XLSX of every block's proposals.
 * The vote is the one of deliberation.test.ts (its tallies are worked out there).
 */
let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ now: YEAR_END });
  seedYear(t.bot.store, A_YEAR, { titles: { VKS: [FLAG] }, deductions: { CA: { NAM: 1 } } });
  await holdVote(t);
});
afterAll(() => t.close());

const uploaded = (name: string) => {
  const message = t.slack.messagesIn(CHANNEL).find((candidate) => candidate.files?.some((file) => file.name === name))!;
  return t.slack.uploads.get(message.files!.find((file) => file.name === name)!.id)!.bytes!;
};

describe('the minutes and the proposal (DOCX)', () => {
  it('the minutes: national heading, the block as issuer, the place and date, the units, the score table, the tallies, the election and the signatures', async () => {
    const text = await docxText(uploaded('bien-ban-binh-xet-NOI_CHINH-2021.docx'));
    for (const line of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'UBND TỈNH VĨNH PHÚC',
      'KHỐI THI ĐUA NỘI CHÍNH',
      'Vĩnh Phúc, ngày 15 tháng 12 năm 2021',
      'BIÊN BẢN',
      'Họp bình xét thi đua năm 2021 của Khối thi đua Nội chính',
      'Chủ trì: Công an tỉnh (đơn vị Trưởng khối năm 2021).',
      'Không tham gia bỏ phiếu: Cục Thi hành án dân sự tỉnh.',
      'I. KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM 2021',
      // The period's name inside the sentence, lower-case (voice.md).
      'Kết quả năm là kết quả chấm điểm cả năm 2021, theo điểm Trưởng khối đã thẩm định.',
      'Số đơn vị thành viên: 7; số phiếu bỏ: 6; kết quả hợp lệ khi có ít nhất 5 phiếu (từ hai phần ba trở lên số đơn vị thành viên).',
      `${FLAG}: đề nghị Thanh tra tỉnh.`,
      `${MERIT}: đề nghị Công an tỉnh; Sở Tư pháp.`,
      'Kết quả: Sở Tư pháp được bầu làm Trưởng khối năm 2022.',
      'THƯ KÝ',
      'CHỦ TRÌ',
    ])
      expect(text).toContain(line);
    // The score table's rows and a title's tallies, cell by cell.
    expect(text).toContain(['2', 'Thanh tra tỉnh', '97,00', '2 (đồng hạng)', 'Hoàn thành xuất sắc'].join('\n'));
    expect(text).toContain(['1', 'Thanh tra tỉnh', '2 (đồng hạng)', '5', '1', 'Đề nghị'].join('\n'));
    expect(text).toContain(['2', 'Viện Kiểm sát nhân dân tỉnh', '2 (đồng hạng)', '4', '2', 'Ngoài số lượng'].join('\n'));
    expect(text).toContain(['5', 'Tòa án nhân dân tỉnh', '6', '3', '3', 'Không đủ số phiếu đồng ý'].join('\n'));
  });

  it('the proposal: to the province’s council, the law in force, the units proposed per title with their votes, the lead’s signature block', async () => {
    const text = await docxText(uploaded('to-trinh-khen-thuong-NOI_CHINH-2021.docx'));
    for (const line of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Số: ….../TTr-KTĐ',
      'TỜ TRÌNH',
      'Về việc đề nghị khen thưởng năm 2021',
      'Kính gửi: Hội đồng Thi đua – Khen thưởng tỉnh Vĩnh Phúc.',
      // 2021 is before the law of 2022 came into force (01/01/2024).
      'Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003',
      `1. ${FLAG}: 01 tập thể`,
      `2. ${MERIT}: 02 tập thể`,
      'Đồng thời, Khối thi đua Nội chính thống nhất đề nghị Sở Tư pháp làm Trưởng khối, Thanh tra tỉnh làm Phó khối năm 2022.',
      'Nơi nhận:',
      'TM. KHỐI THI ĐUA NỘI CHÍNH',
      'TRƯỞNG KHỐI',
    ])
      expect(text).toContain(line);
    expect(text).toContain(['1', 'Thanh tra tỉnh', '97,00', '2 (đồng hạng)', 'Hoàn thành xuất sắc', '5/6'].join('\n'));
    expect(text).toContain(['2', 'Sở Tư pháp', '93,00', '4', 'Hoàn thành tốt', '5/6'].join('\n'));
    expect(text).not.toContain('Viện Kiểm sát nhân dân tỉnh');
  });

  it('keeps pages whole as printed: no table row split across pages, the closing line with the signature block', async () => {
    for (const [name, closing] of [
      ['bien-ban-binh-xet-NOI_CHINH-2021.docx', 'Biên bản lập xong lúc'],
      ['to-trinh-khen-thuong-NOI_CHINH-2021.docx', 'Kính trình Hội đồng Thi đua'],
    ] as const) {
      const xml = await (await JSZip.loadAsync(uploaded(name))).file('word/document.xml')!.async('string');
      const rows = xml.split('<w:tr>').slice(1);
      expect(rows.length).toBeGreaterThan(5);
      for (const row of rows) expect(row.slice(0, row.indexOf('<w:tc>'))).toContain('<w:cantSplit/>');
      const paragraphs = xml.split('</w:p>');
      expect(paragraphs.find((paragraph) => paragraph.includes(closing))).toContain('<w:keepNext/>');
    }
  });

  it('npx thidua export writes both, and the province’s proposals, from a copy of the database', async () => {
    const folder = scratchFolder();
    const env = { DATABASE_PATH: join(folder, 'thidua.sqlite') };
    await t.bot.handle.sqlite.backup(env.DATABASE_PATH);
    const minutes = await runThidua(
      ['export', '--year', '2021', '--block', 'noi chinh', '--format', 'docx', '--document', 'minutes'],
      env,
      undefined,
      folder,
    );
    expect(minutes.code, minutes.stderr).toBe(0);
    expect(minutes.stdout.trim()).toBe(
      'Đã ghi bien-ban-binh-xet-NOI_CHINH-2021.docx: biên bản họp bình xét thi đua năm 2021, Khối thi đua Nội chính',
    );
    expect(await docxText(readFileSync(join(folder, 'bien-ban-binh-xet-NOI_CHINH-2021.docx')))).toContain(
      'Họp bình xét thi đua năm 2021 của Khối thi đua Nội chính',
    );
    const proposal = await runThidua(
      ['export', '--year', '2021', '--block', 'NOI_CHINH', '--format', 'docx', '--document', 'proposal', '--out', 'tt.docx'],
      env,
      undefined,
      folder,
    );
    expect(proposal.code, proposal.stderr).toBe(0);
    expect(await docxText(readFileSync(join(folder, 'tt.docx')))).toContain('Về việc đề nghị khen thưởng năm 2021');
    const open = await runThidua(
      ['export', '--year', '2021', '--block', 'VH_XH', '--format', 'docx', '--document', 'minutes'],
      env,
      undefined,
      folder,
    );
    expect(open.code).toBe(1);
    expect(open.stderr).toContain('Khối thi đua Văn hóa – Xã hội chưa mở bình xét năm 2021.');
    const province = await runThidua(['export', '--year', '2021', '--document', 'proposals'], env, undefined, folder);
    expect(province.code, province.stderr).toBe(0);
    expect(province.stdout).toContain('1/2 khối đã kết thúc bỏ phiếu');
    const rows = await proposalRows(readFileSync(join(folder, 'de-nghi-khen-thuong-2021.xlsx')));
    expect(rows).toContainEqual(['Khối thi đua Nội chính', 'Thanh tra tỉnh', FLAG, 2, 97, 'Hoàn thành xuất sắc', 5, 1, 6, 'Đề nghị']);
  });
});

/** The proposals sheet's rows (after its title, subtitle, blank and header rows). */
async function proposalRows(bytes: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('Đề nghị khen thưởng')!;
  const rows: unknown[][] = [];
  for (let row = 5; row <= sheet.rowCount; row++) rows.push((sheet.getRow(row).values as unknown[]).slice(1));
  return rows;
}

describe('the province’s view (khenthuong)', () => {
  it('admins see each block’s state and proposals and get every proposal in one XLSX; others are told whom it is for', async () => {
    expect((await command(t, LEAD, 'khenthuong')).text).toContain('Chỉ quản trị viên (Ban Thi đua – Khen thưởng tỉnh)');
    const reply = await command(t, ADMIN, 'khen thuong 2021');
    expect(reply.text).toContain(
      `• *Khối thi đua Nội chính*: Đã kết thúc (6/7) — ${FLAG}: Thanh tra tỉnh · ${MERIT}: Công an tỉnh; Sở Tư pháp`,
    );
    expect(reply.text).toContain('• *Khối thi đua Văn hóa – Xã hội*: Chưa bình xét');
    expect(await pressIn(t, ADMIN, reply.blocks, deliberationIds.provinceExportAction)).toBe(
      'Đang gửi tệp de-nghi-khen-thuong-2021.xlsx vào tin nhắn riêng với bot.',
    );
    await t.bot.idle();
    const file = t.slack.dmsTo(ADMIN).find((message) => message.files?.some((entry) => entry.name === 'de-nghi-khen-thuong-2021.xlsx'))!;
    const rows = await proposalRows(t.slack.uploads.get(file.files![0]!.id)!.bytes!);
    expect(rows.map((row) => [row[1], row[2], row[3], row[6], row[9]])).toEqual([
      ['Thanh tra tỉnh', FLAG, 2, 5, 'Đề nghị'],
      ['Viện Kiểm sát nhân dân tỉnh', FLAG, 2, 4, 'Ngoài số lượng'],
      ['Công an tỉnh', MERIT, 1, 6, 'Đề nghị'],
      ['Thanh tra tỉnh', MERIT, 2, 6, 'Đã đề nghị danh hiệu khác'],
      ['Sở Tư pháp', MERIT, 4, 5, 'Đề nghị'],
      ['Bộ Chỉ huy Quân sự tỉnh', MERIT, 5, 4, 'Ngoài số lượng'],
      ['Tòa án nhân dân tỉnh', MERIT, 6, 3, 'Không đủ số phiếu'],
      ['Cục Thi hành án dân sự tỉnh', MERIT, 7, 4, 'Ngoài số lượng'],
    ]);
    expect(textOf(file)).toContain('Tổng hợp đề nghị khen thưởng năm 2021');

    // The button answers in the presser's language, not the organisation's.
    await command(t, ADMIN, 'ngonngu en');
    expect(await pressIn(t, ADMIN, reply.blocks, deliberationIds.provinceExportAction)).toBe(
      'Sending de-nghi-khen-thuong-2021.xlsx to your direct messages with the bot.',
    );
    await t.bot.idle();
  });
});
