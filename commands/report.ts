import type { ViewStateValue } from '@slack/bolt';
import { z } from 'zod';
import type { Store } from '../db/store';
import type { OrganisationSettings } from '../db/store/organisation';
import type { ReportRow, ReportVersion, UnitReport } from '../db/store/reports';
import type { BlockRow, BlockYear, PeriodRow, UnitRow, YearRow } from '../db/store/structure';
import type { AppDeps } from '../src/deps';
import { pagesBySize } from '../src/domain/pagination';
import { currentPeriod, isLate, lockedFrom } from '../src/domain/periods';
import { checkReportForm, isValidReportEntry, type ReportValueRead } from '../src/domain/report-form';
import { scoreUnit } from '../src/domain/scoring';
import { formatPoints } from '../src/i18n/format';
import { defineMessages, type Locale } from '../src/i18n/messages';
import { type ScoredReport, scoredReport, scoringCriteria, scoringInput } from '../src/standings/inputs';
import { REPORT_CALLBACK, REPORT_EVIDENCE_BLOCK, REPORT_INPUT_ACTION, REPORT_NOTES_BLOCK } from '../src/views/ids';
import {
  blocksOfCriterion,
  buildReportConfirmation,
  buildReportModal,
  buildReportResultView,
  buildSubmittedLine,
  describeReportChanges,
  type ReportContent,
  type ReportCriterion,
  type ReportMode,
  reasonBlockId,
  reportErrors,
  reportText,
  valueBlockId,
} from '../src/views/report';
import { buildResubmittedMessage } from '../src/views/review';
import { listNamed, parsePeriodWords } from './args';
import { type ChangeRequest, type ChangeRequestKind, decidersOf, queueChangeRequest, redrawWithdrawn } from './change-requests';
import type { Feature, ModalOpener } from './feature';
import { carryToNextPage, enteredBefore, fingerprint, finishPages, pageCarrySchema } from './form-pages';
import { unitFormScope } from './openers';
import { submissionOf, unitFormTarget } from './submissions';

/**
 * `/thidua baocao [kỳ]`: a unit reports its results for a period (báo cáo tiến độ) in a modal —
 * one field per criterion by kind, evidence and notes. Until the period locks (its due plus the
 * year's grace hours) every valid submission is a new version in force; a submission after the due
 * is recorded as late. Once locked, a change is asked of the block lead (change-requests.ts),
 * unless the lead returned the report, which reopens it. The first submission is announced in the
 * block channel; the officer gets a confirmation with the provisional score.
 */
const reportHelp = defineMessages(
  {
    usage: '/thidua baocao [kỳ]',
    description:
      'Mở biểu mẫu báo cáo kết quả thi đua của đơn vị cho kỳ hiện tại (hoặc kỳ ghi kèm): kết quả từng tiêu chí, minh chứng, ghi chú; báo điểm tạm tính. Sau khi khóa sổ, thay đổi thành đề nghị sửa gửi Trưởng khối duyệt. Quản trị viên ghi thêm đơn vị: `/thidua baocao Q1 <mã đơn vị>`.',
    example: '/thidua baocao quy 1',
  },
  {
    usage: '/thidua report [period]',
    description:
      "Opens the unit's report for the current period (or the one named): results per criterion, evidence, notes; shows the provisional score. Once the period locks, a change becomes a request for the block lead. Admins add the unit: `/thidua report Q1 <unit code>`.",
    example: '/thidua report Q1',
  },
);

