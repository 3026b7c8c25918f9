import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { FormProblem, PledgedKind, TargetProblem } from '../domain/pledge-form';
import type { ChangeReasonProblem } from '../domain/versions';
import { formatDateTime } from '../i18n/format';
import type { Locale } from '../i18n/messages';
import { context, escapeMrkdwn, field, formModal, mention, noticeModal, section, truncate } from './blocks';
import { changeReasonError, changeReasonField } from './change-request';
import { type Decider, deciderText } from './common-text';
import { FIELD_LIMITS } from './field-limits';
import {
  PLEDGE_CALLBACK,
  PLEDGE_COMMITMENTS_BLOCK,
  PLEDGE_INPUT_ACTION,
  PLEDGE_SIGN_BLOCK,
  PLEDGE_SIGN_OPTION,
  PLEDGE_TARGET_BLOCK_PREFIX,
  PLEDGE_TITLES_BLOCK,
} from './ids';
import { criterionLabel, inputNumber, type PledgeCriterion, type PledgeMode, pledgeItemKey, pledgeText } from './pledge';

/** The pledge modal: its pages, what each field says when it is wrong, and the result shown in its place. */
export function targetProblemText(problem: TargetProblem, kind: PledgedKind, locale: Locale): string {
  const text = pledgeText[locale].problem;
  switch (problem.kind) {
    case 'required':
      return text.required[kind];
    case 'not_a_number':
      return text.notANumber(truncate(problem.typed, 40));
    case 'not_positive':
      return text.notPositive;
    case 'negative':
      return text.negative;
    case 'above_100':
      return text.above100;
    case 'not_whole':
      return text.notWhole;
  }
}

/** One message per field in error, by block id: what Slack shows beside each (response_action: errors). */
export function pledgeErrors(
  problems: readonly (FormProblem<PledgeCriterion> | ChangeReasonProblem)[],
  locale: Locale,
): Record<string, string> {
  const text = pledgeText[locale].problem;
  return Object.fromEntries(
    problems.map((problem) =>
      problem.field === 'target'
        ? [targetBlockId(problem.id), targetProblemText(problem.problem, problem.id.kind, locale)]
        : problem.field === 'titles'
          ? [PLEDGE_TITLES_BLOCK, text.titles]
          : problem.field === 'change_reason'
            ? changeReasonError(locale)
            : [PLEDGE_SIGN_BLOCK, text.signature],
    ),
  );
}

export interface PledgeModalFacts {
  unitName: string;
  blockName: string;
  year: number;
  theme: string;
  due: Date;
  zone: string;
  mode: PledgeMode;
  /** Who decides an amendment: the lead (the deputy for the lead's own unit); undefined: the admins. */
  decider?: Decider;
  actingAsAdmin: boolean;
  prefill?: { source: 'in_force' | 'pending'; version: number; at: Date; by: string };
  /** This page of a form long enough to need several. */
  page: { index: number; count: number; first: number; last: number; total: number };
  criteria: PledgeCriterion[];
  /** The values to start from, by pledgeItemKey. */
  values: ReadonlyMap<string, number>;
  /** Titles, commitments and signature: on the last page only. */
  /** `signed`: the signature ticked (a page drawn again as it was submitted). */
  rest?: { titles: string[]; chosen: string[]; commitments: string; signed?: boolean; changeReason?: string };
  metadata: string;
}

/** The block of a target's field: pledge_target_7, or pledge_target_7_a for an indicator. */
export function targetBlockId(item: Pick<PledgeCriterion, 'id' | 'indicator'>): string {
  return `${PLEDGE_TARGET_BLOCK_PREFIX}${item.id}${item.indicator ? `_${item.indicator.code}` : ''}`;
}

const option = (text: string, value: string, description?: string): PlainTextOption => ({
  text: { type: 'plain_text', text: truncate(text, 75) },
  value,
  ...(description ? { description: { type: 'plain_text', text: truncate(description, 75) } } : {}),
});

/** Option values carry the title itself (Slack allows 150 characters). */
export function titleValue(title: string): string {
  return title.slice(0, 150);
}

