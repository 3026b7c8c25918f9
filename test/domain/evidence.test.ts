import { describe, expect, it } from 'vitest';
import { cleanFileName, type EvidenceFile, readEvidenceFiles, readEvidenceLink, sameFiles } from '../../src/domain/evidence';
import { diffReports } from '../../src/domain/report-diff';

const file = (id: string, name: string, filetype = name.split('.').pop() ?? ''): EvidenceFile => ({
  id,
  name,
  filetype,
  permalink: `https://example.slack.com/files/U1/${id}/x`,
});
const files = (count: number, prefix = 'F') => Array.from({ length: count }, (_, index) => file(`${prefix}${index}`, `${index}.pdf`));

describe('readEvidenceLink: the evidence link as typed in the form', () => {
  it.each([
    ['empty', '  ', { ok: true, url: null }],
    ['a full address', 'https://drive.vinhphuc.gov.vn/q1.pdf', { ok: true, url: 'https://drive.vinhphuc.gov.vn/q1.pdf' }],
    ['without a scheme', ' drive.vinhphuc.gov.vn/q1.pdf ', { ok: true, url: 'https://drive.vinhphuc.gov.vn/q1.pdf' }],
    ['http with a port', 'http://intranet.so.vn:8080/bc', { ok: true, url: 'http://intranet.so.vn:8080/bc' }],
    ['an IPv4 address as typed', 'http://10.0.0.5/bc', { ok: true, url: 'http://10.0.0.5/bc' }],
    ['an IPv4 address without a scheme', '10.0.0.5/bc', { ok: true, url: 'https://10.0.0.5/bc' }],
    ['a number', '1', { ok: false }],
    ['a decimal number', '1,5', { ok: false }],
    ['a number with a dot', '1.5', { ok: false }],
    ['a number after the scheme', 'https://1', { ok: false }],
    ['a number with a user before it', 'https://drive.vn@1/x', { ok: false }],
    ['a word', 'abc', { ok: false }],
    ['a file name', 'bao-cao.pdf', { ok: false }],
    ['another scheme', 'ftp://drive.vinhphuc.gov.vn/q1.pdf', { ok: false }],
    ['spaces', 'drive vinhphuc.gov.vn', { ok: false }],
  ] as const)('%s', (_, typed, expected) => {
    expect(readEvidenceLink(typed)).toEqual(expected);
  });
});

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