const commandText = defineMessages(
  {
    otherUnit: (unit: string, own: string) =>
      `Chỉ cán bộ thi đua của ${unit} (hoặc quản trị viên) mới nộp báo cáo cho đơn vị đó. Tài khoản này phụ trách ${own}: gõ \`/thidua baocao\` để mở báo cáo của ${own}.`,
    adminNeedsUnit: (units: string) =>
      `Quản trị viên nộp thay cho đơn vị nào? Gõ \`/thidua baocao <kỳ> <mã đơn vị>\`, ví dụ \`/thidua baocao Q1 STP\`. Các đơn vị: ${units}.`,
    unknownWords: (typed: string, periods: string) => `Không rõ kỳ báo cáo «${typed}». Các kỳ năm nay: ${periods}.`,
    unknownUnit: (typed: string, units: string) => `Không có đơn vị «${typed}». Các đơn vị: ${units}.`,
    ambiguousUnit: (typed: string, units: string) => `«${typed}» khớp với nhiều đơn vị: ${units}. Vui lòng ghi mã đơn vị.`,
    noBlock: (unit: string) => `${unit} chưa thuộc khối thi đua nào trong tệp cấu hình tổ chức, nên chưa có báo cáo để nộp.`,
    noPeriods: (year: number) => `Năm ${year} chưa có kỳ báo cáo nào trong tệp cấu hình tổ chức.`,
    cannotOpen: 'Không mở được biểu mẫu báo cáo (Slack chỉ cho mở trong vài giây sau khi gõ lệnh hoặc bấm nút). Vui lòng thử lại.',
    refused: (unit: string) => `Tài khoản này không có quyền nộp báo cáo cho ${unit}; chưa lưu gì.`,
  },
  {
    otherUnit: (unit: string, own: string) =>
      `Only the officers of ${unit} (or an admin) can submit its report. This account is an officer of ${own}: type \`/thidua report\` to open ${own}'s report.`,
    adminNeedsUnit: (units: string) =>
      `Which unit is the admin acting for? Type \`/thidua report <period> <unit code>\`, e.g. \`/thidua report Q1 STP\`. Units: ${units}.`,
    unknownWords: (typed: string, periods: string) => `Unknown period «${typed}». This year's periods: ${periods}.`,
    unknownUnit: (typed: string, units: string) => `There is no unit «${typed}». Units: ${units}.`,
    ambiguousUnit: (typed: string, units: string) => `«${typed}» matches several units: ${units}. Please give the unit code.`,
    noBlock: (unit: string) => `${unit} belongs to no block in the organisation file, so it has no report to submit.`,
    noPeriods: (year: number) => `The organisation file has no reporting periods for ${year}.`,
    cannotOpen:
      'The report form could not be opened (Slack allows it only a few seconds after the command or the button). Please try again.',
    refused: (unit: string) => `This account may not submit the report of ${unit}; nothing was saved.`,
  },
);

const FORM = 'report';
/** Blocks one page of criteria may take (each counted with a possible group heading), under Slack's 100 per modal. */
const CRITERIA_BLOCKS_PER_PAGE = 84;

/** Everything the form is drawn from, read fresh for the modal and again for its submission. */
interface ReportForm {
  unit: UnitRow;
  block: BlockRow;
  year: YearRow;
  period: PeriodRow;
  blockYear: BlockYear;
  criteria: ReportCriterion[];
  report?: ReportRow;
  current?: UnitReport;
  targets: ReadonlyMap<number, number>;
  mode: ReportMode;
  lockedFrom: Date;
}

/** The block's scoring table for the year, as the report and review forms show it. */
export function reportCriteria(store: Store, year: number, blockId: number): ReportCriterion[] {
  return store.structure.criteria(year, blockId).map((row) => ({
    id: row.id,
    code: row.code,
    name: row.name,
    groupName: row.groupName,
    kind: row.kind,
    maxPoints: row.maxPoints,
    measureUnit: row.measureUnit,
  }));
}

/** The targets and ceilings of the unit's pledge in force for the year (none before it signs). */
export function pledgedTargets(store: Store, year: number, unitId: number): ReadonlyMap<number, number> {
  const pledge = store.pledges.find(year, unitId);
  return (pledge ? store.pledges.inForce(pledge.id)?.targets : undefined) ?? new Map();
}

function loadForm(store: Store, unit: UnitRow, block: BlockRow, period: PeriodRow, now: Date): ReportForm {
  const year = store.structure.year(period.year)!;
  const report = store.reports.find(period.id, unit.id);
  const current = report ? store.reports.forUnits(period.id, [unit.id]).get(unit.id) : undefined;
  const locksAt = lockedFrom(period.due, year.reportGraceHours);
  const returned = current?.review?.outcome === 'returned';
  const mode: ReportMode = !current?.inForce
    ? isLate(now, period.due)
      ? 'late'
      : 'submit'
    : returned
      ? 'returned'
      : now.getTime() >= locksAt.getTime()
        ? 'locked'
        : 'edit';
  return {
    unit,
    block,
    year,
    period,
    blockYear: store.structure.blockYear(year.year, block.id)!,
    criteria: reportCriteria(store, year.year, block.id),
    ...(report ? { report } : {}),
    ...(current ? { current } : {}),
    targets: pledgedTargets(store, year.year, unit.id),
    mode,
    lockedFrom: locksAt,
  };
}

