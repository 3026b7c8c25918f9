import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { CommendationRules } from '../src/domain/commendations';
import type { EvidenceFile } from '../src/domain/evidence';
import type { GradeBands } from '../src/domain/grades';
import { CRITERION_KINDS, type CriterionRule, type EntryDetail, type GroupCap, NOT_APPLICABLE_MODES } from '../src/domain/scoring';
import { VERSION_STATUSES } from '../src/domain/versions';
import { YEAR_RESULT_RULES } from '../src/domain/year-result';

/**
 * The schema is the source of truth: drizzle-kit generates the SQL migrations in db/migrations from
 * this file. Instants are stored as UTC milliseconds; calendar dates (holidays, period bounds) as
 * 'yyyy-MM-dd' text in the organisation's time zone. History tables (pledge and report versions,
 * reviews, the audit log) are only ever appended to.
 */

const createdAt = () => integer('created_at', { mode: 'timestamp_ms' }).notNull();

// ── Organisation ────────────────────────────────────────────────────────────────────────────

/** The one organisation this installation serves (row id 1). */
export const organisation = sqliteTable('organisation', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull().default('Asia/Ho_Chi_Minh'),
  locale: text('locale', { enum: ['vi', 'en'] })
    .notNull()
    .default('vi'),
  /** Nothing is posted between these local times ('HH:mm'); the range may wrap midnight. */
  quietFrom: text('quiet_from').notNull().default('20:00'),
  quietTo: text('quiet_to').notNull().default('07:00'),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/** Small facts about the installation, e.g. where the organisation came from (demo or a file). */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * One row (id 1) whose version goes up with every write to a configuration table — what changes only
 * on import or an admin's action (organisation, admins, holidays, titles, units, officers, blocks,
 * block_units, years, block_years, periods, criteria) — by triggers in the migrations, whoever writes:
 * the bot, `npx thidua import` beside it, a second worker. The store keeps those tables' reads in
 * memory while the version stays the same (db/store/read-cache.ts).
 */
export const configurationVersion = sqliteTable('configuration_version', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull(),
});

/**
 * One row (id 1) with a version per area of the data that the store keeps in memory apart from the
 * rest (db/store/read-cache.ts), each going up with every write to the area's tables, by triggers in
 * the migrations, whoever writes: `pledges` (pledges, pledge_versions, pledge_targets,
 * pledge_indicator_targets), `people`, `terms` (a unit's own terms: due_extensions,
 * report_reopenings) and `reports` (reports, report_versions, report_values, reviews, review_scores,
 * review_corrections; a version's values are inserted only with it, and its insert counts for them).
 * So a report's submission no longer throws away what was read of the others,
 * and what it wrote of its report is written into what is kept (db/store/read-cache.ts, amend); any
 * other data is read again after any write.
 */
export const dataVersions = sqliteTable('data_versions', {
  id: integer('id').primaryKey(),
  pledges: integer('pledges').notNull(),
  people: integer('people').notNull(),
  terms: integer('terms').notNull(),
  reports: integer('reports').notNull().default(0),
});

export const admins = sqliteTable('admins', {
  userId: text('user_id').primaryKey(),
});

export const holidays = sqliteTable('holidays', {
  date: text('date').primaryKey(),
});

/** Titles a unit may seek in its pledge (Cờ thi đua của UBND tỉnh, Tập thể lao động xuất sắc ...). */
export const titles = sqliteTable('titles', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  position: integer('position').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
});

export const units = sqliteTable('units', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** False once the unit left the organisation file; its history stays. */
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
});

