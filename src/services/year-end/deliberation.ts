import type { Store } from '../../../db/store';
import type { DeliberationRow } from '../../../db/store/deliberations';
import type { PeriodRow, UnitRow } from '../../../db/store/structure';
import { DEPUTY_SUBJECT, everyTallyKey, LEAD_SUBJECT, proposalSubject } from '../../domain/ballots';
import {
  type Candidate,
  DEFAULT_COMMENDATION_RULES,
  type DeductionTaken,
  decideTitles,
  elect,
  neededFor,
  proposalList,
} from '../../domain/commendations';
import {
  ballotLayout,
  DELIBERATION_RECORD_VERSION,
  type Decision,
  type Opening,
  parseDecision,
  parseOpening,
} from '../../standings/deliberation-record';
import { type LoadedYear, yearStandingsFor } from '../../standings/year';
import { buildOpeningPost, buildQuorumPost, buildResultPost } from '../../views/deliberation';
import { type Caller, leadsBlock } from '../caller';
import type { AppDeps } from '../deps';
import { queueDocuments } from './documents';

/**
 * The block's year-end deliberation (bình xét): the lead (or an admin) opens it for the year once the
 * year's result is final and reviewed, which freezes the proposal list and posts it in the block's
 * channel with “Bỏ phiếu”; the lead closes it once the quorum has voted, which decides each
 * proposal and the election, posts the result once (keyed by the deliberation) and sends the minutes
 * and the proposal as DOCX. Ballots are src/services/year-end/ballot.ts.
 */
export interface Deliberation {
  row: DeliberationRow;
  opening: Opening;
  decision?: Decision;
}

export function readDeliberation(row: DeliberationRow | undefined): Deliberation | undefined {
  const opening = row ? parseOpening(row.opening) : undefined;
  if (!row || !opening) return undefined;
  const decision = row.decision ? parseDecision(row.decision) : undefined;
  return { row, opening, ...(decision ? { decision } : {}) };
}

export type OpenOutcome =
  | { kind: 'refused'; lead?: UnitRow }
  | { kind: 'exists'; deliberation: Deliberation }
  | { kind: 'no_periods' }
  /** The final period, or a period of the average, is not due yet. */
  | { kind: 'not_over'; periods: PeriodRow[] }
  /** Reports of the counted periods that the lead has not reviewed (or that wait for a change or a resubmission). */
  | { kind: 'not_reviewed'; reports: { unit: string; period: PeriodRow }[] }
  /** No unit has a result for the year: there would be nothing to deliberate. */
  | { kind: 'no_results' }
  | { kind: 'opened'; deliberation: Deliberation };

/** The candidates as the rules look at them: the year's rank and grade, the titles registered, the deductions taken. */
function candidatesOf(store: Store, loaded: LoadedYear): Candidate[] {
  const { record } = loaded;
  const pledges = store.pledges.forUnits(
    record.year,
    record.rows.map((row) => row.unitId),
  );
  const deductions = new Map<number, DeductionTaken[]>();
  for (const periodId of record.counted) {
    const standings = loaded.periods.get(periodId);
    if (!standings) continue;
    const codeOf = new Map(standings.criteria.map((criterion) => [criterion.id, criterion.code]));
    for (const row of standings.standings.rows)
      for (const line of row.criteria)
        if (line.kind === 'deduction' && line.points < 0)
          deductions.set(row.unitId, [
            ...(deductions.get(row.unitId) ?? []),
            {
              code: codeOf.get(line.criterionId) ?? '',
              items: line.basis.rule === 'items' ? line.basis.items.map((item) => item.name) : [],
            },
          ]);
  }
  return record.rows.map((row) => ({
    unitId: row.unitId,
    rank: row.rank,
    reported: row.reported,
    total: row.total,
    grade: row.grade,
    registered: new Set(pledges.get(row.unitId)?.inForce?.titlesSought ?? []),
    deductions: deductions.get(row.unitId) ?? [],
  }));
}

