import type { BlockAction, ButtonAction } from '@slack/bolt';
import { z } from 'zod';
import type { Store } from '../db/store';
import type { OrganisationSettings } from '../db/store/organisation';
import { localDateOf } from '../src/domain/calendar';
import { pageWindow } from '../src/domain/pagination';
import { statusPeriod } from '../src/domain/periods';
import { defineMessages, type Locale } from '../src/i18n/messages';
import { readJson } from '../src/read-json';
import type { Caller } from '../src/services/caller';
import { localeOf } from '../src/services/people';
import { confirmableReports, confirmReports } from '../src/services/review-many';
import { statusRows } from '../src/services/status';
import { commonText } from '../src/views/common-text';
import {
  STATUS_CONFIRM_CALLBACK,
  STATUS_CONFIRM_COMMENT_ACTION,
  STATUS_CONFIRM_COMMENT_BLOCK,
  STATUS_CONFIRM_MANY,
  STATUS_NEXT,
  STATUS_NUDGE,
  STATUS_PREVIOUS,
} from '../src/views/ids';
import { buildConfirmedView, buildConfirmManyModal, buildStatus, STATUS_UNITS_PER_PAGE, type StatusPage } from '../src/views/status';
import type { Feature } from './shared/feature';
import { registerNudgeButton } from './shared/nudge-button';
import { openerFromAction } from './shared/openers';
import { PAGES_KEPT, pagedTableFeature } from './shared/paged-table';
import { type PeriodScope, periodScopeOf } from './shared/scope';

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
      'Tiến độ báo cáo của các đơn vị trong khối cho một kỳ: đã nộp (đúng hạn, muộn), đã thẩm định, trả lại, chưa nộp. Trưởng khối có nút “Nhắc”, “Thẩm định” và “Xác nhận … báo cáo không cần chấm” (xác nhận một lần mọi báo cáo không có gì cần chấm).',
    example: '/thidua tiendo quy 1 noi chinh',
  },
  {
    usage: '/thidua status [period] [block]',
    description:
      "Each unit's report for a period: submitted (on time, late), reviewed, returned, missing. The block lead gets “Remind”, “Review” and “Confirm … reports with nothing to score” (confirms them all at once).",
    example: '/thidua status Q1 noi chinh',
  },
);

const subjectSchema = z.object({ blockId: z.number().int(), periodId: z.number().int() });
const confirmSchema = z.object({ versionIds: z.array(z.number().int()).max(500) });

const pageSchema = z.object({
  blockId: z.number().int(),
  periodId: z.number().int(),
  page: z.number().int().min(0),
}) satisfies z.ZodType<StatusPage>;

/**
 * A page of the status table as `caller` sees it. Remembered until anything is written
 * (store.remember): it depends on the data, on what the reader may do (their unit, admin or not),
 * on the language and zone, and on `now` only through the day the due is counted from and whether
 * it has passed.
 */
function render(store: Store, page: StatusPage, caller: Caller, organisation: OrganisationSettings, now: Date, locale: Locale) {
  const block = store.structure.blockById(page.blockId);
  const period = store.structure.periodById(page.periodId);
  if (!block || !period) return { text: commonText[locale].gone };
  const zone = organisation.timeZone;
  const overdue = now.getTime() > period.due.getTime();
  const reader = [caller.unit?.id ?? null, caller.isAdmin];
  return store.remember(
    'statusReply',
    [page, reader, locale, zone, localDateOf(now, zone), overdue],
    () => {
      const rows = statusRows(store, block, period, caller);
      const confirmable = rows.some((row) => row.canReview && row.state === 'submitted')
        ? confirmableReports(store, caller, block.id, period.id).length
        : 0;
      return buildStatus(
        {
          confirmable,
          blockName: block.name,
          blockId: block.id,
          period: { id: period.id, name: period.name, year: period.year, due: period.due },
          zone,
          now,
          rows,
          page: pageWindow(rows.length, STATUS_UNITS_PER_PAGE, page.page),
        },
        locale,
      );
    },
    PAGES_KEPT,
  );
}

const table = pagedTableFeature<StatusPage, PeriodScope>({
  name: 'tiendo',
  aliases: ['tiến độ', 'tien do', 'status', 'progress'],
  help: statusHelp,
  allowRest: false,
  // The named block and period (either order, a year anywhere), else the caller's block and the period in focus now.
  resolve: (context) => periodScopeOf(context, { command: 'tiendo', defaultPeriod: statusPeriod }),
  firstPage: (scope) => ({ blockId: scope.block.id, periodId: scope.period.id, page: 0 }),
  page: pageSchema,
  actionIds: [STATUS_PREVIOUS, STATUS_NEXT],
  render,
});

export const statusFeature: Feature = {
  subCommands: table.subCommands!,
  register(app, deps) {
    table.register!(app, deps);
    // “Xác nhận N báo cáo không cần chấm”: the list first, in a modal; submitting it confirms them all.
    app.action<BlockAction<ButtonAction>>(STATUS_CONFIRM_MANY, async ({ ack, action, body, client, respond }) => {
      await ack();
      const opener = await openerFromAction(deps, body, client, respond);
      const subject = readJson(action.value, subjectSchema);
      if (!opener || !subject) return;
      const reports = confirmableReports(deps.store, opener.caller, subject.blockId, subject.periodId);
      const metadata = JSON.stringify({ versionIds: reports.map((report) => report.versionId) } satisfies z.infer<typeof confirmSchema>);
      try {
        await client.views.open({ trigger_id: body.trigger_id, view: buildConfirmManyModal(reports, metadata, opener.locale) });
      } catch (error) {
        deps.logger.warn('could not open the confirmation list', error);
      }
    });

    app.view(STATUS_CONFIRM_CALLBACK, async ({ ack, body, view }) => {
      const organisation = deps.store.organisation.get();
      const versionIds = readJson(view.private_metadata, confirmSchema)?.versionIds;
      if (!organisation || !versionIds) return ack();
      const comment = view.state.values[STATUS_CONFIRM_COMMENT_BLOCK]?.[STATUS_CONFIRM_COMMENT_ACTION]?.value?.trim() || null;
      const outcome = confirmReports(deps, organisation, { userId: body.user.id, viewId: view.id, versionIds, comment });
      if (outcome.kind === 'duplicate') return ack();
      return ack({ response_action: 'update', view: buildConfirmedView(outcome.confirmed, outcome.skipped, localeOf(deps, body.user.id)) });
    });

    // “Nhắc” beside a unit that has not submitted; its value is "periodId:unitId".
    registerNudgeButton(app, deps, STATUS_NUDGE, (value) => {
      const [periodId, unitId] = value.split(':').map(Number);
      return Number.isInteger(periodId) && Number.isInteger(unitId)
        ? { target: { kind: 'report', periodId: periodId! }, unitId: unitId! }
        : undefined;
    });
  },
};
