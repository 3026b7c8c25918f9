import type { AutoSource, CriterionKind, CriterionRule, IndicatorPart, Item, NotApplicableMode, ScoreBasis, Tier } from '../domain/scoring';
import { formatDate, formatNumber } from '../i18n/format';
import { defineMessages, type Locale } from '../i18n/messages';

/**
 * The scoring rules in plain words: how a criterion is scored (one line each, for `/thidua tieuchi`)
 * and which rule gave a unit's line its points (the breakdown, "Chi tiết"). Pure text from the
 * engine's own terms (src/domain/scoring-rules.ts): nothing here computes a point.
 */
export const ruleText = defineMessages(
  {
    how: {
      target: (max: string) => `tính theo tỷ lệ hoàn thành chỉ tiêu, tối đa ${max} điểm`,
      lower_better: (max: string) => `đạt tối đa ${max} điểm khi không vượt mức trần; vượt thì giảm theo tỷ lệ`,
      yes_no: (max: string) => `đạt ${max} điểm nếu có, 0 nếu không`,
      graded: (max: string) => `đơn vị tự chấm từ 0 đến ${max} điểm, Trưởng khối thẩm định`,
      levels: (max: string) => `chọn một mức, tối đa ${max} điểm`,
      count: (max: string) => `theo số trường hợp, tối đa ${max} điểm`,
      bonus: (max: string) => `cộng tối đa ${max} điểm, sau khi Trưởng khối thẩm định`,
      deduction: (max: string) => `trừ tối đa ${max} điểm`,
    } satisfies Record<CriterionKind, (max: string) => string>,
    points: (points: string) => `${points} điểm`,
    tierAt: (percent: string, points: string) => `≥ ${percent} %: ${points} điểm`,
    tierRest: (points: string) => `còn lại ${points} điểm`,
    tierBelow: (percent: string) => `dưới ${percent} %: 0 điểm`,
    tiersOfTarget: (tiers: string) => `tỷ lệ hoàn thành chỉ tiêu ${tiers}`,
    tiersOfCeiling: (tiers: string) => `tỷ lệ giữ trong mức trần ${tiers}`,
    indicators: (units: string, rest: string) =>
      `chỉ tiêu riêng của từng đơn vị (${units}), tính theo tỷ lệ hoàn thành bình quân có trọng số${rest}`,
    indicatorCount: (unit: string, count: number) => `${unit}: ${count} chỉ tiêu`,
    indicatorShare: (max: string) => `, tối đa ${max} điểm`,
    indicatorTiers: (tiers: string) => `: ${tiers}`,
    othersOwnTarget: '; đơn vị khác theo chỉ tiêu chung',
    indicatorList: (unit: string, indicators: string) => `${unit}: ${indicators}`,
    indicatorWeight: (weight: string) => `hệ số ${weight}`,
    levels: (levels: string) => `chọn một mức: ${levels}`,
    level: (name: string, points: string) => `${name} ${points} điểm`,
    countFromZero: (each: string, max: string) => `mỗi trường hợp ${each} điểm, tối đa ${max} điểm`,
    countFromMax: (each: string, max: string) => `tính từ ${max} điểm, mỗi trường hợp trừ ${each} điểm, thấp nhất 0`,
    bonusEach: (each: string, max: string) => `mỗi trường hợp cộng ${each} điểm, tối đa ${max} điểm, sau khi Trưởng khối thẩm định`,
    bonusItems: (items: string, max: string) => `${items}; tối đa ${max} điểm, sau khi Trưởng khối thẩm định`,
    deductionEach: (each: string, max: string) => `mỗi trường hợp trừ ${each} điểm, tối đa ${max} điểm`,
    deductionItems: (items: string, max: string) => `${items}; trừ tối đa ${max} điểm`,
    item: (name: string, sign: string, points: string) => `${name} ${sign}${points}`,
    lead: (what: string) => `Trưởng khối chấm, ${what}`,
    leadGraded: (max: string) => `Trưởng khối chấm, từ 0 đến ${max} điểm`,
    auto: {
      pledge_on_time: (max: string) => `tự động: ${max} điểm nếu ký giao ước đúng hạn, 0 nếu không`,
      report_on_time: (max: string) => `tự động: ${max} điểm nếu nộp báo cáo kỳ đúng hạn, 0 nếu không`,
    } satisfies Record<AutoSource, (max: string) => string>,
    appliesTo: (units: string, mode: NotApplicableMode) =>
      ` — chỉ áp dụng với ${units} (${mode === 'full' ? 'đơn vị khác được tính đủ điểm' : 'đơn vị khác không tính tiêu chí này, tổng điểm được quy đổi'})`,
    groupCap: (max: string) => `tối đa ${max} điểm cả nhóm`,

    // The breakdown: which rule gave the line its points.
    tierOf: (figures: string, percent: string, tier: string) => `${figures} (${percent} %) → ${tier}`,
    tierReached: (atLeast: string) => `mức ≥ ${atLeast} %`,
    noTier: 'chưa đạt mức nào',
    achieved: (reported: string, target: string) => `đạt ${reported} / chỉ tiêu ${target}`,
    actual: (reported: string, ceiling: string) => `thực tế ${reported} / mức trần ${ceiling}`,
    part: (name: string, figures: string, weight: string) => `${name}: ${figures}${weight}`,
    partWeight: (weight: string) => ` (hệ số ${weight})`,
    partMissing: 'chưa có số liệu',
    partNoTarget: (reported: string) => `${reported}, chưa giao ước chỉ tiêu`,
    weightedMean: (parts: string, percent: string) => `${parts} → bình quân có trọng số ${percent} %`,
    autoDone: {
      pledge_on_time: (at: string, onTime: boolean) => `tự động: đã ký ngày ${at}${onTime ? ' (đúng hạn)' : ', sau hạn'}`,
      report_on_time: (at: string, onTime: boolean) => `tự động: đã nộp ngày ${at}${onTime ? ' (đúng hạn)' : ', sau hạn'}`,
    } satisfies Record<AutoSource, (at: string, onTime: boolean) => string>,
    autoNotYet: { pledge_on_time: 'tự động: chưa ký giao ước', report_on_time: 'tự động: chưa nộp báo cáo' } satisfies Record<
      AutoSource,
      string
    >,
    chosenLevel: (name: string) => `mức “${name}”`,
    counted: (count: string, each: string) => `${count} trường hợp × ${each} điểm`,
    countedFromMax: (count: string, each: string, max: string) => `${count} trường hợp: ${max} − ${count} × ${each}`,
    noItems: 'không có',
    notApplicable: {
      full: 'không áp dụng với đơn vị, tính đủ điểm',
      rescale: 'không áp dụng với đơn vị, không tính (tổng điểm được quy đổi)',
    } satisfies Record<NotApplicableMode, string>,
    awaitingLead: 'chờ Trưởng khối chấm',
  },
  {
    how: {
      target: (max: string) => `in proportion to the share of the target achieved, up to ${max} points`,
      lower_better: (max: string) => `up to ${max} points when within the ceiling; reduced in proportion above it`,
      yes_no: (max: string) => `${max} points if yes, 0 if no`,
      graded: (max: string) => `self-scored from 0 to ${max} points, reviewed by the block lead`,
      levels: (max: string) => `one level is chosen, up to ${max} points`,
      count: (max: string) => `by the number of cases, up to ${max} points`,
      bonus: (max: string) => `adds up to ${max} points, after the block lead's review`,
      deduction: (max: string) => `takes away up to ${max} points`,
    } satisfies Record<CriterionKind, (max: string) => string>,
    points: (points: string) => `${points} points`,
    tierAt: (percent: string, points: string) => `≥ ${percent} %: ${points} points`,
    tierRest: (points: string) => `otherwise ${points} points`,
    tierBelow: (percent: string) => `under ${percent} %: 0 points`,
    tiersOfTarget: (tiers: string) => `share of the target achieved ${tiers}`,
    tiersOfCeiling: (tiers: string) => `share of the ceiling kept ${tiers}`,
    indicators: (units: string, rest: string) => `each unit's own indicators (${units}), by the weighted mean share achieved${rest}`,
    indicatorCount: (unit: string, count: number) => `${unit}: ${count} indicator${count === 1 ? '' : 's'}`,
    indicatorShare: (max: string) => `, up to ${max} points`,
    indicatorTiers: (tiers: string) => `: ${tiers}`,
    othersOwnTarget: '; other units by the common target',
    indicatorList: (unit: string, indicators: string) => `${unit}: ${indicators}`,
    indicatorWeight: (weight: string) => `weight ${weight}`,
    levels: (levels: string) => `one level: ${levels}`,
    level: (name: string, points: string) => `${name} ${points} points`,
    countFromZero: (each: string, max: string) => `${each} per case, up to ${max} points`,
    countFromMax: (each: string, max: string) => `from ${max} points, ${each} off per case, down to 0`,
    bonusEach: (each: string, max: string) => `${each} per case, up to ${max} points, after the block lead's review`,
    bonusItems: (items: string, max: string) => `${items}; up to ${max} points, after the block lead's review`,
    deductionEach: (each: string, max: string) => `${each} off per case, up to ${max} points`,
    deductionItems: (items: string, max: string) => `${items}; up to ${max} points off`,
    item: (name: string, sign: string, points: string) => `${name} ${sign}${points}`,
    lead: (what: string) => `scored by the block lead, ${what}`,
    leadGraded: (max: string) => `scored by the block lead, 0 to ${max} points`,
    auto: {
      pledge_on_time: (max: string) => `automatic: ${max} points if the pledge was signed on time, else 0`,
      report_on_time: (max: string) => `automatic: ${max} points if the period's report came on time, else 0`,
    } satisfies Record<AutoSource, (max: string) => string>,
    appliesTo: (units: string, mode: NotApplicableMode) =>
      ` — only for ${units} (${mode === 'full' ? 'other units get full points' : 'other units are scored without it, their total rescaled'})`,
    groupCap: (max: string) => `at most ${max} points for the group`,

    tierOf: (figures: string, percent: string, tier: string) => `${figures} (${percent} %) → ${tier}`,
    tierReached: (atLeast: string) => `tier ≥ ${atLeast} %`,
    noTier: 'no tier reached',
    achieved: (reported: string, target: string) => `achieved ${reported} / target ${target}`,
    actual: (reported: string, ceiling: string) => `actual ${reported} / ceiling ${ceiling}`,
    part: (name: string, figures: string, weight: string) => `${name}: ${figures}${weight}`,
    partWeight: (weight: string) => ` (weight ${weight})`,
    partMissing: 'no value',
    partNoTarget: (reported: string) => `${reported}, no pledged target`,
    weightedMean: (parts: string, percent: string) => `${parts} → weighted mean ${percent} %`,
    autoDone: {
      pledge_on_time: (at: string, onTime: boolean) => `automatic: signed ${at}${onTime ? ' (on time)' : ', late'}`,
      report_on_time: (at: string, onTime: boolean) => `automatic: submitted ${at}${onTime ? ' (on time)' : ', late'}`,
    } satisfies Record<AutoSource, (at: string, onTime: boolean) => string>,
    autoNotYet: { pledge_on_time: 'automatic: pledge not signed', report_on_time: 'automatic: report not submitted' },
    chosenLevel: (name: string) => `level “${name}”`,
    counted: (count: string, each: string) => `${count} × ${each}`,
    countedFromMax: (count: string, each: string, max: string) => `${count} cases: ${max} − ${count} × ${each}`,
    noItems: 'none',
    notApplicable: {
      full: 'does not apply to the unit, full points',
      rescale: 'does not apply to the unit, left out (total rescaled)',
    },
    awaitingLead: 'waiting for the block lead to score it',
  },
);

