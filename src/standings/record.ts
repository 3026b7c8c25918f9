import { z } from 'zod';
import { gradeFloors } from '../domain/grades';
import { CRITERION_KINDS, type CriterionRule, SCORE_NOTES, type ScoreBasis, TIE_EPSILON } from '../domain/scoring';
import type { LoadedStandings } from './load';

/**
 * A block's standings for a period as plain JSON: what `xephang` shows, what a channel post says, and
 * — stored in standings_snapshots — exactly what was published. It carries the names as they were,
 * every unit's lines (so a published table can be checked line by line later, whatever changes
 * since) and a version number, so older snapshots stay readable when the shape grows.
 *
 * "Changed since publication" compares the current standings with the latest snapshot unit by unit:
 * rank, whether it reported, the total (within TIE_EPSILON, as ranking does), the grade, and whether
 * its report is reviewed or returned (a post that still says "chờ thẩm định" after the lead confirmed
 * the figures deserves a correction). A line that moved without moving any of those is not a change.
 */
export const STANDINGS_RECORD_VERSION = 1;

const kind = z.enum(CRITERION_KINDS);
/** Written by standingsRecord from the engine's own types; read back as they were written. */
const basis = z.custom<ScoreBasis>(
  (value) => typeof value === 'object' && value !== null && typeof (value as { rule?: unknown }).rule === 'string',
);
const rule = z.custom<CriterionRule>((value) => typeof value === 'object' && value !== null);
const line = z.object({
  criterionId: z.number(),
  reported: z.number().nullable(),
  target: z.number().nullable(),
  reviewed: z.number().nullable(),
  points: z.number(),
  source: z.enum(['computed', 'self', 'reviewed', 'none']),
  notes: z.array(z.enum(SCORE_NOTES)),
  basis: basis.optional(),
});
const row = z.object({
  unitId: z.number(),
  unitName: z.string(),
  rank: z.number(),
  tie: z.boolean(),
  reported: z.boolean(),
  late: z.boolean(),
  fullyReviewed: z.boolean(),
  returned: z.boolean(),
  pendingChange: z.boolean(),
  reviewerUserId: z.string().nullable(),
  scoreSum: z.number(),
  bonus: z.number(),
  deduction: z.number(),
  total: z.number(),
  grade: z.string().nullable(),
  /** A lead-scored line is not scored yet: the grade may still change. */
  gradeProvisional: z.boolean().optional(),
  /** Capped groups: the sum of their lines and what counted. */
  groups: z.array(z.object({ name: z.string(), max: z.number(), sum: z.number(), counted: z.number() })).optional(),
  /** not_applicable rescale: the scored sum × base / applicable. */
  scale: z.object({ base: z.number(), applicable: z.number() }).nullable().optional(),
  lines: z.array(line),
});
const recordSchema = z.object({
  version: z.literal(STANDINGS_RECORD_VERSION),
  block: z.object({ id: z.number(), code: z.string(), name: z.string() }),
  period: z.object({ id: z.number(), code: z.string(), name: z.string(), year: z.number(), due: z.number() }),
  /** When the standings were computed (UTC ms). */
  computedAt: z.number(),
  criteria: z.array(
    z.object({
      id: z.number(),
      code: z.string(),
      name: z.string(),
      groupName: z.string(),
      kind,
      maxPoints: z.number(),
      measureUnit: z.string().nullable(),
      rule: rule.nullable().optional(),
    }),
  ),
  rows: z.array(row),
  /** The grade bands' floors (points); absent in snapshots stored before they were kept. */
  gradeFloors: z.array(z.number()).optional(),
});

export type StandingsRecord = z.infer<typeof recordSchema>;
export type StandingsRecordRow = StandingsRecord['rows'][number];
export type StandingsRecordLine = StandingsRecordRow['lines'][number];