/** A Slack user who reports for a unit (cán bộ phụ trách thi đua). One unit per user. */
export const officers = sqliteTable(
  'officers',
  {
    userId: text('user_id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (table) => [index('officers_unit_idx').on(table.unitId)],
);

export const blocks = sqliteTable('blocks', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  channelId: text('channel_id').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
});

/** Membership: a unit belongs to at most one block. */
export const blockUnits = sqliteTable(
  'block_units',
  {
    blockId: integer('block_id')
      .notNull()
      .references(() => blocks.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    position: integer('position').notNull(),
  },
  (table) => [primaryKey({ columns: [table.blockId, table.unitId] }), uniqueIndex('block_units_unit_idx').on(table.unitId)],
);

// ── The emulation year ──────────────────────────────────────────────────────────────────────

export const years = sqliteTable('years', {
  year: integer('year').primaryKey(),
  theme: text('theme').notNull(),
  pledgeDue: integer('pledge_due', { mode: 'timestamp_ms' }).notNull(),
  reminderBeforeDays: text('reminder_before_days', { mode: 'json' }).$type<number[]>().notNull(),
  /** Local time of day for nudges, 'HH:mm'. */
  reminderAt: text('reminder_at').notNull(),
  /** Working days between overdue nudges; 0 = one overdue nudge only. */
  overdueEveryDays: integer('overdue_every_days').notNull(),
  /** Hours after a period's due during which a report may still be edited directly. */
  reportGraceHours: integer('report_grace_hours').notNull().default(0),
  /** Local time of day at which a period's standings summary is posted, 'HH:mm'. */
  summaryAt: text('summary_at').notNull().default('09:00'),
  /** The year's grade bands (years[].grades in the organisation file); null = the defaults, in proportion to each block's base (defaultGradeBands). */
  gradeBands: text('grade_bands', { mode: 'json' }).$type<GradeBands>(),
  /** years[].year_result; null = the whole-year period if any, else the average (src/domain/year-result.ts). */
  yearResult: text('year_result', { enum: YEAR_RESULT_RULES }),
  /** years[].commendations: titles, eligibility, limits, quorum and thresholds of the year-end vote; null = none written. */
  commendations: text('commendations', { mode: 'json' }).$type<CommendationRules>(),
  /** A period's report opens this many days before the period ends (its last day counts as one). */
  reportOpensDays: integer('report_opens_days').notNull().default(10),
  /** The automatic summary waits for the lead's reviews at most this many working days after its day (0: not at all); then it goes out with unreviewed lines marked "tạm tính". */
  summaryLatestDays: integer('summary_latest_days').notNull().default(5),
  /** How many overdue reminders of a due are posted in the block's channel; later ones go to the late units and the lead only. */
  overdueInChannel: integer('overdue_in_channel').notNull().default(1),
  /** The lead's “Nhắc” reaches a unit at most once in this many minutes. */
  nudgeIntervalMinutes: integer('nudge_interval_minutes').notNull().default(60),
  /** A returned report is due again this many working days after the lead returns it, at the period's due time of day. */
  resubmissionWorkingDays: integer('resubmission_working_days').notNull().default(3),
});

/**
 * Each block's lead and deputy unit for a year (rotated yearly), an optional theme of its own, and
 * its table's rules beyond the criteria: group caps and how a criterion that does not apply counts.
 */
export const blockYears = sqliteTable(
  'block_years',
  {
    year: integer('year')
      .notNull()
      .references(() => years.year),
    blockId: integer('block_id')
      .notNull()
      .references(() => blocks.id),
    leadUnitId: integer('lead_unit_id').references(() => units.id),
    deputyUnitId: integer('deputy_unit_id').references(() => units.id),
    theme: text('theme'),
    /** years[].groups (or the block's own): a group's criteria count at most its max. */
    groups: text('groups', { mode: 'json' }).$type<GroupCap[]>().notNull().default(sql`'[]'`),
    notApplicable: text('not_applicable', { enum: NOT_APPLICABLE_MODES }).notNull().default('full'),
  },
  (table) => [primaryKey({ columns: [table.year, table.blockId] })],
);

/**
 * A block's members in a year (years[].blocks.<CODE>.units, else blocks[].units): who signs, reports,
 * is nudged and ranked in that block that year. One block per unit in a year.
 */
export const blockYearUnits = sqliteTable(
  'block_year_units',
  {
    year: integer('year')
      .notNull()
      .references(() => years.year),
    blockId: integer('block_id')
      .notNull()
      .references(() => blocks.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    position: integer('position').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.year, table.blockId, table.unitId] }),
    uniqueIndex('block_year_units_year_unit_idx').on(table.year, table.unitId),
  ],
);

