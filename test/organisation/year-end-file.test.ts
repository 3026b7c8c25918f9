import { describe, expect, it } from 'vitest';
import { hasChanges } from '../../db/store/organisation-import';
import { readOrganisationFile } from '../../src/organisation/read-file';
import { importOrganisationText } from '../../src/services/organisation';
import { DEMO_YAML } from '../support/bot';
import { openOrganisationStore } from '../support/store';

/** The year end in the organisation file: years[].year_result and years[].commendations. */
const withYearEnd = (yearEnd: string) => DEMO_YAML.replace(/\n {4}commendations:[\s\S]*$/, `\n${yearEnd}\n`);

describe('the year end in the organisation file', () => {
  it('reads the rules with their defaults', () => {
    const read = readOrganisationFile(
      withYearEnd(`    year_result: average
    commendations:
      quorum: 0.75
      one_title_per_unit: false
      titles:
        - { title: Cờ thi đua của UBND tỉnh, min_grade: Hoàn thành xuất sắc, max_units: 1, threshold: two_thirds, no_deduction: [K] }
        - { title: Tập thể lao động xuất sắc, registered: false, max_share: 0.5 }`),
    );
    if (!read.ok) throw new Error(read.problems.join('\n'));
    const year = read.data.years[0]!;
    expect(year.yearResult).toBe('average');
    expect(year.commendations).toEqual({
      quorum: { kind: 'share', share: 0.75 },
      onePerUnit: false,
      titles: [
        {
          title: 'Cờ thi đua của UBND tỉnh',
          minGrade: 'Hoàn thành xuất sắc',
          registered: true,
          noDeduction: [{ code: 'K' }],
          maxUnits: 1,
          threshold: { kind: 'two_thirds' },
        },
        { title: 'Tập thể lao động xuất sắc', registered: false, noDeduction: [], maxShare: 0.5, threshold: { kind: 'more_than_half' } },
      ],
    });
  });

  it('leaves both unset when the file says nothing (the whole-year period or the average; no title)', () => {
    const read = readOrganisationFile(withYearEnd(''));
    if (!read.ok) throw new Error(read.problems.join('\n'));
    expect(read.data.years[0]).toMatchObject({ yearResult: null, commendations: null });
  });

  it('tells every mistake with its path and the value written, and writes nothing', () => {
    const read = readOrganisationFile(
      withYearEnd(`    year_result: cuoi_ky
    commendations:
      quorum: hai_phan_ba
      titles:
        - { title: Cờ thi đua của tỉnh, min_grade: Xuất sắc, max_units: 0, no_deduction: ["3", { code: K, items: [Cán bộ bị kỷ luật] }] }
        - { title: Bằng khen của Chủ tịch UBND tỉnh, max_share: 1.5, threshold: 2/3 }
        - { title: Bằng khen của Chủ tịch UBND tỉnh, threshold: 1.5 }`),
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems).toEqual([
      'years[0].commendations.quorum: phải là more_than_half, two_thirds hoặc một tỷ lệ lớn hơn 0 đến 1, ví dụ 0.75 (đang ghi: "hai_phan_ba")',
      'years[0].commendations.titles[0].max_units: phải là số dương (đang ghi: 0)',
      'years[0].commendations.titles[0].min_grade: không có mức xếp loại "Xuất sắc"; các mức: Hoàn thành xuất sắc; Hoàn thành tốt; Hoàn thành; Không hoàn thành',
      'years[0].commendations.titles[0].no_deduction[0]: không có tiêu chí điểm trừ (kind: deduction) mã "3" trong bảng tiêu chí năm này',
      'years[0].commendations.titles[0].no_deduction[1].items[0]: tiêu chí "K" không có mục "Cán bộ bị kỷ luật" (tiêu chí không ghi items)',
      'years[0].commendations.titles[0].title: "Cờ thi đua của tỉnh" không có trong danh sách danh hiệu (organization.titles): Cờ thi đua của Chính phủ; Cờ thi đua của UBND tỉnh; Tập thể lao động xuất sắc; Tập thể lao động tiên tiến; Bằng khen của Thủ tướng Chính phủ; Bằng khen của Chủ tịch UBND tỉnh',
      'years[0].commendations.titles[1].max_share: phải là tỷ lệ từ 0 đến 1, ví dụ 0.85 cho 85 % (đang ghi: 1.5)',
      'years[0].commendations.titles[1].threshold: phải là more_than_half, two_thirds hoặc một tỷ lệ lớn hơn 0 đến 1, ví dụ 0.75 (đang ghi: "2/3")',
      'years[0].commendations.titles[2].threshold: phải là more_than_half, two_thirds hoặc một tỷ lệ lớn hơn 0 đến 1, ví dụ 0.75 (đang ghi: 1.5)',
      'years[0].commendations.titles[2].title: "Bằng khen của Chủ tịch UBND tỉnh" bị trùng với titles[1]',
      'years[0].year_result: phải là một trong: final_period, average (đang ghi: "cuoi_ky")',
    ]);
  });

  it('is stored with the year: a second import changes nothing, a change is an update of the year', () => {
    const { store } = openOrganisationStore(new Date('2021-03-15T01:00:00Z'));
    const again = importOrganisationText(store, DEMO_YAML, 'test', new Date('2021-03-15T01:00:00Z'));
    if (!again.ok) throw new Error(again.problems.join('\n'));
    expect(hasChanges(again.summary)).toBe(false);
    expect(store.structure.year(2021)!.commendations?.titles.map((title) => title.title)).toEqual([
      'Cờ thi đua của UBND tỉnh',
      'Bằng khen của Chủ tịch UBND tỉnh',
    ]);
    const changed = importOrganisationText(
      store,
      DEMO_YAML.replace('    commendations:', '    year_result: average\n    commendations:'),
      'test',
      new Date('2021-03-15T01:00:00Z'),
    );
    if (!changed.ok) throw new Error(changed.problems.join('\n'));
    expect(changed.summary.years.updated).toBe(1);
    expect(store.structure.year(2021)!.yearResult).toBe('average');
  });
});
