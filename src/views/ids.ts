/**
 * Every callback_id, block_id and action_id the bot uses, in one place, so a handler and the view
 * it answers can never drift apart. One section per feature.
 */

// ── Directives (commands/directive.ts, src/views/directives.ts) ─────────────────────────────

export const directiveIds = {
  /** Every search button (more, previous, a suggestion) starts with this; its value is a DirectivePage. */
  searchActionPrefix: 'directive_search:',
  moreAction: 'directive_search:more',
  previousAction: 'directive_search:previous',
  suggestionAction: (index: number) => `directive_search:suggest:${index}`,
  /** The button under one result; its value is the directive id. */
  shareAction: 'directive_share',
  hitBlock: (directiveId: number) => `directive_hit:${directiveId}`,
  pagerBlock: 'directive_pager',
  suggestionsBlock: 'directive_suggestions',
  /** The add/edit modal and its inputs (block ids; each input's action id is `value`). */
  editCallback: 'directive_edit',
  inputAction: 'value',
  fields: {
    number: 'directive_number',
    kind: 'directive_kind',
    issuer: 'directive_issuer',
    issuedOn: 'directive_issued_on',
    title: 'directive_title',
    summary: 'directive_summary',
    url: 'directive_url',
    tags: 'directive_tags',
  },
} as const;
