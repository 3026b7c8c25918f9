import type { KnownBlock } from '@slack/types';
import { daysBetween, localDateOf } from '../domain/calendar';
import type { NudgeKind } from '../domain/reminders';
import { formatDate, formatTime } from '../i18n/format';
import { defineMessages, type Locale } from '../i18n/messages';
import { periodInSentence } from '../i18n/period-names';
import { actions, button, context, divider, escapeMrkdwn, mention, packTexts, section, truncate } from './blocks';
import { NUDGE_ACTIONS_BLOCK, NUDGE_OPEN_PLEDGE, NUDGE_OPEN_REPORT } from './ids';

/**
 * Deadline nudges as people read them (../shared/docs/voice.md): the fact, then the action; one ⏰
 * at the start; no exclamation marks; dates and times in the organisation's zone.
 */
export const nudgeText = defineMessages(
  {
    moment: (time: string, date: string) => `${time} ngày ${date}`,
    task: {
      pledge: (year: number) => `ký giao ước thi đua năm ${year}`,
      report: (period: string) => `nộp báo cáo ${periodInSentence(period)}`,
      resubmission: (period: string) => `nộp lại báo cáo ${periodInSentence(period)} đã bị trả lại`,
    },
    daysLeft: (days: number, task: string, moment: string) => `Còn ${days} ngày đến hạn ${task} (${moment}).`,
    dueToday: (task: string, moment: string) => `Hôm nay là hạn ${task} (${moment}).`,
    daysLate: (days: number, task: string, moment: string) =>
      days > 0 ? `Đã quá ${days} ngày so với hạn ${task} (${moment}).` : `Đã quá hạn ${task} (${moment}).`,
    done: {
      pledge: (done: number, total: number) => `Đã ký ${done}/${total} đơn vị.`,
      report: (done: number, total: number) => `Đã nộp ${done}/${total} đơn vị.`,
    },
    missingLabel: { pledge: 'Chưa ký:', report: 'Chưa nộp:' },
    moreUnits: (count: number) => `và ${count} đơn vị khác`,
    officersLabel: 'Cán bộ phụ trách:',
    moreOfficers: (count: number) => `và ${count} cán bộ khác`,
    noOfficerLabel: 'Chưa có cán bộ phụ trách:',
    noOfficer: 'chưa có cán bộ phụ trách',
    unitMissing: {
      pledge: (unit: string) => `${unit} chưa ký giao ước.`,
      report: (unit: string) => `${unit} chưa nộp báo cáo.`,
      resubmission: (unit: string) => `${unit} chưa nộp lại báo cáo.`,
    },
    open: { pledge: 'Ký giao ước', report: 'Nộp báo cáo' },
    lateUnits: {
      pledge: (block: string, late: number, total: number) => `${block} còn ${late}/${total} đơn vị chưa ký giao ước:`,
      report: (block: string, late: number, total: number) => `${block} còn ${late}/${total} đơn vị chưa nộp báo cáo:`,
      resubmission: (block: string) => `${block} có đơn vị chưa nộp lại báo cáo bị trả lại:`,
    },
    escalationWhy: 'Tin này gửi cán bộ của đơn vị Trưởng khối để đôn đốc các đơn vị trên.',
    leadAsks: (unit: string, user: string) => `Trưởng khối (${unit}, ${user}) nhắc:`,
    adminAsks: (user: string) => `Quản trị viên ${user} nhắc:`,
    digestIntro: (count: number) =>
      `Có ${count} tin nhắn chưa gửi được vì người nhận hoặc kênh không còn liên lạc được. Vui lòng sửa tệp tổ chức rồi nạp lại (\`npx thidua import <tệp.yaml>\`), hoặc mời bot vào kênh.`,
    digestLine: (who: string, code: string, reason: string, count: number, moment: string, excerpt: string) =>
      `• ${who} — \`${code}\`: ${reason}. ${count} tin, gần nhất lúc ${moment}: “${excerpt}”`,
    reason: {
      userGone: 'tài khoản không còn hoạt động trong workspace; cập nhật danh sách cán bộ',
      isBot: 'tài khoản là bot; bỏ khỏi danh sách cán bộ',
      notInChannel: 'bot chưa được mời vào kênh',
      channelGone: 'kênh không tồn tại hoặc đã lưu trữ; sửa mã kênh của khối',
      other: 'Slack từ chối tin nhắn',
    },
    moreRecipients: (count: number) => `• và ${count} người nhận khác`,
  },
  {
    moment: (time: string, date: string) => `${time} on ${date}`,
    task: {
      pledge: (year: number) => `sign the ${year} emulation pledge`,
      report: (period: string) => `submit the ${periodInSentence(period)} report`,
      resubmission: (period: string) => `resubmit the returned ${periodInSentence(period)} report`,
    },
    daysLeft: (days: number, task: string, moment: string) =>
      `${days} ${days === 1 ? 'day' : 'days'} left until the deadline to ${task} (${moment}).`,
    dueToday: (task: string, moment: string) => `Today is the deadline to ${task} (${moment}).`,
    daysLate: (days: number, task: string, moment: string) =>
      days > 0
        ? `${days} ${days === 1 ? 'day' : 'days'} past the deadline to ${task} (${moment}).`
        : `Past the deadline to ${task} (${moment}).`,
    done: {
      pledge: (done: number, total: number) => `Signed: ${done}/${total} units.`,
      report: (done: number, total: number) => `Submitted: ${done}/${total} units.`,
    },
    missingLabel: { pledge: 'Not yet signed:', report: 'Not yet submitted:' },
    moreUnits: (count: number) => `and ${count} more ${count === 1 ? 'unit' : 'units'}`,
    officersLabel: 'Officers in charge:',
    moreOfficers: (count: number) => `and ${count} more ${count === 1 ? 'officer' : 'officers'}`,
    noOfficerLabel: 'No officer listed for:',
    noOfficer: 'no officer listed',
    unitMissing: {
      pledge: (unit: string) => `${unit} has not signed the pledge yet.`,
      report: (unit: string) => `${unit} has not submitted the report yet.`,
      resubmission: (unit: string) => `${unit} has not resubmitted the report yet.`,
    },
    open: { pledge: 'Sign the pledge', report: 'Submit the report' },
    lateUnits: {
      pledge: (block: string, late: number, total: number) => `${block}: ${late}/${total} units have not signed the pledge yet:`,
      report: (block: string, late: number, total: number) => `${block}: ${late}/${total} units have not submitted the report yet:`,
      resubmission: (block: string) => `${block}: a returned report has not been resubmitted yet:`,
    },
    escalationWhy: "Sent to the block lead's officers to follow up with these units.",
    leadAsks: (unit: string, user: string) => `The block lead (${unit}, ${user}) asks:`,
    adminAsks: (user: string) => `Admin ${user} asks:`,
    digestIntro: (count: number) =>
      `${count} ${count === 1 ? 'message' : 'messages'} could not be delivered because the recipient or channel can no longer be reached. Please correct the organisation file and import it again (\`npx thidua import <file.yaml>\`), or invite the bot to the channel.`,
    digestLine: (who: string, code: string, reason: string, count: number, moment: string, excerpt: string) =>
      `• ${who} — \`${code}\`: ${reason}. ${count} ${count === 1 ? 'message' : 'messages'}, the latest at ${moment}: “${excerpt}”`,
    reason: {
      userGone: 'the account is no longer active in the workspace; update the list of officers',
      isBot: 'the account is a bot; remove it from the list of officers',
      notInChannel: 'the bot has not been invited to the channel',
      channelGone: "the channel does not exist or is archived; correct the block's channel id",
      other: 'Slack refused the message',
    },
    moreRecipients: (count: number) => `• and ${count} more ${count === 1 ? 'recipient' : 'recipients'}`,
  },
);