/** The criteria split into pages that fit a modal. */
function pagesOf(criteria: readonly ReportCriterion[]): ReportCriterion[][] {
  return pagesBySize(criteria, (criterion) => blocksOfCriterion(criterion.kind) + 1, CRITERIA_BLOCKS_PER_PAGE);
}

/** The unit's score for `report` as the scoring engine computes it (the lead's points once reviewed). */
function provisional(form: ReportForm, report: ScoredReport) {
  const score = scoreUnit(scoringCriteria(form.criteria), scoringInput(form.unit.id, report, form.targets));
  return { total: score.total, awaitingReview: score.criteria.some((line) => line.notes.includes('awaiting_review')) };
}

function buildPage(form: ReportForm, pageIndex: number, metadata: string, actingAsAdmin: boolean, organisation: OrganisationSettings) {
  const pages = pagesOf(form.criteria);
  const index = Math.min(pageIndex, pages.length - 1);
  const before = pages.slice(0, index).reduce((count, page) => count + page.length, 0);
  const final = index === pages.length - 1;
  const { inForce, pending, review } = form.current ?? {};
  const prefill = pending ?? inForce;
  const lead = form.blockYear.lead && form.blockYear.lead.id !== form.unit.id ? form.blockYear.lead : undefined;
  return buildReportModal(
    {
      unitName: form.unit.name,
      blockName: form.block.name,
      period: { name: form.period.name, startsOn: form.period.startsOn, endsOn: form.period.endsOn, due: form.period.due },
      year: form.year.year,
      zone: organisation.timeZone,
      mode: form.mode,
      lockedFrom: form.lockedFrom,
      ...(lead ? { leadName: lead.name } : {}),
      ...(review?.outcome === 'returned' ? { returned: { reason: review.reason ?? '', by: review.reviewerUserId } } : {}),
      ...(review?.outcome === 'reviewed' ? { reviewed: { by: review.reviewerUserId, at: review.createdAt } } : {}),
      ...(inForce ? { provisional: provisional(form, scoredReport(form.current)!) } : {}),
      actingAsAdmin,
      ...(prefill
        ? {
            prefill: {
              source: pending ? 'pending' : 'in_force',
              version: prefill.version,
              at: prefill.submittedAt,
              by: prefill.submittedBy,
            },
          }
        : {}),
      page: { index, count: pages.length, first: before + 1, last: before + (pages[index]?.length ?? 0), total: form.criteria.length },
      criteria: pages[index] ?? [],
      targets: form.targets,
      values: prefill?.values ?? new Map(),
      ...(final ? { rest: { evidenceUrl: prefill?.evidenceUrl ?? null, notes: prefill?.notes ?? '' } } : {}),
      metadata,
    },
    organisation.locale,
  );
}

/** The metadata the modal carries: unit and period ids, then the paging (form-pages.ts). */
const metadataSchema = pageCarrySchema.extend({ u: z.number().int(), r: z.number().int() });
type Metadata = z.infer<typeof metadataSchema>;
/** A criterion's entry carried between pages: [value, reason]. */
const carriedValue = z.tuple([z.number().nullable(), z.string().nullable()]);

/**
 * Opens the report modal of `unitText` (a code or name; the caller's own unit when empty) for the
 * period `periodText` names (the unit's current period when empty) of `year` (the current one when
 * absent), or answers why not. The trigger is spent on the modal before anything slow.
 */
export async function openReportModal(opener: ModalOpener, asked: { unitText: string; periodText: string; year?: number }): Promise<void> {
  const { deps, locale, organisation, respond } = opener;
  const text = commandText[locale];
  const scope = await unitFormScope(opener, text, asked);
  if (!scope) return;
  const { unit, block, year, actingAsAdmin } = scope;
  const periods = deps.store.structure.periods(year.year);
  if (periods.length === 0) return respond({ text: text.noPeriods(year.year) });
  const now = deps.clock.now();
  let period: PeriodRow | undefined;
  if (asked.periodText) {
    const found = parsePeriodWords(asked.periodText, [], periods);
    if (!found.period || found.rest) return respond({ text: text.unknownWords(asked.periodText, listNamed(periods)) });
    period = found.period;
  } else {
    const submitted = deps.store.reports.submittedPeriods(
      unit.id,
      periods.map((candidate) => candidate.id),
    );
    period = currentPeriod(periods, submitted, now)!;
  }
  const form = loadForm(deps.store, unit, block, period, now);
  const metadata: Metadata = { u: unit.id, r: period.id, p: 0, c: fingerprint(form.criteria) };
  try {
    await opener.client.views.open({
      trigger_id: opener.triggerId,
      view: buildPage(form, 0, JSON.stringify(metadata), actingAsAdmin, organisation),
    });
  } catch (error) {
    deps.logger.warn('could not open the report modal', error);
    await respond({ text: text.cannotOpen });
  }
}

