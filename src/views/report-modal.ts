import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { EVIDENCE_FILE_TYPES, type EvidenceFile, type EvidenceFilesProblem, MAX_EVIDENCE_FILES } from '../domain/evidence';
import { keptAnswer } from '../domain/kept';
import { NO, type ReportProblem, type ValueProblem, YES } from '../domain/report-form';
import type { EntryDetail } from '../domain/scoring';
import type { ChangeReasonProblem } from '../domain/versions';
import { formatDate, formatDateTime, formatLocalDate, formatNumber } from '../i18n/format';
import type { Locale } from '../i18n/messages';
import { ruleLine } from '../standings/rule-text';
import { context, escapeMrkdwn, field, formModal, mention, noticeModal, section, truncate } from './blocks';
import { changeReasonError, changeReasonField } from './change-request';
import { type Decider, deciderText } from './common-text';
import { FIELD_LIMITS } from './field-limits';
import {
  REPORT_CALLBACK,
  REPORT_EVIDENCE_BLOCK,
  REPORT_FILES_BLOCK,
  REPORT_INPUT_ACTION,
  REPORT_KEPT_FILES_BLOCK,
  REPORT_NOTES_BLOCK,
  REPORT_REASON_BLOCK_PREFIX,
  REPORT_VALUE_BLOCK_PREFIX,
} from './ids';
import { criterionLabel, inputNumber, pledgedValue } from './pledge';
import { type ProvisionalScore, provisionalInForceText, type ReportCriterion, type ReportMode, reportText } from './report';

/** The report modal: its pages, one field per criterion by kind, its errors, and the result shown in its place. */
export function valueBlockId(criterionId: number): string {
  return keptAnswer(valueBlockIds, criterionId, 4096, () => `${REPORT_VALUE_BLOCK_PREFIX}${criterionId}`);
}

export function reasonBlockId(criterionId: number): string {
  return keptAnswer(reasonBlockIds, criterionId, 4096, () => `${REPORT_REASON_BLOCK_PREFIX}${criterionId}`);
}
// A submission looks each criterion's two fields up among forty answers: the same strings each time, not made again.
const valueBlockIds = new Map<number, string>();
const reasonBlockIds = new Map<number, string>();

/** The field of one of a unit's own indicators (version 2). */
export function indicatorBlockId(criterionId: number, code: string): string {
  return `${REPORT_VALUE_BLOCK_PREFIX}${criterionId}_${code}`;
}

/** Blocks a criterion takes in the form: its field (one per indicator), a reason field for bonus and deduction, a line for what is not asked. */
export function blocksOfCriterion(criterion: Pick<ReportCriterion, 'kind' | 'ask'>): number {
  if (criterion.ask?.kind === 'indicators') return criterion.ask.indicators.length;
  return criterion.kind === 'bonus' || criterion.kind === 'deduction' ? 2 : 1;
}

export function valueProblemText(problem: ValueProblem, criterion: Pick<ReportCriterion, 'kind' | 'maxPoints'>, locale: Locale): string {
  const text = reportText[locale].problem;
  const { kind } = criterion;
  // Points fields say their range; a measured value says what a number looks like.
  const hint = kind === 'target' || kind === 'lower_better' ? text.numberHint : text.pointsRange(formatNumber(criterion.maxPoints, locale));
  switch (problem.kind) {
    case 'required':
      return kind === 'yes_no' ? text.choice : text.required[kind];
    case 'not_a_number':
      return text.notANumber(truncate(problem.typed, 40), hint);
    case 'negative':
      return kind === 'target' || kind === 'lower_better' ? text.negative : hint;
    case 'above_max':
      return text.pointsRange(formatNumber(problem.max, locale));
    case 'choice_required':
      return kind === 'levels' ? text.chooseLevel : kind === 'bonus' || kind === 'deduction' ? text.chooseItem : text.choice;
    case 'not_whole':
      return text.wholeCount;
    case 'unknown_choice':
      return text.unknownChoice;
  }
}

