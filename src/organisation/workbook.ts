import type ExcelJS from 'exceljs';
import { parseTypedDate } from '../domain/calendar';
import { foldVietnamese } from '../domain/fold';
import { parseLocaleNumber } from '../domain/numbers';
import type { Locale } from '../i18n/messages';
import { declaredLocale, formatPath, type ReadResult, validateOrganisation } from './read-file';
import { type CellKind, type Column, INSTRUCTIONS_SHEET, SETTINGS_HEADER, type SheetKey, WORKBOOK } from './workbook-layout';
import { workbookText } from './workbook-text';

/**
 * Reads an organisation workbook (src/organisation/workbook-layout.ts) into the YAML file's shape
 * and validates it with the same schema and cross-checks (read-file.ts), so a workbook and a YAML
 * file are held to the same rules. Every problem is named by sheet, row and column, in the file's
 * language; a workbook with problems yields none of its data.
 */

type Cell = string | number | boolean | Date | null;
type Raw = Record<string, unknown>;

/** The value under `name` in `parent`, made by `make` when absent. */
function childOf<T>(parent: Raw, name: string, make: () => T): T {
  if (parent[name] === undefined) parent[name] = make();
  return parent[name] as T;
}
type Path = readonly (string | number)[];

/** Where an item of the organisation came from: its sheet and row, and the columns of its fields. */
interface Place {
  sheet: string;
  /** 0: the sheet as a whole (a setting missing from it). */
  row: number;
  /** Column headers by YAML key (as written in the file, else the template's). */
  columns: ReadonlyMap<string, string>;
}

interface Problem {
  where: string;
  message: string;
}

const key = (text: string) => foldVietnamese(text).replace(/[^a-z0-9]/g, '');

/** Whether a header (or a sheet name) names `item`: its name in either language, or its YAML key. */
const names = (item: { key: string; vi: string; en: string }, header: string) =>
  [item.key, item.vi, item.en].some((name) => key(name) === key(header));

export async function readOrganisationWorkbook(bytes: Uint8Array): Promise<ReadResult> {
  // Loaded only when a workbook is read: exceljs and its zip libraries are large.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { ok: false, locale: 'vi', problems: [workbookText.vi.notWorkbook] };
  }
  return new WorkbookReader(workbook).read();
}

class WorkbookReader {
  private readonly raw: Raw = {};
  private readonly places = new Map<string, Place>();
  private readonly problems: Problem[] = [];
  private locale: Locale = 'vi';
  private readonly sheets = new Map<SheetKey, ExcelJS.Worksheet>();
  /** Each year's object in raw.years, and the row it came from. */
  private readonly years = new Map<string, { raw: Raw; index: number; row: number }>();

  constructor(private readonly workbook: ExcelJS.Workbook) {}

  read(): ReadResult {
    const unknownSheets: string[] = [];
    for (const sheet of this.workbook.worksheets) {
      const layout = WORKBOOK.find((candidate) => names(candidate, sheet.name));
      if (layout) this.sheets.set(layout.key, sheet);
      else if (!names({ key: 'instructions', ...INSTRUCTIONS_SHEET }, sheet.name)) unknownSheets.push(sheet.name);
    }
    this.readOrganisation();
    const text = workbookText[this.locale];
    for (const name of unknownSheets) {
      this.order.set(text.sheet(name), [-1]);
      this.problem(text.sheet(name), text.unknownSheet(WORKBOOK.map((layout) => `“${layout[this.locale]}”`).join(', ')));
    }
    this.readTable('holidays', (row) => this.listItem(['organization', 'holidays'], row.values.date ?? null, row));
    this.readTable('units', (row) => this.listItem(['units'], row.fields(), row));
    this.readTable('blocks', (row) => this.listItem(['blocks'], row.fields(), row));
    this.readTable('directives', (row) => this.listItem(['directives'], row.fields(), row));
    this.readYears();
    this.readTable('year_blocks', (row) => this.readYearBlock(row));
    this.readTable('periods', (row) => this.inYear(row, (_year, at) => this.listItem([...at, 'periods'], row.fields(['year']), row)));
    this.readTable('criteria', (row) => this.readCriterion(row));
    this.readTable('indicators', (row) => this.readIndicator(row));
    this.readTable('groups', (row) =>
      this.inYear(row, (_year, at) => this.listItem([...this.blockPath(row, at), 'groups'], row.fields(['year', 'block']), row)),
    );
    this.readTable('grades', (row) => this.inYear(row, (_year, at) => this.listItem([...at, 'grades'], row.fields(['year']), row)));
    this.readTable('commendations', (row) =>
      this.inYear(row, (year, at) => {
        childOf<Raw>(year, 'commendations', () => ({}));
        this.listItem([...at, 'commendations', 'titles'], row.fields(['year']), row);
      }),
    );

    const validated = validateOrganisation(this.raw, (path) => this.describe(path), 'sheet');
    const own = this.problems.map((problem) => `${problem.where}: ${problem.message}`);
    if (own.length === 0 && validated.ok) return validated;
    // In the order a person reads the workbook: by sheet, then row, then column.
    const problems = [...own, ...(validated.ok ? [] : validated.problems)]
      .map((problem, index) => ({ problem, index, at: this.sortKeyOf(problem) }))
      .sort((left, right) => compareKeys(left.at, right.at) || left.index - right.index)
      .map(({ problem }) => problem);
    return { ok: false, locale: this.locale, problems: [...new Set(problems)] };
  }

