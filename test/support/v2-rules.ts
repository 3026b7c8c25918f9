import type { CriterionRule } from '../../src/domain/scoring';

/** Version-2 rules the form and review tests share: a party cell's levels and award items with fixed points. */
export const LEVELS: CriterionRule = {
  levels: [
    { name: 'Hoàn thành xuất sắc nhiệm vụ', points: 10 },
    { name: 'Hoàn thành tốt nhiệm vụ', points: 8 },
  ],
};

export const AWARDS: CriterionRule = {
  items: [
    { name: 'Cờ thi đua của Chính phủ', points: 15 },
    { name: 'Cờ thi đua của UBND tỉnh', points: 10 },
    { name: 'Bằng khen của Thủ tướng Chính phủ', points: 5 },
  ],
};
