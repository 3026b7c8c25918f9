import { TIE_EPSILON } from './scoring-rules';

/**
 * Commendation rules (years[].commendations) and the block's year-end decision (bình xét, suy tôn):
 * who may be proposed for each title, how many, and what the block's secret ballot decides. Pure.
 *
 * - A unit is eligible for a title when it has a year result, its year grade is at least the title's
 *   `min_grade` (grades ordered as the bands, highest first), it registered the title in its pledge
 *   in force (unless `registered: false`), and no counted period has a deduction under one of the
 *   title's `no_deduction` criteria (or, when items are named, one of those items).
 * - The proposal list is every eligible unit in year rank order; units sharing a rank are flagged.
 * - A title's limit is the smaller of `max_units` and ⌊`max_share` × member units⌋ (none: no limit).
 * - The vote: valid when the ballots reach the quorum (default two thirds of the member units). A
 *   proposal passes when its "agree" ballots meet the title's threshold (default more than half of
 *   the ballots cast). Passing proposals are taken in rank order up to the limit; when units sharing
 *   a rank straddle the limit, the vote counts settle it (more "agree" first) and units still equal
 *   at the last place are named for the province to decide. With `one_title_per_unit` (default), a
 *   unit proposed for an earlier title in the file's order is not proposed for a later one.
 * - Next year's lead and deputy: the member units with the most votes; equal tops are named as a tie
 *   (no winner). The deputy is counted among the units other than the elected lead.
 */

/** A share of a whole that decides something: more than half, two thirds or more, or at least a given share (0..1]. */
export type ShareRule = { kind: 'more_than_half' } | { kind: 'two_thirds' } | { kind: 'share'; share: number };

export const MORE_THAN_HALF: ShareRule = { kind: 'more_than_half' };
export const TWO_THIRDS: ShareRule = { kind: 'two_thirds' };

/** Whether `count` out of `whole` meets the rule (exact: integer arithmetic for the named rules). */
export function meetsShare(rule: ShareRule, count: number, whole: number): boolean {
  switch (rule.kind) {
    case 'more_than_half':
      return 2 * count > whole;
    case 'two_thirds':
      return 3 * count >= 2 * whole;
    case 'share':
      return count >= rule.share * whole - TIE_EPSILON;
  }
}

/** The smallest count out of `whole` that meets the rule. */
export function neededFor(rule: ShareRule, whole: number): number {
  for (let count = 0; count <= whole; count++) if (meetsShare(rule, count, whole)) return count;
  return whole + 1;
}

/** A criterion whose deduction bars a title: any deduction under it, or only one of the named items. */
export interface DeductionBar {
  code: string;
  items?: string[];
}

export interface TitleRule {
  /** As written in organization.titles (what a pledge registers). */
  title: string;
  minGrade?: string;
  /** Must have registered the title in the pledge in force (default true). */
  registered: boolean;
  noDeduction: DeductionBar[];
  maxUnits?: number;
  /** 0..1 of the block's member units, rounded down. */
  maxShare?: number;
  threshold: ShareRule;
}

export interface CommendationRules {
  quorum: ShareRule;
  onePerUnit: boolean;
  titles: TitleRule[];
}

/** The rules when a year names none: a quorum of two thirds and no title (the vote elects next year's lead and deputy). */
export const DEFAULT_COMMENDATION_RULES: CommendationRules = { quorum: TWO_THIRDS, onePerUnit: true, titles: [] };

/** How many units a title may go to in a block of `members` units; null: no limit. */
export function titleLimit(rule: Pick<TitleRule, 'maxUnits' | 'maxShare'>, members: number): number | null {
  const limits = [
    ...(rule.maxUnits !== undefined ? [rule.maxUnits] : []),
    ...(rule.maxShare !== undefined ? [Math.floor(rule.maxShare * members + TIE_EPSILON)] : []),
  ];
  return limits.length ? Math.min(...limits) : null;
}

/** A deduction a unit took in a counted period: its criterion code and the items that counted (if the criterion has items). */
export interface DeductionTaken {
  code: string;
  items: string[];
}

/** A unit as the rules look at it, in year rank order. */
export interface Candidate {
  unitId: number;
  rank: number;
  reported: boolean;
  total: number;
  grade: string | null;
  registered: ReadonlySet<string>;
  deductions: readonly DeductionTaken[];
}

export type Ineligibility = 'not_reported' | 'grade' | 'not_registered' | 'deduction';

export interface Proposal {
  unitId: number;
  rank: number;
  total: number;
  grade: string | null;
  /** Another eligible unit shares its rank: the block settles it. */
  tie: boolean;
}

export interface TitleProposals {
  title: string;
  limit: number | null;
  proposals: Proposal[];
  excluded: { unitId: number; reasons: Ineligibility[]; barredBy?: string[] }[];
}

/** Whether `grade` is `minGrade` or better, by the bands' order (highest first). An unknown grade is not. */
export function gradeAtLeast(grade: string | null, minGrade: string | undefined, gradeOrder: readonly string[]): boolean {
  if (minGrade === undefined) return grade !== null;
  const at = grade === null ? -1 : gradeOrder.indexOf(grade);
  const floor = gradeOrder.indexOf(minGrade);
  return at >= 0 && floor >= 0 && at <= floor;
}

function barredBy(rule: TitleRule, deductions: readonly DeductionTaken[]): string[] {
  return rule.noDeduction.flatMap((bar) =>
    deductions.some((taken) => taken.code === bar.code && (!bar.items || taken.items.some((item) => bar.items!.includes(item))))
      ? [bar.code]
      : [],
  );
}

