import type ExcelJS from 'exceljs';
import { roundAsShown, type StandingRow, type Standings, totalDecimals } from '../domain/ranking';
import type { CriterionScore, ScoringCriterion } from '../domain/scoring';
import { formatNumber } from '../i18n/format';
import type { Locale } from '../i18n/messages';
import { standingsText } from './standings-text';

/**
 * The score summary (bảng tổng hợp điểm) as files: a table built once from computed standings, then
 * written as XLSX (numbers as numbers, two header rows, frozen, filterable) and as CSV. Both hold the
 * numbers as `xephang` shows them: rounded to the precision shown (points two decimals, each total
 * its row's decimals, reported figures four), so no cell reads 96.30000000000001 and every figure
 * agrees with the screen. The engine keeps full precision for ranking; the files are for people.
 */
export type Cell = string | number | null;

/**
 * text; integer (ranks); number (reported values and targets, as typed, up to four decimals); points
 * (two decimals); total (points with the row's own decimals, see totalDecimals).
 */
export type ColumnFormat = 'text' | 'integer' | 'number' | 'points' | 'total';

/** Decimals a column's numbers are written with (a total: its row's). */
const WRITTEN_DECIMALS: Record<Exclude<ColumnFormat, 'text' | 'total'>, number> = { integer: 0, number: 4, points: 2 };

/** The rows with every number rounded as its column shows it. */
function roundedAsShown(columns: readonly TableColumn[], rows: Cell[][], rowDecimals: readonly number[]): Cell[][] {
  return rows.map((cells, row) =>
    cells.map((cell, column) => {
      const format = columns[column]!.format;
      if (typeof cell !== 'number' || format === 'text') return cell;
      return roundAsShown(cell, format === 'total' ? (rowDecimals[row] ?? 2) : WRITTEN_DECIMALS[format]);
    }),
  );
}

export interface TableColumn {
  header: string;
  /** Columns sharing a group are headed together (a criterion's reported / target / points). */
  group?: string;
  format: ColumnFormat;
}

export interface TableSheet {
  columns: TableColumn[];
  /** Aligned with columns; null is an empty cell (a missing value, never 0). */
  rows: Cell[][];
  /** Decimals for 'total' cells, one per row. */
  rowDecimals: number[];
}

export interface ScoreTable {
  locale: Locale;
  /** Units × criteria: rank, unit, per criterion reported / target / points, sums, total, grade, notes. */
  summary: TableSheet;
  /** One row per unit and criterion, with the kind, cap, review and where the points came from. */
  detail: TableSheet;
}

export interface ScoreTableInput {
  standings: Standings;
  unitNames: ReadonlyMap<number, string>;
  locale: Locale;
  /** Units whose report the lead returned (scored on their own figures meanwhile). */
  returnedUnitIds?: ReadonlySet<number>;
  /** The grade bands' floors, so a total just under one is not rounded up to it. */
  gradeFloors?: readonly number[];
}