const REMINDER_EMOJI = '⏰';

/** What a nudge is about. The year is part of a report's key: period codes repeat every year. */
export type NudgeSubject =
  | { kind: 'pledge'; year: number }
  /** `resubmission`: a report the lead returned, due again (its resubmission due). */
  | { kind: 'report'; year: number; periodCode: string; periodName: string; resubmission?: boolean };

/** What a nudge's sentences speak of: the pledge, a report, or a returned report to resubmit. */
const taskOf = (subject: NudgeSubject) => (subject.kind === 'report' && subject.resubmission ? 'resubmission' : subject.kind);

/** A unit that has not submitted, with the officers to mention. */
export interface MissingUnit {
  unitName: string;
  officerIds: readonly string[];
}

interface DeadlineFacts {
  locale: Locale;
  /** The organisation's zone: every date and "days left" is read on its calendar. */
  zone: string;
  subject: NudgeSubject;
  due: Date;
  /** The instant the nudge is built for (the scheduler pass's now), for "còn 3 ngày" / "đã quá 2 ngày". */
  now: Date;
}

export interface ChannelNudgeInput extends DeadlineFacts {
  slotKind: NudgeKind;
  doneCount: number;
  totalCount: number;
  missing: readonly MissingUnit[];
  blockName: string;
}

