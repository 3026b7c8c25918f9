import type { KnownBlock, ModalView } from '@slack/types';
import type { PageWindow } from '../domain/pagination';
import { formatDateTime, formatLocalDate } from '../i18n/format';
import { defineMessages, type Locale } from '../i18n/messages';
import { periodInSentence } from '../i18n/period-names';
import { adminText } from './admin';
import { context, escapeMrkdwn, header, mention, section, truncate } from './blocks';
import { adminIds } from './ids';
import { pageControls } from './paging';

/**
 * The audit log as admins read it: who did what, when, about which unit, newest first, a page at a
 * time, with the filters it was read with. The same page is a reply to `/thidua quantri nhatky` and
 * the content of the log's modal.
 */
export interface AuditPage {
  unitId?: number;
  userId?: string;
  /** Local days ('yyyy-MM-dd'), both included. */
  from?: string;
  until?: string;
  page: number;
}

export interface AuditLine {
  at: Date;
  actorUserId: string;
  actingAsAdmin: boolean;
  action: string;
  details: Record<string, unknown>;
  unitName?: string;
  periodName?: string;
  blockName?: string;
  subjectUserId?: string;
}

export interface AuditLogFacts {
  page: AuditPage;
  unitName?: string;
  lines: AuditLine[];
  window: Pick<PageWindow, 'page' | 'pageCount'>;
  total: number;
  zone: string;
}

type Words = Record<string, string>;

