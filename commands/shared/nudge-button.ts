import type { BlockAction, ButtonAction } from '@slack/bolt';
import { formatDateTime } from '../../src/i18n/format';
import { identifyCaller, isMember } from '../../src/services/caller';
import type { AppDeps } from '../../src/services/deps';
import { type NudgeDue, type NudgeTarget, nudgeUnit } from '../../src/services/manual-nudges';
import { localeOf } from '../../src/services/people';
import { escapeMrkdwn, mention } from '../../src/views/blocks';
import { commonText } from '../../src/views/common-text';
import { statusText } from '../../src/views/status';
import type { ListenerApp } from './listeners';
import { ephemeral, notInOrganisation } from './replies';

/**
 * The lead's “Nhắc” beside a unit that has not done it — in tiendo (a report) and giaouoc (a
 * pledge): `read` turns the button's value into what it reminds of and the unit; the answer is
 * ephemeral, in words.
 */
export function registerNudgeButton(
  app: ListenerApp,
  deps: AppDeps,
  actionId: string,
  read: (value: string) => { target: NudgeTarget; unitId: number } | undefined,
): void {
  app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, action, body, respond }) => {
    await ack();
    const organisation = deps.store.organisation.get();
    if (!organisation) return;
    const locale = localeOf(deps, body.user.id);
    const text = statusText[locale];
    const reply = ephemeral(respond);
    const caller = identifyCaller(deps.store, organisation, body.user.id, deps.clock.now());
    if (!isMember(caller)) return reply(notInOrganisation(deps, organisation));
    const pressed = read(action.value ?? '');
    if (!pressed) return reply(commonText[locale].gone);
    const outcome = nudgeUnit(deps, caller, { ...pressed, pressId: body.actions[0]?.action_ts ?? String(deps.clock.now().getTime()) });
    const task = (subject: NudgeDue) =>
      subject.kind === 'pledge' ? text.task.pledge(subject.year) : text.task.report(escapeMrkdwn(subject.periodName));
    switch (outcome.kind) {
      case 'period_gone':
        return reply(commonText[locale].gone);
      case 'unit_gone':
        return reply(commonText[locale].unitGone);
      case 'refused':
        return reply(text.nudgeRefused);
      case 'already_done':
        return reply(text.alreadySubmitted(outcome.unit.name, task(outcome.subject)));
      case 'nobody':
        return reply(text.nobodyToNudge(outcome.unit.name));
      case 'recently': {
        const at = (instant: Date) => formatDateTime(instant, organisation.timeZone, locale);
        return reply(text.nudgedRecently(outcome.unit.name, mention(outcome.by), at(outcome.at), at(outcome.again)));
      }
      case 'nudged':
        return reply(text.nudged(outcome.unit.name, outcome.officers.map(mention).join(', '), task(outcome.subject)));
    }
  });
}
