import { z } from 'zod';
import type { BallotLayout } from '../domain/ballots';
import type { CommendationRules, ElectionResult, TitleDecision, TitleProposals } from '../domain/commendations';
import type { YearRecord } from './year';

/**
 * A block's year-end deliberation as plain JSON, stored on its row: the opening (the year's score
 * table, the rules and the proposal list as they were when the lead opened the vote — frozen, so a
 * later change of scores or of the organisation file does not change what is being voted on) and the
 * decision (the counts and what they decided). The channel posts, the documents and the province's
 * table are drawn from them. Nothing in either names what a unit chose.
 */
export const DELIBERATION_RECORD_VERSION = 1;

export interface NamedUnit {
  id: number;
  code: string;
  name: string;
}

export interface Opening {
  version: typeof DELIBERATION_RECORD_VERSION;
  year: number;
  block: YearRecord['block'];
  lead: NamedUnit | null;
  deputy: NamedUnit | null;
  /** Member units that year, in the block's order: who votes, and who may be elected. */
  members: NamedUnit[];
  /** The year's score table when the vote opened. */
  standings: YearRecord;
  rules: CommendationRules;
  titles: TitleProposals[];
  /** Ballots needed for the vote to be valid. */
  quorumNeeded: number;
  openedAt: number;
  openedBy: string;
  /** The officer opened it as an admin, not as the lead unit's officer. */
  actingAsAdmin: boolean;
}

export interface Decision {
  version: typeof DELIBERATION_RECORD_VERSION;
  ballots: number;
  /** The units that voted, in the block's order (never what they chose). */
  voters: number[];
  titles: TitleDecision[];
  lead: ElectionResult;
  deputy: ElectionResult;
  closedAt: number;
  closedBy: string;
}

/** Written by our own builders; read back by version, the rest as written. */
const versioned = z.object({ version: z.literal(DELIBERATION_RECORD_VERSION) }).loose();

export function parseOpening(data: unknown): Opening | undefined {
  return versioned.safeParse(data).success ? (data as Opening) : undefined;
}

export function parseDecision(data: unknown): Decision | undefined {
  return versioned.safeParse(data).success ? (data as Decision) : undefined;
}

/** What the ballot holds: the proposals of every title in list order, and the members. */
export function ballotLayout(opening: Pick<Opening, 'titles' | 'members'>): BallotLayout {
  return {
    proposals: opening.titles.flatMap((title, titleIndex) => title.proposals.map((proposal) => ({ titleIndex, unitId: proposal.unitId }))),
    members: opening.members.map((member) => member.id),
  };
}

/** "Công an tỉnh" for a unit id of the opening's members (its id when it is not one). */
export function unitNameIn(opening: Pick<Opening, 'members'>, unitId: number): string {
  return opening.members.find((member) => member.id === unitId)?.name ?? String(unitId);
}
