/**
 * Every callback_id, block_id and action_id the bot uses, in one place, so a handler and the view
 * it answers can never drift apart. One section per feature.
 */

// ── Nudges ──────────────────────────────────────────────────────────────────────────────────
/**
 * Buttons that open the pledge or report modal — in deadline nudges, a returned report's DM, a
 * lead's "Nhắc" — with values from nudgeButtonValue (src/views/nudges.ts).
 */
export const NUDGE_OPEN_PLEDGE = 'nudge_open_pledge';
export const NUDGE_OPEN_REPORT = 'nudge_open_report';
export const NUDGE_ACTIONS_BLOCK = 'nudge_actions';

// ── Pledges ─────────────────────────────────────────────────────────────────────────────────
/** The pledge modal (all its pages) and its inputs: one per pledged criterion, then the rest. */
export const PLEDGE_CALLBACK = 'pledge_submit';
/** Followed by the criterion id. */
export const PLEDGE_TARGET_BLOCK_PREFIX = 'pledge_target_';
export const PLEDGE_TITLES_BLOCK = 'pledge_titles';
export const PLEDGE_COMMITMENTS_BLOCK = 'pledge_commitments';
export const PLEDGE_SIGN_BLOCK = 'pledge_sign';
/** The action_id of every input in the pledge modal (block ids tell them apart). */
export const PLEDGE_INPUT_ACTION = 'value';
export const PLEDGE_SIGN_OPTION = 'signed';
/** The block table's page buttons; the value is a PledgeTablePage as JSON. */
export const PLEDGE_TABLE_PREVIOUS = 'pledge_table_previous';
export const PLEDGE_TABLE_NEXT = 'pledge_table_next';
/** giaouoc's “Nhắc” beside a unit that has not signed; its value is "year:unitId". */
export const PLEDGE_TABLE_NUDGE = 'pledge_table_nudge';

// ── Change requests ─────────────────────────────────────────────────────────────────────────
/** Approve / Reject on a change request (a pledge amendment, later a report edit); value "<kind>:<id>". */
export const CHANGE_REQUEST_APPROVE = 'change_request_approve';
export const CHANGE_REQUEST_REJECT = 'change_request_reject';
/** The modal asking why a request is rejected. */
export const CHANGE_REQUEST_REASON_CALLBACK = 'change_request_reason';
export const CHANGE_REQUEST_REASON_BLOCK = 'change_request_reason';
export const CHANGE_REQUEST_REASON_ACTION = 'reason';
/** The unit's reason for a change it asks for, on the last page of its pledge or report form. */
export const UNIT_CHANGE_REASON_BLOCK = 'unit_change_reason';
/** Followed by "<kind>_<id>": the actions block of one request. */
export const CHANGE_REQUEST_ACTIONS_BLOCK_PREFIX = 'change_request_';

// ── Criteria ────────────────────────────────────────────────────────────────────────────────
/** The scoring table's page buttons; the value is a CriteriaPage as JSON. */
export const CRITERIA_PREVIOUS = 'criteria_previous';
export const CRITERIA_NEXT = 'criteria_next';

// ── Directives (commands/directive.ts, src/views/directives.ts) ─────────────────────────────

export const directiveIds = {
  /** Every search button (more, previous, a suggestion) starts with this; its value is a DirectivePage. */
  searchActionPrefix: 'directive_search:',
  moreAction: 'directive_search:more',
  previousAction: 'directive_search:previous',
  suggestionAction: (index: number) => `directive_search:suggest:${index}`,
  /** The button under one result; its value is the directive id. */
  shareAction: 'directive_share',
  hitBlock: (directiveId: number) => `directive_hit:${directiveId}`,
  pagerBlock: 'directive_pager',
  suggestionsBlock: 'directive_suggestions',
  /** The add/edit modal and its inputs (block ids; each input's action id is `value`). */
  editCallback: 'directive_edit',
  inputAction: 'value',
  fields: {
    number: 'directive_number',
    kind: 'directive_kind',
    kindOther: 'directive_kind_other',
    issuer: 'directive_issuer',
    issuedOn: 'directive_issued_on',
    title: 'directive_title',
    summary: 'directive_summary',
    url: 'directive_url',
    tags: 'directive_tags',
    expiredOn: 'directive_expired_on',
    replacedBy: 'directive_replaced_by',
  },
  /** The kind select's choice for a kind not in the list (then named in kindOther). */
  otherKindValue: 'other',
} as const;

