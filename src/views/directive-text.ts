import { defineMessages } from '../i18n/messages';

/** What the directive library says: search results, sharing, and the admins' add/edit modal. */
export const directiveText = defineMessages(
  {
    usageTitle: '*Tra cứu văn bản*: `/thidua vanban <từ khóa | số hiệu>`',
    usageExamples: 'Ví dụ: `/thidua vanban chi thi 34`, `/thidua vanban 06/2022`, `/thidua vanban thi dua khen thuong`.',
    usageTolerance:
      'Gõ có dấu hay không dấu đều được; số hiệu gõ kiểu nào cũng tìm được: `34`, `34-CT/TW`, `34/CT-TW`, `ct 34`, `chi thi 34`.',
    usageAdmin: 'Quản trị viên: `/thidua vanban them` để thêm văn bản, `/thidua vanban sua <số hiệu>` để sửa.',

    results: (query: string, total: number, from: number, to: number) =>
      `*Kết quả tra cứu «${query}»*: ${total} văn bản${total > to - from + 1 ? ` — đang xem ${from}–${to}` : ''}.`,
    partial: 'Không có văn bản nào chứa đủ các từ đã gõ; dưới đây là các văn bản chứa một phần.',
    numberMissing: 'Không có văn bản mang số hiệu này; dưới đây là các văn bản khớp theo từ khóa.',
    privateNote: 'Chỉ người tra cứu thấy kết quả này. Bấm «Chia sẻ vào kênh» để gửi một văn bản cho cả kênh.',
    fullText: 'Xem toàn văn',
    tagsLabel: 'Từ khóa',
    more: 'Xem thêm',
    previous: 'Trang trước',
    share: 'Chia sẻ vào kênh',

    noMatch: (query: string) => `Không tìm thấy văn bản nào cho «${query}».`,
    closeNumbers: 'Số hiệu gần giống:',
    didYouMean: (query: string) => `Có phải ý là «${query}»?`,
    noMatchTip: 'Thử gõ số hiệu (ví dụ `34-CT/TW`, `06/2022`) hoặc vài từ trong trích yếu; có dấu hay không dấu đều được.',

    sharedBy: (user: string) => `${user} chia sẻ văn bản qua \`/thidua vanban\``,
    sharedText: (user: string, cited: string, title: string) => `${user} chia sẻ ${cited}: ${title}`,
    shared: (cited: string) => `Đã chia sẻ ${cited} vào kênh.`,
    notInConversation: 'Chỉ thành viên của cuộc trò chuyện này mới chia sẻ văn bản vào đây được; chưa đăng gì.',
    membershipUnknown: 'Chưa kiểm tra được với Slack ai đang ở trong cuộc trò chuyện này, nên chưa đăng gì. Vui lòng thử lại sau ít phút.',
    alreadyShared: (at: string) =>
      `Văn bản này đã được chia sẻ vào đây lúc ${at}; mỗi văn bản chỉ đăng một lần trong 24 giờ, nên không đăng lại.`,
    gone: 'Văn bản này không còn trong thư viện; vui lòng tra cứu lại.',

    adminOnly: (admins: string) =>
      `Chỉ quản trị viên (Ban Thi đua – Khen thưởng) được thêm hoặc sửa văn bản. Vui lòng liên hệ ${admins || 'Ban Thi đua – Khen thưởng'} nếu cần bổ sung hay sửa văn bản.`,
    editUsage: 'Gõ số hiệu văn bản cần sửa, ví dụ `/thidua vanban sua 34-CT/TW`.',
    editNotFound: (number: string) => `Không có văn bản số hiệu «${number}».`,
    editAmbiguous: (number: string, list: string) =>
      `Có nhiều văn bản mang số «${number}»: ${list}. Gõ đủ số hiệu, ví dụ \`/thidua vanban sua 34-CT/TW\`.`,

    modalAdd: 'Thêm văn bản',
    modalEdit: 'Sửa văn bản',
    save: 'Lưu',
    cancel: 'Hủy',
    close: 'Đóng',
    fieldNumber: 'Số hiệu',
    fieldNumberHint: 'Ví dụ: 34-CT/TW, 06/2022/QH15, 98/2023/NĐ-CP, 9153/UBND-TH2',
    fieldKind: 'Loại văn bản',
    fieldIssuer: 'Cơ quan ban hành',
    fieldIssuerPlaceholder: 'Ví dụ: Bộ Chính trị, Chính phủ, UBND tỉnh Vĩnh Phúc',
    fieldIssuedOn: 'Ngày ban hành',
    fieldTitle: 'Trích yếu',
    fieldSummary: 'Tóm tắt',
    fieldUrl: 'Đường dẫn toàn văn',
    fieldTags: 'Từ khóa',
    fieldTagsHint: 'Cách nhau bằng dấu phẩy, ví dụ: thi đua, khen thưởng, điển hình tiên tiến',
    choose: 'Chọn',

    required: (field: string) => `Vui lòng nhập ${field.toLowerCase()}.`,
    chooseKind: 'Vui lòng chọn loại văn bản.',
    chooseDate: 'Vui lòng chọn ngày ban hành.',
    numberFormat: 'Số hiệu phải bắt đầu bằng số thứ tự, ví dụ 34-CT/TW hoặc 98/2023/NĐ-CP.',
    numberTaken: (cited: string, title: string, number: string) =>
      `Số hiệu này đã có: ${cited} — ${title}. Để sửa văn bản đó, dùng /thidua vanban sua ${number}.`,
    url: 'Đường dẫn phải là địa chỉ web đầy đủ, bắt đầu bằng http:// hoặc https://, ví dụ https://thuvienphapluat.vn/…',
    tooLong: (field: string, limit: number) => `${field} dài quá ${limit} ký tự; vui lòng rút gọn.`,
    tooManyTags: (limit: number) => `Tối đa ${limit} từ khóa, mỗi từ khóa không quá 60 ký tự.`,

    added: (cited: string) => `✅ Đã thêm ${cited} vào thư viện văn bản.`,
    updated: (cited: string) => `✅ Đã lưu thay đổi của ${cited}.`,
    fromFile: 'Văn bản này có trong tệp cấu hình tổ chức: lần nạp tệp sau sẽ thay các thông tin trên bằng nội dung trong tệp nếu tệp khác.',
    searchAgain: (number: string) => `Tra cứu lại: /thidua vanban ${number}`,
  },
  {
    usageTitle: '*Directive lookup*: `/thidua vanban <keywords | number>`',
    usageExamples: 'For example: `/thidua vanban chi thi 34`, `/thidua vanban 06/2022`, `/thidua vanban thi dua khen thuong`.',
    usageTolerance: 'Accents are optional, and a number can be typed any way: `34`, `34-CT/TW`, `34/CT-TW`, `ct 34`, `chi thi 34`.',
    usageAdmin: 'Admins: `/thidua vanban them` adds a directive, `/thidua vanban sua <number>` edits one.',

    results: (query: string, total: number, from: number, to: number) =>
      `*Results for «${query}»*: ${total} directive${total === 1 ? '' : 's'}${total > to - from + 1 ? ` — showing ${from}–${to}` : ''}.`,
    partial: 'No directive contains every word typed; these contain some of them.',
    numberMissing: 'No directive has this number; these match the words.',
    privateNote: 'Only the person searching sees these results. Press «Share to channel» to post one directive to the channel.',
    fullText: 'Full text',
    tagsLabel: 'Tags',
    more: 'More',
    previous: 'Previous',
    share: 'Share to channel',

    noMatch: (query: string) => `No directive found for «${query}».`,
    closeNumbers: 'Close numbers:',
    didYouMean: (query: string) => `Did you mean «${query}»?`,
    noMatchTip: 'Try a number (e.g. `34-CT/TW`, `06/2022`) or a few words of the title; accents are optional.',

    sharedBy: (user: string) => `${user} shared this directive with \`/thidua vanban\``,
    sharedText: (user: string, cited: string, title: string) => `${user} shared ${cited}: ${title}`,
    shared: (cited: string) => `Shared ${cited} to the channel.`,
    notInConversation: 'Only members of this conversation can share a directive into it; nothing was posted.',
    membershipUnknown: 'Slack could not say who is in this conversation, so nothing was posted. Please try again in a few minutes.',
    alreadyShared: (at: string) =>
      `This directive was already shared here at ${at}; each is posted once in 24 hours, so it was not posted again.`,
    gone: 'This directive is no longer in the library; please search again.',

    adminOnly: (admins: string) =>
      `Only admins (the Emulation & Commendation Board) add or edit directives. Please ask ${admins || 'the Emulation & Commendation Board'} to add or correct one.`,
    editUsage: 'Type the number of the directive to edit, e.g. `/thidua vanban sua 34-CT/TW`.',
    editNotFound: (number: string) => `No directive has the number «${number}».`,
    editAmbiguous: (number: string, list: string) =>
      `Several directives have the number «${number}»: ${list}. Type the whole number, e.g. \`/thidua vanban sua 34-CT/TW\`.`,

    modalAdd: 'Add a directive',
    modalEdit: 'Edit a directive',
    save: 'Save',
    cancel: 'Cancel',
    close: 'Close',
    fieldNumber: 'Number',
    fieldNumberHint: 'For example: 34-CT/TW, 06/2022/QH15, 98/2023/NĐ-CP, 9153/UBND-TH2',
    fieldKind: 'Kind',
    fieldIssuer: 'Issuer',
    fieldIssuerPlaceholder: 'For example: Bộ Chính trị, Chính phủ, UBND tỉnh Vĩnh Phúc',
    fieldIssuedOn: 'Issued on',
    fieldTitle: 'Title',
    fieldSummary: 'Summary',
    fieldUrl: 'Link to the full text',
    fieldTags: 'Tags',
    fieldTagsHint: 'Separated by commas, e.g. thi đua, khen thưởng, điển hình tiên tiến',
    choose: 'Choose',

    required: (field: string) => `Please enter the ${field.toLowerCase()}.`,
    chooseKind: 'Please choose the kind.',
    chooseDate: 'Please choose the date it was issued.',
    numberFormat: 'A number starts with its ordinal, e.g. 34-CT/TW or 98/2023/NĐ-CP.',
    numberTaken: (cited: string, title: string, number: string) =>
      `This number exists already: ${cited} — ${title}. To edit that directive, use /thidua vanban sua ${number}.`,
    url: 'The link must be a full web address starting with http:// or https://, e.g. https://thuvienphapluat.vn/…',
    tooLong: (field: string, limit: number) => `${field} is longer than ${limit} characters; please shorten it.`,
    tooManyTags: (limit: number) => `At most ${limit} tags, each up to 60 characters.`,

    added: (cited: string) => `✅ Added ${cited} to the directive library.`,
    updated: (cited: string) => `✅ Saved the changes to ${cited}.`,
    fromFile: 'This directive comes from the organisation file: the next import will replace these details with the file’s if they differ.',
    searchAgain: (number: string) => `Look it up: /thidua vanban ${number}`,
  },
);
