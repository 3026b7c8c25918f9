import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestBot } from '../../support/bot';
import { runThidua, scratchFolder } from '../../support/processes';
import { A_YEAR, FLAG, seedYear, YEAR_END } from './support';

/**
 * The year end walked in the local console (`npx thidua console`, what `npm start` opens without
 * Slack tokens), typed as a person would: the year of support.ts is written into a database file,
 * then the lead opens the deliberation, five units answer the ballot form's prompts (every proposal
 * agreed, Sở Tư pháp for lead and Công an tỉnh for deputy), the lead closes, an admin looks at the
 * province's view. With every ballot agreeing, Thanh tra tỉnh and Viện Kiểm sát (tied at rank 2 for
 * the flag's one place) stay equal on votes too: named for the province to decide.
 */
const BALLOT = ['1', '1', '1', '1', '1', '1', '1', '1', '5', '2'];

describe('the year end in the local console', () => {
  it('binhxet opened, five units vote in the ballot form, the lead closes, the documents in the thread, khenthuong for the admin', async () => {
    const folder = scratchFolder();
    const env = { DATABASE_PATH: join(folder, 'thidua.sqlite') };
    const t = await startTestBot({ now: YEAR_END });
    seedYear(t.bot.store, A_YEAR, { titles: { VKS: [FLAG] }, deductions: { CA: { NAM: 1 } } });
    await t.bot.handle.sqlite.backup(env.DATABASE_PATH);
    await t.close();

    const script = [
      '/thidua binhxet',
      '1',
      ...BALLOT,
      ...['TT', 'VKS', 'TAND', 'STP'].flatMap((unit) => [`:as ${unit}`, '/thidua binhxet', '1', ...BALLOT]),
      ':as CA',
      '/thidua binhxet',
      '2',
      ':as ADMIN',
      '/thidua khenthuong',
      ':quit',
    ];
    const walk = await runThidua(['console', '--at', '2021-12-15 09:00', '--as', 'U0CA0001'], env, `${script.join('\n')}\n`);
    expect(walk.code, walk.stderr).toBe(0);
    const said = walk.stdout;
    expect(said).toContain('✅ Đã mở bình xét thi đua năm 2021');
    expect(said).toContain('═══ Bình xét thi đua năm 2021 — Khối thi đua Nội chính ═══');
    expect(said).toContain('┌ Biểu mẫu: Phiếu bình xét');
    expect(said).toContain('│ Trưởng khối năm 2022');
    for (const [count, unit] of [
      [1, 'Công an tỉnh'],
      [5, 'Sở Tư pháp'],
    ] as const)
      expect(said).toContain(`${unit} đã bỏ phiếu — ${count}/7 đơn vị.`);
    expect(said).toMatch(/Mã sửa phiếu: [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    expect(said).toContain('═══ Kết quả bình xét thi đua năm 2021 — Khối thi đua Nội chính ═══');
    expect(said).toContain(
      '• Thanh tra tỉnh: 5 đồng ý, 0 không đồng ý → bằng phiếu với đơn vị khác ở suất cuối: đề nghị tỉnh xem xét, quyết định',
    );
    expect(said).toContain('Trưởng khối năm 2022: Sở Tư pháp (5 phiếu)');
    expect(said).toContain('Phó khối năm 2022: Công an tỉnh (5 phiếu)');
    expect(said).toContain('[tệp đính kèm: bien-ban-binh-xet-NOI_CHINH-2021.docx');
    expect(said).toContain('[tệp đính kèm: to-trinh-khen-thuong-NOI_CHINH-2021.docx');
    expect(said).toContain(
      '• Khối thi đua Nội chính: Đã kết thúc (5/7) — Cờ thi đua của UBND tỉnh: Thanh tra tỉnh (bằng phiếu ở suất cuối, tỉnh quyết định); Viện Kiểm sát nhân dân tỉnh (bằng phiếu ở suất cuối, tỉnh quyết định)',
    );
  });
});
