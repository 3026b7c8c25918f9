import type { TestBot } from './bot';

/**
 * Text a person could type or an organisation file could hold to turn the bot's words into a mention
 * or a link, and how to find it live (not escaped) in what the bot said.
 */
export const HOSTILE = '<!channel> <@UEVIL01> <#C0EVIL|x> <http://evil.example|bấm vào> & <b>';
export const LIVE = /<!channel>|<!here>|<!everyone>|<@UEVIL|<#C0EVIL|<http:\/\/evil/;

/** Every mrkdwn text (and message `text`) in `node` that holds live markup, with where it was. */
export function liveMarkupIn(node: unknown, where: string, found: string[]): void {
  if (Array.isArray(node)) {
    for (const [index, child] of node.entries()) liveMarkupIn(child, `${where}[${index}]`, found);
  } else if (node && typeof node === 'object') {
    const object = node as Record<string, unknown>;
    if (object.type === 'plain_text') return; // shown as typed by Slack itself
    for (const [key, value] of Object.entries(object)) {
      if (key === 'text' && typeof value === 'string') {
        if (LIVE.test(value)) found.push(`${where}: ${value}`);
      } else if (key !== 'private_metadata' && key !== 'value' && key !== 'metadata') liveMarkupIn(value, `${where}.${key}`, found);
    }
  }
}

/** Live markup in anything the bot said so far, plus `extra` (acknowledgements that replaced a modal). */
export async function liveMarkup(t: TestBot, ...extra: unknown[]): Promise<string[]> {
  await t.bot.idle();
  await t.bot.deps.delivery.drain();
  const found: string[] = [];
  for (const [index, response] of t.slack.responses.entries()) liveMarkupIn(response.body, `reply ${index}`, found);
  for (const [channel, messages] of t.slack.conversations) liveMarkupIn(messages, `posts in ${channel}`, found);
  for (const [id, view] of t.slack.views) liveMarkupIn(view.view, `modal ${id}`, found);
  for (const [user, view] of t.slack.homeViews) liveMarkupIn(view, `App Home of ${user}`, found);
  liveMarkupIn(extra, 'acknowledgements', found);
  return found;
}
