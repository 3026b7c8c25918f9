import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { computeStandings, roundAsShown, type Standings } from '../../src/domain/ranking';
import { buildScoreTable, plainNumber, type ScoreTable, toCsv, toXlsx } from '../../src/standings/export';
import { periodAsOf } from '../../src/standings/files';
import { EXAMPLE_CRITERIA, reportOf as report } from '../support/scoring';

const CRITERIA = EXAMPLE_CRITERIA;

const NAMES = new Map([
  [1, 'Thanh tra tỉnh'],
  [2, 'Công an tỉnh'],
  [3, 'Viện Kiểm sát nhân dân tỉnh'],
  [4, 'Sở Lao động, Thương binh và Xã hội'],
  [5, 'Ban "Đặc biệt" tỉnh'],
  [6, 'Cục Thi hành án dân sự tỉnh'],
]);

const pledge = (target: number, ceiling: number) =>
  new Map([
    [1, target],
    [4, ceiling],
  ]);

const STANDINGS: Standings = computeStandings(CRITERIA, [
  { unitId: 1, targets: pledge(100, 3), report: report({ 1: 95, 2: 8, 3: 1, 4: 6, 5: 7, 6: 1 }, { 2: 9, 5: 4, 6: 1 }) },
  { unitId: 2, targets: pledge(200, 2), report: report({ 1: 190, 2: 9, 3: 1, 4: 1, 5: 3, 6: null }, { 2: 9, 5: 3 }) },
  { unitId: 3, targets: pledge(50, 0), report: report({ 1: 47.5, 2: 10, 3: 1, 4: 0, 5: 2, 6: 0.5 }, undefined, true) },
  { unitId: 4, targets: pledge(10, 1), report: report({ 1: 9.6, 2: 7.5, 3: 0, 4: 1.5, 5: null, 6: 0.5 }, { 2: 8.2, 6: 0.5 }) },
  { unitId: 5, targets: new Map([[4, 2]]), report: report({ 1: 3, 2: 8.504, 3: 1, 4: null }, { 2: 8.504 }) },
  { unitId: 6, targets: pledge(100, 3) },
]);

const TABLE: ScoreTable = buildScoreTable({ standings: STANDINGS, unitNames: NAMES, locale: 'vi' });