/** The loaded standings as a record, rows in rank order. */
export function standingsRecord(loaded: LoadedStandings, computedAt: Date): StandingsRecord {
  const names = new Map(loaded.members.map((member) => [member.id, member.name]));
  return {
    version: STANDINGS_RECORD_VERSION,
    block: { id: loaded.block.id, code: loaded.block.code, name: loaded.block.name },
    period: {
      id: loaded.period.id,
      code: loaded.period.code,
      name: loaded.period.name,
      year: loaded.period.year,
      due: loaded.period.due.getTime(),
    },
    computedAt: computedAt.getTime(),
    gradeFloors: gradeFloors(loaded.bands),
    criteria: loaded.criteria.map((criterion) => ({
      id: criterion.id,
      code: criterion.code,
      name: criterion.name,
      groupName: criterion.groupName,
      kind: criterion.kind,
      maxPoints: criterion.maxPoints,
      measureUnit: criterion.measureUnit,
      rule: criterion.rule,
    })),
    rows: loaded.standings.rows.map((score) => {
      const meta = loaded.meta.get(score.unitId);
      return {
        unitId: score.unitId,
        unitName: names.get(score.unitId) ?? String(score.unitId),
        rank: score.rank,
        tie: score.tie,
        reported: score.reported,
        late: score.late,
        fullyReviewed: score.fullyReviewed,
        returned: meta?.returned ?? false,
        pendingChange: meta?.pendingChange ?? false,
        reviewerUserId: meta?.reviewerUserId ?? null,
        scoreSum: score.scoreSum,
        bonus: score.bonus,
        deduction: score.deduction,
        total: score.total,
        grade: score.grade,
        gradeProvisional: score.awaitingLead,
        groups: score.groups,
        scale: score.scale,
        lines: score.criteria.map((criterion) => ({
          criterionId: criterion.criterionId,
          reported: criterion.reported,
          target: criterion.target,
          reviewed: criterion.reviewed,
          points: criterion.points,
          source: criterion.source,
          notes: criterion.notes,
          basis: criterion.basis,
        })),
      };
    }),
  };
}

/** A stored record read back, or undefined when it is not one this version can read. */
export function parseStandingsRecord(data: unknown): StandingsRecord | undefined {
  const parsed = recordSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}

/** What a unit's standing was and is: undefined on the side where it was not in the block. */
export interface StandingChange {
  unitId: number;
  unitName: string;
  before?: Standing;
  after?: Standing;
}

type Standing = Pick<StandingsRecordRow, 'rank' | 'reported' | 'total' | 'grade' | 'fullyReviewed' | 'returned'>;

function sameStanding(left: StandingsRecordRow, right: StandingsRecordRow): boolean {
  return (
    left.rank === right.rank &&
    left.reported === right.reported &&
    Math.abs(left.total - right.total) <= TIE_EPSILON &&
    left.grade === right.grade &&
    left.fullyReviewed === right.fullyReviewed &&
    left.returned === right.returned
  );
}

const standingOf = ({ rank, reported, total, grade, fullyReviewed, returned }: StandingsRecordRow): Standing => ({
  rank,
  reported,
  total,
  grade,
  fullyReviewed,
  returned,
});

/** The units whose rank, total, grade, reporting or review differ between the published and the current standings, in the current order. */
export function standingChanges(published: StandingsRecord, current: StandingsRecord): StandingChange[] {
  const before = new Map(published.rows.map((entry) => [entry.unitId, entry]));
  const changes: StandingChange[] = [];
  for (const entry of current.rows) {
    const old = before.get(entry.unitId);
    before.delete(entry.unitId);
    if (old && sameStanding(old, entry)) continue;
    changes.push({ unitId: entry.unitId, unitName: entry.unitName, ...(old ? { before: standingOf(old) } : {}), after: standingOf(entry) });
  }
  for (const old of before.values()) changes.push({ unitId: old.unitId, unitName: old.unitName, before: standingOf(old) });
  return changes;
}
