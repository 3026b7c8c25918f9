/**
 * The known kinds of directive, in the order forms offer them. A directive's kind is open text (a
 * province issues more kinds than any list: Biên bản, Tờ trình ...); these are the ones a query may
 * name or abbreviate before a number ("tb 350", "quy chế số 12": src/domain/directive-number.ts).
 */
export const DIRECTIVE_KINDS = [
  'Chỉ thị',
  'Nghị quyết',
  'Luật',
  'Nghị định',
  'Thông tư',
  'Kế hoạch',
  'Công văn',
  'Hướng dẫn',
  'Kết luận',
  'Quyết định',
  'Thông báo',
  'Quy định',
  'Quy chế',
  'Chương trình',
  'Đề án',
] as const;

/** A directive as an admin enters it (the number as written, dates as yyyy-MM-dd). */
export interface DirectiveInput {
  number: string;
  /** Open text: one of DIRECTIVE_KINDS or any other. */
  kind: string;
  issuer: string;
  issuedOn: string;
  title: string;
  summary: string | null;
  url: string | null;
  tags: string[];
  /** No longer in force from this day; null: in force. */
  expiredOn: string | null;
  /** The number of the document that replaces it, as written. */
  replacedBy: string | null;
}