function filesProblemText(problem: EvidenceFilesProblem, locale: Locale): string {
  const text = reportText[locale].problem.files;
  return problem.kind === 'too_many'
    ? text.too_many(problem.count, problem.max)
    : problem.kind === 'type'
      ? text.type(truncate(problem.name, 100))
      : text.unreadable;
}

/** Slack's per-field errors for a report page. */
export function reportErrors(
  problems: readonly (ReportProblem<ReportCriterion> | ChangeReasonProblem)[],
  locale: Locale,
): Record<string, string> {
  const text = reportText[locale].problem;
  return Object.fromEntries(
    problems.map((problem) =>
      problem.field === 'change_reason'
        ? changeReasonError(locale)
        : problem.field === 'value'
          ? [valueBlockId(problem.id.id), valueProblemText(problem.problem, problem.id, locale)]
          : problem.field === 'indicator'
            ? [
                indicatorBlockId(problem.id.id, problem.code),
                valueProblemText(problem.problem, { kind: 'target', maxPoints: problem.id.maxPoints }, locale),
              ]
            : problem.field === 'reason'
              ? [reasonBlockId(problem.id.id), text.reason]
              : problem.field === 'files'
                ? [REPORT_FILES_BLOCK, filesProblemText(problem.problem, locale)]
                : [REPORT_EVIDENCE_BLOCK, text.evidence],
    ),
  );
}

export interface ReportModalFacts {
  unitName: string;
  blockName: string;
  /** `due`: the unit's due in force; `extended` when it is the unit's own (gia hạn). */
  period: { name: string; startsOn: string; endsOn: string; due: Date; extended?: boolean };
  year: number;
  zone: string;
  mode: ReportMode;
  lockedFrom: Date;
  /** Who decides a change once locked: the lead (the deputy for the lead's own unit); undefined: the admins. */
  decider?: Decider;
  /** `due`: when it is due again (null for a return made before there were resubmission dues). */
  returned?: { reason: string | null; by: string; due: Date | null };
  reviewed?: { by: string; at: Date };
  provisional?: ProvisionalScore;
  actingAsAdmin: boolean;
  prefill?: { source: 'in_force' | 'pending'; version: number; at: Date; by: string };
  page: { index: number; count: number; first: number; last: number; total: number };
  criteria: ReportCriterion[];
  /** The pledged targets and ceilings of the unit's pledge in force. */
  targets: ReadonlyMap<number, number>;
  /** The targets of the unit's own indicators in its pledge in force, by criterion then indicator code. */
  indicatorTargets?: ReadonlyMap<number, Readonly<Record<string, number>>>;
  /** What the bot knows for its automatic criteria, said in place of a field (“tự động: đã ký ngày 17/03/2018”). */
  automatic?: { pledgeSignedAt: Date | null; pledgeDue: Date };
  values: ReadonlyMap<number, { value: number | null; reason: string | null; detail?: EntryDetail | undefined }>;
  /** Evidence and notes: on the last page only. */
  rest?: {
    evidenceUrl: string | null;
    evidenceFiles: readonly EvidenceFile[];
    notes: string;
    changeReason?: string;
    /** Files uploaded in a submission that comes back as a change request: Slack's file input cannot be given them again. */
    notKept?: number;
  };
  metadata: string;
}

const option = (text: string, value: string): PlainTextOption => ({ text: { type: 'plain_text', text: truncate(text, 75) }, value });

function numberField(blockId: string, label: string, hint: string, value: number | null | undefined, locale: Locale): InputBlock {
  return field(blockId, label, hint, {
    type: 'plain_text_input',
    action_id: REPORT_INPUT_ACTION,
    max_length: FIELD_LIMITS.number,
    placeholder: { type: 'plain_text', text: reportText[locale].placeholder },
    ...(value !== undefined && value !== null ? { initial_value: inputNumber(value, locale) } : {}),
  });
}