/** A criterion as the rule text reads it. */
export interface RuleCriterion {
  kind: CriterionKind;
  maxPoints: number;
  rule?: CriterionRule | null | undefined;
}

export interface RuleContext {
  /** A unit's name by its code (applies_to and indicators name units by code). */
  unitName: (code: string) => string;
  notApplicable: NotApplicableMode;
}

const number = (value: number, locale: Locale) => formatNumber(value, locale, 4);

/** "≥ 100 %: 10 điểm; ≥ 90 %: 8 điểm; còn lại 5 điểm" */
function tiersText(tiers: readonly Tier[], locale: Locale): string {
  const text = ruleText[locale];
  const parts = tiers.map((tier, index) =>
    index === tiers.length - 1 && tier.atLeast === 0
      ? text.tierRest(number(tier.points, locale))
      : text.tierAt(number(tier.atLeast, locale), number(tier.points, locale)),
  );
  const last = tiers.at(-1);
  if (last && last.atLeast > 0) parts.push(text.tierBelow(number(last.atLeast, locale)));
  return parts.join('; ');
}

function itemsText(items: readonly Item[], sign: string, locale: Locale): string {
  return items.map((item) => ruleText[locale].item(item.name, sign, number(item.points, locale))).join('; ');
}

/**
 * How a criterion is scored, in one line: "mỗi trường hợp trừ 1 điểm, tối đa 5 điểm", "tỷ lệ hoàn
 * thành chỉ tiêu ≥ 100 %: 10 điểm; ≥ 90 %: 8 điểm; còn lại 5 điểm", "Trưởng khối chấm, từ 0 đến 10
 * điểm", with whom it applies to. Plain text (escape it for mrkdwn).
 */
