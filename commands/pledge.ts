import type { ViewStateValue } from '@slack/bolt';
import { z } from 'zod';
import type { Store } from '../db/store';
import type { OrganisationSettings } from '../db/store/organisation';
import type { PledgeRow, PledgeVersion, UnitPledge } from '../db/store/pledges';
import type { BlockMember, BlockRow, BlockYear, UnitRow, YearRow } from '../db/store/structure';
import type { AppDeps } from '../src/deps';
import { pageWindow } from '../src/domain/pagination';
import { diffPledges, type PledgeContent } from '../src/domain/pledge-diff';
import { checkPledgeForm, isPledgedKind, isValidTarget } from '../src/domain/pledge-form';
import { defineMessages, type Locale } from '../src/i18n/messages';
import {
  PLEDGE_CALLBACK,
  PLEDGE_COMMITMENTS_BLOCK,
  PLEDGE_INPUT_ACTION,
  PLEDGE_SIGN_BLOCK,
  PLEDGE_SIGN_OPTION,
  PLEDGE_TITLES_BLOCK,
} from '../src/views/ids';
import {
  buildCovenant,
  buildPledgeModal,
  buildPledgeResultView,
  buildSignedLine,
  type CovenantFacts,
  describePledgeChanges,
  type PledgeCriterion,
  type PledgeMode,
  pledgeText,
  targetBlockId,
  targetProblemText,
  titleValue,
  type UnitPledgeSummary,
} from '../src/views/pledge';
import { parseScopeWords } from './args';
import { type ChangeRequest, type ChangeRequestKind, queueChangeRequest, redrawWithdrawn } from './change-requests';
import type { Feature, ModalOpener } from './feature';
import { carryToNextPage, enteredBefore, fingerprint, finishPages, pageCarrySchema } from './form-pages';
import { unitFormScope } from './openers';
import { submissionOf, unitFormTarget } from './submissions';

/**
 * `/thidua dangky [đơn vị] [năm]`: a unit signs its emulation pledge (giao ước thi đua) in a modal —
 * targets, titles sought, commitments, signature. Before the year's pledge_due every valid
 * submission is a new version in force at once; after it, a unit that has signed asks for an
 * amendment that the block lead approves (see change-requests.ts), and a unit that has not signed
 * still signs, recorded as late. The first signature is announced in the block's channel; the
 * last one brings the block's covenant summary, once.
 */
const pledgeHelp = defineMessages(
  {
    usage: '/thidua dangky [năm]',
    description:
      'Mở biểu mẫu đăng ký, ký giao ước thi đua của đơn vị: chỉ tiêu, danh hiệu đăng ký, nội dung cam kết. Sau hạn ký, thay đổi thành đề nghị sửa đổi gửi Trưởng khối duyệt. Quản trị viên ghi thêm đơn vị: `/thidua dangky <mã đơn vị | tên> [năm]`.',
    example: '/thidua dangky 2021',
  },
  {
    usage: '/thidua pledge [year]',
    description:
      "Opens the unit's emulation pledge form: targets, titles sought, commitments, signature. After the due, a change becomes an amendment request for the block lead. Admins add the unit: `/thidua pledge <unit code | name> [year]`.",
    example: '/thidua pledge 2021',
  },
);

