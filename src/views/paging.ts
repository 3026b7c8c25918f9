import type { ActionsBlock, ContextBlock } from '@slack/types';
import type { PageWindow } from '../domain/pagination';
import { defineMessages, type Locale } from '../i18n/messages';
import { context } from './blocks';

const pagingText = defineMessages(
  {
    previous: 'Trang trước',
    next: 'Trang sau',
    page: (page: number, count: number) => `Trang ${page}/${count}`,
  },
  {
    previous: 'Previous page',
    next: 'Next page',
    page: (page: number, count: number) => `Page ${page} of ${count}`,
  },
);

/**
 * "Trang 2/4" and the Previous / Next buttons under a long ephemeral table; nothing when it has one
 * page. Each button's value is what its handler needs to draw that page.
 */
export function pageControls(
  window: Pick<PageWindow, 'page' | 'pageCount'>,
  ids: { previous: string; next: string; block: string },
  pageValue: (page: number) => string,
  locale: Locale,
): (ActionsBlock | ContextBlock)[] {
  if (window.pageCount <= 1) return [];
  const text = pagingText[locale];
  const buttons: ActionsBlock['elements'] = [];
  if (window.page > 0)
    buttons.push({
      type: 'button',
      action_id: ids.previous,
      text: { type: 'plain_text', text: text.previous },
      value: pageValue(window.page - 1),
    });
  if (window.page < window.pageCount - 1)
    buttons.push({ type: 'button', action_id: ids.next, text: { type: 'plain_text', text: text.next }, value: pageValue(window.page + 1) });
  return [context(text.page(window.page + 1, window.pageCount)), { type: 'actions', block_id: ids.block, elements: buttons }];
}
