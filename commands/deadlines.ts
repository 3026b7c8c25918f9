import { defineMessages } from '../src/i18n/messages';
import { blockDues, unitDues } from '../src/services/deadlines';
import { buildBlockDeadlines, buildUnitDeadlines, deadlinesText } from '../src/views/deadlines';
import type { Feature } from './shared/feature';
import { argsText } from './shared/scope';

/**
 * `/thidua hanchot`: the dues of the current year — the pledge and each reporting period — with the
 * caller's unit's state on each; admins outside every unit get each block's count.
 */
const deadlinesHelp = defineMessages(
  {
    usage: '/thidua hanchot',
    description: 'Các hạn trong năm (ký giao ước, từng kỳ báo cáo) và tình trạng của đơn vị với từng hạn, kèm nút để ký hoặc nộp ngay.',
    example: '/thidua hanchot',
  },
  {
    usage: '/thidua deadlines',
    description:
      "The year's deadlines (the pledge, each reporting period) and where the unit stands on each, with a button to sign or submit now.",
    example: '/thidua deadlines',
  },
);

export const deadlinesFeature: Feature = {
  subCommands: [
    {
      name: 'hanchot',
      aliases: ['hạn chót', 'han chot', 'deadlines', 'hannop', 'hạn nộp', 'han nop'],
      help: deadlinesHelp,
      async run({ deps, caller, organisation, locale, respond }) {
        const { store } = deps;
        const year = caller.year !== undefined ? store.structure.year(caller.year) : undefined;
        if (!year) return respond({ text: argsText[locale].noYear });
        const periods = store.structure.periods(year.year);
        const now = deps.clock.now();
        if (!caller.unit)
          return respond(
            buildBlockDeadlines({ year: year.year, zone: organisation.timeZone, now, dues: blockDues(store, year, periods) }, locale),
          );
        const block = store.structure.blockOfUnitInYear(year.year, caller.unit.id);
        if (!block) return respond({ text: deadlinesText[locale].noBlock(caller.unit.name) });
        return respond(
          buildUnitDeadlines(
            {
              year: year.year,
              unitName: caller.unit.name,
              unitCode: caller.unit.code,
              blockName: block.name,
              zone: organisation.timeZone,
              now,
              dues: unitDues(store, caller.unit, year, periods),
            },
            locale,
          ),
        );
      },
    },
  ],
};
