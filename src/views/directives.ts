import type { ActionsBlock, Button, KnownBlock, ModalView, PlainTextOption, SectionBlock } from '@slack/types';
import { z } from 'zod';
import { DIRECTIVE_KINDS, type DirectiveInput } from '../domain/directive';
import { type DirectiveQuery, isLittleWord, MAX_QUERY_LENGTH, matchesTerm } from '../domain/directive-query';
import { excerptAround, matchedSpans, type PhraseWords, renderSpans, type Span } from '../domain/highlight';
import { formatLocalDate } from '../i18n/format';
import type { Locale } from '../i18n/messages';
import { readJson } from '../read-json';
import { context, divider, escapeMrkdwn, link, mention, SECTION_TEXT_LIMIT, section, truncate } from './blocks';
import { directiveText } from './directive-text';
import { FIELD_LIMITS } from './field-limits';
import { directiveIds } from './ids';

/** A directive as the views show it (a db row fits). */
export type DirectiveFacts = DirectiveInput & { id: number };

export interface DirectiveResultsPage {
  hits: { directive: DirectiveFacts; replacement?: Pick<DirectiveFacts, 'kind' | 'number'> }[];
  total: number;
  offset: number;
  partial: boolean;
  numberMissing: boolean;
}

export interface Message {
  text: string;
  blocks: KnownBlock[];
}

/** Results shown at a time, in the first reply and after each "Xem thêm". */
export const PAGE_SIZE = 5;
const EXCERPT_LENGTH = 220;

/**
 * Where a search was made, as its buttons carry it: the conversation, and the seal of who searched
 * there (src/services/directives.ts), so that a share posts only there and only for them.
 */
export interface SearchPlace {
  channel: string;
  seal: string;
}

/** A channel a directive can be shared into: public (C…) or private (G…); never a DM. */
export const CHANNEL_ID = /^[CG][A-Z0-9]{2,20}$/;

/** What a search button carries: the query as typed, where the page starts, and the search's place when known. */
export const directivePageSchema = z.object({
  query: z.string().max(MAX_QUERY_LENGTH),
  offset: z.number().int().min(0),
  channel: z.string().regex(CHANNEL_ID).optional(),
  seal: z.string().max(64).optional(),
});
export type DirectivePage = z.infer<typeof directivePageSchema>;

/** What a share button carries: the directive and the place of the search it was shown in. */
export const shareValueSchema = z.object({
  directive: z.number().int().positive(),
  channel: z.string().regex(CHANNEL_ID),
  seal: z.string().max(64),
});

export function encodePage(page: DirectivePage): string {
  return JSON.stringify(page);
}

/** The page a button asked for, or undefined when its value is not one (never trust a payload). */
export function decodePage(value: string | undefined): DirectivePage | undefined {
  return readJson(value, directivePageSchema);
}

/** "Chỉ thị 34-CT/TW": how a directive is cited in text. */
export function citeDirective(directive: Pick<DirectiveFacts, 'kind' | 'number'>): string {
  return `${directive.kind} ${directive.number}`;
}

/** `/thidua vanban` with nothing after it: how to search, with the number forms that work. */
export function buildDirectiveUsage(locale: Locale, isAdmin: boolean): Message {
  const text = directiveText[locale];
  const lines = [text.usageTitle, text.usageExamples, text.usageTolerance, ...(isAdmin ? [text.usageAdmin] : [])];
  return { text: lines.join('\n'), blocks: [section(lines.join('\n'))] };
}

/**
 * One page of results: each with kind, number, date, issuer, title, link and an excerpt with the
 * matched words in bold; `correctedQuery` is offered when the results only match part of the query.
 * Each result has “Chia sẻ vào kênh” when the search's `place` is known, bound to it.
 */
