import type { ImportSection, ImportSummary } from '../../db/store/organisation-import';
import { countOf } from '../i18n/format';
import { bothLanguages, defineMessages } from '../i18n/messages';
import { periodInSentence } from '../i18n/period-names';
import { importSectionText } from '../views/organisation-file';

/** Why a file could not be written, in words. */
export type WriteProblem = 'noFolder' | 'denied' | 'isFolder' | 'readOnly' | 'full' | 'cannotOpen';

/** What one `npx thidua tick` delivered (DeliveryStats). */
interface TickFigures {
  sent: number;
  recovered: number;
  skipped: number;
  failed: number;
  /** Still queued when the pass ended (pending or being sent): for the next pass. */
  left: number;
}

/** What `npx thidua` prints. Operators read Vietnamese first; the help shows both languages. */
export const cliText = defineMessages(
  {
    ...importSectionText.vi,
    imported: (file: string) => `Đã nạp tệp tổ chức ${file}:`,
    noChanges: 'Không có thay đổi nào: cơ sở dữ liệu đã khớp với tệp.',
    rejected: (file: string, count: number) => `Tệp ${file} không hợp lệ (${count} lỗi); chưa có thay đổi nào được lưu:`,
    demoReplaced: 'Cơ sở dữ liệu đang chứa tổ chức demo; dữ liệu demo được thay bằng tệp này.',
    ticked: (at: string, zone: string, queued: number, done: TickFigures) =>
      `Bộ hẹn giờ lúc ${at} (${zone}): ${queued} tin mới vào hàng đợi; đã gửi ${done.sent}${done.recovered ? ` (${done.recovered} tìm thấy đã gửi trước khi bị ngắt)` : ''}, bỏ qua ${done.skipped}, lỗi ${done.failed}${done.left ? `; còn ${done.left} tin chờ lần chạy sau` : ''}.`,
    slackUnreachable: (reason: string, left: number) =>
      `Không kết nối được Slack${reason ? ` (${reason})` : ''}: ${left} tin vẫn nằm trong hàng đợi, sẽ được gửi đúng một lần ở lần chạy sau.`,
    jobsFailed: (jobs: string) => `Bộ hẹn giờ: việc “${jobs}” bị lỗi; xem nhật ký ở trên.`,
    exported: (file: string, block: string, period: string, reported: number, units: number) =>
      `Đã ghi ${file}: bảng tổng hợp điểm ${block}, ${periodInSentence(period)} (${reported}/${units} đơn vị đã báo cáo).`,
    templateWritten: (file: string) => `Đã ghi mẫu bảng tính tệp tổ chức ${file}: điền các trang rồi nạp bằng npx thidua import ${file}.`,
  },
  {
    ...importSectionText.en,
    imported: (file: string) => `Imported the organisation file ${file}:`,
    noChanges: 'No changes: the database already matches the file.',
    rejected: (file: string, count: number) => `${file} is invalid (${countOf(count, 'problem')}); nothing was saved:`,
    demoReplaced: 'The database held the demo organisation; the demo data is replaced by this file.',
    ticked: (at: string, zone: string, queued: number, done: TickFigures) =>
      `Scheduler at ${at} (${zone}): ${countOf(queued, 'new message')} queued; ${done.sent} sent${done.recovered ? ` (${done.recovered} found already posted before an interruption)` : ''}, ${done.skipped} skipped, ${done.failed} failed${done.left ? `; ${done.left} left for the next pass` : ''}.`,
    slackUnreachable: (reason: string, left: number) =>
      `Slack could not be reached${reason ? ` (${reason})` : ''}: ${countOf(left, 'message')} ${left === 1 ? 'stays' : 'stay'} queued and will be sent once on the next pass.`,
    jobsFailed: (jobs: string) => `Scheduler: job “${jobs}” failed; see the log above.`,
    exported: (file: string, block: string, period: string, reported: number, units: number) =>
      `Wrote ${file}: the score table of ${block}, ${periodInSentence(period)} (${reported} of ${units} units reported).`,
    templateWritten: (file: string) =>
      `Wrote the organisation workbook template ${file}: fill in its sheets, then load it with npx thidua import ${file}.`,
  },
);

export function formatSummary(summary: ImportSummary, text: (typeof cliText)['vi']): string[] {
  return (Object.keys(text.sections) as ImportSection[]).map(
    (section) =>
      `  ${text.sections[section].padEnd(16)} ${text.counts(summary[section].added, summary[section].updated, summary[section].retired)}`,
  );
}