export const periods = sqliteTable(
  'periods',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    year: integer('year')
      .notNull()
      .references(() => years.year),
    code: text('code').notNull(),
    name: text('name').notNull(),
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on').notNull(),
    due: integer('due', { mode: 'timestamp_ms' }).notNull(),
    position: integer('position').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (table) => [uniqueIndex('periods_year_code_idx').on(table.year, table.code)],
);

/** A block's scoring table for a year (the organisation-wide table is copied to every block without its own). */
export const criteria = sqliteTable(
  'criteria',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    year: integer('year')
      .notNull()
      .references(() => years.year),
    blockId: integer('block_id')
      .notNull()
      .references(() => blocks.id),
    code: text('code').notNull(),
    groupName: text('group_name').notNull(),
    name: text('name').notNull(),
    maxPoints: real('max_points').notNull(),
    kind: text('kind', { enum: CRITERION_KINDS }).notNull(),
    measureUnit: text('measure_unit'),
    /** Version-2 fields (levels, each, tiers, indicators, applies_to, scored_by, items); null for a version-1 criterion. */
    rule: text('rule', { mode: 'json' }).$type<CriterionRule>(),
    position: integer('position').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (table) => [uniqueIndex('criteria_year_block_code_idx').on(table.year, table.blockId, table.code)],
);

// ── A unit's own terms for a period (granted by admins in Slack) ─────────────────────────────

/**
 * What an admin grants one unit for one period, with why, who and when: due extensions and report
 * reopenings share these columns (fresh builders per table, as drizzle needs).
 */
function unitPeriodGrant() {
  return {
    id: integer('id').primaryKey({ autoIncrement: true }),
    periodId: integer('period_id')
      .notNull()
      .references(() => periods.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    reason: text('reason').notNull(),
    grantedBy: text('granted_by').notNull(),
    grantedAt: integer('granted_at', { mode: 'timestamp_ms' }).notNull(),
  };
}

/**
 * A unit's own due for a period (gia hạn), granted by an admin with a reason. Only appended to: the
 * latest grant for a period and unit is the due in force for that unit (src/services/dues.ts); the
 * period's own due stays what the organisation file says.
 */
export const dueExtensions = sqliteTable(
  'due_extensions',
  { ...unitPeriodGrant(), due: integer('due', { mode: 'timestamp_ms' }).notNull() },
  (table) => [index('due_extensions_period_unit_idx').on(table.periodId, table.unitId)],
);

/**
 * A locked report reopened by an admin until `until`: the unit's officers change it directly again,
 * without asking the block lead. Only appended to; the latest for a period and unit counts.
 */
export const reportReopenings = sqliteTable(
  'report_reopenings',
  { ...unitPeriodGrant(), until: integer('until', { mode: 'timestamp_ms' }).notNull() },
  (table) => [index('report_reopenings_period_unit_idx').on(table.periodId, table.unitId)],
);

// ── Pledges and reports, with their whole history ───────────────────────────────────────────

// Version statuses (accepted, pending, rejected, withdrawn): src/domain/versions.ts.

export const pledges = sqliteTable(
  'pledges',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    year: integer('year')
      .notNull()
      .references(() => years.year),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    blockId: integer('block_id')
      .notNull()
      .references(() => blocks.id),
  },
  (table) => [uniqueIndex('pledges_year_unit_idx').on(table.year, table.unitId)],
);