export function ruleLine(criterion: RuleCriterion, locale: Locale, context: RuleContext): string {
  const text = ruleText[locale];
  const rule = criterion.rule ?? {};
  const max = number(criterion.maxPoints, locale);
  const what = ((): string => {
    if (rule.scoredBy === 'auto') return text.auto[rule.source ?? 'report_on_time'](max);
    switch (criterion.kind) {
      case 'target': {
        if (rule.indicators && Object.keys(rule.indicators).length) {
          const units = Object.entries(rule.indicators)
            .map(([code, list]) => text.indicatorCount(context.unitName(code), list.length))
            .join('; ');
          const rest = rule.tiers ? text.indicatorTiers(tiersText(rule.tiers, locale)) : text.indicatorShare(max);
          return `${text.indicators(units, rest)}${rule.appliesTo === undefined ? text.othersOwnTarget : ''}`;
        }
        return rule.tiers ? text.tiersOfTarget(tiersText(rule.tiers, locale)) : text.how.target(max);
      }
      case 'lower_better':
        return rule.tiers ? text.tiersOfCeiling(tiersText(rule.tiers, locale)) : text.how.lower_better(max);
      case 'levels':
        return rule.levels
          ? text.levels(rule.levels.map((level) => text.level(level.name, number(level.points, locale))).join('; '))
          : text.how.levels(max);
      case 'count': {
        const each = number(rule.each ?? 1, locale);
        return rule.from === 'max' ? text.countFromMax(each, max) : text.countFromZero(each, max);
      }
      case 'bonus':
        if (rule.items) return text.bonusItems(itemsText(rule.items, '+', locale), max);
        return rule.each !== undefined ? text.bonusEach(number(rule.each, locale), max) : text.how.bonus(max);
      case 'deduction':
        if (rule.items) return text.deductionItems(itemsText(rule.items, '−', locale), max);
        return rule.each !== undefined ? text.deductionEach(number(rule.each, locale), max) : text.how.deduction(max);
      case 'graded':
        return rule.scoredBy === 'lead' ? text.leadGraded(max) : text.how.graded(max);
      case 'yes_no':
        return text.how.yes_no(max);
    }
  })();
  const scored = rule.scoredBy === 'lead' && criterion.kind !== 'graded' ? text.lead(what) : what;
  const only = rule.appliesTo ? text.appliesTo(rule.appliesTo.map(context.unitName).join('; '), context.notApplicable) : '';
  return `${scored}${only}`;
}

