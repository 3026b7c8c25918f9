import { localDateOf } from '../domain/calendar';
import { gradeFloors } from '../domain/grades';
import { formatDateTime, formatLocalDate } from '../i18n/format';
import type { Locale } from '../i18n/messages';
import { renderStandingsChart } from './chart';
import { buildScoreTable, type CsvStyle, toCsv, toXlsx } from './export';
import type { LoadedStandings } from './load';
import type { StandingsRecord } from './record';
import { periodLabel, standingsText } from './standings-text';

/**
 * The standings as files, named and titled for people: the XLSX and CSV score table (from the
 * current standings) and the PNG chart (from a record, so a posted chart shows what was posted).
 */
export type ExportFormat = 'xlsx' | 'csv';

interface Named {
  block: { code: string };
  period: { code: string; year: number };
}

/** bang-diem-NOI_CHINH-Q1-2021.xlsx (codes are ASCII by the organisation file's rules). */
export function exportFileName({ block, period }: Named, format: ExportFormat): string {
  return `bang-diem-${block.code}-${period.code}-${period.year}.${format}`;
}

/** xep-hang-NOI_CHINH-Q1-2021.png */
export function chartFileName({ block, period }: Named): string {
  return `xep-hang-${block.code}-${period.code}-${period.year}.png`;
}

/** "Bảng tổng hợp điểm — Khối thi đua Nội chính — Quý I năm 2021" */
export function exportTitle(loaded: Pick<LoadedStandings, 'block' | 'period'>, locale: Locale): string {
  return `${standingsText[locale].summarySheet} — ${loaded.block.name} — ${periodLabel(loaded.period, locale)}`;
}

function scoreTable(loaded: LoadedStandings, locale: Locale) {
  return buildScoreTable({
    standings: loaded.standings,
    unitNames: new Map(loaded.members.map((member) => [member.id, member.name])),
    locale,
    returnedUnitIds: new Set([...loaded.meta].filter(([, meta]) => meta.returned).map(([unitId]) => unitId)),
    gradeFloors: gradeFloors(loaded.bands),
  });
}

/**
 * What the figures of a period are "as of": the period's last day once it is over (a table of Quý I
 * exported in December is still Quý I's), else the moment of the export, in the organisation's zone.
 */
export function periodAsOf(period: Pick<LoadedStandings['period'], 'endsOn'>, now: Date, zone: string, locale: Locale): string {
  return localDateOf(now, zone) > period.endsOn ? formatLocalDate(period.endsOn, locale) : `${formatDateTime(now, zone, locale)} (${zone})`;
}

export function standingsXlsx(loaded: LoadedStandings, locale: Locale, zone: string, now: Date): Promise<Buffer> {
  const reported = loaded.standings.rows.filter((row) => row.reported).length;
  return toXlsx(scoreTable(loaded, locale), {
    title: exportTitle(loaded, locale),
    subtitle: standingsText[locale].chartSubtitle(periodAsOf(loaded.period, now, zone, locale), reported, loaded.members.length),
  });
}

/** The CSV style a spreadsheet in the organisation's language splits into columns: vi (';' and decimal commas) for Vietnamese. */
export function defaultCsvStyle(locale: Locale): CsvStyle {
  return locale === 'vi' ? 'vi' : 'standard';
}

export function standingsCsv(loaded: LoadedStandings, locale: Locale, style: CsvStyle = defaultCsvStyle(locale)): Buffer {
  return toCsv(scoreTable(loaded, locale), 'summary', style);
}

/** The chart of a record: rank, unit, bar and total, ties and units without a report marked. */
export function standingsChartPng(record: StandingsRecord, locale: Locale, zone: string): Promise<Buffer> {
  const text = standingsText[locale];
  return renderStandingsChart({
    title: text.title(periodLabel(record.period, locale), record.block.name),
    subtitle: text.chartSubtitle(
      formatDateTime(new Date(record.computedAt), zone, locale),
      record.rows.filter((row) => row.reported).length,
      record.rows.length,
    ),
    rows: record.rows.map((row) => ({ label: row.unitName, total: row.total, rank: row.rank, tie: row.tie, notReported: !row.reported })),
    locale,
  });
}