export const pledgeVersions = sqliteTable(
  'pledge_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pledgeId: integer('pledge_id')
      .notNull()
      .references(() => pledges.id),
    version: integer('version').notNull(),
    status: text('status', { enum: VERSION_STATUSES }).notNull(),
    titlesSought: text('titles_sought', { mode: 'json' }).$type<string[]>().notNull(),
    commitments: text('commitments').notNull().default(''),
    submittedBy: text('submitted_by').notNull(),
    actingAsAdmin: integer('acting_as_admin', { mode: 'boolean' }).notNull().default(false),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }).notNull(),
    decidedBy: text('decided_by'),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    decisionReason: text('decision_reason'),
    /** Why the unit asks for the change (a change request's “Lý do điều chỉnh”); null when it is not one. */
    changeReason: text('change_reason'),
  },
  (table) => [
    uniqueIndex('pledge_versions_pledge_version_idx').on(table.pledgeId, table.version),
    index('pledge_versions_pledge_status_version_idx').on(table.pledgeId, table.status, table.version),
  ],
);

export const pledgeTargets = sqliteTable(
  'pledge_targets',
  {
    versionId: integer('version_id')
      .notNull()
      .references(() => pledgeVersions.id),
    criterionId: integer('criterion_id')
      .notNull()
      .references(() => criteria.id),
    value: real('value').notNull(),
  },
  (table) => [primaryKey({ columns: [table.versionId, table.criterionId] })],
);

/** A unit's target for each of its own indicators of a criterion (version 2: criteria[].indicators). */
export const pledgeIndicatorTargets = sqliteTable(
  'pledge_indicator_targets',
  {
    versionId: integer('version_id')
      .notNull()
      .references(() => pledgeVersions.id),
    criterionId: integer('criterion_id')
      .notNull()
      .references(() => criteria.id),
    indicator: text('indicator').notNull(),
    value: real('value').notNull(),
  },
  (table) => [primaryKey({ columns: [table.versionId, table.criterionId, table.indicator] })],
);

export const reports = sqliteTable(
  'reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    periodId: integer('period_id')
      .notNull()
      .references(() => periods.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    blockId: integer('block_id')
      .notNull()
      .references(() => blocks.id),
  },
  (table) => [
    uniqueIndex('reports_period_unit_idx').on(table.periodId, table.unitId),
    index('reports_block_period_idx').on(table.blockId, table.periodId),
  ],
);

export const reportVersions = sqliteTable(
  'report_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id),
    version: integer('version').notNull(),
    status: text('status', { enum: VERSION_STATUSES }).notNull(),
    submittedBy: text('submitted_by').notNull(),
    actingAsAdmin: integer('acting_as_admin', { mode: 'boolean' }).notNull().default(false),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }).notNull(),
    /** Submitted after the period's due. */
    late: integer('late', { mode: 'boolean' }).notNull().default(false),
    evidenceUrl: text('evidence_url'),
    /** The files uploaded as evidence (Slack's id, name, type and address), in the order given. */
    evidenceFiles: text('evidence_files', { mode: 'json' }).$type<EvidenceFile[]>().notNull().default([]),
    notes: text('notes').notNull().default(''),
    decidedBy: text('decided_by'),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    decisionReason: text('decision_reason'),
    /** Why the unit asks for the change (a change request's “Lý do điều chỉnh”); null when it is not one. */
    changeReason: text('change_reason'),
  },
  (table) => [
    uniqueIndex('report_versions_report_version_idx').on(table.reportId, table.version),
    // The first and latest accepted and the latest pending version of a report, each one seek
    // however long its history (versionedRecords).
    index('report_versions_report_status_version_idx').on(table.reportId, table.status, table.version),
  ],
);

/**
 * One reported value per criterion: a number, 1/0 for yes/no, a self-score, claimed points with a
 * reason, or a count; `detail` holds a level, ticked items or indicator results. A WITHOUT ROWID
 * table (migration 0015, which drizzle cannot express): the rows live in their key's b-tree, so a
 * submission's twenty values are written into one b-tree instead of a table and its key index. A
 * migration that rebuilds it must keep WITHOUT ROWID and its data_versions triggers: update and
 * delete only (migration 0016), since values are inserted only with their version, whose insert
 * moves the reports' version for them (test/db/read-cache.test.ts holds every write to that).
 */
