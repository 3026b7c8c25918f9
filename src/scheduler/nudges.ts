import type { Store } from '../../db/store';
import type { OrganisationSettings } from '../../db/store/organisation';
import type { BlockMember, BlockRow, YearRow } from '../../db/store/structure';
import type { OutgoingMessage } from '../delivery/message';
import { type NudgeSlot, nudgeDueAt, policyFromSettings } from '../domain/reminders';
import type { AppDeps } from '../services/deps';
import { localeOf } from '../services/people';
import { buildChannelNudge, buildLeadEscalation, buildOfficerNudge, type MissingUnit, type NudgeSubject } from '../views/nudges';
import type { Job } from './job';

/**
 * Deadline nudges. For every due (a year's pledge, each active period's report) whose nudge slot
 * is due at `now` (nudgeDueAt: the catch-up rule, quiet hours, the overdue window), and every
 * active block with units that have not done it, queues in ONE transaction:
 * - the block channel's message     nudge:<subject>:<blockId>:<slot>:channel
 * - a DM to each officer of each missing unit   …:<slot>:dm:<userId>
 * - for overdue slots, a DM to each officer of the block's lead unit   …:<slot>:lead:<userId>
 * with <subject> = pledge:<year> | report:<periodId> and <slot> = before-N | overdue-K.
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
  /** 'pledge:2021', 'report:<periodId>', or 'report:<periodId>:unit:<unitId>' for a unit's extended due: the subject part of the outbox keys. */
  id: string;
  subject: NudgeSubject;
  at: Date;
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
    const subject: NudgeSubject = { kind: 'report', year: year.year, periodCode: period.code, periodName: period.name };
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
    ];
  });
  return [pledge, ...reports];
}

/** Queues every nudge due at `now` (organisation time); returns how many messages it queued. */
export function queueNudges(deps: AppDeps, now: Date): number {
  const { store } = deps;
  const organisation = store.organisation.get();
  if (!organisation) return 0;
  const holidays = store.organisation.holidays();
  const blocks = store.structure.activeBlocks();
  const failures: unknown[] = [];
  let queued = 0;
  // Every configured year, not just the current one: the previous year's last report is overdue
  // into January, and nudgeDueAt returns nothing for a due whose window is closed.
  for (const year of store.structure.years()) {
    try {
      const policy = policyFromSettings(organisation, year, holidays);
      for (const due of duesOf(store, year)) {
        const slot = nudgeDueAt(due.at, policy, now);
        if (!slot) continue;
        for (const block of blocks) {
          if (due.blockId !== undefined && due.blockId !== block.id) continue;
          try {
            queued += queueBlockNudge(deps, { organisation, year: year.year, due, slot, block, now });
          } catch (error) {
            failures.push(error);
            deps.logger.error(`nudges: ${due.id} ${slot.slot} for block ${block.code} failed`, error);
          }
        }
      }
    } catch (error) {
      failures.push(error);
      deps.logger.error(`nudges: year ${year.year} failed`, error);
    }
  }
  if (queued > 0) deps.delivery.kick();
  if (failures.length) throw new AggregateError(failures, `nudges: ${failures.length} failed`);
  return queued;
}

interface BlockNudge {
  organisation: OrganisationSettings;
  year: number;
  due: Due;
  slot: NudgeSlot;
  block: BlockRow;
  now: Date;
}

function queueBlockNudge(deps: AppDeps, { organisation, year, due, slot, block, now }: BlockNudge): number {
  const prefix = `nudge:${due.id}:${block.id}:${slot.slot}`;
  const channelKey = `${prefix}:channel`;
  // Whether this slot was queued: the channel's message marks it, or for a due without one, a claim.
  const slotDone = (store: Store) => (due.inChannel ? store.outbox.byKey(channelKey) !== undefined : store.events.seen(prefix));
  // Most passes find the slot queued already: answer that without taking the write lock.
  if (slotDone(deps.store)) return 0;
  return deps.store.transaction((tx) => {
    if (slotDone(tx)) return 0; // another process was quicker
    // That year's members: a unit that left the block that year is not nudged for it.
    const members = due.unitsOf(tx.structure.membersInYear(year, block.id));
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
    const queue = (key: string, message: OutgoingMessage) => (deps.delivery.queue(tx, { key, kind: 'nudge', message }) ? 1 : 0);

    const channel = buildChannelNudge({
      ...facts,
      slotKind: slot.kind,
      doneCount: members.length - missing.length,
      totalCount: members.length,
      missing: late,
      blockName: block.name,
    });
    let queued = 0;
    if (due.inChannel) queued += queue(channelKey, { channel: block.channelId, ...channel });
    else tx.events.claim(prefix, 'nudge', now);
    // A DM speaks its reader's language (src/services/people.ts); the channel's post, the organisation's.
    const inTheirLanguage = (userId: string) => ({ ...facts, locale: localeOf({ store: tx }, userId) });
    for (const unit of missing)
      for (const userId of unit.officerIds)
        queued += queue(`${prefix}:dm:${userId}`, {
          user: userId,
          ...buildOfficerNudge({ ...inTheirLanguage(userId), slotKind: slot.kind, unitName: unit.name, unitCode: unit.code }),
        });
    if (slot.kind === 'overdue') {
      const lead = tx.structure.blockYear(year, block.id)?.lead;
      if (lead?.active && missing.some((unit) => unit.id !== lead.id)) {
        for (const userId of tx.structure.officerIds(lead.id))
          queued += queue(`${prefix}:lead:${userId}`, {
            user: userId,
            ...buildLeadEscalation({ ...inTheirLanguage(userId), blockName: block.name, totalCount: members.length, late }),
          });
      }
    }
    return queued;
  });
}