export const USAGE = `Thi Đua — trợ lý Slack cho công tác thi đua, khen thưởng

Cách dùng / usage: npx thidua <lệnh>

  start            chạy bot: HTTP khi có SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET, Socket Mode khi có
                   thêm SLACK_APP_TOKEN, bảng điều khiển cục bộ khi không có token (= npm start)
                   run the bot: HTTP, Socket Mode, or the local console without tokens
  console [--at "yyyy-MM-dd HH:mm"] [--as USER]
                   bảng điều khiển cục bộ trên dữ liệu demo / the local console
  migrate          áp dụng migration cho cơ sở dữ liệu / apply database migrations
  import FILE      nạp tệp tổ chức YAML hoặc bảng tính XLSX (kiểm tra toàn bộ trước khi ghi)
                   import the organisation file, YAML or an XLSX workbook
  template --out FILE.xlsx [--locale vi|en]
                   ghi mẫu bảng tính tệp tổ chức (trống) / write the empty organisation workbook
  backup FILE      sao lưu trực tuyến, nhất quán cơ sở dữ liệu / an online, consistent database copy
  tick [--at ISO-8601]
                   chạy bộ hẹn giờ một lần (nhắc hạn, tổng hợp xếp hạng) tại thời điểm đó, gửi xong rồi thoát; cần
                   SLACK_BOT_TOKEN; không ghi múi giờ = giờ của tổ chức
                   run one scheduler pass (deadline nudges, standings summaries) as of that instant, deliver, exit
  export --block CODE --period CODE [--year YYYY] [--format xlsx|csv] [--csv-style vi|standard] [--out FILE] [--force]
                   xuất bảng tổng hợp điểm của khối trong kỳ (mặc định xlsx, tệp bang-diem-KHỐI-KỲ-NĂM.xlsx);
                   CSV kiểu vi (dấu ; và dấu phẩy thập phân, mặc định khi tổ chức dùng tiếng Việt) hoặc standard
                   export a block's score table for a period (XLSX by default, or UTF-8 CSV: vi style with ';' and
                   decimal commas, the default for a Vietnamese organisation, or standard with ',' and '.')
  export --year YYYY --block CODE --format docx --document minutes|proposal [--out FILE] [--force]
                   biên bản họp bình xét hoặc tờ trình đề nghị khen thưởng của khối (DOCX), sau khi kết thúc bỏ phiếu
                   a block's minutes of its year-end vote or its proposal for commendation (DOCX), once the vote closed
  export --year YYYY --document proposals [--out FILE] [--force]
                   đề nghị khen thưởng của mọi khối trong một tệp XLSX / every block's proposals in one XLSX
  help             trợ giúp này / this help

Cấu hình qua biến môi trường hoặc tệp .env (xem .env.example) / configured by the environment or .env`;

/**
 * What `npx thidua` tells the operator before any organisation (and so its language) is known, or
 * when a command goes wrong: both languages, Vietnamese first (bothLanguages).
 */
