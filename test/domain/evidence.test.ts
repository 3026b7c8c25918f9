import { describe, expect, it } from 'vitest';
import { cleanFileName, type EvidenceFile, readEvidenceFiles, sameFiles } from '../../src/domain/evidence';
import { diffReports } from '../../src/domain/report-diff';

const file = (id: string, name: string, filetype = name.split('.').pop() ?? ''): EvidenceFile => ({
  id,
  name,
  filetype,
  permalink: `https://example.slack.com/files/U1/${id}/x`,
});
const files = (count: number, prefix = 'F') => Array.from({ length: count }, (_, index) => file(`${prefix}${index}`, `${index}.pdf`));

describe('readEvidenceFiles: the files a report version holds', () => {
  it.each([
    ['none', [], [], { ok: true, count: 0 }],
    ['kept then uploaded', files(2, 'K'), files(3, 'U'), { ok: true, count: 5 }],
    ['ten in all', files(4, 'K'), files(6, 'U'), { ok: true, count: 10 }],
    ['eleven in all', files(4, 'K'), files(7, 'U'), { ok: false, problem: { kind: 'too_many', count: 11, max: 10 } }],
    ['one uploaded twice counts once', [], [file('F1', 'a.pdf'), file('F1', 'a.pdf')], { ok: true, count: 1 }],
    ['a program', [], [file('F1', 'cai-dat.exe', 'binary')], { ok: false, problem: { kind: 'type', name: 'cai-dat.exe' } }],
    ['a type Slack names, whatever the name', [], [file('F1', 'bien-ban', 'docx')], { ok: true, count: 1 }],
    ['an extension taken, whatever Slack says', [], [file('F1', 'Bảng điểm.XLSX', 'binary')], { ok: true, count: 1 }],
    ['a kept file is not checked again', [file('F1', 'old.exe', 'binary')], [], { ok: true, count: 1 }],
  ] as const)('%s', (_, kept, uploaded, expected) => {
    const read = readEvidenceFiles(kept, uploaded);
    if (expected.ok) expect(read.ok && read.files.length).toBe(expected.count);
    else expect(read).toEqual({ ok: false, problem: expected.problem });
  });

  it('says when an upload could not be read', () => {
    expect(readEvidenceFiles([], 'unreadable')).toEqual({ ok: false, problem: { kind: 'unreadable' } });
  });
});

describe('cleanFileName', () => {
  it.each([
    ['Báo cáo Quý I.pdf', 'Báo cáo Quý I.pdf'],
    ['  Báo cáo\nQuý I\t.pdf ', 'Báo cáo Quý I .pdf'],
    ['\u202egpj.exe', 'gpj.exe'],
    ['\u0000\u0007', 'F1'],
    ['a'.repeat(300), 'a'.repeat(255)],
  ])('%j → %j', (name, cleaned) => {
    expect(cleanFileName(name, 'F1')).toBe(cleaned);
  });
});

describe('files in a report diff', () => {
  const content = (evidenceFiles: EvidenceFile[]) => ({ values: new Map(), evidenceUrl: null, evidenceFiles, notes: '' });
  it.each([
    ['the same files', [file('F1', 'a.pdf')], [file('F1', 'a.pdf')], false],
    ['one removed', [file('F1', 'a.pdf'), file('F2', 'b.pdf')], [file('F1', 'a.pdf')], true],
    ['another order', [file('F1', 'a.pdf'), file('F2', 'b.pdf')], [file('F2', 'b.pdf'), file('F1', 'a.pdf')], true],
    ['a new file of the same name', [file('F1', 'a.pdf')], [file('F3', 'a.pdf')], true],
  ])('%s: changed %s', (_, before, after, changed) => {
    expect(sameFiles(before, after)).toBe(!changed);
    expect(diffReports(content(before), content(after), []).map((change) => change.kind)).toEqual(changed ? ['files'] : []);
  });
});
