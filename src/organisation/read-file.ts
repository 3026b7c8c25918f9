import { z } from 'zod';
import { parseLocalDateTime, zonedInstant } from '../domain/calendar';
import type { CommendationRules, ShareRule } from '../domain/commendations';
import type { DirectiveInput } from '../domain/directive';
import type { GradeBands } from '../domain/grades';
import type { CriterionKind, CriterionRule, GroupCap, NotApplicableMode } from '../domain/scoring';
import type { YearResultRule } from '../domain/year-result';
import type { Locale } from '../i18n/messages';
import { crossReferenceProblems } from './cross-references';
import { type OrganisationFile, organisationFileSchema } from './file-schema';
import { fileText } from './file-text';
import { ORGANISATION_FILE_KEYS, rejoinFlowCommas } from './flow-commas';
import { typeWords } from './workbook-text';
import { yaml } from './yaml';

/** The organisation as the store takes it: validated, with local times turned into instants. */
export interface OrganisationData {
  organisation: { name: string; timeZone: string; locale: Locale; quietFrom: string; quietTo: string };
  admins: string[];
  holidays: string[];
  titles: string[];
  units: { code: string; name: string; officers: string[] }[];
  blocks: { code: string; name: string; channelId: string; unitCodes: string[] }[];
  directives: DirectiveInput[];
  years: YearData[];
}

export interface CriterionData {
  code: string;
  groupName: string;
  name: string;
  maxPoints: number;
  kind: CriterionKind;
  measureUnit: string | null;
  /** The version-2 fields; null for a version-1 criterion. */
  rule: CriterionRule | null;
}

export interface YearData {
  year: number;
  theme: string;
  pledgeDue: Date;
  reminderBeforeDays: number[];
  reminderAt: string;
  overdueEveryDays: number;
  reportGraceHours: number;
  summaryAt: string;
  summaryLatestDays: number;
  reportOpensDays: number;
  overdueInChannel: number;
  nudgeIntervalMinutes: number;
  resubmissionWorkingDays: number;
  /** Null: the default bands. */
  gradeBands: GradeBands | null;
  /** Null: the whole-year period if there is one, else the average of the periods (src/domain/year-result.ts). */
  yearResult: YearResultRule | null;
  /** Null: none written (the defaults: a quorum of two thirds, no title). */
  commendations: CommendationRules | null;
  blocks: {
    blockCode: string;
    leadCode: string | null;
    deputyCode: string | null;
    theme: string | null;
    criteria: CriterionData[];
    /** The block's members this year (years[].blocks.<CODE>.units, else blocks[].units), in the file's order. */
    unitCodes: string[];
    /** Group caps of its table (none: []). */
    groups: GroupCap[];
    notApplicable: NotApplicableMode;
  }[];
  periods: { code: string; name: string; startsOn: string; endsOn: string; due: Date }[];
}

/** On failure, `problems` to show; `count` of them in all (the list may end with how many more there are). */
export type ReadResult = { ok: true; data: OrganisationData } | { ok: false; problems: string[]; locale: Locale; count?: number };

/**
 * Parses and validates an organisation file. On failure every problem is returned as
 * `path: message` (e.g. `blocks[0].units[3]: unknown unit code "XYZ"`), in the language the file
 * declares in organization.locale (Vietnamese unless it says en).
 */
export function readOrganisationFile(source: string): ReadResult {
  // Not text at all (a spreadsheet, a PDF, an image): said as such, nothing of it repeated.
  if (source.includes('\u0000') || source.includes('\uFFFD')) return { ok: false, locale: 'vi', problems: [fileText.vi.notText] };
  const document = yaml().parseDocument(source, { uniqueKeys: true });
  rejoinFlowCommas(document, ORGANISATION_FILE_KEYS, source);
  let raw: unknown;
  let aliasProblem = false;
  try {
    raw = document.toJS();
  } catch {
    // An alias (*name) with no anchor (&name) before it: YAML for "this text is not YAML" often enough.
    aliasProblem = true;
  }
  const locale = declaredLocale(raw);
  const text = fileText[locale];
  if (document.errors.length > 0 || aliasProblem) {
    // Where and what kind of problem, from the parser's code: never its message, which quotes the file.
    const problems = document.errors.map((error) =>
      text.yamlProblem(error.linePos?.[0]?.line ?? 0, error.linePos?.[0]?.col ?? 0, text.yamlError(error.code)),
    );
    if (aliasProblem) problems.push(text.yamlError('BAD_ALIAS'));
    return { ok: false, locale, problems: atMost(problems, MAX_YAML_PROBLEMS, text.moreProblems), count: problems.length };
  }
  return validateOrganisation(raw);
}

