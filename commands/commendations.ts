import type { BlockAction, ButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { YEAR_PATTERN } from '../src/domain/scope-words';
import { defineMessages } from '../src/i18n/messages';
import type { AppDeps } from '../src/services/deps';
import { exportProvinceProposals, provinceYearEnd } from '../src/services/year-end/province';
import { deliberationIds } from '../src/views/ids';
import { buildProvinceReply, provinceViewText } from '../src/views/province';
import type { Feature, SubCommand } from './shared/feature';
import type { ListenerApp } from './shared/listeners';
import { pressedBy } from './shared/openers';
import { ephemeral } from './shared/replies';
import { argsText } from './shared/scope';

/**
 * The province's view of the year end, for admins: `/thidua khenthuong [năm]` lists each block's
 * state and proposals; “Xuất Excel toàn tỉnh” sends every block's proposals as one XLSX to the DM.
 */
const help = defineMessages(
  {
    usage: '/thidua khenthuong [năm]',
    description:
      'Quản trị viên: đề nghị khen thưởng của mọi khối trong năm (khối nào đã bình xét, đề nghị đơn vị nào cho danh hiệu nào) và tệp Excel tổng hợp toàn tỉnh.',
    example: '/thidua khenthuong 2021',
  },
  {
    usage: '/thidua commendations [year]',
    description:
      "Admins: every block's proposals for the year (which blocks have voted, which unit for which title) and the province's Excel table.",
    example: '/thidua commendations 2021',
  },
);

const khenthuong: SubCommand = {
  name: 'khenthuong',
  aliases: ['khen thưởng', 'khen thuong', 'commendations', 'de nghi khen thuong', 'đề nghị khen thưởng'],
  help,
  async run({ deps, caller, locale, args, respond }) {
    if (!caller.isAdmin) return respond({ text: provinceViewText[locale].refused });
    const typed = args.trim();
    const year = typed ? (YEAR_PATTERN.test(typed) ? Number(typed) : Number.NaN) : caller.year;
    if (year === undefined || !deps.store.structure.year(year)) {
      const known = deps.store.structure.years().map((row) => row.year);
      return respond({
        text: year === undefined || Number.isNaN(year) ? argsText[locale].noYear : argsText[locale].unknownYear(year, known.join(', ')),
      });
    }
    return respond(buildProvinceReply(year, provinceYearEnd(deps.store, year), locale));
  },
};

export const commendationsFeature: Feature = {
  subCommands: [khenthuong],
  register(app: ListenerApp, deps: AppDeps) {
    app.action<BlockAction<ButtonAction>>(deliberationIds.provinceExportAction, async ({ ack, action, body, respond }) => {
      await ack();
      const pressed = await pressedBy(deps, body.user.id, action.value, z.object({ year: z.number().int() }), respond);
      if (!pressed) return;
      const text = provinceViewText[pressed.locale];
      const outcome = exportProvinceProposals(deps, pressed.caller, pressed.value.year, body.trigger_id);
      await ephemeral(respond)(outcome.kind === 'queued' ? text.sending(outcome.filename) : text.refused);
    });
  },
};