export const operatorText = defineMessages(
  {
    unknownCommand: (command: string) => `Không có lệnh “${command}”. Gõ npx thidua help.`,
    running: (mode: string) => `Thi Đua đang chạy (${mode})`,
    shuttingDown: (signal: string) => `${signal}: dừng nhận yêu cầu, hoàn tất việc đang làm, đóng cơ sở dữ liệu`,
    migrated: (path: string, count: number) => `${path}: ${count} migration đã áp dụng`,
    missingFile: (usage: string) => `Thiếu tên tệp: npx thidua ${usage}`,
    fileExists: (file: string) => `Tệp “${file}” đã có; chọn tên khác để không ghi đè.`,
    noDatabase: (path: string) => `Chưa có cơ sở dữ liệu “${path}”.`,
    backedUp: (_from: string, _to: string, _kb: number) => 'Đã sao lưu',
    noOrganisationIn: (path: string) => `Chưa có tổ chức trong “${path}”: nạp tệp tổ chức trước (npx thidua import <tệp.yaml>).`,
    exportNeeds:
      'Cần --block và --period: npx thidua export --block NOI_CHINH --period Q1 [--year 2021] [--format xlsx|csv] [--csv-style vi|standard] [--out TỆP]',
    badFormat: (typed: string) => `--format “${typed}”: chỉ có xlsx hoặc csv`,
    badCsvStyle: (typed: string) =>
      `--csv-style “${typed}”: chỉ có vi (dấu ; và dấu phẩy thập phân) hoặc standard (dấu , và dấu chấm thập phân)`,
    templateNeeds: 'Cần --out: npx thidua template --out mau-to-chuc.xlsx [--locale vi|en]',
    badLocale: (typed: string) => `--locale “${typed}”: chỉ có vi hoặc en`,
    badYear: (typed: string) => `--year “${typed}”: cần năm bốn chữ số, ví dụ 2021`,
    noOrganisation: 'Chưa có dữ liệu tổ chức: npx thidua import <tệp.yaml>',
    unknownBlock: (typed: string, blocks: string) => `Không rõ khối “${typed}”. Các khối: ${blocks}.`,
    unknownYear: (typed: string) => `Không có năm ${typed} trong tệp tổ chức.`,
    unknownPeriod: (typed: string, year: number, periods: string) => `Không rõ kỳ “${typed}” trong năm ${year}. Các kỳ: ${periods}.`,
    badInstant: (typed: string) =>
      `--at “${typed}”: cần thời điểm ISO-8601, ví dụ 2021-04-07T08:00+07:00 (không có múi giờ: giờ của tổ chức)`,
    missingSource: (file: string) => `Không đọc được tệp “${file}”: không tồn tại`,
    badArguments: (problem: string, known: string) =>
      `Tham số không hợp lệ (${problem}). Lệnh này nhận: ${known}; giá trị có dấu cách đặt trong ngoặc kép, ví dụ --block "noi chinh".`,
    outExists: (file: string) => `Tệp “${file}” đã có; thêm --force để ghi đè, hoặc chọn tên khác bằng --out.`,
    cannotWrite: (file: string, why: string) => `Không ghi được “${file}”: ${why}.`,
    cannotBackUp: (file: string, why: string) => `Không ghi được bản sao lưu “${file}”: ${why}.`,
    writeProblem: {
      noFolder: 'thư mục không tồn tại',
      denied: 'không có quyền ghi',
      isFolder: 'đây là một thư mục',
      readOnly: 'ổ đĩa chỉ đọc',
      full: 'hết chỗ trên ổ đĩa',
      cannotOpen: 'không mở được tệp để ghi: thư mục không tồn tại hoặc không có quyền ghi',
    } satisfies Record<WriteProblem, string>,
    unexpected: (message: string) =>
      `Lỗi không mong đợi: ${message}. Chạy lại với LOG_LEVEL=debug để xem chi tiết, hoặc báo người quản trị hệ thống.`,
  },
  {
    unknownCommand: (command: string) => `Unknown command “${command}”.`,
    running: (_mode: string) => 'running',
    shuttingDown: (_signal: string) => 'shutting down',
    migrated: (_path: string, _count: number) => 'applied',
    missingFile: (_usage: string) => 'missing file name',
    fileExists: (file: string) => `“${file}” exists; choose another name.`,
    noDatabase: (path: string) => `no database at “${path}”.`,
    backedUp: (from: string, to: string, kb: number) => `backed up ${from} → ${to} (${kb} KB)`,
    noOrganisationIn: (_path: string) => 'no organisation yet.',
    exportNeeds: '--block and --period are required',
    badFormat: (_typed: string) => '--format must be xlsx or csv',
    badCsvStyle: (_typed: string) => '--csv-style must be vi or standard',
    templateNeeds: '--out is required',
    badLocale: (_typed: string) => '--locale must be vi or en',
    badYear: (_typed: string) => '--year must be a four-digit year',
    noOrganisation: 'no organisation loaded',
    unknownBlock: (_typed: string, _blocks: string) => 'unknown or ambiguous block',
    unknownYear: (_typed: string) => 'unknown year',
    unknownPeriod: (_typed: string, _year: number, _periods: string) => 'unknown or ambiguous period',
    badInstant: (_typed: string) => 'expected ISO-8601',
    missingSource: (_file: string) => 'does not exist',
    badArguments: (_problem: string, _known: string) => 'invalid arguments',
    outExists: (file: string) => `“${file}” exists; add --force to overwrite.`,
    cannotWrite: (file: string, why: string) => `cannot write “${file}”: ${why}.`,
    cannotBackUp: (file: string, why: string) => `cannot write the backup “${file}”: ${why}.`,
    writeProblem: {
      noFolder: 'no such folder',
      denied: 'permission denied',
      isFolder: 'is a folder',
      readOnly: 'read-only file system',
      full: 'no space left',
      cannotOpen: 'cannot open the file for writing',
    } satisfies Record<WriteProblem, string>,
    unexpected: (_message: string) => 'unexpected error',
  },
);

/** An operator's line in both languages. */
export const toOperator = (say: (text: (typeof operatorText)['vi']) => string) => bothLanguages(operatorText, say);
