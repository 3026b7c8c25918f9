import { z } from 'zod';
import { isValidTimeZone, parseLocalDate, parseLocalDateTime, parseTimeOfDay } from '../domain/calendar';
import { DIRECTIVE_KINDS } from '../domain/directive';
import { CRITERION_KINDS } from '../domain/scoring';
import type { Locale } from '../i18n/messages';
import { fileText } from './file-text';

/**
 * The organisation file (../shared/docs/organisation-file.md is the contract). Objects are strict:
 * a misspelt key is reported rather than silently ignored. Fields beyond the contract are optional:
 * organization.quiet_hours, organization.titles, years[].report_grace_hours, years[].summary_at,
 * years[].grades and years[].blocks.<CODE>.theme.
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

  /**
   * Grade bands (xếp loại), highest first as people write them; exactly one band has no `min`: the
   * grade of every total below the others. Absent: the defaults, in proportion to each block's base (defaultGradeBands).
   */
  const grades = z
    .array(
      z.strictObject({
        name: requiredText,
        min: z.number().min(-10_000).max(10_000).optional(),
        no_zero_criterion: z.boolean().optional(),
      }),
    )
    .superRefine((bands, context) => {
      const floors = bands.flatMap((band, index) => (band.min === undefined ? [index] : []));
      if (floors.length !== 1)
        context.addIssue({ code: 'custom', path: floors.length > 1 ? [floors[1]!] : [], message: text.oneFloorGrade });
      const names = new Map<string, number>();
      const mins = new Map<number, number>();
      bands.forEach((band, index) => {
        const name = band.name.trim();
        if (names.has(name))
          context.addIssue({ code: 'custom', path: [index, 'name'], message: text.duplicate('grades', name, names.get(name)!) });
        else names.set(name, index);
        if (band.min === undefined) {
          if (band.no_zero_criterion)
            context.addIssue({ code: 'custom', path: [index, 'no_zero_criterion'], message: text.floorGradeCondition });
        } else if (mins.has(band.min))
          context.addIssue({
            code: 'custom',
            path: [index, 'min'],
            message: text.duplicate('grades', String(band.min), mins.get(band.min)!),
          });
        else mins.set(band.min, index);
      });
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
        before_days: z.array(z.number().int().min(0).max(90)).default([7, 3, 1]),
        at: timeOfDay.default('08:00'),
        overdue_every_days: z.number().int().min(0).max(30).default(2),
      })
      .default({ before_days: [7, 3, 1], at: '08:00', overdue_every_days: 2 }),
    criteria: z.array(criterion).default([]),
    blocks: z.record(code, z.strictObject({ criteria: z.array(criterion).optional(), theme: requiredText.optional() })).default({}),
    report_grace_hours: z
      .number()
      .int()
      .min(0)
      .max(24 * 30)
      .default(0),
    summary_at: timeOfDay.default('09:00'),
    grades: grades.optional(),
  });

  return z.strictObject({
    organization: z.strictObject({
      name: requiredText,
      timezone: z.string().refine(isValidTimeZone, text.timeZone).default('Asia/Ho_Chi_Minh'),
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
  });
}

export type OrganisationFile = z.output<ReturnType<typeof organisationFileSchema>>;
