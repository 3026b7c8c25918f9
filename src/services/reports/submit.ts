import { z } from 'zod';
import { cleanFileName, type EvidenceFile } from '../../domain/evidence';
import { isLate, isOpen, periodEndsAt } from '../../domain/periods';
import { diffReports, type ReportContent } from '../../domain/report-diff';
import { checkReportForm, isValidReportEntry, type ReportFieldInput, type ReportProblem } from '../../domain/report-form';
import type { EntryDetail } from '../../domain/scoring';
import type { ChangeReasonProblem } from '../../domain/versions';
import type { Decider } from '../../views/common-text';
import { REPORT_EVIDENCE_BLOCK, REPORT_FILES_BLOCK, REPORT_KEPT_FILES_BLOCK, REPORT_NOTES_BLOCK } from '../../views/ids';
import { buildReportConfirmation, buildSubmittedLine, type ProvisionalScore, type ReportCriterion } from '../../views/report';
import { indicatorBlockId, reasonBlockId, valueBlockId } from '../../views/report-modal';
import { buildResubmittedMessage } from '../../views/review';
import { decidersOf } from '../caller';
import { changeReasonOf, queueChangeRequest } from '../change-requests/requests';
import { queueChannelLine } from '../channel-posts';
import { localeOf } from '../people';
import { NONE_SELECTED, type PageShown, type Submitted, type UnitFormKind } from '../unit-forms/submit';
import { contentOf, reportChangeRequests } from './change-requests';
import {
  asksChangeReason,
  formSubject,
  loadReportForm,
  provisionalScore,
  type ReportForm,
  type ReportMetadata,
  reportMetadata,
  reportPages,
  reportWindows,
} from './form';

/**
 * Reporting a period's results (báo cáo tiến độ): until the period locks every valid submission is
 * a new version in force, late after the due; once locked, a change is asked of the block lead,
 * unless the lead returned the report, which reopens it. The first submission is announced in the
 * block channel; the officer gets a confirmation with the provisional score; whoever returned a
 * report is told when it comes back.
 */

/** A criterion's entry carried between pages: its value and reason, and its level, items or indicator results. */
type ReportEntry = { value: number | null; reason: string | null; detail?: EntryDetail };

const entrySchema: z.ZodType<ReportEntry> = z.object({
  value: z.number().nullable(),
  reason: z.string().nullable(),
  detail: z
    .strictObject({
      level: z.string().optional(),
      items: z.array(z.string()).optional(),
      indicators: z.record(z.string(), z.number().nullable()).optional(),
    })
    .optional(),
}) as z.ZodType<ReportEntry>;

/**
 * A file as Slack's file input gives it; only what is kept is read. Slack's permalink is an https
 * address; the name is the uploader's own words, cleaned here and escaped wherever it is shown.
 */
const uploadedFilesSchema = z.array(
  z.object({
    id: z.string().regex(/^F[A-Z0-9]{1,40}$/),
    name: z.string().max(2000),
    filetype: z.string().max(40).optional(),
    permalink: z.url({ protocol: /^https$/ }).max(2000),
  }),
);

/** The files uploaded in the form's file input, or 'unreadable' when one is not a file Slack would send. */
function uploadedFiles(files: readonly unknown[] | undefined): readonly EvidenceFile[] | 'unreadable' {
  const parsed = uploadedFilesSchema.safeParse(files ?? []);
  if (!parsed.success) return 'unreadable';
  return parsed.data.map((file) => ({
    id: file.id,
    name: cleanFileName(file.name, file.id),
    filetype: (file.filetype ?? '').toLowerCase(),
    permalink: file.permalink,
  }));
}

export type ReportApplied =
  | { kind: 'unchanged'; against: 'in_force' | 'pending' }
  | { kind: 'withdrawn'; withdrawn: number[] }
  | { kind: 'submitted'; late: boolean; score: ProvisionalScore; withdrawn: number[] }
  | { kind: 'updated'; version: number; score: ProvisionalScore; withdrawn: number[] }
  | { kind: 'requested'; decider?: Decider; withdrawn: number[] };

export type ReportEntryProblem = ReportProblem<ReportCriterion> | ChangeReasonProblem;