export interface OfficerNudgeInput extends DeadlineFacts {
  slotKind: NudgeKind;
  unitName: string;
  unitCode: string;
  /** A “Nhắc” pressed by someone: the block lead's unit (or none: an admin) and who pressed it. */
  askedBy?: { userId: string; leadUnitName?: string };
}

export interface LeadEscalationInput extends DeadlineFacts {
  blockName: string;
  totalCount: number;
  late: readonly MissingUnit[];
}

export interface BuiltMessage {
  /** Plain fallback for notifications and screen readers. */
  text: string;
  blocks: KnownBlock[];
}

// Characters per list, so that a whole message stays near 10,000 (Slack refuses one much past
// 12,000, see slack-contract.md), and with it well under 50 blocks. 60 units with 3 officers each
// need about 2,000 + 3,000 in a channel nudge and 5,000 in an escalation.
const LEAD_LENGTH = 5000;
const OFFICERS_LENGTH = 4000;
const NO_OFFICER_LENGTH = 1000;
const LINES_LENGTH = 9000;
const FALLBACK_TEXT_LIMIT = 4000;

/**
 * The block channel's nudge: the deadline sentence, done count and missing units (the model
 * sentence of voice.md), then the missing units' officers mentioned, and a button that opens the
 * form for the presser's own unit (the value carries no unit code).
 */
export function buildChannelNudge(input: ChannelNudgeInput): BuiltMessage {
  const text = nudgeText[input.locale];
  const kind = input.subject.kind;
  const names = input.missing.map((unit) => escapeMrkdwn(unit.unitName));
  const opening = `${REMINDER_EMOJI} ${deadlineSentence(input, input.slotKind)} ${text.done[kind](input.doneCount, input.totalCount)}`;
  const lead = names.length ? labelledList(`${opening} ${text.missingLabel[kind]}`, names, text.moreUnits, LEAD_LENGTH, '; ') : [opening];

  const officers = input.missing.flatMap((unit) => unit.officerIds.map(mention));
  const withoutOfficer = input.missing.filter((unit) => unit.officerIds.length === 0).map((unit) => escapeMrkdwn(unit.unitName));
  const blocks: KnownBlock[] = [
    ...lead.map((part) => section(part)),
    ...(officers.length ? labelledList(text.officersLabel, officers, text.moreOfficers, OFFICERS_LENGTH).map((part) => section(part)) : []),
    ...(withoutOfficer.length
      ? labelledList(text.noOfficerLabel, withoutOfficer, text.moreUnits, NO_OFFICER_LENGTH, '; ').map((part) => section(part))
      : []),
    actions(NUDGE_ACTIONS_BLOCK, openButton(input.locale, nudgeTarget(input.subject))),
    context(escapeMrkdwn(input.blockName)),
  ];
  return { text: fallback(names.length ? `${opening} ${text.missingLabel[kind]} ${names.join('; ')}.` : opening), blocks };
}

/** The DM to one officer of a unit that has not submitted: the deadline, the unit, and a button that opens its form. */
export function buildOfficerNudge(input: OfficerNudgeInput): BuiltMessage {
  const text = nudgeText[input.locale];
  const asked = input.askedBy
    ? `${input.askedBy.leadUnitName ? text.leadAsks(escapeMrkdwn(input.askedBy.leadUnitName), mention(input.askedBy.userId)) : text.adminAsks(mention(input.askedBy.userId))} `
    : '';
  const line = `${REMINDER_EMOJI} ${asked}${deadlineSentence(input, input.slotKind)} ${text.unitMissing[taskOf(input.subject)](escapeMrkdwn(input.unitName))}`;
  return {
    text: fallback(line),
    blocks: [section(line), actions(NUDGE_ACTIONS_BLOCK, openButton(input.locale, nudgeTarget(input.subject, input.unitCode)))],
  };
}

