import type { OrganisationSettings } from '../db/store/organisation';
import type { PeriodRow } from '../db/store/structure';
import { pageAt } from '../src/domain/pagination';
import { parsePeriodWords } from '../src/domain/scope-words';
import { countOf, formatDate } from '../src/i18n/format';
import { defineMessages, type Locale } from '../src/i18n/messages';
import { periodOfYearInSentence } from '../src/i18n/period-names';
import { deciderOf } from '../src/services/caller';
import { changeReasonAsked, reportChangeRequests } from '../src/services/reports/change-requests';
import { provisionalInForce, type ReportForm, type ReportFormProblem, reportFormToOpen, reportPages } from '../src/services/reports/form';
import { lastPageEvidence, type ReportApplied, type ReportPageShown, reportForm } from '../src/services/reports/submit';
import { escapeMrkdwn } from '../src/views/blocks';
import { deciderText } from '../src/views/common-text';
import { NUDGE_OPEN_REPORT, REPORT_CALLBACK, REPORT_INPUT_ACTION } from '../src/views/ids';
import { provisionalScoreText, reportText } from '../src/views/report';
import { buildReportModal, buildReportResultView, reportErrors } from '../src/views/report-modal';
import type { Feature, ModalOpener } from './shared/feature';
import { scopeProblemText } from './shared/openers';
import { listNamed } from './shared/scope';
import { openUnitForm, registerOpenButton, registerUnitForm } from './shared/unit-form';

/**
 * `/thidua baocao [kỳ]`: a unit reports its results for a period (báo cáo tiến độ) in a modal —
 * one field per criterion by kind, evidence and notes. What submitting, editing and asking for a
 * change mean is src/services/reports/submit.ts; this file opens the form and draws its pages and
 * outcomes.
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

/** A period the unit has reported: its name in a sentence, and its code for the command that changes it. */
type SubmittedPeriod = { period: string; code: string };

const commandText = defineMessages(
  {
    otherUnit: (unit: string, own: string) =>
      `Chỉ cán bộ thi đua của ${unit} (hoặc quản trị viên) mới nộp báo cáo cho đơn vị đó. Tài khoản này phụ trách ${own}: gõ \`/thidua baocao\` để mở báo cáo của ${own}.`,
    adminNeedsUnit: (units: string) =>
      `Quản trị viên nộp thay cho đơn vị nào? Gõ \`/thidua baocao <kỳ> <mã đơn vị>\`, ví dụ \`/thidua baocao Q1 STP\`. Các đơn vị: ${units}.`,
    unknownWords: (typed: string, periods: string) => `Không rõ kỳ báo cáo “${typed}”. Các kỳ năm nay: ${periods}.`,
    noBlock: (unit: string, year: number) =>
      `${unit} không thuộc khối thi đua nào năm ${year} trong tệp tổ chức, nên không có báo cáo năm ${year} để nộp.`,
    noPeriods: (year: number) => `Năm ${year} chưa có kỳ báo cáo nào trong tệp tổ chức.`,
    notOpen: (period: string, opens: string, days: number) =>
      `Chưa đến lúc nộp báo cáo ${period}: báo cáo mở từ ngày ${opens} (${days} ngày trước khi hết kỳ).`,
    nothingOpen: (unit: string, submitted: SubmittedPeriod | undefined, next: string | undefined, opens: string | undefined) =>
      [
        submitted
          ? `${unit} đã nộp báo cáo ${submitted.period}; muốn sửa, gõ \`/thidua baocao ${submitted.code}\`.`
          : `${unit} chưa có kỳ báo cáo nào đang mở.`,
        next && opens ? `Báo cáo ${next} mở từ ngày ${opens}.` : '',
      ]
        .filter(Boolean)
        .join(' '),
    cannotOpen: 'Không mở được biểu mẫu báo cáo (Slack chỉ cho mở trong vài giây sau khi gõ lệnh hoặc bấm nút). Vui lòng thử lại.',
    refused: (unit: string) => `Tài khoản này không có quyền nộp báo cáo cho ${unit}; chưa lưu gì.`,
  },
  {
    otherUnit: (unit: string, own: string) =>
      `Only the officers of ${unit} (or an admin) can submit its report. This account is an officer of ${own}: type \`/thidua report\` to open ${own}'s report.`,
    adminNeedsUnit: (units: string) =>
      `Which unit is the admin acting for? Type \`/thidua report <period> <unit code>\`, e.g. \`/thidua report Q1 STP\`. Units: ${units}.`,
    unknownWords: (typed: string, periods: string) => `Unknown period “${typed}”. This year's periods: ${periods}.`,
    noBlock: (unit: string, year: number) =>
      `${unit} belongs to no block in ${year} in the organisation file, so it has no report to submit for ${year}.`,
    noPeriods: (year: number) => `The organisation file has no reporting periods for ${year}.`,
    notOpen: (period: string, opens: string, days: number) =>
      `The ${period} report is not open yet: it opens on ${opens} (${countOf(days, 'day')} before the period ends).`,
    nothingOpen: (unit: string, submitted: SubmittedPeriod | undefined, next: string | undefined, opens: string | undefined) =>
      [
        submitted
          ? `${unit} has submitted its ${submitted.period} report; to change it, type \`/thidua report ${submitted.code}\`.`
          : `${unit} has no report open now.`,
        next && opens ? `The ${next} report opens on ${opens}.` : '',
      ]
        .filter(Boolean)
        .join(' '),
    cannotOpen:
      'The report form could not be opened (Slack allows it only a few seconds after the command or the button). Please try again.',
    refused: (unit: string) => `This account may not submit the report of ${unit}; nothing was saved.`,
  },
);

