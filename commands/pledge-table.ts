import { z } from 'zod';
import type { Store } from '../db/store';
import type { OrganisationSettings } from '../db/store/organisation';
import { defineMessages, type Locale } from '../src/i18n/messages';
import { type Caller, leadsBlock, mayDecide } from '../src/services/caller';
import { pledgeChangeRequests } from '../src/services/pledges/change-requests';
import { blockPledges, targetsOf } from '../src/services/pledges/form';
import { PLEDGE_TABLE_NEXT, PLEDGE_TABLE_NUDGE, PLEDGE_TABLE_PREVIOUS } from '../src/views/ids';
import { buildPledgeTable, type PledgeTablePage, type PledgeTableRow } from '../src/views/pledge-table';
import type { Feature, Reply } from './shared/feature';
import { registerNudgeButton } from './shared/nudge-button';
import { pagedTableFeature } from './shared/paged-table';
import { argsText } from './shared/scope';

const tableHelp = defineMessages(
  {
    usage: '/thidua giaouoc [khối] [năm]',
    description:
      'Bảng giao ước thi đua của khối: từng đơn vị ký khi nào, ai ký, danh hiệu đăng ký, chỉ tiêu; đơn vị chưa ký; đề nghị sửa đổi đang chờ duyệt.',
    example: '/thidua giaouoc noi chinh 2021',
  },
  {
    usage: '/thidua pledges [block] [year]',
    description:
      "The block's pledge table: when and by whom each unit signed, titles sought, targets; units that have not signed; amendments awaiting a decision.",
    example: '/thidua pledges noi chinh 2021',
  },
);

const pageSchema = z.object({
  blockId: z.number().int(),
  year: z.number().int(),
  page: z.number().int().min(0),
}) satisfies z.ZodType<PledgeTablePage>;

function renderTable(
  store: Store,
  page: PledgeTablePage,
  caller: Caller,
  organisation: OrganisationSettings,
  _now: Date,
  locale: Locale,
): Reply {
  const block = store.structure.blockById(page.blockId);
  const year = store.structure.year(page.year);
  if (!block || !year)
    return {
      text: argsText[locale].unknownYear(
        page.year,
        store.structure
          .years()
          .map((row) => row.year)
          .join(', '),
      ),
    };
  const { members, pledges, criteriaOf } = blockPledges(store, block.id, year.year);
  const canNudge = leadsBlock(store, caller, block.id, year.year).allowed;
  const rows = members.map((member): PledgeTableRow => {
    const pledge = pledges.get(member.id);
    const request = pledge?.pending ? pledgeChangeRequests.load(store, pledge.pending.id, locale) : undefined;
    return {
      unitId: member.id,
      unitName: member.name,
      canNudge,
      ...(pledge?.signed
        ? {
            signed: {
              at: pledge.signed.submittedAt,
              by: pledge.signed.submittedBy,
              byAdmin: pledge.signed.actingAsAdmin,
              late: pledge.signed.submittedAt.getTime() > year.pledgeDue.getTime(),
            },
          }
        : {}),
      ...(pledge?.inForce
        ? {
            inForce: {
              version: pledge.inForce.version,
              at: pledge.inForce.submittedAt,
              by: pledge.inForce.submittedBy,
              titles: pledge.inForce.titlesSought,
              targets: targetsOf(pledge.inForce, criteriaOf(member.code)),
            },
          }
        : {}),
      ...(request ? { pending: { ...request, canDecide: mayDecide(store, caller, request).allowed } } : {}),
    };
  });
  const pageValue = (target: number) => JSON.stringify({ ...page, page: target } satisfies PledgeTablePage);
  return buildPledgeTable(
    { blockName: block.name, year: year.year, due: year.pledgeDue, zone: organisation.timeZone, rows },
    page.page,
    locale,
    pageValue,
  );
}

/** `/thidua giaouoc [khối] [năm]`: the block's pledge table, readable by anyone in the organisation. */
const table = pagedTableFeature<PledgeTablePage>({
  name: 'giaouoc',
  aliases: ['giao ước', 'giao uoc', 'pledges', 'banggiaouoc', 'bảng giao ước'],
  help: tableHelp,
  allowRest: false,
  firstPage: (scope) => ({ blockId: scope.block.id, year: scope.year.year, page: 0 }),
  page: pageSchema,
  actionIds: [PLEDGE_TABLE_PREVIOUS, PLEDGE_TABLE_NEXT],
  render: renderTable,
});

export const pledgeTableFeature: Feature = {
  subCommands: table.subCommands!,
  register(app, deps) {
    table.register!(app, deps);
    // “Nhắc” beside a unit that has not signed; its value is "year:unitId".
    registerNudgeButton(app, deps, PLEDGE_TABLE_NUDGE, (value) => {
      const [year, unitId] = value.split(':').map(Number);
      return Number.isInteger(year) && Number.isInteger(unitId) ? { target: { kind: 'pledge', year: year! }, unitId: unitId! } : undefined;
    });
  },
};