/** "tự động: đã ký ngày 17/03/2018": what the bot knows, or will judge, for an automatic criterion. */
function automaticText(criterion: ReportCriterion, facts: ReportModalFacts, locale: Locale): string {
  const text = reportText[locale];
  if (criterion.rule?.source === 'pledge_on_time' && facts.automatic) {
    const signedAt = facts.automatic.pledgeSignedAt;
    return text.autoPledge(
      signedAt ? formatDate(signedAt, facts.zone, locale) : null,
      signedAt !== null && signedAt.getTime() <= facts.automatic.pledgeDue.getTime(),
    );
  }
  if (criterion.rule?.source === 'report_on_time') return text.autoReport(formatDateTime(facts.period.due, facts.zone, locale));
  return text.notAsked.auto;
}

/** What the form shows for a criterion the unit is not asked: who scores it, or what the bot knows. */
function notAskedLine(
  criterion: ReportCriterion,
  why: 'lead' | 'auto' | 'not_applicable',
  facts: ReportModalFacts,
  locale: Locale,
): KnownBlock {
  const text = reportText[locale];
  const said = why === 'auto' ? automaticText(criterion, facts, locale) : text.notAsked[why];
  return context(`*${escapeMrkdwn(criterionLabel(criterion))}*: ${escapeMrkdwn(said)}`);
}

function criterionFields(criterion: ReportCriterion, facts: ReportModalFacts, locale: Locale): KnownBlock[] {
  const text = reportText[locale];
  const label = criterionLabel(criterion);
  const current = facts.values.get(criterion.id);
  const max = formatNumber(criterion.maxPoints, locale);
  const ask = criterion.ask;
  if (ask?.kind === 'none') return [notAskedLine(criterion, ask.why, facts, locale)];
  if (ask?.kind === 'indicators') {
    const pledged = facts.indicatorTargets?.get(criterion.id);
    return ask.indicators.map((indicator) => {
      const target = pledged?.[indicator.code];
      const hint =
        target === undefined
          ? text.hint.noPledge
          : text.hint.target(pledgedValue({ kind: 'target', measureUnit: indicator.unit ?? null }, target, locale));
      const name = `${criterion.code}${indicator.code}. ${indicator.name}${indicator.unit ? ` (${indicator.unit})` : ''}`;
      return numberField(
        indicatorBlockId(criterion.id, indicator.code),
        truncate(name, 2000),
        hint,
        current?.detail?.indicators?.[indicator.code],
        locale,
      );
    });
  }
  if (ask?.kind === 'claim' && ask.as !== 'points') {
    const reason = field(reasonBlockId(criterion.id), text.reasonLabel(criterion.code), text.hint.reason, {
      type: 'plain_text_input',
      action_id: REPORT_INPUT_ACTION,
      max_length: FIELD_LIMITS.reportReason,
      ...(current?.reason ? { initial_value: current.reason } : {}),
    });
    const rule = ruleLine(criterion, locale, { unitName: (code) => code, notApplicable: 'full' });
    if (ask.as === 'count')
      return [numberField(valueBlockId(criterion.id), label, text.hint.claimCount(rule), current?.value, locale), reason];
    const options = ask.items.map((item) =>
      option(
        truncate(`${item.name} (${criterion.kind === 'bonus' ? '+' : '−'}${formatNumber(item.points, locale)})`, 75),
        truncate(item.name, 150),
      ),
    );
    const initial = options.filter((candidate) => current?.detail?.items?.includes(candidate.value ?? '') === true);
    return [
      field(
        valueBlockId(criterion.id),
        label,
        text.hint.claimItems(rule),
        options.length <= 10
          ? { type: 'checkboxes', action_id: REPORT_INPUT_ACTION, options, ...(initial.length ? { initial_options: initial } : {}) }
          : {
              type: 'multi_static_select',
              action_id: REPORT_INPUT_ACTION,
              placeholder: { type: 'plain_text', text: text.chooseItems },
              options: options.slice(0, 100),
              ...(initial.length ? { initial_options: initial } : {}),
            },
      ),
      reason,
    ];
  }
  switch (criterion.kind) {
    case 'target':
    case 'lower_better': {
      const pledged = facts.targets.get(criterion.id);
      const hint =
        pledged === undefined
          ? text.hint.noPledge
          : text.hint[criterion.kind](pledgedValue({ kind: criterion.kind, measureUnit: criterion.measureUnit }, pledged, locale));
      return [numberField(valueBlockId(criterion.id), label, hint, current?.value, locale)];
    }
    case 'yes_no': {
      const options = [option(text.yes, YES), option(text.no, NO)];
      const initial = current?.value === null || current?.value === undefined ? undefined : options[current.value > 0 ? 0 : 1];
      return [
        field(valueBlockId(criterion.id), label, text.hint.yes_no(max), {
          type: 'radio_buttons',
          action_id: REPORT_INPUT_ACTION,
          options,
          ...(initial ? { initial_option: initial } : {}),
        }),
      ];
    }
    case 'graded':
      return [numberField(valueBlockId(criterion.id), label, text.hint.graded(max), current?.value, locale)];
    case 'levels': {
      const options = (criterion.rule?.levels ?? []).map((level) =>
        option(truncate(`${level.name} — ${formatNumber(level.points, locale)}`, 75), truncate(level.name, 150)),
      );
      const initial = options.find((candidate) => candidate.value === current?.detail?.level);
      return [
        field(valueBlockId(criterion.id), label, text.hint.levels(max), {
          type: 'static_select',
          action_id: REPORT_INPUT_ACTION,
          options,
          ...(initial ? { initial_option: initial } : {}),
        }),
      ];
    }
    case 'count':
      return [
        numberField(
          valueBlockId(criterion.id),
          label,
          text.hint.count(ruleLine(criterion, locale, { unitName: (code) => code, notApplicable: 'full' })),
          current?.value,
          locale,
        ),
      ];
    case 'bonus':
    case 'deduction':
      return [
        numberField(valueBlockId(criterion.id), label, text.hint[criterion.kind](max), current?.value, locale),
        field(reasonBlockId(criterion.id), text.reasonLabel(criterion.code), text.hint.reason, {
          type: 'plain_text_input',
          action_id: REPORT_INPUT_ACTION,
          max_length: FIELD_LIMITS.reportReason,
          ...(current?.reason ? { initial_value: current.reason } : {}),
        }),
      ];
  }
}