/** Page `pageIndex` of the form, prefilled from the version pending or in force, or with what `shown` holds. */
function reportPage(
  form: ReportForm,
  pageIndex: number,
  metadata: string,
  actingAsAdmin: boolean,
  organisation: OrganisationSettings,
  locale: Locale,
  shown?: ReportPageShown,
) {
  const { items, position } = pageAt(reportPages(form), pageIndex);
  const final = position.index === position.count - 1;
  const { pending, review } = form.current ?? {};
  const prefill = pending ?? form.current?.inForce;
  const decider = deciderOf(form.blockYear, form.unit.id);
  const provisional = provisionalInForce(form);
  return buildReportModal(
    {
      unitName: form.unit.name,
      blockName: form.block.name,
      period: {
        name: form.period.name,
        startsOn: form.period.startsOn,
        endsOn: form.period.endsOn,
        due: form.due,
        extended: form.extended,
      },
      year: form.year.year,
      zone: organisation.timeZone,
      mode: form.mode,
      lockedFrom: form.lockedFrom,
      ...(decider ? { decider } : {}),
      ...(review?.outcome === 'returned' ? { returned: { reason: review.reason, by: review.reviewerUserId, due: review.resubmitBy } } : {}),
      ...(review?.outcome === 'reviewed' ? { reviewed: { by: review.reviewerUserId, at: review.createdAt } } : {}),
      ...(provisional ? { provisional } : {}),
      actingAsAdmin,
      ...(prefill && !shown
        ? {
            prefill: {
              source: pending ? 'pending' : 'in_force',
              version: prefill.version,
              at: prefill.submittedAt,
              by: prefill.submittedBy,
            },
          }
        : {}),
      page: position,
      criteria: [...items],
      targets: form.targets,
      indicatorTargets: form.indicatorTargets,
      automatic: { pledgeSignedAt: form.pledgeSignedAt, pledgeDue: form.year.pledgeDue },
      values: shown ? new Map(items.map((criterion, index) => [criterion.id, shown.entries[index]!])) : (prefill?.values ?? new Map()),
      ...(final
        ? {
            rest: { ...lastPageEvidence(prefill, shown?.rest), ...changeReasonAsked(form) },
          }
        : {}),
      metadata,
    },
    locale,
  );
}

function openProblemText(problem: ReportFormProblem, opener: ModalOpener): string {
  const text = commandText[opener.locale];
  if (problem.kind === 'no_periods') return text.noPeriods(problem.year);
  if (problem.kind === 'unknown_period') return text.unknownWords(escapeMrkdwn(problem.typed), listNamed(problem.periods));
  const zone = opener.organisation.timeZone;
  const named = (period: PeriodRow) => periodOfYearInSentence(period.name, period.year, opener.locale);
  if (problem.kind === 'not_open')
    return text.notOpen(named(problem.period), formatDate(problem.opensAt, zone, opener.locale), problem.opensDays);
  if (problem.kind === 'nothing_open') {
    const { next, submitted } = problem;
    return text.nothingOpen(
      problem.unit.name,
      submitted && { period: named(submitted), code: submitted.code },
      next && named(next.period),
      next && formatDate(next.opensAt, zone, opener.locale),
    );
  }
  return scopeProblemText(problem, text, opener);
}

/** Opens the report modal `asked` names, or answers why not. */
async function openReportModal(opener: ModalOpener, asked: { unitText: string; periodText: string; year?: number }): Promise<void> {
  const { deps, locale, organisation } = opener;
  const found = reportFormToOpen(deps.store, opener.caller, asked, deps.clock.now());
  if (!found.ok) return opener.respond({ text: openProblemText(found.problem, opener) });
  const view = reportPage(found.form, 0, JSON.stringify(found.metadata), found.actingAsAdmin, organisation, locale);
  await openUnitForm(opener, 'report', view, commandText[locale].cannotOpen);
}

function appliedText(applied: ReportApplied, form: ReportForm, locale: Locale): string {
  const text = reportText[locale].result;
  switch (applied.kind) {
    case 'unchanged':
      return applied.against === 'pending' ? text.unchangedPending : text.unchanged;
    case 'withdrawn':
      return text.withdrawn;
    case 'submitted':
      return (applied.late ? text.submittedLate : text.submitted)(
        form.unit.name,
        form.period.name,
        provisionalScoreText(applied.score, locale),
      );
    case 'updated':
      return text.updated(form.unit.name, form.period.name, applied.version, provisionalScoreText(applied.score, locale));
    case 'requested':
      return text.requested(deciderText(applied.decider, locale));
  }
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
        if (words.rest)
          return context.respond({ text: commandText[context.locale].unknownWords(escapeMrkdwn(words.rest), listNamed(periods)) });
        return openReportModal(context, {
          unitText: words.block?.code ?? '',
          periodText: words.period?.code ?? '',
          ...(words.year !== undefined ? { year: words.year } : {}),
        });
      },
    },
  ],
  register(app, deps) {
    registerUnitForm(app, deps, reportForm, {
      callbackId: REPORT_CALLBACK,
      inputAction: REPORT_INPUT_ACTION,
      changeRequests: reportChangeRequests,
      page: reportPage,
      errors: reportErrors,
      resultView: buildReportResultView,
      stale: (locale) => reportText[locale].result.stale,
      refused: (unitName, locale) => commandText[locale].refused(unitName),
      noBlock: (unitName, year, locale) => commandText[locale].noBlock(unitName, year),
      applied: appliedText,
    });
    registerOpenButton(app, deps, NUDGE_OPEN_REPORT, 'report', (opener, target) =>
      openReportModal(opener, { unitText: target.unitCode ?? '', periodText: target.periodCode, year: target.year }),
    );
  },
};
