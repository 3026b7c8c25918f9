import type ExcelJS from 'exceljs';
import type { Locale } from '../i18n/messages';
import { type Column, INSTRUCTIONS_SHEET, SETTINGS_HEADER, type SheetLayout, WORKBOOK } from './workbook-layout';

/**
 * The empty organisation workbook (`npx thidua template --out FILE.xlsx`, “Tải mẫu” in Slack): an
 * instructions sheet, the settings sheet with its settings listed, and every table with its header
 * row; code and id columns are text cells (so "1.10" stays "1.10"), kinds and yes/no are lists.
 */
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EDF3' } };
const TEXT_KINDS = new Set<Column['kind']>(['text', 'code', 'codes', 'users', 'names', 'pairs', 'tiers']);
const ROWS_WITH_CHOICES = 2000;

interface RangeValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

const templateText = {
  vi: {
    title: 'Tệp tổ chức — mẫu bảng tính',
    intro:
      'Điền các trang theo hướng dẫn dưới đây rồi nạp bằng `npx thidua import tệp.xlsx` hoặc gửi trong Slack (`/thidua quantri` → Nạp tệp tổ chức). Tệp có lỗi không được nạp: mọi lỗi được liệt kê theo trang, dòng và cột. Danh sách ghi cách nhau bởi dấu chấm phẩy; mã và mã người dùng Slack có thể cách nhau bởi dấu phẩy. Ngày ghi dd/MM/yyyy, giờ HH:mm.',
    sheet: 'Trang',
    column: 'Cột',
    about: 'Cách ghi',
    v2: ' (bản 2 của tệp tổ chức)',
  },
  en: {
    title: 'Organisation file — workbook template',
    intro:
      'Fill in the sheets as described below, then load the file with `npx thidua import file.xlsx` or send it in Slack (`/thidua admin` → Load organisation file). A file with mistakes is not loaded: every mistake is listed by sheet, row and column. Lists are separated by semicolons; codes and Slack user ids may be separated by commas. Dates are dd/MM/yyyy, times HH:mm.',
    sheet: 'Sheet',
    column: 'Column',
    about: 'What to write',
    v2: ' (version 2 of the organisation file)',
  },
} as const;

export async function organisationTemplate(locale: Locale): Promise<Buffer> {
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  workbook.creator = 'Thi Đua';
  writeInstructions(workbook.addWorksheet(INSTRUCTIONS_SHEET[locale]), locale);
  for (const layout of WORKBOOK) {
    const sheet = workbook.addWorksheet(layout[locale], { views: [{ state: 'frozen', ySplit: 1 }] });
    if (layout.key === 'organization') writeSettings(sheet, layout, locale);
    else writeTable(sheet, layout, locale);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function writeInstructions(sheet: ExcelJS.Worksheet, locale: Locale): void {
  const text = templateText[locale];
  sheet.columns = [{ width: 26 }, { width: 34 }, { width: 90 }];
  sheet.addRow([text.title]).font = { bold: true, size: 14 };
  const intro = sheet.addRow([text.intro]);
  sheet.mergeCells(intro.number, 1, intro.number, 3);
  intro.alignment = { wrapText: true, vertical: 'top' };
  intro.height = 60;
  sheet.addRow([]);
  header(sheet.addRow([text.sheet, text.column, text.about]));
  for (const layout of WORKBOOK) {
    const row = sheet.addRow([layout[locale], '', layout.about[locale]]);
    row.font = { bold: true };
    for (const column of layout.columns) sheet.addRow(['', column[locale], column.about[locale] + (column.v2 ? text.v2 : '')]);
  }
}

function writeSettings(sheet: ExcelJS.Worksheet, layout: SheetLayout, locale: Locale): void {
  sheet.columns = [{ width: 30 }, { width: 70, style: { numFmt: '@' } }];
  header(sheet.addRow([...SETTINGS_HEADER[locale]]));
  for (const column of layout.columns) sheet.addRow([column[locale]]);
}

function writeTable(sheet: ExcelJS.Worksheet, layout: SheetLayout, locale: Locale): void {
  sheet.columns = layout.columns.map((column) => ({
    width: Math.min(60, Math.max(12, column[locale].length + 4)),
    ...(TEXT_KINDS.has(column.kind) ? { style: { numFmt: '@' } } : {}),
  }));
  header(sheet.addRow(layout.columns.map((column) => column[locale])));
  layout.columns.forEach((column, index) => {
    const choices = choicesOf(layout.key, column, locale);
    if (!choices) return;
    const letter = String.fromCharCode(65 + index);
    // A range rule, not one per cell (exceljs has it, its typings do not).
    (sheet as unknown as RangeValidations).dataValidations.add(`${letter}2:${letter}${ROWS_WITH_CHOICES}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${choices.join(',')}"`],
    });
  });
}

/** The values a column takes, offered as a list where they are few. */
function choicesOf(sheet: SheetLayout['key'], column: Column, locale: Locale): string[] | undefined {
  if (column.kind === 'boolean') return locale === 'vi' ? ['Có', 'Không'] : ['Yes', 'No'];
  if (sheet === 'criteria' && column.key === 'kind')
    return ['target', 'lower_better', 'yes_no', 'graded', 'bonus', 'deduction', 'levels', 'count'];
  if (column.key === 'scored_by') return ['unit', 'lead', 'auto'];
  if (column.key === 'source') return ['pledge_on_time', 'report_on_time'];
  if (column.key === 'from') return ['zero', 'max'];
  if (column.key === 'not_applicable') return ['full', 'rescale'];
  return undefined;
}

function header(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
}