/** Each unit's own indicators, one line a unit: "Công an tỉnh: Tỷ lệ điều tra khám phá án (%); Số vụ án ma túy phát hiện (vụ, hệ số 2)". */
export function indicatorLines(criterion: RuleCriterion, locale: Locale, unitName: (code: string) => string): string[] {
  const text = ruleText[locale];
  return Object.entries(criterion.rule?.indicators ?? {}).map(([code, indicators]) =>
    text.indicatorList(
      unitName(code),
      indicators
        .map((indicator) => {
          const notes = [
            indicator.unit ?? undefined,
            indicator.weight !== undefined && indicator.weight !== 1 ? text.indicatorWeight(number(indicator.weight, locale)) : undefined,
          ].filter(Boolean);
          return `${indicator.name}${notes.length ? ` (${notes.join(', ')})` : ''}`;
        })
        .join('; '),
    ),
  );
}

/** What a line reported, in the breakdown's words, for a basis that version 1 did not have; undefined for the version-1 ones (the view says those itself). */
export function basisText(
  line: { basis?: ScoreBasis | undefined; reported: number | null; target: number | null; reviewed: number | null; points: number },
  criterion: RuleCriterion,
  locale: Locale,
  zone: string,
): string | undefined {
  const text = ruleText[locale];
  const basis = line.basis;
  if (!basis) return undefined;
  const kind = criterion.kind;
  switch (basis.rule) {
    case 'tier': {
      const figures =
        line.reported === null || line.target === null
          ? ''
          : kind === 'lower_better'
            ? text.actual(number(line.reported, locale), number(line.target, locale))
            : text.achieved(number(line.reported, locale), number(line.target, locale));
      return text.tierOf(
        figures,
        formatNumber(basis.percent, locale, 2),
        basis.tier ? text.tierReached(number(basis.tier.atLeast, locale)) : text.noTier,
      );
    }
    case 'indicators': {
      const parts = basis.parts.map((part) => partText(part, locale)).join('; ');
      const mean = text.weightedMean(parts, formatNumber(basis.share * 100, locale, 2));
      if (basis.tier === undefined) return mean;
      return `${mean} → ${basis.tier ? text.tierReached(number(basis.tier.atLeast, locale)) : text.noTier}`;
    }
    case 'auto':
      return basis.at === null
        ? text.autoNotYet[basis.source]
        : text.autoDone[basis.source](formatDate(new Date(basis.at), zone, locale), basis.onTime);
    case 'level':
      return basis.level ? text.chosenLevel(basis.level.name) : undefined;
    case 'count':
      return basis.from === 'max'
        ? text.countedFromMax(number(basis.count, locale), number(basis.each, locale), number(criterion.maxPoints, locale))
        : text.counted(number(basis.count, locale), number(basis.each, locale));
    case 'items':
      return basis.items.length ? itemsText(basis.items, kind === 'deduction' ? '−' : '+', locale) : text.noItems;
    case 'not_applicable':
      return text.notApplicable[basis.mode];
    case 'awaiting_lead':
      return text.awaitingLead;
    default:
      // share, ceiling, yes_no, score, points, missing: version 1's own words ("đạt 95 / chỉ tiêu 100", "tự chấm 9").
      return undefined;
  }
}

function partText(part: IndicatorPart, locale: Locale): string {
  const text = ruleText[locale];
  const weight = part.weight !== 1 ? text.partWeight(number(part.weight, locale)) : '';
  const figures =
    part.achieved === null
      ? text.partMissing
      : part.target === null
        ? text.partNoTarget(number(part.achieved, locale))
        : `${number(part.achieved, locale)} / ${number(part.target, locale)}`;
  return text.part(part.name, figures, weight);
}