/**
 * Validates an organisation as read from a file — YAML, or a workbook (src/organisation/workbook.ts)
 * turned into the same shape — with the schema and the cross-checks, every problem named by
 * `describe` (a path such as `blocks[0].units[3]`, or a sheet, row and column) in the file's language.
 */
export function validateOrganisation(
  raw: unknown,
  describe: (path: readonly PropertyKey[]) => string = formatPath,
  dates: 'file' | 'sheet' = 'file',
): ReadResult {
  const locale = declaredLocale(raw);
  const text = fileText[locale];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, locale, problems: [text.notAMapping] };
  const parsed = organisationFileSchema(locale, dates).safeParse(raw, { error: z.locales[locale]().localeError, reportInput: true });
  // Cross-reference messages quote their value; a schema message gets the value written at its path.
  const schemaProblems = (parsed.success ? [] : parsed.error.issues).map((issue) => ({
    path: issue.path,
    message: withWrittenValue(messageOf(issue, locale), raw, issue.path, text.found, issue.code === 'custom'),
  }));
  const problems = [...schemaProblems, ...crossReferenceProblems(raw, locale)]
    .sort((left, right) => comparePaths(left.path, right.path))
    .map((issue) => `${describe(issue.path)}: ${issue.message}`);
  if (!parsed.success || problems.length > 0) return { ok: false, locale, problems: [...new Set(problems)] };
  return { ok: true, data: normalise(parsed.data) };
}

/** A value of the wrong type in words people use (zod's own names the types): missing, not a number, not a list … */
function messageOf(issue: z.core.$ZodIssue, locale: Locale): string {
  if (issue.code !== 'invalid_type') return issue.message;
  if (issue.input === undefined) return fileText[locale].required;
  return typeWords[locale][issue.expected as keyof (typeof typeWords)['vi']] ?? issue.message;
}

/** YAML problems listed at most: past a few, the file is likely not YAML at all, and one more line says how many. */
const MAX_YAML_PROBLEMS = 10;

function atMost(problems: string[], limit: number, more: (count: number) => string): string[] {
  return problems.length <= limit ? problems : [...problems.slice(0, limit), more(problems.length - limit)];
}

/**
 * The message with the scalar written at `path` (" (đang ghi: -5)"), quoted when it is text; nothing
 * added for a missing value, a list or a mapping, or to a message of our own (`custom`) that names it already.
 */
function withWrittenValue(
  message: string,
  raw: unknown,
  path: readonly PropertyKey[],
  found: (value: string) => string,
  custom: boolean,
): string {
  let value: unknown = raw;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return message;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  const shown =
    typeof value === 'string'
      ? `"${value.length > 80 ? `${value.slice(0, 79)}…` : value}"`
      : typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : undefined;
  if (shown === undefined || (custom && message.includes(String(value)))) return message;
  return `${message}${found(shown)}`;
}

export function declaredLocale(raw: unknown): Locale {
  const organization = raw && typeof raw === 'object' ? (raw as { organization?: { locale?: unknown } }).organization : undefined;
  return organization?.locale === 'en' ? 'en' : 'vi';
}

const SECTION_ORDER = ['organization', 'units', 'blocks', 'directives', 'years'];

