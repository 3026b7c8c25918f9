import { describe, expect, it } from 'vitest';
import { filterCriteria, groupCriteria, scoringCaps, type TableCriterion } from '../../src/domain/criteria-table';

const row = (code: string, groupName: string, name: string, kind: TableCriterion['kind'], maxPoints: number): TableCriterion => ({
  code,
  groupName,
  name,
  kind,
  maxPoints,
});

const TABLE = [
  row('1', 'I. Nhiệm vụ chuyên môn', 'Hoàn thành chỉ tiêu chuyên môn đã giao ước', 'target', 40),
  row('2', 'I. Nhiệm vụ chuyên môn', 'Cải cách hành chính, chuyển đổi số', 'graded', 10),
  row('5', 'II. Công tác thi đua, khen thưởng', 'Báo cáo 6 tháng, năm đúng hạn, đầy đủ', 'yes_no', 5),
  row('9', 'III. Xây dựng tổ chức', 'Số vụ việc vi phạm, đơn thư tồn đọng', 'lower_better', 5),
  row('6', 'I. Nhiệm vụ chuyên môn', 'Phát hiện, nhân rộng điển hình tiên tiến', 'graded', 5),
  row('T', 'Điểm thưởng', 'Điểm thưởng (Cờ, Bằng khen cấp trên)', 'bonus', 5),
  row('T2', 'Điểm thưởng', 'Mô hình mới', 'bonus', 2.5),
  row('K', 'Điểm trừ', 'Điểm trừ (kỷ luật, vi phạm)', 'deduction', 5),
];

describe('groupCriteria', () => {
  it('keeps the groups in the order their first criterion appears, and the criteria in theirs', () => {
    expect(groupCriteria(TABLE).map((group) => [group.name, group.criteria.map((criterion) => criterion.code)])).toEqual([
      ['I. Nhiệm vụ chuyên môn', ['1', '2', '6']],
      ['II. Công tác thi đua, khen thưởng', ['5']],
      ['III. Xây dựng tổ chức', ['9']],
      ['Điểm thưởng', ['T', 'T2']],
      ['Điểm trừ', ['K']],
    ]);
  });
});

describe('scoringCaps', () => {
  it.each([
    [TABLE, { baseTotal: 65, bonusCap: 7.5, deductionCap: 5 }],
    [[], { baseTotal: 0, bonusCap: 0, deductionCap: 0 }],
    [TABLE.filter((criterion) => criterion.kind !== 'bonus'), { baseTotal: 65, bonusCap: 0, deductionCap: 5 }],
  ])('%#', (criteria, caps) => {
    expect(scoringCaps(criteria)).toEqual(caps);
  });
});

describe('filterCriteria', () => {
  it.each([
    ['', ['1', '2', '5', '9', '6', 'T', 'T2', 'K']],
    ['cai cach', ['2']],
    ['Cải cách', ['2']],
    ['CAI', ['2']],
    ['chuyen doi so', ['2']],
    ['so cai', ['2']],
    ['9', ['9']],
    ['6', ['6']],
    ['t', ['T']],
    ['t2', ['T2']],
    ['vi pham', ['9', 'K']],
    ['diem', ['T', 'K']],
    ['khong co', []],
    ['hinh', ['6', 'T2']],
    ['hanh', ['2']],
  ])('%j keeps %j', (filter, codes) => {
    expect(filterCriteria(TABLE, filter).map((criterion) => criterion.code)).toEqual(codes);
  });
});
