import { z } from 'zod';
import type { Store } from '../db/store';
import { filterCriteria } from '../src/domain/criteria-table';
import { defineMessages, type Locale } from '../src/i18n/messages';
import { commonText } from '../src/views/common-text';
import { buildCriteriaTable, type CriteriaPage } from '../src/views/criteria';
import { CRITERIA_NEXT, CRITERIA_PREVIOUS } from '../src/views/ids';
import type { Reply } from './shared/feature';
import { pagedTableFeature } from './shared/paged-table';

const criteriaHelp = defineMessages(
  {
    usage: '/thidua tieuchi [khối] [năm] [từ lọc]',
    description:
      'Bảng tiêu chí chấm điểm của khối theo nhóm: mã, tên, điểm chuẩn và cách tính điểm; tổng điểm chuẩn, mức điểm thưởng và điểm trừ tối đa. Thêm một từ để lọc theo tên hoặc mã tiêu chí.',
    example: '/thidua tieuchi cai cach',
  },
  {
    usage: '/thidua criteria [block] [year] [filter]',
    description:
      "The block's scoring table by group: code, name, maximum points and how each is scored; the base total and the bonus and deduction caps. Add a word to filter by criterion name or code.",
    example: '/thidua criteria noi chinh 2021',
  },
);

const pageSchema = z.object({
  blockId: z.number().int(),
  year: z.number().int(),
  filter: z.string().max(200),
  page: z.number().int().min(0),
}) satisfies z.ZodType<CriteriaPage>;

function renderCriteria(store: Store, page: CriteriaPage, locale: Locale): Reply {
  const block = store.structure.blockById(page.blockId);
  if (!block) return { text: commonText[locale].gone };
  const all = store.structure.criteria(page.year, block.id);
  const blockYear = store.structure.blockYear(page.year, block.id);
  const unitNames = new Map(store.structure.activeUnits().map((unit) => [unit.code, unit.name]));
  const pageValue = (target: number) => JSON.stringify({ ...page, page: target } satisfies CriteriaPage);
  return buildCriteriaTable(
    {
      blockName: block.name,
      year: page.year,
      all,
      shown: filterCriteria(all, page.filter),
      filter: page.filter,
      unitNames,
      groups: blockYear?.groups ?? [],
      notApplicable: blockYear?.notApplicable ?? 'full',
    },
    page.page,
    locale,
    pageValue,
  );
}

/** `/thidua tieuchi [khối] [năm] [từ lọc]`: the block's scoring table, readable by anyone in the organisation. */
export const criteriaFeature = pagedTableFeature<CriteriaPage>({
  name: 'tieuchi',
  aliases: ['tiêu chí', 'tieu chi', 'criteria', 'bangtieuchi', 'bảng tiêu chí'],
  help: criteriaHelp,
  allowRest: true,
  // The filter rides in the page buttons' values (2000 characters at most): a long one is cut.
  firstPage: (scope) => ({ blockId: scope.block.id, year: scope.year.year, filter: scope.rest.slice(0, 100), page: 0 }),
  page: pageSchema,
  actionIds: [CRITERIA_PREVIOUS, CRITERIA_NEXT],
  render: (store, page, _caller, _organisation, _now, locale) => renderCriteria(store, page, locale),
});
