import { defineMessages, type Locale } from '../i18n/messages';
import { renderStandingsChart } from './chart';
import { periodLabel } from './standings-text';
import type { YearRecord } from './year';

/**
 * The year's files: a unit's periods as a PNG chart (the standings chart, a bar per period with the
 * unit's rank in it, then the year's result), named for people.
 */
export const unitChartFileName = (record: YearRecord, unitCode: string) => `ket-qua-${unitCode}-${record.year}.png`;

const chartText = defineMessages(
  {
    title: (year: number, unit: string) => `Kết quả năm ${year} — ${unit}`,
    subtitle: (block: string) => `${block} · số bên trái là hạng của đơn vị trong từng kỳ`,
    year: (year: number) => `Kết quả cả năm ${year}`,
  },
  {
    title: (year: number, unit: string) => `Results of ${year} — ${unit}`,
    subtitle: (block: string) => `${block} · the number on the left is the unit's rank in each period`,
    year: (year: number) => `Whole of ${year}`,
  },
);

/** One bar per period (its total, the unit's rank, tied or not reported), then the year's result. */
export function unitYearChartPng(record: YearRecord, unitId: number, locale: Locale): Promise<Buffer> {
  const row = record.rows.find((candidate) => candidate.unitId === unitId);
  if (!row) throw new Error(`unit ${unitId} is not a member of ${record.block.code} in ${record.year}`);
  const text = chartText[locale];
  return renderStandingsChart({
    title: text.title(record.year, row.unitName),
    subtitle: text.subtitle(record.block.name),
    rows: [
      ...record.periods.map((period, index) => {
        const result = row.periods[index]!;
        return {
          label: periodLabel(period, locale),
          total: result.total,
          rank: result.rank,
          tie: result.tie,
          notReported: !result.reported,
        };
      }),
      { label: text.year(record.year), total: row.total, rank: row.rank, tie: row.tie, notReported: !row.reported },
    ],
    locale,
  });
}
