import type { HomeView } from '@slack/types';
import type { Store } from '../../db/store';
import type { OrganisationSettings } from '../../db/store/organisation';
import type { OutboxRow } from '../../db/store/outbox';
import type { BlockRow, PeriodRow, UnitRow, YearRow } from '../../db/store/structure';
import { HOME_REFRESH_KIND, type OutgoingMessage } from '../delivery/message';
import { currentPeriod, latestDuePeriod, latestOpen, statusPeriod } from '../domain/periods';
import type { Locale } from '../i18n/messages';
import { standingsFor } from '../standings/load';
import { type StandingsRecord, standingsRecord } from '../standings/record';
import { mention } from '../views/blocks';
import { describeCaller } from '../views/caller';
import { buildDueLines } from '../views/deadlines';
import { type AdminHome, buildHome, type LeadHome, type OfficerHome } from '../views/home';
import type { UndeliveredMessage } from '../views/nudges';
import { type Caller, identifyCaller, isMember } from './caller';
import { unitDues } from './deadlines';
import type { AppDeps } from './deps';
import { blocksProgress } from './progress';
import { reportPeriodsOfUnit } from './reports/form';
import { statusRows } from './status';

/**
 * The App Home (src/views/home.ts): what it shows each kind of person, drawn from the store as of
 * `now`; recorded when a person opens it, and queued to be drawn again (through the outbox, so a
 * redraw is never lost and two changes in a row redraw once) when something it shows changes.
 */

/** Messages that could not be delivered are shown to admins for this long after they were queued. */
const UNDELIVERED_WINDOW_MS = 30 * 86_400_000;
const UNDELIVERED_SHOWN = 5;
/** Kinds whose failures are not shown: a digest that failed, a Home that could not be drawn. */
const NOT_SHOWN = ['delivery-digest', HOME_REFRESH_KIND];

export interface HomeClock {
  /** The organisation's now. */
  now: Date;
  /** Slack's (real) time, which the outbox keeps. */
  wireNowMs: number;
}

/** The Home of `userId` as of `clock`, in `locale`; undefined before any organisation is loaded. */
export function homeView(store: Store, userId: string, clock: HomeClock, locale: Locale): HomeView | undefined {
  const organisation = store.organisation.get();
  if (!organisation) return undefined;
  const { now } = clock;
  const caller = identifyCaller(store, organisation, userId, now);
  const year = caller.year !== undefined ? store.structure.year(caller.year) : undefined;
  const periods = year ? store.structure.periods(year.year) : [];
  const officer = caller.unit ? officerHome(store, organisation, caller.unit, year, periods, now, locale) : undefined;
  const leads = year ? caller.leadOf.map((block) => leadHome(store, caller, block, periods, now)) : [];
  const admin = caller.isAdmin && year ? adminHome(store, year.year, clock) : undefined;
  return buildHome(
    {
      whoAmI: describeCaller(caller, locale),
      zone: organisation.timeZone,
      now,
      ...(officer ? { officer } : {}),
      leads,
      ...(admin ? { admin } : {}),
      ...(isMember(caller)
        ? {}
        : {
            outsider: {
              organisationName: organisation.name,
              adminMentions: store.organisation.adminIds().map(mention).join(', '),
            },
          }),
    },
    locale,
  );
}

function officerHome(
  store: Store,
  organisation: OrganisationSettings,
  unit: UnitRow,
  year: YearRow | undefined,
  periods: readonly PeriodRow[],
  now: Date,
  locale: Locale,
): OfficerHome {
  const block = year ? store.structure.blockOfUnitInYear(year.year, unit.id) : undefined;
  const blockYear = block && year ? store.structure.blockYear(year.year, block.id) : undefined;
  if (!block || !year || !blockYear) return { unitName: unit.name, dues: [] };
  // The pledge and the period the unit reports for now; the year's other dues are a command away.
  const submitted = store.reports.submittedPeriods(
    unit.id,
    periods.map((period) => period.id),
  );
  // The open period not yet submitted; once every open one is, the latest of them (shown as done).
  const own = reportPeriodsOfUnit(store, year, unit.id);
  const current = currentPeriod(own, submitted, now) ?? latestOpen(own, now);
  const dues = unitDues(store, unit, year, periods).filter(
    (due) => due.subject.kind === 'pledge' || due.subject.periodCode === current?.code,
  );
  const latest = latestReviewed(store, block, unit, periods);
  return {
    unitName: unit.name,
    block: { name: block.name, year: year.year, theme: blockYear.theme, ...(blockYear.lead ? { lead: blockYear.lead.name } : {}) },
    dues: buildDueLines({ year: year.year, unitCode: unit.code, zone: organisation.timeZone, now, dues }, locale).blocks,
    ...(latest ? { latest: { record: latest, unitId: unit.id } } : {}),
  };
}