/** The proposal list of each title: eligible units in rank order (ties flagged), and why the others are not. */
export function proposalList(
  rules: CommendationRules,
  candidates: readonly Candidate[],
  gradeOrder: readonly string[],
  members: number,
): TitleProposals[] {
  const ordered = [...candidates].sort((left, right) => left.rank - right.rank);
  return rules.titles.map((rule) => {
    const proposals: Proposal[] = [];
    const excluded: TitleProposals['excluded'] = [];
    for (const candidate of ordered) {
      const barred = barredBy(rule, candidate.deductions);
      const reasons: Ineligibility[] = candidate.reported
        ? [
            ...(gradeAtLeast(candidate.grade, rule.minGrade, gradeOrder) ? [] : (['grade'] as const)),
            ...(!rule.registered || candidate.registered.has(rule.title) ? [] : (['not_registered'] as const)),
            ...(barred.length ? (['deduction'] as const) : []),
          ]
        : ['not_reported'];
      if (reasons.length) excluded.push({ unitId: candidate.unitId, reasons, ...(barred.length ? { barredBy: barred } : {}) });
      else proposals.push({ unitId: candidate.unitId, rank: candidate.rank, total: candidate.total, grade: candidate.grade, tie: false });
    }
    for (const proposal of proposals) proposal.tie = proposals.some((other) => other !== proposal && other.rank === proposal.rank);
    return { title: rule.title, limit: titleLimit(rule, members), proposals, excluded };
  });
}

export interface Tally {
  agree: number;
  disagree: number;
}

export type ProposalOutcome = 'proposed' | 'not_passed' | 'over_limit' | 'province_decides' | 'other_title';

export interface TitleDecision {
  title: string;
  limit: number | null;
  /** The threshold's minimum "agree" count for the ballots cast. */
  needed: number;
  entries: (Proposal & { tally: Tally; passed: boolean; outcome: ProposalOutcome })[];
}

/**
 * What the ballots decide for each title, in the rules' order (see the module header). `tallies` by
 * title index then unit id; `ballots` cast.
 */
export function decideTitles(
  rules: CommendationRules,
  titles: readonly TitleProposals[],
  tallies: (titleIndex: number, unitId: number) => Tally,
  ballots: number,
): TitleDecision[] {
  const proposedEarlier = new Set<number>();
  return titles.map((title, titleIndex) => {
    const rule = rules.titles[titleIndex]!;
    const entries: TitleDecision['entries'] = title.proposals.map((proposal) => {
      const tally = tallies(titleIndex, proposal.unitId);
      const passed = meetsShare(rule.threshold, tally.agree, ballots);
      const taken = rules.onePerUnit && proposedEarlier.has(proposal.unitId);
      return { ...proposal, tally, passed, outcome: !passed ? 'not_passed' : taken ? 'other_title' : 'proposed' };
    });
    if (title.limit !== null) applyLimit(entries, title.limit);
    for (const entry of entries) if (entry.outcome === 'proposed') proposedEarlier.add(entry.unitId);
    return { title: title.title, limit: title.limit, needed: neededFor(rule.threshold, ballots), entries };
  });
}

/** Keeps the passing entries in rank order up to `limit`; a rank group straddling it is settled by "agree" counts, then by the province. */
function applyLimit(entries: TitleDecision['entries'], limit: number): void {
  const passing = entries.filter((entry) => entry.outcome === 'proposed');
  let taken = 0;
  for (let start = 0; start < passing.length; ) {
    let end = start;
    while (end < passing.length && passing[end]!.rank === passing[start]!.rank) end++;
    const group = passing.slice(start, end);
    const room = limit - taken;
    if (group.length <= room) taken += group.length;
    else if (room <= 0) for (const entry of group) entry.outcome = 'over_limit';
    else {
      const byVotes = [...group].sort((left, right) => right.tally.agree - left.tally.agree);
      const cut = byVotes[room - 1]!.tally.agree;
      const above = group.filter((entry) => entry.tally.agree > cut);
      const atCut = group.filter((entry) => entry.tally.agree === cut);
      const fits = above.length + atCut.length <= room;
      for (const entry of group)
        entry.outcome =
          entry.tally.agree > cut || (entry.tally.agree === cut && fits)
            ? 'proposed'
            : entry.tally.agree === cut
              ? 'province_decides'
              : 'over_limit';
      taken = limit;
    }
    start = end;
  }
}

export interface ElectionResult {
  /** Votes per member unit, in the block's order (0 for a unit nobody chose). */
  counts: { unitId: number; votes: number }[];
  winner?: number;
  /** Units sharing the most votes when there is no single winner. */
  tied: number[];
}

/** The unit with the most votes among `units` (in the block's order), or the tie at the top. */
export function elect(
  votes: ReadonlyMap<number, number>,
  units: readonly number[],
  excluded: ReadonlySet<number> = new Set(),
): ElectionResult {
  const counts = units.map((unitId) => ({ unitId, votes: votes.get(unitId) ?? 0 }));
  const eligible = counts.filter((count) => !excluded.has(count.unitId));
  const top = Math.max(0, ...eligible.map((count) => count.votes));
  const leaders = top > 0 ? eligible.filter((count) => count.votes === top).map((count) => count.unitId) : [];
  return leaders.length === 1 ? { counts, winner: leaders[0]!, tied: [] } : { counts, tied: leaders };
}