export function buildDirectiveResults(
  query: DirectiveQuery,
  page: DirectiveResultsPage,
  locale: Locale,
  options: { correctedQuery?: string; place?: SearchPlace } = {},
): Message {
  const { correctedQuery, place } = options;
  const carried = place ?? {};
  const text = directiveText[locale];
  const from = page.offset + 1;
  const to = page.offset + page.hits.length;
  const heading = text.results(escapeMrkdwn(query.text), page.total, from, to);
  const blocks: KnownBlock[] = [section(heading)];
  if (page.partial)
    blocks.push(context([text.partial, ...(correctedQuery ? [text.didYouMean(escapeMrkdwn(correctedQuery))] : [])].join(' ')));
  else if (page.numberMissing && query.number && (query.number.kind || query.number.year || query.number.codes.length))
    blocks.push(context(text.numberMissing));
  page.hits.forEach(({ directive, replacement }, index) => {
    if (index > 0) blocks.push(divider());
    blocks.push(hitSection(directive, replacement, query, locale, place));
  });
  const pager: Button[] = [];
  if (page.offset > 0)
    pager.push(
      button(
        text.previous,
        directiveIds.previousAction,
        encodePage({ query: query.text, offset: Math.max(0, page.offset - PAGE_SIZE), ...carried }),
      ),
    );
  if (to < page.total) pager.push(button(text.more, directiveIds.moreAction, encodePage({ query: query.text, offset: to, ...carried })));
  if (page.partial && correctedQuery) pager.push(searchButton(correctedQuery, 0, place));
  if (pager.length) blocks.push(actions(directiveIds.pagerBlock, pager));
  blocks.push(context(text.privateNote));
  const plain = [
    heading,
    ...page.hits.map(({ directive, replacement }) => {
      const status = statusText(directive, replacement, locale);
      return escapeMrkdwn(`${citeDirective(directive)} — ${directive.title}${status ? ` (${status})` : ''}`);
    }),
  ].join('\n');
  return { text: plain, blocks };
}

/** Nothing found (`heading` says what): offer close numbers and a corrected query as buttons that search again. */
export function buildDirectiveNoMatch(
  query: DirectiveQuery,
  suggestions: { numbers: DirectiveFacts[]; correctedQuery?: string },
  locale: Locale,
  options: { heading?: string; place?: SearchPlace } = {},
): Message {
  const { heading, place } = options;
  const text = directiveText[locale];
  const lines = [heading ?? text.noMatch(escapeMrkdwn(query.text))];
  if (suggestions.numbers.length) {
    lines.push(
      text.closeNumbers,
      ...suggestions.numbers.map(
        (directive) => `• *${escapeMrkdwn(citeDirective(directive))}* — ${escapeMrkdwn(truncate(directive.title, 120))}`,
      ),
    );
  }
  if (suggestions.correctedQuery) lines.push(text.didYouMean(escapeMrkdwn(suggestions.correctedQuery)));
  const blocks: KnownBlock[] = [section(lines.join('\n'))];
  const searches = [
    ...suggestions.numbers.map((directive) => directive.number),
    ...(suggestions.correctedQuery ? [suggestions.correctedQuery] : []),
  ].slice(0, 5);
  if (searches.length) {
    blocks.push(
      actions(
        directiveIds.suggestionsBlock,
        searches.map((search, index) => searchButton(search, index, place)),
      ),
    );
  }
  blocks.push(context(text.noMatchTip));
  return { text: lines.join('\n'), blocks };
}

/** One directive as posted to a channel by "Chia sẻ vào kênh", saying who shared it. */
export function buildSharedDirective(
  directive: DirectiveFacts,
  sharedBy: string,
  locale: Locale,
  replacement?: Pick<DirectiveFacts, 'kind' | 'number'>,
): Message {
  const text = directiveText[locale];
  const body = fitSection(
    () => [
      citationLine(directive, locale),
      statusLine(directive, replacement, locale),
      escapeMrkdwn(directive.title),
      directive.summary ? escapeMrkdwn(truncate(directive.summary, 500)) : undefined,
      directive.tags.length ? `${text.tagsLabel}: ${escapeMrkdwn(directive.tags.join(', '))}` : undefined,
      ...linkLine(directive, locale),
    ],
    ...shortLayouts(directive, replacement, locale),
  );
  return {
    text: text.sharedText(mention(sharedBy), escapeMrkdwn(citeDirective(directive)), escapeMrkdwn(directive.title)),
    blocks: [section(body), context(text.sharedBy(mention(sharedBy)))],
  };
}

