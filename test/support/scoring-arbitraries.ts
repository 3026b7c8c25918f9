import fc from 'fast-check';
import { type ScoringCriterion, type UnitScoringInput, VERSION_1_KINDS } from '../../src/domain/scoring';

/**
 * fast-check arbitraries of version-1 scoring tables and their units' reports: any number a value,
 * target, review or max may hold (NaN, ±Infinity, −0, denormals) mixed with the small round figures
 * real reports hold (so that ties, caps and grade bands are met often, not only by chance).
 */
export const anyNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, 1e-320),
);
const realisticNumber = fc.oneof(fc.integer({ min: -2, max: 120 }), fc.double({ min: 0, max: 120, noNaN: true }));
const someNumber = fc.oneof({ weight: 1, arbitrary: anyNumber }, { weight: 3, arbitrary: realisticNumber });
const maxPoints = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: 0, max: 10_000, noNaN: true }) },
  { weight: 4, arbitrary: fc.constantFrom(5, 10, 15, 20, 40) },
  { weight: 1, arbitrary: anyNumber },
);

export const version1CriteriaArbitrary = fc
  .array(fc.record({ kind: fc.constantFrom(...VERSION_1_KINDS), maxPoints, groupName: fc.constantFrom('I', 'II', 'III') }), {
    minLength: 1,
    maxLength: 12,
  })
  .map((lines) => lines.map((line, index): ScoringCriterion => ({ id: index + 1, code: String(index + 1), name: '', ...line })));

export type ArbitraryUnit = {
  reported: boolean;
  late: boolean;
  values: (number | null)[];
  targets: (number | undefined)[];
  reviewed: (number | undefined)[] | undefined;
};

const unitArbitrary = (count: number): fc.Arbitrary<ArbitraryUnit> =>
  fc.record({
    reported: fc.boolean(),
    late: fc.boolean(),
    values: fc.array(fc.option(someNumber, { nil: null }), { minLength: count, maxLength: count }),
    targets: fc.array(fc.option(someNumber, { nil: undefined }), { minLength: count, maxLength: count }),
    reviewed: fc.option(fc.array(fc.option(someNumber, { nil: undefined }), { minLength: count, maxLength: count }), { nil: undefined }),
  });

/** A version-1 table and 1–12 units' inputs for it. */
export const version1BlockArbitrary = version1CriteriaArbitrary.chain((criteria) =>
  fc.tuple(fc.constant(criteria), fc.array(unitArbitrary(criteria.length), { minLength: 1, maxLength: 12 })),
);

/** The engine's inputs for the arbitrary units (criterion ids are 1..n, unit ids 1..m, unit codes U1..Um). */
export function version1Inputs(units: ArbitraryUnit[]): UnitScoringInput[] {
  return units.map((unit, index) => {
    const pairs = <T>(list: (T | undefined)[]) =>
      list.flatMap((value, at) => (value === undefined ? [] : [[at + 1, value] as [number, T]]));
    return {
      unitId: index + 1,
      unitCode: `U${index + 1}`,
      targets: new Map(pairs(unit.targets)),
      ...(unit.reported
        ? {
            report: {
              values: new Map(unit.values.map((value, at) => [at + 1, { value }])),
              late: unit.late,
              ...(unit.reviewed ? { review: { points: new Map(pairs(unit.reviewed)), reviewerUserId: 'U0LEAD' } } : {}),
            },
          }
        : {}),
    };
  });
}