/** The DM to the block lead's officers after an overdue nudge: how late, and each late unit with its officers. */
export function buildLeadEscalation(input: LeadEscalationInput): BuiltMessage {
  const text = nudgeText[input.locale];
  const opening = `${REMINDER_EMOJI} ${deadlineSentence(input, 'overdue')} ${text.lateUnits[taskOf(input.subject)](escapeMrkdwn(input.blockName), input.late.length, input.totalCount)}`;
  const lines = input.late.map(
    (unit) =>
      `• ${escapeMrkdwn(unit.unitName)}: ${unit.officerIds.length ? unit.officerIds.map(mention).join(', ') : `_${text.noOfficer}_`}`,
  );
  const listed = packTexts(lines, '\n', { maxLength: LINES_LENGTH, more: (count) => `• ${text.moreUnits(count)}` });
  return {
    text: fallback(`${opening} ${input.late.map((unit) => escapeMrkdwn(unit.unitName)).join('; ')}.`),
    blocks: [section(opening), ...listed.map((part) => section(part)), context(text.escalationWhy)],
  };
}

/** A message the outbox gave up on because its recipient cannot be reached (an outbox row `skipped`). */
export interface UndeliveredMessage {
  recipient: { user: string } | { channel: string };
  /** The Slack error, e.g. user_not_found, account_inactive, not_in_channel, channel_not_found. */
  error: string;
  /** The text of what was being sent. */
  text: string;
  queuedAt: Date;
}

export interface DeliveryDigestInput {
  locale: Locale;
  zone: string;
  undelivered: readonly UndeliveredMessage[];
}

const EXCERPT_LIMIT = 120;

/**
 * One DM for admins: each unreachable recipient once (grouped with its error), what was being sent
 * to it most recently, and what to fix. Returns undefined when there is nothing to report.
 */
export function buildDeliveryDigest(input: DeliveryDigestInput): BuiltMessage | undefined {
  if (input.undelivered.length === 0) return undefined;
  const text = nudgeText[input.locale];
  const lines = undeliveredLines(input.undelivered, input.zone, input.locale);
  const intro = text.digestIntro(input.undelivered.length);
  const listed = packTexts(lines, '\n', { maxLength: LINES_LENGTH, more: text.moreRecipients });
  return { text: fallback(intro), blocks: [section(intro), ...listed.map((part) => section(part))] };
}

/** One line per unreachable recipient and error: who, why, what to fix, how many and the latest (the digest's, and the admins' App Home's). */
export function undeliveredLines(undelivered: readonly UndeliveredMessage[], zone: string, locale: Locale): string[] {
  const text = nudgeText[locale];
  const groups = new Map<string, UndeliveredMessage[]>();
  for (const item of undelivered) {
    const key = `${'user' in item.recipient ? item.recipient.user : item.recipient.channel} ${item.error}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups.values()].map((items) => {
    const latest = items.reduce((a, b) => (b.queuedAt.getTime() > a.queuedAt.getTime() ? b : a));
    const { recipient, error } = latest;
    const who = 'user' in recipient ? `<@${recipient.user}> (\`${recipient.user}\`)` : `<#${recipient.channel}> (\`${recipient.channel}\`)`;
    return text.digestLine(
      who,
      error,
      text.reason[reasonOf(error)],
      items.length,
      momentOf(latest.queuedAt, zone, locale),
      excerptOf(latest.text),
    );
  });
}

