import type { OrganisationSettings } from '../db/store/organisation';
import { pageAt } from '../src/domain/pagination';
import { parseScopeWords } from '../src/domain/scope-words';
import { defineMessages, type Locale } from '../src/i18n/messages';
import { deciderOf } from '../src/services/caller';
import { pledgeChangeRequests } from '../src/services/pledges/change-requests';
import { changeReasonAsked, type PledgeForm, pledgeFormToOpen, pledgePages, pledgeStartValues } from '../src/services/pledges/form';
import { type PledgeApplied, type PledgeFormTypes, pledgeForm } from '../src/services/pledges/submit';
import type { PageShown } from '../src/services/unit-forms/submit';
import { deciderText } from '../src/views/common-text';
import { NUDGE_OPEN_PLEDGE, PLEDGE_CALLBACK, PLEDGE_INPUT_ACTION } from '../src/views/ids';
import { pledgeItemKey, pledgeText } from '../src/views/pledge';
import { buildPledgeModal, buildPledgeResultView, pledgeErrors } from '../src/views/pledge-modal';
import type { Feature, ModalOpener } from './shared/feature';
import { scopeProblemText } from './shared/openers';
import { openUnitForm, registerOpenButton, registerUnitForm } from './shared/unit-form';

/**
 * `/thidua dangky [đơn vị] [năm]`: a unit signs its emulation pledge (giao ước thi đua) in a modal —
 * targets, titles sought, commitments, signature. What signing, editing and amending mean is
 * src/services/pledges/submit.ts; this file opens the form and draws its pages and outcomes.
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
    noBlock: (unit: string, year: number) =>
      `${unit} không thuộc khối thi đua nào năm ${year} trong tệp tổ chức, nên không ký giao ước năm ${year} được.`,
    cannotOpen: 'Không mở được biểu mẫu giao ước (Slack chỉ cho mở trong vài giây sau khi gõ lệnh). Vui lòng gõ lại lệnh.',
    refused: (unit: string) => `Tài khoản này không có quyền ký giao ước cho ${unit}; chưa lưu gì.`,
  },
  {
    otherUnit: (unit: string, own: string) =>
      `Only the officers of ${unit} (or an admin) can sign its pledge. This account is an officer of ${own}: type \`/thidua pledge\` to open ${own}'s pledge.`,
    adminNeedsUnit: (units: string) =>
      `Which unit is the admin acting for? Type \`/thidua pledge <unit code | name> [year]\`, e.g. \`/thidua pledge CA 2021\`. Units: ${units}.`,
    noBlock: (unit: string, year: number) =>
      `${unit} belongs to no block in ${year} in the organisation file, so it has no pledge to sign for ${year}.`,
    cannotOpen:
      'The pledge form could not be opened (Slack allows it only a few seconds after the command). Please type the command again.',
    refused: (unit: string) => `This account may not sign the pledge of ${unit}; nothing was saved.`,
  },
);

/** Page `pageIndex` of the form, prefilled from the version pending or in force, or with what `shown` holds. */
function pledgePage(
  form: PledgeForm,
  pageIndex: number,
  metadata: string,
  actingAsAdmin: boolean,
  organisation: OrganisationSettings,
  locale: Locale,
  shown?: PageShown<PledgeFormTypes>,
) {
  const { items, position } = pageAt(pledgePages(form), pageIndex);
  const prefill = form.pending ?? form.inForce;
  const final = position.index === position.count - 1;
  const decider = deciderOf(form.blockYear, form.unit.id);
  return buildPledgeModal(
    {
      unitName: form.unit.name,
      blockName: form.block.name,
      year: form.year.year,
      theme: form.blockYear.theme,
      due: form.year.pledgeDue,
      zone: organisation.timeZone,
      mode: form.mode,
      ...(decider ? { decider } : {}),
      actingAsAdmin,
      ...(prefill && !shown
        ? {
            prefill: {
              source: form.pending ? 'pending' : 'in_force',
              version: prefill.version,
              at: prefill.submittedAt,
              by: prefill.submittedBy,
            },
          }
        : {}),
      page: position,
      criteria: [...items],
      values: shown ? new Map(items.map((criterion, index) => [pledgeItemKey(criterion), shown.entries[index]!])) : pledgeStartValues(form),
      ...(final
        ? {
            rest: {
              titles: form.titles,
              // A page drawn again as submitted was signed: its checks require it.
              ...(shown
                ? { chosen: shown.rest.titles, commitments: shown.rest.commitments, signed: true }
                : { chosen: prefill?.titlesSought ?? [], commitments: prefill?.commitments ?? '' }),
              ...changeReasonAsked(form),
            },
          }
        : {}),
      metadata,
    },
    locale,
  );
}

/** Opens the pledge modal `asked` names, or answers why not. */
async function openPledgeModal(opener: ModalOpener, asked: { unitText: string; year?: number }): Promise<void> {
  const { deps, locale, organisation } = opener;
  const found = pledgeFormToOpen(deps.store, opener.caller, asked, deps.clock.now());
  if (!found.ok) return opener.respond({ text: scopeProblemText(found.problem, commandText[locale], opener) });
  const view = pledgePage(found.form, 0, JSON.stringify(found.metadata), found.actingAsAdmin, organisation, locale);
  await openUnitForm(opener, 'pledge', view, commandText[locale].cannotOpen);
}

function appliedText(applied: PledgeApplied, form: PledgeForm, locale: Locale): string {
  const text = pledgeText[locale].result;
  switch (applied.kind) {
    case 'unchanged':
      return applied.against === 'pending' ? text.unchangedPending : text.unchanged;
    case 'withdrawn':
      return text.withdrawn;
    case 'signed':
      return (applied.late ? text.signedLate : text.signed)(form.unit.name, form.year.year, form.block.name, applied.signed, applied.total);
    case 'updated':
      return text.updated(form.unit.name, applied.version);
    case 'requested':
      return text.requested(deciderText(applied.decider, locale));
  }
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
    registerUnitForm(app, deps, pledgeForm, {
      callbackId: PLEDGE_CALLBACK,
      inputAction: PLEDGE_INPUT_ACTION,
      changeRequests: pledgeChangeRequests,
      page: pledgePage,
      errors: pledgeErrors,
      resultView: buildPledgeResultView,
      stale: (locale) => pledgeText[locale].result.stale,
      refused: (unitName, locale) => commandText[locale].refused(unitName),
      noBlock: (unitName, year, locale) => commandText[locale].noBlock(unitName, year),
      applied: appliedText,
    });
    registerOpenButton(app, deps, NUDGE_OPEN_PLEDGE, 'pledge', (opener, target) =>
      openPledgeModal(opener, { unitText: target.unitCode ?? '', year: target.year }),
    );
  },
};
