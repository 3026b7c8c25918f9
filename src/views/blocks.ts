import type {
  ActionsBlock,
  Button,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  InputBlock,
  KnownBlock,
  ModalView,
  SectionBlock,
} from '@slack/types';

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
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: truncate(markdown, SECTION_TEXT_LIMIT) },
    ...(blockId ? { block_id: blockId } : {}),
  };
}

export function context(...markdown: string[]): ContextBlock {
  return {
    type: 'context',
    elements: markdown.slice(0, 10).map((text) => ({ type: 'mrkdwn' as const, text: truncate(text, SECTION_TEXT_LIMIT) })),
  };
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

const BUTTON_TEXT_LIMIT = 75;

export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: truncate(text, BUTTON_TEXT_LIMIT), emoji: true },
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  };
}

export function actions(blockId: string, ...elements: Button[]): ActionsBlock {
  return { type: 'actions', block_id: blockId, elements };
}

export interface PackOptions {
  /** Characters per text (default: a section's 3000). */
  limit?: number;
  /** Characters in all texts together; what does not fit is counted by `more`. */
  maxLength?: number;
  /** The closing item when items are left out, e.g. (12) => 'và 12 đơn vị khác'. */
  more?: (leftOut: number) => string;
  /** Joins `more` to the last item kept (default: the separator). */
  moreSeparator?: string;
}

/**
 * Joins `items` with `separator` into as few texts as fit `limit` each, so a long list spreads
 * over several sections instead of being cut mid-way. Past `maxLength` in all (Slack refuses a
 * message whose blocks hold much more than about 12,000 characters) the rest is counted by `more`.
 * The first item is always kept.
 */
export function packTexts(items: readonly string[], separator: string, options: PackOptions = {}): string[] {
  const limit = options.limit ?? SECTION_TEXT_LIMIT;
  const budget = options.maxLength ?? Infinity;
  const groups: string[][] = [];
  let filling = 0; // length of the text being filled
  let total = 0;
  let kept = 0;
  for (const raw of items) {
    const item = truncate(raw, limit);
    const last = groups.at(-1);
    const joins = last !== undefined && filling + separator.length + item.length <= limit;
    const added = joins ? separator.length + item.length : item.length;
    if (last !== undefined && total + added > budget) break;
    if (joins) last.push(item);
    else groups.push([item]);
    filling = joins ? filling + added : added;
    total += added;
    kept += 1;
  }
  if (kept === items.length) return groups.map((group) => group.join(separator));

  // Room for the closing "and N more" in the last text, within its limit and the budget: drop items
  // from the end (and a text left with nothing) until it fits; the first item always stays.
  const moreText = () =>
    `${options.moreSeparator ?? separator}${options.more ? options.more(items.length - kept) : `+${items.length - kept}`}`;
  const lastLength = () => groups.at(-1)!.join(separator).length;
  while (kept > 1 && (lastLength() + moreText().length > limit || total + moreText().length > budget)) {
    const last = groups.at(-1)!;
    const removed = last.pop()!;
    total -= last.length > 0 ? separator.length + removed.length : removed.length;
    if (last.length === 0) groups.pop();
    kept -= 1;
  }
  const closing = groups.pop()!.join(separator) + moreText();
  return [...groups.map((group) => group.join(separator)), truncate(closing, limit)];
}

/**
 * Escapes text that Slack's mrkdwn would otherwise read as markup (&, < and >, as Slack asks):
 * the one function for anything a person typed or the organisation file holds that goes into a
 * mrkdwn text, so `<!channel>`, `<@U…>` or `<http://…|…>` in it are shown, never acted on.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A link to `url` labelled `label`, both escaped; a | would end the address early in Slack's <url|label>. */
export function link(url: string, label: string): string {
  return `<${escapeMrkdwn(url).replace(/\|/g, '%7C')}|${escapeMrkdwn(label)}>`;
}

export function mention(userId: string): string {
  return `<@${userId}>`;
}

export type Blocks = KnownBlock[];

/** A modal form. Slack allows 24 characters for the title and the two buttons. */
export function formModal(form: {
  callbackId: string;
  title: string;
  submit: string;
  close: string;
  metadata: string;
  blocks: KnownBlock[];
}): ModalView {
  const label = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, 24) });
  return {
    type: 'modal',
    callback_id: form.callbackId,
    title: label(form.title),
    submit: label(form.submit),
    close: label(form.close),
    private_metadata: form.metadata,
    blocks: form.blocks,
  };
}

/**
 * A form field. Optional as far as Slack is concerned, so that a missing answer gets our own message
 * in the user's language (through response_action: errors) instead of Slack's English one.
 */
export function field(blockId: string, label: string, hint: string | undefined, element: InputBlock['element']): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: true,
    label: { type: 'plain_text', text: truncate(label, 2000) },
    ...(hint ? { hint: { type: 'plain_text', text: truncate(hint, 2000) } } : {}),
    element,
  };
}

/** A modal that only says something (the outcome of a submission), with a Close button. */
export function noticeModal(title: string, close: string, markdown: string): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: truncate(title, 24) },
    close: { type: 'plain_text', text: truncate(close, 24) },
    blocks: [section(markdown)],
  };
}
