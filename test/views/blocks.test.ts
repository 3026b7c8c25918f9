import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packTexts } from '../../src/views/blocks';

describe('packTexts', () => {
  it('keeps a short list in one text', () => {
    expect(packTexts(['Sở Tư pháp', 'Sở Y tế'], ', ')).toEqual(['Sở Tư pháp, Sở Y tế']);
  });

  it('starts a new text where the next item would pass the limit', () => {
    expect(packTexts(['aaaa', 'bbbb', 'cccc', 'dddd'], ', ', { limit: 10 })).toEqual(['aaaa, bbbb', 'cccc, dddd']);
    expect(packTexts(['aaaa', 'bbbb', 'cccc'], ', ', { limit: 9 })).toEqual(['aaaa', 'bbbb', 'cccc']);
  });

  it('past the total length, closes with how many were left out, making room for it', () => {
    const more = (count: number) => `và ${count} đơn vị khác`;
    // 'aaaa, bbbb' fits 12; 'cccc' would pass the budget; the closing text needs room, so bbbb goes too.
    expect(packTexts(['aaaa', 'bbbb', 'cccc', 'dddd'], ', ', { limit: 30, maxLength: 12, more, moreSeparator: ' ' })).toEqual([
      'aaaa và 3 đơn vị khác',
    ]);
    // 'aaaa, …, eeee' fills 28 exactly; the closing text (17) needs room, so eeee, dddd and cccc go.
    const six = ['aaaa', 'bbbb', 'cccc', 'dddd', 'eeee', 'ffff'];
    expect(packTexts(six, ', ', { limit: 40, maxLength: 28, more, moreSeparator: ' ' })).toEqual(['aaaa, bbbb và 4 đơn vị khác']);
    expect(packTexts(six, ', ', { limit: 16, maxLength: 40, more, moreSeparator: ' ' })).toEqual(['aaaa, bbbb, cccc', 'dddd, eeee, ffff']);
  });

  it('holds every item in order, each text within the limit and all within the total, or says how many are missing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-zđơ]{1,40}$/), { maxLength: 200 }),
        fc.integer({ min: 60, max: 3000 }),
        fc.integer({ min: 0, max: 5 }),
        (items, limit, budgetTexts) => {
          const maxLength = budgetTexts === 0 ? undefined : budgetTexts * limit;
          const texts = packTexts(items, '|', { limit, maxLength, more: (count) => `+${count}` });
          for (const text of texts) expect(text.length).toBeLessThanOrEqual(limit);
          if (maxLength !== undefined) expect(texts.join('').length).toBeLessThanOrEqual(maxLength);
          const shown = texts.flatMap((text) => text.split('|')).filter((part) => part !== '');
          const more = shown.at(-1)?.startsWith('+') ? Number(shown.pop()!.slice(1)) : 0;
          expect(shown).toEqual(items.slice(0, shown.length));
          expect(shown.length + more).toBe(items.length);
        },
      ),
    );
  });
});
