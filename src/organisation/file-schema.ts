import { z } from 'zod';
import { CRITERION_KINDS, DIRECTIVE_KINDS } from '../../db/schema';
import { isValidTimeZone, parseLocalDate, parseLocalDateTime, parseTimeOfDay } from '../domain/calendar';
import { directiveNumberKey } from '../domain/directive-number';
import type { Locale } from '../i18n/messages';
import { fileText } from './file-text';

/**
 * The organisation file (../shared/docs/organisation-file.md is the contract). Objects are strict:
 * a misspelt key is reported rather than silently ignored. Fields beyond the contract are optional:
 * organization.quiet_hours, organization.titles, years[].report_grace_hours, years[].summary_at and
 * years[].blocks.<CODE>.theme.
 */
export const DEFAULT_TITLES = [
  'Cờ thi đua của Chính phủ',
  'Cờ thi đua của UBND tỉnh',
  'Tập thể lao động xuất sắc',
  'Tập thể lao động tiên tiến',
  'Bằng khen của Thủ tướng Chính phủ',
  'Bằng khen của Chủ tịch UBND tỉnh',
];

export function organisationFileSchema(locale: Locale) {
  const text = fileText[locale];
  const requiredText = z.string().trim().min(1, text.required);
  const code = z
    .union([z.string(), z.number()])
    .transform(String)
    .pipe(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9_.-]{1,32}$/, text.code),
    );
  const slackUser = z.string().regex(/^[UW][A-Z0-9]{2,}$/, text.slackUser);
  const slackChannel = z.string().regex(/^[CG][A-Z0-9]{2,}$/, text.slackChannel);
  const localDate = z.string().refine((value) => parseLocalDate(value) !== null, text.localDate);
  const localDateTime = z.string().refine((value) => parseLocalDateTime(value) !== null, text.localDateTime);
  const timeOfDay = z.string().refine((value) => parseTimeOfDay(value) !== null, text.timeOfDay);

  const criterion = z.strictObject({
    code,
    group: requiredText,
    name: requiredText,
    max: z.number().positive(text.positive).max(10_000),
    kind: z.enum(CRITERION_KINDS, text.oneOf(CRITERION_KINDS)),
    unit: z.string().trim().min(1).optional(),
  });

  const period = z.strictObject({
    code,
    name: requiredText,
    start: localDate,
    end: localDate,
    due: localDateTime,
  });

  const year = z.strictObject({
    year: z.number().int().min(2000).max(2100),
    theme: requiredText,
    pledge_due: localDateTime,
    leads: z.record(code, z.strictObject({ lead: code, deputy: code.optional() })).default({}),
    periods: z.array(period).default([]),
    reminders: z
      .strictObject({
        before_days: z.array(z.number().int().min(1).max(90)).default([7, 3, 1]),
        at: timeOfDay.default('08:00'),
        overdue_every_days: z.number().int().min(0).max(30).default(2),
      })
      .default({ before_days: [7, 3, 1], at: '08:00', overdue_every_days: 2 }),
    criteria: z.array(criterion).default([]),
    blocks: z.record(code, z.strictObject({ criteria: z.array(criterion).optional(), theme: requiredText.optional() })).default({}),
    report_grace_hours: z.number().int().min(0).max(24 * 30).default(0),
    summary_at: timeOfDay.default('09:00'),
  });

  return z
    .strictObject({
      organization: z.strictObject({
        name: requiredText,
        timezone: z
          .string()
          .refine(isValidTimeZone, text.timeZone)
          .default('Asia/Ho_Chi_Minh'),
        locale: z.enum(['vi', 'en']).default('vi'),
        admins: z.array(slackUser).default([]),
        holidays: z.array(localDate).default([]),
        quiet_hours: z.strictObject({ from: timeOfDay, to: timeOfDay }).default({ from: '20:00', to: '07:00' }),
        titles: z.array(requiredText).min(1).default(DEFAULT_TITLES),
      }),
      units: z
        .array(
          z.strictObject({
            code,
            name: requiredText,
            officers: z.array(slackUser).default([]),
          }),
        )
        .default([]),
      blocks: z
        .array(
          z.strictObject({
            code,
            name: requiredText,
            channel: slackChannel,
            units: z.array(code).min(1, text.atLeastOneUnit),
          }),
        )
        .default([]),
      directives: z
        .array(
          z.strictObject({
            number: requiredText,
            kind: z.enum(DIRECTIVE_KINDS, text.oneOf(DIRECTIVE_KINDS)),
            issuer: requiredText,
            issued: localDate,
            title: requiredText,
            summary: z.string().trim().optional(),
            url: z.url(text.url).optional(),
            tags: z.array(requiredText).default([]),
          }),
        )
        .default([]),
      years: z.array(year).default([]),
    })
    .superRefine((file, context) => {
      const problem = (path: (string | number)[], message: string) => context.addIssue({ code: 'custom', path, message });

      // `shown` is how a duplicate is named in the problem, when the key is not how people write it.
      const firstIndex = <T>(items: readonly T[], key: (item: T) => string, label: string, at: (index: number) => (string | number)[], shown: (item: T) => string = key) => {
        const seen = new Map<string, number>();
        items.forEach((item, index) => {
          const value = key(item);
          const earlier = seen.get(value);
          if (earlier === undefined) seen.set(value, index);
          else problem(at(index), text.duplicate(label, shown(item), earlier));
        });
        return seen;
      };

      const unitIndex = firstIndex(file.units, (unit) => unit.code, 'units', (index) => ['units', index, 'code']);
      const officerUnit = new Map<string, string>();
      file.units.forEach((unit, unitPosition) =>
        unit.officers.forEach((userId, officerPosition) => {
          const other = officerUnit.get(userId);
          if (other !== undefined && other !== unit.code) problem(['units', unitPosition, 'officers', officerPosition], text.officerTwice(userId, other));
          else officerUnit.set(userId, unit.code);
        }),
      );

      const blockIndex = firstIndex(file.blocks, (block) => block.code, 'blocks', (index) => ['blocks', index, 'code']);
      const unitBlock = new Map<string, string>();
      file.blocks.forEach((block, blockPosition) =>
        block.units.forEach((unitCode, unitPosition) => {
          const path = ['blocks', blockPosition, 'units', unitPosition];
          if (!unitIndex.has(unitCode)) problem(path, text.unknownUnit(unitCode));
          else if (unitBlock.has(unitCode)) problem(path, text.unitTwice(unitCode, unitBlock.get(unitCode)!));
          else unitBlock.set(unitCode, block.code);
        }),
      );

      // Numbers are the same however they are written (34-CT/TW is 34/CT-TW): the store keeps them unique so.
      firstIndex(
        file.directives,
        (directive) => directiveNumberKey(directive.number),
        'directives',
        (index) => ['directives', index, 'number'],
        (directive) => directive.number.trim(),
      );
      firstIndex(file.years, (year) => String(year.year), 'years', (index) => ['years', index, 'year']);

      file.years.forEach((year, yearPosition) => {
        const at = (...path: (string | number)[]) => ['years', yearPosition, ...path];
        for (const [blockCode, lead] of Object.entries(year.leads)) {
          if (!blockIndex.has(blockCode)) {
            problem(at('leads', blockCode), text.unknownBlock(blockCode));
            continue;
          }
          for (const role of ['lead', 'deputy'] as const) {
            const unitCode = lead[role];
            if (unitCode === undefined) continue;
            if (!unitIndex.has(unitCode)) problem(at('leads', blockCode, role), text.unknownUnit(unitCode));
            else if (unitBlock.get(unitCode) !== blockCode) problem(at('leads', blockCode, role), text.notInBlock(unitCode, blockCode));
          }
          if (lead.deputy !== undefined && lead.deputy === lead.lead) problem(at('leads', blockCode, 'deputy'), text.deputyIsLead);
        }

        firstIndex(year.periods, (period) => period.code, 'periods', (index) => at('periods', index, 'code'));
        year.periods.forEach((period, periodPosition) => {
          if (period.end < period.start) problem(at('periods', periodPosition, 'end'), text.endBeforeStart);
          if (period.due.slice(0, 10) < period.start) problem(at('periods', periodPosition, 'due'), text.dueBeforeStart);
        });

        firstIndex(year.criteria, (criterion) => criterion.code, 'criteria', (index) => at('criteria', index, 'code'));
        for (const [blockCode, override] of Object.entries(year.blocks)) {
          if (!blockIndex.has(blockCode)) problem(at('blocks', blockCode), text.unknownBlock(blockCode));
          if (override.criteria) firstIndex(override.criteria, (criterion) => criterion.code, 'criteria', (index) => at('blocks', blockCode, 'criteria', index, 'code'));
        }
      });
    });
}

export type OrganisationFile = z.output<ReturnType<typeof organisationFileSchema>>;
