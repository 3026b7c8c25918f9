import type { Locale } from '../i18n/messages';

/**
 * The organisation file as a workbook: the tables the Emulation Board keeps (units, blocks,
 * criteria, periods, directives …), one sheet each, a header row naming the columns. It says the
 * same as the YAML file (../shared/docs/organisation-file.md), version 2's criterion fields
 * included; src/organisation/workbook.ts reads it into the YAML's shape, so one schema checks
 * both, and src/organisation/workbook-template.ts writes the empty template.
 *
 * Sheets and columns are found by their name in either language or by the YAML key, typed with or
 * without diacritics. A cell's kind says how it is read: a list is written with ";" (or one item a
 * line), codes and Slack ids may also be separated by commas or spaces; dates as dd/MM/yyyy (or a
 * date cell); `pairs` as "Tên: điểm; Tên: điểm"; `tiers` as "100: 10; 90: 8" (from percent: points).
 */
export type CellKind =
  | 'text'
  | 'code'
  | 'codes'
  | 'users'
  | 'names'
  | 'number'
  | 'numbers'
  | 'date'
  | 'datetime'
  | 'time'
  | 'boolean'
  | 'pairs'
  | 'tiers'
  /** A quorum or threshold: more_than_half, two_thirds, or a share (a number). */
  | 'share'
  | 'locale';

export interface Column {
  /** The YAML key it fills (or, for rows that only place an item, what it names). */
  key: string;
  vi: string;
  en: string;
  kind: CellKind;
  /** What to write, with an example, for the instructions sheet. */
  about: { vi: string; en: string };
  /** Only with version 2 of the organisation file (../shared/docs/organisation-file.md). */
  v2?: boolean;
}

export const SHEET_KEYS = [
  'organization',
  'holidays',
  'units',
  'blocks',
  'directives',
  'years',
  'year_blocks',
  'periods',
  'criteria',
  'indicators',
  'groups',
  'grades',
  'commendations',
] as const;
export type SheetKey = (typeof SHEET_KEYS)[number];

export interface SheetLayout {
  key: SheetKey;
  vi: string;
  en: string;
  about: { vi: string; en: string };
  columns: Column[];
}

const column = (key: string, vi: string, en: string, kind: CellKind, aboutVi: string, aboutEn: string, v2 = false): Column => ({
  key,
  vi,
  en,
  kind,
  about: { vi: aboutVi, en: aboutEn },
  ...(v2 ? { v2 } : {}),
});

const YEAR = column('year', 'Năm', 'Year', 'number', 'Năm thi đua, ví dụ 2021', 'The emulation year, e.g. 2021');
const BLOCK = (optional: boolean) =>
  column(
    'block',
    'Khối',
    'Block',
    'code',
    optional ? 'Mã khối; để trống: cho mọi khối' : 'Mã khối, ví dụ NOI_CHINH',
    optional ? 'Block code; empty: every block' : 'Block code, e.g. NOI_CHINH',
  );

/**
 * The organisation sheet is a list of settings (a row each: the setting, its value); every other
 * sheet a table (a row each item). The settings are its "columns".
 */
