import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closestMatches, editDistance, foldAligned, foldedWords, foldVietnamese, wordsAsWritten } from '../../src/domain/fold';

/** Every Vietnamese vowel with its five tones (ngang, huyền, sắc, hỏi, ngã, nặng) and the letter it folds to. */
const TONES: [string, string][] = [
  ['aàáảãạ', 'a'],
  ['ăằắẳẵặ', 'a'],
  ['âầấẩẫậ', 'a'],
  ['eèéẻẽẹ', 'e'],
  ['êềếểễệ', 'e'],
  ['iìíỉĩị', 'i'],
  ['oòóỏõọ', 'o'],
  ['ôồốổỗộ', 'o'],
  ['ơờớởỡợ', 'o'],
  ['uùúủũụ', 'u'],
  ['ưừứửữự', 'u'],
  ['yỳýỷỹỵ', 'y'],
];

const PHRASES: [string, string][] = [
  ['Thi đua, khen thưởng', 'thi dua, khen thuong'],
  ['Hoàn thành xuất sắc', 'hoan thanh xuat sac'],
  ['Quyết định', 'quyet dinh'],
  ['Nghị định', 'nghi dinh'],
  ['Đoàn kết', 'doan ket'],
  ['ĐOÀN KẾT, KỶ CƯƠNG', 'doan ket, ki cuong'],
  ['đăng ký, đăng kí, dangky', 'dang ki, dang ki, dangki'],
  ['Quý I, quí I; lý do, lí do; chiến sỹ, chiến sĩ', 'qui i, qui i; li do, li do; chien si, chien si'],
  ['Quyết định, Nguyễn, thủy, yêu, tay', 'quyet dinh, nguyen, thuy, yeu, tay'],
  ['Ủy ban nhân dân tỉnh Vĩnh Phúc', 'uy ban nhan dan tinh vinh phuc'],
  ['Sở Lao động, Thương binh và Xã hội', 'so lao dong, thuong binh va xa hoi'],
  ['Chỉ thị 34-CT/TW', 'chi thi 34-ct/tw'],
  ['Nghị định 98/2023/NĐ-CP', 'nghi dinh 98/2023/nd-cp'],
  ['Ban Thi đua – Khen thưởng', 'ban thi dua – khen thuong'],
  ['Tập thể lao động xuất sắc', 'tap the lao dong xuat sac'],
  ['Cờ thi đua của Chính phủ', 'co thi dua cua chinh phu'],
  ['Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh', 'hoc tap va lam theo tu tuong, dao duc, phong cach ho chi minh'],
  ['điển hình tiên tiến', 'dien hinh tien tien'],
  ['ĐỔI MỚI', 'doi moi'],
  ['đĐđĐ', 'dddd'],
  ['ThI ĐuA', 'thi dua'],
  ['  Thi   đua \t khen\nthưởng  ', 'thi dua khen thuong'],
  ['hoà / hòa, thuỷ / thủy', 'hoa / hoa, thuy / thuy'],
  ['', ''],
];

describe('foldVietnamese', () => {
  it.each(TONES.flatMap(([forms, base]) => [...forms].flatMap((form) => [[form, base] as const, [form.toUpperCase(), base] as const])))(
    'folds %s to %s',
    (form, base) => {
      expect(foldVietnamese(form)).toBe(base);
    },
  );

  it.each(PHRASES)('folds %j to %j', (phrase, folded) => {
    expect(foldVietnamese(phrase)).toBe(folded);
  });

  it.each(PHRASES)('folds %j the same composed (NFC) and decomposed (NFD)', (phrase, folded) => {
    expect(foldVietnamese(phrase.normalize('NFD'))).toBe(folded);
    expect(foldVietnamese(phrase.normalize('NFC'))).toBe(folded);
  });

  it('really gets decomposed input above: ư and ở bring three marks of their own', () => {
    expect('Thi đua, khen thưởng'.normalize('NFD').length).toBe('Thi đua, khen thưởng'.length + 3);
  });

  it('does not fold đ by decomposition alone (why it is folded explicitly)', () => {
    expect('đ'.normalize('NFD')).toBe('đ');
    expect(foldVietnamese('đ')).toBe('d');
  });
});