export interface ReportFormTypes {
  metadata: ReportMetadata;
  form: ReportForm;
  item: ReportCriterion;
  entry: ReportEntry;
  /** The evidence link and files and the notes the last page adds, and the reason for a change request. */
  rest: ReportRest & { changeReason?: string };
  problem: ReportEntryProblem;
  content: ReportContent & { changeReason?: string };
  applied: ReportApplied;
}

export interface ReportRest {
  evidenceUrl: string | null;
  evidenceFiles: readonly EvidenceFile[];
  notes: string;
}

/**
 * The last page's evidence and notes: the version's (pending, else in force), or as just submitted
 * (`shown`). Of those, the version's files still ticked stay listed; files just uploaded cannot be
 * put back in Slack's file input, so the page asks for them again (`notKept`).
 */
export function lastPageEvidence(version: ReportRest | undefined, shown?: ReportRest): ReportRest & { notKept?: number } {
  if (!shown)
    return { evidenceUrl: version?.evidenceUrl ?? null, evidenceFiles: version?.evidenceFiles ?? [], notes: version?.notes ?? '' };
  const kept = shown.evidenceFiles.filter((file) => version?.evidenceFiles.some((earlier) => earlier.id === file.id));
  const notKept = shown.evidenceFiles.length - kept.length;
  return { evidenceUrl: shown.evidenceUrl, evidenceFiles: kept, notes: shown.notes, ...(notKept ? { notKept } : {}) };
}

/** What the report's last page held when it is drawn again as submitted. */
export type ReportPageShown = PageShown<ReportFormTypes>;

export const reportForm: UnitFormKind<ReportFormTypes> = {
  name: 'report',
  metadata: reportMetadata,
  scopeOf: (metadata) => ({ unitId: metadata.unitId, periodId: metadata.periodId }),
  yearOf: (store, metadata) => store.structure.periodById(metadata.periodId)?.year,
  load(store, metadata, unit, block, now) {
    const period = store.structure.periodById(metadata.periodId);
    const year = period ? store.structure.year(period.year) : undefined;
    // A period whose report has not opened takes no report (only a forged modal could name one).
    const open = period && year && isOpen(reportWindows(store, year, [period])[0]!, now);
    return period && open ? loadReportForm(store, unit, block, period, now) : undefined;
  },
  items: (form) => form.criteria,
  pages: reportPages,
  checkPage(form, items, final, answers) {
    // The files of the version shown (a pending change, else the one in force) that are still ticked.
    const earlier = (form.current?.pending ?? form.current?.inForce)?.evidenceFiles ?? [];
    const ticked = new Set(answers.get(REPORT_KEPT_FILES_BLOCK)?.selected ?? []);
    const checked = checkReportForm({
      fields: items.map((criterion): ReportFieldInput<ReportCriterion> => {
        const answer = answers.get(valueBlockId(criterion.id));
        const field: ReportFieldInput<ReportCriterion> = {
          id: criterion,
          kind: criterion.kind,
          maxPoints: criterion.maxPoints,
          measureUnit: criterion.measureUnit,
          typed: answer?.text ?? null,
          reason: answers.get(reasonBlockId(criterion.id))?.text ?? null,
          ticked: answer?.selected ?? NONE_SELECTED,
        };
        if (criterion.ask) field.ask = criterion.ask;
        if (criterion.ask?.kind === 'indicators') {
          const indicators: Record<string, string | null | undefined> = {};
          for (const indicator of criterion.ask.indicators)
            indicators[indicator.code] = answers.get(indicatorBlockId(criterion.id, indicator.code))?.text;
          field.indicators = indicators;
        }
        return field;
      }),
      ...(final
        ? {
            evidence: answers.get(REPORT_EVIDENCE_BLOCK)?.text ?? null,
            files: {
              kept: earlier.filter((file) => ticked.has(file.id)),
              uploaded: uploadedFiles(answers.get(REPORT_FILES_BLOCK)?.files),
            },
          }
        : {}),
    });
    const reason = final && asksChangeReason(form) ? changeReasonOf(answers) : { ok: true as const };
    const problems: ReportEntryProblem[] = [...checked.problems, ...(reason.ok ? [] : [reason.problem])];
    if (problems.length) return { ok: false, problems };
    return {
      ok: true,
      entries: items.map((criterion): ReportEntry => {
        const read = checked.values.get(criterion)!;
        return { value: read.value, reason: read.reason, ...(read.detail ? { detail: read.detail } : {}) };
      }),
      rest: {
        evidenceUrl: checked.evidenceUrl,
        evidenceFiles: checked.evidenceFiles,
        notes: (answers.get(REPORT_NOTES_BLOCK)?.text ?? '').trim(),
        ...(reason.ok && reason.changeReason ? { changeReason: reason.changeReason } : {}),
      },
    };
  },
  entry: entrySchema,
  isValidEntry: (criterion, entry) => isValidReportEntry(criterion.kind, criterion.maxPoints, entry, criterion.ask),
  asksChangeReason,
  content: (form, entries, rest) => ({
    values: storedValues(form.criteria, entries),
    evidenceUrl: rest.evidenceUrl,
    evidenceFiles: rest.evidenceFiles,
    notes: rest.notes,
    ...(rest.changeReason ? { changeReason: rest.changeReason } : {}),
  }),
  reread(tx, form) {
    // The reads the form's load made (a unit's reports are remembered until any write).
    const current = tx.reports.forUnits(form.period.id, [form.unit.id]).get(form.unit.id);
    // The kept answer the load read (nothing written since): the form as it was loaded.
    if (current === form.current) return form;
    const { report: _report, current: _current, ...rest } = form;
    return current ? { ...rest, report: current.report, current } : rest;
  },
  apply: applyReport,
  withdrawn: (applied) => ('withdrawn' in applied ? applied.withdrawn : []),
};

