import type { KnownBlock } from '@slack/types';
import { fitWithin } from '../domain/pagination';
import type { PledgeChange } from '../domain/pledge-diff';
import type { PledgedKind } from '../domain/pledge-form';
import { countOf, formatDateTime, formatNumber } from '../i18n/format';
import { defineMessages, type Locale } from '../i18n/messages';
import { context, escapeMrkdwn, header, mention, packTexts, section, truncate } from './blocks';

/** sign: first signature before the due; edit: a change before it; amend: a change after it; late: a first signature after it. */
export type PledgeMode = 'sign' | 'edit' | 'amend' | 'late';

/** A target the pledge asks: a criterion's own, or (version 2) one of the unit's own indicators of it. */
export interface PledgeCriterion {
  /** The criterion's id. */
  id: number;
  code: string;
  name: string;
  kind: PledgedKind;
  /** The value's unit (the indicator's for an indicator). */
  measureUnit: string | null;
  /** The unit's own indicator this target is for. */
  indicator?: { code: string; name: string };
}

/** A pledge target's key: the criterion's id, and the indicator's code for an indicator ("7", "7:a"). */
export function pledgeItemKey(item: Pick<PledgeCriterion, 'id' | 'indicator'>): string {
  return item.indicator ? `${item.id}:${item.indicator.code}` : String(item.id);
}