  /** Sort keys of the places named so far, by their description. */
  private readonly order = new Map<string, number[]>();

  private sortKeyOf(problem: string): number[] {
    let best: string | undefined;
    for (const where of this.order.keys()) if (problem.startsWith(`${where}: `) && (!best || where.length > best.length)) best = where;
    return best ? this.order.get(best)! : [Number.MAX_SAFE_INTEGER];
  }

  // ── Sheets ──────────────────────────────────────────────────────────────────────────────

  /** The settings sheet: a row each, the setting in column A, its value in column B. */
  private readOrganisation(): void {
    const layout = WORKBOOK.find((candidate) => candidate.key === 'organization')!;
    const sheet = this.sheets.get('organization');
    const organization: Raw = {};
    this.raw.organization = organization;
    if (!sheet) {
      this.problem(
        workbookText[this.locale].sheet(layout[this.locale]),
        workbookText[this.locale].noOrganisationSheet(layout[this.locale]),
      );
      return;
    }
    const settings: { column: Column; value: Cell; row: number }[] = [];
    const unknown: { label: string; row: number }[] = [];
    sheet.eachRow((row, rowNumber) => {
      const label = plain(row.getCell(1).value);
      if (label === null) return;
      const column = layout.columns.find((candidate) => names(candidate, String(label)));
      if (column) settings.push({ column, value: plain(row.getCell(2).value), row: rowNumber });
      else if (rowNumber > 1) unknown.push({ label: String(label), row: rowNumber });
    });
    // The language first: every problem is said in it.
    const locale = settings.find((setting) => setting.column.key === 'locale');
    if (locale) organization.locale = convert(locale.value, 'locale');
    this.locale = declaredLocale(this.raw);
    const columns = new Map([['value', SETTINGS_HEADER[this.locale][1]]]);
    // A setting missing altogether is named by its label, without a row.
    this.place(['organization'], {
      sheet: sheet.name,
      row: 0,
      columns: new Map(layout.columns.map((column) => [column.key, column[this.locale]])),
    });
    for (const { column, value, row } of settings) {
      if (value === null || column.key === 'locale') continue;
      const converted = convert(value, column.kind);
      const place: Place = { sheet: sheet.name, row, columns };
      if (column.key === 'quiet_from' || column.key === 'quiet_to') {
        const hours = childOf<Raw>(organization, 'quiet_hours', () => ({}));
        hours[column.key === 'quiet_from' ? 'from' : 'to'] = converted;
        this.place(['organization', 'quiet_hours'], place);
        this.place(['organization', 'quiet_hours', column.key === 'quiet_from' ? 'from' : 'to'], place);
      } else {
        organization[column.key] = converted;
        this.place(['organization', column.key], place);
      }
    }
    for (const { label, row } of unknown)
      this.problem(
        this.where({ sheet: sheet.name, row, columns: new Map() }),
        workbookText[this.locale].unknownSetting(label, layout.columns.map((column) => `“${column[this.locale]}”`).join(', ')),
      );
  }

