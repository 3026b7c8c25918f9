import { z } from 'zod';
import { type BallotProblem, decodeBallot, encodeBallot, readBallot, tallyKeys } from '../../domain/ballots';
import { readJson } from '../../read-json';
import { ballotLayout, type Opening } from '../../standings/deliberation-record';
import { buildBallotCastLine } from '../../views/deliberation';
import type { Caller } from '../caller';
import type { AppDeps } from '../deps';
import { formatBallotCode, newBallotCode, openBallot, readBallotCode, sealBallot } from './ballot-seal';
import { readDeliberation } from './deliberation';

/**
 * A member unit's secret ballot: any of its officers opens the form and casts the unit's one ballot;
 * it is counted into the tallies and only the fact that the unit voted is recorded, with the ballot
 * sealed under a change code that is shown once to the voter and kept nowhere (ballot-seal.ts). A
 * second ballot of the unit replaces the first only with that code. Nothing here logs, audits or
 * posts what was chosen: the audit says which unit voted, the channel line how many have.
 */
export type BallotFormOutcome =
  | { kind: 'gone' }
  | { kind: 'closed' }
  /** Not an officer of a member unit of the block that year (admins do not vote for a unit). */
  | { kind: 'not_member' }
  | { kind: 'form'; deliberationId: number; opening: Opening; unitName: string; votedAt?: Date };

/** Who votes: the caller's own unit, when it is a member of the deliberation's block that year. */
function votingUnit(caller: Caller, opening: Opening) {
  return caller.unit ? opening.members.find((member) => member.id === caller.unit!.id) : undefined;
}

export function ballotForm(deps: AppDeps, caller: Caller, deliberationId: number): BallotFormOutcome {
  const deliberation = readDeliberation(deps.store.deliberations.byId(deliberationId));
  if (!deliberation) return { kind: 'gone' };
  if (deliberation.row.status !== 'open') return { kind: 'closed' };
  const unit = votingUnit(caller, deliberation.opening);
  if (!unit) return { kind: 'not_member' };
  const ballot = deps.store.deliberations.ballot(deliberationId, unit.id);
  return {
    kind: 'form',
    deliberationId,
    opening: deliberation.opening,
    unitName: unit.name,
    ...(ballot ? { votedAt: ballot.castAt } : {}),
  };
}

export interface BallotAnswers {
  viewId: string;
  /** The modal's private_metadata, as Slack returned it. */
  metadata: string | undefined;
  /** One answer per proposal in the ballot's order (agree / disagree / nothing). */
  answers: (string | undefined)[];
  lead: string | undefined;
  deputy: string | undefined;
  /** The change code, when the unit has voted. */
  code: string | undefined;
}

export type CodeProblem = { field: 'code'; kind: 'missing' | 'wrong' };

export type CastOutcome =
  | { kind: 'stale' }
  | { kind: 'closed' }
  | { kind: 'not_member' }
  | { kind: 'invalid'; problems: (BallotProblem | CodeProblem)[] }
  /** The same submission again (Slack retried): counted once already. */
  | { kind: 'duplicate' }
  | { kind: 'cast'; unitName: string; code: string; voted: number; members: number; changed: boolean };

const metadataSchema = z.object({ deliberationId: z.number().int() });

export function castBallot(deps: AppDeps, caller: Caller, input: BallotAnswers): CastOutcome {
  const metadata = readJson(input.metadata, metadataSchema);
  if (!metadata) return { kind: 'stale' };
  const now = deps.clock.now();
  const outcome = deps.store.transaction((tx): CastOutcome => {
    const deliberation = readDeliberation(tx.deliberations.byId(metadata.deliberationId));
    if (!deliberation) return { kind: 'stale' };
    if (deliberation.row.status !== 'open') return { kind: 'closed' };
    const { opening, row } = deliberation;
    const unit = votingUnit(caller, opening);
    if (!unit) return { kind: 'not_member' };
    const layout = ballotLayout(opening);
    const read = readBallot(input, layout);
    const previous = tx.deliberations.ballot(row.id, unit.id);
    const codeProblems: CodeProblem[] = [];
    let replaced: ReturnType<typeof decodeBallot>;
    if (previous) {
      const opened = input.code?.trim() && previous.sealed ? openBallot(previous.sealed, input.code, row.id, unit.id) : undefined;
      replaced = opened === undefined ? undefined : decodeBallot(opened, layout);
      if (!replaced) codeProblems.push({ field: 'code', kind: input.code?.trim() ? 'wrong' : 'missing' });
    }
    if (!read.ok || codeProblems.length) return { kind: 'invalid', problems: [...(read.ok ? [] : read.problems), ...codeProblems] };
    // Checked first, claimed last: a submission with a mistake can be corrected and sent again.
    if (!tx.events.claim(`view:${input.viewId}`, 'year_end_ballot', now)) return { kind: 'duplicate' };
    const code = previous ? formatBallotCode(readBallotCode(input.code!)!) : newBallotCode();
    if (replaced) tx.deliberations.count(row.id, tallyKeys(replaced, layout), -1);
    tx.deliberations.count(row.id, tallyKeys(read.ballot, layout), 1);
    tx.deliberations.saveBallot(
      row.id,
      unit.id,
      sealBallot(encodeBallot(read.ballot, layout), code, row.id, unit.id),
      previous?.castAt ?? now,
    );
    const voted = tx.deliberations.voters(row.id).length;
    tx.audit.record({
      at: now,
      actorUserId: caller.userId,
      action: previous ? 'deliberation.ballot_changed' : 'deliberation.ballot_cast',
      entityType: 'deliberation',
      entityId: row.id,
      details: { unitId: unit.id },
    });
    if (!previous) {
      const locale = tx.organisation.get()!.locale;
      deps.delivery.queue(tx, {
        key: `deliberation-ballot:${row.id}:${unit.id}`,
        kind: 'deliberation_ballot',
        message: { channel: opening.block.channelId, ...buildBallotCastLine(unit.name, voted, opening.members.length, locale) },
      });
    }
    return { kind: 'cast', unitName: unit.name, code, voted, members: opening.members.length, changed: previous !== undefined };
  });
  if (outcome.kind === 'cast' && !outcome.changed) deps.delivery.kick();
  return outcome;
}