describe('foldedWords', () => {
  it.each([
    ['Thi đua, khen thưởng', ['thi', 'dua', 'khen', 'thuong']],
    ['34-CT/TW', ['34', 'ct', 'tw']],
    ['98/2023/NĐ-CP', ['98', '2023', 'nd', 'cp']],
    ['"thi" AND (dua)*', ['thi', 'and', 'dua']],
    ['  ', []],
  ])('%j → %j', (text, words) => {
    expect(foldedWords(text)).toEqual(words);
  });
});

describe('wordsAsWritten', () => {
  it.each([
    [
      'Thi đua, KHEN THƯỞNG',
      [
        ['thi', 'thi'],
        ['dua', 'đua'],
        ['khen', 'khen'],
        ['thuong', 'thưởng'],
      ],
    ],
    [
      'Nghị định 98/2023/NĐ-CP',
      [
        ['nghi', 'nghị'],
        ['dinh', 'định'],
        ['nd', 'nđ'],
        ['cp', 'cp'],
      ],
    ],
    [
      'Quý I/2020',
      [
        ['qui', 'quý'],
        ['i', 'i'],
      ],
    ],
  ])('%j', (text, words) => {
    expect(wordsAsWritten(text)).toEqual(words);
    expect(wordsAsWritten(text.normalize('NFD')).map(([folded, written]) => [folded, written.normalize('NFC')])).toEqual(words);
  });
});

/** Letters of Vietnamese (both cases, composed), a few marks on their own, spaces and punctuation. */
const VIETNAMESE = [
  ...TONES.flatMap(([forms]) => [...forms, ...forms.toUpperCase()]),
  ...'bcdđĐghklmnpqrstvxBCDGHKLMNPQRSTVX0123456789 \t\n,.;:–-/()"*',
];

describe('foldAligned', () => {
  it.each(PHRASES)('folds %j exactly as foldVietnamese, composed and decomposed', (phrase) => {
    for (const input of [phrase.normalize('NFC'), phrase.normalize('NFD')]) expect(foldAligned(input).folded).toBe(foldVietnamese(input));
  });

  it('maps "Thi đua" character by character, a decomposed mark staying with its letter', () => {
    const composed = foldAligned('Thi  đua');
    expect(composed).toEqual({ folded: 'thi dua', from: [0, 1, 2, 3, 5, 6, 7], to: [1, 2, 3, 5, 6, 7, 8] });
    const decomposed = foldAligned('thưởng'.normalize('NFD'));
    expect(decomposed.folded).toBe('thuong');
    // ư is u + horn, ở is o + horn + hook: each letter spans its marks.
    expect(decomposed.from.map((from, index) => 'thưởng'.normalize('NFD').slice(from, decomposed.to[index]))).toEqual([
      't',
      'h',
      'u\u031b',
      'o\u031b\u0309',
      'n',
      'g',
    ]);
  });

  it('agrees with foldVietnamese on any Vietnamese text, and every folded letter comes from its source', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...VIETNAMESE), maxLength: 40 }), fc.boolean(), (text, decompose) => {
        const input = decompose ? text.normalize('NFD') : text;
        const aligned = foldAligned(input);
        expect(aligned.folded).toBe(foldVietnamese(input));
        for (let index = 0; index < aligned.folded.length; index++) {
          const source = input.slice(aligned.from[index], aligned.to[index]);
          if (aligned.folded[index] === ' ') expect(source).toMatch(/^\s+$/);
          // A letter alone folds as written; in a word, a y ending a syllable after a consonant folds as i.
          else expect(foldVietnamese(source).replace('y', aligned.folded[index] === 'i' ? 'i' : 'y')).toBe(aligned.folded[index]);
        }
      }),
    );
  });
});

describe('editDistance and closestMatches', () => {
  it.each([
    ['thuong', 'thuong', 0],
    ['thuongg', 'thuong', 1],
    ['thoung', 'thuong', 1],
    ['34', '43', 1],
    ['khen', 'thuong', 4],
  ])('%s ↔ %s = %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });

  it('suggests close words only, best first', () => {
    expect(closestMatches('thuongg', ['thuong', 'thuc', 'khen', 'truong'])).toEqual(['thuong', 'truong']);
    expect(closestMatches('qwzrtx', ['thuong', 'khen'])).toEqual([]);
  });
});