export const reportValues = sqliteTable(
  'report_values',
  {
    versionId: integer('version_id')
      .notNull()
      .references(() => reportVersions.id),
    criterionId: integer('criterion_id')
      .notNull()
      .references(() => criteria.id),
    value: real('value'),
    reason: text('reason'),
    detail: text('detail', { mode: 'json' }).$type<EntryDetail>(),
  },
  (table) => [primaryKey({ columns: [table.versionId, table.criterionId] })],
);

/** The block lead's review (thẩm định) of one report version: scores set, or the report returned. */
export const reviews = sqliteTable(
  'reviews',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reportVersionId: integer('report_version_id')
      .notNull()
      .references(() => reportVersions.id),
    reviewerUserId: text('reviewer_user_id').notNull(),
    actingAsAdmin: integer('acting_as_admin', { mode: 'boolean' }).notNull().default(false),
    outcome: text('outcome', { enum: ['reviewed', 'returned'] }).notNull(),
    reason: text('reason'),
    /** A returned report is due again by then (years[].reminders.resubmission_working_days); null for a review. */
    resubmitBy: integer('resubmit_by', { mode: 'timestamp_ms' }),
    /** Carried over from the review of the version a correction replaced (its unchanged lines), not the lead's own look. */
    carriedFromReviewId: integer('carried_from_review_id'),
    /** Criteria of a carried review still waiting for the lead: the changed lines the lead decides. */
    awaiting: text('awaiting', { mode: 'json' }).$type<number[]>().notNull().default(sql`'[]'`),
    createdAt: createdAt(),
  },
  (table) => [index('reviews_version_idx').on(table.reportVersionId)],
);

export const reviewScores = sqliteTable(
  'review_scores',
  {
    reviewId: integer('review_id')
      .notNull()
      .references(() => reviews.id),
    criterionId: integer('criterion_id')
      .notNull()
      .references(() => criteria.id),
    points: real('points').notNull(),
    note: text('note'),
  },
  (table) => [primaryKey({ columns: [table.reviewId, table.criterionId] })],
);

/**
 * What the lead wrote in place of the unit's entry in a review (version 2): a changed level or
 * figure, the items that stand, a bonus awarded or a deduction added — always with a reason.
 */
export const reviewCorrections = sqliteTable(
  'review_corrections',
  {
    reviewId: integer('review_id')
      .notNull()
      .references(() => reviews.id),
    criterionId: integer('criterion_id')
      .notNull()
      .references(() => criteria.id),
    value: real('value'),
    detail: text('detail', { mode: 'json' }).$type<EntryDetail>(),
    reason: text('reason').notNull(),
  },
  (table) => [primaryKey({ columns: [table.reviewId, table.criterionId] })],
);

/** A frozen copy of a block's standings as published (automatic summary, manual post or correction). */
export const standingsSnapshots = sqliteTable(
  'standings_snapshots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    blockId: integer('block_id')
      .notNull()
      .references(() => blocks.id),
    periodId: integer('period_id')
      .notNull()
      .references(() => periods.id),
    kind: text('kind', { enum: ['summary', 'manual', 'correction'] }).notNull(),
    data: text('data', { mode: 'json' }).$type<unknown>().notNull(),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (table) => [index('standings_snapshots_block_period_idx').on(table.blockId, table.periodId)],
);

// ── The year end: deliberation and the block's secret ballot ───────────────────────────────

/**
 * A block's year-end deliberation (bình xét) for a year: opened by its lead with the proposal list
 * frozen in `opening` (src/standings/deliberation-record.ts), closed with the
 * decision in `decision`. One per block and year.
 */
export const deliberations = sqliteTable(
  'deliberations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    year: integer('year')
      .notNull()
      .references(() => years.year),
    blockId: integer('block_id')
      .notNull()
      .references(() => blocks.id),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    opening: text('opening', { mode: 'json' }).$type<unknown>().notNull(),
    openedBy: text('opened_by').notNull(),
    openedAt: integer('opened_at', { mode: 'timestamp_ms' }).notNull(),
    decision: text('decision', { mode: 'json' }).$type<unknown>(),
    closedBy: text('closed_by'),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
  },
  (table) => [uniqueIndex('deliberations_year_block_idx').on(table.year, table.blockId)],
);

