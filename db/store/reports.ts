import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { EvidenceFile } from '../../src/domain/evidence';
import type { EntryDetail } from '../../src/domain/scoring';
import type { VersionStatus } from '../../src/domain/versions';
import { reports, reportValues, reportVersions, reviewCorrections, reviewScores, reviews } from '../schema';
import { idList, inIdList } from './in-ids';
import type { Amendment } from './read-cache';
import { placeholder, type Statements } from './statements';
import type { Db } from './types';
import { type Decision, versionedRecords } from './versions';

export type ReportRow = typeof reports.$inferSelect;
export type ReportVersionRow = typeof reportVersions.$inferSelect;
export type ReviewRow = typeof reviews.$inferSelect;

/** One reported value: a number (1/0 for yes/no), a self-score, claimed points with a reason, or a count; a level, items or indicator results in `detail`. */
export interface ReportValue {
  value: number | null;
  reason: string | null;
  detail?: EntryDetail;
}

/** What the lead wrote in place of the unit's entry, and why (version 2). */
export interface Correction {
  value: number | null;
  detail?: EntryDetail;
  reason: string;
}

export interface ReportVersion extends ReportVersionRow {
  values: Map<number, ReportValue>;
}

/** The lead's review of one version: points per criterion it set, entries it corrected, or the report returned. */
export interface Review extends ReviewRow {
  scores: Map<number, { points: number; note: string | null }>;
  corrections: Map<number, Correction>;
}

/** A unit's report for a period, as status tables and standings read it. */
export interface UnitReport {
  report: ReportRow;
  /** The latest accepted version: what counts. */
  inForce?: ReportVersion;
  /** The first accepted version: when the unit first submitted (on time or late). */
  first?: ReportVersionRow;
  /** A change waiting for the block lead. */
  pending?: ReportVersion;
  /** The latest review of the version in force. */
  review?: Review;
}

export interface NewReportVersion {
  reportId: number;
  status: Extract<VersionStatus, 'accepted' | 'pending'>;
  values: ReadonlyMap<number, ReportValue>;
  evidenceUrl: string | null;
  /** Evidence files; none when absent. */
  evidenceFiles?: readonly EvidenceFile[];
  notes: string;
  submittedBy: string;
  actingAsAdmin: boolean;
  submittedAt: Date;
  late: boolean;
  /** Why the unit asks for the change (a change request); absent otherwise. */
  changeReason?: string;
}

export interface NewReview {
  versionId: number;
  reviewerUserId: string;
  actingAsAdmin: boolean;
  outcome: 'reviewed' | 'returned';
  reason: string | null;
  scores: ReadonlyMap<number, { points: number; note: string | null }>;
  corrections?: ReadonlyMap<number, Correction>;
  at: Date;
  /** A returned report is due again by then. */
  resubmitBy?: Date;
  /** A review carried over to a correction from the review `carriedFrom` of the version it replaced. */
  carriedFrom?: { reviewId: number; awaiting: readonly number[] };
}

/** A value as report_values holds it (and as a version's values are written to it): criterion, value, reason, detail's JSON. */
type StoredValue = [criterionId: number, value: number | null, reason: string | null, detail: string | null];

/** The most values one insert writes (five parameters each; SQLite takes 32,766 at most). */
const VALUES_PER_STATEMENT = 200;

/** A number as it is written to report_values, and so read back: -0 as 0, and NaN or ±∞ (which nothing enters) as none, as JSON writes them. */
const asStored = (value: number): number | null => (Number.isFinite(value) ? value + 0 : null);

const valueRead = (value: number | null, reason: string | null, detail: string | null): ReportValue =>
  detail === null ? { value, reason } : { value, reason, detail: JSON.parse(detail) as EntryDetail };

/**
 * A kept answer of forUnits with the unit whose report is `reportId` changed by `change`: the
 * others' reports are not touched by a write to this one (ReadCache.amend). Other reads are read again.
 */
function unitReportOf(reportId: number, change: (unitReport: UnitReport) => UnitReport): Amendment {
  return (name, value) => {
    if (name !== 'forUnits') return undefined;
    const answers = value as Map<number, UnitReport>;
    for (const [unitId, unitReport] of answers)
      if (unitReport.report.id === reportId) return new Map(answers).set(unitId, change(unitReport));
    return answers;
  };
}

/**
 * Periodic progress reports and their versions (history is never overwritten), and the block
 * lead's reviews. Reads for a whole block take a fixed number of queries, whatever its size.
 * A submission's writes (a version added, pending ones withdrawn) tell `amend` how they change the
 * units' reports kept in memory (forUnits), with how far they moved the reports' version (ReadCache.amend); any other
 * write to the reports is read again.
 */
