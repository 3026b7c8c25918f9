import { describe, expect, it } from 'vitest';
import { matchCommand } from '../../src/domain/command-words';

const COMMANDS = [
  { name: 'baocao', words: ['báo cáo', 'report'] },
  { name: 'dangky', words: ['đăng ký', 'pledge'] },
  { name: 'tiendo', words: ['tiến độ', 'status'] },
  { name: 'help', words: ['trợ giúp', 'trogiup'] },
];

describe('matchCommand', () => {
  it.each([
    ['baocao', 'baocao', ''],
    ['báo cáo Q1', 'baocao', 'Q1'],
    ['bao cao q1', 'baocao', 'q1'],
    ['BÁO CÁO', 'baocao', ''],
    ['report Q1 noi chinh', 'baocao', 'Q1 noi chinh'],
    ['  đăng   ký  2021', 'dangky', '2021'],
    ['dang ky', 'dangky', ''],
    ['Đăng Ký', 'dangky', ''],
    // kí and ký, i and y: one word however it is spelt.
    ['dang ki', 'dangky', ''],
    ['đăng kí 2021', 'dangky', '2021'],
    ['dangki', 'dangky', ''],
    ['tien do', 'tiendo', ''],
    ['tro giup', 'help', ''],
    ['ba\u0301o ca\u0301o', 'baocao', ''], // decomposed input
  ])('%j → %s with %j', (text, name, rest) => {
    expect(matchCommand(text, COMMANDS)).toEqual({ kind: 'match', name, rest });
  });

  it('reads empty text as empty', () => {
    expect(matchCommand('   ', COMMANDS)).toEqual({ kind: 'empty' });
  });

  it.each([
    ['baocoa', ['baocao']],
    ['bao coa', ['baocao']],
    ['reprot', ['baocao']],
    ['xyz', []],
  ])('suggests for %j', (text, suggestions) => {
    const match = matchCommand(text, COMMANDS);
    expect(match.kind).toBe('unknown');
    expect(match.kind === 'unknown' && match.suggestions).toEqual(suggestions);
  });
});