const auditText = defineMessages(
  {
    title: 'Nhật ký',
    filters: (parts: string, total: number) => `${parts ? `${parts} · ` : ''}${total} mục`,
    unit: (name: string) => `đơn vị: ${name}`,
    person: (user: string) => `người: ${user}`,
    from: (date: string) => `từ ${date}`,
    until: (date: string) => `đến ${date}`,
    empty: 'Không có mục nào.',
    asAdmin: ' (quản trị viên)',
    line: (at: string, actor: string, what: string, unit: string) => `*${at}* — ${actor}: ${what}${unit ? ` — ${unit}` : ''}`,
    actions: {
      'report.submitted': (d: Words) => `nộp báo cáo ${d.period}`,
      'report.updated': (d: Words) => `sửa báo cáo ${d.period}`,
      'report.change_requested': (d: Words) => `đề nghị sửa báo cáo ${d.period}${d.reason ? `, lý do: “${d.reason}”` : ''}`,
      'report.change_withdrawn': (d: Words) => `rút đề nghị sửa báo cáo ${d.period}`,
      'report.change_approved': (d: Words) => `duyệt đề nghị sửa báo cáo ${d.period}`,
      'report.change_rejected': (d: Words) => `từ chối đề nghị sửa báo cáo ${d.period}${d.reason ? `: “${d.reason}”` : ''}`,
      'report.reviewed': (d: Words) => `thẩm định báo cáo ${d.period}`,
      'report.returned': (d: Words) =>
        `trả lại báo cáo ${d.period}${d.reason ? `: “${d.reason}”` : ''}${d.due ? `, hạn nộp lại ${d.due}` : ''}`,
      'report.nudged': (d: Words) => `nhắc nộp báo cáo ${d.period}`,
      'report.due_extended': (d: Words) => `gia hạn nộp báo cáo ${d.period} đến ${d.due}: “${d.reason}”`,
      'report.reopened': (d: Words) => `mở lại báo cáo ${d.period} đến ${d.until}: “${d.reason}”`,
      'pledge.signed': (d: Words) => `ký giao ước năm ${d.year}`,
      'pledge.nudged': (d: Words) => `nhắc ký giao ước năm ${d.year}`,
      'pledge.updated': (d: Words) => `sửa giao ước năm ${d.year}`,
      'pledge.amendment_requested': (d: Words) => `đề nghị sửa giao ước năm ${d.year}${d.reason ? `, lý do: “${d.reason}”` : ''}`,
      'pledge.amendment_withdrawn': (d: Words) => `rút đề nghị sửa giao ước năm ${d.year}`,
      'pledge.amendment_approved': (d: Words) => `duyệt đề nghị sửa giao ước năm ${d.year}`,
      'pledge.amendment_rejected': (d: Words) => `từ chối đề nghị sửa giao ước năm ${d.year}${d.reason ? `: “${d.reason}”` : ''}`,
      'standings.published': (d: Words) => `đăng bảng xếp hạng ${d.period} của ${d.block}`,
      'standings.corrected': (d: Words) => `đăng bản đính chính bảng xếp hạng ${d.period} của ${d.block}`,
      'standings.summary_held': (d: Words) => `giữ bản tổng hợp bảng xếp hạng ${d.period} của ${d.block}`,
      'standings.summary_released': (d: Words) => `đăng bản tổng hợp đã giữ lại: bảng xếp hạng ${d.period} của ${d.block}`,
      'directive.added': (d: Words) => `thêm văn bản ${d.number}`,
      'directive.updated': (d: Words) => `sửa văn bản ${d.number}`,
      'officer.added': (d: Words) => `giao ${d.user} làm cán bộ thi đua${d.previousUnit ? ` (thôi phụ trách ${d.previousUnit})` : ''}`,
      'officer.removed': (d: Words) => `thôi giao ${d.user} làm cán bộ thi đua`,
      'block.leads_set': (d: Words) => `đặt Trưởng khối ${d.block} năm ${d.year}: ${d.lead}${d.deputy ? `, Phó khối ${d.deputy}` : ''}`,
      'holiday.added': (d: Words) => `thêm ngày nghỉ ${d.date}${d.name ? ` (${d.name})` : ''}`,
      'organisation.imported': (d: Words) => `nạp tệp tổ chức “${d.file}”`,
      'deliberation.opened': (d: Words) => `mở bình xét thi đua năm ${d.year} của ${d.block}`,
      'deliberation.ballot_cast': (d: Words) => `bỏ phiếu bình xét năm ${d.year} của ${d.block}`,
      'deliberation.ballot_changed': (d: Words) => `đổi phiếu bình xét năm ${d.year} của ${d.block}`,
      'deliberation.closed': (d: Words) =>
        `kết thúc bỏ phiếu bình xét năm ${d.year} của ${d.block}: ${d.ballots}/${d.members} đơn vị đã bỏ phiếu`,
    } as Record<string, (details: Words) => string>,
  },
  {
    title: 'Audit log',
    filters: (parts: string, total: number) => `${parts ? `${parts} · ` : ''}${total} entries`,
    unit: (name: string) => `unit: ${name}`,
    person: (user: string) => `person: ${user}`,
    from: (date: string) => `from ${date}`,
    until: (date: string) => `to ${date}`,
    empty: 'No entries.',
    asAdmin: ' (admin)',
    line: (at: string, actor: string, what: string, unit: string) => `*${at}* — ${actor}: ${what}${unit ? ` — ${unit}` : ''}`,
    actions: {
      'report.submitted': (d: Words) => `submitted the ${d.period} report`,
      'report.updated': (d: Words) => `changed the ${d.period} report`,
      'report.change_requested': (d: Words) => `asked to change the ${d.period} report${d.reason ? `, because “${d.reason}”` : ''}`,
      'report.change_withdrawn': (d: Words) => `withdrew a change to the ${d.period} report`,
      'report.change_approved': (d: Words) => `approved a change to the ${d.period} report`,
      'report.change_rejected': (d: Words) => `rejected a change to the ${d.period} report${d.reason ? `: “${d.reason}”` : ''}`,
      'report.reviewed': (d: Words) => `reviewed the ${d.period} report`,
      'report.returned': (d: Words) =>
        `returned the ${d.period} report${d.reason ? `: “${d.reason}”` : ''}${d.due ? `, due again ${d.due}` : ''}`,
      'report.nudged': (d: Words) => `reminded the unit of the ${d.period} report`,
      'report.due_extended': (d: Words) => `extended the ${d.period} report's due to ${d.due}: “${d.reason}”`,
      'report.reopened': (d: Words) => `reopened the ${d.period} report until ${d.until}: “${d.reason}”`,
      'pledge.signed': (d: Words) => `signed the ${d.year} pledge`,
      'pledge.nudged': (d: Words) => `reminded the unit of the ${d.year} pledge`,
      'pledge.updated': (d: Words) => `changed the ${d.year} pledge`,
      'pledge.amendment_requested': (d: Words) => `asked to amend the ${d.year} pledge${d.reason ? `, because “${d.reason}”` : ''}`,
      'pledge.amendment_withdrawn': (d: Words) => `withdrew an amendment to the ${d.year} pledge`,
      'pledge.amendment_approved': (d: Words) => `approved an amendment to the ${d.year} pledge`,
      'pledge.amendment_rejected': (d: Words) => `rejected an amendment to the ${d.year} pledge${d.reason ? `: “${d.reason}”` : ''}`,
      'standings.published': (d: Words) => `published the ${d.period} standings of ${d.block}`,
      'standings.corrected': (d: Words) => `published a correction of the ${d.period} standings of ${d.block}`,
      'standings.summary_held': (d: Words) => `held the ${d.period} standings summary of ${d.block}`,
      'standings.summary_released': (d: Words) => `posted the held ${d.period} standings summary of ${d.block}`,
      'directive.added': (d: Words) => `added directive ${d.number}`,
      'directive.updated': (d: Words) => `changed directive ${d.number}`,
      'officer.added': (d: Words) => `made ${d.user} an emulation officer${d.previousUnit ? ` (no longer of ${d.previousUnit})` : ''}`,
      'officer.removed': (d: Words) => `relieved ${d.user} as emulation officer`,
      'block.leads_set': (d: Words) => `set the ${d.year} lead of ${d.block}: ${d.lead}${d.deputy ? `, deputy ${d.deputy}` : ''}`,
      'holiday.added': (d: Words) => `added the holiday ${d.date}${d.name ? ` (${d.name})` : ''}`,
      'organisation.imported': (d: Words) => `loaded the organisation file “${d.file}”`,
      'deliberation.opened': (d: Words) => `opened the ${d.year} year-end deliberation of ${d.block}`,
      'deliberation.ballot_cast': (d: Words) => `cast a ballot in the ${d.year} deliberation of ${d.block}`,
      'deliberation.ballot_changed': (d: Words) => `changed a ballot in the ${d.year} deliberation of ${d.block}`,
      'deliberation.closed': (d: Words) =>
        `closed the vote of the ${d.year} deliberation of ${d.block}: ${d.ballots} of ${d.members} units voted`,
    } as Record<string, (details: Words) => string>,
  },
);