/** The entries by criterion, without what the unit is not asked (the lead scores it, the bot computes it, it does not apply): what is stored. */
function storedValues(criteria: readonly ReportCriterion[], entries: readonly ReportEntry[]): Map<number, ReportEntry> {
  const values = new Map<number, ReportEntry>();
  for (let index = 0; index < criteria.length; index++) {
    const criterion = criteria[index]!;
    if (criterion.ask?.kind !== 'none') values.set(criterion.id, entries[index]!);
  }
  return values;
}

/**
 * Stores a valid report with its audit entry and what it announces: a new version in force (first
 * submission: the channel line), or a change request once the report is locked.
 */
function applyReport({
  deps,
  tx,
  organisation,
  form,
  content,
  by,
  actingAsAdmin,
  now,
}: Submitted<ReportForm, ReportFormTypes['content']>): ReportApplied {
  // What the block's channel and the audit log read; a DM is in its reader's language.
  const locale = organisation.locale;
  // The report as it stands in this transaction (reread before it wrote anything).
  const report = form.report ?? tx.reports.ensure(form.period.id, form.unit.id, form.block.id);
  const inForce = form.current?.inForce;
  const pending = form.current?.pending;
  const order = form.criteria.map((criterion) => criterion.id);
  const differs = (version: typeof inForce) => !version || diffReports(contentOf(version), content, order).length > 0;
  const audit = (action: string, details: Record<string, unknown>) =>
    tx.audit.record({
      at: now,
      actorUserId: by,
      actingAsAdmin,
      action,
      entityType: 'report',
      entityId: report.id,
      unitId: form.unit.id,
      details: { period: form.period.code, unit: form.unit.code, ...details },
    });
  const decision = { by, at: now };

  if (inForce && !differs(inForce) && form.mode !== 'returned') {
    if (!pending) return { kind: 'unchanged', against: 'in_force' };
    const withdrawn = tx.reports.withdrawPending(report.id, decision);
    audit('report.change_withdrawn', { withdrawn });
    return { kind: 'withdrawn', withdrawn };
  }
  if (pending && !differs(pending)) return { kind: 'unchanged', against: 'pending' };

  // A report is late or on time by its first submission: an edit, a correction or a resubmission
  // after the due does not make an on-time report late (tiendo, the review and the scores agree).
  const first = form.current?.first;
  const late = first ? first.late : isLate(now, form.due);
  const fields = {
    reportId: report.id,
    values: content.values,
    evidenceUrl: content.evidenceUrl,
    evidenceFiles: content.evidenceFiles,
    notes: content.notes,
    submittedBy: by,
    actingAsAdmin,
    submittedAt: now,
    late,
  };
  const withdrawn = pending ? tx.reports.withdrawPending(report.id, decision) : [];
  if (form.mode === 'locked') {
    const version = tx.reports.add({
      ...fields,
      status: 'pending',
      ...(content.changeReason ? { changeReason: content.changeReason } : {}),
    });
    const request = reportChangeRequests.load(tx, version.id, locale)!;
    audit('report.change_requested', {
      versionId: version.id,
      replacing: inForce?.id,
      withdrawn,
      changes: request.changes,
      ...(content.changeReason ? { reason: content.changeReason } : {}),
    });
    const deciders = queueChangeRequest(deps, tx, reportChangeRequests, request, organisation);
    return {
      kind: 'requested',
      ...(deciders.lead ? { decider: { name: deciders.lead.name, deputy: deciders.deputy === true } } : {}),
      withdrawn,
    };
  }

  const version = tx.reports.add({ ...fields, status: 'accepted' });
  const score = provisionalScore(formSubject(form), {
    values: content.values,
    late,
    firstSubmittedAt: form.current?.first?.submittedAt ?? now,
  });
  deps.delivery.queue(tx, {
    key: `report-confirmation:${version.id}`,
    kind: 'report_confirmation',
    message: {
      user: by,
      ...buildReportConfirmation(
        {
          unitName: form.unit.name,
          periodName: form.period.name,
          at: now,
          version: version.version,
          score,
          zone: organisation.timeZone,
        },
        localeOf({ store: tx }, by),
      ),
    },
  });
  if (inForce) {
    // A reviewed version replaced before the due (or while reopened) takes its review with it.
    const lapsedReview = form.mode !== 'returned' && form.current?.review?.outcome === 'reviewed';
    audit('report.updated', {
      versionId: version.id,
      replacing: inForce.id,
      late,
      withdrawn,
      returned: form.mode === 'returned',
      ...(lapsedReview ? { reviewLapsed: true } : {}),
    });
    if (form.mode === 'returned' || lapsedReview) {
      // Whoever returned or reviewed it waits on it now: the lead's officers (or the admins) are told, with the review a press away.
      const facts = {
        unitName: form.unit.name,
        periodName: form.period.name,
        version: { id: version.id, number: version.version },
        after: lapsedReview ? ('reviewed' as const) : ('returned' as const),
      };
      for (const userId of decidersOf(tx, { year: form.year.year, blockId: form.block.id, unitId: form.unit.id }).userIds) {
        deps.delivery.queue(tx, {
          key: `report-resubmitted:${version.id}:${userId}`,
          kind: 'report_resubmitted',
          message: { user: userId, ...buildResubmittedMessage(facts, localeOf({ store: tx }, userId)) },
        });
      }
    }
    return { kind: 'updated', version: version.version, score, withdrawn };
  }
  // The first submission is announced; the count is taken in this transaction, so it is exact.
  const members = tx.structure.membersInYear(form.period.year, form.block.id);
  const reports = tx.reports.forUnits(
    form.period.id,
    members.map((member) => member.id),
  );
  const done = members.filter((member) => reports.get(member.id)?.inForce).length;
  audit('report.submitted', { versionId: version.id, late, done, total: members.length });
  // Submitted before its period ended (the window opens earlier): announced once the period has ended.
  queueChannelLine(
    deps,
    tx,
    {
      key: `report-submitted:${form.period.id}:${form.unit.id}`,
      kind: 'report_submitted',
      message: {
        channel: form.block.channelId,
        ...buildSubmittedLine(
          { unitName: form.unit.name, periodName: form.period.name, late, done, total: members.length, byAdmin: actingAsAdmin },
          locale,
        ),
      },
      notBefore: periodEndsAt(form.period.endsOn, organisation.timeZone),
    },
    now,
  );
  return { kind: 'submitted', late, score, withdrawn };
}
