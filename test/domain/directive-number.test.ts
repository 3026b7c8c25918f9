import { describe, expect, it } from 'vitest';
import { DIRECTIVE_KINDS } from '../../src/domain/directive';
import {
  closeNumbers,
  directiveNumberKey,
  findNumberReference,
  KIND_WORDS,
  kindWordsOf,
  matchNumber,
  numberSearchText,
  parseDirectiveNumber,
} from '../../src/domain/directive-number';

describe('parseDirectiveNumber', () => {
  it.each([
    ['34-CT/TW', { ordinal: '34', codes: ['ct', 'tw'], key: '34//ct-tw' }],
    ['06/2022/QH15', { ordinal: '6', year: '2022', codes: ['qh15'], key: '6/2022/qh15' }],
    ['98/2023/NĐ-CP', { ordinal: '98', year: '2023', codes: ['nd', 'cp'], key: '98/2023/nd-cp' }],
    ['9153/UBND-TH2', { ordinal: '9153', codes: ['ubnd', 'th2'], key: '9153//ubnd-th2' }],
    ['1479/HD-BTĐKT', { ordinal: '1479', codes: ['hd', 'btdkt'], key: '1479//hd-btdkt' }],
    ['156/KH-UBND', { ordinal: '156', codes: ['kh', 'ubnd'], key: '156//kh-ubnd' }],
    ['01/2024/TT-BNV', { ordinal: '1', year: '2024', codes: ['tt', 'bnv'], key: '1/2024/tt-bnv' }],
    ['Số: 3245/SKHĐT-VP', { ordinal: '3245', codes: ['skhdt', 'vp'], key: '3245//skhdt-vp' }],
    ['12a/QĐ-UBND', { ordinal: '12a', codes: ['qd', 'ubnd'], key: '12a//qd-ubnd' }],
    ['2022/QĐ-UBND', { ordinal: '2022', codes: ['qd', 'ubnd'], key: '2022//qd-ubnd' }],
    ['0', { ordinal: '0', codes: [], key: '0//' }],
  ])('%s', (text, parsed) => {
    expect(parseDirectiveNumber(text)).toEqual(parsed);
  });

  it.each(['', 'Chỉ thị', 'CT/TW', 'số', 'CT-34'])('%j has no ordinal', (text) => {
    expect(parseDirectiveNumber(text)).toBeUndefined();
  });
});

describe('directiveNumberKey', () => {
  it.each([
    ['34-CT/TW', '34/CT-TW'],
    ['34-CT/TW', '34 - ct / tw'],
    ['34-CT/TW', 'Số 34-CT/TW'],
    ['06/2022/QH15', '6/2022/qh15'],
    ['98/2023/NĐ-CP', '98/2023/ND-CP'],
    ['Luật Thi đua', 'luat thi dua'],
  ])('%j and %j are one number', (left, right) => {
    expect(directiveNumberKey(left)).toBe(directiveNumberKey(right));
  });

  it.each([
    ['34-CT/TW', '34-CT/TU'],
    ['98/2023/NĐ-CP', '98/2024/NĐ-CP'],
    ['34-CT/TW', '340-CT/TW'],
    ['Luật Thi đua', 'Luật Thi đua, khen thưởng'],
  ])('%j and %j are different numbers', (left, right) => {
    expect(directiveNumberKey(left)).not.toBe(directiveNumberKey(right));
  });

  it('indexes the bare ordinal too, so "6/2022" finds 06/2022/QH15 by text', () => {
    expect(numberSearchText('06/2022/QH15')).toBe('06 2022 qh15 6');
    expect(numberSearchText('34-CT/TW')).toBe('34 ct tw');
  });
});

describe('findNumberReference', () => {
  it.each([
    ['34', { ordinal: '34', codes: [] }],
    ['34-CT/TW', { ordinal: '34', codes: ['ct', 'tw'] }],
    ['34/CT-TW', { ordinal: '34', codes: ['ct', 'tw'] }],
    ['ct 34', { ordinal: '34', codes: [], kind: 'Chỉ thị' }],
    ['chi thi 34', { ordinal: '34', codes: [], kind: 'Chỉ thị' }],
    ['chỉ thị số 34', { ordinal: '34', codes: [], kind: 'Chỉ thị' }],
    ['CHỈ THỊ SỐ 34-CT/TW', { ordinal: '34', codes: ['ct', 'tw'], kind: 'Chỉ thị' }],
    ['CT34', { ordinal: '34', codes: [], kind: 'Chỉ thị' }],
    ['06/2022', { ordinal: '6', year: '2022', codes: [] }],
    ['luat 06/2022', { ordinal: '6', year: '2022', codes: [], kind: 'Luật' }],
    ['nd 98', { ordinal: '98', codes: [], kind: 'Nghị định' }],
    ['nđ 98', { ordinal: '98', codes: [], kind: 'Nghị định' }],
    ['NĐ98', { ordinal: '98', codes: [], kind: 'Nghị định' }],
    ['nghị định 98/2023', { ordinal: '98', year: '2023', codes: [], kind: 'Nghị định' }],
    ['thông tư 01/2024', { ordinal: '1', year: '2024', codes: [], kind: 'Thông tư' }],
    ['ke hoach 156', { ordinal: '156', codes: [], kind: 'Kế hoạch' }],
    ['quyet dinh so 12', { ordinal: '12', codes: [], kind: 'Quyết định' }],
    ['cong van 9153', { ordinal: '9153', codes: [], kind: 'Công văn' }],
    ['văn bản số 9153', { ordinal: '9153', codes: [] }],
    // The kind is the one named right before the number, not any kind word in the query.
    ['huong dan thi hanh nghi dinh 98', { ordinal: '98', codes: [], kind: 'Nghị định' }],
    ['thi dua 2021', { ordinal: '2021', codes: [] }],
  ])('%j', (query, reference) => {
    expect(findNumberReference(query)).toMatchObject(reference);
    expect(Object.keys(findNumberReference(query)!).sort()).toEqual([...Object.keys(reference), 'key'].sort());
  });

  it.each(['thi dua khen thuong', '', 'chi thi', 'ct', 'abc34'])('%j refers to no number', (query) => {
    expect(findNumberReference(query)).toBeUndefined();
  });
});

