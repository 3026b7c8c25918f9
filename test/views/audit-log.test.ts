import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AuditLine, buildAuditLog } from '../../src/views/audit-log';
import { textOf } from '../support/bot';

/**
 * Every kind of audit entry, with the details its use case records and the names the log's reader
 * resolves (unit, period, block, the person it is about), read in both languages: each says what
 * was done to what, and none prints “undefined” or the action's code.
 */
type Resolved = Pick<AuditLine, 'unitName' | 'periodName' | 'blockName' | 'subjectUserId'>;
const ofReport: Resolved = { unitName: 'Sở Tư pháp', periodName: 'Quý I năm 2021' };
const ofPledge: Resolved = { unitName: 'Sở Tư pháp' };
const decided = { kind: 'report', versionId: 3, year: 2021, unitId: 5, changes: [] };
const due = '2021-04-15T10:00:00.000Z';

const ENTRIES: [action: string, details: Record<string, unknown>, resolved: Resolved, says: string][] = [
  ['report.submitted', { period: 'Q1', unit: 'STP', total: 95 }, ofReport, 'nộp báo cáo Quý I năm 2021'],
  ['report.updated', { period: 'Q1', unit: 'STP' }, ofReport, 'sửa báo cáo Quý I năm 2021'],
  ['report.change_requested', { period: 'Q1', unit: 'STP' }, ofReport, 'đề nghị sửa báo cáo Quý I năm 2021'],
  ['report.change_withdrawn', { period: 'Q1', unit: 'STP' }, ofReport, 'rút đề nghị sửa báo cáo Quý I năm 2021'],
  ['report.change_approved', decided, ofReport, 'duyệt đề nghị sửa báo cáo Quý I năm 2021'],
  [
    'report.change_rejected',
    { ...decided, reason: 'Thiếu minh chứng' },
    ofReport,
    'từ chối đề nghị sửa báo cáo Quý I năm 2021: “Thiếu minh chứng”',
  ],
  ['report.reviewed', { versionId: 3, reviewId: 1, total: 98, points: {} }, ofReport, 'thẩm định báo cáo Quý I năm 2021'],
  ['report.returned', { versionId: 3, reviewId: 1, reason: 'Sai số liệu' }, ofReport, 'trả lại báo cáo Quý I năm 2021: “Sai số liệu”'],
  ['report.nudged', { period: 'Q1', officers: ['U0TP0001'] }, { unitName: 'Sở Tư pháp' }, 'nhắc nộp báo cáo Q1'],
  [
    'report.due_extended',
    { period: 'Q1', year: 2021, due, previousDue: due, reason: 'Mất điện' },
    ofReport,
    'gia hạn nộp báo cáo Quý I năm 2021 đến 15/04/2021 17:00: “Mất điện”',
  ],
  [
    'report.reopened',
    { period: 'Q1', year: 2021, until: due, reason: 'Sửa số liệu' },
    ofReport,
    'mở lại báo cáo Quý I năm 2021 đến 15/04/2021 17:00',
  ],
  ['pledge.signed', { year: 2021, unitId: 5 }, ofPledge, 'ký giao ước năm 2021'],
  ['pledge.updated', { year: 2021, unitId: 5 }, ofPledge, 'sửa giao ước năm 2021'],
  ['pledge.amendment_requested', { year: 2021, unitId: 5 }, ofPledge, 'đề nghị sửa giao ước năm 2021'],
  ['pledge.amendment_withdrawn', { year: 2021, unitId: 5 }, ofPledge, 'rút đề nghị sửa giao ước năm 2021'],
  ['pledge.amendment_approved', { ...decided, kind: 'pledge' }, ofPledge, 'duyệt đề nghị sửa giao ước năm 2021'],
  [
    'pledge.amendment_rejected',
    { ...decided, kind: 'pledge', reason: 'Chưa rõ' },
    ofPledge,
    'từ chối đề nghị sửa giao ước năm 2021: “Chưa rõ”',
  ],
  [
    'standings.published',
    { blockId: 1, periodId: 1, changedUnits: [] },
    { periodName: 'Quý I năm 2021', blockName: 'Khối thi đua Nội chính' },
    'đăng bảng xếp hạng Quý I năm 2021 của Khối thi đua Nội chính',
  ],
  [
    'standings.corrected',
    { blockId: 1, periodId: 1, changedUnits: ['Sở Tư pháp'] },
    { periodName: 'Quý I năm 2021', blockName: 'Khối thi đua Nội chính' },
    'đăng bản đính chính bảng xếp hạng Quý I năm 2021 của Khối thi đua Nội chính',
  ],
  [
    'standings.summary_held',
    { blockId: 1, periodId: 1 },
    { periodName: 'Quý I năm 2021', blockName: 'Khối thi đua Nội chính' },
    'giữ bản tổng hợp bảng xếp hạng Quý I năm 2021 của Khối thi đua Nội chính',
  ],
  [
    'standings.summary_released',
    { blockId: 1, periodId: 1, changedUnits: [] },
    { periodName: 'Quý I năm 2021', blockName: 'Khối thi đua Nội chính' },
    'đăng bản tổng hợp đã giữ lại: bảng xếp hạng Quý I năm 2021 của Khối thi đua Nội chính',
  ],
  ['pledge.nudged', { year: 2021, officers: ['U0TP0001'] }, { unitName: 'Sở Tư pháp' }, 'nhắc ký giao ước năm 2021'],
  ['directive.added', { number: '34-CT/TU', input: {} }, {}, 'thêm văn bản 34-CT/TU'],
  ['directive.updated', { number: '34-CT/TU', changes: [] }, {}, 'sửa văn bản 34-CT/TU'],
  [
    'officer.added',
    { unit: 'STP', user: 'U0NEW0001' },
    { unitName: 'Sở Tư pháp', subjectUserId: 'U0NEW0001' },
    'giao <@U0NEW0001> làm cán bộ thi đua',
  ],
  [
    'officer.removed',
    { unit: 'STP', user: 'U0NEW0001' },
    { unitName: 'Sở Tư pháp', subjectUserId: 'U0NEW0001' },
    'thôi giao <@U0NEW0001> làm cán bộ thi đua',
  ],
  [
    'block.leads_set',
    { year: 2021, block: 'NOI_CHINH', lead: 'STP', deputy: 'TT', previousLead: 'CA', previousDeputy: null },
    { unitName: 'Sở Tư pháp' },
    'đặt Trưởng khối NOI_CHINH năm 2021: STP, Phó khối TT',
  ],
  ['holiday.added', { date: '2021-04-13', name: 'Nghỉ bù' }, {}, 'thêm ngày nghỉ 13/04/2021 (Nghỉ bù)'],
  ['organisation.imported', { file: 'to-chuc.yaml', hash: 'abc', units: 13 }, {}, 'nạp tệp tổ chức “to-chuc.yaml”'],
  // The deliberation's entries: its year and block come from its row.
  [
    'deliberation.opened',
    { year: 2021, blockId: 1, proposals: [2, 6] },
    { blockName: 'Khối thi đua Nội chính' },
    'mở bình xét thi đua năm 2021 của Khối thi đua Nội chính',
  ],
  [
    'deliberation.ballot_cast',
    { year: 2021, unitId: 5 },
    { unitName: 'Sở Tư pháp', blockName: 'Khối thi đua Nội chính' },
    'bỏ phiếu bình xét năm 2021 của Khối thi đua Nội chính',
  ],
  [
    'deliberation.ballot_changed',
    { year: 2021, unitId: 5 },
    { unitName: 'Sở Tư pháp', blockName: 'Khối thi đua Nội chính' },
    'đổi phiếu bình xét năm 2021 của Khối thi đua Nội chính',
  ],
  [
    'deliberation.closed',
    { year: 2021, ballots: 6, members: 7 },
    { blockName: 'Khối thi đua Nội chính' },
    'kết thúc bỏ phiếu bình xét năm 2021 của Khối thi đua Nội chính: 6/7 đơn vị đã bỏ phiếu',
  ],
];

