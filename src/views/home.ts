import type { HomeView, KnownBlock } from '@slack/types';
import { countOf, formatDateTime, formatPoints } from '../i18n/format';
import type { Locale } from '../i18n/messages';
import { defineMessages } from '../i18n/messages';
import { periodInSentence } from '../i18n/period-names';
import type { StandingsRecord } from '../standings/record';
import { ADMIN_TOOLS, type AdminTool, adminOpenButton } from './admin-tools';
import { context, divider, escapeMrkdwn, header, packTexts, section } from './blocks';
import type { UndeliveredMessage } from './nudges';
import { undeliveredLines } from './nudges';
import { type BlockProgress, progressLine } from './progress';
import { decimalsOf, rowLine } from './standings';
import { dueDistance, type StatusRow, statusCounts, statusRowBlock } from './status';

/**
 * The App Home tab, by kind of person: an officer sees their unit — its block, the pledge and the
 * current period with buttons to act, its latest reviewed score, rank and grade; a block lead also
 * the block's progress for the period in focus (missing, late, awaiting review, with “Nhắc” and
 * “Thẩm định”) and the latest standings; an admin every block's progress, the messages that could
 * not be delivered and the admin tools; anyone else what the bot is and whom to ask. Within Slack's
 * 100 blocks whatever the size: a block's lines are capped and the rest pointed to a command.
 */
export const homeText = defineMessages(
  {
    title: 'Thi Đua',
    intro: 'Trợ lý công tác thi đua, khen thưởng: đăng ký giao ước, báo cáo tiến độ, nhắc hạn, xếp hạng và tra cứu văn bản.',
    unit: (unit: string, block: string, year: number) => `*${unit}* — ${block}, năm ${year}`,
    noBlock: (unit: string) => `*${unit}* — chưa thuộc khối thi đua nào trong năm nay.`,
    theme: (theme: string) => `Chủ đề: _${theme}_`,
    lead: (unit: string) => `Trưởng khối: ${unit}`,
    latest: (period: string, points: string, rank: number, units: number, grade: string, tie: boolean) =>
      `*Kết quả gần nhất đã thẩm định — ${period}:* ${points} điểm, hạng ${rank}/${units}${tie ? ' (đồng hạng, cần Khối bình xét)' : ''} · ${grade}`,
    noResult: 'Chưa có báo cáo nào của đơn vị được Trưởng khối thẩm định.',
    moreDues: 'Các hạn khác trong năm: `/thidua hanchot`.',
    leadTitle: (block: string) => `Trưởng khối — ${block}`,
    leadPeriod: (period: string, due: string, distance: string) => `*Báo cáo ${periodInSentence(period)}* — hạn ${due} (${distance})`,
    allDone: 'Mọi đơn vị đã nộp và được thẩm định.',
    moreUnits: (count: number, command: string) => `Còn ${count} đơn vị khác: \`${command}\`.`,
    standings: (period: string) => `*Xếp hạng ${periodInSentence(period)}*`,
    moreStandings: (command: string) => `Bảng đầy đủ: \`${command}\`.`,
    noPeriod: 'Năm nay chưa có kỳ báo cáo nào.',
    adminTitle: 'Ban Thi đua – Khen thưởng',
    adminProgress: 'Tiến độ các khối:',
    noBlocks: 'Chưa có khối thi đua nào.',
    undelivered: (count: number) => `*Tin chưa gửi được:* ${count}. Kiểm tra người nhận và kênh dưới đây rồi sửa tệp tổ chức.`,
    allDelivered: 'Mọi tin nhắn của bot đều đã được gửi.',
    tools: '*Công cụ quản trị* (cũng có bằng lệnh `/thidua quantri`):',
    outsider: (organisation: string, admins: string) =>
      `Tài khoản này chưa có trong danh sách cán bộ thi đua của ${organisation}. Vui lòng liên hệ Ban Thi đua – Khen thưởng${admins ? ` (${admins})` : ''} để được bổ sung.`,
    lookup: 'Ai cũng tra cứu được văn bản chỉ đạo: `/thidua vanban chi thi 34`.',
    commands: 'Gõ `/thidua help` ở bất kỳ kênh nào để xem các lệnh.',
    trimmed: 'Trang này đã được rút gọn; xem đầy đủ bằng các lệnh `/thidua tiendo` và `/thidua xephang`.',
  },
  {
    title: 'Thi Đua',
    intro: 'Assistant for emulation and commendation work: pledges, progress reports, deadline nudges, standings and directive lookup.',
    unit: (unit: string, block: string, year: number) => `*${unit}* — ${block}, ${year}`,
    noBlock: (unit: string) => `*${unit}* — in no emulation block this year.`,
    theme: (theme: string) => `Theme: _${theme}_`,
    lead: (unit: string) => `Block lead: ${unit}`,
    latest: (period: string, points: string, rank: number, units: number, grade: string, tie: boolean) =>
      `*Latest reviewed result — ${period}:* ${points} points, rank ${rank} of ${units}${tie ? ' (tied, for the block to decide)' : ''} · ${grade}`,
    noResult: "None of the unit's reports has been reviewed by the block lead yet.",
    moreDues: "The year's other deadlines: `/thidua deadlines`.",
    leadTitle: (block: string) => `Block lead — ${block}`,
    leadPeriod: (period: string, due: string, distance: string) => `*${period} reports* — due ${due} (${distance})`,
    allDone: 'Every unit has submitted and been reviewed.',
    moreUnits: (count: number, command: string) => `${countOf(count, 'more unit')}: \`${command}\`.`,
    standings: (period: string) => `*Standings — ${period}*`,
    moreStandings: (command: string) => `Full table: \`${command}\`.`,
    noPeriod: 'This year has no reporting periods yet.',
    adminTitle: 'Emulation & Commendation Board',
    adminProgress: 'Progress of the blocks:',
    noBlocks: 'There are no emulation blocks yet.',
    undelivered: (count: number) =>
      `*Messages not delivered:* ${count}. Check the recipients and channels below, then correct the organisation file.`,
    allDelivered: "Every one of the bot's messages has been delivered.",
    tools: '*Admin tools* (also `/thidua admin`):',
    outsider: (organisation: string, admins: string) =>
      `This account is not on ${organisation}'s list of emulation officers. Please ask the Emulation & Commendation Board${admins ? ` (${admins})` : ''} to be added.`,
    lookup: 'Anyone can look up directives: `/thidua directive chi thi 34`.',
    commands: 'Type `/thidua help` in any channel to see the commands.',
    trimmed: 'This page was shortened; see everything with `/thidua status` and `/thidua standings`.',
  },
);