/** One page of the report form. */
export function buildReportModal(facts: ReportModalFacts, locale: Locale): ModalView {
  const text = reportText[locale];
  const dueAt = formatDateTime(facts.period.due, facts.zone, locale);
  const due = facts.period.extended ? text.extendedDue(dueAt) : dueAt;
  const at = (instant: Date) => formatDateTime(instant, facts.zone, locale);
  const decider = deciderText(facts.decider, locale);
  const modeNote =
    facts.mode === 'edit'
      ? text.mode.edit(due, at(facts.lockedFrom))
      : facts.mode === 'locked'
        ? text.mode.locked(at(facts.lockedFrom), escapeMrkdwn(decider))
        : facts.mode === 'returned'
          ? text.mode.returned(
              escapeMrkdwn(facts.returned?.reason ?? ''),
              mention(facts.returned?.by ?? ''),
              facts.returned?.due ? at(facts.returned.due) : '',
            )
          : text.mode[facts.mode](due);
  const notes = [
    modeNote,
    ...(facts.prefill
      ? [
          facts.prefill.source === 'pending'
            ? text.prefilledPending(at(facts.prefill.at), mention(facts.prefill.by))
            : text.prefilledInForce(facts.prefill.version, at(facts.prefill.at), mention(facts.prefill.by)),
        ]
      : []),
    // Saving directly (before the lock) makes a new version that the review does not cover: said before, not found out after.
    ...(facts.reviewed
      ? [(facts.mode === 'edit' ? text.reviewedThenEdited : text.reviewed)(mention(facts.reviewed.by), at(facts.reviewed.at))]
      : []),
    ...(facts.provisional ? [provisionalInForceText(facts.provisional, locale, facts.reviewed !== undefined)] : []),
    ...(facts.actingAsAdmin ? [text.actingAsAdmin] : []),
    ...(facts.rest?.notKept ? [text.uploadAgain(facts.rest.notKept)] : []),
  ];
  const blocks: KnownBlock[] = [
    section(
      `${text.intro(escapeMrkdwn(facts.unitName), escapeMrkdwn(facts.blockName))}\n${text.period(escapeMrkdwn(facts.period.name), facts.year, formatLocalDate(facts.period.startsOn, locale), formatLocalDate(facts.period.endsOn, locale))}`,
    ),
    context(...notes),
  ];
  if (facts.page.count > 1)
    blocks.push(context(text.pageOf(facts.page.index + 1, facts.page.count, facts.page.first, facts.page.last, facts.page.total)));
  let group: string | undefined;
  for (const criterion of facts.criteria) {
    if (criterion.groupName !== group) {
      group = criterion.groupName;
      blocks.push(section(`*${escapeMrkdwn(group)}*`));
    }
    blocks.push(...criterionFields(criterion, facts, locale));
  }
  if (facts.rest) {
    blocks.push(
      field(REPORT_EVIDENCE_BLOCK, text.evidenceLabel, text.evidenceHint, {
        type: 'plain_text_input',
        action_id: REPORT_INPUT_ACTION,
        max_length: FIELD_LIMITS.evidenceUrl,
        placeholder: { type: 'plain_text', text: 'https://' },
        ...(facts.rest.evidenceUrl ? { initial_value: facts.rest.evidenceUrl } : {}),
      }),
      ...evidenceFileFields(facts.rest.evidenceFiles, locale),
      field(REPORT_NOTES_BLOCK, text.notesLabel, text.notesHint, {
        type: 'plain_text_input',
        action_id: REPORT_INPUT_ACTION,
        multiline: true,
        max_length: FIELD_LIMITS.notes,
        ...(facts.rest.notes ? { initial_value: facts.rest.notes } : {}),
      }),
      ...(facts.rest.changeReason !== undefined ? [changeReasonField(facts.rest.changeReason, REPORT_INPUT_ACTION, locale)] : []),
    );
  }
  return formModal({
    callbackId: REPORT_CALLBACK,
    title: text.title,
    submit: facts.rest ? text.submit[facts.mode] : text.nextPage,
    close: text.cancel,
    metadata: facts.metadata,
    blocks,
  });
}