/** Problems in the order a reader meets them: by section as in the file, then by position. */
function comparePaths(left: readonly PropertyKey[], right: readonly PropertyKey[]): number {
  const section = (path: readonly PropertyKey[]) => {
    const index = SECTION_ORDER.indexOf(String(path[0]));
    return index < 0 ? SECTION_ORDER.length : index;
  };
  return section(left) - section(right) || formatPath(left).localeCompare(formatPath(right), 'en', { numeric: true });
}

/** ['blocks', 0, 'units', 3] → blocks[0].units[3] */
export function formatPath(path: readonly PropertyKey[]): string {
  return (
    path.reduce<string>(
      (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)),
      '',
    ) || '(file)'
  );
}

function normalise(file: OrganisationFile): OrganisationData {
  const zone = file.organization.timezone;
  const instant = (localDateTime: string) => zonedInstant(parseLocalDateTime(localDateTime)!, zone);
  const criterionData = (criterion: OrganisationFile['years'][number]['criteria'][number]): CriterionData => ({
    code: criterion.code,
    groupName: criterion.group,
    name: criterion.name,
    maxPoints: criterion.max,
    kind: criterion.kind,
    measureUnit: criterion.unit ?? null,
    rule: criterionRule(criterion),
  });

  return {
    organisation: {
      name: file.organization.name,
      timeZone: zone,
      locale: file.organization.locale,
      quietFrom: file.organization.quiet_hours.from,
      quietTo: file.organization.quiet_hours.to,
    },
    admins: [...new Set(file.organization.admins)],
    holidays: [...new Set(file.organization.holidays)].sort(),
    titles: [...new Set(file.organization.titles)],
    units: file.units.map((unit) => ({ code: unit.code, name: unit.name, officers: [...new Set(unit.officers)] })),
    blocks: file.blocks.map((block) => ({ code: block.code, name: block.name, channelId: block.channel, unitCodes: block.units })),
    directives: file.directives.map((directive) => ({
      number: directive.number.trim(),
      kind: directive.kind,
      issuer: directive.issuer,
      issuedOn: directive.issued,
      title: directive.title,
      summary: directive.summary || null,
      url: directive.url ?? null,
      tags: directive.tags,
      expiredOn: directive.expired ?? null,
      replacedBy: directive.replaced_by?.trim() || null,
    })),
    years: file.years.map((year) => ({
      year: year.year,
      theme: year.theme,
      pledgeDue: instant(year.pledge_due),
      reminderBeforeDays: [...new Set(year.reminders.before_days)].sort((a, b) => b - a),
      reminderAt: year.reminders.at,
      overdueEveryDays: year.reminders.overdue_every_days,
      reportGraceHours: year.report_grace_hours,
      summaryAt: year.summary_at,
      summaryLatestDays: year.summary_latest_days,
      reportOpensDays: year.report_opens_days,
      overdueInChannel: year.reminders.overdue_in_channel,
      nudgeIntervalMinutes: year.reminders.nudge_interval_minutes,
      resubmissionWorkingDays: year.reminders.resubmission_working_days,
      gradeBands: year.grades ? gradeBandsOf(year.grades) : null,
      yearResult: year.year_result ?? null,
      commendations: year.commendations ? commendationRules(year.commendations) : null,
      // Every block gets a row for the year: its lead and deputy, and its own table or the shared one.
      blocks: file.blocks.map((block) => {
        const lead = year.leads[block.code];
        const override = year.blocks[block.code];
        // A block's own table takes its own groups (or the year's); the shared table takes the year's.
        const groups = override?.groups ?? year.groups ?? [];
        const criteria = (override?.criteria ?? year.criteria).map(criterionData);
        const groupNames = new Set(criteria.map((criterion) => criterion.groupName));
        return {
          blockCode: block.code,
          leadCode: lead?.lead ?? null,
          deputyCode: lead?.deputy ?? null,
          theme: override?.theme ?? null,
          criteria,
          unitCodes: [...new Set(override?.units ?? block.units)],
          groups: groups.filter((group) => groupNames.has(group.name)).map((group) => ({ name: group.name, max: group.max })),
          notApplicable: override?.not_applicable ?? year.not_applicable ?? 'full',
        };
      }),
      periods: year.periods.map((period) => ({
        code: period.code,
        name: period.name,
        startsOn: period.start,
        endsOn: period.end,
        due: instant(period.due),
      })),
    })),
  };
}

