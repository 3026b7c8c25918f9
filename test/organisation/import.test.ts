import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { pledges, pledgeVersions, reports, reportVersions } from '../../db/schema';
import { createStore } from '../../db/store';
import { hasChanges } from '../../db/store/organisation-import';
import { readOrganisationFile } from '../../src/organisation/read-file';
import { importOrganisationText, loadDemoIfEmpty } from '../../src/services/organisation';
import { DEMO_YAML, demoWithGrades } from '../support/bot';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const NOW = new Date('2021-03-01T00:00:00Z');

function freshStore() {
  const handle = openDatabase(':memory:');
  return { handle, store: createStore(handle.db) };
}

function tableCounts(handle: ReturnType<typeof openDatabase>): Record<string, number> {
  const tables = handle.sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'")
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [name, (handle.sqlite.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n]),
  );
}

describe('reading the organisation file', () => {
  it('accepts the contract example as published', () => {
    const read = readOrganisationFile(fixture('contract-example.yaml'));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.data.organisation).toMatchObject({ name: 'UBND tỉnh Vĩnh Phúc', timeZone: 'Asia/Ho_Chi_Minh', locale: 'vi' });
    expect(read.data.years[0]!.pledgeDue.toISOString()).toBe('2021-03-31T10:00:00.000Z');
    expect(read.data.years[0]!.periods.map((period) => period.due.toISOString())).toEqual([
      '2021-04-10T10:00:00.000Z',
      '2021-07-10T10:00:00.000Z',
    ]);
    expect(read.data.years[0]!.blocks[0]).toMatchObject({ blockCode: 'NOI_CHINH', leadCode: 'CA', deputyCode: 'TT' });
    expect(read.data.years[0]!.blocks[0]!.criteria.map((criterion) => criterion.kind)).toEqual([
      'target',
      'graded',
      'yes_no',
      'lower_better',
      'bonus',
      'deduction',
    ]);
    // Unquoted commas inside { … } are read as the writer meant them.
    expect(read.data.years[0]!.blocks[0]!.criteria.map((criterion) => criterion.name)).toEqual([
      'Hoàn thành chỉ tiêu chuyên môn đã giao ước',
      'Cải cách hành chính, chuyển đổi số',
      'Ký giao ước và báo cáo đúng hạn',
      'Số đơn thư tồn đọng',
      'Cờ, Bằng khen cấp trên; mô hình mới',
      'Kỷ luật, vi phạm, chậm báo cáo',
    ]);
  });

  it('accepts a nudge on the due day itself (before_days: 0)', () => {
    const read = readOrganisationFile(fixture('contract-example.yaml').replace('before_days: [7, 3, 1]', 'before_days: [3, 0]'));
    expect(read.ok && read.data.years[0]!.reminderBeforeDays).toEqual([3, 0]);
  });

  it('reads a returned report’s resubmission due in working days: 3 unless written, whole days from 1 to 30', () => {
    const withDays = (days: string) =>
      readOrganisationFile(
        fixture('contract-example.yaml').replace(
          'overdue_every_days: 2',
          `overdue_every_days: 2\n      resubmission_working_days: ${days}`,
        ),
      );
    const days = (read: ReturnType<typeof readOrganisationFile>) => (read.ok ? read.data.years[0]!.resubmissionWorkingDays : read.problems);
    expect(days(readOrganisationFile(fixture('contract-example.yaml')))).toBe(3);
    expect(days(withDays('5'))).toBe(5);
    for (const wrong of ['0', '2.5', '31'])
      expect(days(withDays(wrong))).toEqual([expect.stringMatching(/^years\[0\]\.reminders\.resubmission_working_days: /)]);
  });

  it('keeps a decimal comma inside { … } as written (0,5 điểm)', () => {
    const read = readOrganisationFile(
      fixture('contract-example.yaml').replace('Kỷ luật, vi phạm, chậm báo cáo', 'Chậm báo cáo (mỗi lần trừ 0,5 điểm), kỷ luật'),
    );
    expect(read.ok && read.data.years[0]!.blocks[0]!.criteria[5]!.name).toBe('Chậm báo cáo (mỗi lần trừ 0,5 điểm), kỷ luật');
  });

  it('still reports a real unknown key inside { … }', () => {
    const read = readOrganisationFile('organization: { name: Tỉnh }\nunits:\n  - { code: TT, name: Thanh tra, oficers: [U0TT0001] }\n');
    expect(!read.ok && read.problems.join('\n')).toMatch(/units\[0\]: .*oficers/);
  });

  it('lists every problem of a bad file with its path, in Vietnamese', () => {
    const read = readOrganisationFile(fixture('three-mistakes.yaml'));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems).toHaveLength(3);
    expect(read.problems).toEqual(
      expect.arrayContaining([
        'blocks[0].units[2]: không có đơn vị mã "XYZ" trong units',
        expect.stringMatching(/^years\[0\]\.pledge_due: thời điểm không hợp lệ/),
        expect.stringMatching(/^years\[0\]\.criteria\[0\]\.kind: phải là một trong: target, lower_better/),
      ]),
    );
  });

  it('speaks English when the file says locale: en', () => {
    const read = readOrganisationFile(fixture('three-mistakes.yaml').replace('admins:', 'locale: en\n  admins:'));
    expect(!read.ok && read.problems).toContain('blocks[0].units[2]: unknown unit code "XYZ"');
  });

  it.each([
    ['a misspelt key', 'units:\n  - { code: TT, name: Thanh tra, oficers: [U0TT0001] }', /^units\[0\]: /],
    [
      'an officer of two units',
      'units:\n  - { code: TT, name: A, officers: [U01] }\n  - { code: CA, name: B, officers: [U01] }',
      /^units\[1\]\.officers\[0\]: U01 đã là cán bộ của đơn vị "TT"/,
    ],
    [
      'a duplicate unit code',
      'units:\n  - { code: TT, name: A }\n  - { code: TT, name: B }',
      /^units\[1\]\.code: "TT" bị trùng với units\[0\]/,
    ],
    [
      'a lead outside the block',
      'units:\n  - { code: TT, name: A }\n  - { code: CA, name: B }\nblocks:\n  - { code: K, name: Khối, channel: C01, units: [TT] }\nyears:\n  - { year: 2021, theme: T, pledge_due: 2021-03-31T17:00, leads: { K: { lead: CA } } }',
      /^years\[0\]\.leads\.K\.lead: đơn vị "CA" không thuộc khối "K"/,
    ],
    [
      'the same directive number written two ways',
      'directives:\n  - { number: 34-CT/TW, kind: Chỉ thị, issuer: Bộ Chính trị, issued: 2014-04-07, title: A }\n  - { number: 34/CT-TW, kind: Chỉ thị, issuer: Bộ Chính trị, issued: 2014-04-07, title: B }',
      /^directives\[1\]\.number: "34\/CT-TW" bị trùng với directives\[0\]/,
    ],
    ['an unknown time zone', 'units: []', /^organization\.timezone: múi giờ không tồn tại/, 'Asia/Hanoi_City'],
    ['a YAML syntax error', 'units: [ { code: TT', /^dòng \d+, cột \d+: /],
  ])('reports %s', (_what, body, expected, zone?: string) => {
    const read = readOrganisationFile(`organization:\n  name: Tỉnh\n${zone ? `  timezone: ${zone}\n` : ''}${body}\n`);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problems.some((problem) => expected.test(problem))).toBe(true);
  });
});

