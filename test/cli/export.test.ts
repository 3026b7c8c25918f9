import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { createStore } from '../../db/store';
import { importOrganisationText } from '../../src/services/organisation';
import { standingsFor } from '../../src/standings/load';
import { DEMO_YAML } from '../support/bot';
import { runThidua, scratchFolder } from '../support/processes';
import { seedNoiChinhQ1 } from '../support/standings';

/** A database file with the demo and three Quý I reports of Khối thi đua Nội chính. */
function seededDatabase(): { folder: string; env: { DATABASE_PATH: string } } {
  const folder = scratchFolder();
  const env = { DATABASE_PATH: join(folder, 'thidua.sqlite') };
  const handle = openDatabase(env.DATABASE_PATH);
  const store = createStore(handle.db);
  importOrganisationText(store, DEMO_YAML, 'test', new Date('2021-03-01T00:00:00Z'));
  seedNoiChinhQ1(store, new Date('2021-04-08T03:00:00Z'), new Date('2021-04-11T03:00:00Z'));
  handle.close();
  return { folder, env };
}

/** Unit, total and grade as the engine computes them from the same database. */
function expectedRows(path: string): [string, number, string | null][] {
  const handle = openDatabase(path);
  const store = createStore(handle.db);
  const block = store.structure.blockByCode('NOI_CHINH')!;
  const loaded = standingsFor(store, block.id, store.structure.periods(2021).find((period) => period.code === 'Q1')!.id)!;
  const names = new Map(loaded.members.map((member) => [member.id, member.name]));
  handle.close();
  return loaded.standings.rows.map((row) => [names.get(row.unitId)!, row.total, row.grade]);
}