export const pledgeText = defineMessages(
  {
    title: 'Giao ước thi đua',
    submit: { sign: 'Ký giao ước', edit: 'Ký giao ước', late: 'Ký giao ước', amend: 'Gửi đề nghị sửa đổi' } satisfies Record<
      PledgeMode,
      string
    >,
    nextPage: 'Trang tiếp',
    cancel: 'Hủy',
    close: 'Đóng',
    intro: (unit: string, block: string, year: number) => `*${unit}* — ${block}, năm ${year}`,
    theme: (theme: string) => `*Chủ đề:* _${theme}_`,
    due: {
      sign: (due: string) => `Hạn ký giao ước: ${due}. Trước hạn, đơn vị sửa giao ước trực tiếp.`,
      edit: (due: string) => `Hạn ký giao ước: ${due}. Trước hạn, đơn vị sửa giao ước trực tiếp; bản mới có hiệu lực ngay.`,
      amend: (due: string, decider: string) =>
        `Đã quá hạn ký giao ước (${due}): thay đổi sẽ thành đề nghị sửa đổi gửi ${decider} duyệt; giao ước đang có hiệu lực giữ nguyên đến khi được duyệt.`,
      late: (due: string) => `Đã quá hạn ký giao ước (${due}). Đơn vị chưa ký nên vẫn ký được; giao ước được ghi nhận là ký sau hạn.`,
    },
    requestTitle: (year: number) => `Sửa đổi giao ước thi đua năm ${year}`,
    prefilledInForce: (version: number, at: string, by: string) => `Đã điền sẵn giao ước đang có hiệu lực (bản ${version}, ${at}, ${by}).`,
    prefilledPending: (at: string, by: string) =>
      `Đã điền sẵn đề nghị sửa đổi đang chờ duyệt (gửi ${at}, ${by}); gửi lại sẽ thay đề nghị đó.`,
    actingAsAdmin: 'Quản trị viên thực hiện thay cho đơn vị; việc này được ghi vào nhật ký.',
    pageOf: (page: number, count: number, first: number, last: number, total: number) =>
      `Trang ${page}/${count} — chỉ tiêu ${first}–${last} trên ${total}.`,
    targetsHeading: '*Chỉ tiêu thi đua*',
    noTargets: 'Bảng tiêu chí năm nay không có tiêu chí nào cần đăng ký chỉ tiêu.',
    hint: { target: 'Chỉ tiêu phấn đấu (số lớn hơn 0)', lower_better: 'Mức trần — không vượt quá (có thể là 0)' } satisfies Record<
      PledgedKind,
      string
    >,
    placeholder: 'ví dụ 95 hoặc 95,5',
    titlesLabel: 'Danh hiệu đăng ký',
    titlesHint: 'Các danh hiệu đơn vị phấn đấu đạt được trong năm.',
    titlesPlaceholder: 'Chọn danh hiệu',
    commitmentsLabel: 'Nội dung cam kết của đơn vị',
    commitmentsHint: 'Không bắt buộc.',
    signLabel: 'Ký giao ước',
    signOption: (year: number) => `Thay mặt đơn vị, tôi xác nhận ký giao ước thi đua năm ${year}`,
    problem: {
      required: { target: 'Cần nhập chỉ tiêu cho tiêu chí này.', lower_better: 'Cần nhập mức trần (có thể là 0).' } satisfies Record<
        PledgedKind,
        string
      >,
      notANumber: (typed: string) => `Giá trị “${typed}” không phải là số. Nhập số, ví dụ 95 hoặc 95,5.`,
      notPositive: 'Chỉ tiêu phải lớn hơn 0.',
      negative: 'Mức trần không được là số âm (có thể là 0).',
      above100: 'Tỷ lệ tính bằng % nằm trong khoảng 0 đến 100.',
      notWhole: 'Số trường hợp là số nguyên, ví dụ 0, 1 hoặc 2.',
      titles: 'Chọn ít nhất một danh hiệu đăng ký.',
      signature: 'Cần đánh dấu xác nhận ký giao ước.',
    },
    result: {
      signed: (unit: string, year: number, block: string, signed: number, total: number) =>
        `✅ Đã ký giao ước thi đua năm ${year} cho ${unit}. ${block}: ${signed}/${total} đơn vị đã ký.`,
      signedLate: (unit: string, year: number, block: string, signed: number, total: number) =>
        `✅ Đã ký giao ước thi đua năm ${year} cho ${unit} (ký sau hạn). ${block}: ${signed}/${total} đơn vị đã ký.`,
      updated: (unit: string, version: number) =>
        `✅ Đã lưu giao ước của ${unit} (bản ${version}); bản này có hiệu lực ngay vì chưa đến hạn ký.`,
      requested: (decider: string) =>
        `Đã gửi đề nghị sửa đổi giao ước tới ${decider} duyệt. Giao ước đang có hiệu lực giữ nguyên đến khi được duyệt; kết quả sẽ được báo qua tin nhắn riêng.`,
      unchanged: 'Không có thay đổi nào so với giao ước đang có hiệu lực; chưa lưu gì.',
      unchangedPending: 'Không có thay đổi nào so với đề nghị sửa đổi đang chờ duyệt; chưa lưu gì.',
      withdrawn: 'Nội dung trùng với giao ước đang có hiệu lực: đã rút đề nghị sửa đổi đang chờ duyệt.',
      stale: 'Bảng tiêu chí của khối vừa thay đổi trong lúc điền biểu mẫu; chưa lưu gì. Vui lòng gõ lại `/thidua dangky`.',
    },
    signedLine: (unit: string, year: number, late: boolean, signed: number, total: number, byAdmin: boolean) =>
      `${unit} đã ký giao ước thi đua năm ${year}${late ? ' (sau hạn ký)' : ''} — ${signed}/${total} đơn vị${byAdmin ? ' (quản trị viên ký thay)' : ''}`,
    covenantTitle: (year: number, block: string) => `Giao ước thi đua năm ${year} — ${block}`,
    covenantText: (block: string, year: number, total: number) =>
      `${block}: đủ ${total}/${total} đơn vị đã ký giao ước thi đua năm ${year}.`,
    covenantIntro: (total: number, year: number) => `✅ Đủ ${total}/${total} đơn vị thành viên đã ký giao ước thi đua năm ${year}.`,
    leads: (lead: string | undefined, deputy: string | undefined) =>
      [lead ? `Trưởng khối: ${lead}` : '', deputy ? `Phó khối: ${deputy}` : ''].filter(Boolean).join(' · '),
    signedBy: (at: string, by: string, late: boolean) => `ký ${at}, ${by}${late ? ' (sau hạn)' : ''}`,
    titlesSought: (titles: string) => `Danh hiệu: ${titles}`,
    noTitles: 'chưa đăng ký',
    targets: (targets: string) => `Chỉ tiêu: ${targets}`,
    moreTargets: (count: number) => `và ${count} chỉ tiêu khác`,
    moreUnits: (count: number, command: string) => `… và ${count} đơn vị khác: xem \`${command}\`.`,
    seeTable: (command: string) => `Bảng đầy đủ: \`${command}\``,
    targetValue: (value: string, unit: string | null) => (unit === '%' ? `${value}%` : unit ? `${value} ${unit}` : value),
    ceilingValue: (value: string, unit: string | null) => `không quá ${unit === '%' ? `${value}%` : unit ? `${value} ${unit}` : value}`,
    change: {
      target: (label: string, before: string, after: string) => `${label}: ${before} → ${after}`,
      none: '(chưa có)',
      titles: (added: string, removed: string) =>
        `Danh hiệu đăng ký: ${[added ? `thêm ${added}` : '', removed ? `bỏ ${removed}` : ''].filter(Boolean).join('; ')}`,
      commitments: (before: string, after: string) => `Nội dung cam kết: ${before} → ${after}`,
      empty: '(trống)',
    },
  },
  {
    title: 'Emulation pledge',
    submit: { sign: 'Sign the pledge', edit: 'Sign the pledge', late: 'Sign the pledge', amend: 'Request amendment' } satisfies Record<
      PledgeMode,
      string
    >,
    nextPage: 'Next page',
    cancel: 'Cancel',
    close: 'Close',
    intro: (unit: string, block: string, year: number) => `*${unit}* — ${block}, ${year}`,
    theme: (theme: string) => `*Theme:* _${theme}_`,
    due: {
      sign: (due: string) => `Pledges are due ${due}. Until then the unit edits its pledge directly.`,
      edit: (due: string) => `Pledges are due ${due}. Until then the unit edits its pledge directly; the new version is in force at once.`,
      amend: (due: string, decider: string) =>
        `The pledge due (${due}) has passed: a change becomes an amendment request for ${decider} to approve; the pledge in force stays until then.`,
      late: (due: string) =>
        `The pledge due (${due}) has passed. The unit has not signed yet, so it still can; the pledge is recorded as signed late.`,
    },
    requestTitle: (year: number) => `Amendment of the ${year} emulation pledge`,
    prefilledInForce: (version: number, at: string, by: string) => `Filled in from the pledge in force (version ${version}, ${at}, ${by}).`,
    prefilledPending: (at: string, by: string) =>
      `Filled in from the amendment awaiting approval (sent ${at}, ${by}); sending again replaces it.`,
    actingAsAdmin: 'An admin is acting for the unit; this is recorded in the audit log.',
    pageOf: (page: number, count: number, first: number, last: number, total: number) =>
      `Page ${page} of ${count} — targets ${first}–${last} of ${total}.`,
    targetsHeading: '*Targets*',
    noTargets: "This year's table has no criterion that needs a target.",
    hint: { target: 'The target to reach (a number above 0)', lower_better: 'The ceiling — not to exceed (may be 0)' } satisfies Record<
      PledgedKind,
      string
    >,
    placeholder: 'e.g. 95 or 95.5',
    titlesLabel: 'Titles sought',
    titlesHint: 'The titles the unit aims for this year.',
    titlesPlaceholder: 'Choose titles',
    commitmentsLabel: "The unit's commitments",
    commitmentsHint: 'Optional.',
    signLabel: 'Signature',
    signOption: (year: number) => `On behalf of the unit, I sign the ${year} emulation pledge`,
    problem: {
      required: { target: 'Enter a target for this criterion.', lower_better: 'Enter a ceiling (0 is allowed).' } satisfies Record<
        PledgedKind,
        string
      >,
      notANumber: (typed: string) => `“${typed}” is not a number. Enter a number, e.g. 95 or 95.5.`,
      notPositive: 'A target must be above 0.',
      negative: 'A ceiling cannot be negative (0 is allowed).',
      above100: 'A share in % lies between 0 and 100.',
      notWhole: 'A number of cases is a whole number, e.g. 0, 1 or 2.',
      titles: 'Choose at least one title.',
      signature: 'Tick the box to sign the pledge.',
    },
    result: {
      signed: (unit: string, year: number, block: string, signed: number, total: number) =>
        `✅ ${unit} signed the ${year} emulation pledge. ${block}: ${signed} of ${total} units have signed.`,
      signedLate: (unit: string, year: number, block: string, signed: number, total: number) =>
        `✅ ${unit} signed the ${year} emulation pledge (late). ${block}: ${signed} of ${total} units have signed.`,
      updated: (unit: string, version: number) =>
        `✅ Saved ${unit}'s pledge (version ${version}); it is in force at once as the due has not passed.`,
      requested: (decider: string) =>
        `The amendment request went to ${decider} for approval. The pledge in force stays until then; the outcome will come in a direct message.`,
      unchanged: 'Nothing differs from the pledge in force; nothing was saved.',
      unchangedPending: 'Nothing differs from the amendment awaiting approval; nothing was saved.',
      withdrawn: 'The form matches the pledge in force: the amendment awaiting approval was withdrawn.',
      stale: "The block's criteria changed while the form was open; nothing was saved. Please type `/thidua pledge` again.",
    },
    signedLine: (unit: string, year: number, late: boolean, signed: number, total: number, byAdmin: boolean) =>
      `${unit} signed the ${year} emulation pledge${late ? ' (after the due)' : ''} — ${signed}/${total} units${byAdmin ? ' (signed by an admin)' : ''}`,
    covenantTitle: (year: number, block: string) => `${year} emulation pledge — ${block}`,
    covenantText: (block: string, year: number, total: number) => `${block}: all ${total} units signed the ${year} emulation pledge.`,
    covenantIntro: (total: number, year: number) => `✅ All ${total} member units signed the ${year} emulation pledge.`,
    leads: (lead: string | undefined, deputy: string | undefined) =>
      [lead ? `Block lead: ${lead}` : '', deputy ? `Deputy: ${deputy}` : ''].filter(Boolean).join(' · '),
    signedBy: (at: string, by: string, late: boolean) => `signed ${at}, ${by}${late ? ' (late)' : ''}`,
    titlesSought: (titles: string) => `Titles: ${titles}`,
    noTitles: 'none',
    targets: (targets: string) => `Targets: ${targets}`,
    moreTargets: (count: number) => `and ${count} more`,
    moreUnits: (count: number, command: string) => `… and ${countOf(count, 'more unit')}: see \`${command}\`.`,
    seeTable: (command: string) => `Full table: \`${command}\``,
    targetValue: (value: string, unit: string | null) => (unit === '%' ? `${value}%` : unit ? `${value} ${unit}` : value),
    ceilingValue: (value: string, unit: string | null) => `at most ${unit === '%' ? `${value}%` : unit ? `${value} ${unit}` : value}`,
    change: {
      target: (label: string, before: string, after: string) => `${label}: ${before} → ${after}`,
      none: '(none)',
      titles: (added: string, removed: string) =>
        `Titles sought: ${[added ? `add ${added}` : '', removed ? `drop ${removed}` : ''].filter(Boolean).join('; ')}`,
      commitments: (before: string, after: string) => `Commitments: ${before} → ${after}`,
      empty: '(empty)',
    },
  },
);

