import type { KnownBlock } from '@slack/types';
import { formatDateTime } from '../i18n/format';
import { defineMessages, type Locale } from '../i18n/messages';
import { periodInSentence } from '../i18n/period-names';
import { periodLabel } from '../standings/standings-text';
import { actions, button, escapeMrkdwn, section } from './blocks';
import { deliberationIds } from './ids';

/** What the person who typed `/thidua binhxet` or pressed one of its buttons is told, in words. */
export const deliberationReplyText = defineMessages(
  {
    opened: (year: number, channel: string) =>
      `✅ Đã mở bình xét thi đua năm ${year}: kết quả năm, danh sách đề nghị và nút “Bỏ phiếu” đã đăng trong kênh <#${channel}>.`,
    refused: (year: number, lead: string) =>
      `Chưa mở bình xét năm ${year}. ${lead} hoặc quản trị viên mở bình xét bằng \`/thidua binhxet\`.`,
    notOpened: (year: number, block: string) => `${block} chưa mở bình xét thi đua năm ${year}.`,
    open: 'Mở bình xét',
    theLead: (unit: string) => `Trưởng khối (${unit})`,
    theLeadUnknown: 'Trưởng khối',
    notOver: (periods: string) => `Chưa mở được bình xét: kết quả năm chưa chốt, còn kỳ chưa đến hạn: ${periods}.`,
    notReviewed: (reports: string) =>
      `Chưa mở được bình xét: còn ${reports} chưa được thẩm định xong. Thẩm định các báo cáo đó (\`/thidua tiendo\`) rồi mở bình xét (\`/thidua binhxet\`).`,
    noResults: (year: number) =>
      `Chưa mở được bình xét: chưa đơn vị nào có kết quả năm ${year} (chưa có báo cáo nào của kỳ được tính vào kết quả năm).`,
    reports: (period: string, units: string) => `báo cáo ${periodInSentence(period)} của ${units}`,
    and: ' và ',
    closeRefused: (lead: string) => `Chỉ ${lead} hoặc quản trị viên kết thúc bỏ phiếu; chưa làm gì.`,
    closed: (channel: string) =>
      `✅ Đã kết thúc bỏ phiếu. Kết quả đã đăng trong kênh <#${channel}>; biên bản và tờ trình (DOCX) gửi trong luồng tin đó và vào tin nhắn riêng.`,
    alreadyClosed: (at: string) => `Bỏ phiếu đã kết thúc lúc ${at}; kết quả không đổi.`,
    notMember: 'Chỉ cán bộ phụ trách thi đua của các đơn vị thành viên khối bỏ phiếu, mỗi đơn vị một phiếu.',
    voteClosed: 'Bỏ phiếu đã kết thúc; không nhận thêm phiếu.',
    sending: (file: string) => `Đang gửi tệp ${file} vào tin nhắn riêng với bot.`,
    stillOpen: 'Bỏ phiếu chưa kết thúc: biên bản và tờ trình có sau khi Trưởng khối kết thúc bỏ phiếu.',
  },
  {
    opened: (year: number, channel: string) =>
      `✅ The ${year} deliberation is open: the year's results, the proposal list and the “Vote” button are posted in <#${channel}>.`,
    refused: (year: number, lead: string) =>
      `The ${year} deliberation is not open yet. ${lead} or an admin opens it with \`/thidua binhxet\`.`,
    notOpened: (year: number, block: string) => `${block} has not opened its ${year} deliberation.`,
    open: 'Open the deliberation',
    theLead: (unit: string) => `The block lead (${unit})`,
    theLeadUnknown: 'The block lead',
    notOver: (periods: string) =>
      `Cannot open the deliberation yet: the year's result is not final, these periods are not due: ${periods}.`,
    notReviewed: (reports: string) =>
      `Cannot open the deliberation yet: ${reports} still to be reviewed. Review them (\`/thidua status\`), then open the deliberation (\`/thidua deliberation\`).`,
    noResults: (year: number) =>
      `Cannot open the deliberation yet: no unit has a ${year} result (no report of the periods the year's result counts).`,
    reports: (period: string, units: string) => `the ${periodInSentence(period)} reports of ${units}`,
    and: ' and ',
    closeRefused: (lead: string) => `Only ${lead} or an admin can close the vote; nothing was done.`,
    closed: (channel: string) =>
      `The vote is closed. The result is posted in <#${channel}>; the minutes and the proposal (DOCX) follow in its thread and in your DM.`,
    alreadyClosed: (at: string) => `The vote closed at ${at}; the result stands.`,
    notMember: "Only the officers of the block's member units vote, one ballot per unit.",
    voteClosed: 'The vote is closed; no more ballots are taken.',
    sending: (file: string) => `Sending ${file} to your direct messages with the bot.`,
    stillOpen: 'The vote is still open: the minutes and the proposal exist once the lead closes it.',
  },
);

/** "cả năm 2021 (10/12/2021 17:00)" for each period named. */
export function periodsWithDue(periods: readonly { name: string; year: number; due: Date }[], zone: string, locale: Locale): string {
  return periods
    .map((period) => `${escapeMrkdwn(periodInSentence(periodLabel(period, locale)))} (${formatDateTime(period.due, zone, locale)})`)
    .join('; ');
}

/** "báo cáo cả năm 2021 của Sở Tư pháp; Công an tỉnh" for reports awaiting review, one clause per period. */
export function reportsAwaiting(reports: readonly { unit: string; period: { name: string; year: number } }[], locale: Locale): string {
  const text = deliberationReplyText[locale];
  const byPeriod = new Map<string, string[]>();
  for (const { unit, period } of reports) {
    const name = periodLabel(period, locale);
    byPeriod.set(name, [...(byPeriod.get(name) ?? []), unit]);
  }
  return [...byPeriod]
    .map(([period, units]) => text.reports(escapeMrkdwn(period), units.map((unit) => escapeMrkdwn(unit)).join('; ')))
    .join(text.and);
}

/**
 * A block's deliberation not opened yet, as the block picker's “Xem” shows it: the state, and
 * opening as its own explicit button for whoever may open it (the command checks again).
 */
export function buildNotOpenedReply(
  facts: { blockId: number; blockName: string; year: number },
  locale: Locale,
): { text: string; blocks: KnownBlock[] } {
  const text = deliberationReplyText[locale];
  const said = text.notOpened(facts.year, escapeMrkdwn(facts.blockName));
  return {
    text: said,
    blocks: [
      section(said),
      actions(
        deliberationIds.actionsBlock,
        button(text.open, deliberationIds.openAction, JSON.stringify({ blockId: facts.blockId, year: facts.year }), 'primary'),
      ),
    ],
  };
}