const REASON_SHOWN = 200;

/** An entry's details as words: text escaped (a reason may hold anything), dates in the organisation's zone. */
function wordsOf(line: AuditLine, zone: string, locale: Locale): Words {
  const words: Words = {};
  for (const [name, value] of Object.entries(line.details)) {
    if (value === null || value === undefined || typeof value === 'object') continue;
    words[name] = escapeMrkdwn(truncate(String(value), REASON_SHOWN));
  }
  for (const name of ['due', 'until'] as const) {
    const instant = typeof line.details[name] === 'string' ? new Date(line.details[name] as string) : undefined;
    if (instant && !Number.isNaN(instant.getTime())) words[name] = formatDateTime(instant, zone, locale);
  }
  if (typeof line.details.date === 'string') words.date = formatLocalDate(line.details.date, locale);
  if (line.periodName) words.period = escapeMrkdwn(periodInSentence(line.periodName));
  if (line.blockName) words.block = escapeMrkdwn(line.blockName);
  if (line.subjectUserId) words.user = mention(line.subjectUserId);
  return words;
}

function lineText(line: AuditLine, zone: string, locale: Locale): string {
  const text = auditText[locale];
  const what = text.actions[line.action]?.(wordsOf(line, zone, locale)) ?? escapeMrkdwn(line.action);
  return text.line(
    formatDateTime(line.at, zone, locale),
    mention(line.actorUserId) + (line.actingAsAdmin ? text.asAdmin : ''),
    what,
    line.unitName ? escapeMrkdwn(line.unitName) : '',
  );
}

/** A page of the log with its filters and its Previous / Next buttons. */
export function buildAuditLog(facts: AuditLogFacts, locale: Locale): { text: string; blocks: KnownBlock[] } {
  const text = auditText[locale];
  const { page } = facts;
  const filters = [
    ...(facts.unitName ? [text.unit(escapeMrkdwn(facts.unitName))] : []),
    ...(page.userId ? [text.person(mention(page.userId))] : []),
    ...(page.from ? [text.from(formatLocalDate(page.from, locale))] : []),
    ...(page.until ? [text.until(formatLocalDate(page.until, locale))] : []),
  ].join(' · ');
  const blocks: KnownBlock[] = [header(text.title), context(text.filters(filters, facts.total))];
  if (facts.lines.length === 0) blocks.push(section(text.empty));
  for (const line of facts.lines) blocks.push(section(lineText(line, facts.zone, locale)));
  blocks.push(
    ...pageControls(
      facts.window,
      { previous: adminIds.auditPrevious, next: adminIds.auditNext, block: 'admin_audit_pages' },
      (number) => JSON.stringify({ ...page, page: number } satisfies AuditPage),
      locale,
    ),
  );
  return { text: text.title, blocks };
}

/** The log's page as a modal (after its filter form, or a page button pressed in it). */
export function buildAuditLogModal(facts: AuditLogFacts, locale: Locale): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: auditText[locale].title },
    close: { type: 'plain_text', text: adminText[locale].close },
    blocks: buildAuditLog(facts, locale).blocks,
  };
}
