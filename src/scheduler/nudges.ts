import type { Store } from '../../db/store';
import type { OrganisationSettings } from '../../db/store/organisation';
import type { BlockMember, BlockRow, YearRow } from '../../db/store/structure';
import { type NudgeSlot, nudgeDueAt, policyFromSettings } from '../domain/reminders';
import type { AppDeps } from '../services/deps';
import { localeOf } from '../services/people';
import {
  type BuiltMessage,
  buildChannelNudge,
  buildLeadEscalation,
  buildOfficerNudge,
  combineNudges,
  type MissingUnit,
  type NudgeSubject,
} from '../views/nudges';
import type { Job } from './job';

/**
 * Deadline nudges. For every due (a year's pledge, each active period's report) whose nudge slot
 * is due at `now` (nudgeDueAt: the catch-up rule, quiet hours, the overdue window), and every
 * active block with units that have not done it, queues in ONE transaction:
 * - the block channel's message     nudge:<subject>:<blockId>:<slot>:channel
 * - a DM to each officer of each missing unit   …:<slot>:dm:<userId>
 * - for overdue slots, a DM to each officer of the block's lead unit   …:<slot>:lead:<userId>
 * with <subject> = pledge:<year> | report:<periodId> and <slot> = before-N | overdue-K.
 * A report the lead returned is due again on its own (report:<periodId>:resubmit:<reviewId>): its
 * unit's officers, and when overdue the lead, are reminded of that due as of an extension.
 *
 * Keys are unique forever, so a second pass, a second process or a restart queues nothing again;
 * older nudges of the same due and block that were never posted are marked `superseded` (stale);
 * the channel key is queued with the rest, so its presence means the block's nudge for that slot
 * is done. Units that are done get nothing; units without officers are named in the channel.
 * The escalation goes out only when a unit other than the lead's own is late (the lead's officers
 * already get their own unit's DM); it lists every late unit, the lead's own included.
 */
export const nudgesJob: Job = { name: 'nudges', run: queueNudges };

/** A deadline that units meet one by one. */
interface Due {
  /**
   * 'pledge:2021', 'report:<periodId>', 'report:<periodId>:unit:<unitId>' for a unit's extended due,
   * or 'report:<periodId>:resubmit:<reviewId>' for a returned report's: the subject part of the outbox keys.
   */
  id: string;
  subject: NudgeSubject;
  at: Date;
  /** A due set later than its first reminder slots (a return): none of the slots before it. */
  since?: Date;
  /** Of a block's members, those whose due this is: every unit but those with an extension, or the extended unit alone. */
  unitsOf(members: readonly BlockMember[]): BlockMember[];
  /** The one block it concerns (an extension's unit's); every block when absent. */
  blockId?: number;
  /** An extension concerns one unit: its officers (and, overdue, the lead) hear of it, not the block's channel. */
  inChannel: boolean;
  /** Of `unitIds`, the ones that have done it: signed the pledge, or submitted a report now in force. */
  done(store: Store, unitIds: readonly number[]): Set<number>;
}

function duesOf(store: Store, year: YearRow): Due[] {
  const pledge: Due = {
    id: `pledge:${year.year}`,
    subject: { kind: 'pledge', year: year.year },
    at: year.pledgeDue,
    unitsOf: (members) => [...members],
    inChannel: true,
    done: (tx, unitIds) =>
      new Set([...tx.pledges.forUnits(year.year, unitIds)].filter(([, pledge]) => pledge.signed).map(([unitId]) => unitId)),
  };
  const reports = store.structure.periods(year.year).flatMap((period): Due[] => {
    const subject = { kind: 'report' as const, year: year.year, periodCode: period.code, periodName: period.name };
    const done = (tx: Store, unitIds: readonly number[]) =>
      new Set([...tx.reports.forUnits(period.id, unitIds)].filter(([, report]) => report.inForce).map(([unitId]) => unitId));
    // A unit with an extension (src/services/dues.ts) is nudged on its own due, not the period's.
    const extensions = store.dues.extensions(period.id);
    const own = (unitId: number): Due | undefined => {
      const extension = extensions.get(unitId)!;
      const block = store.structure.blockOfUnitInYear(year.year, unitId);
      if (!block) return undefined;
      return {
        id: `report:${period.id}:unit:${unitId}`,
        subject,
        at: extension.due,
        unitsOf: (members) => members.filter((member) => member.id === unitId),
        blockId: block.id,
        inChannel: false,
        done,
      };
    };
    return [
      {
        id: `report:${period.id}`,
        subject,
        at: period.due,
        unitsOf: (members) => members.filter((member) => !extensions.has(member.id)),
        inChannel: true,
        done,
      },
      ...[...extensions.keys()].flatMap((unitId) => own(unitId) ?? []),
      ...resubmissionDues(store, year, period.id, subject),
    ];
  });
  return [pledge, ...reports];
}