async function readBack(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

/** RFC 4180, as a spreadsheet would read it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      row.push(field);
      field = '';
    } else if (character === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index++;
    } else field += character;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

describe('the standings behind the export', () => {
  it('cover a tie, a late report, a missing report and missing values', () => {
    expect(STANDINGS.rows.map((row) => [row.unitId, row.rank, row.tie, row.reported])).toEqual([
      [2, 1, false, true],
      [1, 2, true, true],
      [3, 2, true, true],
      [4, 4, false, true],
      [5, 5, false, true],
      [6, 6, false, false],
    ]);
    expect(STANDINGS.rows.map((row) => row.total)).toEqual([60, 57.5, 57.5, 38.4 + 8.2 + 5 / 1.5 - 0.5, 13.504, 0]);
  });
});

describe('buildScoreTable', () => {
  it('has rank, unit, three columns per criterion, the sums, total, grade and notes', () => {
    const headers = TABLE.summary.columns.map((column) => column.header);
    expect(headers).toHaveLength(2 + 3 * CRITERIA.length + 6);
    expect(headers.slice(0, 5)).toEqual(['Hạng', 'Đơn vị', 'Báo cáo', 'Chỉ tiêu', 'Điểm']);
    expect(headers.slice(-6)).toEqual(['Cộng điểm tiêu chí', 'Điểm thưởng', 'Điểm trừ', 'Tổng điểm', 'Xếp loại', 'Ghi chú']);
    expect(TABLE.summary.columns[2]!.group).toBe('1. Hoàn thành chỉ tiêu chuyên môn đã giao ước (tối đa 40 điểm)');
  });

  it('writes the notes a reader needs', () => {
    const notes = TABLE.summary.rows.map((row) => row.at(-1));
    expect(notes[1]).toBe('đồng hạng — cần Khối bình xét');
    expect(notes[2]).toBe('đồng hạng — cần Khối bình xét; chờ thẩm định; nộp muộn');
    expect(notes[5]).toBe('chưa báo cáo');
    expect(TABLE.summary.rows[5]!.at(-2)).toBeNull();
    const returned = buildScoreTable({
      standings: STANDINGS,
      unitNames: NAMES,
      locale: 'vi',
      returnedUnitIds: new Set([STANDINGS.rows[2]!.unitId]),
    });
    expect(returned.summary.rows[2]!.at(-1)).toBe('đồng hạng — cần Khối bình xét; báo cáo bị trả lại; nộp muộn');
  });

  it('answers yes/no as Có/Không and leaves missing values empty', () => {
    const unit5 = TABLE.summary.rows[4]!;
    expect(unit5.slice(2, 5)).toEqual([3, null, 0]);
    expect(unit5.slice(8, 11)).toEqual(['Có', null, 5]);
    expect(unit5.slice(11, 14)).toEqual([null, 2, 0]);
    expect(TABLE.summary.rows[3]!.slice(8, 11)).toEqual(['Không', null, 0]);
  });

  it('gives a unit that did not report its shared last rank and no points; no rank at all when nobody reported', () => {
    const missing = TABLE.summary.rows[5]!;
    expect(missing[0]).toBe(6);
    expect(missing.slice(2, 5)).toEqual([null, 100, null]);
    expect(missing.at(-4)).toBeNull(); // total
    const nobody = buildScoreTable({
      standings: computeStandings(CRITERIA, [
        { unitId: 1, targets: pledge(100, 3) },
        { unitId: 6, targets: pledge(100, 3) },
      ]),
      unitNames: NAMES,
      locale: 'vi',
    });
    expect(nobody.summary.rows.map((row) => [row[0], row[1], row.at(-4)])).toEqual([
      [null, 'Thanh tra tỉnh', null],
      [null, 'Cục Thi hành án dân sự tỉnh', null],
    ]);
    expect(nobody.detail.rows.every((row) => row[0] === null && row[10] === null)).toBe(true);
  });

  it('speaks English for an English organisation', () => {
    const english = buildScoreTable({ standings: STANDINGS, unitNames: NAMES, locale: 'en' });
    expect(english.summary.columns.slice(0, 5).map((column) => column.header)).toEqual(['Rank', 'Unit', 'Reported', 'Target', 'Points']);
    expect(english.summary.rows[1]!.at(-1)).toBe('tied — for the block to decide');
  });
});

describe('toXlsx', () => {
  it('holds the standings’ numbers as shown (points to two decimals), as numbers, with empty cells for missing values', async () => {
    const workbook = await readBack(
      await toXlsx(TABLE, { title: 'Bảng tổng hợp điểm — Khối thi đua Nội chính', subtitle: 'Quý I năm 2021' }),
    );
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Bảng tổng hợp điểm', 'Chi tiết']);
    const sheet = workbook.getWorksheet('Bảng tổng hợp điểm')!;
    expect(sheet.getCell('A1').value).toBe('Bảng tổng hợp điểm — Khối thi đua Nội chính');
    expect(sheet.getCell('A2').value).toBe('Quý I năm 2021');
    expect(sheet.getCell(4, 3).value).toBe('1. Hoàn thành chỉ tiêu chuyên môn đã giao ước (tối đa 40 điểm)');
    expect(sheet.getCell(5, 3).value).toBe('Báo cáo');
    expect(sheet.getCell(5, 5).value).toBe('Điểm');
    expect(sheet.getCell(4, 1).value).toBe('Hạng');
    expect(sheet.getCell(4, 1).font?.bold).toBe(true);

    const first = 6;
    STANDINGS.rows.forEach((row, index) => {
      const cells = sheet.getRow(first + index);
      expect(cells.getCell(1).value).toBe(row.rank);
      expect(cells.getCell(2).value).toBe(NAMES.get(row.unitId));
      row.criteria.forEach((line, at) => {
        const reported = cells.getCell(3 + 3 * at).value;
        if (line.reported === null) expect(reported).toBeNull();
        else if (line.kind === 'yes_no') expect(reported).toBe(line.reported > 0 ? 'Có' : 'Không');
        else expect(reported).toBe(line.reported);
        expect(cells.getCell(4 + 3 * at).value).toBe(line.target);
        // A unit that did not report has no points: blank, as xephang shows it, not 0.
        expect(cells.getCell(5 + 3 * at).value).toBe(row.reported ? roundAsShown(line.points, 2) : null);
        if (row.reported) {
          expect(typeof cells.getCell(5 + 3 * at).value).toBe('number');
          expect(cells.getCell(5 + 3 * at).numFmt).toBe('0.00');
        }
      });
      const sums = 3 + 3 * CRITERIA.length;
      expect([
        cells.getCell(sums).value,
        cells.getCell(sums + 1).value,
        cells.getCell(sums + 2).value,
        cells.getCell(sums + 3).value,
      ]).toEqual(
        row.reported
          ? [roundAsShown(row.scoreSum, 2), roundAsShown(row.bonus, 2), roundAsShown(row.deduction, 2), roundAsShown(row.total, 2)]
          : [null, null, null, null],
      );
      expect(cells.getCell(sums + 4).value).toBe(row.grade);
    });
    expect(sheet.getRow(first + STANDINGS.rows.length).getCell(1).value).toBeNull();
  });

  it('freezes the headers and the unit column, filters, and fits Vietnamese names', async () => {
    const workbook = await readBack(await toXlsx(TABLE, { title: 'Bảng tổng hợp điểm' }));
    const sheet = workbook.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 4 });
    expect(sheet.autoFilter).toBeTruthy();
    const longest = Math.max(...[...NAMES.values()].map((name) => name.length));
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(longest);
    expect(sheet.getColumn(2).width).toBeLessThanOrEqual(longest + 4);
  });

  it('shows more decimals on totals only where different ranks would look equal', async () => {
    const close = computeStandings(
      [{ id: 1, code: '1', groupName: 'Nhóm', name: 'Chấm điểm', kind: 'graded', maxPoints: 100 }],
      [88.504, 88.501, 70].map((value, index) => ({ unitId: index + 1, targets: new Map(), report: report({ 1: value }) })),
    );
    const workbook = await readBack(await toXlsx(buildScoreTable({ standings: close, unitNames: NAMES, locale: 'vi' }), { title: 'T' }));
    const sheet = workbook.worksheets[0]!;
    const totalColumn = 2 + 3 + 4;
    expect([5, 6, 7].map((row) => [sheet.getCell(row, totalColumn).value, sheet.getCell(row, totalColumn).numFmt])).toEqual([
      [88.504, '0.000'],
      [88.501, '0.000'],
      [70, '0.00'],
    ]);
  });

  it('lists every unit and criterion on the detail sheet with the same points', async () => {
    const workbook = await readBack(await toXlsx(TABLE, { title: 'T', sheetName: 'Quý I: [Nội chính]' }));
    expect(workbook.worksheets[0]!.name).toBe('Quý I Nội chính');
    const detail = workbook.getWorksheet('Chi tiết')!;
    expect(detail.getCell(3, 2).value).toBe('Đơn vị');
    let row = 4;
    for (const standing of STANDINGS.rows) {
      for (const line of standing.criteria) {
        const cells = detail.getRow(row++);
        expect(cells.getCell(2).value).toBe(NAMES.get(standing.unitId));
        expect(cells.getCell(3).value).toBe(CRITERIA.find((criterion) => criterion.id === line.criterionId)!.code);
        expect(cells.getCell(11).value).toBe(standing.reported ? roundAsShown(line.points, 2) : null);
        expect(cells.getCell(10).value).toBe(line.reviewed);
      }
    }
    // The third unit's graded line (self-scored, late report): row 4 + 2 units × 6 lines + 1.
    expect(detail.getCell(17, 13).value).toBe('chờ thẩm định');
    expect(detail.getCell(17, 12).value).toBe('đơn vị tự chấm');
    expect(detail.getRow(row).getCell(1).value).toBeNull();
  });
});

describe('toCsv', () => {
  const csv = toCsv(TABLE);
  const text = csv.subarray(3).toString('utf8');

  it('starts with the UTF-8 byte-order mark and ends every line with CRLF', () => {
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('parses back to one header row and the same values, diacritics intact', () => {
    const rows = parseCsv(text);
    expect(rows).toHaveLength(1 + STANDINGS.rows.length);
    expect(rows[0]![0]).toBe('Hạng');
    expect(rows[0]![4]).toBe('1. Hoàn thành chỉ tiêu chuyên môn đã giao ước (tối đa 40 điểm) — Điểm');
    expect(rows.every((row) => row.length === rows[0]!.length)).toBe(true);
    STANDINGS.rows.forEach((standing, index) => {
      const cells = rows[index + 1]!;
      expect(cells[1]).toBe(NAMES.get(standing.unitId));
      standing.criteria.forEach((line, at) => {
        expect(Number(cells[4 + 3 * at])).toBe(roundAsShown(line.points, 2));
        expect(cells[2 + 3 * at]).toBe(
          line.reported === null ? '' : line.kind === 'yes_no' ? (line.reported > 0 ? 'Có' : 'Không') : String(line.reported),
        );
      });
      expect(Number(cells.at(-3))).toBe(roundAsShown(standing.total, 2));
    });
    expect(text).toContain('"Sở Lao động, Thương binh và Xã hội"');
    expect(text).toContain('"Ban ""Đặc biệt"" tỉnh"');
  });

  it('reads in a spreadsheet library with the Vietnamese intact', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = await workbook.csv.read(Readable.from([csv.subarray(3)]));
    expect(sheet.getCell('B2').value).toBe('Công an tỉnh');
    expect(sheet.getCell('B5').value).toBe('Sở Lao động, Thương binh và Xã hội');
    expect(sheet.getCell('B6').value).toBe('Ban "Đặc biệt" tỉnh');
  });

  it('keeps a name that looks like a formula as text (no CSV injection)', () => {
    const hostile = buildScoreTable({
      standings: STANDINGS,
      unitNames: new Map([...NAMES].map(([id, name], index) => [id, index === 0 ? '=HYPERLINK("http://x")' : name])),
      locale: 'vi',
    });
    const rows = parseCsv(toCsv(hostile).subarray(3).toString('utf8'));
    expect(rows.some((row) => row[1] === `'=HYPERLINK("http://x")`)).toBe(true);
    expect(rows.flat().some((cell) => cell.startsWith('='))).toBe(false);
  });

  it('writes the detail table too', () => {
    const rows = parseCsv(toCsv(TABLE, 'detail').subarray(3).toString('utf8'));
    expect(rows).toHaveLength(1 + STANDINGS.rows.length * CRITERIA.length);
    expect(rows[0]!.slice(0, 4)).toEqual(['Hạng', 'Đơn vị', 'Mã tiêu chí', 'Tiêu chí']);
  });

  it('never writes float noise: 96.30000000000001 is written 96.3', () => {
    const noisy = computeStandings(
      [{ id: 1, code: '1', groupName: 'Nhóm', name: 'Chấm điểm', kind: 'graded', maxPoints: 100 }],
      [{ unitId: 1, targets: new Map(), report: report({ 1: 96.30000000000001 }) }],
    );
    const table = buildScoreTable({ standings: noisy, unitNames: NAMES, locale: 'vi' });
    expect(table.summary.rows[0]!.slice(2, 5)).toEqual([96.3, null, 96.3]);
    expect(toCsv(table).toString('utf8')).not.toContain('96.30000000000001');
  });

  it('writes the vi style Excel splits in Vietnamese: ";" between fields, decimal commas, ";" in a name quoted', () => {
    const table = buildScoreTable({
      standings: STANDINGS,
      unitNames: new Map([...NAMES].map(([id, name]) => [id, id === 4 ? 'Sở Lao động; Thương binh và Xã hội' : name])),
      locale: 'vi',
    });
    const lines = toCsv(table, 'summary', 'vi').subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]!.startsWith('Hạng;Đơn vị;1. Hoàn thành chỉ tiêu chuyên môn đã giao ước (tối đa 40 điểm) — Báo cáo;')).toBe(true);
    const fourth = lines[4]!;
    expect(fourth.startsWith('4;"Sở Lao động; Thương binh và Xã hội";9,6;10;38,4;')).toBe(true);
    expect(fourth).toContain(`;${String(roundAsShown(STANDINGS.rows[3]!.total, 2)).replace('.', ',')};`);
    expect(fourth).not.toMatch(/\d\.\d/);
  });

  it.each([
    [38, '38'],
    [38.5, '38.5'],
    [-2.5, '-2.5'],
    [0.1 + 0.2, '0.3'],
    [1e-7, '0.0000001'],
    [-0, '0'],
    [-1e-12, '0'],
    [1e21, '1000000000000000000000'],
  ])('writes %d as %s', (value, expected) => {
    expect(plainNumber(value)).toBe(expected);
  });
});

describe('the “as of” line of an export', () => {
  const period = { endsOn: '2021-03-31' };
  it.each([
    // Exported long after Quý I: its figures are as of its last day, not of the day of export.
    [new Date('2021-12-05T03:00:00Z'), 'vi', '31/03/2021'],
    [new Date('2021-04-01T00:30:00Z'), 'en', '31 Mar 2021'],
    // Still inside the period (in the organisation's zone: 31/03 23:30): as of the moment of export.
    [new Date('2021-03-31T16:30:00Z'), 'vi', '31/03/2021 23:30 (Asia/Ho_Chi_Minh)'],
  ] as const)('%s (%s) → %s', (now, locale, expected) => {
    expect(periodAsOf(period, now, 'Asia/Ho_Chi_Minh', locale)).toBe(expected);
  });
});
