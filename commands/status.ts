import type { BlockAction, ButtonAction } from '@slack/bolt';
import { z } from 'zod';
import type { Store } from '../db/store';
import type { OrganisationSettings } from '../db/store/organisation';
import type { BlockRow, PeriodRow } from '../db/store/structure';
import { pageWindow } from '../src/domain/pagination';
import { statusPeriod } from '../src/domain/periods';
import { defineMessages } from '../src/i18n/messages';
import { mention } from '../src/views/blocks';
import { commonText } from '../src/views/common-text';
import { STATUS_NEXT, STATUS_NUDGE, STATUS_PREVIOUS } from '../src/views/ids';
import { buildOfficerNudge } from '../src/views/nudges';
import { buildStatus, STATUS_UNITS_PER_PAGE, type StatusRow, statusText, type UnitState } from '../src/views/status';
import { blockOfUnit, type PeriodScope, resolvePeriodScope } from './args';
import { mayDecide } from './change-requests';
import { type Caller, identifyCaller, isMember, leadsBlock } from './context';
import type { Feature } from './feature';
import { pagedTableFeature } from './pages';
import { notInOrganisationText } from './thidua';

/**
 * `/thidua tiendo [kỳ] [khối]`: each unit's report for a period — submitted on time or late,
 * reviewed, returned, missing (officers mentioned). The block lead's officers (and admins) get a
 * "Nhắc" button beside each missing unit, which DMs that unit's officers a reminder with a button
 * to open the report, and a "Thẩm định" button beside each submitted report.
 */
const statusHelp = defineMessages(
  {
    usage: '/thidua tiendo [kỳ] [khối]',
    description:
      'Tiến độ báo cáo của các đơn vị trong khối cho một kỳ: đã nộp (đúng hạn, muộn), đã thẩm định, trả lại, chưa nộp. Trưởng khối có nút «Nhắc» và «Thẩm định».',
    example: '/thidua tiendo quy 1 noi chinh',
  },
  {
    usage: '/thidua status [period] [block]',
    description:
      "Each unit's report for a period: submitted (on time, late), reviewed, returned, missing. The block lead gets «Remind» and «Review» buttons.",
    example: '/thidua status Q1 noi chinh',
  },
);

const pageSchema = z.object({ b: z.number().int(), r: z.number().int(), p: z.number().int().min(0) });
type StatusPage = z.infer<typeof pageSchema>;

/** Every member's line, in the block's order, with the buttons this reader may press. */
export function statusRows(store: Store, block: BlockRow, period: PeriodRow, caller: Caller): StatusRow[] {
  const members = store.structure.members(block.id);
  const reports = store.reports.forUnits(
    period.id,
    members.map((member) => member.id),
  );
  const leads = leadsBlock(store, caller, block.id, period.year).allowed;
  return members.map((member) => {
    const report = reports.get(member.id);
    const review = report?.review;
    const state: UnitState = !report?.inForce
      ? 'missing'
      : review?.outcome === 'returned'
        ? 'returned'
        : review?.outcome === 'reviewed'
          ? 'reviewed'
          : 'submitted';
    return {
      unitId: member.id,
      unitName: member.name,
      officerIds: member.officerIds,
      state,
      ...(report?.first ? { firstSubmittedAt: report.first.submittedAt, late: report.first.late } : {}),
      ...(report?.inForce ? { versionId: report.inForce.id } : {}),
      ...(review ? (review.outcome === 'reviewed' ? { reviewedBy: review.reviewerUserId } : { returnedReason: review.reason ?? '' }) : {}),
      ...(report?.pending ? { pendingChange: true } : {}),
      canNudge: leads,
      canReview: mayDecide(store, caller, { year: period.year, blockId: block.id, unitId: member.id }).allowed,
    };
  });
}