export function reportQueries(db: Db, statements: Statements, amend: (rows: number, change: Amendment) => void = () => {}) {
  const statement = {
    // The hot read of standings (tens of thousands of values for a province): rows taken as arrays,
    // no per-row mapping.
    values: () =>
      statements.get('reports.values', (root) =>
        root
          .select({
            versionId: reportValues.versionId,
            criterionId: reportValues.criterionId,
            value: reportValues.value,
            reason: reportValues.reason,
            detail: reportValues.detail,
          })
          .from(reportValues)
          .where(inIdList(reportValues.versionId, 'versionIds'))
          .prepare(),
      ),
    reviews: () =>
      statements.get('reports.reviews', (root) =>
        root.select().from(reviews).where(inIdList(reviews.reportVersionId, 'versionIds')).orderBy(asc(reviews.id)).prepare(),
      ),
    scores: () =>
      statements.get('reports.scores', (root) =>
        root
          .select({
            reviewId: reviewScores.reviewId,
            criterionId: reviewScores.criterionId,
            points: reviewScores.points,
            note: reviewScores.note,
          })
          .from(reviewScores)
          .where(inIdList(reviewScores.reviewId, 'reviewIds'))
          .prepare(),
      ),
    corrections: () =>
      statements.get('reports.corrections', (root) =>
        root
          .select({
            reviewId: reviewCorrections.reviewId,
            criterionId: reviewCorrections.criterionId,
            value: reviewCorrections.value,
            reason: reviewCorrections.reason,
            detail: reviewCorrections.detail,
          })
          .from(reviewCorrections)
          .where(inIdList(reviewCorrections.reviewId, 'reviewIds'))
          .prepare(),
      ),
    addVersion: () =>
      statements.get('reports.addVersion', (root) =>
        root
          .insert(reportVersions)
          .values({
            reportId: placeholder('reportId'),
            version: records.nextVersion('reportId'),
            status: placeholder('status'),
            submittedBy: placeholder('submittedBy'),
            actingAsAdmin: placeholder('actingAsAdmin'),
            submittedAt: placeholder('submittedAt'),
            late: placeholder('late'),
            evidenceUrl: placeholder('evidenceUrl'),
            evidenceFiles: placeholder('evidenceFiles'),
            notes: placeholder('notes'),
            changeReason: placeholder('changeReason'),
          })
          .returning({ id: reportVersions.id, version: reportVersions.version })
          .prepare(),
      ),
    // A version's `rows` values in one statement, bound as they are: five parameters a row cost
    // less than one JSON text taken apart by json_each (22 against 40 µs for twenty), and the query
    // builder's work for each of a hundred placeholders more than both.
    addValues: (rows: number) =>
      statements.sql(
        `reports.addValues:${rows}`,
        () =>
          `insert into report_values (version_id, criterion_id, value, reason, detail) values ${Array(rows).fill('(?, ?, ?, ?, ?)').join(', ')}`,
      ),
    returnsWithDue: () =>
      statements.get('reports.returnsWithDue', (root) =>
        root
          .select({ unitId: reports.unitId, reviewId: reviews.id, returnedAt: reviews.createdAt, resubmitBy: reviews.resubmitBy })
          .from(reviews)
          .innerJoin(reportVersions, eq(reportVersions.id, reviews.reportVersionId))
          .innerJoin(reports, eq(reports.id, reportVersions.reportId))
          .where(and(eq(reports.periodId, placeholder('periodId')), eq(reviews.outcome, 'returned'), isNotNull(reviews.resubmitBy)))
          .orderBy(asc(reviews.id))
          .prepare(),
      ),
    submittedPeriods: () =>
      statements.get('reports.submittedPeriods', (root) =>
        root
          .selectDistinct({ periodId: reports.periodId })
          .from(reports)
          .innerJoin(reportVersions, eq(reportVersions.reportId, reports.id))
          .where(
            and(eq(reports.unitId, placeholder('unitId')), inIdList(reports.periodId, 'periodIds'), eq(reportVersions.status, 'accepted')),
          )
          .prepare(),
      ),
  };

  const withValues = (rows: ReportVersionRow[]): ReportVersion[] => {
    if (rows.length === 0) return [];
    const byVersion = new Map<number, Map<number, ReportValue>>(rows.map((row) => [row.id, new Map()]));
    for (const [versionId, criterionId, value, reason, detail] of statement
      .values()
      .values({ versionIds: idList(rows.map((row) => row.id)) }) as [number, ...StoredValue][])
      byVersion.get(versionId)!.set(criterionId, valueRead(value, reason, detail));
    return rows.map((row) => ({ ...row, values: byVersion.get(row.id)! }));
  };

  /** The latest review of each version in `versionIds`. */
  const latestReviews = (versionIds: readonly number[]): Map<number, Review> => {
    const result = new Map<number, Review>();
    if (versionIds.length === 0) return result;
    const latest = new Map(
      statement
        .reviews()
        .all({ versionIds: idList(versionIds) })
        .map((row) => [row.reportVersionId, row]),
    );
    if (latest.size === 0) return result;
    const reviewIds = idList([...latest.values()].map((row) => row.id));
    const byReview = new Map<number, Review['scores']>([...latest.values()].map((row) => [row.id, new Map()]));
    for (const [reviewId, criterionId, points, note] of statement.scores().values({ reviewIds }) as [
      number,
      number,
      number,
      string | null,
    ][])
      byReview.get(reviewId)!.set(criterionId, { points, note });
    const correctionsOf = new Map<number, Review['corrections']>([...latest.values()].map((row) => [row.id, new Map()]));
    for (const [reviewId, criterionId, value, reason, detail] of statement.corrections().values({ reviewIds }) as [
      number,
      number,
      number | null,
      string,
      string | null,
    ][])
      correctionsOf
        .get(reviewId)!
        .set(criterionId, detail === null ? { value, reason } : { value, reason, detail: JSON.parse(detail) as EntryDetail });
    for (const [versionId, row] of latest)
      result.set(versionId, { ...row, scores: byReview.get(row.id)!, corrections: correctionsOf.get(row.id)! });
    return result;
  };

  const records = versionedRecords<ReportRow, ReportVersionRow, ReportVersion>(statements, {
    parents: reports,
    parentColumns: { id: reports.id, scope: reports.periodId, unitId: reports.unitId, blockId: reports.blockId },
    scopeKey: 'periodId',
    versions: reportVersions,
    versionColumns: {
      id: reportVersions.id,
      parentId: reportVersions.reportId,
      version: reportVersions.version,
      status: reportVersions.status,
    },
    parentIdOf: (version) => version.reportId,
    withDetails: withValues,
  });

  return {
    find: records.find,

    byId(id: number): ReportRow | undefined {
      return db.select().from(reports).where(eq(reports.id, id)).get();
    },

    /** The unit's report row for the period, created on first use. */
    ensure: records.ensure,

    /** Every version, oldest first: the report's history. */
    versions: records.versions,

    version(id: number): (ReportVersion & { report: ReportRow }) | undefined {
      const found = records.version(id);
      return found ? { ...found.version, report: found.parent } : undefined;
    },

    inForce: records.inForce,

    pending: records.pending,

    /** The version in force just before `versionId` was submitted: the base a change request changes. */
    acceptedBefore: records.acceptedBefore,

    add(entry: NewReportVersion): ReportVersion {
      const evidenceFiles = JSON.stringify(entry.evidenceFiles ?? []);
      const { id, version } = statement.addVersion().get({
        reportId: entry.reportId,
        status: entry.status,
        submittedBy: entry.submittedBy,
        actingAsAdmin: Number(entry.actingAsAdmin),
        submittedAt: entry.submittedAt.getTime(),
        late: Number(entry.late),
        evidenceUrl: entry.evidenceUrl,
        evidenceFiles,
        notes: entry.notes,
        changeReason: entry.changeReason ?? null,
      }) as { id: number; version: number };
      // The row as a read gives it back (what was bound, read through the columns' modes), without
      // returning and mapping every column.
      const row: ReportVersionRow = {
        id,
        reportId: entry.reportId,
        version,
        status: entry.status,
        submittedBy: entry.submittedBy,
        actingAsAdmin: entry.actingAsAdmin,
        submittedAt: new Date(entry.submittedAt.getTime()),
        late: entry.late,
        evidenceUrl: entry.evidenceUrl,
        evidenceFiles: JSON.parse(evidenceFiles) as EvidenceFile[],
        notes: entry.notes,
        decidedBy: null,
        decidedAt: null,
        decisionReason: null,
        changeReason: entry.changeReason ?? null,
      };
      const values: StoredValue[] = [];
      const bound: unknown[] = [];
      for (const [criterionId, entered] of entry.values) {
        const value: StoredValue = [
          criterionId,
          entered.value === null ? null : asStored(entered.value),
          entered.reason ?? null,
          entered.detail === undefined ? null : JSON.stringify(entered.detail),
        ];
        values.push(value);
        bound.push(id, ...value);
      }
      // At most VALUES_PER_STATEMENT rows a statement: SQLite takes a bounded number of parameters.
      for (let from = 0; from < values.length; from += VALUES_PER_STATEMENT) {
        const rows = Math.min(VALUES_PER_STATEMENT, values.length - from);
        statement.addValues(rows).run(rows === values.length ? bound : bound.slice(from * 5, (from + rows) * 5));
      }
      // One row moved the reports' version: the version's; its values are written only with it and
      // move nothing (migration 0016).
      // The version as a read gives it back (its values by criterion, the detail from its JSON),
      // made once for every kept answer it goes into (a unit's form, its block's tables), and frozen there.
      let madeOnce: ReportVersion | undefined;
      const addedVersion = (): ReportVersion => {
        if (madeOnce) return madeOnce;
        madeOnce = { ...row, values: new Map() };
        for (const [criterionId, value, reason, detail] of [...values].sort((a, b) => a[0] - b[0]))
          madeOnce.values.set(criterionId, valueRead(value, reason, detail));
        return madeOnce;
      };
      amend(
        1,
        unitReportOf(entry.reportId, (unitReport) => {
          const added = addedVersion();
          // The newest version of its report: in force when accepted (not reviewed yet; the first when
          // none was before), else the latest pending.
          if (entry.status === 'pending') {
            const { pending: _pending, review, ...rest } = unitReport;
            return { ...rest, pending: added, ...(review ? { review } : {}) };
          }
          const { report, first, pending } = unitReport;
          return { report, first: first ?? row, inForce: added, ...(pending ? { pending } : {}) };
        }),
      );
      return { ...row, values: new Map(entry.values) };
    },

    /** Ends the report's pending versions, replaced by a newer submission (or taken back); returns the ids withdrawn. */
    withdrawPending(reportId: number, by: Decision): number[] {
      const withdrawn = records.withdrawPending(reportId, by);
      amend(
        withdrawn.length,
        unitReportOf(reportId, ({ pending: _pending, ...rest }) => rest),
      );
      return withdrawn;
    },

    decide: records.decide,

    addReview(entry: NewReview): Review {
      const row = db
        .insert(reviews)
        .values({
          reportVersionId: entry.versionId,
          reviewerUserId: entry.reviewerUserId,
          actingAsAdmin: entry.actingAsAdmin,
          outcome: entry.outcome,
          reason: entry.reason,
          createdAt: entry.at,
          ...(entry.resubmitBy ? { resubmitBy: entry.resubmitBy } : {}),
          ...(entry.carriedFrom ? { carriedFromReviewId: entry.carriedFrom.reviewId, awaiting: [...entry.carriedFrom.awaiting] } : {}),
        })
        .returning()
        .get();
      const scores = [...entry.scores].map(([criterionId, score]) => ({
        reviewId: row.id,
        criterionId,
        points: score.points,
        note: score.note,
      }));
      if (scores.length) db.insert(reviewScores).values(scores).run();
      const corrections = [...(entry.corrections ?? [])].map(([criterionId, correction]) => ({
        reviewId: row.id,
        criterionId,
        value: correction.value,
        detail: correction.detail ?? null,
        reason: correction.reason,
      }));
      if (corrections.length) db.insert(reviewCorrections).values(corrections).run();
      return { ...row, scores: new Map(entry.scores), corrections: new Map(entry.corrections ?? []) };
    },

    latestReview: (versionId: number): Review | undefined => latestReviews([versionId]).get(versionId),

    /** Every review of the report's versions, oldest first (who reviewed what). */
    reviewsOf(reportId: number): ReviewRow[] {
      return db
        .select({ review: reviews })
        .from(reviews)
        .innerJoin(reportVersions, eq(reportVersions.id, reviews.reportVersionId))
        .where(eq(reportVersions.reportId, reportId))
        .orderBy(asc(reviews.id))
        .all()
        .map((row) => row.review);
    },

    /** The periods among `periodIds` for which the unit has a report in force. */
    submittedPeriods(unitId: number, periodIds: readonly number[]): Set<number> {
      if (periodIds.length === 0) return new Set();
      return new Set(
        statement
          .submittedPeriods()
          .all({ unitId, periodIds: idList(periodIds) })
          .map((row) => row.periodId),
      );
    },

    /**
     * The returns of the period's reports that set a resubmission due, oldest first — a unit's
     * report returned and since resubmitted included: whether a return still stands is forUnits' review.
     */
    returnsWithDue(periodId: number): { unitId: number; reviewId: number; returnedAt: Date; resubmitBy: Date }[] {
      return statement
        .returnsWithDue()
        .all({ periodId })
        .map((row) => ({ ...row, resubmitBy: row.resubmitBy! }));
    },

    /** The reports of `unitIds` for the period, keyed by unit id (units without one are absent). */
    forUnits(periodId: number, unitIds: readonly number[]): Map<number, UnitReport> {
      const result = new Map<number, UnitReport>();
      const picked = records.forUnits(periodId, unitIds);
      const reviewed = latestReviews([...picked.values()].flatMap(({ inForce }) => (inForce ? [inForce.id] : [])));
      for (const [unitId, { parent, first, inForce, pending }] of picked) {
        const review = inForce ? reviewed.get(inForce.id) : undefined;
        result.set(unitId, {
          report: parent,
          ...(first ? { first } : {}),
          ...(inForce ? { inForce } : {}),
          ...(pending ? { pending } : {}),
          ...(review ? { review } : {}),
        });
      }
      return result;
    },
  };
}
