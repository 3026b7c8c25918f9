import { z } from 'zod';
import { DEFAULT_TIME_ZONE, isValidTimeZone, parseLocalDate, parseLocalDateTime, parseTimeOfDay } from '../domain/calendar';
import { AUTO_SOURCES, CRITERION_KINDS, NOT_APPLICABLE_MODES } from '../domain/scoring';
import { YEAR_RESULT_RULES } from '../domain/year-result';
import type { Locale } from '../i18n/messages';
import { fileText } from './file-text';

/**
 * The organisation file (../shared/docs/organisation-file.md is the contract). Objects are strict:
 * a misspelt key is reported rather than silently ignored. Fields beyond the contract are optional:
 * organization.quiet_hours, organization.titles, years[].report_grace_hours, years[].summary_at,
 * years[].summary_latest_days, years[].report_opens_days,
 * years[].reminders.overdue_in_channel and .nudge_interval_minutes, years[].grades and
 * years[].blocks.<CODE>.theme; version 2 of the contract adds the criterion rules
 * (levels, count, tiers, indicators, applies_to, scored_by, each, items), years[].groups,
 * years[].not_applicable, grades[].min_share_each, years[].blocks.<CODE>.units and the directives'
 * open kind, expired and replaced_by. The year end adds years[].year_result and years[].commendations
 * (who may be proposed for which title, how many, the quorum and thresholds of the block's vote). A criterion's own consistency (a field on the wrong kind,
 * levels or tiers above its max, tiers not descending) is checked here; what needs other sections
 * (unit codes, groups, members) is in cross-references.ts.
 */
export const DEFAULT_TITLES = [
  'Cờ thi đua của Chính phủ',
  'Cờ thi đua của UBND tỉnh',
  'Tập thể lao động xuất sắc',
  'Tập thể lao động tiên tiến',
  'Bằng khen của Thủ tướng Chính phủ',
  'Bằng khen của Chủ tịch UBND tỉnh',
];

/**
 * The schema of the organisation file, its messages in `locale`; dates are said as the YAML file
 * writes them (2021-03-31T17:00), or as a workbook's sheet asks for them (31/03/2021 17:00).
 */