/** The add/edit modal; `directive` pre-fills it for an edit (its id travels in private_metadata), `number` a new one's number. */
export function buildDirectiveModal(locale: Locale, prefill: { directive?: DirectiveFacts; number?: string }): ModalView {
  const directive = prefill.directive;
  const text = directiveText[locale];
  const fields = directiveIds.fields;
  const input = directiveIds.inputAction;
  const kindOption = (kind: string): PlainTextOption => ({ text: { type: 'plain_text', text: kind }, value: kind });
  const otherOption: PlainTextOption = { text: { type: 'plain_text', text: text.otherKind }, value: directiveIds.otherKindValue };
  const knownKind = directive !== undefined && (DIRECTIVE_KINDS as readonly string[]).includes(directive.kind);
  const plain = (
    blockId: string,
    label: string,
    options: { initial?: string | null; optional?: boolean; multiline?: boolean; maxLength: number; hint?: string; placeholder?: string },
  ): KnownBlock => ({
    type: 'input',
    block_id: blockId,
    label: { type: 'plain_text', text: label },
    optional: options.optional ?? false,
    ...(options.hint ? { hint: { type: 'plain_text', text: options.hint } } : {}),
    element: {
      type: 'plain_text_input',
      action_id: input,
      multiline: options.multiline ?? false,
      max_length: options.maxLength,
      ...(options.initial ? { initial_value: options.initial } : {}),
      ...(options.placeholder ? { placeholder: { type: 'plain_text', text: options.placeholder } } : {}),
    },
  });
  return {
    type: 'modal',
    callback_id: directiveIds.editCallback,
    private_metadata: JSON.stringify(directive ? { id: directive.id } : {}),
    title: { type: 'plain_text', text: directive ? text.modalEdit : text.modalAdd },
    submit: { type: 'plain_text', text: text.save },
    close: { type: 'plain_text', text: text.cancel },
    blocks: [
      plain(fields.number, text.fieldNumber, {
        initial: directive?.number ?? prefill.number ?? null,
        maxLength: FIELD_LIMITS.directiveNumber,
        hint: text.fieldNumberHint,
      }),
      {
        type: 'input',
        block_id: fields.kind,
        label: { type: 'plain_text', text: text.fieldKind },
        element: {
          type: 'static_select',
          action_id: input,
          placeholder: { type: 'plain_text', text: text.choose },
          options: [...DIRECTIVE_KINDS.map(kindOption), otherOption],
          ...(directive ? { initial_option: knownKind ? kindOption(directive.kind) : otherOption } : {}),
        },
      },
      plain(fields.kindOther, text.fieldKindOther, {
        initial: knownKind ? null : (directive?.kind ?? null),
        optional: true,
        maxLength: FIELD_LIMITS.directiveKind,
        hint: text.fieldKindOtherHint,
      }),
      plain(fields.issuer, text.fieldIssuer, {
        initial: directive?.issuer,
        maxLength: FIELD_LIMITS.directiveIssuer,
        placeholder: text.fieldIssuerPlaceholder,
      }),
      {
        type: 'input',
        block_id: fields.issuedOn,
        label: { type: 'plain_text', text: text.fieldIssuedOn },
        element: { type: 'datepicker', action_id: input, ...(directive ? { initial_date: directive.issuedOn } : {}) },
      },
      plain(fields.title, text.fieldTitle, { initial: directive?.title, multiline: true, maxLength: FIELD_LIMITS.directiveTitle }),
      plain(fields.summary, text.fieldSummary, {
        initial: directive?.summary,
        optional: true,
        multiline: true,
        maxLength: FIELD_LIMITS.directiveSummary,
      }),
      // A plain input rather than url_text_input, which takes no max_length: the address is checked on submission.
      plain(fields.url, text.fieldUrl, {
        initial: directive?.url,
        optional: true,
        maxLength: FIELD_LIMITS.directiveUrl,
        placeholder: 'https://',
      }),
      plain(fields.tags, text.fieldTags, {
        initial: directive?.tags.join(', '),
        optional: true,
        maxLength: FIELD_LIMITS.directiveTags,
        hint: text.fieldTagsHint,
      }),
      {
        type: 'input',
        block_id: fields.expiredOn,
        label: { type: 'plain_text', text: text.fieldExpiredOn },
        optional: true,
        element: { type: 'datepicker', action_id: input, ...(directive?.expiredOn ? { initial_date: directive.expiredOn } : {}) },
      },
      plain(fields.replacedBy, text.fieldReplacedBy, {
        initial: directive?.replacedBy ?? null,
        optional: true,
        maxLength: FIELD_LIMITS.directiveNumber,
        hint: text.fieldReplacedByHint,
      }),
    ],
  };
}