/** A criterion's version-2 fields as the engine takes them (camelCase); null when it has none, so version-1 rows stay as they were. */
function criterionRule(criterion: OrganisationFile['years'][number]['criteria'][number]): CriterionRule | null {
  const rule: CriterionRule = {
    ...(criterion.levels ? { levels: criterion.levels.map((level) => ({ name: level.name, points: level.points })) } : {}),
    ...(criterion.kind === 'count'
      ? { each: criterion.each ?? 1, from: criterion.from ?? 'zero' }
      : criterion.each !== undefined
        ? { each: criterion.each }
        : {}),
    ...(criterion.tiers ? { tiers: criterion.tiers.map((tier) => ({ atLeast: tier.at_least, points: tier.points })) } : {}),
    ...(criterion.indicators
      ? {
          indicators: Object.fromEntries(
            Object.entries(criterion.indicators).map(([unitCode, indicators]) => [
              unitCode,
              indicators.map((indicator) => ({
                code: indicator.code,
                name: indicator.name,
                unit: indicator.unit ?? null,
                weight: indicator.weight ?? 1,
              })),
            ]),
          ),
        }
      : {}),
    ...(criterion.applies_to ? { appliesTo: [...new Set(criterion.applies_to)] } : {}),
    ...(criterion.scored_by === 'lead' || criterion.scored_by === 'auto' ? { scoredBy: criterion.scored_by } : {}),
    ...(criterion.source ? { source: criterion.source } : {}),
    ...(criterion.items ? { items: criterion.items.map((item) => ({ name: item.name, points: item.points })) } : {}),
  };
  return Object.keys(rule).length ? rule : null;
}

/** A quorum or threshold as written: a named rule or a share. */
function shareRule(written: 'more_than_half' | 'two_thirds' | number | undefined, fallback: ShareRule): ShareRule {
  if (written === undefined) return fallback;
  return typeof written === 'number' ? { kind: 'share', share: written } : { kind: written };
}

/** years[].commendations with its defaults: a quorum of two thirds, one title per unit, registration required, more than half of the ballots. */
function commendationRules(written: NonNullable<OrganisationFile['years'][number]['commendations']>): CommendationRules {
  return {
    quorum: shareRule(written.quorum, { kind: 'two_thirds' }),
    onePerUnit: written.one_title_per_unit ?? true,
    titles: written.titles.map((title) => ({
      title: title.title.trim(),
      ...(title.min_grade ? { minGrade: title.min_grade.trim() } : {}),
      registered: title.registered ?? true,
      noDeduction: (title.no_deduction ?? []).map((bar) =>
        typeof bar === 'string' ? { code: bar } : { code: bar.code, ...(bar.items ? { items: bar.items.map((item) => item.trim()) } : {}) },
      ),
      ...(title.max_units !== undefined ? { maxUnits: title.max_units } : {}),
      ...(title.max_share !== undefined ? { maxShare: title.max_share } : {}),
      threshold: shareRule(title.threshold, { kind: 'more_than_half' }),
    })),
  };
}

/** The file's grades as the engine takes them: bands with a min, highest first, and the floor's name. */
function gradeBandsOf(grades: NonNullable<OrganisationFile['years'][number]['grades']>): GradeBands {
  return {
    bands: grades
      .flatMap((grade) =>
        grade.min === undefined
          ? []
          : [
              {
                name: grade.name,
                min: grade.min,
                ...(grade.no_zero_criterion ? { requireNoZeroCriterion: true } : {}),
                ...(grade.min_share_each !== undefined ? { minShareEach: grade.min_share_each } : {}),
              },
            ],
      )
      .sort((left, right) => right.min - left.min),
    below: grades.find((grade) => grade.min === undefined)!.name,
  };
}