describe('npx thidua export', () => {
  it('writes the block’s score table as XLSX with the engine’s numbers, named after the block, period and year', async () => {
    const { folder, env } = seededDatabase();
    const result = await runThidua(
      ['export', '--block', 'NOI_CHINH', '--period', 'Q1', '--year', '2021', '--format', 'xlsx'],
      env,
      undefined,
      folder,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(
      'Đã ghi bang-diem-NOI_CHINH-Q1-2021.xlsx: bảng tổng hợp điểm Khối thi đua Nội chính, Quý I năm 2021 (3/7 đơn vị đã báo cáo).',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(join(folder, 'bang-diem-NOI_CHINH-Q1-2021.xlsx')) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Bảng tổng hợp điểm')!;
    expect(sheet.getCell(1, 1).value).toBe('Bảng tổng hợp điểm — Khối thi đua Nội chính — Quý I năm 2021');
    const header = new Map<string, number>();
    sheet.getRow(4).eachCell((cell, column) => header.set(String(cell.value), column));
    const rows: [string, number, string | null][] = [];
    for (let row = 6; row <= sheet.rowCount; row++) {
      const grade = sheet.getCell(row, header.get('Xếp loại')!).value;
      rows.push([
        String(sheet.getCell(row, 2).value),
        Number(sheet.getCell(row, header.get('Tổng điểm')!).value),
        grade === null ? null : String(grade),
      ]);
    }
    expect(rows).toEqual(expectedRows(env.DATABASE_PATH));
    expect(rows.slice(0, 3)).toEqual([
      ['Công an tỉnh', 94, 'Hoàn thành tốt'],
      ['Tòa án nhân dân tỉnh', 89, 'Hoàn thành tốt'],
      ['Sở Tư pháp', 89, 'Hoàn thành tốt'],
    ]);
    expect(workbook.getWorksheet('Chi tiết')!.rowCount).toBeGreaterThan(7 * 13);
  }, 20_000);

  it('writes UTF-8 CSV with a byte-order mark to the file asked for, the year taken as the current one', async () => {
    const { folder, env } = seededDatabase();
    const out = join(folder, 'q1.csv');
    // The block and period named as in Slack: by name, without diacritics; the standard style asked for.
    const result = await runThidua(
      ['export', '--block', 'noi chinh', '--period', 'quy 1', '--format', 'csv', '--csv-style', 'standard', '--out', out],
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toMatch(/^Hạng,Đơn vị,1\. Hoàn thành chỉ tiêu chuyên môn đã giao ước \(tối đa 40 điểm\) — Báo cáo,/);
    expect(lines[1]).toMatch(/^1,Công an tỉnh,95,100,38,/);
    expect(lines[1]).toMatch(/,94,Hoàn thành tốt,chờ thẩm định$/);
    expect(lines[2]).toMatch(/^2,Tòa án nhân dân tỉnh,.*,89,Hoàn thành tốt,đồng hạng — cần Khối bình xét; chờ thẩm định; nộp muộn$/);
  }, 20_000);

  it('writes the vi style by default for a Vietnamese organisation: ";" between fields and decimal commas', async () => {
    const { folder, env } = seededDatabase();
    const out = join(folder, 'q1-vi.csv');
    const result = await runThidua(['export', '--block', 'NOI_CHINH', '--period', 'Q1', '--format', 'csv', '--out', out], env);
    expect(result.code, result.stderr).toBe(0);
    const lines = readFileSync(out).subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toMatch(/^Hạng;Đơn vị;1\. Hoàn thành chỉ tiêu chuyên môn đã giao ước \(tối đa 40 điểm\) — Báo cáo;/);
    expect(lines[1]).toMatch(/^1;Công an tỉnh;95;100;38;/);
    expect(lines[1]).toMatch(/;94;Hoàn thành tốt;chờ thẩm định$/);
  }, 20_000);

  it('explains each mistake in one line with exit code 1', async () => {
    const { env } = seededDatabase();
    const mistakes: [string[], RegExp][] = [
      [['export', '--period', 'Q1'], /^Cần --block và --period/],
      [
        ['export', '--block', 'KINH_TE', '--period', 'Q1'],
        /^Không rõ khối “KINH_TE”\. Các khối: NOI_CHINH \(Khối thi đua Nội chính\), VH_XH \(Khối thi đua Văn hóa – Xã hội\)\./,
      ],
      [['export', '--block', 'khoi thi dua', '--period', 'Q1'], /^Không rõ khối “khoi thi dua”/],
      [
        ['export', '--block', 'NOI_CHINH', '--period', 'Q5'],
        /^Không rõ kỳ “Q5” trong năm 2021\. Các kỳ: Q1 \(Quý I\), H1 \(6 tháng đầu năm\), M9 \(9 tháng\), NAM \(Cả năm\)\./,
      ],
      [['export', '--block', 'NOI_CHINH', '--period', 'Q1', '--year', '2019'], /^Không có năm 2019/],
      [['export', '--block', 'NOI_CHINH', '--period', 'Q1', '--format', 'pdf'], /^--format “pdf”: chỉ có xlsx hoặc csv/],
      [['export', '--block', 'NOI_CHINH', '--period', 'Q1', '--format', 'csv', '--csv-style', 'excel'], /^--csv-style “excel”: chỉ có vi/],
      [
        ['export', '--block', 'NOI_CHINH', '--period', 'Q1', '--colour', 'red'],
        /^Tham số không hợp lệ \(.*colour.*\)\. Lệnh này nhận: --block, --period, --year, --format, --csv-style, --out, --force, --document;/,
      ],
      [['export', '--block', 'noi', 'chinh', '--period', 'Q1'], /^Tham số không hợp lệ .*ví dụ --block "noi chinh"/],
    ];
    const results = await Promise.all(mistakes.map(([args]) => runThidua(args, env)));
    results.forEach((result, index) => {
      expect(result.code, mistakes[index]![0].join(' ')).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(mistakes[index]![1]);
    });
    // Nine CLI processes start at once: on a busy two-core machine that alone can take half a minute.
  }, 120_000);
});