  private readYears(): void {
    this.readTable('years', (row) => {
      const year = row.values.year;
      if (year === undefined || year === null) return this.problem(row.where('year'), workbookText[this.locale].yearMissing);
      const earlier = this.years.get(String(year));
      if (earlier) return this.problem(row.where('year'), workbookText[this.locale].duplicateYear(String(year), earlier.row));
      const fields = row.fields(['before_days', 'at', 'overdue_every_days', 'resubmission_working_days', 'quorum', 'one_title_per_unit']);
      // The deliberation's rules of the year (years[].commendations); its titles come from their own sheet.
      const deliberation = Object.fromEntries(
        (['quorum', 'one_title_per_unit'] as const).flatMap((name) => (row.values[name] !== undefined ? [[name, row.values[name]]] : [])),
      );
      const reminders = Object.fromEntries(
        (['before_days', 'at', 'overdue_every_days', 'resubmission_working_days'] as const).flatMap((name) =>
          row.values[name] !== undefined ? [[name, row.values[name]]] : [],
        ),
      );
      const item: Raw = {
        ...fields,
        ...(Object.keys(reminders).length ? { reminders } : {}),
        ...(Object.keys(deliberation).length ? { commendations: deliberation } : {}),
      };
      const index = this.listItem(['years'], item, row);
      this.years.set(String(year), { raw: item, index, row: row.number });
      this.place(['years', index, 'reminders'], row.place);
    });
  }

  /** A block in a year: its lead and deputy (years[].leads), its theme, members and rule (years[].blocks). */
  private readYearBlock(row: TableRow): void {
    this.inYear(row, (year, at) => {
      const block = row.values.block;
      if (typeof block !== 'string' || !block) return this.problem(row.where('block'), workbookText[this.locale].blockMissing);
      const { lead, deputy } = row.values;
      if (lead !== undefined) {
        const leads = childOf<Raw>(year, 'leads', () => ({}));
        leads[block] = { lead, ...(deputy !== undefined ? { deputy } : {}) };
        this.place([...at, 'leads', block], row.place);
      } else if (deputy !== undefined) {
        childOf<Raw>(year, 'leads', () => ({}))[block] = { deputy };
        this.place([...at, 'leads', block], row.place);
      }
      const own = row.fields(['year', 'block', 'lead', 'deputy']);
      if (Object.keys(own).length) Object.assign(this.yearBlock(year, at, block, row), own);
    });
  }

  private readCriterion(row: TableRow): void {
    this.inYear(row, (_year, at) => this.listItem([...this.blockPath(row, at), 'criteria'], row.fields(['year', 'block']), row));
  }

  /** A unit's own indicator goes into its criterion (indicators.<UNIT>[]), found by year, block and code. */
  private readIndicator(row: TableRow): void {
    this.inYear(row, (_year, at) => {
      const path = [...this.blockPath(row, at), 'criteria'];
      const criteria = this.at(path) as Raw[] | undefined;
      const code = row.values.criterion;
      const index = criteria?.findIndex((criterion) => String(criterion.code) === String(code)) ?? -1;
      const criteriaSheet = this.sheets.get('criteria')?.name ?? WORKBOOK.find((layout) => layout.key === 'criteria')![this.locale];
      if (index < 0) return this.problem(row.where('criterion'), workbookText[this.locale].noCriterion(String(code ?? ''), criteriaSheet));
      const unit = row.values.unit_code;
      if (typeof unit !== 'string' || !unit) return this.problem(row.where('unit_code'), workbookText[this.locale].unitMissing);
      this.listItem([...path, index, 'indicators', unit], row.fields(['year', 'block', 'criterion', 'unit_code']), row);
    });
  }

  // ── Rows into the raw organisation ──────────────────────────────────────────────────────

