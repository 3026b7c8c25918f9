import { defineMessages } from '../i18n/messages';

/** What is said about a workbook as such (its sheets, rows and columns), in the file's language. */
export const workbookText = defineMessages(
  {
    place: (sheet: string, row: number, column: string | undefined, item: number | undefined) =>
      `Trang “${sheet}”, dòng ${row}${column ? `, cột “${column}”` : ''}${item !== undefined ? ` (mục ${item})` : ''}`,
    sheet: (sheet: string) => `Trang “${sheet}”`,
    setting: (sheet: string, setting: string) => `Trang “${sheet}”, mục “${setting}”`,
    notWorkbook:
      'tệp không đọc được như một bảng tính Excel (.xlsx); cần tệp theo mẫu (gõ `/thidua quantri teptochuc` để nhận mẫu trong tin nhắn riêng)',
    noOrganisationSheet: (sheet: string) => `thiếu trang “${sheet}” (tên tổ chức, quản trị viên …)`,
    unknownSheet: (sheets: string) => `trang này không có trong mẫu; các trang của mẫu: ${sheets}`,
    unknownColumn: (header: string, columns: string) => `cột “${header}” không có trong mẫu của trang này; các cột: ${columns}`,
    unknownSetting: (label: string, settings: string) => `mục “${label}” không có trong mẫu; các mục: ${settings}`,
    yearMissing: 'cần năm thi đua, ví dụ 2021',
    unknownYear: (year: string, sheet: string) => `năm ${year} chưa có trong trang “${sheet}”`,
    noCriterion: (code: string, sheet: string) => `không có tiêu chí mã “${code}” của năm và khối này trong trang “${sheet}”`,
    blockMissing: 'cần mã khối',
    unitMissing: 'cần mã đơn vị',
    duplicateYear: (year: string, row: number) => `năm ${year} đã có ở dòng ${row}`,
  },
  {
    place: (sheet: string, row: number, column: string | undefined, item: number | undefined) =>
      `Sheet “${sheet}”, row ${row}${column ? `, column “${column}”` : ''}${item !== undefined ? ` (item ${item})` : ''}`,
    sheet: (sheet: string) => `Sheet “${sheet}”`,
    setting: (sheet: string, setting: string) => `Sheet “${sheet}”, setting “${setting}”`,
    notWorkbook: 'the file cannot be read as an Excel workbook (.xlsx); use the template (type `/thidua admin file` to get it in your DM)',
    noOrganisationSheet: (sheet: string) => `the “${sheet}” sheet is missing (the organisation's name, admins …)`,
    unknownSheet: (sheets: string) => `this sheet is not in the template; its sheets: ${sheets}`,
    unknownColumn: (header: string, columns: string) => `column “${header}” is not in this sheet's template; its columns: ${columns}`,
    unknownSetting: (label: string, settings: string) => `“${label}” is not a setting of the template; settings: ${settings}`,
    yearMissing: 'an emulation year is needed, e.g. 2021',
    unknownYear: (year: string, sheet: string) => `year ${year} is not on the “${sheet}” sheet`,
    noCriterion: (code: string, sheet: string) => `no criterion “${code}” of this year and block on the “${sheet}” sheet`,
    blockMissing: 'a block code is needed',
    unitMissing: 'a unit code is needed',
    duplicateYear: (year: string, row: number) => `year ${year} is already on row ${row}`,
  },
);

/** What a value of the wrong type should have been, for the organisation file (YAML or workbook). */
export const typeWords = defineMessages(
  {
    string: 'cần chữ, không phải số hay danh sách',
    number: 'cần một số, ví dụ 10 hoặc 0,5',
    boolean: 'cần có hoặc không (true / false)',
    array: 'cần một danh sách',
    object: 'cần một bảng các mục con',
  },
  {
    string: 'text is needed, not a number or a list',
    number: 'a number is needed, e.g. 10 or 0.5',
    boolean: 'yes or no is needed (true / false)',
    array: 'a list is needed',
    object: 'a mapping of fields is needed',
  },
);
