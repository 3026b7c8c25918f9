import type { ContextBlock, DividerBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';

/** Small Block Kit constructors, so builders read as the message they make. */
export const SECTION_TEXT_LIMIT = 3000;
const HEADER_LIMIT = 150;

export function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: truncate(text, HEADER_LIMIT), emoji: true } };
}

export function section(markdown: string, blockId?: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(markdown, SECTION_TEXT_LIMIT) }, ...(blockId ? { block_id: blockId } : {}) };
}

export function context(...markdown: string[]): ContextBlock {
  return { type: 'context', elements: markdown.slice(0, 10).map((text) => ({ type: 'mrkdwn' as const, text: truncate(text, SECTION_TEXT_LIMIT) })) };
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

/** Escapes text that Slack's mrkdwn would otherwise read as markup. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function mention(userId: string): string {
  return `<@${userId}>`;
}

export type Blocks = KnownBlock[];
