import type { BlockAction, ButtonAction } from '@slack/bolt';
import { commonText } from '../src/views/common-text';
import { NUDGE_OPEN_PLEDGE } from '../src/views/ids';
import { parseNudgeButtonValue } from '../src/views/nudges';
import { identifyCaller, isMember } from './context';
import type { Feature, Reply } from './feature';
import { openPledgeModal } from './pledge';
import { notInOrganisationText } from './thidua';

/**
 * The buttons of deadline nudges (src/scheduler/nudges.ts). "Ký giao ước" opens the pledge modal
 * straight away, for the unit the DM names or, from the channel message, the presser's own unit;
 * who may sign is decided by the pledge feature exactly as for `/thidua dangky`.
 *
 * NUDGE_OPEN_REPORT ("Nộp báo cáo") is not registered here yet: the report modal lives in
 * commands/report.ts, which registers it with openReportModal(opener, { unitText, periodCode, year }).
 */
export const nudgesFeature: Feature = {
  register(app, deps) {
    app.action<BlockAction<ButtonAction>>(NUDGE_OPEN_PLEDGE, async ({ ack, action, body, client, respond }) => {
      await ack();
      const organisation = deps.store.organisation.get();
      if (!organisation) return;
      const locale = organisation.locale;
      const reply = (message: Reply) => respond({ response_type: 'ephemeral', replace_original: false, text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}) }).then(() => undefined);
      const caller = identifyCaller(deps.store, organisation, body.user.id, deps.clock.now());
      if (!isMember(caller)) return reply({ text: notInOrganisationText(deps, organisation) });
      const target = parseNudgeButtonValue(action.action_id, action.value ?? '');
      if (target?.kind !== 'pledge') return reply({ text: commonText[locale].failure });
      await openPledgeModal({ deps, caller, organisation, locale, triggerId: body.trigger_id, client, respond: reply }, { unitText: target.unitCode ?? '', year: target.year });
    });
  },
};