/** What the modal turns into once saved. */
export function buildDirectiveSaved(directive: DirectiveFacts, added: boolean, fromFile: boolean, locale: Locale): ModalView {
  const text = directiveText[locale];
  const cited = citeDirective(directive);
  return {
    type: 'modal',
    title: { type: 'plain_text', text: added ? text.modalAdd : text.modalEdit },
    close: { type: 'plain_text', text: text.close },
    blocks: [
      section(`${added ? text.added(escapeMrkdwn(cited)) : text.updated(escapeMrkdwn(cited))}\n${escapeMrkdwn(directive.title)}`),
      ...(fromFile ? [context(text.fromFile)] : []),
      context(text.searchAgain(escapeMrkdwn(directive.number))),
    ],
  };
}

function hitSection(
  directive: DirectiveFacts,
  replacement: Pick<DirectiveFacts, 'kind' | 'number'> | undefined,
  query: DirectiveQuery,
  locale: Locale,
  place: SearchPlace | undefined,
): SectionBlock {
  const text = directiveText[locale];
  const body = fitSection(
    () => [
      citationLine(directive, locale),
      statusLine(directive, replacement, locale),
      renderSpans(directive.title, highlightsIn(directive.title, query), escapeMrkdwn, bold),
      excerptLine(directive, query, locale),
      ...linkLine(directive, locale),
    ],
    ...shortLayouts(directive, replacement, locale),
  );
  const share = place ? JSON.stringify({ directive: directive.id, channel: place.channel, seal: place.seal }) : undefined;
  return {
    ...section(body, directiveIds.hitBlock(directive.id)),
    ...(share ? { accessory: button(text.share, directiveIds.shareAction, share) } : {}),
  };
}

/** Shorter and shorter layouts for a directive whose title, issuer and link are all very long; whether it is in force is never cut. */
function shortLayouts(
  directive: DirectiveFacts,
  replacement: Pick<DirectiveFacts, 'kind' | 'number'> | undefined,
  locale: Locale,
): (() => (string | undefined)[])[] {
  const brief = { ...directive, issuer: truncate(directive.issuer, 60) };
  const status = statusLine(directive, replacement, locale);
  const briefStatus = statusLine(directive, replacement, locale, 40);
  return [
    () => [citationLine(directive, locale), status, escapeMrkdwn(truncate(directive.title, 300)), ...linkLine(directive, locale)],
    () => [citationLine(brief, locale), briefStatus, escapeMrkdwn(truncate(directive.title, 100)), ...linkLine(directive, locale)],
    () => [citationLine(brief, locale), briefStatus, escapeMrkdwn(truncate(directive.title, 100))],
  ];
}

/**
 * "Hết hiệu lực từ 01/07/2025; thay thế bởi Nghị định 152/2025/NĐ-CP": said on every hit of a
 * directive with an expiry date (a coming one too) or a replacement; the replacement is cited with
 * its kind when the library holds it, else by its number as written.
 */
function statusText(
  directive: Pick<DirectiveFacts, 'expiredOn' | 'replacedBy'>,
  replacement: Pick<DirectiveFacts, 'kind' | 'number'> | undefined,
  locale: Locale,
  numberLength = 100,
): string | undefined {
  const text = directiveText[locale];
  const number = replacement?.number ?? directive.replacedBy;
  const replacedBy = number
    ? replacement
      ? citeDirective({ kind: replacement.kind, number: truncate(number, numberLength) })
      : truncate(number, numberLength)
    : null;
  if (directive.expiredOn) return text.expired(formatLocalDate(directive.expiredOn, locale), replacedBy);
  return replacedBy ? text.replacedOnly(replacedBy) : undefined;
}

