import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { MIGRATIONS_FOLDER } from '../../db/files';
import { blockYearUnits } from '../../db/schema';
import { createStore } from '../../db/store';
import { hasChanges } from '../../db/store/organisation-import';
import { readOrganisationFile } from '../../src/organisation/read-file';
import { importOrganisationText } from '../../src/services/organisation';
import { openOrganisationStore } from '../support/store';

/** Version 2 of the organisation file: what it reads, what the store keeps, and how a mistake is told. */
const V2 = readFileSync(new URL('../fixtures/version-2-example.yaml', import.meta.url), 'utf8');
const NOW = new Date('2018-01-15T01:00:00Z');

describe('reading a version-2 file', () => {
  it('reads every new field into what the engine and the store take', () => {
    const read = readOrganisationFile(V2);
    if (!read.ok) throw new Error(read.problems.join('\n'));
    const year = read.data.years[0]!;
    const block = year.blocks[0]!;
    expect(block.unitCodes).toEqual(['CA', 'THADS', 'TT', 'STP', 'VKS']);
    expect(block.groups).toEqual([
      { name: 'I. Nhiệm vụ chuyên môn', max: 50 },
      { name: 'II. Công tác thi đua', max: 30 },
    ]);
    expect(block.notApplicable).toBe('full');
    expect(year.gradeBands?.bands[0]).toEqual({ name: 'Hoàn thành xuất sắc', min: 90, minShareEach: 0.85 });
    const rules = Object.fromEntries(block.criteria.map((criterion) => [criterion.code, criterion.rule]));
    expect(rules['1.1']).toEqual({
      indicators: {
        CA: [
          { code: 'a', name: 'Tỷ lệ điều tra khám phá án', unit: '%', weight: 1 },
          { code: 'b', name: 'Số vụ án ma túy phát hiện', unit: 'vụ', weight: 2 },
        ],
        THADS: [{ code: 'a', name: 'Tỷ lệ thi hành xong về việc', unit: '%', weight: 1 }],
      },
    });
    expect(rules['1.2']).toEqual({
      tiers: [
        { atLeast: 100, points: 10 },
        { atLeast: 90, points: 8 },
        { atLeast: 0, points: 5 },
      ],
    });
    expect(rules['1.3']).toEqual({ appliesTo: ['TT'] });
    expect(rules['2.1']).toEqual({ scoredBy: 'auto', source: 'pledge_on_time' });
    expect(rules['2.2']).toEqual({ each: 2, from: 'zero' });
    expect(rules['2.3']).toEqual({ scoredBy: 'lead' });
    expect(rules['3.1']?.levels).toHaveLength(4);
    expect(rules['3.2']).toEqual({ each: 2, from: 'max' });
    expect(rules.T?.items?.map((item) => item.name)).toEqual([
      'Cờ thi đua của Chính phủ',
      'Cờ thi đua của UBND tỉnh hoặc Bộ, ngành',
      'Bằng khen của Thủ tướng Chính phủ',
    ]);
    expect(rules.K).toEqual({ each: 0.5 });
    // An unquoted comma inside { … } is still part of the name.
    expect(block.criteria.find((criterion) => criterion.code === '2.2')?.name).toBe(
      'Mô hình mới, điển hình tiên tiến (mỗi mô hình 2 điểm)',
    );
    expect(read.data.directives.map((directive) => [directive.kind, directive.expiredOn, directive.replacedBy])).toEqual([
      ['Thông báo', null, null],
      ['Nghị định', '2025-07-01', '152/2025/NĐ-CP'],
      ['Nghị định', null, null],
    ]);
  });

  it('keeps a version-1 criterion without rules (null), so version-1 tables stay as they were', () => {
    const read = readOrganisationFile(readFileSync(new URL('../fixtures/contract-example.yaml', import.meta.url), 'utf8'));
    expect(read.ok && read.data.years[0]!.blocks[0]!.criteria.every((criterion) => criterion.rule === null)).toBe(true);
    expect(read.ok && read.data.years[0]!.blocks[0]!.unitCodes).toEqual(['TT', 'CA']);
  });
});