  /** Reads a table sheet's rows (skipping empty ones); unknown headers are problems. */
  private readTable(sheetKey: SheetKey, each: (row: TableRow) => void): void {
    const sheet = this.sheets.get(sheetKey);
    if (!sheet) return;
    const layout = WORKBOOK.find((candidate) => candidate.key === sheetKey)!;
    const header = sheet.getRow(1);
    const columns = new Map<number, Column>();
    const labels = new Map(layout.columns.map((column) => [column.key, column[this.locale]]));
    header.eachCell((cell, number) => {
      const title = plain(cell.value);
      if (title === null) return;
      const column = layout.columns.find((candidate) => names(candidate, String(title)));
      if (column) {
        columns.set(number, column);
        labels.set(column.key, String(title));
      } else
        this.problem(
          this.whereCell(sheet.name, number),
          workbookText[this.locale].unknownColumn(
            String(title),
            layout.columns.map((candidate) => `“${candidate[this.locale]}”`).join(', '),
          ),
        );
    });
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      const values: Record<string, unknown> = {};
      for (const [index, column] of columns) {
        const value = plain(row.getCell(index).value);
        if (value !== null) values[column.key] = convert(value, column.kind);
      }
      if (Object.keys(values).length === 0) return;
      each(new TableRow(this, { sheet: sheet.name, row: number, columns: labels }, values));
    });
  }

  /** Appends `item` to the list at `path` (made when absent) and records where it came from; answers its index. */
  listItem(path: Path, item: unknown, row: TableRow): number {
    const parent = this.at(path.slice(0, -1), true) as Raw;
    const name = path.at(-1)!;
    const list = childOf<unknown[]>(parent, String(name), () => []);
    list.push(item);
    this.place([...path, list.length - 1], row.place);
    return list.length - 1;
  }

  /** Runs `work` with the row's year (its object and path), or says why the row has none. */
  private inYear(row: TableRow, work: (year: Raw, at: (string | number)[]) => void): void {
    const value = row.values.year;
    const text = workbookText[this.locale];
    if (value === undefined) {
      this.problem(row.where('year'), text.yearMissing);
      return;
    }
    const year = this.years.get(String(value));
    const yearsSheet = this.sheets.get('years')?.name ?? WORKBOOK.find((layout) => layout.key === 'years')![this.locale];
    if (!year) {
      this.problem(row.where('year'), text.unknownYear(String(value), yearsSheet));
      return;
    }
    work(year.raw, ['years', year.index]);
  }

  /** years[i] for a row of every block, years[i].blocks.<CODE> for a row of one. */
  private blockPath(row: TableRow, at: (string | number)[]): (string | number)[] {
    const block = row.values.block;
    if (typeof block !== 'string' || !block) return at;
    this.yearBlock(this.at(at) as Raw, at, block, row);
    return [...at, 'blocks', block];
  }

  private yearBlock(year: Raw, at: (string | number)[], block: string, row: TableRow): Raw {
    const blocks = childOf<Raw>(year, 'blocks', () => ({}));
    if (!this.places.has(JSON.stringify([...at, 'blocks', block]))) this.place([...at, 'blocks', block], row.place);
    return childOf<Raw>(blocks, block, () => ({}));
  }

  /** The value at `path` in the raw organisation, made (as objects) on the way when `make`. */
  private at(path: Path, make = false): unknown {
    let node: unknown = this.raw;
    for (const part of path) {
      const parent = node as Record<string | number, unknown>;
      if (parent[part] === undefined && make) parent[part] = {};
      node = parent[part];
      if (node === undefined) return undefined;
    }
    return node;
  }

  // ── Where problems are ──────────────────────────────────────────────────────────────────

  place(path: Path, place: Place): void {
    this.places.set(JSON.stringify(path), place);
  }

  private whereCell(sheet: string, column: number): string {
    const where = `${workbookText[this.locale].sheet(sheet)}, ${cellName(column)}1`;
    this.order.set(where, [WORKBOOK.findIndex((candidate) => names(candidate, sheet)), 1, column, 0]);
    return where;
  }

  problem(where: string, message: string): void {
    this.problems.push({ where, message });
  }

  where(place: Place, columnKey?: string, item?: number): string {
    const column = columnKey === undefined ? undefined : (place.columns.get(columnKey) ?? columnKey);
    const text = workbookText[this.locale];
    const where = place.row === 0 && column ? text.setting(place.sheet, column) : text.place(place.sheet, place.row, column, item);
    const layout = WORKBOOK.findIndex((candidate) => names(candidate, place.sheet));
    const columnAt = columnKey === undefined ? -1 : (WORKBOOK[layout]?.columns.findIndex((candidate) => candidate.key === columnKey) ?? -1);
    this.order.set(where, [layout < 0 ? -1 : layout, place.row, columnAt, item ?? 0]);
    return where;
  }

  /** A schema problem's path as the place in the workbook its value came from. */
  private describe(path: readonly PropertyKey[]): string {
    const parts = path.map((part) => (typeof part === 'number' ? part : String(part)));
    for (let length = parts.length; length > 0; length -= 1) {
      const place = this.places.get(JSON.stringify(parts.slice(0, length)));
      if (!place) continue;
      const field = parts[length];
      const item = parts[length + 1];
      if (typeof field === 'string' && place.columns.has(field))
        return this.where(place, field, typeof item === 'number' ? item + 1 : undefined);
      if (place.columns.has('value')) return this.where(place, 'value', typeof field === 'number' ? field + 1 : undefined);
      return this.where(place);
    }
    return formatPath(path);
  }
}

/** One row of a table sheet: its values by YAML key, read as their column's kind. */
class TableRow {
  readonly number: number;
  constructor(
    private readonly reader: WorkbookReader,
    readonly place: Place,
    readonly values: Record<string, unknown>,
  ) {
    this.number = place.row;
  }

  /** The row's values as an item of its list, without the columns that only place it (`placing`). */
  fields(placing: readonly string[] = []): Raw {
    return Object.fromEntries(Object.entries(this.values).filter(([name]) => !placing.includes(name)));
  }

