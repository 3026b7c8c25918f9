import type { EvidenceFile } from '../domain/evidence';
import { defineMessages, type Locale } from '../i18n/messages';
import { link, truncate } from './blocks';

/**
 * A report's evidence as people read it — in the review form, in Chi tiết, in a change request —
 * the link and each file as a link under its name. File names and links are what a person typed or
 * uploaded: escaped (link() escapes both).
 */
export const evidenceText = defineMessages(
  {
    link: (address: string) => `Minh chứng: ${address}`,
    files: (count: number) => `Tệp minh chứng (${count}):`,
    none: 'Không có minh chứng (đường dẫn hay tệp).',
  },
  {
    link: (address: string) => `Evidence: ${address}`,
    files: (count: number) => `Evidence files (${count}):`,
    none: 'No evidence (link or file).',
  },
);

/** Each file as a link under its name, separated by semicolons (names may hold commas). */
export function fileLinks(files: readonly EvidenceFile[]): string {
  return files.map((file) => link(file.permalink, truncate(file.name, 150))).join('; ');
}

/**
 * The evidence's lines as mrkdwn: the link, then the files one a line (to be packed into sections:
 * ten links may not fit one text); none when there is neither.
 */
export function evidenceLines(evidence: { url: string | null; files: readonly EvidenceFile[] }, locale: Locale): string[] {
  const text = evidenceText[locale];
  return [
    ...(evidence.url ? [text.link(link(evidence.url, truncate(evidence.url, 200)))] : []),
    ...(evidence.files.length ? [text.files(evidence.files.length), ...evidence.files.map((file) => `• ${fileLinks([file])}`)] : []),
  ];
}