/**
 * The files of the version shown, ticked (a correction keeps them unless unticked: Slack's file input
 * cannot start with files), then the file input for new ones, up to MAX_EVIDENCE_FILES in all.
 */
function evidenceFileFields(files: readonly EvidenceFile[], locale: Locale): InputBlock[] {
  const text = reportText[locale];
  const options = files.map((file) => option(file.name, file.id));
  return [
    ...(options.length
      ? [
          field(REPORT_KEPT_FILES_BLOCK, text.keptLabel, text.keptHint, {
            type: 'checkboxes',
            action_id: REPORT_INPUT_ACTION,
            options,
            initial_options: options,
          }),
        ]
      : []),
    field(
      REPORT_FILES_BLOCK,
      text.filesLabel,
      files.length ? text.filesMore(files.length, MAX_EVIDENCE_FILES) : text.filesHint(MAX_EVIDENCE_FILES),
      {
        type: 'file_input',
        action_id: REPORT_INPUT_ACTION,
        filetypes: [...EVIDENCE_FILE_TYPES],
        max_files: Math.max(1, MAX_EVIDENCE_FILES - files.length),
      },
    ),
  ];
}

/** What the modal turns into once submitted: the outcome (plain text, names as the organisation file has them, escaped here), and a Close button. */
export function buildReportResultView(message: string, locale: Locale): ModalView {
  return noticeModal(reportText[locale].title, reportText[locale].close, escapeMrkdwn(message));
}