// ── Reports ─────────────────────────────────────────────────────────────────────────────────
/** The report modal (all its pages); its inputs are one per criterion, a reason beside bonus and deduction, then evidence and notes. */
export const REPORT_CALLBACK = 'report_submit';
/** Followed by the criterion id. */
export const REPORT_VALUE_BLOCK_PREFIX = 'report_value_';
export const REPORT_REASON_BLOCK_PREFIX = 'report_reason_';
export const REPORT_EVIDENCE_BLOCK = 'report_evidence';
/** The evidence files uploaded now (a file input), and those of the earlier version kept (checkboxes, values file ids). */
export const REPORT_FILES_BLOCK = 'report_files';
export const REPORT_KEPT_FILES_BLOCK = 'report_kept_files';
export const REPORT_NOTES_BLOCK = 'report_notes';
/** The action_id of every input in the report modal (block ids tell them apart). */
export const REPORT_INPUT_ACTION = 'value';

// ── Reviews (thẩm định) ─────────────────────────────────────────────────────────────────────
/** "Thẩm định" on a unit's line of the status table; value: the report version id. */
export const REVIEW_OPEN = 'review_open';
export const REVIEW_CALLBACK = 'review_submit';
/** Followed by the criterion id: the lead's points for a graded, bonus or deduction criterion. */
export const REVIEW_POINTS_BLOCK_PREFIX = 'review_points_';
/** Followed by the criterion id (and _<indicator code>): a lead's answer that is not points (version 2). */
export const REVIEW_VALUE_BLOCK_PREFIX = 'review_value_';
/** Followed by the criterion id: the reason of a change, an award or an added deduction. */
export const REVIEW_NOTE_BLOCK_PREFIX = 'review_note_';
export const REVIEW_OUTCOME_BLOCK = 'review_outcome';
export const REVIEW_REASON_BLOCK = 'review_reason';
export const REVIEW_INPUT_ACTION = 'value';
export const REVIEW_CONFIRM = 'reviewed';
export const REVIEW_RETURN = 'returned';

// ── Status (tiến độ) ────────────────────────────────────────────────────────────────────────
/** "Nhắc" beside a unit that has not reported; value "periodId:unitId". */
export const STATUS_NUDGE = 'status_nudge';
/** tiendo's “Xác nhận N báo cáo không cần chấm” and the modal listing them. */
export const STATUS_CONFIRM_MANY = 'status_confirm_many';
export const STATUS_CONFIRM_CALLBACK = 'status_confirm_submit';
export const STATUS_CONFIRM_ACTIONS_BLOCK = 'status_confirm_actions';
/** The lead's optional comment in that modal, sent with every confirmation. */
export const STATUS_CONFIRM_COMMENT_BLOCK = 'status_confirm_comment';
export const STATUS_CONFIRM_COMMENT_ACTION = 'comment';
/** The status table's page buttons; the value is a StatusPage as JSON. */
export const STATUS_PREVIOUS = 'status_previous';
export const STATUS_NEXT = 'status_next';

// ── Standings ───────────────────────────────────────────────────────────────────────────────
/** The standings' page buttons; the value is a StandingsPage as JSON. */
export const STANDINGS_PREVIOUS = 'standings_previous';
export const STANDINGS_NEXT = 'standings_next';
/** "Chi tiết" beside a unit: its breakdown in a modal; value { b, pe, u }. */
export const STANDINGS_DETAIL = 'standings_detail';
/** Block leads and admins: post to the block's channel (or a correction), and the XLSX to their DM; value { b, pe }. */
export const STANDINGS_PUBLISH = 'standings_publish';
export const STANDINGS_EXPORT = 'standings_export';
export const STANDINGS_HOLD = 'standings_hold';
export const STANDINGS_ACTIONS_BLOCK = 'standings_actions';
/** Followed by the unit id: the section of one unit's line. */
export const STANDINGS_UNIT_BLOCK_PREFIX = 'standings_unit_';