/** The summary and detail tables of a block's standings (rows in rank order, criteria in table order). */
export function buildScoreTable({
  standings,
  unitNames,
  locale,
  returnedUnitIds = new Set(),
  gradeFloors = [],
}: ScoreTableInput): ScoreTable {
  const words = standingsText[locale];
  const columnWords = words.columns;
  const nameOf = (unitId: number) => unitNames.get(unitId) ?? String(unitId);
  const decimals = totalDecimals(
    standings.rows.map((row) => ({ total: row.total, rank: row.rank, notReported: !row.reported })),
    gradeFloors,
  );

  /** A yes/no answer reads as Có/Không; every other value stays a number. */
  const reportedCell = (line: CriterionScore): Cell =>
    line.reported === null ? null : line.kind === 'yes_no' ? (line.reported > 0 ? words.yes : words.no) : line.reported;
  const rowNotes = (row: StandingRow): string =>
    [
      row.tie && words.tie,
      !row.reported && words.notReported,
      row.reported && (returnedUnitIds.has(row.unitId) ? words.returned : !row.fullyReviewed && words.awaitingReview),
      row.late && words.late,
    ]
      .filter(Boolean)
      .join('; ');

  const summaryColumns: TableColumn[] = [
    { header: columnWords.rank, format: 'integer' },
    { header: columnWords.unit, format: 'text' },
    ...standings.criteria.flatMap((criterion): TableColumn[] => {
      const group = words.criterionHeader(criterion.code, criterion.name, formatNumber(criterion.maxPoints, locale));
      return [
        { header: columnWords.reported, group, format: criterion.kind === 'yes_no' ? 'text' : 'number' },
        { header: columnWords.target, group, format: 'number' },
        { header: columnWords.points, group, format: 'points' },
      ];
    }),
    { header: columnWords.scoreSum, format: 'points' },
    { header: columnWords.bonus, format: 'points' },
    { header: columnWords.deduction, format: 'points' },
    { header: columnWords.total, format: 'total' },
    { header: columnWords.grade, format: 'text' },
    { header: columnWords.notes, format: 'text' },
  ];
  // As xephang shows them: a unit that did not report has no points (blank, not 0), and when nobody
  // has reported there is no rank to give.
  const anyReported = standings.rows.some((row) => row.reported);
  const rankOf = (row: StandingRow): number | null => (anyReported ? row.rank : null);
  const scored = (row: StandingRow, value: number): number | null => (row.reported ? value : null);
  const summaryRows = standings.rows.map((row): Cell[] => [
    rankOf(row),
    nameOf(row.unitId),
    ...row.criteria.flatMap((line): Cell[] => [reportedCell(line), line.target, scored(row, line.points)]),
    scored(row, row.scoreSum),
    scored(row, row.bonus),
    scored(row, row.deduction),
    scored(row, row.total),
    row.grade,
    rowNotes(row),
  ]);

  const detailColumns: TableColumn[] = [
    { header: columnWords.rank, format: 'integer' },
    { header: columnWords.unit, format: 'text' },
    { header: columnWords.criterionCode, format: 'text' },
    { header: columnWords.criterion, format: 'text' },
    { header: columnWords.group, format: 'text' },
    { header: columnWords.kind, format: 'text' },
    { header: columnWords.maxPoints, format: 'number' },
    { header: columnWords.reported, format: 'number' },
    { header: columnWords.target, format: 'number' },
    { header: columnWords.reviewed, format: 'number' },
    { header: columnWords.points, format: 'points' },
    { header: columnWords.source, format: 'text' },
    { header: columnWords.notes, format: 'text' },
  ];
  const byId = new Map<number, ScoringCriterion>(standings.criteria.map((criterion) => [criterion.id, criterion]));
  const detailRows = standings.rows.flatMap((row) =>
    row.criteria.map((line): Cell[] => {
      const criterion = byId.get(line.criterionId)!;
      return [
        rankOf(row),
        nameOf(row.unitId),
        criterion.code,
        criterion.name,
        criterion.groupName,
        words.kinds[line.kind],
        line.maxPoints,
        reportedCell(line),
        line.target,
        line.reviewed,
        scored(row, line.points),
        row.reported ? words.sources[line.source] : words.notReported,
        line.notes.map((note) => words.notes[note]).join('; '),
      ];
    }),
  );

  const detailDecimals = detailRows.map(() => 2);
  return {
    locale,
    summary: { columns: summaryColumns, rows: roundedAsShown(summaryColumns, summaryRows, decimals), rowDecimals: decimals },
    detail: { columns: detailColumns, rows: roundedAsShown(detailColumns, detailRows, detailDecimals), rowDecimals: detailDecimals },
  };
}

// ── XLSX ───────────────────────────────────────────────────────────────────────────────────────

export interface XlsxOptions {
  /** First row of each sheet, e.g. "Bảng tổng hợp điểm — Khối thi đua Nội chính — Quý I/2021". */
  title: string;
  subtitle?: string;
  /** Defaults to the catalogue's "Bảng tổng hợp điểm" / "Chi tiết". */
  sheetName?: string;
  detailSheetName?: string;
}