const criterionAt = (index: number) => `years[0].criteria[${index}]`;
const swap = (from: string, to: string) => {
  if (!V2.includes(from)) throw new Error(`the fixture has no ${from}`);
  return V2.replace(from, to);
};

describe('a version-2 mistake is told with its path and the value written', () => {
  it.each([
    [
      'a level above the max',
      swap('{ name: Hoàn thành xuất sắc nhiệm vụ, points: 10 }', '{ name: Hoàn thành xuất sắc nhiệm vụ, points: 12 }'),
      `${criterionAt(6)}.levels[0].points: 12 điểm vượt điểm tối đa của tiêu chí (max: 10)`,
    ],
    [
      'tiers not descending',
      swap('{ at_least: 90, points: 8 }', '{ at_least: 100, points: 8 }'),
      `${criterionAt(1)}.tiers[1].at_least: các mức tiers phải xếp từ cao xuống thấp: at_least 100 không nhỏ hơn mức trên (100)`,
    ],
    [
      'a tier above the max',
      swap('{ at_least: 100, points: 10 }', '{ at_least: 100, points: 11 }'),
      `${criterionAt(1)}.tiers[0].points: 11 điểm vượt điểm tối đa của tiêu chí (max: 10)`,
    ],
    [
      'indicators of a unit that does not exist',
      swap('THADS: [{ code: a', 'THA: [{ code: a'),
      `${criterionAt(0)}.indicators.THA: không có đơn vị mã "THA" trong units`,
    ],
    [
      'applies_to a unit that does not exist',
      swap('applies_to: [TT]', 'applies_to: [TTR]'),
      `${criterionAt(2)}.applies_to[0]: không có đơn vị mã "TTR" trong units`,
    ],
    [
      'a member that does not exist',
      swap('units: [CA, THADS, TT, STP, VKS]', 'units: [CA, THADS, TT, STP, VKSS]'),
      'years[0].blocks.NOI_CHINH.units[4]: không có đơn vị mã "VKSS" trong units',
    ],
    [
      'a lead who is not a member that year',
      swap('NOI_CHINH: { lead: CA, deputy: TT }', 'NOI_CHINH: { lead: BCHQS, deputy: TT }'),
      'years[0].leads.NOI_CHINH.lead: đơn vị "BCHQS" không phải thành viên của khối "NOI_CHINH" năm 2018',
    ],
    [
      'a group cap naming no group of the table',
      swap('{ name: II. Công tác thi đua, max: 30 }', '{ name: II. Công tác thi đau, max: 30 }'),
      'years[0].groups[1].name: không có tiêu chí nào thuộc nhóm "II. Công tác thi đau"; các nhóm: I. Nhiệm vụ chuyên môn; II. Công tác thi đua; III. Xây dựng Đảng',
    ],
    [
      'levels on a yes/no criterion',
      swap('kind: yes_no, applies_to: [TT]', 'kind: yes_no, levels: [{ name: Tốt, points: 1 }], applies_to: [TT]'),
      `${criterionAt(2)}.levels: levels chỉ dùng với kind: levels (tiêu chí này là kind: yes_no)`,
    ],
    [
      'an automatic graded criterion',
      swap('max: 5, kind: yes_no, scored_by: auto', 'max: 5, kind: graded, scored_by: auto'),
      `${criterionAt(3)}.scored_by: scored_by: auto chỉ dùng với kind: yes_no (tiêu chí này là kind: graded)`,
    ],
    [
      'an unknown source',
      swap('source: pledge_on_time', 'source: pledge_signed'),
      `${criterionAt(3)}.source: phải là một trong: pledge_on_time, report_on_time (đang ghi: "pledge_signed")`,
    ],
    [
      'a negative each',
      swap('kind: deduction, each: 0.5', 'kind: deduction, each: -0.5'),
      'years[0].criteria[9].each: phải là số dương (đang ghi: -0.5)',
    ],
    [
      'a share above 1',
      swap('min: 90, min_share_each: 0.85', 'min: 90, min_share_each: 85'),
      'years[0].grades[0].min_share_each: phải là tỷ lệ từ 0 đến 1, ví dụ 0.85 cho 85 % (đang ghi: 85)',
    ],
    [
      'an unknown not_applicable',
      swap('not_applicable: full', 'not_applicable: max'),
      'years[0].not_applicable: phải là một trong: full, rescale (đang ghi: "max")',
    ],
    [
      'a directive replacing itself',
      swap('replaced_by: 152/2025/NĐ-CP', 'replaced_by: 98/2023/NĐ-CP'),
      'directives[1].replaced_by: văn bản "98/2023/NĐ-CP" không thể thay thế chính nó',
    ],
    [
      'a directive expiring before it was issued',
      swap('expired: 2025-07-01', 'expired: 2023-07-01'),
      'directives[1].expired: ngày hết hiệu lực 2023-07-01 trước ngày ban hành 2023-12-31',
    ],
    [
      'a directive expiring on no date',
      swap('expired: 2025-07-01', 'expired: 2025-13-01'),
      'directives[1].expired: ngày không hợp lệ, cần ghi năm-tháng-ngày, ví dụ 2021-03-31 (đang ghi: "2025-13-01")',
    ],
    [
      'a period ending before it starts',
      swap('start: 2018-01-01, end: 2018-11-30', 'start: 2018-01-01, end: 2017-11-30'),
      'years[0].periods[0].end: ngày kết thúc 2017-11-30 trước ngày bắt đầu 2018-01-01',
    ],
    [
      'the same unit as lead and deputy',
      swap('{ lead: CA, deputy: TT }', '{ lead: CA, deputy: CA }'),
      'years[0].leads.NOI_CHINH.deputy: Phó khối phải khác Trưởng khối (cả hai đang ghi "CA")',
    ],
  ])('%s', (_what, source, expected) => {
    const read = readOrganisationFile(source);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problems).toContain(expected);
  });

  it('a unit in two blocks the same year', () => {
    const source = V2.replace(
      'blocks:\n  - code: NOI_CHINH',
      'blocks:\n  - { code: KHAC, name: Khối khác, channel: C0KHAC, units: [BCHQS] }\n  - code: NOI_CHINH',
    )
      .replace('units: [CA, THADS, TT, STP, VKS, BCHQS]', 'units: [CA, THADS, TT, STP, VKS]')
      .replace('units: [CA, THADS, TT, STP, VKS]      #', 'units: [CA, THADS, TT, STP, VKS, BCHQS]      #');
    const read = readOrganisationFile(source);
    expect(!read.ok && read.problems).toContain(
      'years[0].blocks.NOI_CHINH.units[5]: đơn vị "BCHQS" năm này đã thuộc khối "KHAC"; mỗi đơn vị chỉ thuộc một khối trong một năm',
    );
  });

  it('accepts any directive kind, Thông báo included, and refuses an empty one naming the path', () => {
    expect(readOrganisationFile(V2.replace('kind: Thông báo', 'kind: Biên bản')).ok).toBe(true);
    const read = readOrganisationFile(V2.replace('kind: Thông báo', 'kind: ""'));
    expect(!read.ok && read.problems).toContain('directives[0].kind: không được để trống (đang ghi: "")');
  });

  it('in English for an English file', () => {
    const read = readOrganisationFile(
      V2.replace('locale: vi', 'locale: en').replace(
        '{ name: Hoàn thành xuất sắc nhiệm vụ, points: 10 }',
        '{ name: Hoàn thành xuất sắc nhiệm vụ, points: 12 }',
      ),
    );
    expect(!read.ok && read.problems).toContain(`${criterionAt(6)}.levels[0].points: 12 points is above the criterion's max (10)`);
  });
});