describe('grade bands in the organisation file (years[].grades)', () => {
  const withGrades = demoWithGrades;
  const BANDS = [
    '      - { name: Xuất sắc, min: 90, no_zero_criterion: true }',
    '      - { name: Chưa đạt }',
    '      - { name: Đạt, min: 60 }',
    '',
  ].join('\n');

  it('reads them highest first, with the band without min as the grade below every other', () => {
    const read = readOrganisationFile(withGrades(BANDS));
    expect(read.ok && read.data.years[0]!.gradeBands).toEqual({
      bands: [
        { name: 'Xuất sắc', min: 90, requireNoZeroCriterion: true },
        { name: 'Đạt', min: 60 },
      ],
      below: 'Chưa đạt',
    });
    const none = readOrganisationFile(DEMO_YAML);
    expect(none.ok && none.data.years[0]!.gradeBands).toBeNull();
  });

  it.each([
    [
      'no band without min',
      '      - { name: Tốt, min: 80 }\n      - { name: Đạt, min: 50 }\n',
      /^years\[0\]\.grades: cần đúng một mức xếp loại không ghi min/,
    ],
    [
      'two bands without min',
      '      - { name: Tốt, min: 80 }\n      - { name: Chưa đạt }\n      - { name: Kém }\n',
      /^years\[0\]\.grades\[2\]: cần đúng một mức/,
    ],
    [
      'a repeated name',
      '      - { name: Tốt, min: 80 }\n      - { name: Tốt, min: 70 }\n      - { name: Chưa đạt }\n',
      /^years\[0\]\.grades\[1\]\.name: "Tốt" bị trùng với grades\[0\]/,
    ],
    [
      'a repeated min',
      '      - { name: Tốt, min: 80 }\n      - { name: Khá, min: 80 }\n      - { name: Chưa đạt }\n',
      /^years\[0\]\.grades\[1\]\.min: "80" bị trùng/,
    ],
    [
      'a condition on the floor band',
      '      - { name: Tốt, min: 80 }\n      - { name: Chưa đạt, no_zero_criterion: true }\n',
      /^years\[0\]\.grades\[1\]\.no_zero_criterion: /,
    ],
    ['a misspelt key', '      - { name: Tốt, minimum: 80 }\n      - { name: Chưa đạt }\n', /^years\[0\]\.grades\[0\]: /],
  ])('reports %s', (_what, grades, expected) => {
    const read = readOrganisationFile(withGrades(grades));
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problems.join('\n')).toMatch(expected);
  });

  it('stores them on the year, updates them when the file changes, and reports no change the second time', () => {
    const { store } = freshStore();
    importOrganisationText(store, DEMO_YAML, 'test', NOW);
    expect(store.structure.year(2021)!.gradeBands).toBeNull();
    const changed = importOrganisationText(store, withGrades(BANDS), 'test', NOW);
    expect(changed.ok && changed.summary.years).toEqual({ added: 0, updated: 1, retired: 0 });
    expect(store.structure.year(2021)!.gradeBands).toEqual({
      bands: [
        { name: 'Xuất sắc', min: 90, requireNoZeroCriterion: true },
        { name: 'Đạt', min: 60 },
      ],
      below: 'Chưa đạt',
    });
    const again = importOrganisationText(store, withGrades(BANDS), 'test', NOW);
    expect(again.ok && hasChanges(again.summary)).toBe(false);
    const removed = importOrganisationText(store, DEMO_YAML, 'test', NOW);
    expect(removed.ok && removed.summary.years.updated).toBe(1);
    expect(store.structure.year(2021)!.gradeBands).toBeNull();
  });
});

