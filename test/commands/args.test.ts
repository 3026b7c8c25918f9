import { describe, expect, it } from 'vitest';
import { findByCodeOrName, parseScopeWords } from '../../commands/args';

const BLOCKS = [
  { code: 'NOI_CHINH', name: 'Khối thi đua Nội chính' },
  { code: 'VH_XH', name: 'Khối thi đua Văn hóa – Xã hội' },
  { code: 'CUM1', name: 'Cụm thi đua số 1' },
];

describe('parseScopeWords', () => {
  it.each([
    ['', undefined, undefined, ''],
    ['NOI_CHINH', 'NOI_CHINH', undefined, ''],
    ['noi_chinh 2021', 'NOI_CHINH', 2021, ''],
    ['noi chinh', 'NOI_CHINH', undefined, ''],
    ['Nội chính 2021', 'NOI_CHINH', 2021, ''],
    ['khoi noi chinh', 'NOI_CHINH', undefined, ''],
    ['Khối thi đua Nội chính', 'NOI_CHINH', undefined, ''],
    ['KHỐI NỘI CHÍNH', 'NOI_CHINH', undefined, ''],
    ['noichinh', 'NOI_CHINH', undefined, ''],
    ['2021 noi chinh', 'NOI_CHINH', 2021, ''],
    ['vh_xh', 'VH_XH', undefined, ''],
    ['vh-xh 2021', 'VH_XH', 2021, ''],
    ['van hoa xa hoi', 'VH_XH', undefined, ''],
    ['Văn hóa – Xã hội cai cach', 'VH_XH', undefined, 'cai cach'],
    ['cum thi dua so 1', 'CUM1', undefined, ''],
    ['2021', undefined, 2021, ''],
    ['cai cach', undefined, undefined, 'cai cach'],
    ['2021 cai cach', undefined, 2021, 'cai cach'],
    ['noi chinh 2021 cai cach', 'NOI_CHINH', 2021, 'cai cach'],
    ['cai cach 2021', undefined, 2021, 'cai cach'],
    // A filter that starts like a block name is not taken for the block.
    ['noi bo', undefined, undefined, 'noi bo'],
    ['noi chinh noi bo', 'NOI_CHINH', undefined, 'noi bo'],
    ['9', undefined, undefined, '9'],
    ['khoi kinh te', undefined, undefined, 'khoi kinh te'],
  ])('%j → block %s, year %s, rest %j', (typed, block, year, rest) => {
    const parsed = parseScopeWords(typed, BLOCKS);
    expect(parsed.block?.code).toBe(block);
    expect(parsed.year).toBe(year);
    expect(parsed.rest).toBe(rest);
  });

  it('takes only the first four-digit word as the year', () => {
    expect(parseScopeWords('2021 2022', BLOCKS)).toEqual({ year: 2021, rest: '2022' });
  });
});

const UNITS = [
  { code: 'TT', name: 'Thanh tra tỉnh' },
  { code: 'CA', name: 'Công an tỉnh' },
  { code: 'STP', name: 'Sở Tư pháp' },
  { code: 'SYT', name: 'Sở Y tế' },
  { code: 'TAND', name: 'Tòa án nhân dân tỉnh' },
];

describe('findByCodeOrName', () => {
  it.each([
    ['CA', 'CA'],
    ['ca', 'CA'],
    ['Công an tỉnh', 'CA'],
    ['cong an tinh', 'CA'],
    ['cong an', 'CA'],
    ['so tu phap', 'STP'],
    ['tu phap', 'STP'],
    ['toa an', 'TAND'],
    ['tand', 'TAND'],
  ])('%j finds %s', (typed, code) => {
    const found = findByCodeOrName(typed, UNITS);
    expect(found.kind).toBe('found');
    expect(found.kind === 'found' && found.item.code).toBe(code);
  });

  it.each([[''], ['   '], ['xyz'], ['c']])('%j finds nothing', (typed) => {
    expect(findByCodeOrName(typed, UNITS)).toEqual({ kind: 'none' });
  });

  it('says when a word names several', () => {
    const found = findByCodeOrName('so', UNITS);
    expect(found.kind).toBe('ambiguous');
    expect(found.kind === 'ambiguous' && found.items.map((unit) => unit.code)).toEqual(['STP', 'SYT']);
  });
});
