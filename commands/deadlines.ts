import type { Store } from '../db/store';
import type { BlockRow, PeriodRow, UnitRow, YearRow } from '../db/store/structure';
import { defineMessages } from '../src/i18n/messages';
import { buildBlockDeadlines, buildUnitDeadlines, type DueState, deadlinesText, type UnitDue } from '../src/views/deadlines';
import { argsText, blockOfUnit } from './args';
import type { Feature } from './feature';

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

/** The unit's dues of the year (the pledge, then every period), with its state on each, in due order. */
export function unitDues(store: Store, unit: UnitRow, year: YearRow, periods: readonly PeriodRow[]): UnitDue[] {
  const pledge = store.pledges.forUnits(year.year, [unit.id]).get(unit.id);
  const pledgeState: DueState = pledge?.pending ? 'pending_change' : pledge?.signed ? 'done' : 'todo';
  const dues: UnitDue[] = [
    {
      subject: { kind: 'pledge' },
      due: year.pledgeDue,
      state: pledgeState,
      ...(pledge?.signed
        ? { doneAt: pledge.signed.submittedAt, late: pledge.signed.submittedAt.getTime() > year.pledgeDue.getTime() }
        : {}),
    },
  ];
  for (const period of periods) {
    const report = store.reports.forUnits(period.id, [unit.id]).get(unit.id);
    const state: DueState = !report?.inForce
      ? 'todo'
      : report.review?.outcome === 'returned'
        ? 'returned'
        : report.pending
          ? 'pending_change'
          : 'done';
    dues.push({
      subject: { kind: 'report', periodCode: period.code, periodName: period.name },
      due: period.due,
      state,
      ...(report?.first ? { doneAt: report.first.submittedAt, late: report.first.late } : {}),
      ...(state === 'done' && report?.review?.outcome === 'reviewed' ? { reviewed: true } : {}),
    });
  }
  return dues.sort((left, right) => left.due.getTime() - right.due.getTime());
}

function blockCounts(store: Store, blocks: readonly BlockRow[], done: (memberIds: number[]) => number) {
  return blocks.map((block) => {
    const memberIds = store.structure.members(block.id).map((member) => member.id);
    return { blockName: block.name, done: done(memberIds), total: memberIds.length };
  });
}

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
        if (caller.unit) {
          const block = blockOfUnit(store, caller.unit);
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
        }
        const blocks = store.structure.activeBlocks();
        const dues = [
          {
            subject: { kind: 'pledge' as const },
            due: year.pledgeDue,
            counts: blockCounts(store, blocks, (memberIds) => store.pledges.signedCount(year.year, memberIds)),
          },
          ...periods.map((period) => ({
            subject: { kind: 'report' as const, periodCode: period.code, periodName: period.name },
            due: period.due,
            counts: blockCounts(
              store,
              blocks,
              (memberIds) => [...store.reports.forUnits(period.id, memberIds).values()].filter((report) => report.inForce).length,
            ),
          })),
        ].sort((left, right) => left.due.getTime() - right.due.getTime());
        return respond(buildBlockDeadlines({ year: year.year, zone: organisation.timeZone, now, dues }, locale));
      },
    },
  ],
};