export const WORKBOOK: readonly SheetLayout[] = [
  {
    key: 'organization',
    vi: 'Tổ chức',
    en: 'Organisation',
    about: {
      vi: 'Mỗi dòng một thông tin: cột A là mục, cột B là giá trị.',
      en: 'One setting a row: column A the setting, column B its value.',
    },
    columns: [
      column('name', 'Tên tổ chức', 'Name', 'text', 'Ví dụ: UBND tỉnh Vĩnh Phúc', 'E.g. UBND tỉnh Vĩnh Phúc'),
      column('timezone', 'Múi giờ', 'Time zone', 'text', 'Để trống: Asia/Ho_Chi_Minh', 'Empty: Asia/Ho_Chi_Minh'),
      column('locale', 'Ngôn ngữ', 'Language', 'locale', 'vi (mặc định) hoặc en', 'vi (default) or en'),
      column(
        'admins',
        'Quản trị viên',
        'Admins',
        'users',
        'Mã người dùng Slack, cách nhau bởi dấu phẩy: U0ADMIN01, U0ADMIN02',
        'Slack user ids, comma-separated',
      ),
      column(
        'quiet_from',
        'Giờ yên lặng từ',
        'Quiet hours from',
        'time',
        'Không gửi tin từ giờ này; mặc định 20:00',
        'No posts from this time; default 20:00',
      ),
      column('quiet_to', 'Giờ yên lặng đến', 'Quiet hours until', 'time', 'Mặc định 07:00', 'Default 07:00'),
      column(
        'titles',
        'Danh hiệu',
        'Titles',
        'names',
        'Các danh hiệu đơn vị có thể đăng ký, cách nhau bởi dấu chấm phẩy',
        'Titles a unit may seek, separated by semicolons',
      ),
    ],
  },
  {
    key: 'holidays',
    vi: 'Ngày nghỉ',
    en: 'Holidays',
    about: { vi: 'Mỗi dòng một ngày nghỉ lễ, Tết.', en: 'One public holiday a row.' },
    columns: [
      column('date', 'Ngày', 'Date', 'date', 'dd/MM/yyyy, ví dụ 02/09/2021', 'dd/MM/yyyy, e.g. 02/09/2021'),
      column('note', 'Tên ngày nghỉ', 'Holiday', 'text', 'Ghi chú, ví dụ Quốc khánh', 'A note, e.g. National Day'),
    ],
  },
  {
    key: 'units',
    vi: 'Đơn vị',
    en: 'Units',
    about: { vi: 'Mỗi dòng một đơn vị thành viên.', en: 'One member unit a row.' },
    columns: [
      column('code', 'Mã', 'Code', 'code', 'Chữ không dấu, số, _ - . ; ví dụ STP', 'Letters without accents, digits, _ - . ; e.g. STP'),
      column('name', 'Tên', 'Name', 'text', 'Ví dụ: Sở Tư pháp', 'E.g. Sở Tư pháp'),
      column(
        'officers',
        'Cán bộ thi đua',
        'Officers',
        'users',
        'Mã người dùng Slack của cán bộ, cách nhau bởi dấu phẩy',
        "The officers' Slack user ids, comma-separated",
      ),
    ],
  },
  {
    key: 'blocks',
    vi: 'Khối',
    en: 'Blocks',
    about: { vi: 'Mỗi dòng một khối thi đua.', en: 'One emulation block a row.' },
    columns: [
      column('code', 'Mã', 'Code', 'code', 'Ví dụ NOI_CHINH', 'E.g. NOI_CHINH'),
      column('name', 'Tên', 'Name', 'text', 'Ví dụ: Khối thi đua Nội chính', 'E.g. Khối thi đua Nội chính'),
      column(
        'channel',
        'Kênh Slack',
        'Slack channel',
        'text',
        'Mã kênh của khối, ví dụ C0NOICHINH',
        "The block's channel id, e.g. C0NOICHINH",
      ),
      column('units', 'Đơn vị', 'Units', 'codes', 'Mã các đơn vị thành viên, cách nhau bởi dấu phẩy', 'Member unit codes, comma-separated'),
    ],
  },
  {
    key: 'directives',
    vi: 'Văn bản',
    en: 'Directives',
    about: { vi: 'Mỗi dòng một văn bản chỉ đạo.', en: 'One directive a row.' },
    columns: [
      column('number', 'Số hiệu', 'Number', 'text', 'Ví dụ 34-CT/TW', 'E.g. 34-CT/TW'),
      column(
        'kind',
        'Loại',
        'Kind',
        'text',
        'Chỉ thị, Nghị quyết, Luật, Nghị định, Thông tư, Kế hoạch, Công văn, Hướng dẫn …',
        'Chỉ thị, Nghị quyết, Luật, Nghị định …',
      ),
      column('issuer', 'Cơ quan ban hành', 'Issuer', 'text', 'Ví dụ: Bộ Chính trị', 'E.g. Bộ Chính trị'),
      column('issued', 'Ngày ban hành', 'Issued', 'date', 'dd/MM/yyyy', 'dd/MM/yyyy'),
      column('title', 'Trích yếu', 'Title', 'text', 'Trích yếu nội dung', 'What it is about'),
      column('summary', 'Tóm tắt', 'Summary', 'text', 'Không bắt buộc', 'Optional'),
      column('url', 'Đường dẫn', 'Link', 'text', 'Không bắt buộc, ví dụ https://…', 'Optional, e.g. https://…'),
      column('tags', 'Từ khóa', 'Keywords', 'names', 'Cách nhau bởi dấu chấm phẩy', 'Separated by semicolons'),
      column('expired', 'Hết hiệu lực từ', 'Expired from', 'date', 'Không bắt buộc, dd/MM/yyyy', 'Optional, dd/MM/yyyy', true),
      column('replaced_by', 'Thay thế bởi', 'Replaced by', 'text', 'Số hiệu văn bản thay thế', "The replacement's number", true),
    ],
  },
  {
    key: 'years',
    vi: 'Năm',
    en: 'Years',
    about: { vi: 'Mỗi dòng một năm thi đua.', en: 'One emulation year a row.' },
    columns: [
      YEAR,
      column('theme', 'Chủ đề', 'Theme', 'text', 'Chủ đề thi đua của năm', "The year's emulation theme"),
      column('pledge_due', 'Hạn ký giao ước', 'Pledge due', 'datetime', 'dd/MM/yyyy HH:mm, ví dụ 31/03/2021 17:00', 'dd/MM/yyyy HH:mm'),
      column('before_days', 'Nhắc trước (ngày)', 'Remind before (days)', 'numbers', 'Mặc định 7, 3, 1', 'Default 7, 3, 1'),
      column('at', 'Giờ nhắc', 'Reminder time', 'time', 'Mặc định 08:00', 'Default 08:00'),
      column(
        'overdue_every_days',
        'Nhắc quá hạn mỗi (ngày làm việc)',
        'Overdue reminder every (working days)',
        'number',
        'Mặc định 2; 0: chỉ một lần',
        'Default 2; 0: once',
      ),
      column(
        'resubmission_working_days',
        'Hạn nộp lại (ngày làm việc)',
        'Resubmission due (working days)',
        'number',
        'Báo cáo bị trả lại phải nộp lại trong số ngày làm việc này; mặc định 3',
        'A returned report is due again within this many working days; default 3',
        true,
      ),
      column('report_grace_hours', 'Được sửa sau hạn (giờ)', 'Edits after the due (hours)', 'number', 'Mặc định 0', 'Default 0'),
      column('summary_at', 'Giờ đăng tổng hợp', 'Summary time', 'time', 'Mặc định 09:00', 'Default 09:00'),
      column(
        'not_applicable',
        'Tiêu chí không áp dụng',
        'Criterion not applicable',
        'text',
        'full (mặc định) hoặc rescale',
        'full (default) or rescale',
        true,
      ),
      column(
        'year_result',
        'Kết quả năm',
        'Year result',
        'text',
        'final_period (kỳ cả năm) hoặc average (trung bình các kỳ)',
        'final_period or average',
      ),
      column(
        'quorum',
        'Số phiếu tối thiểu',
        'Quorum',
        'share',
        'Bình xét: two_thirds (mặc định), more_than_half hoặc tỷ lệ, ví dụ 0,75',
        'Deliberation: two_thirds (default), more_than_half or a share, e.g. 0.75',
      ),
      column(
        'one_title_per_unit',
        'Mỗi đơn vị một danh hiệu',
        'One title per unit',
        'boolean',
        'Có (mặc định) hoặc Không',
        'Yes (default) or No',
      ),
    ],
  },
  {
    key: 'year_blocks',
    vi: 'Khối theo năm',
    en: 'Blocks by year',
    about: {
      vi: 'Mỗi dòng một khối trong một năm: Trưởng khối, Phó khối, chủ đề riêng, thành viên năm đó.',
      en: "One block in one year a row: its lead, deputy, own theme, that year's members.",
    },
    columns: [
      YEAR,
      BLOCK(false),
      column('lead', 'Trưởng khối', 'Lead', 'code', 'Mã đơn vị Trưởng khối', "The lead unit's code"),
      column('deputy', 'Phó khối', 'Deputy', 'code', 'Mã đơn vị Phó khối', "The deputy unit's code"),
      column('theme', 'Chủ đề riêng', 'Own theme', 'text', 'Không bắt buộc', 'Optional'),
      column(
        'units',
        'Đơn vị năm đó',
        "That year's units",
        'codes',
        'Để trống: các đơn vị trong trang Khối',
        'Empty: the units on the Blocks sheet',
        true,
      ),
      column('not_applicable', 'Tiêu chí không áp dụng', 'Criterion not applicable', 'text', 'full hoặc rescale', 'full or rescale', true),
    ],
  },
  {
    key: 'periods',
    vi: 'Kỳ báo cáo',
    en: 'Periods',
    about: { vi: 'Mỗi dòng một kỳ báo cáo.', en: 'One reporting period a row.' },
    columns: [
      YEAR,
      column('code', 'Mã', 'Code', 'code', 'Ví dụ Q1', 'E.g. Q1'),
      column('name', 'Tên', 'Name', 'text', 'Ví dụ: Quý I', 'E.g. Quý I'),
      column('start', 'Từ ngày', 'From', 'date', 'dd/MM/yyyy', 'dd/MM/yyyy'),
      column('end', 'Đến ngày', 'To', 'date', 'dd/MM/yyyy', 'dd/MM/yyyy'),
      column('due', 'Hạn nộp', 'Due', 'datetime', 'dd/MM/yyyy HH:mm, ví dụ 10/04/2021 17:00', 'dd/MM/yyyy HH:mm'),
    ],
  },
  {
    key: 'criteria',
    vi: 'Tiêu chí',
    en: 'Criteria',
    about: {
      vi: 'Bảng tiêu chí chấm điểm, mỗi dòng một tiêu chí, theo thứ tự trong bảng.',
      en: 'The scoring table, one criterion a row, in its order.',
    },
    columns: [
      YEAR,
      BLOCK(true),
      column('code', 'Mã', 'Code', 'code', 'Ví dụ 1.1 (định dạng ô là văn bản)', 'E.g. 1.1 (a text cell)'),
      column('group', 'Nhóm', 'Group', 'text', 'Ví dụ: I. Nhiệm vụ chuyên môn', 'E.g. I. Nhiệm vụ chuyên môn'),
      column('name', 'Tên tiêu chí', 'Criterion', 'text', 'Nội dung tiêu chí', 'What is scored'),
      column('max', 'Điểm tối đa', 'Max points', 'number', 'Ví dụ 10', 'E.g. 10'),
      column(
        'kind',
        'Loại',
        'Kind',
        'text',
        'target, lower_better, yes_no, graded, bonus, deduction (bản 2: levels, count)',
        'target, lower_better, yes_no, graded, bonus, deduction (v2: levels, count)',
      ),
      column('unit', 'Đơn vị tính', 'Measure', 'text', 'Ví dụ %, đơn, vụ', 'E.g. %'),
      column('scored_by', 'Người chấm', 'Scored by', 'text', 'unit (mặc định), lead hoặc auto', 'unit (default), lead or auto', true),
      column(
        'source',
        'Nguồn tự động',
        'Automatic source',
        'text',
        'pledge_on_time hoặc report_on_time',
        'pledge_on_time or report_on_time',
        true,
      ),
      column(
        'applies_to',
        'Áp dụng cho',
        'Applies to',
        'codes',
        'Mã các đơn vị có tiêu chí này; để trống: mọi đơn vị',
        'Unit codes; empty: every unit',
        true,
      ),
      column('each', 'Điểm mỗi lần', 'Points each', 'number', 'Với count, bonus, deduction', 'For count, bonus, deduction', true),
      column('from', 'Tính từ', 'Counted from', 'text', 'zero hoặc max (với count)', 'zero or max (for count)', true),
      column(
        'tiers',
        'Bậc điểm',
        'Tiers',
        'tiers',
        '% đạt: điểm; ví dụ 100: 10; 90: 8; 0: 5',
        'percent: points; e.g. 100: 10; 90: 8; 0: 5',
        true,
      ),
      column(
        'levels',
        'Mức',
        'Levels',
        'pairs',
        'Tên mức: điểm; ví dụ Hoàn thành xuất sắc nhiệm vụ: 5; Hoàn thành nhiệm vụ: 2',
        'Level: points; …',
        true,
      ),
      column(
        'items',
        'Khoản thưởng, trừ',
        'Items',
        'pairs',
        'Tên khoản: điểm; ví dụ Cờ thi đua của Chính phủ: 15',
        'Item: points; …',
        true,
      ),
    ],
  },
  {
    key: 'indicators',
    vi: 'Chỉ tiêu riêng',
    en: 'Indicators',
    about: {
      vi: 'Chỉ tiêu riêng của từng đơn vị cho một tiêu chí loại target (bản 2), mỗi dòng một chỉ tiêu.',
      en: "A unit's own indicators for a target criterion (version 2), one a row.",
    },
    columns: [
      YEAR,
      BLOCK(true),
      column('criterion', 'Tiêu chí', 'Criterion', 'code', 'Mã tiêu chí trong trang Tiêu chí', 'The criterion code on the Criteria sheet'),
      column('unit_code', 'Đơn vị', 'Unit', 'code', 'Mã đơn vị', 'Unit code'),
      column('code', 'Mã chỉ tiêu', 'Indicator code', 'code', 'Ví dụ a', 'E.g. a'),
      column('name', 'Tên chỉ tiêu', 'Indicator', 'text', 'Ví dụ: Tỷ lệ điều tra khám phá án', 'E.g. Tỷ lệ điều tra khám phá án'),
      column('unit', 'Đơn vị tính', 'Measure', 'text', 'Ví dụ %', 'E.g. %'),
      column('weight', 'Trọng số', 'Weight', 'number', 'Mặc định 1', 'Default 1'),
    ],
  },
  {
    key: 'groups',
    vi: 'Nhóm tiêu chí',
    en: 'Criterion groups',
    about: { vi: 'Điểm tối đa của một nhóm tiêu chí (bản 2).', en: "A criterion group's cap (version 2)." },
    columns: [
      YEAR,
      BLOCK(true),
      column('name', 'Tên nhóm', 'Group', 'text', 'Đúng như cột Nhóm của trang Tiêu chí', 'As in the Group column of the Criteria sheet'),
      column('max', 'Điểm tối đa', 'Max points', 'number', 'Ví dụ 50', 'E.g. 50'),
    ],
  },
  {
    key: 'grades',
    vi: 'Xếp loại',
    en: 'Grades',
    about: {
      vi: 'Các mức xếp loại của năm, mức cao trước; đúng một mức để trống Từ điểm (mức thấp nhất).',
      en: "The year's grade bands, highest first; exactly one without a minimum (the lowest).",
    },
    columns: [
      YEAR,
      column('name', 'Xếp loại', 'Grade', 'text', 'Ví dụ: Hoàn thành xuất sắc', 'E.g. Hoàn thành xuất sắc'),
      column('min', 'Từ điểm', 'From points', 'number', 'Ví dụ 95', 'E.g. 95'),
      column('no_zero_criterion', 'Không tiêu chí nào 0 điểm', 'No criterion at 0', 'boolean', 'Có hoặc Không', 'Yes or No'),
      column(
        'min_share_each',
        'Mỗi tiêu chí đạt tối thiểu',
        'Each criterion at least',
        'number',
        'Tỷ lệ, ví dụ 0,85',
        'A share, e.g. 0.85',
        true,
      ),
    ],
  },
  {
    key: 'commendations',
    vi: 'Danh hiệu',
    en: 'Commendations',
    about: {
      vi: 'Các danh hiệu được đề nghị khi bình xét cuối năm, mỗi dòng một danh hiệu của một năm.',
      en: "The titles proposed at the year's deliberation, one title of a year a row.",
    },
    columns: [
      YEAR,
      column('title', 'Danh hiệu', 'Title', 'text', 'Ví dụ: Cờ thi đua của UBND tỉnh', 'E.g. Cờ thi đua của UBND tỉnh'),
      column('min_grade', 'Xếp loại tối thiểu', 'Lowest grade', 'text', 'Ví dụ: Hoàn thành xuất sắc', 'E.g. Hoàn thành xuất sắc'),
      column('registered', 'Phải đăng ký', 'Registered only', 'boolean', 'Có hoặc Không', 'Yes or No'),
      column(
        'no_deduction',
        'Không bị trừ điểm ở',
        'No deduction in',
        'codes',
        'Mã tiêu chí trừ điểm, ví dụ K',
        'Deduction criterion codes, e.g. K',
      ),
      column('max_units', 'Số đơn vị tối đa', 'At most (units)', 'number', 'Ví dụ 1', 'E.g. 1'),
      column('max_share', 'Tỷ lệ tối đa', 'At most (share)', 'number', 'Ví dụ 0,3', 'E.g. 0.3'),
      column(
        'threshold',
        'Ngưỡng thông qua',
        'Threshold',
        'share',
        'more_than_half (mặc định), two_thirds hoặc tỷ lệ',
        'more_than_half (default), two_thirds or a share',
      ),
    ],
  },
];

/** The settings sheet's two columns. */
export const SETTINGS_HEADER = { vi: ['Mục', 'Giá trị'], en: ['Setting', 'Value'] } as const;

export const INSTRUCTIONS_SHEET = { vi: 'Hướng dẫn', en: 'Instructions' } as const;

/** A sheet's or a column's name in the organisation's language. */
export function labelOf(item: { vi: string; en: string }, locale: Locale): string {
  return item[locale];
}
