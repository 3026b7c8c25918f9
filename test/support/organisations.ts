import { DEMO_YAML } from './bot';

/**
 * Organisation files made to measure for tests that need more than the demo: a block of many
 * units, a table of many criteria. One block (LON, channel C0LON), one year (2021, pledge due
 * 31/03/2021 17:00 Hà Nội), unit i has code DV<i>, name "Đơn vị số <i>" and officer U0DV<iii>;
 * unit 1 leads the block unless `lead` is false; one period, Quý I (due 10/04/2021 17:00). Admin U0ADMIN01.
 */
export interface GeneratedOrganisation {
  units: number;
  /** Criteria of kind target, one per group of ten ("Nhóm 1", "Nhóm 2", …), codes C1, C2, … */
  targets: number;
  /** Extra graded criteria after the targets (default 1). */
  graded?: number;
  /** Whether the block has a lead for the year (default true). */
  lead?: boolean;
  locale?: 'vi' | 'en';
  /** The targets' unit (default "%": a target in % is 0 to 100). */
  measureUnit?: string;
}

/**
 * The demo as an admin might change it: Sở Tư pháp renamed "Sở Tư pháp tỉnh" with its officer
 * replaced by U0NEW001, a second admin U0ADMIN02, and a period Quý III (due 05/10/2021 17:00).
 */
export const CHANGED_DEMO_YAML = DEMO_YAML.replace(
  '{ code: STP, name: Sở Tư pháp, officers: [U0TP0001] }',
  '{ code: STP, name: Sở Tư pháp tỉnh, officers: [U0NEW001] }',
)
  .replace('admins: [U0ADMIN01]', 'admins: [U0ADMIN01, U0ADMIN02]')
  .replace(
    /( {6}- \{ code: H1,[^\n]*\n)/,
    '$1      - { code: Q3, name: Quý III, start: 2021-07-01, end: 2021-09-30, due: 2021-10-05T17:00 }\n',
  );
if (!CHANGED_DEMO_YAML.includes('U0NEW001') || !CHANGED_DEMO_YAML.includes('U0ADMIN02') || !CHANGED_DEMO_YAML.includes('code: Q3'))
  throw new Error('the demo file changed: CHANGED_DEMO_YAML no longer changes it');

export const officerOf = (unit: number) => `U0DV${String(unit).padStart(3, '0')}`;

export function generatedOrganisationYaml(options: GeneratedOrganisation): string {
  const units = Array.from({ length: options.units }, (_, index) => index + 1);
  const criteria = [
    ...Array.from(
      { length: options.targets },
      (_, index) =>
        `      - { code: "C${index + 1}", group: "Nhóm ${Math.floor(index / 10) + 1}", name: "Chỉ tiêu chuyên môn số ${index + 1}", max: 1, kind: target, unit: "${options.measureUnit ?? '%'}" }`,
    ),
    ...Array.from(
      { length: options.graded ?? 1 },
      (_, index) =>
        `      - { code: "G${index + 1}", group: "Chấm điểm", name: "Công tác phối hợp số ${index + 1}", max: 5, kind: graded }`,
    ),
  ];
  return [
    'organization:',
    '  name: UBND tỉnh Thử nghiệm',
    '  admins: [U0ADMIN01]',
    `  locale: ${options.locale ?? 'vi'}`,
    'units:',
    ...units.map((unit) => `  - { code: DV${unit}, name: "Đơn vị số ${unit}", officers: [${officerOf(unit)}] }`),
    'blocks:',
    '  - code: LON',
    '    name: Khối thi đua Lớn',
    '    channel: C0LON',
    `    units: [${units.map((unit) => `DV${unit}`).join(', ')}]`,
    'years:',
    '  - year: 2021',
    '    theme: Thi đua hoàn thành xuất sắc nhiệm vụ năm 2021',
    '    pledge_due: 2021-03-31T17:00',
    ...(options.lead === false ? [] : ['    leads:', '      LON: { lead: DV1 }']),
    '    periods:',
    '      - { code: Q1, name: Quý I, start: 2021-01-01, end: 2021-03-31, due: 2021-04-10T17:00 }',
    '    criteria:',
    ...criteria,
    '',
  ].join('\n');
}