export interface OfficerHome {
  unitName: string;
  block?: { name: string; year: number; theme: string; lead?: string };
  /** The pledge's and the current period's lines with their buttons (src/views/deadlines.ts). */
  dues: KnownBlock[];
  /** The standings of the latest period in which the unit's report was reviewed, and the unit in them. */
  latest?: { record: StandingsRecord; unitId: number };
}

export interface LeadHome {
  block: { id: number; code: string; name: string };
  period?: { id: number; code: string; name: string; year: number; due: Date };
  /** Every member's line for the period (src/services/status.ts), with the reader's buttons. */
  rows: StatusRow[];
  /** The latest standings (the period `xephang` shows by default). */
  standings?: StandingsRecord;
}

export interface AdminHome {
  progress: BlockProgress[];
  undelivered: { count: number; latest: UndeliveredMessage[] };
}

export interface HomeFacts {
  whoAmI: string;
  zone: string;
  now: Date;
  officer?: OfficerHome;
  leads: LeadHome[];
  admin?: AdminHome;
  /** Someone outside the organisation: whom to ask. */
  outsider?: { organisationName: string; adminMentions: string };
}

/** Slack's limit of blocks on a Home tab, and what each part may take of it. */
const HOME_BLOCKS = 100;
const LEAD_UNIT_LINES = 30;
const STANDINGS_LINES = 5;

/** The App Home of one person, within Slack's limits. */
export function buildHome(facts: HomeFacts, locale: Locale): HomeView {
  const text = homeText[locale];
  const blocks: KnownBlock[] = [header(text.title), section(text.intro), context(facts.whoAmI)];
  if (facts.officer) blocks.push(divider(), ...officerBlocks(facts.officer, locale));
  // Several blocks led at once (rare) share the lines one block would have.
  const lines = Math.max(5, Math.floor(LEAD_UNIT_LINES / Math.max(1, facts.leads.length)));
  for (const lead of facts.leads) blocks.push(divider(), ...leadBlocks(lead, facts, lines, locale));
  if (facts.admin) blocks.push(divider(), ...adminBlocks(facts.admin, facts, locale));
  if (facts.outsider)
    blocks.push(
      divider(),
      section(text.outsider(escapeMrkdwn(facts.outsider.organisationName), facts.outsider.adminMentions)),
      section(text.lookup),
    );
  blocks.push(divider(), context(text.commands));
  return { type: 'home', blocks: withinLimit(blocks, locale) };
}