const commandText = defineMessages(
  {
    otherUnit: (unit: string, own: string) =>
      `Chỉ cán bộ thi đua của ${unit} (hoặc quản trị viên) mới ký giao ước cho đơn vị đó. Tài khoản này phụ trách ${own}: gõ \`/thidua dangky\` để mở giao ước của ${own}.`,
    adminNeedsUnit: (units: string) =>
      `Quản trị viên ký thay cho đơn vị nào? Gõ \`/thidua dangky <mã đơn vị | tên> [năm]\`, ví dụ \`/thidua dangky CA 2021\`. Các đơn vị: ${units}.`,
    unknownUnit: (typed: string, units: string) => `Không có đơn vị «${typed}». Các đơn vị: ${units}.`,
    ambiguousUnit: (typed: string, units: string) => `«${typed}» khớp với nhiều đơn vị: ${units}. Vui lòng ghi mã đơn vị.`,
    noBlock: (unit: string) => `${unit} chưa thuộc khối thi đua nào trong tệp cấu hình tổ chức, nên chưa ký giao ước được.`,
    cannotOpen: 'Không mở được biểu mẫu giao ước (Slack chỉ cho mở trong vài giây sau khi gõ lệnh). Vui lòng gõ lại lệnh.',
    refused: (unit: string) => `Tài khoản này không có quyền ký giao ước cho ${unit}; chưa lưu gì.`,
    requestTitle: (year: number) => `Sửa đổi giao ước thi đua năm ${year}`,
  },
  {
    otherUnit: (unit: string, own: string) =>
      `Only the officers of ${unit} (or an admin) can sign its pledge. This account is an officer of ${own}: type \`/thidua pledge\` to open ${own}'s pledge.`,
    adminNeedsUnit: (units: string) =>
      `Which unit is the admin acting for? Type \`/thidua pledge <unit code | name> [year]\`, e.g. \`/thidua pledge CA 2021\`. Units: ${units}.`,
    unknownUnit: (typed: string, units: string) => `There is no unit «${typed}». Units: ${units}.`,
    ambiguousUnit: (typed: string, units: string) => `«${typed}» matches several units: ${units}. Please give the unit code.`,
    noBlock: (unit: string) => `${unit} belongs to no block in the organisation file, so it has no pledge to sign.`,
    cannotOpen:
      'The pledge form could not be opened (Slack allows it only a few seconds after the command). Please type the command again.',
    refused: (unit: string) => `This account may not sign the pledge of ${unit}; nothing was saved.`,
    requestTitle: (year: number) => `Amendment of the ${year} emulation pledge`,
  },
);

/** Target inputs on one page of the form: with the fixed blocks, well under Slack's 100 per modal. */
export const TARGETS_PER_PAGE = 45;
const FORM = 'pledge';

/** Everything the form is drawn from, read fresh for the modal and again for its submission. */
interface PledgeForm {
  unit: UnitRow;
  block: BlockRow;
  year: YearRow;
  blockYear: BlockYear;
  /** The criteria that take a target or a ceiling, in the file's order. */
  criteria: PledgeCriterion[];
  pledge?: PledgeRow;
  inForce?: PledgeVersion;
  pending?: PledgeVersion;
  mode: PledgeMode;
  /** The titles to choose from: the organisation's, plus any the unit chose before that were since retired. */
  titles: string[];
}

export function pledgedCriteria(store: Store, year: number, blockId: number): PledgeCriterion[] {
  return store.structure
    .criteria(year, blockId)
    .flatMap((criterion) =>
      isPledgedKind(criterion.kind)
        ? [{ id: criterion.id, code: criterion.code, name: criterion.name, kind: criterion.kind, measureUnit: criterion.measureUnit }]
        : [],
    );
}

function loadForm(store: Store, unit: UnitRow, block: BlockRow, year: YearRow, now: Date): PledgeForm {
  const pledge = store.pledges.find(year.year, unit.id);
  const inForce = pledge ? store.pledges.inForce(pledge.id) : undefined;
  const pending = pledge ? store.pledges.pending(pledge.id) : undefined;
  const afterDue = now.getTime() > year.pledgeDue.getTime();
  const chosen = (pending ?? inForce)?.titlesSought ?? [];
  return {
    unit,
    block,
    year,
    blockYear: store.structure.blockYear(year.year, block.id)!,
    criteria: pledgedCriteria(store, year.year, block.id),
    ...(pledge ? { pledge } : {}),
    ...(inForce ? { inForce } : {}),
    ...(pending ? { pending } : {}),
    mode: inForce ? (afterDue ? 'amend' : 'edit') : afterDue ? 'late' : 'sign',
    titles: [...new Set([...store.organisation.titles(), ...chosen])],
  };
}

/** What the modal carries between its pages: the unit and year, then the paging (see form-pages.ts). */
const metadataSchema = pageCarrySchema.extend({ u: z.number().int(), y: z.number().int(), v: z.array(z.number()).optional() });
type Metadata = z.infer<typeof metadataSchema>;

