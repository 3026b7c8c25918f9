import { type ScoringCriterion, TIE_EPSILON } from './scoring-rules';

/**
 * Grade bands (xếp loại): a total's grade by the year's bands, a block's scored maximum and the
 * default bands that follow it. Pure, like the engine in scoring.ts.
 */
export interface GradeBand {
  name: string;
  /** Inclusive lower bound on the total (≥), in points. */
  min: number;
  /** The band is out of reach while any scored criterion stands at 0. */
  requireNoZeroCriterion?: boolean;
  /** The band is out of reach while a criterion that applies scores under this share (0..1) of its max. */
  minShareEach?: number;
}

/** Bands from the organisation file; `below` names every total under the lowest band. */
export interface GradeBands {
  bands: readonly GradeBand[];
  below: string;
}

/** Cần Thơ 2025 (../shared/docs/domain.md): ≥ 95 and no criterion at 0, ≥ 85, ≥ 75, else not completed. */
export const DEFAULT_GRADE_BANDS: GradeBands = {
  bands: [
    { name: 'Hoàn thành xuất sắc', min: 95, requireNoZeroCriterion: true },
    { name: 'Hoàn thành tốt', min: 85 },
    { name: 'Hoàn thành', min: 75 },
  ],
  below: 'Không hoàn thành',
};

/**
 * The default bands for a table whose scored criteria add up to `base` points: Cần Thơ's bands are
 * set on a 100-point base, so a block scored out of 1,000 or 550 (domain.md) gets them in proportion
 * (≥ 950, ≥ 850, ≥ 750 of 1,000). A base of 0 or 100 keeps them as they are.
 */
export function defaultGradeBands(base: number): GradeBands {
  if (!(base > 0) || base === 100) return DEFAULT_GRADE_BANDS;
  return { ...DEFAULT_GRADE_BANDS, bands: DEFAULT_GRADE_BANDS.bands.map((band) => ({ ...band, min: (band.min * base) / 100 })) };
}

/** The bands' floors (points), for showing totals that would otherwise round onto one (totalDecimals). */
export function gradeFloors(bands: GradeBands): number[] {
  return bands.bands.map((band) => band.min);
}

/** The points a table's scored criteria can give (bonus and deduction aside): its base. */
export function scoredMaximum(criteria: readonly Pick<ScoringCriterion, 'kind' | 'maxPoints'>[]): number {
  return criteria.reduce(
    (sum, criterion) =>
      criterion.kind === 'bonus' || criterion.kind === 'deduction' || !(criterion.maxPoints > 0) ? sum : sum + criterion.maxPoints,
    0,
  );
}

/**
 * The grade of a total (points): the highest band whose min the total reaches (≥, within TIE_EPSILON
 * so 94.99999999999999 is 95) and whose conditions hold; a unit barred from a band by a zero criterion
 * or by a criterion under the band's min_share_each (`lowestShare`, see UnitScore) falls to the next
 * one. Bands may be listed in any order.
 */
export function gradeOf(
  total: number,
  hasZeroCriterion: boolean,
  bands: GradeBands = DEFAULT_GRADE_BANDS,
  lowestShare: number | null = null,
): string {
  const highestFirst = [...bands.bands].sort((left, right) => right.min - left.min);
  const band = highestFirst.find(
    (candidate) =>
      total >= candidate.min - TIE_EPSILON &&
      !(candidate.requireNoZeroCriterion && hasZeroCriterion) &&
      !(candidate.minShareEach !== undefined && lowestShare !== null && lowestShare < candidate.minShareEach - TIE_EPSILON),
  );
  return band?.name ?? bands.below;
}

/** The grade a scored unit gets: by its total, its zero criterion and its lowest share (see gradeOf). */
export function gradeOfScore(score: { total: number; hasZeroCriterion: boolean; lowestShare: number | null }, bands: GradeBands): string {
  return gradeOf(score.total, score.hasZeroCriterion, bands, score.lowestShare);
}
