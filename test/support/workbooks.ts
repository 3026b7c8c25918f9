import ExcelJS from 'exceljs';
import { parseDocument } from 'yaml';
import { ORGANISATION_FILE_KEYS, rejoinFlowCommas } from '../../src/organisation/flow-commas';
import { SETTINGS_HEADER, type SheetKey, WORKBOOK } from '../../src/organisation/workbook-layout';

/**
 * An organisation file written as the Board's workbook (src/organisation/workbook-layout.ts): what
 * a person would fill in the template, made from a YAML file so that tests compare the two readings.
 * Dates go in as date cells, date-times as typed text (dd/MM/yyyy HH:mm), so both ways are read.
 */
type Raw = Record<string, unknown>;
type Row = Record<string, unknown>;

const list = (value: unknown) => (Array.isArray(value) ? value : []) as Raw[];
const record = (value: unknown) => (value && typeof value === 'object' ? value : {}) as Raw;
const joined = (value: unknown, separator = ', ') => (Array.isArray(value) ? value.join(separator) : value);
const dateCell = (value: unknown) => {
  const [year, month, day] = String(value).split('-').map(Number);
  return new Date(Date.UTC(year!, month! - 1, day!));
};
const typedDateTime = (value: unknown) => {
  const [date, time] = String(value).split('T');
  const [year, month, day] = date!.split('-');
  return `${day}/${month}/${year} ${time}`;
};

export function organisationOfYaml(yaml: string): Raw {
  const document = parseDocument(yaml);
  rejoinFlowCommas(document, ORGANISATION_FILE_KEYS);
  return document.toJS() as Raw;
}

/** The rows of each sheet for an organisation in the YAML file's shape. */
export function sheetRows(file: Raw): Partial<Record<SheetKey, Row[]>> {
  const organization = record(file.organization);
  const quiet = record(organization.quiet_hours);
  const years = list(file.years);
  const criterionRow = (year: unknown, block: unknown) => (criterion: Raw) => ({
    ...criterion,
    year,
    block,
    applies_to: joined(criterion.applies_to),
    tiers: Array.isArray(criterion.tiers)
      ? list(criterion.tiers)
          .map((tier) => `${tier.at_least}: ${tier.points}`)
          .join('; ')
      : undefined,
    levels: Array.isArray(criterion.levels)
      ? list(criterion.levels)
          .map((level) => `${level.name}: ${level.points}`)
          .join('; ')
      : undefined,
    items: Array.isArray(criterion.items)
      ? list(criterion.items)
          .map((item) => `${item.name}: ${item.points}`)
          .join('; ')
      : undefined,
    indicators: undefined,
  });
  const tables = (year: Raw) => [
    { block: undefined, own: year },
    ...Object.entries(record(year.blocks)).map(([block, own]) => ({ block, own: record(own) })),
  ];
  return {
    organization: [
      { key: 'name', value: organization.name },
      { key: 'timezone', value: organization.timezone },
      { key: 'locale', value: organization.locale },
      { key: 'admins', value: joined(organization.admins) },
      { key: 'quiet_from', value: quiet.from },
      { key: 'quiet_to', value: quiet.to },
      { key: 'titles', value: joined(organization.titles, '; ') },
    ],
    holidays: list(organization.holidays).map((date) => ({ date: dateCell(date) })),
    units: list(file.units).map((unit) => ({ ...unit, officers: joined(unit.officers) })),
    blocks: list(file.blocks).map((block) => ({ ...block, units: joined(block.units) })),
    directives: list(file.directives).map((directive) => ({
      ...directive,
      issued: dateCell(directive.issued),
      ...(directive.expired ? { expired: dateCell(directive.expired) } : {}),
      tags: joined(directive.tags, '; '),
    })),
    years: years.map(({ commendations, ...year }) => ({
      ...year,
      quorum: record(commendations).quorum,
      one_title_per_unit: record(commendations).one_title_per_unit,
      pledge_due: typedDateTime(year.pledge_due),
      before_days: joined(record(year.reminders).before_days),
      at: record(year.reminders).at,
      overdue_every_days: record(year.reminders).overdue_every_days,
    })),
    year_blocks: years.flatMap((year) => {
      const blocks = new Set([...Object.keys(record(year.leads)), ...Object.keys(record(year.blocks))]);
      return [...blocks].flatMap((block) => {
        const lead = record(record(year.leads)[block]);
        const own = record(record(year.blocks)[block]);
        const row = {
          year: year.year,
          block,
          lead: lead.lead,
          deputy: lead.deputy,
          theme: own.theme,
          units: joined(own.units),
          not_applicable: own.not_applicable,
        };
        return Object.values(row).filter((value) => value !== undefined).length > 2 ? [row] : [];
      });
    }),
    periods: years.flatMap((year) =>
      list(year.periods).map((period) => ({
        ...period,
        year: year.year,
        start: dateCell(period.start),
        end: dateCell(period.end),
        due: typedDateTime(period.due),
      })),
    ),
    criteria: years.flatMap((year) => tables(year).flatMap(({ block, own }) => list(own.criteria).map(criterionRow(year.year, block)))),
    indicators: years.flatMap((year) =>
      tables(year).flatMap(({ block, own }) =>
        list(own.criteria).flatMap((criterion) =>
          Object.entries(record(criterion.indicators)).flatMap(([unit, indicators]) =>
            list(indicators).map((indicator) => ({ ...indicator, year: year.year, block, criterion: criterion.code, unit_code: unit })),
          ),
        ),
      ),
    ),
    groups: years.flatMap((year) =>
      tables(year).flatMap(({ block, own }) => list(own.groups).map((group) => ({ ...group, year: year.year, block }))),
    ),
    grades: years.flatMap((year) =>
      list(year.grades).map((grade) => ({
        ...grade,
        year: year.year,
        ...(grade.no_zero_criterion !== undefined ? { no_zero_criterion: grade.no_zero_criterion ? 'Có' : 'Không' } : {}),
      })),
    ),
    commendations: years.flatMap((year) =>
      list(record(year.commendations).titles).map((title) => ({
        ...title,
        year: year.year,
        no_deduction: joined(title.no_deduction),
        ...(title.registered !== undefined ? { registered: title.registered ? 'Có' : 'Không' } : {}),
      })),
    ),
  };
}

/** An XLSX workbook of `rows` by sheet, headers in Vietnamese as the template writes them. */
export async function workbookOf(rows: Partial<Record<SheetKey, Row[]>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const layout of WORKBOOK) {
    const sheetRows = rows[layout.key];
    if (!sheetRows) continue;
    const sheet = workbook.addWorksheet(layout.vi);
    if (layout.key === 'organization') {
      sheet.addRow([...SETTINGS_HEADER.vi]);
      for (const row of sheetRows) {
        if (row.value === undefined) continue;
        sheet.addRow([layout.columns.find((column) => column.key === row.key)!.vi, row.value]);
      }
      continue;
    }
    sheet.addRow(layout.columns.map((column) => column.vi));
    for (const row of sheetRows) sheet.addRow(layout.columns.map((column) => (row[column.key] === undefined ? null : row[column.key])));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function workbookOfYaml(yaml: string): Promise<Buffer> {
  return workbookOf(sheetRows(organisationOfYaml(yaml)));
}