/** Reports counted for the year that the lead has not confirmed: the year's result would still move. */
function unreviewed(loaded: LoadedYear): { unit: string; period: PeriodRow }[] {
  return loaded.record.counted.flatMap((periodId) => {
    const standings = loaded.periods.get(periodId);
    if (!standings) return [];
    // In the block's order of units, as tiendo lists them, not in the order of their scores.
    const rows = new Map(standings.standings.rows.map((row) => [row.unitId, row]));
    return standings.members
      .filter((member) => {
        const row = rows.get(member.id);
        const meta = standings.meta.get(member.id);
        return row?.reported && (!row.fullyReviewed || meta?.returned || meta?.pendingChange);
      })
      .map((member) => ({ unit: member.name, period: standings.period }));
  });
}

/** `/thidua binhxet` by the block's lead of the year (or an admin): opens the vote, or says why not. */
export function openDeliberation(deps: AppDeps, caller: Caller, blockId: number, year: number): OpenOutcome {
  const { store } = deps;
  const permission = leadsBlock(store, caller, blockId, year);
  if (!permission.allowed) {
    const lead = store.structure.blockYear(year, blockId)?.lead;
    return { kind: 'refused', ...(lead ? { lead } : {}) };
  }
  const existing = readDeliberation(store.deliberations.of(year, blockId));
  if (existing) return { kind: 'exists', deliberation: existing };
  const now = deps.clock.now();
  const loaded = yearStandingsFor(store, blockId, year, now);
  if (!loaded) return { kind: 'no_periods' };
  const periods = store.structure.periods(year);
  if (loaded.record.provisional) {
    const waiting = loaded.record.rule === 'final_period' ? loaded.record.counted : loaded.record.pending;
    return { kind: 'not_over', periods: periods.filter((period) => waiting.includes(period.id)) };
  }
  const reports = unreviewed(loaded);
  if (reports.length) return { kind: 'not_reviewed', reports };
  if (!loaded.record.rows.some((row) => row.reported)) return { kind: 'no_results' };

  const yearRow = store.structure.year(year)!;
  const blockYear = store.structure.blockYear(year, blockId);
  const rules = yearRow.commendations ?? DEFAULT_COMMENDATION_RULES;
  const members = store.structure.membersInYear(year, blockId).map((member) => ({ id: member.id, code: member.code, name: member.name }));
  const named = (unit: UnitRow | undefined) => (unit ? { id: unit.id, code: unit.code, name: unit.name } : null);
  const opening: Opening = {
    version: DELIBERATION_RECORD_VERSION,
    year,
    block: loaded.record.block,
    lead: named(blockYear?.lead),
    deputy: named(blockYear?.deputy),
    members,
    standings: loaded.record,
    rules,
    titles: proposalList(rules, candidatesOf(store, loaded), loaded.record.gradeOrder, members.length),
    quorumNeeded: neededFor(rules.quorum, members.length),
    openedAt: now.getTime(),
    openedBy: caller.userId,
    actingAsAdmin: permission.actingAsAdmin,
  };
  const organisation = store.organisation.get()!;
  const outcome = store.transaction((tx): OpenOutcome => {
    const row = tx.deliberations.open({ year, blockId, opening, openedBy: caller.userId, openedAt: now });
    if (!row) return { kind: 'exists', deliberation: readDeliberation(tx.deliberations.of(year, blockId))! };
    tx.deliberations.startTallies(row.id, everyTallyKey(ballotLayout(opening)));
    deps.delivery.queue(tx, {
      key: `deliberation-opened:${row.id}`,
      kind: 'deliberation_opened',
      message: { channel: opening.block.channelId, ...buildOpeningPost(opening, row.id, organisation.timeZone, organisation.locale) },
    });
    tx.audit.record({
      at: now,
      actorUserId: caller.userId,
      actingAsAdmin: permission.actingAsAdmin,
      action: 'deliberation.opened',
      entityType: 'deliberation',
      entityId: row.id,
      details: { year, blockId, proposals: opening.titles.map((title) => title.proposals.length) },
    });
    return { kind: 'opened', deliberation: { row, opening } };
  });
  if (outcome.kind === 'opened') deps.delivery.kick();
  return outcome;
}

/** The block's deliberation of the year as the caller sees it, if there is one. */
export function deliberationOf(store: Store, blockId: number, year: number): Deliberation | undefined {
  return readDeliberation(store.deliberations.of(year, blockId));
}

export type CloseOutcome =
  | { kind: 'gone' }
  | { kind: 'refused'; lead?: UnitRow }
  | { kind: 'already_closed'; deliberation: Deliberation }
  | { kind: 'no_quorum'; deliberation: Deliberation; voters: number[] }
  | { kind: 'closed'; deliberation: Deliberation };

