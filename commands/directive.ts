import type {
  AllMiddlewareArgs,
  BlockButtonAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import { z } from 'zod';
import type { Store } from '../db/store';
import { parseDirectiveCommand, parseDirectiveQuery } from '../src/domain/directive-query';
import { formatDateTime } from '../src/i18n/format';
import { defineMessages, type Locale } from '../src/i18n/messages';
import { readJson } from '../src/read-json';
import { identifyCaller, isMember } from '../src/services/caller';
import type { AppDeps } from '../src/services/deps';
import { directivesToday, saveDirective, searchDirectives, searchPlace, shareDirective, verifiedPlace } from '../src/services/directives';
import { localeOf } from '../src/services/people';
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
  citeDirective,
  decodePage,
  type Message,
  type SearchPlace,
} from '../src/views/directives';
import { directiveIds } from '../src/views/ids';
import type { CommandContext, Feature, SubCommand } from './shared/feature';
import { ephemeral, notInOrganisation } from './shared/replies';

const directiveHelp = defineMessages(
  {
    usage: '/thidua vanban <từ khóa | số hiệu>',
    description:
      'Tra cứu văn bản chỉ đạo (chỉ thị, nghị quyết, luật, nghị định, kế hoạch, công văn …) theo số hiệu hoặc từ khóa, gõ có dấu hay không dấu đều được. Quản trị viên thêm văn bản bằng `/thidua vanban them`, sửa bằng `/thidua vanban sua <số hiệu>`.',
    example: '/thidua vanban chi thi 34',
  },
  {
    usage: '/thidua vanban <keywords | number>',
    description:
      'Look up directives (Party directives, resolutions, laws, decrees, plans, dispatches …) by number or keywords, with or without Vietnamese accents. Admins add one with `/thidua vanban them` and edit one with `/thidua vanban sua <number>`.',
    example: '/thidua vanban chi thi 34',
  },
);