function contentOf(version: Pick<PledgeVersion, 'targets' | 'titlesSought' | 'commitments'>): PledgeContent {
  return { targets: version.targets, titles: version.titlesSought, commitments: version.commitments };
}

function buildPage(form: PledgeForm, page: number, metadata: string, actingAsAdmin: boolean, organisation: OrganisationSettings) {
  const window = pageWindow(form.criteria.length, TARGETS_PER_PAGE, page);
  const prefill = form.pending ?? form.inForce;
  const final = window.page === window.pageCount - 1;
  return buildPledgeModal(
    {
      unitName: form.unit.name,
      blockName: form.block.name,
      year: form.year.year,
      theme: form.blockYear.theme,
      due: form.year.pledgeDue,
      zone: organisation.timeZone,
      mode: form.mode,
      ...(form.blockYear.lead && form.blockYear.lead.id !== form.unit.id ? { leadName: form.blockYear.lead.name } : {}),
      actingAsAdmin,
      ...(prefill
        ? {
            prefill: {
              source: form.pending ? 'pending' : 'in_force',
              version: prefill.version,
              at: prefill.submittedAt,
              by: prefill.submittedBy,
            },
          }
        : {}),
      page: { index: window.page, count: window.pageCount, first: window.start + 1, last: window.end, total: form.criteria.length },
      criteria: form.criteria.slice(window.start, window.end),
      values: prefill?.targets ?? new Map(),
      ...(final ? { rest: { titles: form.titles, chosen: prefill?.titlesSought ?? [], commitments: prefill?.commitments ?? '' } } : {}),
      metadata,
    },
    organisation.locale,
  );
}

/**
 * Opens the pledge modal of `unitText` (a code or name; the caller's own unit when empty) for
 * `year` (the current one when absent), or answers why not. The trigger is spent on the modal
 * before anything slow.
 */
export async function openPledgeModal(context: ModalOpener, asked: { unitText: string; year?: number }): Promise<void> {
  const { deps, locale, organisation, respond } = context;
  const target = await unitFormScope(context, commandText[locale], asked);
  if (!target) return;
  const { block, year } = target;
  const form = loadForm(deps.store, target.unit, block, year, deps.clock.now());
  const metadata: Metadata = { u: target.unit.id, y: year.year, p: 0, c: fingerprint(form.criteria) };
  try {
    await context.client.views.open({
      trigger_id: context.triggerId,
      view: buildPage(form, 0, JSON.stringify(metadata), target.actingAsAdmin, organisation),
    });
  } catch (error) {
    deps.logger.warn('could not open the pledge modal', error);
    await respond({ text: commandText[locale].cannotOpen });
  }
}

/** A block's members and their pledges for a year: what the table and the covenant show. */
export interface BlockPledges {
  members: BlockMember[];
  pledges: Map<number, UnitPledge>;
  criteria: PledgeCriterion[];
}

export function blockPledges(store: Store, blockId: number, year: number): BlockPledges {
  const members = store.structure.members(blockId);
  return {
    members,
    pledges: store.pledges.forUnits(
      year,
      members.map((member) => member.id),
    ),
    criteria: pledgedCriteria(store, year, blockId),
  };
}

/** The targets of `version` with their criteria, in the table's order. */
export function targetsOf(version: PledgeVersion, criteria: readonly PledgeCriterion[]): UnitPledgeSummary['targets'] {
  return criteria.flatMap((criterion) => {
    const value = version.targets.get(criterion.id);
    return value === undefined ? [] : [{ criterion, value }];
  });
}

function covenantFacts(store: Store, blockYear: BlockYear, year: YearRow, zone: string): CovenantFacts {
  const { members, pledges, criteria } = blockPledges(store, blockYear.block.id, year.year);
  return {
    blockName: blockYear.block.name,
    blockCode: blockYear.block.code,
    year: year.year,
    theme: blockYear.theme,
    ...(blockYear.lead ? { lead: blockYear.lead.name } : {}),
    ...(blockYear.deputy ? { deputy: blockYear.deputy.name } : {}),
    zone,
    units: members.flatMap((member) => {
      const pledge = pledges.get(member.id);
      if (!pledge?.signed || !pledge.inForce) return [];
      return [
        {
          unitName: member.name,
          signedAt: pledge.signed.submittedAt,
          signedBy: pledge.signed.submittedBy,
          late: pledge.signed.submittedAt.getTime() > year.pledgeDue.getTime(),
          titles: pledge.inForce.titlesSought,
          targets: targetsOf(pledge.inForce, criteria),
        },
      ];
    }),
  };
}

