import type { ActionsBlock, InputBlock, KnownBlock, ModalView } from '@slack/types';
import { fitWithin } from '../domain/pagination';
import type { VersionStatus } from '../domain/versions';
import { countOf, formatDateTime, quotedAtEnd } from '../i18n/format';
import { defineMessages, type Locale } from '../i18n/messages';
import { context, escapeMrkdwn, field, formModal, mention, noticeModal, packTexts, section, truncate } from './blocks';
import { FIELD_LIMITS } from './field-limits';
import {
  CHANGE_REQUEST_ACTIONS_BLOCK_PREFIX,
  CHANGE_REQUEST_APPROVE,
  CHANGE_REQUEST_REASON_ACTION,
  CHANGE_REQUEST_REASON_BLOCK,
  CHANGE_REQUEST_REASON_CALLBACK,
  CHANGE_REQUEST_REJECT,
  UNIT_CHANGE_REASON_BLOCK,
} from './ids';

/**
 * A change that needs the block lead's decision (a pledge amendment after the due; later a report
 * edit after its grace), as the messages show it. Every kind of request fills this in.
 */
export interface ChangeRequestFacts {
  kind: string;
  id: number;
  /** What the request changes, e.g. "Sửa đổi giao ước thi đua năm 2021". */
  title: string;
  unitName: string;
  /** One line per change, already in the organisation's language and escaped for mrkdwn. */
  changes: string[];
  status: VersionStatus;
  requestedBy: string;
  requestedAt: Date;
  actingAsAdmin: boolean;
  decidedBy?: string | null;
  decidedAt?: Date | null;
  /** The decider's reason for a rejection. */
  reason?: string | null;
  /** Why the unit asks for the change (“Lý do điều chỉnh”); null on a request stored before it was asked. */
  changeReason?: string | null;
}