function logOf(action: string, details: Record<string, unknown>, resolved: Resolved, locale: 'vi' | 'en'): string {
  const line: AuditLine = {
    at: new Date('2021-04-12T04:00:00Z'),
    actorUserId: 'U0CA0001',
    actingAsAdmin: false,
    action,
    details,
    ...resolved,
  };
  const { blocks } = buildAuditLog(
    { page: { page: 0 }, lines: [line], window: { page: 0, pageCount: 1 }, total: 1, zone: 'Asia/Ho_Chi_Minh' },
    locale,
  );
  return textOf({ blocks })
    .split('\n')
    .find((text) => text.includes('<@U0CA0001>:'))!;
}

/** Every action a use case records (`action: '…'` or `audit('…'`) in src/services. */
function recordedActions(): string[] {
  const root = join(import.meta.dirname, '../../src/services');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  const found = new Set<string>();
  for (const file of files)
    for (const match of readFileSync(join(root, file), 'utf8').matchAll(
      /['"]((?:report|pledge|standings|directive|officer|block|holiday|organisation|deliberation)\.[a-z_]+)['"]/g,
    ))
      found.add(match[1]!);
  return [...found].sort();
}

describe('the audit log says every kind of entry', () => {
  it('has a row for every action the use cases record', () => {
    expect(ENTRIES.map(([action]) => action).sort()).toEqual(recordedActions());
  });

  it.each(ENTRIES)('%s', (action, details, resolved, says) => {
    const vietnamese = logOf(action, details, resolved, 'vi');
    expect(vietnamese).toContain(`<@U0CA0001>: ${says}`);
    for (const locale of ['vi', 'en'] as const) {
      const text = logOf(action, details, resolved, locale);
      expect(text).not.toMatch(/undefined|null|\[object/);
      expect(text).not.toContain(action);
    }
  });
});
