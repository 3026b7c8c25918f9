import type { KnownBlock, SectionBlock } from '@slack/types';
import { formatDate, formatDateTime } from '../i18n/format';
import { defineMessages, type Locale } from '../i18n/messages';
import { periodInSentence } from '../i18n/period-names';
import { button, context, escapeMrkdwn, header, section } from './blocks';
import { nudgeButtonValue } from './nudges';
import { dueDistance } from './status';

/**
 * `/thidua hanchot`: the caller's dues for the year — the pledge and every period — with where the
 * unit stands on each and a button to act on what is still to do. Admins outside every unit see how
 * many units of each block are done.
 */
export type DueState = 'todo' | 'returned' | 'done' | 'pending_change';

export interface UnitDue {
  subject: { kind: 'pledge' } | { kind: 'report'; periodCode: string; periodName: string };
  due: Date;
  /** The due is the unit's own: an admin extended it (gia hạn). */
  extended?: boolean;
  state: DueState;
  /** When the unit signed or first submitted. */
  doneAt?: Date;
  late?: boolean;
  /** A report the lead has reviewed (confirmed). */
  reviewed?: boolean;
  /** A submitted report an admin reopened (molai): the unit changes it directly until then. */
  reopenedUntil?: Date;
  /** When a report not yet submitted opens for submission (years[].report_opens_days before its period ends). */
  opensAt?: Date;
}

export interface BlockCount {
  blockName: string;
  done: number;
  total: number;
}

/** A due with how many units of each block are done with it. */
export interface BlockDue {
  subject: UnitDue['subject'];
  due: Date;
  counts: BlockCount[];
}

export const deadlinesText = defineMessages(
  {
    title: (year: number) => `Hạn chót năm ${year}`,
    unitIntro: (unit: string, block: string) => `*${unit}* — ${block}`,
    adminIntro: 'Tình hình các khối thi đua theo từng hạn.',
    pledge: (year: number) => `Giao ước thi đua năm ${year}`,
    report: (period: string) => `Báo cáo ${periodInSentence(period)}`,
    line: (task: string, due: string, distance: string, state: string) => `*${task}* — hạn ${due} (${distance}) — ${state}`,
    extended: (due: string) => `${due}, đã gia hạn`,
    state: {
      pledge: { todo: 'Chưa ký', returned: 'Chưa ký', done: 'Đã ký', pending_change: 'Có đề nghị sửa đổi chờ duyệt' } satisfies Record<
        DueState,
        string
      >,
      report: {
        todo: 'Chưa nộp',
        returned: 'Bị trả lại, cần nộp lại',
        done: 'Đã nộp',
        pending_change: 'Có đề nghị sửa chờ duyệt',
      } satisfies Record<DueState, string>,
    },
    doneAt: (at: string, late: boolean) => ` ${at}${late ? ' (muộn)' : ''}`,
    reviewed: ', đã thẩm định',
    reopened: (until: string) => `; đã mở lại để đơn vị sửa đến ${until}`,
    notOpen: (opens: string) => `Chưa mở (mở từ ${opens})`,
    finished: (items: string) => `Đã xong: ${items}.`,
    finishedItem: (task: string, at: string) => `${task} (${at})`,
    blockCount: (block: string, done: number, total: number) => `${block}: ${done}/${total}`,
    sign: 'Ký giao ước',
    submit: 'Nộp báo cáo',
    resubmit: 'Sửa, nộp lại',
    change: 'Sửa báo cáo',
    nothing: 'Năm nay chưa có hạn nào trong tệp tổ chức.',
    noBlock: (unit: string) => `${unit} chưa thuộc khối thi đua nào, nên chưa có hạn nộp.`,
  },
  {
    title: (year: number) => `Deadlines ${year}`,
    unitIntro: (unit: string, block: string) => `*${unit}* — ${block}`,
    adminIntro: 'How the blocks stand on each deadline.',
    pledge: (year: number) => `Emulation pledge ${year}`,
    report: (period: string) => `Report for ${periodInSentence(period)}`,
    line: (task: string, due: string, distance: string, state: string) => `*${task}* — due ${due} (${distance}) — ${state}`,
    extended: (due: string) => `${due}, extended`,
    state: {
      pledge: {
        todo: 'Not signed',
        returned: 'Not signed',
        done: 'Signed',
        pending_change: 'An amendment awaits approval',
      } satisfies Record<DueState, string>,
      report: {
        todo: 'Not submitted',
        returned: 'Returned, to resubmit',
        done: 'Submitted',
        pending_change: 'A change awaits approval',
      } satisfies Record<DueState, string>,
    },
    doneAt: (at: string, late: boolean) => ` ${at}${late ? ' (late)' : ''}`,
    reviewed: ', reviewed',
    reopened: (until: string) => `; reopened for the unit to change until ${until}`,
    notOpen: (opens: string) => `Not open yet (opens ${opens})`,
    finished: (items: string) => `Done: ${items}.`,
    finishedItem: (task: string, at: string) => `${task} (${at})`,
    blockCount: (block: string, done: number, total: number) => `${block}: ${done}/${total}`,
    sign: 'Sign the pledge',
    submit: 'Submit report',
    resubmit: 'Correct and resubmit',
    change: 'Change the report',
    nothing: 'The organisation file has no deadlines for this year yet.',
    noBlock: (unit: string) => `${unit} belongs to no block, so it has no deadlines.`,
  },
);

