import type { ScoringCriterion, UnitReportInput } from '../../src/domain/scoring';

/** The example scoring table of ../shared/docs/organisation-file.md, one criterion of each kind. */
export const EXAMPLE_CRITERIA: ScoringCriterion[] = [
  { id: 1, code: '1', groupName: 'Nhiệm vụ chuyên môn', name: 'Hoàn thành chỉ tiêu chuyên môn đã giao ước', kind: 'target', maxPoints: 40 },
  { id: 2, code: '2', groupName: 'Nhiệm vụ chuyên môn', name: 'Cải cách hành chính, chuyển đổi số', kind: 'graded', maxPoints: 10 },
  { id: 3, code: '3', groupName: 'Công tác thi đua', name: 'Ký giao ước và báo cáo đúng hạn', kind: 'yes_no', maxPoints: 5 },
  { id: 4, code: '4', groupName: 'Công tác thi đua', name: 'Số đơn thư tồn đọng', kind: 'lower_better', maxPoints: 5 },
  { id: 5, code: 'T', groupName: 'Điểm thưởng', name: 'Cờ, Bằng khen cấp trên; mô hình mới', kind: 'bonus', maxPoints: 5 },
  { id: 6, code: 'K', groupName: 'Điểm trừ', name: 'Kỷ luật, vi phạm, chậm báo cáo', kind: 'deduction', maxPoints: 5 },
];

/** A report from plain records by criterion id (an undefined value is left out); a review when given. */
export function reportOf(
  values: Record<number, number | null | undefined>,
  review?: Record<number, number>,
  late = false,
): UnitReportInput {
  const entries = Object.entries(values).filter(([, value]) => value !== undefined) as [string, number | null][];
  return {
    values: new Map(entries.map(([id, value]) => [Number(id), { value }])),
    ...(review
      ? { review: { points: new Map(Object.entries(review).map(([id, points]) => [Number(id), points])), reviewerUserId: 'U0LEAD' } }
      : {}),
    late,
  };
}