/**
 * The returned reports of a period still waiting to come back, each due again by its return's
 * resubmitBy: reminded to the unit alone (and the lead once overdue), never in the channel. A report
 * resubmitted (or returned again, which sets a new due) is done with it.
 */
function resubmissionDues(store: Store, year: YearRow, periodId: number, subject: Extract<NudgeSubject, { kind: 'report' }>): Due[] {
  const returns = store.reports.returnsWithDue(periodId);
  if (returns.length === 0) return [];
  const standing = (tx: Store, unitIds: readonly number[]) =>
    new Map([...tx.reports.forUnits(periodId, unitIds)].map(([unitId, report]) => [unitId, report.review?.id]));
  const current = standing(
    store,
    returns.map((row) => row.unitId),
  );
  return returns.flatMap((row): Due[] => {
    const block = current.get(row.unitId) === row.reviewId ? store.structure.blockOfUnitInYear(year.year, row.unitId) : undefined;
    if (!block) return [];
    return [
      {
        id: `report:${periodId}:resubmit:${row.reviewId}`,
        subject: { ...subject, resubmission: true },
        at: row.resubmitBy,
        since: row.returnedAt,
        unitsOf: (members) => members.filter((member) => member.id === row.unitId),
        blockId: block.id,
        inChannel: false,
        done: (tx, unitIds) =>
          new Set([...standing(tx, unitIds)].filter(([, reviewId]) => reviewId !== row.reviewId).map(([unitId]) => unitId)),
      },
    ];
  });
}

/** Queues every nudge due at `now` (organisation time); returns how many messages it queued. */
export function queueNudges(deps: AppDeps, now: Date): number {
  const { store } = deps;
  const organisation = store.organisation.get();
  if (!organisation) return 0;
  const holidays = store.organisation.holidays();
  const blocks = store.structure.activeBlocks();
  const failures: unknown[] = [];
  // Every configured year, not just the current one: the previous year's last report is overdue
  // into January, and nudgeDueAt returns nothing for a due whose window is closed.
  const work: BlockNudge[] = [];
  for (const year of store.structure.years()) {
    try {
      const policy = policyFromSettings(organisation, year, holidays);
      for (const due of duesOf(store, year)) {
        const slot = nudgeDueAt(due.at, policy, now);
        if (!slot || (due.since && slot.at.getTime() < due.since.getTime())) continue;
        for (const block of blocks) {
          if (due.blockId !== undefined && due.blockId !== block.id) continue;
          const nudge = { organisation, year, due, slot, block, now };
          // Most passes find the slot queued already: answer that without taking the write lock.
          if (!slotDone(deps.store, nudge)) work.push(nudge);
        }
      }
    } catch (error) {
      failures.push(error);
      deps.logger.error(`nudges: year ${year.year} failed`, error);
    }
  }
  let queued = 0;
  if (work.length > 0) {
    // One transaction for the pass, so that a person's reminders of every due and block are one DM.
    queued = store.transaction((tx) => {
      const dms = new Map<string, PersonalNudge[]>();
      let count = 0;
      for (const nudge of work) {
        try {
          count += tx.transaction((inner) => queueBlockNudge(deps, inner, nudge, dms));
        } catch (error) {
          failures.push(error);
          deps.logger.error(`nudges: ${nudge.due.id} ${nudge.slot.slot} for block ${nudge.block.code} failed`, error);
        }
      }
      return count + queuePersonal(deps, tx, dms);
    });
  }
  if (queued > 0) deps.delivery.kick();
  if (failures.length) throw new AggregateError(failures, `nudges: ${failures.length} failed`);
  return queued;
}

interface BlockNudge {
  organisation: OrganisationSettings;
  year: YearRow;
  due: Due;
  slot: NudgeSlot;
  block: BlockRow;
  now: Date;
}

/** A DM this pass would send one person, under its own key. */
interface PersonalNudge {
  key: string;
  message: BuiltMessage;
}

const prefixOf = ({ due, block, slot }: BlockNudge) => `nudge:${due.id}:${block.id}:${slot.slot}`;

