import type { ImportSection, ImportSummary } from '../../db/store/organisation-import';
import { defineMessages } from '../i18n/messages';

/** What one `npx thidua tick` delivered (DeliveryStats). */
interface TickFigures {
  sent: number;
  recovered: number;
  skipped: number;
  failed: number;
}

/** What `npx thidua` prints. Operators read Vietnamese first; the help shows both languages. */
export const cliText = defineMessages(
  {
    sections: {
      settings: 'Cấu hình chung',
      units: 'Đơn vị',
      blocks: 'Khối thi đua',
      years: 'Năm thi đua',
      periods: 'Kỳ báo cáo',
      criteria: 'Tiêu chí',
      directives: 'Văn bản',
    } satisfies Record<ImportSection, string>,
    counts: (added: number, updated: number, retired: number) => `${added} thêm, ${updated} cập nhật, ${retired} ngừng sử dụng`,
    imported: (file: string) => `Đã nạp tệp tổ chức ${file}:`,
    noChanges: 'Không có thay đổi nào: cơ sở dữ liệu đã khớp với tệp.',
    rejected: (file: string, count: number) => `Tệp ${file} không hợp lệ (${count} lỗi); chưa có thay đổi nào được lưu:`,
    demoReplaced: 'Cơ sở dữ liệu đang chứa tổ chức demo; dữ liệu demo được thay bằng tệp này.',
    ticked: (at: string, zone: string, queued: number, done: TickFigures) =>
      `Bộ hẹn giờ lúc ${at} (${zone}): ${queued} tin mới vào hàng đợi; đã gửi ${done.sent}${done.recovered ? ` (${done.recovered} tìm thấy đã gửi trước khi bị ngắt)` : ''}, bỏ qua ${done.skipped}, lỗi ${done.failed}.`,
    jobsFailed: (jobs: string) => `Bộ hẹn giờ: việc «${jobs}» bị lỗi; xem nhật ký ở trên.`,
    exported: (file: string, block: string, period: string, reported: number, units: number) =>
      `Đã ghi ${file}: bảng tổng hợp điểm ${block}, ${period} (${reported}/${units} đơn vị đã báo cáo).`,
  },
  {
    sections: {
      settings: 'Settings',
      units: 'Units',
      blocks: 'Blocks',
      years: 'Years',
      periods: 'Periods',
      criteria: 'Criteria',
      directives: 'Directives',
    } satisfies Record<ImportSection, string>,
    counts: (added: number, updated: number, retired: number) => `${added} added, ${updated} updated, ${retired} retired`,
    imported: (file: string) => `Imported the organisation file ${file}:`,
    noChanges: 'No changes: the database already matches the file.',
    rejected: (file: string, count: number) => `${file} is invalid (${count} problems); nothing was saved:`,
    demoReplaced: 'The database held the demo organisation; the demo data is replaced by this file.',
    ticked: (at: string, zone: string, queued: number, done: TickFigures) =>
      `Scheduler at ${at} (${zone}): ${queued} new messages queued; ${done.sent} sent${done.recovered ? ` (${done.recovered} found already posted before an interruption)` : ''}, ${done.skipped} skipped, ${done.failed} failed.`,
    jobsFailed: (jobs: string) => `Scheduler: job «${jobs}» failed; see the log above.`,
    exported: (file: string, block: string, period: string, reported: number, units: number) =>
      `Wrote ${file}: the score table of ${block}, ${period} (${reported} of ${units} units reported).`,
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
  import FILE      nạp tệp tổ chức YAML (kiểm tra toàn bộ trước khi ghi) / import the organisation file
  backup FILE      sao lưu trực tuyến, nhất quán cơ sở dữ liệu / an online, consistent database copy
  tick [--at ISO-8601]
                   chạy bộ hẹn giờ một lần (nhắc hạn, tổng hợp xếp hạng) tại thời điểm đó, gửi xong rồi thoát; cần
                   SLACK_BOT_TOKEN; không ghi múi giờ = giờ của tổ chức
                   run one scheduler pass (deadline nudges, standings summaries) as of that instant, deliver, exit
  export --block CODE --period CODE [--year YYYY] [--format xlsx|csv] [--out FILE]
                   xuất bảng tổng hợp điểm của khối trong kỳ (mặc định xlsx, tệp bang-diem-KHỐI-KỲ-NĂM.xlsx)
                   export a block's score table for a period (XLSX by default, or UTF-8 CSV)
  help             trợ giúp này / this help

Cấu hình qua biến môi trường hoặc tệp .env (xem .env.example) / configured by the environment or .env`;