/** One line of what was sent, without Slack markup that a cut could break (<@U…> becomes @U…). */
function excerptOf(text: string): string {
  const plain = text.replace(
    /<([@#!]?)([^>|]*)(?:\|([^>]*))?>/g,
    (_, sigil: string, target: string, label?: string) => label ?? `${sigil}${target}`,
  );
  return truncate(plain.replace(/\s+/g, ' ').trim(), EXCERPT_LIMIT);
}

function reasonOf(error: string): keyof (typeof nudgeText)['vi']['reason'] {
  switch (error) {
    case 'user_not_found':
    case 'account_inactive':
    case 'user_disabled':
    case 'invalid_users':
      return 'userGone';
    case 'cannot_dm_bot':
      return 'isBot';
    case 'not_in_channel':
      return 'notInChannel';
    case 'channel_not_found':
    case 'is_archived':
      return 'channelGone';
    default:
      return 'other';
  }
}

// ── Buttons ─────────────────────────────────────────────────────────────────────────────────

/** What a nudge button opens: the pledge of a year, or a period's report; for a unit, or (no unitCode) the presser's own. */
export type NudgeTarget =
  | { kind: 'pledge'; year: number; unitCode?: string }
  | { kind: 'report'; year: number; periodCode: string; unitCode?: string };

function nudgeTarget(subject: NudgeSubject, unitCode?: string): NudgeTarget {
  const unit = unitCode === undefined ? {} : { unitCode };
  return subject.kind === 'pledge'
    ? { kind: 'pledge', year: subject.year, ...unit }
    : { kind: 'report', year: subject.year, periodCode: subject.periodCode, ...unit };
}

/** The button's action_id and value: 'year[:unit]' for a pledge, 'year:period[:unit]' for a report (codes never hold ':'). */
export function nudgeButtonValue(target: NudgeTarget): { actionId: string; value: string } {
  const parts = target.kind === 'pledge' ? [String(target.year)] : [String(target.year), target.periodCode];
  if (target.unitCode !== undefined) parts.push(target.unitCode);
  return { actionId: target.kind === 'pledge' ? NUDGE_OPEN_PLEDGE : NUDGE_OPEN_REPORT, value: parts.join(':') };
}

/** Reads a nudge button back (for the action handler); undefined when the value is not one of ours. */
export function parseNudgeButtonValue(actionId: string, value: string): NudgeTarget | undefined {
  const parts = value.split(':');
  const year = Number(parts[0]);
  if (!Number.isInteger(year) || parts.some((part) => part === '')) return undefined;
  const unit = (code: string | undefined) => (code === undefined ? {} : { unitCode: code });
  if (actionId === NUDGE_OPEN_PLEDGE && parts.length <= 2) return { kind: 'pledge', year, ...unit(parts[1]) };
  if (actionId === NUDGE_OPEN_REPORT && parts.length >= 2 && parts.length <= 3)
    return { kind: 'report', year, periodCode: parts[1]!, ...unit(parts[2]) };
  return undefined;
}

function openButton(locale: Locale, target: NudgeTarget) {
  const { actionId, value } = nudgeButtonValue(target);
  return button(nudgeText[locale].open[target.kind], actionId, value, 'primary');
}

// ── Sentences ───────────────────────────────────────────────────────────────────────────────

/** "Còn 3 ngày đến hạn …", "Hôm nay là hạn …" or "Đã quá 2 ngày so với hạn …", counted in local calendar days. */
function deadlineSentence(facts: DeadlineFacts, kind: NudgeKind): string {
  const text = nudgeText[facts.locale];
  const { subject } = facts;
  const task =
    subject.kind === 'pledge'
      ? text.task.pledge(subject.year)
      : (subject.resubmission ? text.task.resubmission : text.task.report)(escapeMrkdwn(subject.periodName));
  const moment = momentOf(facts.due, facts.zone, facts.locale);
  const days = daysBetween(localDateOf(facts.now, facts.zone), localDateOf(facts.due, facts.zone));
  if (kind === 'overdue') return text.daysLate(Math.max(0, -days), task, moment);
  return days > 0 ? text.daysLeft(days, task, moment) : text.dueToday(task, moment);
}

/** `label item, item, …` spread over as many texts as needed (`maxLength` characters in all), ending with a full stop. */
/** "17:00 ngày 10/04/2021" · "17:00 on 10 Apr 2021", in `zone`. */
export function momentOf(instant: Date, zone: string, locale: Locale): string {
  return nudgeText[locale].moment(formatTime(instant, zone), formatDate(instant, zone, locale));
}

/** Unit names are set apart by semicolons (voice.md: a name may hold a comma), people by commas. */
function labelledList(
  label: string,
  items: readonly string[],
  more: (count: number) => string,
  maxLength: number,
  separator: '; ' | ', ' = ', ',
): string[] {
  const [first, ...rest] = items;
  const parts = packTexts([`${label} ${first}`, ...rest], separator, { limit: 2999, maxLength, more, moreSeparator: ' ' });
  return parts.map((part, index) => (index === parts.length - 1 ? `${part}.` : part));
}

function fallback(text: string): string {
  return truncate(text, FALLBACK_TEXT_LIMIT);
}

/**
 * Several reminders for one person in one pass as one DM: each one's blocks in turn, a divider
 * between, block ids made unique; the texts one under the other. One message is returned as it is.
 */
export function combineNudges(messages: readonly BuiltMessage[]): BuiltMessage {
  if (messages.length === 1) return messages[0]!;
  const blocks = messages.flatMap((message, index) => [
    ...(index > 0 ? [divider()] : []),
    ...message.blocks.map((block) => (block.block_id ? { ...block, block_id: `${block.block_id}_${index + 1}` } : block)),
  ]);
  return { text: truncate(messages.map((message) => message.text).join('\n'), FALLBACK_TEXT_LIMIT), blocks };
}