type Outcome =
  | { kind: 'duplicate' }
  | { kind: 'unchanged'; against: 'in_force' | 'pending' }
  | { kind: 'withdrawn'; withdrawn: number[] }
  | { kind: 'submitted'; late: boolean; total: number; awaitingReview: boolean; withdrawn: number[] }
  | { kind: 'updated'; version: number; total: number; awaitingReview: boolean; withdrawn: number[] }
  | { kind: 'requested'; deciderName?: string; withdrawn: number[] };

interface Submission {
  viewId: string;
  form: ReportForm;
  content: ReportContent;
  by: string;
  actingAsAdmin: boolean;
  now: Date;
}

function contentOf(version: ReportVersion): ReportContent {
  return { values: version.values, evidenceUrl: version.evidenceUrl, notes: version.notes };
}

/**
 * Stores a valid submission in one transaction, with its audit entry and what it announces: a new
 * version in force (first submission: the channel line), or a change request once the report is
 * locked. A double submit of the same modal is applied once.
 */
function applySubmission(deps: AppDeps, organisation: OrganisationSettings, submission: Submission): Outcome {
  const { form, content, by, actingAsAdmin, now } = submission;
  const locale = organisation.locale;
  return deps.store.transaction((tx): Outcome => {
    if (!tx.events.claim(`view:${submission.viewId}`, 'view_submission', now)) return { kind: 'duplicate' };
    const report = tx.reports.ensure(form.period.id, form.unit.id, form.block.id);
    const inForce = tx.reports.inForce(report.id);
    const pending = tx.reports.pending(report.id);
    const differs = (version: ReportVersion | undefined) =>
      !version || describeReportChanges(contentOf(version), content, form.criteria, locale).length > 0;
    const audit = (action: string, details: Record<string, unknown>) =>
      tx.audit.record({
        at: now,
        actorUserId: by,
        actingAsAdmin,
        action,
        entityType: 'report',
        entityId: report.id,
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

    const late = isLate(now, form.period.due);
    const fields = {
      reportId: report.id,
      values: content.values,
      evidenceUrl: content.evidenceUrl,
      notes: content.notes,
      submittedBy: by,
      actingAsAdmin,
      submittedAt: now,
      late,
    };
    const withdrawn = tx.reports.withdrawPending(report.id, decision);
    if (form.mode === 'locked') {
      const version = tx.reports.add({ ...fields, status: 'pending' });
      const request = reportChangeRequests.load(tx, version.id, locale)!;
      audit('report.change_requested', { versionId: version.id, replacing: inForce?.id, withdrawn, changes: request.changes });
      const deciders = queueChangeRequest(deps, tx, request, organisation);
      return { kind: 'requested', ...(deciders.lead ? { deciderName: deciders.lead.name } : {}), withdrawn };
    }

    const version = tx.reports.add({ ...fields, status: 'accepted' });
    const score = provisional(form, { values: content.values, late });
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
            total: score.total,
            awaitingReview: score.awaitingReview,
            zone: organisation.timeZone,
          },
          locale,
        ),
      },
    });
    if (inForce) {
      audit('report.updated', { versionId: version.id, replacing: inForce.id, late, withdrawn, returned: form.mode === 'returned' });
      if (form.mode === 'returned') {
        // Whoever returned it is waiting for it: the lead's officers (or the admins) are told, with the review a press away.
        const message = buildResubmittedMessage(
          { unitName: form.unit.name, periodName: form.period.name, version: { id: version.id, number: version.version } },
          locale,
        );
        for (const userId of decidersOf(tx, { year: form.year.year, blockId: form.block.id, unitId: form.unit.id }).userIds) {
          deps.delivery.queue(tx, {
            key: `report-resubmitted:${version.id}:${userId}`,
            kind: 'report_resubmitted',
            message: { user: userId, ...message },
          });
        }
      }
      return { kind: 'updated', version: version.version, total: score.total, awaitingReview: score.awaitingReview, withdrawn };
    }
    // The first submission is announced; the count is taken in this transaction, so it is exact.
    const members = tx.structure.members(form.block.id);
    const reports = tx.reports.forUnits(
      form.period.id,
      members.map((member) => member.id),
    );
    const done = members.filter((member) => reports.get(member.id)?.inForce).length;
    audit('report.submitted', { versionId: version.id, late, done, total: members.length });
    deps.delivery.queue(tx, {
      key: `report-submitted:${form.period.id}:${form.unit.id}`,
      kind: 'report_submitted',
      message: {
        channel: form.block.channelId,
        ...buildSubmittedLine(
          { unitName: form.unit.name, periodName: form.period.name, late, done, total: members.length, byAdmin: actingAsAdmin },
          locale,
        ),
      },
    });
    return { kind: 'submitted', late, total: score.total, awaitingReview: score.awaitingReview, withdrawn };
  });
}

