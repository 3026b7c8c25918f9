import type { BlockAction, ButtonAction } from '@slack/bolt';
import { commonText } from '../src/views/common-text';
import { NUDGE_OPEN_PLEDGE, NUDGE_OPEN_REPORT } from '../src/views/ids';
import { parseNudgeButtonValue } from '../src/views/nudges';
import type { Feature } from './feature';
import { openerFromAction } from './openers';
import { openPledgeModal } from './pledge';
import { openReportModal } from './report';

/**
 * The buttons that open the pledge or the report modal straight away: in deadline nudges
 * (src/scheduler/nudges.ts), a returned report's DM, a lead's reminder, /thidua hanchot and the App
 * Home. A button names the unit (year[:period][:unit]); the channel nudge names none, so the
 * presser's own unit is used. Who may sign or report is decided by the pledge and report features
 * exactly as for their slash commands.
 */
export const nudgesFeature: Feature = {
  register(app, deps) {
    for (const actionId of [NUDGE_OPEN_PLEDGE, NUDGE_OPEN_REPORT]) {
      app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, action, body, client, respond }) => {
        await ack();
        const opener = await openerFromAction(deps, body, client, respond);
        if (!opener) return;
        const target = parseNudgeButtonValue(action.action_id, action.value ?? '');
        if (!target) return opener.respond({ text: commonText[opener.locale].failure });
        const unitText = target.unitCode ?? '';
        if (target.kind === 'pledge') await openPledgeModal(opener, { unitText, year: target.year });
        else await openReportModal(opener, { unitText, periodText: target.periodCode, year: target.year });
      });
    }
  },
};
