/** The kinds of directive the library holds, in the order forms offer them. */
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
] as const;
export type DirectiveKind = (typeof DIRECTIVE_KINDS)[number];

/** A directive as an admin enters it (the number as written, the date as yyyy-MM-dd). */
export interface DirectiveInput {
  number: string;
  kind: DirectiveKind;
  issuer: string;
  issuedOn: string;
  title: string;
  summary: string | null;
  url: string | null;
  tags: string[];
}