/** "1. Hoàn thành chỉ tiêu chuyên môn đã giao ước (%)" */
export function criterionLabel(criterion: Pick<PledgeCriterion, 'code' | 'name' | 'measureUnit'>): string {
  return `${criterion.code}. ${criterion.name}${criterion.measureUnit ? ` (${criterion.measureUnit})` : ''}`;
}

/** A pledged value as people read it: "100%", "không quá 2 vụ việc". */
export function pledgedValue(criterion: Pick<PledgeCriterion, 'kind' | 'measureUnit'>, value: number, locale: Locale): string {
  const text = pledgeText[locale];
  const number = formatNumber(value, locale, 6);
  return criterion.kind === 'lower_better'
    ? text.ceilingValue(number, criterion.measureUnit)
    : text.targetValue(number, criterion.measureUnit);
}

/**
 * The value put back into a number field, in the reader's notation (97,25 · 97.25), read back
 * exactly by parseLocaleNumber. One English case reads otherwise: a dot before exactly three
 * decimals ("12.125") is the Vietnamese thousands mark there, so it is written with a fourth ("12.1250").
 */
export function inputNumber(value: number, locale: Locale): string {
  const text = formatNumber(value, locale, 6);
  return locale === 'en' && /^-?[1-9][0-9]{0,2}\.[0-9]{3}$/.test(text) ? `${text}0` : text;
}