describe('storing a version-2 file', () => {
  it('keeps each year’s members, the table’s rules and the directives’ status; a second import changes nothing', () => {
    const { handle, store } = openOrganisationStore(NOW, { yaml: V2 });
    try {
      const block = store.structure.blockByCode('NOI_CHINH')!;
      expect(store.structure.members(block.id).map((unit) => unit.code)).toEqual(['CA', 'THADS', 'TT', 'STP', 'VKS', 'BCHQS']);
      expect(store.structure.membersInYear(2018, block.id).map((unit) => [unit.code, unit.officerIds])).toEqual([
        ['CA', ['U0CA0001']],
        ['THADS', ['U0THA001']],
        ['TT', ['U0TT0001']],
        ['STP', ['U0TP0001']],
        ['VKS', ['U0VKS001']],
      ]);
      expect(
        store.structure
          .memberUnitsInYear(2018, [block.id])
          .get(block.id)!
          .map((unit) => unit.code),
      ).toHaveLength(5);
      expect(store.structure.blockOfUnitInYear(2018, store.structure.unitByCode('BCHQS')!.id)).toBeUndefined();
      expect(store.structure.blockOfUnitInYear(2018, store.structure.unitByCode('STP')!.id)?.code).toBe('NOI_CHINH');
      expect(store.structure.blockYear(2018, block.id)).toMatchObject({ notApplicable: 'full', groups: [{ max: 50 }, { max: 30 }] });
      const criteria = store.structure.criteria(2018, block.id);
      expect(criteria.find((criterion) => criterion.code === '2.3')).toMatchObject({ kind: 'graded', rule: { scoredBy: 'lead' } });
      expect(criteria.find((criterion) => criterion.code === '1.2')?.rule?.tiers).toHaveLength(3);
      expect(store.directives.byNumber('98/2023/NĐ-CP')).toMatchObject({ expiredOn: '2025-07-01', replacedBy: '152/2025/NĐ-CP' });
      expect(store.directives.byNumber('350/TB-VPCP')?.kind).toBe('Thông báo');

      const again = importOrganisationText(store, V2, 'test', NOW);
      expect(again.ok && hasChanges(again.summary)).toBe(false);

      // BCHQS back in the block, VKS out: the year's members follow the file.
      const moved = importOrganisationText(
        store,
        V2.replace('units: [CA, THADS, TT, STP, VKS]      #', 'units: [CA, THADS, TT, STP, BCHQS]      #'),
        'test',
        NOW,
      );
      expect(moved.ok && moved.summary.years.updated).toBe(1);
      expect(store.structure.membersInYear(2018, block.id).map((unit) => unit.code)).toEqual(['CA', 'THADS', 'TT', 'STP', 'BCHQS']);
      const rules = importOrganisationText(store, V2.replace('not_applicable: full', 'not_applicable: rescale'), 'test', NOW);
      expect(rules.ok && rules.summary.years.updated).toBe(1);
      expect(store.structure.blockYear(2018, block.id)?.notApplicable).toBe('rescale');
    } finally {
      handle.close();
    }
  });

  it('a database from before version 2 keeps every year’s members as the blocks had them', () => {
    const folder = mkdtempSync(join(tmpdir(), 'thidua-v2-'));
    const path = join(folder, 'thidua.sqlite');
    try {
      // The database as the last release left it: migrations up to 0003, the demo imported.
      cpSync(MIGRATIONS_FOLDER, join(folder, 'migrations'), { recursive: true });
      const journalPath = join(folder, 'migrations', 'meta', '_journal.json');
      const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string; idx: number }[] };
      writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.filter((entry) => entry.idx <= 3) }));
      const old = openDatabase(path, { migrate: false });
      migrate(drizzle(old.sqlite), { migrationsFolder: join(folder, 'migrations') });
      old.sqlite.exec(`
        insert into units (id, code, name) values (1, 'TT', 'Thanh tra tỉnh'), (2, 'CA', 'Công an tỉnh');
        insert into blocks (id, code, name, channel_id) values (1, 'NOI_CHINH', 'Khối thi đua Nội chính', 'C0NOICHINH');
        insert into block_units (block_id, unit_id, position) values (1, 2, 0), (1, 1, 1);
        insert into years (year, theme, pledge_due, reminder_before_days, reminder_at, overdue_every_days) values (2021, 'T', 0, '[]', '08:00', 2);
        insert into block_years (year, block_id) values (2021, 1);`);
      old.close();

      const upgraded = openDatabase(path);
      const store = createStore(upgraded.db);
      expect(store.structure.membersInYear(2021, 1).map((unit) => unit.code)).toEqual(['CA', 'TT']);
      expect(upgraded.db.select().from(blockYearUnits).all()).toHaveLength(2);
      expect(store.structure.blockYear(2021, 1)).toMatchObject({ groups: [], notApplicable: 'full' });
      upgraded.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
