import { describe, expect, it } from 'vitest';
import { findByCodeOrName, findPeriod, nearestNamed, parsePeriodWords, parseScopeWords } from '../../src/domain/scope-words';

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
    // Any distinctive part of one block's name: words that follow each other in that name only.
    ['van hoa', 'VH_XH', undefined, ''],
    ['xã hội 2021', 'VH_XH', 2021, ''],
    ['hoa xa', 'VH_XH', undefined, ''],
    ['so 1', 'CUM1', undefined, ''],
    ['thi dua', undefined, undefined, 'thi dua'],
    ['van hoa cai cach', undefined, undefined, 'van hoa cai cach'],
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

const PERIODS = [
  { code: 'Q1', name: 'Quý I' },
  { code: 'H1', name: '6 tháng đầu năm' },
  { code: 'M9', name: '9 tháng' },
  { code: 'NAM', name: 'Cả năm' },
];

describe('findPeriod', () => {
  it.each([
    ['Q1', 'Q1'],
    ['q1', 'Q1'],
    ['quy 1', 'Q1'],
    ['Quý I', 'Q1'],
    ['QUY I', 'Q1'],
    ['ky Q1', 'Q1'],
    ['6 thang', 'H1'],
    ['6 tháng đầu năm', 'H1'],
    ['h1', 'H1'],
    ['9 thang', 'M9'],
    ['nam', 'NAM'], // the code, although "năm" is in other names too
    ['ca nam', 'NAM'],
  ])('%j → %s', (typed, code) => {
    const found = findPeriod(typed, PERIODS);
    expect(found.kind === 'found' && found.item.code).toBe(code);
  });

  it.each(['quy 2', 'thang', 'x'])('%j names no single period', (typed) => {
    expect(findPeriod(typed, PERIODS).kind).not.toBe('found');
  });
});

describe('parsePeriodWords', () => {
  it.each([
    ['', undefined, undefined, undefined, ''],
    ['Q1', 'Q1', undefined, undefined, ''],
    ['q1 noi chinh', 'Q1', 'NOI_CHINH', undefined, ''],
    ['noi chinh quy I', 'Q1', 'NOI_CHINH', undefined, ''],
    ['6 thang van hoa xa hoi 2021', 'H1', 'VH_XH', 2021, ''],
    ['2021 khoi noi chinh 9 thang', 'M9', 'NOI_CHINH', 2021, ''],
    ['noi chinh', undefined, 'NOI_CHINH', undefined, ''],
    ['quy 7', undefined, undefined, undefined, 'quy 7'],
    // What was understood is kept; only the words it leaves are quoted back.
    ['q1 khoi kinh te', 'Q1', undefined, undefined, 'khoi kinh te'],
    ['khoi kinh te 6 thang 2021', 'H1', undefined, 2021, 'khoi kinh te'],
    // A block name typed with a slip, when one block is clearly the nearest.
    ['quy 1 noi chin', 'Q1', 'NOI_CHINH', undefined, ''],
    ['noi chinhh quy 1', 'Q1', 'NOI_CHINH', undefined, ''],
    ['Q1 khoi noi chnh', 'Q1', 'NOI_CHINH', undefined, ''],
    ['van hao xa hoi 2021', undefined, 'VH_XH', 2021, ''],
    ['van hoa', undefined, 'VH_XH', undefined, ''],
    ['quy 1 van hoa', 'Q1', 'VH_XH', undefined, ''],
    ['xa hoi 6 thang', 'H1', 'VH_XH', undefined, ''],
  ])('%j → period %s, block %s, year %s, rest %j', (typed, period, block, year, rest) => {
    const parsed = parsePeriodWords(typed, BLOCKS, PERIODS);
    expect([parsed.period?.code, parsed.block?.code, parsed.year, parsed.rest]).toEqual([period, block, year, rest]);
  });
});