function outcomeText(outcome: Exclude<Outcome, { kind: 'duplicate' }>, form: ReportForm, locale: Locale): string {
  const text = reportText[locale].result;
  const points = (total: number) => formatPoints(total, locale);
  switch (outcome.kind) {
    case 'unchanged':
      return outcome.against === 'pending' ? text.unchangedPending : text.unchanged;
    case 'withdrawn':
      return text.withdrawn;
    case 'submitted':
      return (
        (outcome.late ? text.submittedLate : text.submitted)(form.unit.name, form.period.name, points(outcome.total)) +
        (outcome.awaitingReview ? text.awaiting : '')
      );
    case 'updated':
      return (
        text.updated(form.unit.name, form.period.name, outcome.version, points(outcome.total)) +
        (outcome.awaitingReview ? text.awaiting : '')
      );
    case 'requested':
      return text.requested(outcome.deciderName ? reportText[locale].deciderLead(outcome.deciderName) : reportText[locale].deciderAdmins);
  }
}

/** The report changes asked for once a period is locked, decided by the block lead. */
export const reportChangeRequests: ChangeRequestKind = {
  load(store, id, locale) {
    const version = store.reports.version(id);
    if (!version) return undefined;
    const { report } = version;
    const period = store.structure.periodById(report.periodId);
    const unit = store.structure.unitById(report.unitId);
    if (!period || !unit) return undefined;
    const base = store.reports.acceptedBefore(report.id, version.id);
    const block = store.structure.blockById(report.blockId)!;
    const criteria = loadForm(store, unit, block, period, version.submittedAt).criteria;
    return {
      kind: 'report',
      id: version.id,
      year: period.year,
      blockId: report.blockId,
      unitId: report.unitId,
      auditEntity: { entityType: 'report', entityId: report.id },
      title: reportText[locale].requestTitle(period.name, period.year),
      unitName: unit.name,
      changes: describeReportChanges(base ? contentOf(base) : undefined, contentOf(version), criteria, locale),
      status: version.status,
      requestedBy: version.submittedBy,
      requestedAt: version.submittedAt,
      actingAsAdmin: version.actingAsAdmin,
      decidedBy: version.decidedBy,
      decidedAt: version.decidedAt,
      reason: version.decisionReason,
    } satisfies ChangeRequest;
  },
  decide(tx, request, outcome, decision) {
    return tx.reports.decide(request.id, outcome, {
      by: decision.by,
      at: decision.at,
      ...(decision.reason ? { reason: decision.reason } : {}),
    });
  },
  auditActions: { approved: 'report.change_approved', rejected: 'report.change_rejected' },
};

function typed(state: ViewStateValue | undefined): string | null {
  return state?.value ?? state?.selected_option?.value ?? null;
}