/** The status in italics; `numberLength` shortens the replacement's number for the short layouts. */
function statusLine(
  directive: Pick<DirectiveFacts, 'expiredOn' | 'replacedBy'>,
  replacement: Pick<DirectiveFacts, 'kind' | 'number'> | undefined,
  locale: Locale,
  numberLength?: number,
): string | undefined {
  const status = statusText(directive, replacement, locale, numberLength);
  return status ? `_${escapeMrkdwn(status)}_` : undefined;
}

/**
 * A section's text from the first layout that fits Slack's limit, so that truncation (the last
 * resort, in section()) never cuts a link or a bold mark in two: the full one, else a short one.
 */
function fitSection(...layouts: (() => (string | undefined)[])[]): string {
  let body = '';
  for (const layout of layouts) {
    body = layout()
      .filter((line) => line !== undefined)
      .join('\n');
    if (body.length <= SECTION_TEXT_LIMIT) return body;
  }
  return body;
}

/** Little words join highlighted words into phrases; those the person typed also extend them. */
function phraseWords(query: DirectiveQuery): PhraseWords {
  return { joins: isLittleWord, extends: (word) => isLittleWord(word) && query.words.includes(word) };
}

/**
 * The spans worth bold: with several words typed, the phrases (two matched words or more) and
 * numbers — a lone "thi" in "thi hành" is a match of folding, not of meaning.
 */
function highlightsIn(original: string, query: DirectiveQuery): Span[] {
  const spans = matchedSpans(original, (word) => matchesTerm(query, word), phraseWords(query));
  return query.highlights.length < 2 ? spans : spans.filter((span) => span.matched >= 2 || /\d/.test(original.slice(span.start, span.end)));
}

/** The summary around its first highlight; else the tags when they have one; else the start of the summary. */
function excerptLine(directive: DirectiveFacts, query: DirectiveQuery, locale: Locale): string | undefined {
  const render = (original: string, spans: Span[]) => {
    const excerpt = excerptAround(original, spans, EXCERPT_LENGTH);
    return `${excerpt.cutBefore ? '…' : ''}${renderSpans(excerpt.text, excerpt.spans, escapeMrkdwn, bold)}${excerpt.cutAfter ? '…' : ''}`;
  };
  const summary = directive.summary ?? '';
  const inSummary = highlightsIn(summary, query);
  if (inSummary.length) return `> ${render(summary, inSummary)}`;
  const tags = directive.tags.join(', ');
  const inTags = highlightsIn(tags, query);
  if (inTags.length) return `${directiveText[locale].tagsLabel}: ${render(tags, inTags)}`;
  return summary ? `> ${render(summary, [])}` : undefined;
}

function bold(escaped: string): string {
  return `*${escaped}*`;
}

/** "*Chỉ thị 34-CT/TW* · 07/04/2014 · Bộ Chính trị" */
function citationLine(directive: DirectiveFacts, locale: Locale): string {
  return `*${escapeMrkdwn(citeDirective(directive))}* · ${formatLocalDate(directive.issuedOn, locale)} · ${escapeMrkdwn(directive.issuer)}`;
}

function linkLine(directive: DirectiveFacts, locale: Locale): string[] {
  return directive.url ? [link(directive.url, directiveText[locale].fullText)] : [];
}

/** A button that searches for `search` (a suggested number or a corrected query). */
function searchButton(search: string, index: number, place: SearchPlace | undefined): Button {
  const carried = place ?? {};
  return button(
    truncate(search, 75),
    directiveIds.suggestionAction(index),
    encodePage({ query: search.slice(0, MAX_QUERY_LENGTH), offset: 0, ...carried }),
  );
}

function button(label: string, actionId: string, value: string): Button {
  return { type: 'button', text: { type: 'plain_text', text: label }, action_id: actionId, value };
}

function actions(blockId: string, elements: Button[]): ActionsBlock {
  return { type: 'actions', block_id: blockId, elements };
}