/** One line per change, in the organisation's language: "1. Hoàn thành … (%): 95 → 100". */
export function describePledgeChanges(
  changes: readonly PledgeChange<string>[],
  criteria: ReadonlyMap<string, PledgeCriterion>,
  locale: Locale,
): string[] {
  const text = pledgeText[locale].change;
  const quote = (words: string) => (words ? `“${truncate(words, 300)}”` : text.empty);
  // biome-ignore lint/suspicious/useIterableCallbackReturn: the switch covers every PledgeChange kind (tsc checks it).
  return changes.map((change) => {
    switch (change.kind) {
      case 'target': {
        const criterion = criteria.get(change.id);
        const label = criterion ? criterionLabel(criterion) : `#${change.id}`;
        const show = (value: number | undefined) => (value === undefined ? text.none : formatNumber(value, locale, 6));
        return text.target(escapeMrkdwn(label), show(change.before), show(change.after));
      }
      case 'titles':
        return text.titles(
          change.added.map((title) => `“${escapeMrkdwn(title)}”`).join(', '),
          change.removed.map((title) => `“${escapeMrkdwn(title)}”`).join(', '),
        );
      case 'commitments':
        return text.commitments(escapeMrkdwn(quote(change.before)), escapeMrkdwn(quote(change.after)));
    }
  });
}