/** The pledge amendments, as change requests the block lead decides. */
export const pledgeChangeRequests: ChangeRequestKind = {
  load(store, id, locale) {
    const version = store.pledges.version(id);
    if (!version) return undefined;
    const { pledge } = version;
    const unit = store.structure.unitById(pledge.unitId);
    const base = store.pledges.acceptedBefore(pledge.id, version.id);
    const criteria = pledgedCriteria(store, pledge.year, pledge.blockId);
    const changes = diffPledges(
      base ? contentOf(base) : undefined,
      contentOf(version),
      criteria.map((criterion) => criterion.id),
    );
    return {
      kind: 'pledge',
      id: version.id,
      year: pledge.year,
      blockId: pledge.blockId,
      unitId: pledge.unitId,
      auditEntity: { entityType: 'pledge', entityId: pledge.id },
      title: commandText[locale].requestTitle(pledge.year),
      unitName: unit?.name ?? '',
      changes: describePledgeChanges(changes, new Map(criteria.map((criterion) => [criterion.id, criterion])), locale),
      status: version.status,
      requestedBy: version.submittedBy,
      requestedAt: version.submittedAt,
      actingAsAdmin: version.actingAsAdmin,
      decidedBy: version.decidedBy,
      decidedAt: version.decidedAt,
      reason: version.decisionReason,
    };
  },
  decide(tx, request, outcome, decision) {
    return tx.pledges.decide(request.id, outcome, {
      by: decision.by,
      at: decision.at,
      ...(decision.reason ? { reason: decision.reason } : {}),
    });
  },
  auditActions: { approved: 'pledge.amendment_approved', rejected: 'pledge.amendment_rejected' },
};

type Outcome =
  | { kind: 'duplicate' }
  | { kind: 'unchanged'; against: 'in_force' | 'pending' }
  | { kind: 'withdrawn'; withdrawn: number[] }
  | { kind: 'signed'; late: boolean; signed: number; total: number }
  | { kind: 'updated'; version: number; withdrawn: number[] }
  | { kind: 'requested'; deciderName?: string; withdrawn: number[] };

interface Submission {
  viewId: string;
  form: PledgeForm;
  content: PledgeContent;
  by: string;
  actingAsAdmin: boolean;
  now: Date;
}

