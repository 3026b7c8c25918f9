import { type NumberProblem, readNumber } from './numbers';

/**
 * The rules of the lead's review form, apart from how it looks: points for each criterion the lead
 * decides, from 0 to its ceiling (reviewCeiling: a bonus is accepted or cut, never raised above
 * what the unit claimed); an outcome, confirm or return; a reason when returning.
 */
export type PointsProblem = NumberProblem | { kind: 'range' };

export type ReviewProblem =
  | { field: 'points'; criterionId: number; problem: PointsProblem; max: number }
  | { field: 'outcome' }
  | { field: 'reason' };

/** The lead's points for one criterion: a number from 0 to `max`. */
export function readPoints(
  typed: string | null | undefined,
  max: number,
): { ok: true; value: number } | { ok: false; problem: PointsProblem } {
  const reading = readNumber(typed);
  if (!reading.ok) return reading;
  return reading.value < 0 || reading.value > max ? { ok: false, problem: { kind: 'range' } } : reading;
}
