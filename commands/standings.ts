import type { BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import { z } from 'zod';
import type { Store } from '../db/store';
import type { OrganisationSettings } from '../db/store/organisation';
import { latestDuePeriod } from '../src/domain/periods';
import { countOf, formatDateTime } from '../src/i18n/format';
import { defineMessages, type Locale } from '../src/i18n/messages';
import { periodInSentence } from '../src/i18n/period-names';
import type { Caller } from '../src/services/caller';
import type { AppDeps } from '../src/services/deps';
import { exportForLead, holdSummary, leadPermission, publishByLead, standingsView, unitBreakdown } from '../src/services/standings/lead';
import { periodLabel } from '../src/standings/standings-text';
import { commonText } from '../src/views/common-text';
import {
  STANDINGS_DETAIL,
  STANDINGS_EXPORT,
  STANDINGS_HOLD,
  STANDINGS_NEXT,
  STANDINGS_PREVIOUS,
  STANDINGS_PUBLISH,
} from '../src/views/ids';
import { buildStandingsReply, type StandingsPage, type StandingsSubject, type StandingsUnit } from '../src/views/standings';
import { buildBreakdownModal } from '../src/views/standings-breakdown';
import type { Feature, Reply } from './shared/feature';
import type { ListenerApp } from './shared/listeners';
import { pressedBy } from './shared/openers';
import { PAGES_KEPT, pagedTableFeature } from './shared/paged-table';
import { ephemeral } from './shared/replies';
import { type PeriodScope, periodScopeOf } from './shared/scope';

/**
 * `/thidua xephang [kỳ] [khối]`: a block's standings for a period, for anyone in the organisation,
 * with a "Chi tiết" breakdown per unit. Block leads and admins also post them to the block's
 * channel and get the score table as XLSX in their DM (src/services/standings/lead.ts). The
 * automatic summary after each due is src/scheduler/summaries.ts.
 */
const standingsHelp = defineMessages(
  {
    usage: '/thidua xephang [kỳ] [khối]',
    description:
      'Bảng xếp hạng của khối trong một kỳ: hạng, tổng điểm, xếp loại; đồng hạng, nộp muộn, chờ thẩm định được ghi rõ; nút “Chi tiết” cho điểm từng tiêu chí. Mặc định là kỳ gần nhất đã đến hạn. Trưởng khối và quản trị viên đăng bảng lên kênh của khối và xuất Excel.',
    example: '/thidua xephang quy 1 noi chinh',
  },
  {
    usage: '/thidua standings [period] [block]',
    description:
      "A block's standings for a period: rank, total, grade; ties, late and unreviewed reports marked; a “Details” button shows every criterion's points. By default the latest period that is due. Block leads and admins post them to the block's channel and export them to Excel.",
    example: '/thidua standings q1 noi chinh',
  },
);

export const commandText = defineMessages(
  {
    refused: (who: string) => `Chỉ ${who} và quản trị viên mới đăng bảng xếp hạng lên kênh và xuất Excel; chưa làm gì.`,
    theLead: (unit: string) => `Trưởng khối (${unit})`,
    theLeadUnknown: 'Trưởng khối',
    nothingToPublish: 'Chưa có đơn vị nào báo cáo kỳ này; chưa có gì để đăng.',
    unchanged: (at: string) => `Bảng xếp hạng này đã được đăng lúc ${at} và chưa thay đổi; không đăng lại.`,
    posted: (period: string, channel: string) =>
      `Đã đăng bảng xếp hạng ${periodInSentence(period)} lên kênh <#${channel}>; biểu đồ theo sau trong luồng tin.`,
    corrected: (period: string, channel: string, count: number) =>
      `Đã đăng bản đính chính bảng xếp hạng ${periodInSentence(period)} lên kênh <#${channel}> (${count} đơn vị thay đổi); biểu đồ theo sau trong luồng tin.`,
    exporting: (file: string) => `Đang gửi tệp ${file} vào tin nhắn riêng với bot.`,
    hold: {
      held: 'Đã giữ lại bản tổng hợp tự động kỳ này: bot không tự đăng. Khi sẵn sàng, gõ `/thidua xephang` và bấm “Đăng bản tổng hợp”.',
      already_held: 'Bản tổng hợp tự động kỳ này đã được giữ lại từ trước.',
      posted: 'Bản tổng hợp tự động kỳ này đã được đăng lên kênh; không giữ lại được nữa.',
    },
  },
  {
    refused: (who: string) => `Only ${who} and admins can post the standings to the channel or export them; nothing was done.`,
    theLead: (unit: string) => `the block lead (${unit})`,
    theLeadUnknown: 'the block lead',
    nothingToPublish: 'No unit has reported for this period yet; there is nothing to post.',
    unchanged: (at: string) => `These standings were posted at ${at} and have not changed since; not posted again.`,
    posted: (period: string, channel: string) =>
      `Posted the standings for ${periodInSentence(period)} to <#${channel}>; the chart follows in the thread.`,
    corrected: (period: string, channel: string, count: number) =>
      `Posted a correction of the standings for ${periodInSentence(period)} to <#${channel}> (${countOf(count, 'unit')} changed); the chart follows in the thread.`,
    exporting: (file: string) => `Sending ${file} to your direct messages with the bot.`,
    hold: {
      held: 'The automatic summary of this period is held: the bot will not post it. When ready, type `/thidua xephang` and press “Post the summary”.',
      already_held: 'The automatic summary of this period was already held.',
      posted: 'The automatic summary of this period is already posted; it can no longer be held.',
    },
  },
);

const subjectSchema = z.object({ blockId: z.number().int(), periodId: z.number().int() }) satisfies z.ZodType<StandingsSubject>;
const pageSchema = subjectSchema.extend({ page: z.number().int().min(0) }) satisfies z.ZodType<StandingsPage>;
const unitSchema = subjectSchema.extend({ unitId: z.number().int() }) satisfies z.ZodType<StandingsUnit>;

/**
 * A page of the standings as `caller` sees it. Remembered until anything is written (store.remember):
 * the reply depends on the data, on whether the reader may post (a lead's or admin's buttons), on
 * the language and zone, and on `now` only through the minute it says they were computed at.
 */
function renderStandings(
  store: Store,
  page: StandingsPage,
  caller: Caller,
  organisation: OrganisationSettings,
  now: Date,
  locale: Locale,
): Reply {
  const canPublish = leadPermission(store, caller, page).ok;
  const minute = Math.floor(now.getTime() / 60_000);
  return store.remember(
    'standingsReply',
    [page, canPublish, locale, organisation.timeZone, minute],
    (): Reply => {
      const view = standingsView(store, caller, page.blockId, page.periodId, now);
      if (!view) return { text: commonText[locale].gone };
      return buildStandingsReply({ ...view, zone: organisation.timeZone }, page.page, locale);
    },
    PAGES_KEPT,
  );
}

const table = pagedTableFeature<StandingsPage, PeriodScope>({
  name: 'xephang',
  aliases: ['xếp hạng', 'xep hang', 'standings', 'bangdiem', 'bảng điểm', 'bang diem'],
  help: standingsHelp,
  allowRest: false,
  resolve: (context) => periodScopeOf(context, { command: 'xephang', defaultPeriod: latestDuePeriod }),
  firstPage: (scope) => ({ blockId: scope.block.id, periodId: scope.period.id, page: 0 }),
  page: pageSchema,
  actionIds: [STANDINGS_PREVIOUS, STANDINGS_NEXT],
  render: renderStandings,
});

/**
 * A press on Đăng lên kênh or Xuất Excel: who pressed, about which block and period, and how to
 * answer them; undefined when they are not the block's lead or an admin (they are told so).
 */
async function leadPress(deps: AppDeps, userId: string, value: string | undefined, respond: RespondFn) {
  const pressed = await pressedBy(deps, userId, value, subjectSchema, respond);
  if (!pressed) return undefined;
  const { caller, locale } = pressed;
  const say = ephemeral(respond);
  const allowed = leadPermission(deps.store, caller, pressed.value);
  if (!allowed.ok) {
    const text = commandText[locale];
    await say(allowed.gone ? commonText[locale].gone : text.refused(allowed.lead ? text.theLead(allowed.lead.name) : text.theLeadUnknown));
    return undefined;
  }
  return { ...pressed, locale, say, actingAsAdmin: allowed.permission.actingAsAdmin };
}

export const standingsFeature: Feature = {
  subCommands: table.subCommands ?? [],
  register(app: ListenerApp, deps: AppDeps) {
    table.register?.(app, deps);

    app.action<BlockAction<ButtonAction>>(STANDINGS_DETAIL, async ({ ack, action, body, client, respond }) => {
      await ack();
      const pressed = await pressedBy(deps, body.user.id, action.value, unitSchema, respond);
      if (!pressed) return;
      const { organisation, value, locale } = pressed;
      const found = unitBreakdown(deps.store, value, deps.clock.now());
      if (!found.ok) return ephemeral(respond)(commonText[locale][found.gone === 'unit' ? 'unitGone' : 'gone']);
      await client.views.open({
        trigger_id: body.trigger_id,
        view: buildBreakdownModal(found.record, value.unitId, locale, organisation.timeZone, found.evidence),
      });
    });

    app.action<BlockAction<ButtonAction>>(STANDINGS_PUBLISH, async ({ ack, action, body, respond }) => {
      await ack();
      const pressed = await leadPress(deps, body.user.id, action.value, respond);
      if (!pressed) return;
      const { organisation, caller, value, locale, say, actingAsAdmin } = pressed;
      const text = commandText[locale];
      const outcome = publishByLead(deps, caller, actingAsAdmin, value);
      switch (outcome.kind) {
        case 'gone':
          return say(commonText[locale].gone);
        case 'nothing_reported':
          return say(text.nothingToPublish);
        case 'unchanged':
          return say(text.unchanged(formatDateTime(outcome.publishedAt, organisation.timeZone, locale)));
        case 'posted': {
          const period = periodLabel(outcome.record.period, locale);
          return say(
            outcome.correction ? text.corrected(period, outcome.channel, outcome.changedUnits) : text.posted(period, outcome.channel),
          );
        }
      }
    });

    app.action<BlockAction<ButtonAction>>(STANDINGS_HOLD, async ({ ack, action, body, respond }) => {
      await ack();
      const pressed = await leadPress(deps, body.user.id, action.value, respond);
      if (!pressed) return;
      const outcome = holdSummary(deps, pressed.caller, pressed.actingAsAdmin, pressed.value);
      await pressed.say(commandText[pressed.locale].hold[outcome]);
    });

    app.action<BlockAction<ButtonAction>>(STANDINGS_EXPORT, async ({ ack, action, body, respond }) => {
      await ack();
      const pressed = await leadPress(deps, body.user.id, action.value, respond);
      if (!pressed) return;
      const filename = exportForLead(deps, pressed.caller, pressed.value, body.trigger_id);
      await pressed.say(filename ? commandText[pressed.locale].exporting(filename) : commonText[pressed.locale].gone);
    });
  },
};