function taskOf(subject: UnitDue['subject'], year: number, locale: Locale): string {
  const text = deadlinesText[locale];
  return subject.kind === 'pledge' ? text.pledge(year) : text.report(escapeMrkdwn(subject.periodName));
}

export interface UnitDueFacts {
  year: number;
  unitCode: string;
  zone: string;
  now: Date;
  dues: UnitDue[];
}

/** A unit's dues: what is still to do (with a button), then one line for what is done and past. Also the App Home's. */
export function buildDueLines(facts: UnitDueFacts, locale: Locale): { blocks: KnownBlock[]; lines: string[] } {
  const text = deadlinesText[locale];
  const blocks: KnownBlock[] = [];
  const finished: string[] = [];
  const lines: string[] = [];
  for (const due of facts.dues) {
    const task = taskOf(due.subject, facts.year, locale);
    const doneAt =
      (due.doneAt ? text.doneAt(formatDate(due.doneAt, facts.zone, locale), due.late === true) : '') + (due.reviewed ? text.reviewed : '');
    const reopened = due.reopenedUntil && due.reopenedUntil.getTime() > facts.now.getTime() ? due.reopenedUntil : undefined;
    if (due.state === 'done' && !reopened && due.due.getTime() < facts.now.getTime()) {
      finished.push(text.finishedItem(task, doneAt.trim()));
      continue;
    }
    const dueAt = formatDateTime(due.due, facts.zone, locale);
    // A report that cannot be submitted yet says when it opens, and offers no button that would only say so.
    const notOpen = due.opensAt && due.opensAt.getTime() > facts.now.getTime() ? due.opensAt : undefined;
    const line = text.line(
      task,
      due.extended ? text.extended(dueAt) : dueAt,
      dueDistance(due.due, facts.now, facts.zone, locale),
      notOpen
        ? text.notOpen(formatDateTime(notOpen, facts.zone, locale))
        : text.state[due.subject.kind][due.state] + doneAt + (reopened ? text.reopened(formatDateTime(reopened, facts.zone, locale)) : ''),
    );
    lines.push(line);
    const block: SectionBlock = section(line);
    if (!notOpen && (due.state === 'todo' || due.state === 'returned' || reopened)) {
      const { actionId, value } = nudgeButtonValue(
        due.subject.kind === 'pledge'
          ? { kind: 'pledge', year: facts.year, unitCode: facts.unitCode }
          : { kind: 'report', year: facts.year, periodCode: due.subject.periodCode, unitCode: facts.unitCode },
      );
      block.accessory = button(
        due.subject.kind === 'pledge' ? text.sign : due.state === 'returned' ? text.resubmit : reopened ? text.change : text.submit,
        actionId,
        value,
        'primary',
      );
    }
    blocks.push(block);
  }
  if (facts.dues.length === 0) blocks.push(section(text.nothing));
  if (finished.length) blocks.push(context(text.finished(finished.join('; '))));
  return { blocks, lines };
}

/** `/thidua hanchot` for a unit's officer. */
export function buildUnitDeadlines(
  facts: UnitDueFacts & { unitName: string; blockName: string },
  locale: Locale,
): { text: string; blocks: KnownBlock[] } {
  const text = deadlinesText[locale];
  const due = buildDueLines(facts, locale);
  return {
    text: [text.title(facts.year), ...due.lines].join('\n'),
    blocks: [
      header(text.title(facts.year)),
      section(text.unitIntro(escapeMrkdwn(facts.unitName), escapeMrkdwn(facts.blockName))),
      ...due.blocks,
    ],
  };
}

/** For admins: each due with how many units of each block are done. */
export function buildBlockDeadlines(
  facts: { year: number; zone: string; now: Date; dues: BlockDue[] },
  locale: Locale,
): { text: string; blocks: KnownBlock[] } {
  const text = deadlinesText[locale];
  const blocks: KnownBlock[] = [header(text.title(facts.year)), context(text.adminIntro)];
  const lines = facts.dues.map((due) => {
    const counts = due.counts.map((count) => text.blockCount(escapeMrkdwn(count.blockName), count.done, count.total)).join(' · ');
    return `*${taskOf(due.subject, facts.year, locale)}* — ${formatDateTime(due.due, facts.zone, locale)} (${dueDistance(due.due, facts.now, facts.zone, locale)})\n${counts}`;
  });
  blocks.push(...(lines.length ? lines.map((line) => section(line)) : [section(text.nothing)]));
  return { text: [text.title(facts.year), ...lines].join('\n'), blocks };
}
