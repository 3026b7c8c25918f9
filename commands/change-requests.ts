import type { BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Locale } from '../src/i18n/messages';
import { readJson } from '../src/read-json';
import {
  decideChangeRequest,
  type LocatedRequest,
  locateChangeRequest,
  type UndecidableRequest,
} from '../src/services/change-requests/decide';
import { type Decision, refreshChangeRequestMessages } from '../src/services/change-requests/requests';
import type { AppDeps } from '../src/services/deps';
import { localeOf } from '../src/services/people';
import { escapeMrkdwn, mention } from '../src/views/blocks';
import {
  alreadyDecidedText,
  buildDecisionDoneView,
  buildRejectReasonModal,
  changeRequestText,
  parseChangeRequestValue,
} from '../src/views/change-request';
import { commonText } from '../src/views/common-text';
import {
  CHANGE_REQUEST_APPROVE,
  CHANGE_REQUEST_REASON_ACTION,
  CHANGE_REQUEST_REASON_BLOCK,
  CHANGE_REQUEST_REASON_CALLBACK,
  CHANGE_REQUEST_REJECT,
} from '../src/views/ids';
import type { Feature } from './shared/feature';
import { ephemeral, notInOrganisation } from './shared/replies';

/**
 * The deciders' side of change requests (src/services/change-requests/): Approve and Reject on the
 * request's DM (or in a table), and the reason modal Reject opens. Whoever may not decide, or
 * comes after someone else decided, is told so and the request's DMs are redrawn.
 */
const reasonMetadata = z.object({ kind: z.string(), id: z.number().int() });

/** Why `problem` stops the presser, in the presser's language. */
function problemText(deps: AppDeps, problem: UndecidableRequest, locale: Locale): string {
  if (problem.kind === 'no_organisation') return commonText.vi.noOrganisation;
  const { organisation } = problem;
  const text = changeRequestText[locale];
  switch (problem.kind) {
    case 'not_member':
      return notInOrganisation(deps, organisation);
    case 'gone':
      return text.gone;
    case 'not_allowed':
      return text.notAllowed(
        problem.decider ? (problem.decider.deputy ? text.deciderDeputy : text.deciderLead)(problem.decider.name) : text.deciderAdmins,
      );
    case 'decided':
      return alreadyDecidedText(problem.request, organisation.timeZone, locale);
  }
}

/** A pressed button's request when the presser may decide it; otherwise answered (and its DMs redrawn if it was decided). */
async function locatePressed(
  deps: AppDeps,
  userId: string,
  value: string | undefined,
  client: WebClient,
  respond: RespondFn,
): Promise<Extract<LocatedRequest, { ok: true }> | undefined> {
  const found = locateChangeRequest(deps, userId, parseChangeRequestValue(value));
  if (found.ok) return found;
  await ephemeral(respond)(problemText(deps, found.problem, localeOf(deps, userId)));
  if (found.problem.kind === 'decided')
    await refreshChangeRequestMessages(deps, client, found.problem.requestKind, found.problem.request, found.problem.organisation);
  return undefined;
}

export const changeRequestsFeature: Feature = {
  register(app, deps) {
    app.action<BlockAction<ButtonAction>>(CHANGE_REQUEST_APPROVE, async ({ ack, action, body, client, respond }) => {
      await ack();
      const found = await locatePressed(deps, body.user.id, action.value, client, respond);
      if (!found) return;
      const { organisation, request } = found;
      const locale = localeOf(deps, body.user.id);
      const decision: Decision = { by: body.user.id, at: deps.clock.now(), actingAsAdmin: found.actingAsAdmin };
      const { applied, current } = decideChangeRequest(deps, found, 'accepted', decision);
      const say = ephemeral(respond);
      if (!applied) await say(alreadyDecidedText(current, organisation.timeZone, locale));
      // In a DM the redrawn message says it all; an ephemeral table cannot be redrawn, so confirm there.
      else if (body.container?.is_ephemeral)
        await say(changeRequestText[locale].approvedDone(request.title, request.unitName, mention(request.requestedBy)));
      await refreshChangeRequestMessages(deps, client, found.requestKind, current, organisation);
    });

    app.action<BlockAction<ButtonAction>>(CHANGE_REQUEST_REJECT, async ({ ack, action, body, client, respond }) => {
      await ack();
      const found = await locatePressed(deps, body.user.id, action.value, client, respond);
      if (!found) return;
      const { organisation, request } = found;
      const metadata = JSON.stringify({ kind: request.kind, id: request.id } satisfies z.infer<typeof reasonMetadata>);
      await client.views.open({
        trigger_id: body.trigger_id,
        view: buildRejectReasonModal(request, metadata, organisation.timeZone, localeOf(deps, body.user.id)),
      });
    });

    app.view(CHANGE_REQUEST_REASON_CALLBACK, async ({ ack, body, view, client }) => {
      const locale = localeOf(deps, body.user.id);
      const found = locateChangeRequest(deps, body.user.id, readJson(view.private_metadata, reasonMetadata));
      if (!found.ok)
        return ack({ response_action: 'errors', errors: { [CHANGE_REQUEST_REASON_BLOCK]: problemText(deps, found.problem, locale) } });
      const { organisation, request } = found;
      const text = changeRequestText[locale];
      const reason = (view.state.values[CHANGE_REQUEST_REASON_BLOCK]?.[CHANGE_REQUEST_REASON_ACTION]?.value ?? '').trim();
      if (!reason) return ack({ response_action: 'errors', errors: { [CHANGE_REQUEST_REASON_BLOCK]: text.reasonRequired } });
      const decision: Decision = { by: body.user.id, at: deps.clock.now(), actingAsAdmin: found.actingAsAdmin, reason };
      const { applied, current } = decideChangeRequest(deps, found, 'rejected', decision, `view:${view.id}`);
      if (!applied)
        return ack(
          current.status === 'pending'
            ? undefined
            : {
                response_action: 'errors',
                errors: { [CHANGE_REQUEST_REASON_BLOCK]: alreadyDecidedText(current, organisation.timeZone, locale) },
              },
        );
      await ack({
        response_action: 'update',
        view: buildDecisionDoneView(
          text.rejectedDone(escapeMrkdwn(request.title), escapeMrkdwn(request.unitName), mention(request.requestedBy)),
          locale,
        ),
      });
      await refreshChangeRequestMessages(deps, client, found.requestKind, current, organisation);
    });
  },
};