/** The standings of the latest period (by due) in which the unit's report in force was reviewed, if any. */
function latestReviewed(store: Store, block: BlockRow, unit: UnitRow, periods: readonly PeriodRow[]): StandingsRecord | undefined {
  const reviewed = [...periods]
    .reverse()
    .find((period) => store.reports.forUnits(period.id, [unit.id]).get(unit.id)?.review?.outcome === 'reviewed');
  const loaded = reviewed ? standingsFor(store, block.id, reviewed.id) : undefined;
  return loaded ? standingsRecord(loaded, reviewed!.due) : undefined;
}

function leadHome(store: Store, caller: Caller, block: BlockRow, periods: readonly PeriodRow[], now: Date): LeadHome {
  const period = statusPeriod(periods, now);
  const standingsPeriod = latestDuePeriod(periods, now);
  const loaded = standingsPeriod ? standingsFor(store, block.id, standingsPeriod.id) : undefined;
  const record = loaded ? standingsRecord(loaded, now) : undefined;
  return {
    block,
    ...(period ? { period } : {}),
    rows: period ? statusRows(store, block, period, caller) : [],
    ...(record?.rows.some((row) => row.reported) ? { standings: record } : {}),
  };
}

function adminHome(store: Store, year: number, clock: HomeClock): AdminHome {
  const undelivered = store.outbox.undelivered(clock.wireNowMs - UNDELIVERED_WINDOW_MS, NOT_SHOWN, UNDELIVERED_SHOWN);
  return {
    progress: blocksProgress(store, year, clock.now),
    undelivered: {
      count: undelivered.count,
      latest: undelivered.latest.map(undeliveredOf),
    },
  };
}

/** An outbox row that could not be delivered, as the admins are shown it (their Home, the digest). */
export function undeliveredOf(row: OutboxRow): UndeliveredMessage {
  const message = row.payload as OutgoingMessage;
  return {
    recipient: message.user ? { user: message.user } : { channel: message.channel ?? row.channelId ?? '?' },
    error: row.error ?? '?',
    text: message.text,
    queuedAt: row.createdAt,
  };
}

/**
 * The person opened their App Home: drawn, and for a member of the organisation noted (from now on
 * it is redrawn when their data changes); someone else's Home says the same whatever happens.
 */
export function openHome(deps: AppDeps, userId: string, locale: Locale): HomeView | undefined {
  const organisation = deps.store.organisation.get();
  if (organisation && isMember(identifyCaller(deps.store, organisation, userId, deps.clock.now())))
    deps.store.people.homeOpened(userId, deps.clock.now());
  return homeView(deps.store, userId, { now: deps.clock.now(), wireNowMs: deps.wire.nowMs() }, locale);
}

/** Whose Home a change concerns: some units' officers, whole blocks (ranks move for all), the admins, or everyone. */
export interface HomeAudience {
  units?: readonly number[];
  blocks?: readonly number[];
  users?: readonly string[];
  admins?: boolean;
  everyone?: boolean;
}

/**
 * Queues, in the caller's transaction, a redraw of the App Home of everyone in `audience` who has
 * opened it, once per `cause` (a retried request queues nothing again). A redraw still waiting for
 * the same person is superseded: the newest one draws everything as it then is.
 */
export function queueHomeRefresh(deps: AppDeps, tx: Store, audience: HomeAudience, cause: string): void {
  const users = new Set<string>(audience.users);
  for (const blockId of audience.blocks ?? [])
    for (const member of tx.structure.members(blockId)) for (const userId of member.officerIds) users.add(userId);
  for (const unitId of audience.units ?? []) for (const userId of tx.structure.officerIds(unitId)) users.add(userId);
  if (audience.admins || audience.everyone) for (const userId of tx.organisation.adminIds()) users.add(userId);
  const audienceIds = audience.everyone ? tx.people.everyoneWithHome() : tx.people.withHome([...users]);
  for (const userId of audienceIds) {
    const prefix = `home:${userId}:`;
    const key = `${prefix}${cause}`;
    tx.outbox.supersede(prefix, key, 'superseded by a later redraw');
    deps.delivery.queue(tx, { key, kind: HOME_REFRESH_KIND, message: { user: userId, text: '', home: true } });
  }
}