/** Stores a valid submission with its audit entry and posts, all in one transaction. */
function applySubmission(deps: AppDeps, organisation: OrganisationSettings, submission: Submission): Outcome {
  const { form, content, now, by, actingAsAdmin } = submission;
  const order = form.criteria.map((criterion) => criterion.id);
  return deps.store.transaction((tx): Outcome => {
    if (!tx.events.claim(`view:${submission.viewId}`, 'view_submission', now)) return { kind: 'duplicate' };
    const pledge = tx.pledges.ensure(form.year.year, form.unit.id, form.block.id);
    const inForce = tx.pledges.inForce(pledge.id);
    const pending = tx.pledges.pending(pledge.id);
    const afterDue = now.getTime() > form.year.pledgeDue.getTime();
    const audit = (action: string, details: Record<string, unknown>) =>
      tx.audit.record({
        at: now,
        actorUserId: by,
        actingAsAdmin,
        action,
        entityType: 'pledge',
        entityId: pledge.id,
        details: { year: form.year.year, unitId: form.unit.id, ...details },
      });
    const fromInForce = inForce ? diffPledges(contentOf(inForce), content, order) : undefined;

    if (inForce && fromInForce?.length === 0) {
      if (!pending) return { kind: 'unchanged', against: 'in_force' };
      // Sending back what is in force takes the amendment back.
      const withdrawn = tx.pledges.withdrawPending(pledge.id, { by, at: now });
      audit('pledge.amendment_withdrawn', { versionIds: withdrawn });
      return { kind: 'withdrawn', withdrawn };
    }
    if (pending && afterDue && diffPledges(contentOf(pending), content, order).length === 0)
      return { kind: 'unchanged', against: 'pending' };
    const withdrawn = tx.pledges.withdrawPending(pledge.id, { by, at: now });
    const fields = {
      pledgeId: pledge.id,
      titles: [...content.titles],
      commitments: content.commitments.trim(),
      targets: content.targets,
      submittedBy: by,
      actingAsAdmin,
      submittedAt: now,
    };

    if (inForce && afterDue) {
      const version = tx.pledges.add({ ...fields, status: 'pending' });
      const request: ChangeRequest = pledgeChangeRequests.load(tx, version.id, organisation.locale)!;
      audit('pledge.amendment_requested', { versionId: version.id, replacing: inForce.id, withdrawn, changes: request.changes });
      const deciders = queueChangeRequest(deps, tx, request, organisation);
      return { kind: 'requested', ...(deciders.lead ? { deciderName: deciders.lead.name } : {}), withdrawn };
    }

    const version = tx.pledges.add({ ...fields, status: 'accepted' });
    if (inForce && fromInForce) {
      const changes = describePledgeChanges(
        fromInForce,
        new Map(form.criteria.map((criterion) => [criterion.id, criterion])),
        organisation.locale,
      );
      audit('pledge.updated', { versionId: version.id, replacing: inForce.id, withdrawn, changes });
      return { kind: 'updated', version: version.version, withdrawn };
    }
    // The first signature: announce it, and the covenant when it completes the block. The count is
    // taken in this transaction, so of two last signatures only the later one sees the block full.
    const memberIds = tx.structure.members(form.block.id).map((member) => member.id);
    const signed = tx.pledges.signedCount(form.year.year, memberIds);
    const total = memberIds.length;
    audit('pledge.signed', { versionId: version.id, late: afterDue, signed, total });
    deps.delivery.queue(tx, {
      key: `pledge-signed:${form.year.year}:${form.unit.id}`,
      kind: 'pledge_signed',
      message: {
        channel: form.block.channelId,
        ...buildSignedLine(
          { unitName: form.unit.name, year: form.year.year, late: afterDue, signed, total, byAdmin: actingAsAdmin },
          organisation.locale,
        ),
      },
    });
    if (signed >= total) {
      deps.delivery.queue(tx, {
        key: `pledge-covenant:${form.year.year}:${form.block.id}`,
        kind: 'pledge_covenant',
        message: {
          channel: form.block.channelId,
          ...buildCovenant(covenantFacts(tx, form.blockYear, form.year, organisation.timeZone), organisation.locale),
        },
      });
    }
    return { kind: 'signed', late: afterDue, signed, total };
  });
}

function outcomeText(outcome: Exclude<Outcome, { kind: 'duplicate' }>, form: PledgeForm, locale: Locale): string {
  const text = pledgeText[locale].result;
  switch (outcome.kind) {
    case 'unchanged':
      return outcome.against === 'pending' ? text.unchangedPending : text.unchanged;
    case 'withdrawn':
      return text.withdrawn;
    case 'signed':
      return (outcome.late ? text.signedLate : text.signed)(form.unit.name, form.year.year, form.block.name, outcome.signed, outcome.total);
    case 'updated':
      return text.updated(form.unit.name, outcome.version);
    case 'requested':
      return text.requested(outcome.deciderName ? pledgeText[locale].deciderLead(outcome.deciderName) : pledgeText[locale].deciderAdmins);
  }
}

function typedText(state: ViewStateValue | undefined): string | null {
  return state?.value ?? null;
}

function selected(state: ViewStateValue | undefined): string[] {
  return (state?.selected_options ?? []).map((option) => option.value);
}