/** What the tallies decide: every title in the rules' order, then the lead and the deputy. */
function decide(store: Store, deliberation: Deliberation, voters: number[], closedBy: string, closedAt: Date): Decision {
  const { opening } = deliberation;
  const counts = new Map(
    store.deliberations.tallies(deliberation.row.id).map((tally) => [`${tally.subject}|${tally.option}`, tally.count]),
  );
  const count = (subject: string, option: string) => counts.get(`${subject}|${option}`) ?? 0;
  const votesFor = (subject: string) => new Map(opening.members.map((member) => [member.id, count(subject, String(member.id))]));
  const members = opening.members.map((member) => member.id);
  const lead = elect(votesFor(LEAD_SUBJECT), members);
  return {
    version: DELIBERATION_RECORD_VERSION,
    ballots: voters.length,
    voters: members.filter((unitId) => voters.includes(unitId)),
    titles: decideTitles(
      opening.rules,
      opening.titles,
      (titleIndex, unitId) => {
        const subject = proposalSubject({ titleIndex, unitId });
        return { agree: count(subject, 'agree'), disagree: count(subject, 'disagree') };
      },
      voters.length,
    ),
    lead,
    deputy: elect(votesFor(DEPUTY_SUBJECT), members, new Set(lead.winner !== undefined ? [lead.winner] : [])),
    closedAt: closedAt.getTime(),
    closedBy,
  };
}

/**
 * “Kết thúc bỏ phiếu”: with the quorum, decides, posts the result once and sends the documents; without
 * it, the vote stays open and the channel is told which units have not voted (once per count of
 * ballots, so pressing again changes nothing).
 */
export function closeDeliberation(deps: AppDeps, caller: Caller, deliberationId: number): CloseOutcome {
  const now = deps.clock.now();
  const organisation = deps.store.organisation.get()!;
  const outcome = deps.store.transaction((tx): CloseOutcome => {
    const deliberation = readDeliberation(tx.deliberations.byId(deliberationId));
    if (!deliberation) return { kind: 'gone' };
    const { opening, row } = deliberation;
    const permission = leadsBlock(tx, caller, row.blockId, row.year);
    if (!permission.allowed) {
      const lead = tx.structure.blockYear(row.year, row.blockId)?.lead;
      return { kind: 'refused', ...(lead ? { lead } : {}) };
    }
    if (row.status === 'closed') return { kind: 'already_closed', deliberation };
    const voters = tx.deliberations.voters(row.id);
    const officersOf = (unitId: number) => tx.structure.officerIds(unitId);
    if (voters.length < opening.quorumNeeded) {
      deps.delivery.queue(tx, {
        key: `deliberation-quorum:${row.id}:${voters.length}`,
        kind: 'deliberation_quorum',
        message: { channel: opening.block.channelId, ...buildQuorumPost(opening, voters, officersOf, organisation.locale) },
      });
      return { kind: 'no_quorum', deliberation, voters };
    }
    const decision = decide(tx, deliberation, voters, caller.userId, now);
    tx.deliberations.close(row.id, decision, caller.userId, now);
    const resultKey = `deliberation-result:${row.id}`;
    deps.delivery.queue(tx, {
      key: resultKey,
      kind: 'deliberation_result',
      message: {
        channel: opening.block.channelId,
        ...buildResultPost(opening, decision, row.id, organisation.timeZone, organisation.locale),
      },
    });
    queueDocuments(deps, tx, { deliberationId: row.id, opening, channel: opening.block.channelId, threadOfKey: resultKey });
    queueDocuments(deps, tx, { deliberationId: row.id, opening, user: caller.userId });
    tx.audit.record({
      at: now,
      actorUserId: caller.userId,
      actingAsAdmin: permission.actingAsAdmin,
      action: 'deliberation.closed',
      entityType: 'deliberation',
      entityId: row.id,
      details: { ballots: voters.length, members: opening.members.length },
    });
    return { kind: 'closed', deliberation: { row: { ...row, status: 'closed' }, opening, decision } };
  });
  if (outcome.kind === 'closed' || outcome.kind === 'no_quorum') deps.delivery.kick();
  return outcome;
}
