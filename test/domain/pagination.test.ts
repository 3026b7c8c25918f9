import { describe, expect, it } from 'vitest';
import { fitWithin, pagesBySize, pageWindow } from '../../src/domain/pagination';
import { packTexts } from '../../src/views/blocks';

describe('pageWindow', () => {
  it.each([
    [0, 10, 0, { page: 0, pageCount: 1, start: 0, end: 0 }],
    [7, 10, 0, { page: 0, pageCount: 1, start: 0, end: 7 }],
    [40, 10, 0, { page: 0, pageCount: 4, start: 0, end: 10 }],
    [40, 10, 3, { page: 3, pageCount: 4, start: 30, end: 40 }],
    [41, 10, 4, { page: 4, pageCount: 5, start: 40, end: 41 }],
    [40, 10, 9, { page: 3, pageCount: 4, start: 30, end: 40 }],
    [40, 10, -2, { page: 0, pageCount: 4, start: 0, end: 10 }],
    [120, 45, 2, { page: 2, pageCount: 3, start: 90, end: 120 }],
  ])('%d items, %d a page, page %d', (total, size, page, window) => {
    expect(pageWindow(total, size, page)).toEqual(window);
  });
});

describe('packTexts with a line separator', () => {
  it.each([
    [[], 10, []],
    [['abc'], 10, ['abc']],
    [['abc', 'def'], 7, ['abc\ndef']],
    [['abc', 'def'], 6, ['abc', 'def']],
    [['abcdefghij'], 5, ['abcd…']],
    [['ab', 'abcdefghij', 'cd'], 5, ['ab', 'abcd…', 'cd']],
  ])('%j within %d → %j', (lines, limit, chunks) => {
    expect(packTexts(lines, '\n', { limit })).toEqual(chunks);
  });

  it('never makes a chunk longer than the limit and loses no line', () => {
    const lines = Array.from({ length: 200 }, (_, index) => `dòng ${index} `.repeat((index % 7) + 1));
    const chunks = packTexts(lines, '\n', { limit: 300 });
    expect(chunks.every((chunk) => chunk.length <= 300)).toBe(true);
    expect(chunks.join('\n').split('\n')).toEqual(lines);
  });
});

describe('pagesBySize', () => {
  it.each([
    [[], 10, [[]]],
    [[3, 3, 3], 10, [[3, 3, 3]]],
    [[6, 6, 6], 10, [[6], [6], [6]]],
    [
      [4, 6, 1, 9],
      10,
      [
        [4, 6],
        [1, 9],
      ],
    ],
    [[15, 2], 10, [[15], [2]]],
  ])('%j within %d', (sizes, budget, pages) => {
    expect(pagesBySize(sizes, (size) => size, budget)).toEqual(pages);
  });
});

describe('fitWithin', () => {
  it.each([
    [['aa', 'bb', 'cc'], 100, 1, ['aa', 'bb', 'cc'], 0],
    [['aa', 'bb', 'cc'], 5, 1, ['aa', 'bb'], 1],
    [['aa', 'bb', 'cc'], 4, 1, ['aa'], 2],
    [['aaaa'], 3, 0, [], 1],
  ])('%j within %d', (items, budget, separator, shown, omitted) => {
    expect(fitWithin(items, (item) => item.length, budget, separator)).toEqual({ shown, omitted });
  });
});
