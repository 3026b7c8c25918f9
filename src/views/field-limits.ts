import {
  adminIds,
  CHANGE_REQUEST_REASON_BLOCK,
  deliberationIds,
  directiveIds,
  PLEDGE_COMMITMENTS_BLOCK,
  PLEDGE_TARGET_BLOCK_PREFIX,
  REPORT_EVIDENCE_BLOCK,
  REPORT_NOTES_BLOCK,
  REPORT_REASON_BLOCK_PREFIX,
  REPORT_VALUE_BLOCK_PREFIX,
  REVIEW_NOTE_BLOCK_PREFIX,
  REVIEW_POINTS_BLOCK_PREFIX,
  REVIEW_REASON_BLOCK,
  REVIEW_VALUE_BLOCK_PREFIX,
  STATUS_CONFIRM_COMMENT_BLOCK,
  UNIT_CHANGE_REASON_BLOCK,
} from './ids';

/**
 * The most characters each text input takes. The modals set these as max_length, and every
 * submission is held to them on the server (src/listener-guards.ts) before any handler reads it:
 * Slack enforces max_length only in its own clients, and a forged submission is not one.
 */
export const FIELD_LIMITS = {
  number: 30,
  reportReason: 500,
  evidenceUrl: 1000,
  notes: 3000,
  commitments: 3000,
  reviewPoints: 20,
  reviewNote: 500,
  reason: 1000,
  directiveNumber: 100,
  directiveKind: 60,
  directiveIssuer: 200,
  directiveTitle: 1000,
  directiveSummary: 3000,
  directiveUrl: 1000,
  directiveTags: 1000,
  /** A ballot's change code: 12 characters, with dashes or spaces as people type them. */
  ballotCode: 30,
  holidayName: 100,
} as const;

/** Block ids (exact, or a prefix followed by an id) and their limit. */
const BY_BLOCK: readonly [blockId: string, kind: 'exact' | 'prefix', limit: number][] = [
  [REPORT_VALUE_BLOCK_PREFIX, 'prefix', FIELD_LIMITS.number],
  [REPORT_REASON_BLOCK_PREFIX, 'prefix', FIELD_LIMITS.reportReason],
  [REPORT_EVIDENCE_BLOCK, 'exact', FIELD_LIMITS.evidenceUrl],
  [REPORT_NOTES_BLOCK, 'exact', FIELD_LIMITS.notes],
  [PLEDGE_TARGET_BLOCK_PREFIX, 'prefix', FIELD_LIMITS.number],
  [PLEDGE_COMMITMENTS_BLOCK, 'exact', FIELD_LIMITS.commitments],
  [REVIEW_POINTS_BLOCK_PREFIX, 'prefix', FIELD_LIMITS.reviewPoints],
  [REVIEW_VALUE_BLOCK_PREFIX, 'prefix', FIELD_LIMITS.reviewPoints],
  [REVIEW_NOTE_BLOCK_PREFIX, 'prefix', FIELD_LIMITS.reviewNote],
  [REVIEW_REASON_BLOCK, 'exact', FIELD_LIMITS.reason],
  [STATUS_CONFIRM_COMMENT_BLOCK, 'exact', FIELD_LIMITS.reason],
  [CHANGE_REQUEST_REASON_BLOCK, 'exact', FIELD_LIMITS.reason],
  [UNIT_CHANGE_REASON_BLOCK, 'exact', FIELD_LIMITS.reason],
  [directiveIds.fields.number, 'exact', FIELD_LIMITS.directiveNumber],
  [directiveIds.fields.kindOther, 'exact', FIELD_LIMITS.directiveKind],
  [directiveIds.fields.replacedBy, 'exact', FIELD_LIMITS.directiveNumber],
  [directiveIds.fields.issuer, 'exact', FIELD_LIMITS.directiveIssuer],
  [directiveIds.fields.title, 'exact', FIELD_LIMITS.directiveTitle],
  [directiveIds.fields.summary, 'exact', FIELD_LIMITS.directiveSummary],
  [directiveIds.fields.url, 'exact', FIELD_LIMITS.directiveUrl],
  [directiveIds.fields.tags, 'exact', FIELD_LIMITS.directiveTags],
  [deliberationIds.codeBlock, 'exact', FIELD_LIMITS.ballotCode],
  [adminIds.fields.reason, 'exact', FIELD_LIMITS.reason],
  [adminIds.fields.holidayName, 'exact', FIELD_LIMITS.holidayName],
];

/** Slack's own limit on an option's value (checkboxes, radio buttons, selects). */
export const OPTION_VALUE_LIMIT = 150;

/** The limit of the text input in block `blockId`; a block id no modal has gets the smallest, so nothing unknown is stored long. */
export function fieldLimit(blockId: string): number {
  for (const [id, kind, limit] of BY_BLOCK) if (kind === 'exact' ? blockId === id : blockId.startsWith(id)) return limit;
  return FIELD_LIMITS.number;
}