export const reportFeature: Feature = {
  subCommands: [
    {
      name: 'baocao',
      aliases: ['báo cáo', 'bao cao', 'report', 'nopbaocao', 'nộp báo cáo', 'nop bao cao'],
      help: reportHelp,
      run(context) {
        // "[kỳ]" for officers; admins add the unit: "Q1 STP", "STP quy 1"; a year may be added anywhere.
        const { structure } = context.deps.store;
        const typedYear = context.args.split(/\s+/).find((word) => /^\d{4}$/.test(word));
        const wanted = typedYear ? Number(typedYear) : context.caller.year;
        const periods = wanted !== undefined ? structure.periods(wanted) : [];
        const words = parsePeriodWords(context.args, structure.activeUnits(), periods);
        if (words.rest) return context.respond({ text: commandText[context.locale].unknownWords(words.rest, listNamed(periods)) });
        return openReportModal(context, {
          unitText: words.block?.code ?? '',
          periodText: words.period?.code ?? '',
          ...(words.year !== undefined ? { year: words.year } : {}),
        });
      },
    },
  ],
  register(app, deps) {
    app.view(REPORT_CALLBACK, async ({ ack, body, view, client }) => {
      const submission = submissionOf(deps, body.user.id, view.private_metadata, metadataSchema);
      if (!submission) return ack();
      const { organisation, locale, now } = submission;
      const result = (message: string) => ack({ response_action: 'update', view: buildReportResultView(message, locale) });
      const target = unitFormTarget(deps, submission);
      if (target.kind === 'refused') return result(commandText[locale].refused(target.unit.name));
      const period = target.kind === 'allowed' ? deps.store.structure.periodById(target.metadata.r) : undefined;
      if (target.kind === 'stale' || !period) return result(reportText[locale].result.stale);
      const { metadata, unit, block, actingAsAdmin } = target;
      const form = loadForm(deps.store, unit, block, period, now);
      if (fingerprint(form.criteria) !== metadata.c) return result(reportText[locale].result.stale);

      const pages = pagesOf(form.criteria);
      const onPage = pages[metadata.p];
      if (!onPage) return result(reportText[locale].result.stale);
      const final = metadata.p === pages.length - 1;
      const values = view.state.values;
      const checked = checkReportForm({
        fields: onPage.map((criterion) => ({
          id: criterion,
          kind: criterion.kind,
          maxPoints: criterion.maxPoints,
          typed: typed(values[valueBlockId(criterion.id)]?.[REPORT_INPUT_ACTION]),
          reason: typed(values[reasonBlockId(criterion.id)]?.[REPORT_INPUT_ACTION]),
        })),
        ...(final ? { evidence: typed(values[REPORT_EVIDENCE_BLOCK]?.[REPORT_INPUT_ACTION]) } : {}),
      });
      if (checked.problems.length) return ack({ response_action: 'errors', errors: reportErrors(checked.problems, locale) });

      const earlier = z
        .array(carriedValue)
        .catch([])
        .parse(enteredBefore(deps.store, FORM, view.id, metadata));
      // Earlier pages' values ride in the modal: checked again, as if typed now.
      const earlierValid = earlier.every(([value, reason], index) => {
        const criterion = form.criteria[index];
        return criterion !== undefined && isValidReportEntry(criterion.kind, criterion.maxPoints, { value, reason });
      });
      if (!earlierValid) return result(reportText[locale].result.stale);
      const entered = [
        ...earlier,
        ...onPage.map((criterion) => {
          const read: ReportValueRead = checked.values.get(criterion)!;
          return [read.value, read.reason] as [number | null, string | null];
        }),
      ];
      const expected = pages.slice(0, metadata.p + 1).reduce((count, page) => count + page.length, 0);
      if (entered.length !== expected) return result(reportText[locale].result.stale);
      if (!final) {
        const carried = carryToNextPage(deps.store, FORM, view.id, { u: unit.id, r: period.id }, metadata, entered);
        return ack({ response_action: 'update', view: buildPage(form, metadata.p + 1, carried, actingAsAdmin, organisation) });
      }

      const content: ReportContent = {
        values: new Map(form.criteria.map((criterion, index) => [criterion.id, { value: entered[index]![0], reason: entered[index]![1] }])),
        evidenceUrl: checked.evidenceUrl,
        notes: (typed(values[REPORT_NOTES_BLOCK]?.[REPORT_INPUT_ACTION]) ?? '').trim(),
      };
      const outcome = applySubmission(deps, organisation, { viewId: view.id, form, content, by: body.user.id, actingAsAdmin, now });
      finishPages(deps.store, FORM, view.id, metadata);
      if (outcome.kind === 'duplicate') return ack();
      await result(outcomeText(outcome, form, locale));
      deps.delivery.kick();
      if ('withdrawn' in outcome && outcome.withdrawn.length)
        await redrawWithdrawn(deps, client, reportChangeRequests, outcome.withdrawn, organisation);
    });
  },
};