function officerBlocks(officer: OfficerHome, locale: Locale): KnownBlock[] {
  const text = homeText[locale];
  const { block } = officer;
  if (!block) return [section(text.noBlock(escapeMrkdwn(officer.unitName)))];
  const about = [
    text.unit(escapeMrkdwn(officer.unitName), escapeMrkdwn(block.name), block.year),
    text.theme(escapeMrkdwn(block.theme)),
    ...(block.lead ? [text.lead(escapeMrkdwn(block.lead))] : []),
  ];
  const latest = officer.latest;
  const row = latest?.record.rows.find((candidate) => candidate.unitId === latest.unitId);
  const result =
    latest && row
      ? text.latest(
          escapeMrkdwn(latest.record.period.name),
          formatPoints(row.total, locale, decimalsOf(latest.record)[latest.record.rows.indexOf(row)] ?? 2),
          row.rank,
          latest.record.rows.length,
          escapeMrkdwn(row.grade ?? ''),
          row.tie,
        )
      : text.noResult;
  return [section(about.join('\n')), ...officer.dues, section(result), context(text.moreDues)];
}

function leadBlocks(lead: LeadHome, facts: HomeFacts, lines: number, locale: Locale): KnownBlock[] {
  const text = homeText[locale];
  const blocks: KnownBlock[] = [header(text.leadTitle(lead.block.name))];
  const { period } = lead;
  if (!period) return [...blocks, section(text.noPeriod)];
  const statusCommand = `/thidua tiendo ${period.code} ${lead.block.code} ${period.year}`;
  blocks.push(
    section(
      text.leadPeriod(
        escapeMrkdwn(period.name),
        formatDateTime(period.due, facts.zone, locale),
        dueDistance(period.due, facts.now, facts.zone, locale),
      ),
    ),
    context(statusCounts(lead.rows, locale)),
  );
  // What needs the lead: reports missing (to remind), then reports to review.
  const open = [
    ...lead.rows.filter((row) => row.state === 'missing'),
    ...lead.rows.filter((row) => row.state === 'submitted' || row.pendingChange),
  ].filter((row, index, all) => all.indexOf(row) === index);
  if (open.length === 0) blocks.push(section(text.allDone));
  for (const row of open.slice(0, lines)) blocks.push(statusRowBlock(row, { period, zone: facts.zone }, locale));
  if (open.length > lines) blocks.push(context(text.moreUnits(open.length - lines, statusCommand)));
  const record = lead.standings;
  if (record) {
    const decimals = decimalsOf(record);
    const shown = record.rows.slice(0, STANDINGS_LINES).map((row, index) => rowLine(row, decimals[index] ?? 2, locale, true));
    blocks.push(
      section([text.standings(escapeMrkdwn(record.period.name)), ...shown].join('\n')),
      context(text.moreStandings(`/thidua xephang ${record.period.code} ${record.block.code} ${record.period.year}`)),
    );
  }
  return blocks;
}

function adminBlocks(admin: AdminHome, facts: HomeFacts, locale: Locale): KnownBlock[] {
  const text = homeText[locale];
  const progress = admin.progress.map((line) => progressLine(line, facts.zone, locale));
  const blocks: KnownBlock[] = [header(text.adminTitle)];
  if (progress.length === 0) blocks.push(section(text.noBlocks));
  else blocks.push(...packTexts([text.adminProgress, ...progress], '\n', { maxLength: 9000 }).map((part) => section(part)));
  if (admin.undelivered.count === 0) blocks.push(context(text.allDelivered));
  else
    blocks.push(
      ...packTexts([text.undelivered(admin.undelivered.count), ...undeliveredLines(admin.undelivered.latest, facts.zone, locale)], '\n', {
        maxLength: 2900,
      }).map((part) => section(part)),
    );
  blocks.push(section(text.tools), ...adminToolButtons(ADMIN_TOOLS, locale));
  return blocks;
}

/** The admin tools as rows of buttons (at most 5 a row, so that each reads on a phone). */
function adminToolButtons(tools: readonly AdminTool[], locale: Locale): KnownBlock[] {
  const rows: KnownBlock[] = [];
  for (let start = 0; start < tools.length; start += 5)
    rows.push({
      type: 'actions',
      block_id: `home_admin_tools_${start / 5}`,
      elements: tools.slice(start, start + 5).map((tool) => adminOpenButton(tool, locale)),
    });
  return rows;
}

/** A last guard: should the parts ever add up past Slack's limit, the end is cut and said so. */
function withinLimit(blocks: KnownBlock[], locale: Locale): KnownBlock[] {
  if (blocks.length <= HOME_BLOCKS) return blocks;
  return [...blocks.slice(0, HOME_BLOCKS - 1), context(homeText[locale].trimmed)];
}