// ── The year end (commands/year-results.ts, commands/deliberation.ts, commands/commendations.ts) ──
/** The year standings' page buttons; the value is a YearStandingsPage as JSON. */
export const YEAR_STANDINGS_PREVIOUS = 'year_standings_previous';
export const YEAR_STANDINGS_NEXT = 'year_standings_next';

export const deliberationIds = {
  /** “Bỏ phiếu” under the proposal list and in the status reply; value { deliberationId }. */
  voteAction: 'deliberation_vote',
  /** “Mở bình xét” under a block's deliberation not yet opened (shown from the block picker); value { blockId, year }. */
  openAction: 'deliberation_open',
  /** “Kết thúc bỏ phiếu” for the block's lead; value { deliberationId }. */
  closeAction: 'deliberation_close',
  /** “Biên bản” / “Tờ trình” (DOCX to the presser's DM); value { deliberationId }. */
  minutesAction: 'deliberation_minutes',
  proposalAction: 'deliberation_proposal',
  actionsBlock: 'deliberation_actions',
  /**
   * The ballot modal and the receipt that answers it. Every log line that carries either is left out
   * of the logs (src/services/year-end/log-redaction.ts): both are ballot traffic.
   */
  ballotCallback: 'year_end_ballot',
  receiptCallback: 'year_end_ballot_receipt',
  /** Followed by the proposal's position on the ballot. */
  proposalBlockPrefix: 'year_end_ballot_proposal_',
  leadBlock: 'year_end_ballot_lead',
  deputyBlock: 'year_end_ballot_deputy',
  codeBlock: 'year_end_ballot_code',
  inputAction: 'value',
  agree: 'agree',
  disagree: 'disagree',
  /** Admins: every block's proposals of the year as XLSX in their DM; value { year }. */
  provinceExportAction: 'commendations_export',
} as const;

// ── Admins outside every block (commands/shared/router.ts, src/views/progress.ts) ─────────────
/** A block's button under a block-scoped command that named no block; its value is a BlockPick. */
export const BLOCK_PICK = 'block_pick';
export const BLOCK_PICK_PREVIOUS = 'block_pick_previous';
export const BLOCK_PICK_NEXT = 'block_pick_next';

// ── Admin tools (commands/admin/, src/views/admin.ts) ─────────────────────────────────────────
/** A tool's button (the quantri menu, the admins' App Home); its value is the tool (src/views/admin-tools.ts). */
export const ADMIN_OPEN = 'admin_open';
/** The admin forms and their inputs (block ids; each input's action id is `value`). */
export const adminIds = {
  callbacks: {
    officers: 'admin_officers',
    leads: 'admin_leads',
    extension: 'admin_extension',
    reopen: 'admin_reopen',
    holiday: 'admin_holiday',
    audit: 'admin_audit',
  },
  inputAction: 'value',
  fields: {
    change: 'admin_change',
    unit: 'admin_unit',
    user: 'admin_user',
    year: 'admin_year',
    block: 'admin_block',
    lead: 'admin_lead',
    deputy: 'admin_deputy',
    period: 'admin_period',
    date: 'admin_date',
    time: 'admin_time',
    until: 'admin_until',
    reason: 'admin_reason',
    holidayName: 'admin_holiday_name',
  },
  /** The audit log's page buttons; the value is an AuditPage as JSON. */
  auditPrevious: 'admin_audit_previous',
  auditNext: 'admin_audit_next',
} as const;

// ── The organisation file from Slack (commands/admin/organisation-file.ts) ──────────────────────
export const organisationFileIds = {
  /** “Áp dụng” and “Hủy” under a preview; their value is a FileDecision (commands/admin/organisation-file.ts). */
  applyAction: 'organisation_file_apply',
  cancelAction: 'organisation_file_cancel',
} as const;