export const pledgeFeature: Feature = {
  subCommands: [
    {
      name: 'dangky',
      aliases: ['đăng ký', 'dang ky', 'pledge', 'kygiaouoc', 'ký giao ước', 'ky giao uoc', 'dangkythidua', 'đăng ký thi đua'],
      help: pledgeHelp,
      run(context) {
        const words = parseScopeWords(context.args, []);
        return openPledgeModal(context, { unitText: words.rest, ...(words.year !== undefined ? { year: words.year } : {}) });
      },
    },
  ],
  register(app, deps) {
    app.view(PLEDGE_CALLBACK, async ({ ack, body, view, client }) => {
      const submission = submissionOf(deps, body.user.id, view.private_metadata, metadataSchema);
      if (!submission) return ack();
      const { organisation, locale, now } = submission;
      const result = (message: string) => ack({ response_action: 'update', view: buildPledgeResultView(message, locale) });
      const target = unitFormTarget(deps, submission);
      if (target.kind === 'refused') return result(commandText[locale].refused(target.unit.name));
      const year = target.kind === 'allowed' ? deps.store.structure.year(target.metadata.y) : undefined;
      if (target.kind === 'stale' || !year) return result(pledgeText[locale].result.stale);
      const { metadata, unit, block, actingAsAdmin } = target;
      const form = loadForm(deps.store, unit, block, year, now);
      if (fingerprint(form.criteria) !== metadata.c) return result(pledgeText[locale].result.stale);

      const window = pageWindow(form.criteria.length, TARGETS_PER_PAGE, metadata.p);
      if (window.page !== metadata.p) return result(pledgeText[locale].result.stale);
      const final = window.page === window.pageCount - 1;
      const onPage = form.criteria.slice(window.start, window.end);
      const values = view.state.values;
      const titles = selected(values[PLEDGE_TITLES_BLOCK]?.[PLEDGE_INPUT_ACTION]).flatMap((value) =>
        form.titles.filter((title) => titleValue(title) === value),
      );
      const checked = checkPledgeForm({
        targets: onPage.map((criterion) => ({
          id: criterion,
          kind: criterion.kind,
          typed: typedText(values[targetBlockId(criterion.id)]?.[PLEDGE_INPUT_ACTION]),
        })),
        final,
        titles,
        signed: selected(values[PLEDGE_SIGN_BLOCK]?.[PLEDGE_INPUT_ACTION]).includes(PLEDGE_SIGN_OPTION),
      });
      if (checked.problems.length) {
        const text = pledgeText[locale].problem;
        const errors = Object.fromEntries(
          checked.problems.map((problem) =>
            problem.field === 'target'
              ? [targetBlockId(problem.id.id), targetProblemText(problem.problem, problem.id.kind, locale)]
              : problem.field === 'titles'
                ? [PLEDGE_TITLES_BLOCK, text.titles]
                : [PLEDGE_SIGN_BLOCK, text.signature],
          ),
        );
        return ack({ response_action: 'errors', errors });
      }

      const earlier = z
        .array(z.number())
        .catch([])
        .parse(enteredBefore(deps.store, FORM, view.id, metadata));
      // Earlier pages' targets ride in the modal: checked again, as if typed now.
      const earlierValid = earlier.every((value, index) => {
        const criterion = form.criteria[index];
        return criterion !== undefined && isValidTarget(criterion.kind, value);
      });
      if (!earlierValid) return result(pledgeText[locale].result.stale);
      const entered = [...earlier, ...onPage.map((criterion) => checked.values.get(criterion)!)];
      if (entered.length !== window.end) return result(pledgeText[locale].result.stale);
      if (!final) {
        const carried = carryToNextPage(deps.store, FORM, view.id, { u: unit.id, y: year.year }, metadata, entered);
        return ack({ response_action: 'update', view: buildPage(form, window.page + 1, carried, actingAsAdmin, organisation) });
      }

      const content: PledgeContent = {
        targets: new Map(form.criteria.map((criterion, index) => [criterion.id, entered[index]!])),
        titles,
        commitments: (typedText(values[PLEDGE_COMMITMENTS_BLOCK]?.[PLEDGE_INPUT_ACTION]) ?? '').trim(),
      };
      const outcome = applySubmission(deps, organisation, { viewId: view.id, form, content, by: body.user.id, actingAsAdmin, now });
      finishPages(deps.store, FORM, view.id, metadata);
      if (outcome.kind === 'duplicate') return ack();
      await result(outcomeText(outcome, form, locale));
      deps.delivery.kick();
      if ('withdrawn' in outcome) await redrawWithdrawn(deps, client, pledgeChangeRequests, outcome.withdrawn, organisation);
    });
  },
};
