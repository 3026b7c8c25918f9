import { z } from 'zod';
import { findByCodeOrName, nearestNamed, YEAR_PATTERN } from '../src/domain/scope-words';
import { defineMessages } from '../src/i18n/messages';
import { unitYearResult, yearStandingsView } from '../src/services/year-end/results';
import { escapeMrkdwn } from '../src/views/blocks';
import { YEAR_STANDINGS_NEXT, YEAR_STANDINGS_PREVIOUS } from '../src/views/ids';
import { buildUnitYearReply, buildYearStandingsReply, type YearStandingsPage } from '../src/views/year-standings';
import type { Feature, SubCommand } from './shared/feature';
import { pagedTableFeature } from './shared/paged-table';
import { argsText, listNamed, nearNamedReply } from './shared/scope';

/**
 * The year's result: `/thidua xephang nam [khối] [năm]` (also `xephang ca nam`, `standings year`),
 * the block's standings for the whole year; `/thidua ketqua [đơn vị] [năm]`, one unit period by
 * period with a chart in the asker's DM. Anyone in the organisation may read both.
 */
const yearStandingsHelp = defineMessages(
  {
    usage: '/thidua xephang nam [khối] [năm]',
    description:
      'Bảng xếp hạng cả năm của khối: tổng điểm, hạng, xếp loại theo quy tắc kết quả năm của tệp tổ chức (kỳ báo cáo cả năm, hoặc trung bình cộng các kỳ); đồng hạng được ghi rõ để Khối bình xét.',
    example: '/thidua xephang nam noi chinh 2021',
  },
  {
    usage: '/thidua standings year [block] [year]',
    description:
      "The block's standings for the whole year: total, rank, grade by the organisation file's year rule (the whole-year period, or the mean of the periods); ties marked for the block to decide.",
    example: '/thidua standings year noi chinh 2021',
  },
);

const unitResultHelp = defineMessages(
  {
    usage: '/thidua ketqua [đơn vị] [năm]',
    description:
      'Kết quả năm của một đơn vị (mặc định đơn vị của mình): điểm, hạng, xếp loại từng kỳ và cả năm, kèm biểu đồ gửi vào tin nhắn riêng.',
    example: '/thidua ketqua so tu phap 2021',
  },
  {
    usage: '/thidua result [unit] [year]',
    description:
      "A unit's year (your own by default): points, rank and grade in every period and for the year, with a chart sent to your DM.",
    example: '/thidua result so tu phap 2021',
  },
);

const resultText = defineMessages(
  {
    unknownUnit: (typed: string, units: string) => `Không có đơn vị “${typed}”. Các đơn vị: ${units}.`,
    ambiguousUnit: (typed: string, units: string) => `“${typed}” khớp với nhiều đơn vị: ${units}. Vui lòng ghi mã đơn vị.`,
    whichUnit: (units: string) => `Ghi thêm đơn vị, ví dụ \`/thidua ketqua STP\`. Các đơn vị: ${units}.`,
    noBlock: (unit: string, year: number) => `${unit} không là thành viên khối thi đua nào năm ${year}.`,
  },
  {
    unknownUnit: (typed: string, units: string) => `There is no unit “${typed}”. Units: ${units}.`,
    ambiguousUnit: (typed: string, units: string) => `“${typed}” matches several units: ${units}. Please give the unit code.`,
    whichUnit: (units: string) => `Name the unit, e.g. \`/thidua result STP\`. Units: ${units}.`,
    noBlock: (unit: string, year: number) => `${unit} is a member of no block in ${year}.`,
  },
);

const pageSchema = z.object({
  blockId: z.number().int(),
  year: z.number().int(),
  page: z.number().int().min(0),
}) satisfies z.ZodType<YearStandingsPage>;

const yearTable = pagedTableFeature<YearStandingsPage>({
  name: 'xephang nam',
  aliases: [
    'xếp hạng năm',
    'xep hang nam',
    'xephang nam',
    'xếp hạng cả năm',
    'xep hang ca nam',
    'xephang ca nam',
    'standings year',
    'year standings',
  ],
  help: yearStandingsHelp,
  allowRest: false,
  firstPage: (scope) => ({ blockId: scope.block.id, year: scope.year.year, page: 0 }),
  page: pageSchema,
  actionIds: [YEAR_STANDINGS_PREVIOUS, YEAR_STANDINGS_NEXT],
  render(store, page, _caller, organisation, now, locale) {
    const record = yearStandingsView(store, page.blockId, page.year, now);
    if (!record) return { text: argsText[locale].noPeriods(page.year) };
    return buildYearStandingsReply(record, organisation.timeZone, page.page, locale);
  },
});

const unitResult: SubCommand = {
  name: 'ketqua',
  aliases: ['kết quả', 'ket qua', 'result', 'results'],
  help: unitResultHelp,
  async run({ deps, caller, locale, args, respond, triggerId, organisation }) {
    const text = resultText[locale];
    const words = args.trim().split(/\s+/).filter(Boolean);
    const typedYear = words.find((word) => YEAR_PATTERN.test(word));
    const unitWords = words.filter((word) => word !== typedYear).join(' ');
    const year = typedYear ? Number(typedYear) : caller.year;
    if (year === undefined || !deps.store.structure.year(year)) {
      const known = deps.store.structure.years().map((row) => row.year);
      return respond({ text: year === undefined ? argsText[locale].noYear : argsText[locale].unknownYear(year, known.join(', ')) });
    }
    const units = deps.store.structure.activeUnits();
    let unit = caller.unit;
    if (unitWords) {
      const found = findByCodeOrName(unitWords, units);
      if (found.kind === 'ambiguous') return respond({ text: text.ambiguousUnit(escapeMrkdwn(unitWords), listNamed(found.items)) });
      if (found.kind === 'found') unit = found.item;
      else {
        // A name typed with slips: the one unit it is close to, else the few it may mean.
        const near = nearestNamed(unitWords, units);
        if (near.kind === 'unsure')
          return respond(nearNamedReply(locale, unitWords, near.items, (code) => `/thidua ketqua ${code} ${typedYear ?? ''}`.trim()));
        if (near.kind === 'none') return respond({ text: text.unknownUnit(escapeMrkdwn(unitWords), listNamed(units)) });
        unit = near.item;
      }
    }
    if (!unit) return respond({ text: text.whichUnit(listNamed(units)) });
    const outcome = unitYearResult(deps, caller, unit, year, triggerId);
    if (outcome.kind === 'no_block') return respond({ text: text.noBlock(escapeMrkdwn(unit.name), year) });
    if (outcome.kind === 'no_periods') return respond({ text: argsText[locale].noPeriods(year) });
    return respond(buildUnitYearReply(outcome.record, outcome.unitId, organisation.timeZone, outcome.chartQueued, locale));
  },
};

export const yearResultsFeature: Feature = {
  subCommands: [...(yearTable.subCommands ?? []), unitResult],
  register: (app, deps) => yearTable.register?.(app, deps),
};
