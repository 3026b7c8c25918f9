import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultGradeBands, type GradeBands, scoredMaximum } from '../../src/domain/grades';
import { computeStandings, type StandingRow } from '../../src/domain/ranking';
import { type ArbitraryUnit, version1BlockArbitrary, version1Inputs } from '../support/scoring-arbitraries';
import * as oracle from '../support/scoring-v1-oracle';

/**
 * Every version-1 file scores exactly as before version 2: for any version-1 table, any reports
 * (values, targets, reviews, missing and malformed numbers included) and any grade bands, the
 * engine gives what the frozen engine of main b0645bb (test/support/scoring-v1-oracle.ts) gives —
 * the same floats (toBe, not toBeCloseTo), notes, sources, ranks, ties and grades.
 */
const bandsArbitrary: fc.Arbitrary<GradeBands | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.record({
    bands: fc.array(
      fc.record({
        name: fc.constantFrom('Xuất sắc', 'Tốt', 'Khá', 'Đạt'),
        min: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.double({ min: 0, max: 120, noNaN: true })),
        requireNoZeroCriterion: fc.option(fc.boolean(), { nil: undefined }),
      }),
      { maxLength: 4 },
    ),
    below: fc.constant('Không hoàn thành'),
  }),
);

/** A row as version 1 had it: everything version 2 added (basis, groups, scale, lowestShare, awaitingLead) left out. */
function version1View(row: StandingRow | oracle.StandingRow) {
  return {
    unitId: row.unitId,
    rank: row.rank,
    tie: row.tie,
    order: row.order,
    reported: row.reported,
    late: row.late,
    scoreSum: row.scoreSum,
    bonus: row.bonus,
    deduction: row.deduction,
    total: row.total,
    hasZeroCriterion: row.hasZeroCriterion,
    fullyReviewed: row.fullyReviewed,
    grade: row.grade,
    criteria: row.criteria.map((line) => ({
      criterionId: line.criterionId,
      kind: line.kind,
      maxPoints: line.maxPoints,
      reported: line.reported,
      target: line.target,
      reviewed: line.reviewed,
      points: line.points,
      source: line.source,
      notes: line.notes,
    })),
  };
}

describe('version 1 tables score exactly as before version 2', () => {
  it('gives the frozen engine’s lines, totals, ranks and grades for any version-1 table and reports', () => {
    fc.assert(
      fc.property(version1BlockArbitrary, bandsArbitrary, ([criteria, units], configured) => {
        const bands = configured ?? defaultGradeBands(scoredMaximum(criteria));
        const inputs = version1Inputs(units as ArbitraryUnit[]);
        const today = computeStandings(criteria, inputs, bands);
        const before = oracle.computeStandings(criteria as oracle.ScoringCriterion[], inputs, bands);
        expect(today.rows.map(version1View)).toEqual(before.rows.map(version1View));
        // toEqual treats 0 and −0 alike, and the totals are the point of it all: compare them bit for bit.
        today.rows.forEach((row, index) => {
          expect(Object.is(row.total, before.rows[index]!.total)).toBe(true);
          expect(Object.is(row.scoreSum, before.rows[index]!.scoreSum)).toBe(true);
        });
        expect(today.hasTies).toBe(before.hasTies);
      }),
      { numRuns: 1000 },
    );
  });

  it('can fail: an engine that rounds a line is caught', () => {
    // The property above compares floats exactly; a change as small as rounding to 10 decimals shows.
    const criteria = [{ id: 1, code: '1', name: '', groupName: '', kind: 'target' as const, maxPoints: 40 }];
    const inputs = [{ unitId: 1, targets: new Map([[1, 3]]), report: { values: new Map([[1, { value: 1 }]]), late: false } }];
    const before = oracle.computeStandings(criteria, inputs).rows[0]!.total;
    expect(Math.round(before * 1e10) / 1e10).not.toBe(before);
    expect(computeStandings(criteria, inputs).rows[0]!.total).toBe(before);
  });
});