const vanban: SubCommand = {
  name: 'vanban',
  aliases: ['văn bản', 'van ban', 'directive', 'directives'],
  help: directiveHelp,
  audience: 'anyone',
  async run(context) {
    const { deps, caller, locale, respond } = context;
    const command = parseDirectiveCommand(context.args);
    switch (command.kind) {
      case 'usage':
        return respond(buildDirectiveUsage(locale, caller.isAdmin));
      case 'search':
        return respond(
          searchReply(deps.store, command.text, 0, locale, directivesToday(deps), searchPlace(deps.seal, caller.userId, context.channelId)),
        );
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
  const found = exact ? [exact] : deps.store.directives.referredTo(parseDirectiveQuery(typed), directivesToday(deps));
  if (found.length === 1) return openModal(context, buildDirectiveModal(locale, { directive: found[0]! }));
  if (found.length > 1)
    return respond({
      text: text.editAmbiguous(escapeMrkdwn(typed), found.map((directive) => escapeMrkdwn(citeDirective(directive))).join(', ')),
    });
  const query = parseDirectiveQuery(typed);
  return respond(
    buildDirectiveNoMatch(query, { numbers: deps.store.directives.suggestions(query).numbers }, locale, {
      heading: text.editNotFound(escapeMrkdwn(typed)),
      ...withPlace(searchPlace(deps.seal, caller.userId, context.channelId)),
    }),
  );
}

async function openModal(context: CommandContext, view: ReturnType<typeof buildDirectiveModal>): Promise<void> {
  await context.client.views.open({ trigger_id: context.triggerId, view });
}

/**
 * The reply to a search: one page of results, or what to try instead (also what bench/search.ts
 * times). `today` tells documents in force from expired ones. With the search's `place`, each result
 * can be shared into that conversation.
 */
export function searchReply(store: Store, typed: string, offset: number, locale: Locale, today: string, place?: SearchPlace): Message {
  const found = searchDirectives(store, typed, offset, today);
  if (found.kind === 'none') return buildDirectiveNoMatch(found.query, found.suggestions, locale, withPlace(place));
  return buildDirectiveResults(found.query, found.result, locale, {
    ...withPlace(place),
    ...(found.correctedQuery !== undefined ? { correctedQuery: found.correctedQuery } : {}),
  });
}

function withPlace(place: SearchPlace | undefined): { place?: SearchPlace } {
  return place ? { place } : {};
}

function adminOnly(store: Store, locale: Locale): string {
  return directiveText[locale].adminOnly(store.organisation.adminIds().map(mention).join(', '));
}

/** What the modal carries between opening and submission: the directive being edited, if any. */
const modalMetadataSchema = z.object({ id: z.number().int().positive().optional() });

async function submitDirective(deps: AppDeps, { ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction>): Promise<void> {
  const locale = localeOf(deps, body.user.id);
  const text = directiveText[locale];
  const userId = body.user.id;
  const numberError = (message: string) => ack({ response_action: 'errors', errors: { [directiveIds.fields.number]: message } });
  // The modal only opens for admins, but a submission is its own request: check again.
  if (!deps.store.organisation.isAdmin(userId)) return numberError(adminOnly(deps.store, locale));
  const form = readDirectiveForm(view.state.values, locale);
  if (!form.ok) return ack({ response_action: 'errors', errors: form.errors });
  const editingId = readJson(view.private_metadata || '{}', modalMetadataSchema)?.id;
  const outcome = saveDirective(deps, { userId, viewId: view.id, input: form.input, ...(editingId !== undefined ? { editingId } : {}) });
  switch (outcome.kind) {
    case 'taken':
      return numberError(text.numberTaken(citeDirective(outcome.directive), outcome.directive.title, outcome.directive.number));
    case 'gone':
      return numberError(text.gone);
    case 'repeat':
      return ack();
    case 'saved':
      return ack({
        response_action: 'update',
        view: buildDirectiveSaved(outcome.directive, outcome.added, outcome.directive.source === 'file', locale),
      });
  }
}

/** "Xem thêm", "Trang trước" and the suggestion buttons: search again and replace the results. */
async function turnPage(deps: AppDeps, { ack, action, body, respond }: SlackActionMiddlewareArgs<BlockButtonAction>): Promise<void> {
  await ack();
  const organisation = deps.store.organisation.get();
  if (!organisation) return ephemeral(respond)(commonText.vi.noOrganisation);
  const page = decodePage(action.value);
  const locale = localeOf(deps, body.user.id);
  if (!page) return ephemeral(respond)(commonText[locale].staleButton);
  // The search's place carries on only when sealed for whoever pressed: else the page has no share buttons.
  const reply = searchReply(
    deps.store,
    page.query,
    page.offset,
    locale,
    directivesToday(deps),
    verifiedPlace(deps.seal, body.user.id, page),
  );
  await respond({ response_type: 'ephemeral', replace_original: true, text: reply.text, blocks: reply.blocks });
}

/** "Chia sẻ vào kênh": the directive posted where the search was made (src/services/directives.ts), or why not. */
async function share(
  deps: AppDeps,
  { ack, action, body, client, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs,
): Promise<void> {
  await ack();
  const say = ephemeral(respond);
  const organisation = deps.store.organisation.get();
  if (!organisation) return say(commonText.vi.noOrganisation);
  const { locale } = organisation;
  if (!isMember(identifyCaller(deps.store, organisation, body.user.id, deps.clock.now())))
    return say(notInOrganisation(deps, organisation));
  const outcome = await shareDirective(deps, client, { userId: body.user.id, value: action.value, locale });
  const text = directiveText[locale];
  switch (outcome.kind) {
    case 'stale':
      return say(commonText[locale].staleButton);
    case 'gone':
      return say(text.gone);
    case 'not_in_conversation':
      return say(text.notInConversation);
    case 'unverified':
      deps.logger.warn(`directive share by ${body.user.id}: Slack could not list the conversation's members (${outcome.reason})`);
      return say(text.membershipUnknown);
    case 'already':
      return say(text.alreadyShared(formatDateTime(outcome.at, organisation.timeZone, locale)));
    case 'shared':
      return say(text.shared(escapeMrkdwn(citeDirective(outcome.directive))));
  }
}

/**
 * The directive library: `/thidua vanban <từ khóa | số hiệu>` for anyone, its "Xem thêm" and
 * "Chia sẻ vào kênh" buttons, and the admins' add/edit modal (`vanban them`, `vanban sua <số>`).
 */
export const directiveFeature: Feature = {
  subCommands: [vanban],
  register(app, deps) {
    app.action<BlockButtonAction>(new RegExp(`^${directiveIds.searchActionPrefix}`), (args) => turnPage(deps, args));
    app.action<BlockButtonAction>(directiveIds.shareAction, (args) => share(deps, args));
    app.view<ViewSubmitAction>(directiveIds.editCallback, (args) => submitDirective(deps, args));
  },
};