describe('nearestNamed', () => {
  const NEAR_BLOCKS = [...BLOCKS, { code: 'NOI_CHIN', name: 'Khối thi đua Nội chín' }];
  it.each([
    // Typos, missing diacritics, letters swapped, a letter missing or doubled: the one close name.
    ['so tu phapp', 'STP', UNITS],
    ['Sở Tư phá', 'STP', UNITS],
    ['tu phpa', 'STP', UNITS],
    ['cong ann tinh', 'CA', UNITS],
    ['toa an nhan dann', 'TAND', UNITS],
    ['thanh tra tinhh', 'TT', UNITS],
    ['noi chin', 'NOI_CHINH', BLOCKS],
    ['khoi noi chinhh', 'NOI_CHINH', BLOCKS],
    ['Khối thi đua Văn hoá xã hôi', 'VH_XH', BLOCKS],
    ['NOI_CHNH', 'NOI_CHINH', BLOCKS],
  ])('%j → %s', (typed, code, candidates) => {
    const near = nearestNamed(typed, candidates);
    expect(near.kind === 'clear' && near.item.code).toBe(code);
  });

  it.each([
    // Names as close as each other: offered, never guessed.
    ['noi chinn', ['NOI_CHIN', 'NOI_CHINH'], NEAR_BLOCKS],
    ['Khối thi đua Nội chínn', ['NOI_CHIN', 'NOI_CHINH'], NEAR_BLOCKS],
    ['nhan dan tinhh', ['TAND', 'VKS'], [...UNITS, { code: 'VKS', name: 'Viện Kiểm sát nhân dân tỉnh' }]],
  ])('%j may mean %j', (typed, codes, candidates) => {
    const near = nearestNamed(typed, candidates);
    expect(near.kind === 'unsure' ? near.items.map((block) => block.code).sort() : []).toEqual(codes);
  });

  it.each([
    // Too short to tell a slip from another word; too far from every name; nothing typed.
    ['stq', UNITS],
    ['so y t', UNITS],
    ['so', UNITS],
    ['xyz', UNITS],
    ['so ke hoach dau tu', UNITS],
    ['kinh te', BLOCKS],
    ['', UNITS],
    ['khoi thi dua', BLOCKS],
    ['noi vuu chin', [...BLOCKS, { code: 'NOI_VU', name: 'Khối thi đua Nội vụ' }]],
    ['hoa chinh', BLOCKS],
  ])('%j names nothing near', (typed, candidates: readonly { code: string; name: string }[]) => {
    expect(nearestNamed(typed, candidates)).toEqual({ kind: 'none' });
  });

  it('offers every block the words may mean, keeping the period understood', () => {
    const parsed = parsePeriodWords('quy 1 noi chinn', NEAR_BLOCKS, PERIODS);
    expect(parsed.period?.code).toBe('Q1');
    expect(parsed.block).toBeUndefined();
    expect(parsed.rest).toBe('noi chinn');
    expect(parsed.nearBlocks?.map((block) => block.code).sort()).toEqual(['NOI_CHIN', 'NOI_CHINH']);
  });
});

describe('the names folded once per list', () => {
  const PERIODS = [
    { code: 'Q1', name: 'Quý I' },
    { code: '6T', name: '6 tháng' },
  ];

  it('reads a frozen list (as the read cache hands it out) as before, however often', () => {
    const blocks = Object.freeze(BLOCKS.map((block) => Object.freeze({ ...block })));
    const periods = Object.freeze(PERIODS.map((period) => Object.freeze({ ...period })));
    for (let round = 0; round < 3; round++) {
      expect(parsePeriodWords('quy 1 noi chinh', blocks, periods)).toEqual({ period: periods[0], block: blocks[0], rest: '' });
      expect(parseScopeWords('van hoa 2021', blocks)).toEqual({ block: blocks[1], year: 2021, rest: '' });
      expect(findPeriod('Quý I', periods)).toEqual({ kind: 'found', item: periods[0] });
      expect(findByCodeOrName('cum1', blocks)).toEqual({ kind: 'found', item: blocks[2] });
    }
  });

  it('reads a list that may change as it is at each call', () => {
    const blocks = BLOCKS.map((block) => ({ ...block }));
    const periods = PERIODS.map((period) => ({ ...period }));
    expect(parseScopeWords('NOI_CHINH', blocks).block).toBe(blocks[0]);
    expect(parsePeriodWords('6 thang', blocks, periods).period).toBe(periods[1]);
    expect(findByCodeOrName('noi chinh', blocks)).toEqual({ kind: 'found', item: blocks[0] });
    blocks[0] = { code: 'TU_PHAP', name: 'Khối thi đua Tư pháp' };
    periods.push({ code: 'NAM', name: 'Cả năm thi đua' });
    expect(parseScopeWords('NOI_CHINH', blocks).block).toBeUndefined();
    expect(parseScopeWords('tu phap', blocks).block).toBe(blocks[0]);
    expect(findByCodeOrName('noi chinh', blocks)).toEqual({ kind: 'none' });
    expect(findPeriod('ca nam', periods)).toEqual({ kind: 'found', item: periods[2] });
    // A longer period name than any before: read whole, not cut at the old longest.
    expect(parsePeriodWords('ca nam thi dua', blocks, periods).period).toBe(periods[2]);
  });

  it('reads a frozen list whose items may still change as it is at each call', () => {
    const blocks = Object.freeze(BLOCKS.map((block) => ({ ...block })));
    expect(parseScopeWords('NOI_CHINH', blocks).block).toBe(blocks[0]);
    blocks[0]!.code = 'NC';
    expect(parseScopeWords('NC', blocks).block).toBe(blocks[0]);
  });
});