/** Whether this slot was queued: the channel's message marks it, or for a due without one, a claim. */
function slotDone(store: Store, nudge: BlockNudge): boolean {
  const prefix = prefixOf(nudge);
  return nudge.due.inChannel ? store.outbox.byKey(`${prefix}:channel`) !== undefined : store.events.seen(prefix);
}

/**
 * One DM per person per pass: a person with one reminder gets it under its key; a person with
 * several (a pledge and a report, their unit's and the lead's follow-up) gets them as one message
 * under the first key, the others recorded as folded into it (superseded), so no key is ever sent twice.
 */
function queuePersonal(deps: AppDeps, tx: Store, dms: ReadonlyMap<string, PersonalNudge[]>): number {
  let queued = 0;
  for (const [userId, nudges] of dms) {
    const [first, ...rest] = nudges as [PersonalNudge, ...PersonalNudge[]];
    if (
      deps.delivery.queue(tx, {
        key: first.key,
        kind: 'nudge',
        message: { user: userId, ...combineNudges(nudges.map((nudge) => nudge.message)) },
      })
    )
      queued += 1;
    for (const nudge of rest) deps.delivery.queue(tx, { key: nudge.key, kind: 'nudge', message: { user: userId, ...nudge.message } });
    tx.outbox.supersedeKeys(
      rest.map((nudge) => nudge.key),
      `folded into ${first.key}`,
    );
  }
  return queued;
}

function queueBlockNudge(deps: AppDeps, tx: Store, nudge: BlockNudge, dms: Map<string, PersonalNudge[]>): number {
  const { organisation, year, due, slot, block, now } = nudge;
  const prefix = prefixOf(nudge);
  const channelKey = `${prefix}:channel`;
  if (slotDone(tx, nudge)) return 0; // another process was quicker
  // That year's members: a unit that left the block that year is not nudged for it.
  const members = due.unitsOf(tx.structure.membersInYear(year.year, block.id));
  if (members.length === 0) return 0;
  const done = due.done(
    tx,
    members.map((member) => member.id),
  );
  const missing = members.filter((member) => !done.has(member.id));
  if (missing.length === 0) return 0;

  // An older nudge of this due and block still waiting (the bot stopped before posting it) would
  // now be stale news next to this one: it is never posted.
  tx.outbox.supersede(`nudge:${due.id}:${block.id}:`, `${prefix}:`, `superseded by ${slot.slot}`);
  const facts = { locale: organisation.locale, zone: organisation.timeZone, subject: due.subject, due: due.at, now };
  const late: MissingUnit[] = missing.map((unit) => ({ unitName: unit.name, officerIds: unit.officerIds }));
  const personal = (userId: string, key: string, message: BuiltMessage) => dms.set(userId, [...(dms.get(userId) ?? []), { key, message }]);

  let queued = 0;
  if (due.inChannel) {
    const channel = buildChannelNudge({
      ...facts,
      slotKind: slot.kind,
      doneCount: members.length - missing.length,
      totalCount: members.length,
      missing: late,
      blockName: block.name,
    });
    queued += deps.delivery.queue(tx, { key: channelKey, kind: 'nudge', message: { channel: block.channelId, ...channel } }) ? 1 : 0;
    // Past the first overdue notices (years[].reminders.overdue_in_channel) the channel is not told the
    // same names again: the late units' officers and the lead still are. The key stays, as the slot's record.
    if (slot.kind === 'overdue' && slot.ordinal > year.overdueInChannel) {
      tx.outbox.supersedeKeys([channelKey], `not posted: overdue reminder ${slot.ordinal} goes to the late units and the lead only`);
      queued -= 1;
    }
  } else tx.events.claim(prefix, 'nudge', now);
  // A DM speaks its reader's language (src/services/people.ts); the channel's post, the organisation's.
  const inTheirLanguage = (userId: string) => ({ ...facts, locale: localeOf({ store: tx }, userId) });
  for (const unit of missing)
    for (const userId of unit.officerIds)
      personal(
        userId,
        `${prefix}:dm:${userId}`,
        buildOfficerNudge({ ...inTheirLanguage(userId), slotKind: slot.kind, unitName: unit.name, unitCode: unit.code }),
      );
  if (slot.kind === 'overdue') {
    const lead = tx.structure.blockYear(year.year, block.id)?.lead;
    if (lead?.active && missing.some((unit) => unit.id !== lead.id)) {
      for (const userId of tx.structure.officerIds(lead.id))
        personal(
          userId,
          `${prefix}:lead:${userId}`,
          buildLeadEscalation({ ...inTheirLanguage(userId), blockName: block.name, totalCount: members.length, late }),
        );
    }
  }
  return queued;
}