export function organisationFileSchema(locale: Locale, dates: 'file' | 'sheet' = 'file') {
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
  const localDate = z.string().refine((value) => parseLocalDate(value) !== null, dates === 'sheet' ? text.sheetDate : text.localDate);
  const localDateTime = z
    .string()
    .refine((value) => parseLocalDateTime(value) !== null, dates === 'sheet' ? text.sheetDateTime : text.localDateTime);
  const timeOfDay = z.string().refine((value) => parseTimeOfDay(value) !== null, text.timeOfDay);

  const points = z.number().min(0, text.notNegative).max(10_000);
  // A level or an award item is an option of the forms, its name the option's value: Slack takes 150
  // characters (OPTION_VALUE_LIMIT in src/views/field-limits.ts).
  const choiceName = requiredText.pipe(z.string().max(150, text.tooLong(150)));
  const criterion = z
    .strictObject({
      code,
      group: requiredText,
      name: requiredText,
      max: z.number().positive(text.positive).max(10_000),
      kind: z.enum(CRITERION_KINDS, text.oneOf(CRITERION_KINDS)),
      unit: z.string().trim().min(1).optional(),
      levels: z
        .array(z.strictObject({ name: choiceName, points }), text.list)
        .min(1, text.list)
        .optional(),
      each: z.number().positive(text.positive).max(10_000).optional(),
      from: z.enum(['zero', 'max'], text.oneOf(['zero', 'max'])).optional(),
      tiers: z
        .array(z.strictObject({ at_least: z.number().min(0, text.notNegative).max(10_000), points }), text.list)
        .min(1, text.list)
        .optional(),
      indicators: z
        .record(
          code,
          z
            .array(
              z.strictObject({
                code,
                name: requiredText,
                unit: z.string().trim().min(1).optional(),
                weight: z.number().positive(text.positive).max(1_000).optional(),
              }),
              text.list,
            )
            .min(1, text.list),
        )
        .optional(),
      applies_to: z.array(code, text.list).min(1, text.list).optional(),
      scored_by: z.enum(['unit', 'lead', 'auto'], text.oneOf(['unit', 'lead', 'auto'])).optional(),
      source: z.enum(AUTO_SOURCES, text.oneOf(AUTO_SOURCES)).optional(),
      items: z
        .array(z.strictObject({ name: choiceName, points: z.number().positive(text.positive).max(10_000) }), text.list)
        .min(1, text.list)
        .optional(),
    })
    .superRefine((criterion, context) => {
      const issue = (path: (string | number)[], message: string) => context.addIssue({ code: 'custom', path, message });
      const onlyFor = (field: keyof typeof criterion, kinds: readonly string[]) => {
        if (criterion[field] !== undefined && !kinds.includes(criterion.kind))
          issue([field], text.onlyForKinds(field, kinds, criterion.kind));
      };
      onlyFor('levels', ['levels']);
      onlyFor('from', ['count']);
      onlyFor('each', ['count', 'bonus', 'deduction']);
      onlyFor('tiers', ['target', 'lower_better']);
      onlyFor('indicators', ['target']);
      onlyFor('items', ['bonus', 'deduction']);
      if (criterion.kind === 'levels' && !criterion.levels) issue(['levels'], text.levelsRequired);
      if (criterion.each !== undefined && criterion.items) issue(['items'], text.eachOrItems);
      criterion.levels?.forEach((level, index) => {
        if (level.points > criterion.max) issue(['levels', index, 'points'], text.aboveMax(level.points, criterion.max));
      });
      criterion.tiers?.forEach((tier, index) => {
        if (tier.points > criterion.max) issue(['tiers', index, 'points'], text.aboveMax(tier.points, criterion.max));
        const above = criterion.tiers![index - 1];
        if (above && tier.at_least >= above.at_least)
          issue(['tiers', index, 'at_least'], text.tiersDescending(tier.at_least, above.at_least));
      });
      criterion.items?.forEach((item, index) => {
        if (item.points > criterion.max) issue(['items', index, 'points'], text.aboveMax(item.points, criterion.max));
      });
      const names = (list: readonly { name: string }[] | undefined, field: string) => {
        const seen = new Map<string, number>();
        list?.forEach((entry, index) => {
          if (seen.has(entry.name)) issue([field, index, 'name'], text.duplicate(field, entry.name, seen.get(entry.name)!));
          else seen.set(entry.name, index);
        });
      };
      names(criterion.levels, 'levels');
      names(criterion.items, 'items');
      for (const [unitCode, indicators] of Object.entries(criterion.indicators ?? {})) {
        const seen = new Map<string, number>();
        indicators.forEach((indicator, index) => {
          if (seen.has(indicator.code))
            issue(['indicators', unitCode, index, 'code'], text.duplicate('indicators', indicator.code, seen.get(indicator.code)!));
          else seen.set(indicator.code, index);
        });
      }
      if (criterion.scored_by === 'auto') {
        if (criterion.kind !== 'yes_no') issue(['scored_by'], text.autoIsYesNo(criterion.kind));
        if (!criterion.source) issue(['source'], text.sourceRequired);
      } else if (criterion.source) issue(['source'], text.sourceOnlyAuto);
      if (criterion.scored_by === 'lead' && !['graded', 'levels', 'yes_no', 'count'].includes(criterion.kind))
        issue(['scored_by'], text.leadKinds(criterion.kind));
    });

  const groups = z
    .array(z.strictObject({ name: requiredText, max: z.number().positive(text.positive).max(10_000) }), text.list)
    .superRefine((list, context) => {
      const seen = new Map<string, number>();
      list.forEach((group, index) => {
        if (seen.has(group.name))
          context.addIssue({ code: 'custom', path: [index, 'name'], message: text.duplicate('groups', group.name, seen.get(group.name)!) });
        else seen.set(group.name, index);
      });
    });
  const notApplicable = z.enum(NOT_APPLICABLE_MODES, text.oneOf(NOT_APPLICABLE_MODES));

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
        min_share_each: z.number().min(0, text.share).max(1, text.share).optional(),
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
          if (band.min_share_each !== undefined)
            context.addIssue({ code: 'custom', path: [index, 'min_share_each'], message: text.floorGradeCondition });
        } else if (mins.has(band.min))
          context.addIssue({
            code: 'custom',
            path: [index, 'min'],
            message: text.duplicate('grades', String(band.min), mins.get(band.min)!),
          });
        else mins.set(band.min, index);
      });
    });

  /** A quorum or a threshold: more_than_half, two_thirds, or a share of at least this much (0 < share ≤ 1). */
  const shareRule = z.union([z.enum(['more_than_half', 'two_thirds']), z.number().gt(0, text.shareRule).max(1, text.shareRule)], {
    error: text.shareRule,
  });
  const deductionBar = z.union([code, z.strictObject({ code, items: z.array(requiredText, text.list).min(1, text.list).optional() })], {
    error: text.deductionBar,
  });
  const commendations = z.strictObject({
    quorum: shareRule.optional(),
    one_title_per_unit: z.boolean().optional(),
    titles: z
      .array(
        z.strictObject({
          title: requiredText,
          min_grade: requiredText.optional(),
          registered: z.boolean().optional(),
          no_deduction: z.array(deductionBar, text.list).optional(),
          max_units: z.number().int(text.wholeNumber).positive(text.positive).max(1_000).optional(),
          max_share: z.number().gt(0, text.share).max(1, text.share).optional(),
          threshold: shareRule.optional(),
        }),
        text.list,
      )
      .default([]),
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
        overdue_in_channel: z.number().int().min(0).max(30).default(1),
        nudge_interval_minutes: z
          .number()
          .int()
          .min(0)
          .max(7 * 24 * 60)
          .default(60),
        resubmission_working_days: z.number().int().min(1).max(30).default(3),
      })
      .default({
        before_days: [7, 3, 1],
        at: '08:00',
        overdue_every_days: 2,
        overdue_in_channel: 1,
        nudge_interval_minutes: 60,
        resubmission_working_days: 3,
      }),
    criteria: z.array(criterion).default([]),
    groups: groups.optional(),
    not_applicable: notApplicable.optional(),
    blocks: z
      .record(
        code,
        z.strictObject({
          criteria: z.array(criterion).optional(),
          theme: requiredText.optional(),
          units: z.array(code).min(1, text.atLeastOneUnit).optional(),
          groups: groups.optional(),
          not_applicable: notApplicable.optional(),
        }),
      )
      .default({}),
    report_grace_hours: z
      .number()
      .int()
      .min(0)
      .max(24 * 30)
      .default(0),
    summary_at: timeOfDay.default('09:00'),
    summary_latest_days: z.number().int().min(0).max(30).default(5),
    report_opens_days: z.number().int().min(0).max(366).default(10),
    grades: grades.optional(),
    year_result: z.enum(YEAR_RESULT_RULES, text.oneOf(YEAR_RESULT_RULES)).optional(),
    commendations: commendations.optional(),
  });

  return z.strictObject({
    organization: z.strictObject({
      name: requiredText,
      timezone: z.string().refine(isValidTimeZone, text.timeZone).default(DEFAULT_TIME_ZONE),
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
          // Open text: a province's documents come in more kinds than any list (Thông báo, Quy chế, ...).
          kind: requiredText.pipe(z.string().max(60, text.tooLong(60))),
          issuer: requiredText,
          issued: localDate,
          expired: localDate.optional(),
          replaced_by: requiredText.optional(),
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