export const changeRequestText = defineMessages(
  {
    heading: (title: string, unit: string) => `*Đề nghị: ${title}* — ${unit}`,
    requested: (by: string, at: string, byAdmin: boolean) => `Người gửi: ${by}, ${at}${byAdmin ? ' (quản trị viên thay đơn vị)' : ''}`,
    changes: '*Thay đổi:*',
    changeReason: (reason: string) => `*Lý do điều chỉnh:* “${reason}”`,
    yourReason: (reason: string) => `Lý do điều chỉnh đơn vị đã nêu: ${quotedAtEnd(reason)}`,
    reasonField: 'Lý do điều chỉnh',
    reasonFieldHint: 'Bắt buộc: vì sao đơn vị đề nghị điều chỉnh. Trưởng khối đọc lý do này khi duyệt.',
    reasonFieldRequired: 'Cần nêu lý do điều chỉnh.',
    noChanges: 'Không có thay đổi nào.',
    moreChanges: (count: number) => `… và ${count} thay đổi khác.`,
    approve: 'Duyệt',
    reject: 'Từ chối',
    state: {
      pending: 'Đang chờ duyệt.',
      accepted: (by: string, at: string) => `✅ Đã duyệt: ${by}, ${at}.`,
      rejected: (by: string, at: string, reason: string) => `Đã từ chối: ${by}, ${at}. Lý do: ${quotedAtEnd(reason)}`,
      withdrawn: (at: string) => `Người đề nghị đã rút lại hoặc thay bằng đề nghị mới hơn (${at}).`,
    },
    outcome: {
      approved: (title: string, unit: string, by: string, at: string) =>
        `✅ Đề nghị “${title}” của ${unit} đã được ${by} duyệt lúc ${at}; bản sửa đổi có hiệu lực từ nay.`,
      rejected: (title: string, unit: string, by: string, at: string, reason: string) =>
        `Đề nghị “${title}” của ${unit} đã bị ${by} từ chối lúc ${at}. Lý do: ${quotedAtEnd(reason)} Bản đang có hiệu lực giữ nguyên.`,
    },
    alreadyDecided: (by: string, at: string, what: string) => `Đề nghị này đã được xử lý bởi ${by} lúc ${at} (${what}).`,
    what: {
      accepted: 'đã duyệt',
      rejected: 'đã từ chối',
      withdrawn: 'đã rút lại hoặc thay bằng đề nghị mới hơn',
      pending: 'đang chờ duyệt',
    } satisfies Record<VersionStatus, string>,
    notAllowed: (decider: string) => `Chỉ ${decider} hoặc quản trị viên mới duyệt được đề nghị này.`,
    deciderLead: (unit: string) => `cán bộ của đơn vị Trưởng khối (${unit})`,
    deciderDeputy: (unit: string) => `cán bộ của đơn vị Phó Trưởng khối (${unit})`,
    deciderAdmins: 'Ban Thi đua – Khen thưởng',
    gone: 'Không tìm thấy đề nghị này; có thể dữ liệu đã thay đổi.',
    approvedDone: (title: string, unit: string, requester: string) =>
      `✅ Đã duyệt đề nghị “${title}” của ${unit}; ${requester} đã được báo kết quả.`,
    rejectedDone: (title: string, unit: string, requester: string) =>
      `Đã từ chối đề nghị “${title}” của ${unit}; ${requester} đã được báo kết quả và lý do.`,
    reasonTitle: 'Từ chối đề nghị',
    reasonSubmit: 'Từ chối',
    reasonCancel: 'Hủy',
    reasonClose: 'Đóng',
    reasonLabel: 'Lý do từ chối',
    reasonHint: 'Lý do được gửi tới người đề nghị.',
    reasonRequired: 'Cần nêu lý do từ chối.',
  },
  {
    heading: (title: string, unit: string) => `*Request: ${title}* — ${unit}`,
    requested: (by: string, at: string, byAdmin: boolean) => `Sent by ${by}, ${at}${byAdmin ? ' (an admin for the unit)' : ''}`,
    changes: '*Changes:*',
    changeReason: (reason: string) => `*Reason for the change:* “${reason}”`,
    yourReason: (reason: string) => `The reason the unit gave: ${quotedAtEnd(reason)}`,
    reasonField: 'Reason for the change',
    reasonFieldHint: 'Required: why the unit asks for this change. The block lead reads it when deciding.',
    reasonFieldRequired: 'Give the reason for the change.',
    noChanges: 'No changes.',
    moreChanges: (count: number) => `… and ${countOf(count, 'more change')}.`,
    approve: 'Approve',
    reject: 'Reject',
    state: {
      pending: 'Awaiting a decision.',
      accepted: (by: string, at: string) => `✅ Approved by ${by}, ${at}.`,
      rejected: (by: string, at: string, reason: string) => `Rejected by ${by}, ${at}. Reason: ${quotedAtEnd(reason)}`,
      withdrawn: (at: string) => `Taken back or replaced by a newer request (${at}).`,
    },
    outcome: {
      approved: (title: string, unit: string, by: string, at: string) =>
        `✅ The request “${title}” of ${unit} was approved by ${by} at ${at}; the amended version is now in force.`,
      rejected: (title: string, unit: string, by: string, at: string, reason: string) =>
        `The request “${title}” of ${unit} was rejected by ${by} at ${at}. Reason: ${quotedAtEnd(reason)} The version in force stays.`,
    },
    alreadyDecided: (by: string, at: string, what: string) => `This request was already handled by ${by} at ${at} (${what}).`,
    what: {
      accepted: 'approved',
      rejected: 'rejected',
      withdrawn: 'taken back or replaced by a newer request',
      pending: 'awaiting a decision',
    } satisfies Record<VersionStatus, string>,
    notAllowed: (decider: string) => `Only ${decider} or an admin can decide this request.`,
    deciderLead: (unit: string) => `the officers of the block lead (${unit})`,
    deciderDeputy: (unit: string) => `the officers of the deputy block lead (${unit})`,
    deciderAdmins: 'the Emulation & Commendation Board',
    gone: 'This request no longer exists; the data may have changed.',
    approvedDone: (title: string, unit: string, requester: string) => `✅ Approved “${title}” of ${unit}; ${requester} has been told.`,
    rejectedDone: (title: string, unit: string, requester: string) =>
      `Rejected “${title}” of ${unit}; ${requester} has been told, with the reason.`,
    reasonTitle: 'Reject the request',
    reasonSubmit: 'Reject',
    reasonCancel: 'Cancel',
    reasonClose: 'Close',
    reasonLabel: 'Reason',
    reasonHint: 'The reason is sent to whoever asked.',
    reasonRequired: 'Give a reason for the rejection.',
  },
);

/** What the buttons carry: "<kind>:<id>". */
export function changeRequestValue(request: Pick<ChangeRequestFacts, 'kind' | 'id'>): string {
  return `${request.kind}:${request.id}`;
}

export function parseChangeRequestValue(value: string | undefined): { kind: string; id: number } | undefined {
  const match = /^([a-z_]+):(\d+)$/.exec(value ?? '');
  return match ? { kind: match[1]!, id: Number(match[2]) } : undefined;
}

/** Approve / Reject for one request, wherever it is shown (the lead's DM, a table for those who may decide). */
export function changeRequestActions(request: Pick<ChangeRequestFacts, 'kind' | 'id'>, locale: Locale): ActionsBlock {
  const text = changeRequestText[locale];
  const value = changeRequestValue(request);
  return {
    type: 'actions',
    block_id: `${CHANGE_REQUEST_ACTIONS_BLOCK_PREFIX}${request.kind}_${request.id}`,
    elements: [
      { type: 'button', action_id: CHANGE_REQUEST_APPROVE, style: 'primary', text: { type: 'plain_text', text: text.approve }, value },
      { type: 'button', action_id: CHANGE_REQUEST_REJECT, style: 'danger', text: { type: 'plain_text', text: text.reject }, value },
    ],
  };
}

/** "đã được xử lý bởi <@U…> lúc 10:00 05/04/2021 (đã duyệt)". */
export function alreadyDecidedText(request: ChangeRequestFacts, zone: string, locale: Locale): string {
  const text = changeRequestText[locale];
  return text.alreadyDecided(
    request.decidedBy ? mention(request.decidedBy) : '—',
    request.decidedAt ? formatDateTime(request.decidedAt, zone, locale) : '—',
    text.what[request.status],
  );
}

