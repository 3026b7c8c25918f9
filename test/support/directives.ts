import type { DirectiveInput } from '../../src/domain/directive';
import { textOf } from './bot';

/** A directive to store, with what the test does not care about filled in. */
export function directiveInput(number: string, overrides: Partial<DirectiveInput> = {}): DirectiveInput {
  return {
    number,
    kind: 'Quyết định',
    issuer: 'UBND tỉnh Vĩnh Phúc',
    issuedOn: '2021-01-05',
    title: 'Về việc khen thưởng',
    summary: null,
    url: null,
    tags: [],
    expiredOn: null,
    replacedBy: null,
    ...overrides,
  };
}

export type DirectiveReply = Record<string, unknown> & { blocks?: Record<string, unknown>[] };

/** The results' sections of a `vanban` reply, in order, as text (one per directive shown). */
export function hitsOf(reply: DirectiveReply): string[] {
  return (reply.blocks ?? []).filter((block) => String(block.block_id ?? '').startsWith('directive_hit:')).map((block) => textOf(block));
}
