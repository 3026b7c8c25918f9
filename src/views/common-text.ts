import { defineMessages, type Locale } from '../i18n/messages';

/** Text shared by every feature: who to ask, what went wrong, how to get help. */
export const commonText = defineMessages(
  {
    notInOrganisation: (organisation: string, admins: string) =>
      `Tài khoản này chưa có trong danh sách cán bộ thi đua của ${organisation}. Vui lòng liên hệ Ban Thi đua – Khen thưởng${admins ? ` (${admins})` : ''} để được bổ sung vào tệp tổ chức.`,
    noOrganisation: 'Chưa có dữ liệu tổ chức. Quản trị viên cần nạp tệp tổ chức: `npx thidua import <tệp.yaml>`.',
    failure:
      'Đã có lỗi khi xử lý yêu cầu; chưa có thay đổi nào được lưu. Vui lòng thử lại sau ít phút, hoặc báo Ban Thi đua – Khen thưởng nếu lỗi lặp lại.',
    failureTitle: 'Chưa lưu được',
    close: 'Đóng',
    fieldTooLong: (limit: string) => `Quá dài: tối đa ${limit} ký tự. Chưa lưu gì; vui lòng rút gọn rồi gửi lại.`,
    staleButton: 'Nút này không còn dùng được; vui lòng gõ lại lệnh để có kết quả mới.',
    unknownCommand: (word: string) => `Không có lệnh “${word}”.`,
    commandTooLong: (typed: string, limit: string) =>
      `Lệnh quá dài (${typed} ký tự; tối đa ${limit}), nên chưa được đọc. Vui lòng gõ ngắn lại: tên khối, kỳ báo cáo hoặc vài từ khóa là đủ.`,
    gone: 'Khối hoặc kỳ báo cáo này không còn trong tệp tổ chức.',
    unitGone: 'Đơn vị này không còn thuộc khối trong tệp tổ chức.',
    didYouMean: (suggestions: string) => `Có phải đồng chí muốn gõ ${suggestions}?`,
    seeHelp: 'Gõ `/thidua help` để xem các lệnh.',
    or: 'hoặc',
    helpTitle: 'Thi Đua — các lệnh',
    helpIntro: 'Trợ lý công tác thi đua, khen thưởng. Lệnh gõ có dấu hay không dấu đều được.',
    example: 'Ví dụ',
    alsoTyped: 'Tên khác',
    youAre: 'Tài khoản',
    roleAdmin: 'quản trị viên (Ban Thi đua – Khen thưởng)',
    roleOfficer: (unit: string) => `cán bộ thi đua của ${unit}`,
    roleLead: (blocks: string) => `đơn vị Trưởng khối ${blocks}`,
    roleNone: 'chưa thuộc tổ chức',
    deciderLead: (unit: string) => `Trưởng khối (${unit})`,
    deciderDeputy: (unit: string) => `Phó Trưởng khối (${unit})`,
    deciderAdmins: 'Ban Thi đua – Khen thưởng',
  },
  {
    notInOrganisation: (organisation: string, admins: string) =>
      `This account is not on ${organisation}'s list of emulation officers. Please ask the Emulation & Commendation Board${admins ? ` (${admins})` : ''} to add it to the organisation file.`,
    noOrganisation: 'No organisation is loaded yet. An admin needs to import the organisation file: `npx thidua import <file.yaml>`.',
    failure:
      'Something went wrong while handling the request; nothing was saved. Please try again in a few minutes, or tell the Emulation & Commendation Board if it happens again.',
    failureTitle: 'Not saved',
    close: 'Close',
    fieldTooLong: (limit: string) => `Too long: at most ${limit} characters. Nothing was saved; please shorten it and send again.`,
    staleButton: 'This button no longer works; please type the command again for fresh results.',
    unknownCommand: (word: string) => `There is no command “${word}”.`,
    commandTooLong: (typed: string, limit: string) =>
      `The command is too long (${typed} characters; at most ${limit}), so it was not read. Please type less: a block, a period or a few keywords are enough.`,
    gone: 'This block or period is no longer in the organisation file.',
    unitGone: 'This unit is no longer in the block in the organisation file.',
    didYouMean: (suggestions: string) => `Did you mean ${suggestions}?`,
    seeHelp: 'Type `/thidua help` to see the commands.',
    or: 'or',
    helpTitle: 'Thi Đua — commands',
    helpIntro: 'Assistant for emulation and commendation work. Commands work with or without Vietnamese accents.',
    example: 'Example',
    alsoTyped: 'Also',
    youAre: 'Account',
    roleAdmin: 'admin (Emulation & Commendation Board)',
    roleOfficer: (unit: string) => `emulation officer of ${unit}`,
    roleLead: (blocks: string) => `block lead of ${blocks}`,
    roleNone: 'not in the organisation',
    deciderLead: (unit: string) => `the block lead (${unit})`,
    deciderDeputy: (unit: string) => `the deputy block lead (${unit})`,
    deciderAdmins: 'the Emulation & Commendation Board',
  },
);

/** Who decides a unit's request: the block lead (the deputy for the lead's own unit), named; or the board when there is none. */
export interface Decider {
  name: string;
  deputy: boolean;
}

/** Who decides a unit's change request: the block lead or deputy (named), or the board when the block has none. */
export function deciderText(decider: Decider | undefined, locale: Locale): string {
  const text = commonText[locale];
  if (!decider) return text.deciderAdmins;
  return decider.deputy ? text.deciderDeputy(decider.name) : text.deciderLead(decider.name);
}
