import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import { z } from 'zod';
import type { Store } from '../db/store';
import type { OrganisationSettings } from '../db/store/organisation';
import type { AppDeps } from '../src/deps';
import { latestDuePeriod } from '../src/domain/periods';
import { formatDateTime } from '../src/i18n/format';
import { defineMessages, type Locale } from '../src/i18n/messages';
import { exportFileName, exportTitle } from '../src/standings/files';
import { standingsFor } from '../src/standings/load';
import { latestPublished, publishStandings } from '../src/standings/publish';
import { standingChanges, standingsRecord } from '../src/standings/record';
import { escapeMrkdwn } from '../src/views/blocks';
import { commonText } from '../src/views/common-text';
import { STANDINGS_DETAIL, STANDINGS_EXPORT, STANDINGS_NEXT, STANDINGS_PREVIOUS, STANDINGS_PUBLISH } from '../src/views/ids';
import { buildBreakdownModal, buildStandingsReply, periodLabel, type StandingsPage } from '../src/views/standings';
import { type PeriodScope, resolvePeriodScope } from './args';
import { type Caller, leadsBlock } from './context';
import type { Feature, Reply } from './feature';
import { pagedTableFeature, pressedBy } from './pages';

/**
 * `/thidua xephang [kỳ] [khối]`: a block's standings for a period, for anyone in the organisation,
 * with a "Chi tiết" breakdown per unit. Block leads and admins also post them to the block's
 * channel (a frozen snapshot with its chart; a correction once they changed since the last post)
 * and get the score table as XLSX in their DM. The automatic summary after each due is
 * src/scheduler/summaries.ts.
 */
const standingsHelp = defineMessages(
  {
    usage: '/thidua xephang [kỳ] [khối]',
    description:
      'Bảng xếp hạng của khối trong một kỳ: hạng, tổng điểm, xếp loại; đồng hạng, nộp muộn, chờ thẩm định được ghi rõ; nút "Chi tiết" cho điểm từng tiêu chí. Mặc định là kỳ gần nhất đã đến hạn. Trưởng khối và quản trị viên đăng bảng lên kênh của khối và xuất Excel.',
    example: '/thidua xephang quy 1 noi chinh',
  },
  {
    usage: '/thidua standings [period] [block]',
    description:
      "A block's standings for a period: rank, total, grade; ties, late and unreviewed reports marked; a \"Details\" button shows every criterion's points. By default the latest period that is due. Block leads and admins post them to the block's channel and export them to Excel.",
    example: '/thidua standings q1 noi chinh',
  },
);

const commandText = defineMessages(
  {
    refused: (who: string) => `Chỉ ${who} và quản trị viên mới đăng bảng xếp hạng lên kênh và xuất Excel; chưa làm gì.`,
    theLead: (unit: string) => `Trưởng khối (${unit})`,
    theLeadUnknown: 'Trưởng khối',
    nothingToPublish: 'Chưa có đơn vị nào báo cáo kỳ này; chưa có gì để đăng.',
    unchanged: (at: string) => `Bảng xếp hạng này đã được đăng lúc ${at} và chưa thay đổi; không đăng lại.`,
    posted: (period: string, channel: string) =>
      `Đã đăng bảng xếp hạng ${period} lên kênh <#${channel}>; biểu đồ theo sau trong luồng tin.`,
    corrected: (period: string, channel: string, count: number) =>
      `Đã đăng bản đính chính bảng xếp hạng ${period} lên kênh <#${channel}> (${count} đơn vị thay đổi); biểu đồ theo sau trong luồng tin.`,
    exporting: (file: string) => `Đang gửi tệp ${file} vào tin nhắn riêng với bot.`,
  },
  {
    refused: (who: string) => `Only ${who} and admins can post the standings to the channel or export them; nothing was done.`,
    theLead: (unit: string) => `the block lead (${unit})`,
    theLeadUnknown: 'the block lead',
    nothingToPublish: 'No unit has reported for this period yet; there is nothing to post.',
    unchanged: (at: string) => `These standings were posted at ${at} and have not changed since; not posted again.`,
    posted: (period: string, channel: string) => `Posted the standings for ${period} to <#${channel}>; the chart follows in the thread.`,
    corrected: (period: string, channel: string, count: number) =>
      `Posted a correction of the standings for ${period} to <#${channel}> (${count} units changed); the chart follows in the thread.`,
    exporting: (file: string) => `Sending ${file} to your direct messages with the bot.`,
  },
);

const pageSchema = z.object({ b: z.number().int(), pe: z.number().int(), p: z.number().int().min(0) });
const subjectSchema = z.object({ b: z.number().int(), pe: z.number().int() });
const unitSchema = subjectSchema.extend({ u: z.number().int() });

function renderStandings(store: Store, page: StandingsPage, caller: Caller, organisation: OrganisationSettings, now: Date): Reply {
  const loaded = standingsFor(store, page.b, page.pe);
  if (!loaded) return { text: commonText[organisation.locale].gone };
  const record = standingsRecord(loaded, now);
  const latest = latestPublished(store, page.b, page.pe);
  return buildStandingsReply(
    {
      record,
      zone: organisation.timeZone,
      canPublish: leadsBlock(store, caller, page.b, loaded.period.year).allowed,
      ...(latest
        ? { published: { kind: latest.row.kind, at: latest.row.createdAt, changes: standingChanges(latest.record, record) } }
        : {}),
    },
    page.p,
    organisation.locale,
  );
}