describe('matchNumber', () => {
  const directive = (number: string, kind: string) => ({ number: parseDirectiveNumber(number), kind });
  const ct34 = directive('34-CT/TW', 'Chỉ thị');
  const qd34 = directive('34/QĐ-UBND', 'Quyết định');
  const ct20 = directive('20-CT/TU', 'Chỉ thị');
  const law = directive('06/2022/QH15', 'Luật');

  it.each([
    ['34', ct34, 'compatible'],
    ['34', qd34, 'compatible'],
    ['34', ct20, undefined],
    ['34-CT/TW', ct34, 'exact'],
    ['34/ct-tw', ct34, 'exact'],
    ['34-CT/TW', qd34, undefined],
    ['34-CT', ct34, 'compatible'],
    ['34-CT/TU', ct34, undefined],
    ['ct 34', ct34, 'compatible'],
    ['ct 34', qd34, undefined],
    ['chi thi 34', ct34, 'compatible'],
    ['quyet dinh 34', qd34, 'compatible'],
    ['06/2022', law, 'compatible'],
    ['6/2022/QH15', law, 'exact'],
    ['06/2023', law, undefined],
    ['luat 06/2022', law, 'compatible'],
    ['nd 06/2022', law, undefined],
  ] as const)('%j against %o → %s', (query, candidate, expected) => {
    expect(matchNumber(findNumberReference(query)!, candidate)).toBe(expected);
  });
});

describe('closeNumbers', () => {
  const library = [
    { id: 1, number: '34-CT/TW', kind: 'Chỉ thị', issuedOn: '2014-04-07' },
    { id: 2, number: '05-CT/TW', kind: 'Chỉ thị', issuedOn: '2016-05-15' },
    { id: 3, number: '35/QĐ-UBND', kind: 'Quyết định', issuedOn: '2020-01-01' },
    { id: 4, number: '98/2023/NĐ-CP', kind: 'Nghị định', issuedOn: '2023-12-31' },
    { id: 5, number: '350/KH-UBND', kind: 'Kế hoạch', issuedOn: '2021-01-01' },
  ].map((row) => ({ ...row, number: parseDirectiveNumber(row.number) }));
  const ids = (query: string) => closeNumbers(findNumberReference(query)!, library).map((row) => row.id);

  it.each([
    // One typo away or one disagreement, the same kind first, then the newest.
    ['chi thi 35', [2, 1, 3]],
    ['35', [5, 2, 1]],
    ['99/2023', [4]],
    ['34-CT/TU', [1]],
    ['7', []],
    ['quyet dinh 5', [2]],
  ])('%j → %j', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });
});

describe('kinds', () => {
  it('knows how every known kind is named in a query, and every code once', () => {
    expect(KIND_WORDS.map((entry) => entry.kind).sort()).toEqual([...DIRECTIVE_KINDS].sort());
    const codes = KIND_WORDS.flatMap((entry) => (entry.code ? [entry.code] : []));
    expect(new Set(codes).size).toBe(codes.length);
    expect(KIND_WORDS.map((entry) => entry.kind)).toEqual(
      expect.arrayContaining(['Thông báo', 'Quy định', 'Quy chế', 'Chương trình', 'Đề án']),
    );
    expect(kindWordsOf('Nghị định')).toEqual(['nghi', 'dinh', 'nd']);
    expect(kindWordsOf('Thông báo')).toEqual(['thong', 'bao', 'tb']);
    expect(kindWordsOf('Luật')).toEqual(['luat']);
    expect(kindWordsOf('Biên bản')).toEqual([]);
  });

  it.each([
    ['tb 350', 'Thông báo'],
    ['thông báo số 350', 'Thông báo'],
    ['tb350', 'Thông báo'],
    ['quy chế 12', 'Quy chế'],
    ['qc 12', 'Quy chế'],
    ['quy định 08', 'Quy định'],
    ['chương trình 10', 'Chương trình'],
    ['de an 01', 'Đề án'],
    ['quyết định 34', 'Quyết định'],
  ])('understands the kind in %j', (query, kind) => {
    expect(findNumberReference(query)?.kind).toBe(kind);
  });

  it('matches an open-text kind however it is written', () => {
    const notice = { number: parseDirectiveNumber('350/TB-VPCP'), kind: 'thông báo' };
    expect(matchNumber(findNumberReference('thong bao 350')!, notice)).toBe('compatible');
    expect(matchNumber(findNumberReference('tb 350')!, notice)).toBe('compatible');
    expect(matchNumber(findNumberReference('kế hoạch 350')!, notice)).toBeUndefined();
    const minutes = { number: parseDirectiveNumber('12/BB-UBND'), kind: 'Biên bản' };
    expect(matchNumber(findNumberReference('12/BB-UBND')!, minutes)).toBe('exact');
  });
});