  where(columnKey: string): string {
    return this.reader.where(this.place, columnKey);
  }
}

// ── Cells ───────────────────────────────────────────────────────────────────────────────────

/** A cell's value as plain data: rich text and links as their text, formulas as their result; '' as null. */
function plain(value: ExcelJS.CellValue | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'object') {
    if ('richText' in value) return plain(value.richText.map((part) => part.text).join(''));
    if ('result' in value) return plain(value.result as ExcelJS.CellValue);
    if ('text' in value) return plain(value.text as ExcelJS.CellValue);
    if ('error' in value) return String(value.error);
  }
  return null;
}

const pad = (value: number) => String(value).padStart(2, '0');
/** Excel keeps dates without a zone; exceljs gives them as UTC instants of the wall time written. */
const isoDate = (date: Date) => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
const isoTime = (date: Date) => `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;

const TRUE_WORDS = new Set(['co', 'yes', 'true', 'x', '1', 'dung']);
const FALSE_WORDS = new Set(['khong', 'no', 'false', '0', 'sai']);

/** A cell read as `kind`; what cannot be read is passed on as written, for the schema to name the problem. */
function convert(value: Cell, kind: CellKind): unknown {
  if (value === null) return undefined;
  const text = value instanceof Date ? '' : String(value);
  switch (kind) {
    case 'text':
      return value instanceof Date ? isoDate(value) : text;
    case 'code':
      return typeof value === 'number' ? String(value) : text;
    case 'codes':
    case 'users':
      return text.split(/[\s,;]+/).filter(Boolean);
    case 'names':
      return text
        .split(/[;\n]/)
        .map((item) => item.trim())
        .filter(Boolean);
    case 'number':
      return typeof value === 'number' ? value : numberOf(text);
    case 'numbers':
      return typeof value === 'number'
        ? [value]
        : text
            .split(/[\s,;]+/)
            .filter(Boolean)
            .map(numberOf);
    case 'date':
      return value instanceof Date ? isoDate(value) : (parseTypedDate(text) ?? text);
    case 'datetime':
      return value instanceof Date ? `${isoDate(value)}T${isoTime(value)}` : dateTimeOf(text);
    case 'time':
      if (value instanceof Date) return isoTime(value);
      if (typeof value === 'number' && value >= 0 && value < 1)
        return `${pad(Math.floor(value * 24))}:${pad(Math.round(value * 1440) % 60)}`;
      return text;
    case 'boolean': {
      const word = foldVietnamese(text);
      return typeof value === 'boolean' ? value : TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : text;
    }
    case 'pairs':
      return listOf(text).map((item) => {
        const at = item.lastIndexOf(':');
        return at < 0 ? { name: item } : { name: item.slice(0, at).trim(), points: numberOf(item.slice(at + 1)) };
      });
    case 'tiers':
      return listOf(text).map((item) => {
        const [atLeast, points] = item.split(':').map((part) => part.replace(/[≥>=%\s]/g, ''));
        return { at_least: numberOf(atLeast ?? ''), points: numberOf(points ?? '') };
      });
    case 'share': {
      if (typeof value === 'number') return value;
      const number = numberOf(text);
      return typeof number === 'number'
        ? number
        : foldVietnamese(text)
            .trim()
            .replace(/[\s-]+/g, '_');
    }
    case 'locale': {
      const word = key(text);
      return ['en', 'english', 'tienganh'].includes(word) ? 'en' : ['vi', 'tiengviet', 'vietnamese'].includes(word) ? 'vi' : text;
    }
  }
}

function listOf(text: string): string[] {
  return text
    .split(/[;\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

function numberOf(text: string): number | string {
  const parsed = parseLocaleNumber(text);
  return parsed.ok ? parsed.value : text;
}

/** dd/MM/yyyy HH:mm or yyyy-MM-dd HH:mm as the file's yyyy-MM-ddTHH:mm; anything else as written. */
function dateTimeOf(text: string): string {
  const [day, time] = text.trim().split(/[\sT]+/);
  const date = day ? parseTypedDate(day) : null;
  return date && time && /^\d{1,2}:\d{2}$/.test(time) ? `${date}T${time.padStart(5, '0')}` : text;
}

function compareKeys(left: readonly number[], right: readonly number[]): number {
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** A column's letters (1 → A, 28 → AB). */
function cellName(column: number): string {
  let name = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) name = String.fromCharCode(65 + ((rest - 1) % 26)) + name;
  return name;
}