const NUMBER_FORMATS: Record<Exclude<ColumnFormat, 'total'>, string | undefined> = {
  text: undefined,
  integer: '0',
  number: 'General',
  points: '0.00',
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EDF3' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FFB0B8C4' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const MAX_TEXT_WIDTH = 60;

/** The score table as an .xlsx workbook: the summary sheet, then the detail sheet. */
export async function toXlsx(table: ScoreTable, options: XlsxOptions): Promise<Buffer> {
  const words = standingsText[table.locale];
  // Loaded on the first export only: exceljs and its zip libraries are a third of the modules the bot would load at start.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  writeSheet(workbook, sheetName(options.sheetName ?? words.summarySheet), table.summary, options);
  writeSheet(workbook, sheetName(options.detailSheetName ?? words.detailSheet), table.detail, options);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Excel's rules: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(name: string): string {
  return (
    name
      .replace(/[:\\/?*[\]]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 31)
      .trim() || 'Sheet1'
  );
}

/** Approximate Excel width (characters of the default font) of a cell's text. */
function textWidth(text: string): number {
  return Math.max(...text.split('\n').map((line) => line.normalize('NFC').length));
}

function writeSheet(workbook: ExcelJS.Workbook, name: string, sheet: TableSheet, options: XlsxOptions): void {
  const worksheet = workbook.addWorksheet(name);
  const columnCount = sheet.columns.length;
  const grouped = sheet.columns.some((column) => column.group !== undefined);

  worksheet.getCell(1, 1).value = options.title;
  worksheet.getCell(1, 1).font = { bold: true, size: 14 };
  let headerRow = 2;
  if (options.subtitle) {
    worksheet.getCell(2, 1).value = options.subtitle;
    worksheet.getCell(2, 1).font = { italic: true, color: { argb: 'FF616E7C' } };
    headerRow = 3;
  }
  headerRow += 1; // a blank row between the title and the table
  const subRow = grouped ? headerRow + 1 : headerRow;

  // Headers: a grouped column's group spans its columns on the first row; an ungrouped column spans both rows.
  for (let index = 0; index < columnCount; ) {
    const column = sheet.columns[index]!;
    let end = index;
    while (column.group !== undefined && sheet.columns[end + 1]?.group === column.group) end++;
    if (column.group !== undefined) {
      worksheet.getCell(headerRow, index + 1).value = column.group;
      if (end > index) worksheet.mergeCells(headerRow, index + 1, headerRow, end + 1);
      for (let at = index; at <= end; at++) worksheet.getCell(subRow, at + 1).value = sheet.columns[at]!.header;
    } else {
      worksheet.getCell(headerRow, index + 1).value = column.header;
      if (subRow > headerRow) worksheet.mergeCells(headerRow, index + 1, subRow, index + 1);
    }
    index = end + 1;
  }
  for (let row = headerRow; row <= subRow; row++) {
    for (let column = 1; column <= columnCount; column++) {
      const cell = worksheet.getCell(row, column);
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
      cell.border = BORDER;
      cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    }
  }

  sheet.rows.forEach((cells, rowIndex) => {
    const row = worksheet.getRow(subRow + 1 + rowIndex);
    cells.forEach((value, columnIndex) => {
      if (value === null) return;
      const cell = row.getCell(columnIndex + 1);
      cell.value = value;
      const format = sheet.columns[columnIndex]!.format;
      const numFmt = format === 'total' ? `0.${'0'.repeat(sheet.rowDecimals[rowIndex] ?? 2)}` : NUMBER_FORMATS[format];
      if (numFmt && typeof value === 'number') cell.numFmt = numFmt;
      if (format === 'total') cell.font = { bold: true };
    });
  });

  // Widths that fit the longest content (Vietnamese names included), the group titles wrapping instead.
  sheet.columns.forEach((column, index) => {
    const contentWidths = sheet.rows.map((cells) => {
      const value = cells[index];
      if (value === null || value === undefined) return 0;
      return typeof value === 'number' ? formatNumber(value, 'en', 4).length + 1 : textWidth(value);
    });
    const width = Math.max(textWidth(column.header), ...contentWidths, column.format === 'text' ? 10 : 8);
    worksheet.getColumn(index + 1).width = Math.min(MAX_TEXT_WIDTH, width + 2);
  });
  if (grouped) {
    // A group title wraps within its columns; give the row the lines it needs (15 points a line).
    const lines = sheet.columns.map((column, index) => {
      if (column.group === undefined || sheet.columns[index - 1]?.group === column.group) return 1;
      let span = 0;
      for (let at = index; sheet.columns[at]?.group === column.group; at++) span += worksheet.getColumn(at + 1).width ?? 10;
      return Math.ceil(textWidth(column.group) / Math.max(span - 2, 1));
    });
    worksheet.getRow(headerRow).height = 15 * Math.max(...lines);
  }

  worksheet.views = [{ state: 'frozen', xSplit: 2, ySplit: subRow, topLeftCell: worksheet.getCell(subRow + 1, 3).address }];
  worksheet.autoFilter = { from: { row: subRow, column: 1 }, to: { row: subRow + sheet.rows.length, column: columnCount } };
}

// ── CSV ────────────────────────────────────────────────────────────────────────────────────────

/**
 * How a CSV separates and writes numbers. `vi`: what Excel set to Vietnamese (or most of Europe)
 * splits into columns on opening — ';' between fields, ',' before decimals (96,3). `standard`: ','
 * between fields and '.' before decimals, for scripts and English-locale spreadsheets.
 */
export const CSV_STYLES = ['vi', 'standard'] as const;
export type CsvStyle = (typeof CSV_STYLES)[number];

const SEPARATOR: Record<CsvStyle, string> = { vi: ';', standard: ',' };
const NEEDS_QUOTES: Record<CsvStyle, RegExp> = { vi: /[";\r\n]|^\s|\s$/, standard: /[",\r\n]|^\s|\s$/ };

/**
 * The summary (or the detail) as CSV: UTF-8 with a byte-order mark so Excel reads the diacritics,
 * CRLF line ends and RFC 4180 quoting, one header row (a criterion's columns read "group — column"),
 * numbers in plain notation (never 1e-7) as the table holds them, separators as `style` says.
 */
export function toCsv(table: ScoreTable, which: 'summary' | 'detail' = 'summary', style: CsvStyle = 'standard'): Buffer {
  const sheet = table[which];
  const header = sheet.columns.map((column) => (column.group !== undefined ? `${column.group} — ${column.header}` : column.header));
  const lines = [header, ...sheet.rows].map((cells) => cells.map((cell) => csvField(cell, style)).join(SEPARATOR[style]));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

function csvField(value: Cell, style: CsvStyle): string {
  if (value === null) return '';
  if (typeof value === 'number') return style === 'vi' ? plainNumber(value).replace('.', ',') : plainNumber(value);
  // A text cell that starts like a formula would run as one in Excel (CSV injection): make it text.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES[style].test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** 38, 38.5, 0.0000001, 10000000000000000000000 — never 1e-7 or 1e+22, never -0, at most 10 decimals. */
export function plainNumber(value: number): string {
  if (Number.isInteger(value)) return BigInt(value).toString();
  const fixed = value.toFixed(10).replace(/\.?0+$/, '');
  return fixed === '-0' ? '0' : fixed;
}