/**
 * Which units have cast their ballot — never what they chose. `sealed` is the unit's ballot
 * encrypted with a code only the unit holds (so it can change it while the vote is open); it is
 * emptied when the vote closes.
 */
export const ballots = sqliteTable(
  'ballots',
  {
    deliberationId: integer('deliberation_id')
      .notNull()
      .references(() => deliberations.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    castAt: integer('cast_at', { mode: 'timestamp_ms' }).notNull(),
    sealed: text('sealed'),
  },
  (table) => [primaryKey({ columns: [table.deliberationId, table.unitId] })],
);

/** The vote's counts: per proposal agree / disagree, per unit its votes for next year's lead and deputy (src/domain/ballots.ts). */
export const voteTallies = sqliteTable(
  'vote_tallies',
  {
    deliberationId: integer('deliberation_id')
      .notNull()
      .references(() => deliberations.id),
    subject: text('subject').notNull(),
    option: text('option').notNull(),
    count: integer('count').notNull(),
  },
  (table) => [primaryKey({ columns: [table.deliberationId, table.subject, table.option] })],
);

// ── Directives ──────────────────────────────────────────────────────────────────────────────

// Directive kinds are open text; the known ones: src/domain/directive.ts.
export const directives = sqliteTable('directives', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  number: text('number').notNull().unique(),
  /** Open text; the known kinds (src/domain/directive-number.ts) are understood in number search. */
  kind: text('kind').notNull(),
  issuer: text('issuer').notNull(),
  issuedOn: text('issued_on').notNull(),
  title: text('title').notNull(),
  summary: text('summary'),
  url: text('url'),
  tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
  /** No longer in force from this day ('yyyy-MM-dd'); null: in force. */
  expiredOn: text('expired_on'),
  /** The number of the document that replaces it, as written. */
  replacedBy: text('replaced_by'),
  /** 'file' when it came from the organisation file, 'slack' when an admin added it in Slack. */
  source: text('source', { enum: ['file', 'slack'] }).notNull(),
  updatedBy: text('updated_by'),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * Each directive's number in canonical form (src/domain/directive-number.ts), derived from
 * directives.number by the store on every directive write, never edited by itself: numbers are
 * unique by this key (34-CT/TW and 34/CT-TW are one number) and looked up by ordinal. The search
 * index over folded text (directive_search, FTS5) is kept in step the same way; being a virtual
 * table it lives only in its migration (db/migrations/*_directive_search.sql).
 */
export const directiveNumbers = sqliteTable(
  'directive_numbers',
  {
    directiveId: integer('directive_id')
      .primaryKey()
      .references(() => directives.id),
    numberKey: text('number_key').notNull().unique(),
    ordinal: text('ordinal').notNull(),
  },
  (table) => [index('directive_numbers_ordinal_idx').on(table.ordinal)],
);

/**
 * Every folded word of the directives' text with one way the library writes it ("thuong" →
 * "thưởng"), kept by the store beside the search index: "did you mean" candidates, shown as
 * written. Only ever added to (a word an edit removed is checked against the index before use).
 */
export const directiveWords = sqliteTable('directive_words', {
  word: text('word').primaryKey(),
  written: text('written').notNull(),
});

// ── Delivery, audit, idempotency ────────────────────────────────────────────────────────────

/**
 * `superseded`: a nudge not yet posted when a later nudge of the same due and block was queued, or a
 * channel line folded into another; never posted (it would be stale, or is said there). `held`: a
 * channel post waiting for `release_at` (organisation time: the end of quiet hours, or the end of the
 * period it announces); the scheduler releases it, folding held lines of one `fold_key` into one post.
 */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'skipped', 'failed', 'superseded', 'held'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * Every message the bot posts on its own (channel lines, DMs, nudges, summaries) is claimed here
 * under a unique key before it is posted and marked sent with its Slack ts after; see
 * src/delivery/README.md for the recovery rule. Times in this table are wire (real) time.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dedupeKey: text('dedupe_key').notNull().unique(),
    kind: text('kind').notNull(),
    payload: text('payload', { mode: 'json' }).$type<unknown>().notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    notBefore: integer('not_before', { mode: 'timestamp_ms' }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    claimedBy: text('claimed_by'),
    leaseUntil: integer('lease_until', { mode: 'timestamp_ms' }),
    /** The conversation the message went to (a DM's D… id once opened). */
    channelId: text('channel_id'),
    ts: text('ts'),
    error: text('error'),
    createdAt: createdAt(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    /** A held post: when it may go out, in organisation time (the clock a console moves), not wire time. */
    releaseAt: integer('release_at', { mode: 'timestamp_ms' }),
    /** Held lines with one key are posted as one message when released (src/services/channel-posts.ts). */
    foldKey: text('fold_key'),
    /**
     * The conversation the delivery posts it in, one lane each (src/delivery/message.ts `laneOf`):
     * set when it is queued, so the delivery reads each lane's first entries by the index below
     * instead of every ready entry of a backlog.
     */
    lane: text('lane').notNull().default(''),
  },
  // A lane's entries of one status in id order (the rowid ends every index): the delivery's reads.
  (table) => [index('outbox_status_lane_idx').on(table.status, table.lane)],
);

/** A block's automatic summary of a period held back by its lead until the lead publishes it from `xephang`. */
export const summaryHolds = sqliteTable(
  'summary_holds',
  {
    blockId: integer('block_id')
      .notNull()
      .references(() => blocks.id),
    periodId: integer('period_id')
      .notNull()
      .references(() => periods.id),
    heldBy: text('held_by').notNull(),
    heldAt: integer('held_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.blockId, table.periodId] })],
);

/** The lead's “Nhắc” to a unit (subject 'report:<periodId>' or 'pledge:<year>'): a unit is reminded at most once an interval. */
export const manualNudges = sqliteTable(
  'manual_nudges',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    subject: text('subject').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    byUserId: text('by_user_id').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [index('manual_nudges_subject_unit_idx').on(table.subject, table.unitId)],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    actorUserId: text('actor_user_id').notNull(),
    actingAsAdmin: integer('acting_as_admin', { mode: 'boolean' }).notNull().default(false),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
    /** The unit the entry is about, when there is one: what the log is read by (quantri nhatky). */
    unitId: integer('unit_id').references(() => units.id),
    /** The person the entry is about besides its actor (an officer added or removed), when there is one. */
    subjectUserId: text('subject_user_id'),
  },
  // Only what the log is read by (test/db/audit.test.ts): every index is one more page each entry writes.
  (table) => [index('audit_log_unit_idx').on(table.unitId), index('audit_log_at_idx').on(table.at)],
);

/**
 * People the bot has met: the language they chose (`/thidua ngonngu`), the one their Slack profile
 * says (users.info, kept for a while so that not every request asks Slack), and when they first
 * opened the App Home (only their Home is redrawn when their data changes).
 */
export const people = sqliteTable('people', {
  userId: text('user_id').primaryKey(),
  chosenLocale: text('chosen_locale', { enum: ['vi', 'en'] }),
  slackLocale: text('slack_locale'),
  slackLocaleCheckedAt: integer('slack_locale_checked_at', { mode: 'timestamp_ms' }),
  homeOpenedAt: integer('home_opened_at', { mode: 'timestamp_ms' }),
});

/**
 * Slack event ids and modal submissions already applied, so a retry is applied once. A WITHOUT
 * ROWID table (migration 0015, which drizzle cannot express): a claim writes one b-tree, keyed by
 * the id, instead of a table and its key index.
 */
export const processedEvents = sqliteTable('processed_events', {
  id: text('id').primaryKey(),
  kind: text('kind').notNull(),
  receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
});