function stateLine(request: ChangeRequestFacts, zone: string, locale: Locale): string {
  const text = changeRequestText[locale].state;
  const by = request.decidedBy ? mention(request.decidedBy) : '—';
  const at = request.decidedAt ? formatDateTime(request.decidedAt, zone, locale) : '—';
  switch (request.status) {
    case 'pending':
      return text.pending;
    case 'accepted':
      return text.accepted(by, at);
    case 'rejected':
      return text.rejected(by, at, escapeMrkdwn(request.reason ?? ''));
    case 'withdrawn':
      return text.withdrawn(at);
  }
}

/** Characters of change lines in one message (Slack refuses much more than ~12k in all). */
const CHANGES_BUDGET = 8000;

/** The request as its deciders see it: who asked, when, what changes; the buttons while it is pending, else what became of it. */
export function buildChangeRequestMessage(
  request: ChangeRequestFacts,
  zone: string,
  locale: Locale,
): { text: string; blocks: KnownBlock[] } {
  const text = changeRequestText[locale];
  const fitted = fitWithin(
    request.changes.map((line) => `• ${line}`),
    (line) => line.length,
    CHANGES_BUDGET,
    1,
  );
  const lines = [...fitted.shown, ...(fitted.omitted ? [text.moreChanges(fitted.omitted)] : [])];
  const blocks: KnownBlock[] = [
    section(
      `${text.heading(escapeMrkdwn(request.title), escapeMrkdwn(request.unitName))}\n${text.requested(mention(request.requestedBy), formatDateTime(request.requestedAt, zone, locale), request.actingAsAdmin)}`,
    ),
    ...(request.changeReason ? [section(truncate(text.changeReason(escapeMrkdwn(request.changeReason)), 3000))] : []),
    ...(lines.length
      ? packTexts([text.changes, ...lines], '\n', { limit: 3000 }).map((chunk) => section(chunk))
      : [section(text.noChanges)]),
    request.status === 'pending' ? changeRequestActions(request, locale) : context(stateLine(request, zone, locale)),
  ];
  return { text: escapeMrkdwn(`${request.title} — ${request.unitName}`), blocks };
}

/** The DM to whoever asked, once the request is decided: the decision, the reason the unit gave, then what `details` adds (a report's changed points). */
export function buildChangeRequestOutcome(
  request: ChangeRequestFacts,
  zone: string,
  locale: Locale,
  details: readonly string[] = [],
): { text: string } {
  const text = changeRequestText[locale];
  const by = mention(request.decidedBy ?? '');
  const at = request.decidedAt ? formatDateTime(request.decidedAt, zone, locale) : '';
  const decision =
    request.status === 'accepted'
      ? text.outcome.approved(escapeMrkdwn(request.title), escapeMrkdwn(request.unitName), by, at)
      : text.outcome.rejected(escapeMrkdwn(request.title), escapeMrkdwn(request.unitName), by, at, escapeMrkdwn(request.reason ?? ''));
  const reason = request.changeReason ? [text.yourReason(escapeMrkdwn(request.changeReason))] : [];
  return { text: [decision, ...reason, ...details].join('\n') };
}

/** The last page's “Lý do điều chỉnh” field of a unit's form that asks for a change, with what was typed before. */
export function changeReasonField(initial: string, actionId: string, locale: Locale): InputBlock {
  const text = changeRequestText[locale];
  return field(UNIT_CHANGE_REASON_BLOCK, text.reasonField, text.reasonFieldHint, {
    type: 'plain_text_input',
    action_id: actionId,
    multiline: true,
    max_length: FIELD_LIMITS.reason,
    ...(initial ? { initial_value: initial } : {}),
  });
}

/** The error beside an empty “Lý do điều chỉnh”, by its block id. */
export function changeReasonError(locale: Locale): [string, string] {
  return [UNIT_CHANGE_REASON_BLOCK, changeRequestText[locale].reasonFieldRequired];
}

/** Asks why the request is rejected; the request is repeated so the decider sees what they reject. */
export function buildRejectReasonModal(request: ChangeRequestFacts, metadata: string, zone: string, locale: Locale): ModalView {
  const text = changeRequestText[locale];
  const message = buildChangeRequestMessage(request, zone, locale);
  return formModal({
    callbackId: CHANGE_REQUEST_REASON_CALLBACK,
    title: text.reasonTitle,
    submit: text.reasonSubmit,
    close: text.reasonCancel,
    metadata,
    blocks: [
      // The request without its own buttons, then the reason.
      ...message.blocks.filter((block) => block.type !== 'actions').slice(0, 90),
      field(CHANGE_REQUEST_REASON_BLOCK, text.reasonLabel, text.reasonHint, {
        type: 'plain_text_input',
        action_id: CHANGE_REQUEST_REASON_ACTION,
        multiline: true,
        max_length: FIELD_LIMITS.reason,
      }),
    ],
  });
}

export function buildDecisionDoneView(message: string, locale: Locale): ModalView {
  const text = changeRequestText[locale];
  return noticeModal(text.reasonTitle, text.reasonClose, truncate(message, 3000));
}