describe('importing the organisation', () => {
  it('rejects a bad file whole and writes nothing', () => {
    const { handle, store } = freshStore();
    importOrganisationText(store, DEMO_YAML, 'test', NOW);
    const before = tableCounts(handle);
    const outcome = importOrganisationText(store, fixture('three-mistakes.yaml'), 'test', NOW);
    expect(outcome.ok).toBe(false);
    expect(tableCounts(handle)).toEqual(before);
  });

  it('imports a good file, then reports no changes the second time', () => {
    const { store } = freshStore();
    const first = importOrganisationText(store, DEMO_YAML, 'test', NOW);
    expect(first.ok && first.summary).toMatchObject({
      units: { added: 13 },
      blocks: { added: 2 },
      directives: { added: 14 },
      periods: { added: 4 },
      criteria: { added: 26 },
      years: { added: 1 },
    });
    const second = importOrganisationText(store, DEMO_YAML, 'test', NOW);
    expect(second.ok).toBe(true);
    expect(second.ok && hasChanges(second.summary)).toBe(false);
  });

  it('updates by code, retires what left the file, and never deletes pledges or reports', () => {
    const { handle, store } = freshStore();
    importOrganisationText(store, DEMO_YAML, 'test', NOW);
    const ca = store.structure.unitByCode('CA')!;
    const block = store.structure.blockByCode('NOI_CHINH')!;
    const q1 = store.structure.periods(2021).find((period) => period.code === 'Q1')!;
    const pledgeId = handle.db.insert(pledges).values({ year: 2021, unitId: ca.id, blockId: block.id }).returning().get().id;
    handle.db
      .insert(pledgeVersions)
      .values({ pledgeId, version: 1, status: 'accepted', titlesSought: [], submittedBy: 'U0CA0001', submittedAt: NOW })
      .run();
    const reportId = handle.db.insert(reports).values({ periodId: q1.id, unitId: ca.id, blockId: block.id }).returning().get().id;
    handle.db.insert(reportVersions).values({ reportId, version: 1, status: 'accepted', submittedBy: 'U0CA0001', submittedAt: NOW }).run();

    const changed = DEMO_YAML.replace('name: Công an tỉnh', 'name: Công an tỉnh Vĩnh Phúc')
      .replace(/ {2}- \{ code: CTHADS.*\n/, '')
      .replace('[TT, CA, VKS, TAND, STP, BCHQS, CTHADS]', '[TT, CA, VKS, TAND, STP, BCHQS]')
      .replace(/ {6}- \{ code: M9.*\n/, '')
      .replace('max: 40, kind: target', 'max: 45, kind: target');
    const outcome = importOrganisationText(store, changed, 'test', NOW);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.summary.units).toEqual({ added: 0, updated: 1, retired: 1 });
    expect(outcome.summary.blocks).toEqual({ added: 0, updated: 1, retired: 0 });
    expect(outcome.summary.periods).toEqual({ added: 0, updated: 1, retired: 1 }); // NAM moved up a position
    expect(outcome.summary.criteria).toEqual({ added: 0, updated: 2, retired: 0 }); // criterion 1 in both blocks
    expect(store.structure.unitByCode('CA')).toMatchObject({ id: ca.id, name: 'Công an tỉnh Vĩnh Phúc' });
    expect(store.structure.unitByCode('CTHADS')?.active).toBe(false);
    expect(store.structure.members(block.id).map((unit) => unit.code)).not.toContain('CTHADS');
    expect(store.structure.periods(2021).map((period) => period.code)).toEqual(['Q1', 'H1', 'NAM']);
    expect(handle.db.select().from(pledgeVersions).all()).toHaveLength(1);
    expect(handle.db.select().from(reportVersions).all()).toHaveLength(1);
  });

  it('loads the demo organisation only into an empty database', () => {
    const { store } = freshStore();
    expect(loadDemoIfEmpty(store, NOW)).toBe(true);
    expect(store.organisation.get()?.name).toBe('UBND tỉnh Vĩnh Phúc');
    expect(loadDemoIfEmpty(store, NOW)).toBe(false);
  });
});