export interface UnitPledgeSummary {
  unitName: string;
  signedAt: Date;
  signedBy: string;
  late: boolean;
  titles: string[];
  targets: { criterion: PledgeCriterion; value: number }[];
}

/** A pledge's titles and the first targets that fit in `targetBudget` characters, one line each. */
export function pledgeSummaryLines(summary: Pick<UnitPledgeSummary, 'titles' | 'targets'>, locale: Locale, targetBudget: number): string[] {
  const text = pledgeText[locale];
  // The value carries the unit of measure ("100%", "không quá 2 vụ việc"), so the label leaves it out.
  const targets = summary.targets.map(
    ({ criterion, value }) =>
      `${escapeMrkdwn(truncate(`${criterion.code}. ${criterion.name}`, 80))}: ${escapeMrkdwn(pledgedValue(criterion, value, locale))}`,
  );
  const fitted = fitWithin(targets, (line) => line.length, targetBudget, 3);
  const targetText = [...fitted.shown, ...(fitted.omitted ? [text.moreTargets(fitted.omitted)] : [])].join(' · ');
  return [
    text.titlesSought(summary.titles.length ? summary.titles.map(escapeMrkdwn).join('; ') : text.noTitles),
    ...(targets.length ? [text.targets(targetText)] : []),
  ];
}

/** The channel line for a unit's first signature. */
export function buildSignedLine(
  facts: { unitName: string; year: number; late: boolean; signed: number; total: number; byAdmin: boolean },
  locale: Locale,
): { text: string } {
  return {
    text: pledgeText[locale].signedLine(escapeMrkdwn(facts.unitName), facts.year, facts.late, facts.signed, facts.total, facts.byAdmin),
  };
}

export interface CovenantFacts {
  blockName: string;
  blockCode: string;
  year: number;
  theme: string;
  lead?: string;
  deputy?: string;
  units: UnitPledgeSummary[];
  zone: string;
}

/** Characters of unit lines in the summary: the whole message stays far from Slack's ~12k. */
const COVENANT_UNITS_BUDGET = 9000;

/** The block's covenant, posted once when its last unit signs: theme, leads, and each unit's signature, titles and key targets. */
export function buildCovenant(facts: CovenantFacts, locale: Locale): { text: string; blocks: KnownBlock[] } {
  const text = pledgeText[locale];
  const total = facts.units.length;
  const command = `/thidua giaouoc ${facts.blockCode} ${facts.year}`;
  const entries = facts.units.map((unit) =>
    [
      `*${escapeMrkdwn(unit.unitName)}* — ${text.signedBy(formatDateTime(unit.signedAt, facts.zone, locale), mention(unit.signedBy), unit.late)}`,
      ...pledgeSummaryLines(unit, locale, 400).map((line) => `    ${line}`),
    ].join('\n'),
  );
  const fitted = fitWithin(entries, (entry) => entry.length, COVENANT_UNITS_BUDGET, 1);
  const leads = text.leads(facts.lead ? escapeMrkdwn(facts.lead) : undefined, facts.deputy ? escapeMrkdwn(facts.deputy) : undefined);
  const blocks: KnownBlock[] = [
    header(text.covenantTitle(facts.year, facts.blockName)),
    section([text.covenantIntro(total, facts.year), text.theme(escapeMrkdwn(facts.theme)), ...(leads ? [leads] : [])].join('\n')),
    ...packTexts(fitted.shown, '\n', { limit: 3000 }).map((chunk) => section(chunk)),
    context(fitted.omitted ? text.moreUnits(fitted.omitted, command) : text.seeTable(command)),
  ];
  return { text: text.covenantText(escapeMrkdwn(facts.blockName), facts.year, total), blocks };
}
