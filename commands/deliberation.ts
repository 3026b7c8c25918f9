import type { BlockAction, ButtonAction, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { formatDateTime } from '../src/i18n/format';
import { defineMessages } from '../src/i18n/messages';
import { identifyCaller, leadsBlock } from '../src/services/caller';
import type { AppDeps } from '../src/services/deps';
import { localeOf } from '../src/services/people';
import { ballotForm, castBallot } from '../src/services/year-end/ballot';
import { closeDeliberation, type Deliberation, deliberationOf, openDeliberation } from '../src/services/year-end/deliberation';
import { requestDocument } from '../src/services/year-end/documents';
import type { YearEndDocument } from '../src/standings/year-end-documents';
import { ballotErrors, buildBallotClosedView, buildBallotModal, buildReceiptView } from '../src/views/ballot-modal';
import { escapeMrkdwn } from '../src/views/blocks';
import { commonText } from '../src/views/common-text';
import { buildQuorumPost, buildStatusReply } from '../src/views/deliberation';
import { buildNotOpenedReply, deliberationReplyText, periodsWithDue, reportsAwaiting } from '../src/views/deliberation-replies';
import { deliberationIds } from '../src/views/ids';
import type { CommandContext, Feature, Reply, SubCommand } from './shared/feature';
import type { ListenerApp } from './shared/listeners';
import { pressedBy } from './shared/openers';
import { ephemeral } from './shared/replies';
import { argsText, scopeOf } from './shared/scope';

/**
 * The block's year-end deliberation: `/thidua binhxet [khối] [năm]` opens it (the block's lead of the
 * year, or an admin) or shows how far it is; “Bỏ phiếu” opens the secret ballot of the presser's unit;
 * “Kết thúc bỏ phiếu” closes it (with the quorum) for the lead; “Biên bản” / “Tờ trình” send the
 * documents to the presser's DM. The rules are src/services/year-end/.
 */
const help = defineMessages(
  {
    usage: '/thidua binhxet [khối] [năm]',
    description:
      'Bình xét thi đua cuối năm: Trưởng khối (hoặc quản trị viên) mở bình xét, bot đăng kết quả năm và danh sách đề nghị khen thưởng vào kênh của khối; mỗi đơn vị thành viên bỏ một phiếu kín; Trưởng khối kết thúc bỏ phiếu, bot đăng kết quả và gửi biên bản, tờ trình (DOCX). Gõ lại để xem tình hình bỏ phiếu.',
    example: '/thidua binhxet noi chinh 2021',
  },
  {
    usage: '/thidua deliberation [block] [year]',
    description:
      "The year-end deliberation: the block lead (or an admin) opens it and the bot posts the year's results and the proposal list in the block's channel; each member unit casts one secret ballot; the lead closes the vote, the bot posts the result and sends the minutes and the proposal (DOCX). Type it again to see how the vote stands.",
    example: '/thidua deliberation noi chinh 2021',
  },
);

const idSchema = z.object({ deliberationId: z.number().int() });
const openSchema = z.object({ blockId: z.number().int(), year: z.number().int() });

/** The status reply of an existing deliberation, as the caller may act on it. */
function status(deps: AppDeps, context: Pick<CommandContext, 'caller' | 'organisation' | 'locale'>, deliberation: Deliberation) {
  const { row, opening, decision } = deliberation;
  const own = context.caller.unit ? opening.members.find((member) => member.id === context.caller.unit!.id) : undefined;
  const ballot = own ? deps.store.deliberations.ballot(row.id, own.id) : undefined;
  return buildStatusReply(
    {
      deliberationId: row.id,
      opening,
      ...(decision ? { decision } : {}),
      voters: deps.store.deliberations.voters(row.id),
      ...(own && !decision ? { own: { unitName: own.name, ...(ballot ? { votedAt: ballot.castAt } : {}) } } : {}),
      canClose: !decision && leadsBlock(deps.store, context.caller, row.blockId, row.year).allowed,
      zone: context.organisation.timeZone,
    },
    context.locale,
  );
}

/** Opens the block's deliberation for the year (the lead or an admin), or says why not: the reply. */
function openingReply(context: Pick<CommandContext, 'deps' | 'caller' | 'organisation' | 'locale'>, blockId: number, year: number): Reply {
  const { deps, caller, locale, organisation } = context;
  const text = deliberationReplyText[locale];
  const outcome = openDeliberation(deps, caller, blockId, year);
  switch (outcome.kind) {
    case 'refused':
      return { text: text.refused(year, outcome.lead ? text.theLead(escapeMrkdwn(outcome.lead.name)) : text.theLeadUnknown) };
    case 'no_periods':
      return { text: argsText[locale].noPeriods(year) };
    case 'no_results':
      return { text: text.noResults(year) };
    case 'not_over':
      return { text: text.notOver(periodsWithDue(outcome.periods, organisation.timeZone, locale)) };
    case 'not_reviewed':
      return { text: text.notReviewed(reportsAwaiting(outcome.reports, locale)) };
    case 'exists':
      return status(deps, context, outcome.deliberation);
    case 'opened':
      return { text: text.opened(year, outcome.deliberation.opening.block.channelId) };
  }
}

const binhxet: SubCommand = {
  name: 'binhxet',
  aliases: ['bình xét', 'binh xet', 'suy tôn', 'suy ton', 'deliberation'],
  help,
  async run(context) {
    const { deps, locale, respond } = context;
    const resolved = deps.store.readOnce(() => scopeOf(context, { command: 'binhxet', allowRest: false }));
    if ('reply' in resolved) return respond(resolved.reply);
    const { scope } = resolved;
    const existing = deliberationOf(deps.store, scope.block.id, scope.year.year);
    if (existing) return respond(status(deps, context, existing));
    if (context.showOnly)
      return respond(buildNotOpenedReply({ blockId: scope.block.id, blockName: scope.block.name, year: scope.year.year }, locale));
    return respond(openingReply(context, scope.block.id, scope.year.year));
  },
};

/** The ballot's answers as Slack sends them: a radio per proposal, two selects, the change code. */
function answersOf(view: ViewSubmitAction['view']) {
  const values = view.state.values;
  const picked = (blockId: string) => values[blockId]?.[deliberationIds.inputAction]?.selected_option?.value ?? undefined;
  const proposals = Object.keys(values).filter((blockId) => blockId.startsWith(deliberationIds.proposalBlockPrefix));
  return {
    viewId: view.id,
    metadata: view.private_metadata,
    answers: proposals.map((_, index) => picked(`${deliberationIds.proposalBlockPrefix}${index}`)),
    lead: picked(deliberationIds.leadBlock),
    deputy: picked(deliberationIds.deputyBlock),
    code: values[deliberationIds.codeBlock]?.[deliberationIds.inputAction]?.value ?? undefined,
  };
}

export const deliberationFeature: Feature = {
  subCommands: [binhxet],
  register(app: ListenerApp, deps: AppDeps) {
    app.action<BlockAction<ButtonAction>>(deliberationIds.voteAction, async ({ ack, action, body, client, respond }) => {
      await ack();
      const pressed = await pressedBy(deps, body.user.id, action.value, idSchema, respond);
      if (!pressed) return;
      const { organisation, caller, value, locale } = pressed;
      const text = deliberationReplyText[locale];
      const form = ballotForm(deps, caller, value.deliberationId);
      if (form.kind !== 'form')
        return ephemeral(respond)(
          form.kind === 'gone' ? commonText[locale].gone : form.kind === 'closed' ? text.voteClosed : text.notMember,
        );
      await client.views.open({
        trigger_id: body.trigger_id,
        view: buildBallotModal({ ...form, zone: organisation.timeZone }, locale),
      });
    });

    app.action<BlockAction<ButtonAction>>(deliberationIds.openAction, async ({ ack, action, body, respond }) => {
      await ack();
      const pressed = await pressedBy(deps, body.user.id, action.value, openSchema, respond);
      if (!pressed) return;
      await ephemeral(respond)(openingReply({ deps, ...pressed }, pressed.value.blockId, pressed.value.year));
    });

    app.view<ViewSubmitAction>(deliberationIds.ballotCallback, async ({ ack, body, view }) => {
      const organisation = deps.store.organisation.get();
      if (!organisation) return ack();
      const locale = localeOf(deps, body.user.id);
      const caller = identifyCaller(deps.store, organisation, body.user.id, deps.clock.now());
      const outcome = castBallot(deps, caller, answersOf(view));
      switch (outcome.kind) {
        case 'invalid':
          return ack({ response_action: 'errors', errors: ballotErrors(outcome.problems, locale) });
        case 'duplicate':
          return ack();
        case 'cast':
          return ack({ response_action: 'update', view: buildReceiptView(outcome, locale) });
        default:
          return ack({ response_action: 'update', view: buildBallotClosedView(locale) });
      }
    });

    app.action<BlockAction<ButtonAction>>(deliberationIds.closeAction, async ({ ack, action, body, respond }) => {
      await ack();
      const pressed = await pressedBy(deps, body.user.id, action.value, idSchema, respond);
      if (!pressed) return;
      const { organisation, caller, value, locale } = pressed;
      const text = deliberationReplyText[locale];
      const say = ephemeral(respond);
      const outcome = closeDeliberation(deps, caller, value.deliberationId);
      switch (outcome.kind) {
        case 'gone':
          return say(commonText[locale].gone);
        case 'refused':
          return say(text.closeRefused(outcome.lead ? text.theLead(escapeMrkdwn(outcome.lead.name)) : text.theLeadUnknown));
        case 'already_closed':
          return say(text.alreadyClosed(formatDateTime(outcome.deliberation.row.closedAt!, organisation.timeZone, locale)));
        case 'no_quorum':
          return say(
            buildQuorumPost(outcome.deliberation.opening, outcome.voters, (unitId) => deps.store.structure.officerIds(unitId), locale).text,
          );
        case 'closed':
          return say(text.closed(outcome.deliberation.opening.block.channelId));
      }
    });

    const documentButton = (document: YearEndDocument) =>
      app.action<BlockAction<ButtonAction>>(
        document === 'minutes' ? deliberationIds.minutesAction : deliberationIds.proposalAction,
        async ({ ack, action, body, respond }) => {
          await ack();
          const pressed = await pressedBy(deps, body.user.id, action.value, idSchema, respond);
          if (!pressed) return;
          const { locale } = pressed;
          const text = deliberationReplyText[locale];
          const outcome = requestDocument(deps, body.user.id, pressed.value.deliberationId, document, body.trigger_id);
          await ephemeral(respond)(
            outcome.kind === 'queued'
              ? text.sending(outcome.filename)
              : outcome.kind === 'still_open'
                ? text.stillOpen
                : commonText[locale].gone,
          );
        },
      );
    documentButton('minutes');
    documentButton('proposal');
  },
};