function render(store: Store, page: StatusPage, caller: Caller, organisation: OrganisationSettings, now: Date) {
  const block = store.structure.blockById(page.b);
  const period = store.structure.periodById(page.r);
  if (!block || !period) return { text: commonText[organisation.locale].gone };
  const rows = statusRows(store, block, period, caller);
  return buildStatus(
    {
      blockName: block.name,
      blockId: block.id,
      period: { id: period.id, name: period.name, year: period.year, due: period.due },
      zone: organisation.timeZone,
      now,
      rows,
      page: pageWindow(rows.length, STATUS_UNITS_PER_PAGE, page.p),
    },
    organisation.locale,
  );
}

const table = pagedTableFeature<StatusPage, PeriodScope>({
  name: 'tiendo',
  aliases: ['tiến độ', 'tien do', 'status', 'progress'],
  help: statusHelp,
  allowRest: false,
  // The named block and period (either order, a year anywhere), else the caller's block and the period in focus now.
  resolve: (context) => resolvePeriodScope(context, { command: 'tiendo', defaultPeriod: statusPeriod }),
  firstPage: (scope) => ({ b: scope.block.id, r: scope.period.id, p: 0 }),
  page: pageSchema,
  actionIds: [STATUS_PREVIOUS, STATUS_NEXT],
  render,
});

export const statusFeature: Feature = {
  subCommands: table.subCommands!,
  register(app, deps) {
    table.register!(app, deps);
    app.action<BlockAction<ButtonAction>>(STATUS_NUDGE, async ({ ack, action, body, respond }) => {
      await ack();
      const organisation = deps.store.organisation.get();
      if (!organisation) return;
      const locale = organisation.locale;
      const text = statusText[locale];
      const reply = (message: string) =>
        respond({ response_type: 'ephemeral', replace_original: false, text: message }).then(() => undefined);
      const now = deps.clock.now();
      const caller = identifyCaller(deps.store, organisation, body.user.id, now);
      if (!isMember(caller)) return reply(notInOrganisationText(deps, organisation));
      const [periodId, unitId] = (action.value ?? '').split(':').map(Number);
      const period = deps.store.structure.periodById(periodId ?? -1);
      const unit = deps.store.structure.unitById(unitId ?? -1);
      const block = unit ? blockOfUnit(deps.store, unit) : undefined;
      if (!period) return reply(commonText[locale].gone);
      if (!unit || !block) return reply(commonText[locale].unitGone);
      const permission = leadsBlock(deps.store, caller, block.id, period.year);
      if (!permission.allowed) return reply(text.nudgeRefused);
      if (deps.store.reports.submittedPeriods(unit.id, [period.id]).has(period.id))
        return reply(text.alreadySubmitted(unit.name, period.name));
      const officers = deps.store.structure.officerIds(unit.id);
      if (officers.length === 0) return reply(text.nobodyToNudge(unit.name));
      deps.store.transaction((tx) => {
        for (const userId of officers) {
          deps.delivery.queue(tx, {
            // Each press is its own reminder (the lead may remind again tomorrow); a retried press is not.
            key: `manual-nudge:${period.id}:${unit.id}:${userId}:${body.actions[0]?.action_ts ?? now.getTime()}`,
            kind: 'manual_nudge',
            message: {
              user: userId,
              ...buildOfficerNudge({
                locale,
                zone: organisation.timeZone,
                subject: { kind: 'report', year: period.year, periodCode: period.code, periodName: period.name },
                due: period.due,
                now,
                slotKind: now.getTime() > period.due.getTime() ? 'overdue' : 'before',
                unitName: unit.name,
                unitCode: unit.code,
              }),
            },
          });
        }
        tx.audit.record({
          at: now,
          actorUserId: body.user.id,
          actingAsAdmin: permission.actingAsAdmin,
          action: 'report.nudged',
          entityType: 'unit',
          entityId: unit.id,
          details: { period: period.code, officers },
        });
      });
      deps.delivery.kick();
      await reply(text.nudged(unit.name, officers.map(mention).join(', '), period.name));
    });
  },
};
