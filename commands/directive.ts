import type { BlockButtonAction, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { Store } from '../db/store';
import type { DirectiveRow } from '../db/store/directives';
import type { AppDeps } from '../src/deps';
import { parseDirectiveCommand, parseDirectiveQuery } from '../src/domain/directive-query';
import { LOCALES, type Locale } from '../src/i18n/messages';
import { readJson } from '../src/read-json';
import { escapeMrkdwn, mention } from '../src/views/blocks';
import { commonText } from '../src/views/common-text';
import { readDirectiveForm } from '../src/views/directive-form';
import { directiveText } from '../src/views/directive-text';
import {
  buildDirectiveModal,
  buildDirectiveNoMatch,
  buildDirectiveResults,
  buildDirectiveSaved,
  buildDirectiveUsage,
  buildSharedDirective,
  citeDirective,
  decodePage,
  type Message,
  PAGE_SIZE,
} from '../src/views/directives';
import { directiveIds } from '../src/views/ids';
import type { CommandContext, Feature, SubCommand, SubCommandHelp } from './feature';

const help = Object.fromEntries(
  LOCALES.map((locale) => {
    const text = directiveText[locale];
    return [locale, { usage: text.helpUsage, description: text.helpDescription, example: text.helpExample }];
  }),
) as Record<Locale, SubCommandHelp>;

const vanban: SubCommand = {
  name: 'vanban',
  aliases: ['văn bản', 'van ban', 'directive', 'directives'],
  help,
  audience: 'anyone',
  async run(context) {
    const { deps, caller, locale, respond } = context;
    const command = parseDirectiveCommand(context.args);
    switch (command.kind) {
      case 'usage':
        return respond(buildDirectiveUsage(locale, caller.isAdmin));
      case 'search':
        return respond(searchReply(deps.store, command.text, 0, locale));
      case 'editUsage':
        return respond({ text: caller.isAdmin ? directiveText[locale].editUsage : adminOnly(deps.store, locale) });
      case 'add':
        if (!caller.isAdmin) return respond({ text: adminOnly(deps.store, locale) });
        await openModal(context, buildDirectiveModal(locale, command.number ? { number: command.number } : {}));
        return;
      case 'edit':
        return editDirective(context, command.number);
    }
  },
};

async function editDirective(context: CommandContext, typed: string): Promise<void> {
  const { deps, caller, locale, respond } = context;
  if (!caller.isAdmin) return respond({ text: adminOnly(deps.store, locale) });
  const text = directiveText[locale];
  const exact = deps.store.directives.byNumber(typed);
  const found = exact ? [exact] : deps.store.directives.referredTo(parseDirectiveQuery(typed));
  if (found.length === 1) return openModal(context, buildDirectiveModal(locale, { directive: found[0]! }));
  if (found.length > 1)
    return respond({
      text: text.editAmbiguous(escapeMrkdwn(typed), found.map((directive) => escapeMrkdwn(citeDirective(directive))).join(', ')),
    });
  const query = parseDirectiveQuery(typed);
  return respond(
    buildDirectiveNoMatch(
      query,
      { numbers: deps.store.directives.suggestions(query).numbers },
      locale,
      text.editNotFound(escapeMrkdwn(typed)),
    ),
  );
}

async function openModal(context: CommandContext, view: ReturnType<typeof buildDirectiveModal>): Promise<void> {
  await context.client.views.open({ trigger_id: context.triggerId, view });
}

/** The reply to a search: one page of results, or what to try instead (also what bench/search.ts times). */
export function searchReply(store: Store, typed: string, offset: number, locale: Locale): Message {
  const query = parseDirectiveQuery(typed);
  let result = store.directives.search(query, { offset, limit: PAGE_SIZE });
  // A page past the end (the library shrank since the button was drawn): start again from the top.
  if (result.hits.length === 0 && offset > 0) result = store.directives.search(query, { offset: 0, limit: PAGE_SIZE });
  if (result.total === 0) return buildDirectiveNoMatch(query, store.directives.suggestions(query), locale);
  return buildDirectiveResults(query, result, locale, result.partial ? store.directives.suggestions(query).correctedQuery : undefined);
}

function adminOnly(store: Store, locale: Locale): string {
  return directiveText[locale].adminOnly(store.organisation.adminIds().map(mention).join(', '));
}

const modalMetadataSchema = z.object({ id: z.number().int().positive().optional() });

/** What the modal carries between opening and submission: the directive being edited, if any. */
function modalMetadata(privateMetadata: string): z.infer<typeof modalMetadataSchema> {
  return readJson(privateMetadata || '{}', modalMetadataSchema) ?? {};
}

type Refusal = { kind: 'taken'; directive: DirectiveRow } | { kind: 'gone' };
type SaveOutcome = { kind: 'saved'; directive: DirectiveRow; added: boolean } | { kind: 'repeat' } | Refusal;

/** Thrown inside the save transaction to roll it back (with its claim) and answer with field errors. */
class Refused extends Error {
  constructor(readonly outcome: Refusal) {
    super(outcome.kind);
  }
}

/** The fields an edit changed, before and after, for the audit log. */
function changes(before: DirectiveRow, after: DirectiveRow): Record<string, { from: unknown; to: unknown }> {
  const fields = ['number', 'kind', 'issuer', 'issuedOn', 'title', 'summary', 'url', 'tags'] as const;
  return Object.fromEntries(
    fields
      .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
      .map((field) => [field, { from: before[field], to: after[field] }]),
  );
}

async function submitDirective(deps: AppDeps, { ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction>): Promise<void> {
  const organisation = deps.store.organisation.get();
  const locale = organisation?.locale ?? 'vi';
  const text = directiveText[locale];
  const userId = body.user.id;
  // The modal only opens for admins, but a submission is its own request: check again.
  if (!deps.store.organisation.isAdmin(userId)) {
    await ack({ response_action: 'errors', errors: { [directiveIds.fields.number]: adminOnly(deps.store, locale) } });
    return;
  }
  const form = readDirectiveForm(view.state.values, locale);
  if (!form.ok) {
    await ack({ response_action: 'errors', errors: form.errors });
    return;
  }
  const editingId = modalMetadata(view.private_metadata).id;
  const now = deps.clock.now();
  let outcome: SaveOutcome;
  try {
    outcome = deps.store.transaction((tx): SaveOutcome => {
      // Claimed first, so that a retry of a submission that was saved is recognised as one; a
      // submission refused below rolls the claim back, so the corrected one can still be saved.
      if (!tx.events.claim(`view:${view.id}`, 'view_submission', now)) return { kind: 'repeat' };
      const taken = tx.directives.byNumber(form.input.number, editingId);
      if (taken) throw new Refused({ kind: 'taken', directive: taken });
      const before = editingId !== undefined ? tx.directives.byId(editingId) : undefined;
      if (editingId !== undefined && !before) throw new Refused({ kind: 'gone' });
      const directive = before ? tx.directives.update(before.id, form.input, userId, now) : tx.directives.add(form.input, userId, now);
      tx.audit.record({
        at: now,
        actorUserId: userId,
        actingAsAdmin: true,
        action: before ? 'directive.updated' : 'directive.added',
        entityType: 'directive',
        entityId: directive.id,
        details: before
          ? { number: directive.number, changes: changes(before, directive) }
          : { number: directive.number, input: form.input },
      });
      return { kind: 'saved', directive, added: !before };
    });
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    outcome = error.outcome;
  }
  switch (outcome.kind) {
    case 'taken':
      await ack({
        response_action: 'errors',
        errors: {
          [directiveIds.fields.number]: text.numberTaken(
            citeDirective(outcome.directive),
            outcome.directive.title,
            outcome.directive.number,
          ),
        },
      });
      return;
    case 'gone':
      await ack({ response_action: 'errors', errors: { [directiveIds.fields.number]: text.gone } });
      return;
    case 'repeat':
      await ack();
      return;
    case 'saved':
      await ack({
        response_action: 'update',
        view: buildDirectiveSaved(outcome.directive, outcome.added, outcome.directive.source === 'file', locale),
      });
  }
}

/** "Xem thêm", "Trang trước" and the suggestion buttons: search again and replace the results. */
async function turnPage(deps: AppDeps, { ack, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction>): Promise<void> {
  await ack();
  const organisation = deps.store.organisation.get();
  if (!organisation)
    return void (await respond({ response_type: 'ephemeral', replace_original: false, text: commonText.vi.noOrganisation }));
  const page = decodePage(action.value);
  if (!page) return;
  const reply = searchReply(deps.store, page.q, page.o, organisation.locale);
  await respond({ response_type: 'ephemeral', replace_original: true, text: reply.text, blocks: reply.blocks });
}

/** "Chia sẻ vào kênh": one result posted to the channel through the outbox, saying who shared it. */
async function shareDirective(deps: AppDeps, { ack, action, body, respond }: SlackActionMiddlewareArgs<BlockButtonAction>): Promise<void> {
  await ack();
  const organisation = deps.store.organisation.get();
  if (!organisation)
    return void (await respond({ response_type: 'ephemeral', replace_original: false, text: commonText.vi.noOrganisation }));
  const text = directiveText[organisation.locale];
  const directive = deps.store.directives.byId(Number(action.value));
  const channel = body.channel?.id ?? body.container?.channel_id;
  if (!directive || !channel) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: text.gone }));
  const userId = body.user.id;
  const message = buildSharedDirective(directive, userId, organisation.locale);
  deps.store.transaction((tx) =>
    deps.delivery.queue(tx, {
      key: `directive-share:${directive.id}:${channel}:${userId}:${action.action_ts}`,
      kind: 'directive_share',
      message: { channel, ...message },
    }),
  );
  deps.delivery.kick();
  await respond({ response_type: 'ephemeral', replace_original: false, text: text.shared(citeDirective(directive)) });
}

/**
 * The directive library: `/thidua vanban <từ khóa | số hiệu>` for anyone, its "Xem thêm" and
 * "Chia sẻ vào kênh" buttons, and the admins' add/edit modal (`vanban them`, `vanban sua <số>`).
 */
export const directiveFeature: Feature = {
  subCommands: [vanban],
  register(app, deps) {
    app.action<BlockButtonAction>(new RegExp(`^${directiveIds.searchActionPrefix}`), (args) => turnPage(deps, args));
    app.action<BlockButtonAction>(directiveIds.shareAction, (args) => shareDirective(deps, args));
    app.view<ViewSubmitAction>(directiveIds.editCallback, (args) => submitDirective(deps, args));
  },
};