/** One page of the pledge form: the unit, the theme, the targets, and on the last page titles, commitments and the signature. */
export function buildPledgeModal(facts: PledgeModalFacts, locale: Locale): ModalView {
  const text = pledgeText[locale];
  const due = formatDateTime(facts.due, facts.zone, locale);
  const decider = deciderText(facts.decider, locale);
  const notes = [
    facts.mode === 'amend' ? text.due.amend(due, escapeMrkdwn(decider)) : text.due[facts.mode](due),
    ...(facts.prefill
      ? [
          facts.prefill.source === 'pending'
            ? text.prefilledPending(formatDateTime(facts.prefill.at, facts.zone, locale), mention(facts.prefill.by))
            : text.prefilledInForce(facts.prefill.version, formatDateTime(facts.prefill.at, facts.zone, locale), mention(facts.prefill.by)),
        ]
      : []),
    ...(facts.actingAsAdmin ? [text.actingAsAdmin] : []),
  ];
  const blocks: KnownBlock[] = [
    section(
      `${text.intro(escapeMrkdwn(facts.unitName), escapeMrkdwn(facts.blockName), facts.year)}\n${text.theme(escapeMrkdwn(facts.theme))}`,
    ),
    context(...notes),
  ];
  if (facts.page.count > 1)
    blocks.push(context(text.pageOf(facts.page.index + 1, facts.page.count, facts.page.first, facts.page.last, facts.page.total)));
  blocks.push(section(facts.page.total > 0 ? text.targetsHeading : text.noTargets));
  for (const criterion of facts.criteria) {
    const value = facts.values.get(pledgeItemKey(criterion));
    blocks.push(
      field(targetBlockId(criterion), truncate(criterionLabel(criterion), 2000), text.hint[criterion.kind], {
        type: 'plain_text_input',
        action_id: PLEDGE_INPUT_ACTION,
        max_length: FIELD_LIMITS.number,
        placeholder: { type: 'plain_text', text: text.placeholder },
        ...(value !== undefined ? { initial_value: inputNumber(value, locale) } : {}),
      }),
    );
  }
  if (facts.rest) {
    const { titles, chosen, commitments, signed, changeReason } = facts.rest;
    const options = titles.map((title) => option(title, titleValue(title)));
    const initial = options.filter((candidate) => chosen.some((title) => titleValue(title) === candidate.value));
    const sign = option(text.signOption(facts.year), PLEDGE_SIGN_OPTION, facts.unitName);
    blocks.push(
      field(
        PLEDGE_TITLES_BLOCK,
        text.titlesLabel,
        text.titlesHint,
        options.length <= 10
          ? { type: 'checkboxes', action_id: PLEDGE_INPUT_ACTION, options, ...(initial.length ? { initial_options: initial } : {}) }
          : {
              type: 'multi_static_select',
              action_id: PLEDGE_INPUT_ACTION,
              placeholder: { type: 'plain_text', text: text.titlesPlaceholder },
              options: options.slice(0, 100),
              ...(initial.length ? { initial_options: initial } : {}),
            },
      ),
      field(PLEDGE_COMMITMENTS_BLOCK, text.commitmentsLabel, text.commitmentsHint, {
        type: 'plain_text_input',
        action_id: PLEDGE_INPUT_ACTION,
        multiline: true,
        max_length: FIELD_LIMITS.commitments,
        ...(commitments ? { initial_value: commitments } : {}),
      }),
      field(PLEDGE_SIGN_BLOCK, text.signLabel, undefined, {
        type: 'checkboxes',
        action_id: PLEDGE_INPUT_ACTION,
        options: [sign],
        ...(signed ? { initial_options: [sign] } : {}),
      }),
      ...(changeReason !== undefined ? [changeReasonField(changeReason, PLEDGE_INPUT_ACTION, locale)] : []),
    );
  }
  return formModal({
    callbackId: PLEDGE_CALLBACK,
    title: text.title,
    submit: facts.rest ? text.submit[facts.mode] : text.nextPage,
    close: text.cancel,
    metadata: facts.metadata,
    blocks,
  });
}

/** What the modal turns into once submitted: the outcome (plain text, names as the organisation file has them, escaped here), and a Close button. */
export function buildPledgeResultView(message: string, locale: Locale): ModalView {
  return noticeModal(pledgeText[locale].title, pledgeText[locale].close, escapeMrkdwn(message));
}
