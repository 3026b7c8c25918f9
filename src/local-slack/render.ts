/**
 * Block Kit as readable terminal text, for the local console: headers, sections, fields, context,
 * dividers, and every button numbered so it can be pressed by number.
 */
type Json = Record<string, unknown>;

export interface RenderedButton {
  number: number;
  text: string;
  actionId: string;
  blockId: string;
  value?: string;
}

export interface Rendering {
  lines: string[];
  buttons: RenderedButton[];
}

/** Slack mrkdwn to plain text: mentions, links and entities made readable; emphasis markers kept. */
export function mrkdwnToText(text: string, nameOf: (userId: string) => string = (userId) => userId): string {
  return (
    text
      .replace(/<@([UW][A-Z0-9]+)>/g, (_match, userId: string) => `@${nameOf(userId)}`)
      .replace(/<#([CG][A-Z0-9]+)(?:\|([^>]+))?>/g, (_match, id: string, name?: string) => `#${name ?? id}`)
      .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2 ($1)')
      .replace(/<(https?:[^>]+)>/g, '$1')
      // Emphasis markers only where Slack would read them (around words), so codes like NOI_CHINH stay.
      .replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,;:])/g, '$1$2')
      .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,;:])/g, '$1$2')
      .replace(/`([^`\n]+)`/g, '$1')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
  );
}

export function renderBlocks(blocks: unknown, firstButtonNumber: number, nameOf?: (userId: string) => string): Rendering {
  const lines: string[] = [];
  const buttons: RenderedButton[] = [];
  const text = (value: unknown) => (value && typeof value === 'object' ? mrkdwnToText(String((value as Json).text ?? ''), nameOf) : '');
  const addButton = (element: Json, blockId: string) => {
    const button: RenderedButton = {
      number: firstButtonNumber + buttons.length,
      text: text(element.text),
      actionId: String(element.action_id ?? ''),
      blockId,
      ...(typeof element.value === 'string' ? { value: element.value } : {}),
    };
    buttons.push(button);
    return `[${button.number}] ${button.text}`;
  };
  for (const block of Array.isArray(blocks) ? (blocks as Json[]) : []) {
    const blockId = String(block.block_id ?? '');
    switch (block.type) {
      case 'header':
        lines.push(`═══ ${text(block.text)} ═══`);
        break;
      case 'section': {
        if (block.text) lines.push(text(block.text));
        if (Array.isArray(block.fields)) lines.push((block.fields as unknown[]).map(text).join('   │   '));
        const accessory = block.accessory as Json | undefined;
        if (accessory?.type === 'button') lines.push(`    ${addButton(accessory, blockId)}`);
        break;
      }
      case 'context':
        lines.push(`  · ${(Array.isArray(block.elements) ? (block.elements as unknown[]) : []).map(text).join('  ')}`);
        break;
      case 'divider':
        lines.push('────────────────────────────────────────');
        break;
      case 'actions': {
        const rendered = (Array.isArray(block.elements) ? (block.elements as Json[]) : [])
          .filter((element) => element.type === 'button')
          .map((element) => addButton(element, blockId));
        if (rendered.length) lines.push(`  ${rendered.join('   ')}`);
        break;
      }
      case 'image':
        lines.push(`[hình ảnh: ${String(block.alt_text ?? '')}]`);
        break;
      default:
        break;
    }
  }
  return { lines, buttons };
}
