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

  it('keeps its answer per text for a frozen list of commands, each list its own, and hands it out frozen', () => {
    const frozen = (commands: typeof COMMANDS) => Object.freeze(commands.map((command) => Object.freeze({ ...command })));
    const router = frozen(COMMANDS);
    // Another frozen list where the same words name another command (the admin tools, say).
    const tools = frozen([{ name: 'officers', words: ['report', 'canbo'] }]);
    for (let round = 0; round < 3; round++) {
      expect(matchCommand('report Q1', router)).toEqual({ kind: 'match', name: 'baocao', rest: 'Q1' });
      expect(matchCommand('report Q1', tools)).toEqual({ kind: 'match', name: 'officers', rest: 'Q1' });
      expect(matchCommand('report Q1', [...COMMANDS.slice(1), { name: 'xephang', words: ['report'] }])).toEqual({
        kind: 'match',
        name: 'xephang',
        rest: 'Q1',
      });
      expect(matchCommand('reprot', router)).toEqual({ kind: 'unknown', word: 'reprot', suggestions: ['baocao'] });
    }
    // Kept: the same answer again, which no caller can change for the next one.
    const first = matchCommand('bao cao Q2', router);
    expect(matchCommand('bao cao Q2', router)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    const unknown = matchCommand('baocoa', router);
    expect(unknown.kind === 'unknown' && Object.isFrozen(unknown.suggestions)).toBe(true);
  });
});