function refusal(store: Store, blockId: number, year: number, locale: Locale): string {
  const text = commandText[locale];
  const lead = store.structure.blockYear(year, blockId)?.lead;
  return text.refused(lead ? text.theLead(lead.name) : text.theLeadUnknown);
}

const table = pagedTableFeature<StandingsPage, PeriodScope>({
  name: 'xephang',
  aliases: ['xếp hạng', 'xep hang', 'standings', 'bangdiem', 'bảng điểm', 'bang diem'],
  help: standingsHelp,
  allowRest: false,
  resolve: (context) => resolvePeriodScope(context, { command: 'xephang', defaultPeriod: latestDuePeriod }),
  firstPage: (scope) => ({ b: scope.block.id, pe: scope.period.id, p: 0 }),
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
  const { caller, organisation } = pressed;
  const say = (message: string) => respond({ response_type: 'ephemeral', replace_original: false, text: message });
  const year = deps.store.structure.periodById(pressed.value.pe)?.year;
  const permission = year === undefined ? { allowed: false as const } : leadsBlock(deps.store, caller, pressed.value.b, year);
  if (!permission.allowed) {
    await say(year === undefined ? commonText[organisation.locale].gone : refusal(deps.store, pressed.value.b, year, organisation.locale));
    return undefined;
  }
  return { ...pressed, locale: organisation.locale, say, actingAsAdmin: permission.actingAsAdmin };
}

export const standingsFeature: Feature = {
  subCommands: table.subCommands ?? [],
  register(app: App, deps: AppDeps) {
    table.register?.(app, deps);

    app.action<BlockAction<ButtonAction>>(STANDINGS_DETAIL, async ({ ack, action, body, client, respond }) => {
      await ack();
      const pressed = await pressedBy(deps, body.user.id, action.value, unitSchema, respond);
      if (!pressed) return;
      const { organisation, value } = pressed;
      const loaded = standingsFor(deps.store, value.b, value.pe);
      if (!loaded?.members.some((member) => member.id === value.u)) {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: commonText[organisation.locale][loaded ? 'unitGone' : 'gone'],
        });
        return;
      }
      await client.views.open({
        trigger_id: body.trigger_id,
        view: buildBreakdownModal(standingsRecord(loaded, deps.clock.now()), value.u, organisation.locale),
      });
    });

    app.action<BlockAction<ButtonAction>>(STANDINGS_PUBLISH, async ({ ack, action, body, respond }) => {
      await ack();
      const pressed = await leadPress(deps, body.user.id, action.value, respond);
      if (!pressed) return;
      const { organisation, caller, value, locale, say, actingAsAdmin } = pressed;
      const text = commandText[locale];
      const at = deps.clock.now();
      // Read, compare and write in one (immediate) transaction, so two presses at once, in any process, post once.
      const outcome = deps.store.transaction((tx): { message: string; posted?: boolean } => {
        const loaded = standingsFor(tx, value.b, value.pe);
        if (!loaded) return { message: commonText[locale].gone };
        const record = standingsRecord(loaded, at);
        if (!record.rows.some((row) => row.reported)) return { message: text.nothingToPublish };
        const previous = latestPublished(tx, value.b, value.pe);
        if (previous && standingChanges(previous.record, record).length === 0)
          return { message: text.unchanged(formatDateTime(previous.row.createdAt, organisation.timeZone, locale)) };
        const kind = previous ? 'correction' : 'manual';
        const published = publishStandings(deps, tx, record, loaded.block.channelId, {
          kind,
          at,
          by: caller.userId,
          zone: organisation.timeZone,
          locale,
        })!;
        tx.audit.record({
          at,
          actorUserId: caller.userId,
          actingAsAdmin,
          action: kind === 'correction' ? 'standings.corrected' : 'standings.published',
          entityType: 'standings_snapshot',
          entityId: published.snapshot.id,
          details: { blockId: value.b, periodId: value.pe, changedUnits: published.changes.map((change) => change.unitName) },
        });
        const period = periodLabel(loaded.period, locale);
        return {
          message:
            kind === 'correction'
              ? text.corrected(period, loaded.block.channelId, published.changes.length)
              : text.posted(period, loaded.block.channelId),
          posted: true,
        };
      });
      if (outcome.posted) deps.delivery.kick();
      await say(outcome.message);
    });

    app.action<BlockAction<ButtonAction>>(STANDINGS_EXPORT, async ({ ack, action, body, respond }) => {
      await ack();
      const pressed = await leadPress(deps, body.user.id, action.value, respond);
      if (!pressed) return;
      const { caller, value, locale, say } = pressed;
      const block = deps.store.structure.blockById(value.b);
      const period = deps.store.structure.periodById(value.pe);
      if (!block || !period) return void (await say(commonText[locale].gone));
      const filename = exportFileName({ block, period }, 'xlsx');
      const title = exportTitle({ block, period }, locale);
      // One file per press (the trigger id tells presses apart); built when it is sent.
      deps.delivery.queue(deps.store, {
        key: `standings-xlsx:${block.id}:${period.id}:${caller.userId}:${body.trigger_id}`,
        kind: 'standings_xlsx',
        message: {
          user: caller.userId,
          text: escapeMrkdwn(title),
          upload: { filename, title, source: { kind: 'standings_xlsx', blockId: block.id, periodId: period.id } },
        },
      });
      deps.delivery.kick();
      await say(commandText[locale].exporting(filename));
    });
  },
};
