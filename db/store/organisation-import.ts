import { and, eq, notInArray } from 'drizzle-orm';
import type { OrganisationData } from '../../src/organisation/read-file';
import {
  admins,
  blocks,
  blockUnits,
  blockYears,
  blockYearUnits,
  criteria,
  directives,
  holidays,
  officers,
  organisation,
  periods,
  titles,
  units,
  years,
} from '../schema';
import { directiveByNumberKey, ensureDirectiveSearch, indexDirective } from './directives';
import type { Db } from './types';

export interface ChangeCount {
  added: number;
  updated: number;
  /** No longer in the file: deactivated, never deleted, so pledges and reports keep their references. */
  retired: number;
}

export const IMPORT_SECTIONS = ['settings', 'units', 'blocks', 'years', 'periods', 'criteria', 'directives'] as const;
export type ImportSection = (typeof IMPORT_SECTIONS)[number];
export type ImportSummary = Record<ImportSection, ChangeCount>;

export function hasChanges(summary: ImportSummary): boolean {
  return IMPORT_SECTIONS.some((section) => summary[section].added + summary[section].updated + summary[section].retired > 0);
}

const same = (left: unknown, right: unknown) => JSON.stringify(left) === JSON.stringify(right);

/**
 * Applies a validated organisation in one transaction: rows are matched by code (units, blocks,
 * criteria, periods) or number (directives) and updated in place; rows missing from the file are
 * deactivated. Pledges, reports and directives added in Slack are never touched.
 */
export function importQueries(db: Db) {
  return {
    apply(data: OrganisationData, now: Date): ImportSummary {
      return db.transaction((tx) => applyOrganisation(tx, data, now));
    },
  };
}

function applyOrganisation(db: Db, data: OrganisationData, now: Date): ImportSummary {
  const summary = Object.fromEntries(IMPORT_SECTIONS.map((section) => [section, { added: 0, updated: 0, retired: 0 }])) as ImportSummary;

  // Settings: the organisation row, admins, holidays and titles are configuration, replaced whole.
  const current = db.select().from(organisation).where(eq(organisation.id, 1)).get();
  const wanted = data.organisation;
  if (!current) {
    db.insert(organisation)
      .values({ id: 1, ...wanted, updatedAt: now })
      .run();
    summary.settings.added += 1;
  } else if (
    !same(
      [current.name, current.timeZone, current.locale, current.quietFrom, current.quietTo],
      [wanted.name, wanted.timeZone, wanted.locale, wanted.quietFrom, wanted.quietTo],
    )
  ) {
    db.update(organisation)
      .set({ ...wanted, updatedAt: now })
      .where(eq(organisation.id, 1))
      .run();
    summary.settings.updated += 1;
  }
  const replaceSet = <T>(existing: T[], next: T[], replace: () => void) => {
    if (same([...existing].sort(), [...next].sort())) return;
    replace();
    summary.settings.updated += 1;
  };
  replaceSet(
    db
      .select()
      .from(admins)
      .all()
      .map((row) => row.userId),
    data.admins,
    () => {
      db.delete(admins).run();
      if (data.admins.length)
        db.insert(admins)
          .values(data.admins.map((userId) => ({ userId })))
          .run();
    },
  );
  replaceSet(
    db
      .select()
      .from(holidays)
      .all()
      .map((row) => row.date),
    data.holidays,
    () => {
      db.delete(holidays).run();
      if (data.holidays.length)
        db.insert(holidays)
          .values(data.holidays.map((date) => ({ date })))
          .run();
    },
  );
  const currentTitles = db.select().from(titles).all();
  const activeTitles = currentTitles
    .filter((row) => row.active)
    .sort((a, b) => a.position - b.position)
    .map((row) => row.name);
  if (!same(activeTitles, data.titles)) {
    db.update(titles).set({ active: false }).run();
    data.titles.forEach((name, position) => {
      db.insert(titles)
        .values({ name, position, active: true })
        .onConflictDoUpdate({ target: titles.name, set: { position, active: true } })
        .run();
    });
    summary.settings.updated += 1;
  }

  // Units and their officers.
  const unitIds = new Map<string, number>();
  for (const unit of data.units) {
    const existing = db.select().from(units).where(eq(units.code, unit.code)).get();
    const currentOfficers = existing
      ? db
          .select()
          .from(officers)
          .where(eq(officers.unitId, existing.id))
          .all()
          .map((row) => row.userId)
      : [];
    let unitId: number;
    if (!existing) {
      unitId = db.insert(units).values({ code: unit.code, name: unit.name, active: true }).returning({ id: units.id }).get().id;
      summary.units.added += 1;
    } else {
      unitId = existing.id;
      const changed = existing.name !== unit.name || !existing.active || !same([...currentOfficers].sort(), [...unit.officers].sort());
      if (changed) {
        db.update(units).set({ name: unit.name, active: true }).where(eq(units.id, unitId)).run();
        summary.units.updated += 1;
      }
    }
    unitIds.set(unit.code, unitId);
  }
  // Officers move freely between units, so the whole table is rewritten from the file.
  db.delete(officers).run();
  const officerRows = data.units.flatMap((unit) => unit.officers.map((userId) => ({ userId, unitId: unitIds.get(unit.code)! })));
  if (officerRows.length) db.insert(officers).values(officerRows).run();
  summary.units.retired += retire(db, units, units.code, [...unitIds.keys()]);

  // Blocks and their membership.
  const blockIds = new Map<string, number>();
  const currentMembers = new Map<number, number[]>();
  for (const row of db.select().from(blockUnits).orderBy(blockUnits.position).all()) {
    currentMembers.set(row.blockId, [...(currentMembers.get(row.blockId) ?? []), row.unitId]);
  }
  for (const block of data.blocks) {
    const existing = db.select().from(blocks).where(eq(blocks.code, block.code)).get();
    const members = block.unitCodes.map((code) => unitIds.get(code)!);
    if (!existing) {
      blockIds.set(
        block.code,
        db
          .insert(blocks)
          .values({ code: block.code, name: block.name, channelId: block.channelId, active: true })
          .returning({ id: blocks.id })
          .get().id,
      );
      summary.blocks.added += 1;
    } else {
      blockIds.set(block.code, existing.id);
      if (
        existing.name !== block.name ||
        existing.channelId !== block.channelId ||
        !existing.active ||
        !same(currentMembers.get(existing.id) ?? [], members)
      ) {
        db.update(blocks).set({ name: block.name, channelId: block.channelId, active: true }).where(eq(blocks.id, existing.id)).run();
        summary.blocks.updated += 1;
      }
    }
  }
  db.delete(blockUnits).run();
  const membershipRows = data.blocks.flatMap((block) =>
    block.unitCodes.map((code, position) => ({ blockId: blockIds.get(block.code)!, unitId: unitIds.get(code)!, position })),
  );
  if (membershipRows.length) db.insert(blockUnits).values(membershipRows).run();
  summary.blocks.retired += retire(db, blocks, blocks.code, [...blockIds.keys()]);

  // Directives: updated by number, never deleted (admins also add them in Slack). A number matches
  // however it is written (34-CT/TW is 34/CT-TW), and every write keeps the search index in step.
  ensureDirectiveSearch(db);
  for (const directive of data.directives) {
    const existing =
      db.select().from(directives).where(eq(directives.number, directive.number)).get() ?? directiveByNumberKey(db, directive.number);
    const fields = {
      kind: directive.kind,
      issuer: directive.issuer,
      issuedOn: directive.issuedOn,
      title: directive.title,
      summary: directive.summary,
      url: directive.url,
      tags: directive.tags,
      expiredOn: directive.expiredOn,
      replacedBy: directive.replacedBy,
    };
    if (!existing) {
      const row = db
        .insert(directives)
        .values({ number: directive.number, ...fields, source: 'file', updatedAt: now })
        .returning()
        .get();
      indexDirective(db, row);
      summary.directives.added += 1;
    } else if (
      !same(
        [
          existing.number,
          existing.kind,
          existing.issuer,
          existing.issuedOn,
          existing.title,
          existing.summary,
          existing.url,
          existing.tags,
          existing.expiredOn,
          existing.replacedBy,
        ],
        [directive.number, ...Object.values(fields)],
      )
    ) {
      const row = db
        .update(directives)
        .set({ number: directive.number, ...fields, updatedAt: now, updatedBy: null })
        .where(eq(directives.id, existing.id))
        .returning()
        .get();
      indexDirective(db, row);
      summary.directives.updated += 1;
    }
  }

  // Years, with each block's lead, deputy, theme, scoring table and the periods.
  for (const year of data.years) {
    const fields = {
      theme: year.theme,
      pledgeDue: year.pledgeDue,
      reminderBeforeDays: year.reminderBeforeDays,
      reminderAt: year.reminderAt,
      overdueEveryDays: year.overdueEveryDays,
      reportGraceHours: year.reportGraceHours,
      summaryAt: year.summaryAt,
      gradeBands: year.gradeBands,
      yearResult: year.yearResult,
      commendations: year.commendations,
      summaryLatestDays: year.summaryLatestDays,
      reportOpensDays: year.reportOpensDays,
      overdueInChannel: year.overdueInChannel,
      nudgeIntervalMinutes: year.nudgeIntervalMinutes,
      resubmissionWorkingDays: year.resubmissionWorkingDays,
    };
    const existing = db.select().from(years).where(eq(years.year, year.year)).get();
    let yearChanged = false;
    if (!existing) {
      db.insert(years)
        .values({ year: year.year, ...fields })
        .run();
      summary.years.added += 1;
    } else if (
      !same(
        [
          existing.theme,
          existing.pledgeDue.getTime(),
          existing.reminderBeforeDays,
          existing.reminderAt,
          existing.overdueEveryDays,
          existing.reportGraceHours,
          existing.summaryAt,
          existing.gradeBands,
          existing.yearResult,
          existing.commendations,
          existing.summaryLatestDays,
          existing.reportOpensDays,
          existing.overdueInChannel,
          existing.nudgeIntervalMinutes,
          existing.resubmissionWorkingDays,
        ],
        [
          fields.theme,
          fields.pledgeDue.getTime(),
          fields.reminderBeforeDays,
          fields.reminderAt,
          fields.overdueEveryDays,
          fields.reportGraceHours,
          fields.summaryAt,
          fields.gradeBands,
          fields.yearResult,
          fields.commendations,
          fields.summaryLatestDays,
          fields.reportOpensDays,
          fields.overdueInChannel,
          fields.nudgeIntervalMinutes,
          fields.resubmissionWorkingDays,
        ],
      )
    ) {
      db.update(years).set(fields).where(eq(years.year, year.year)).run();
      yearChanged = true;
    }

    for (const blockYear of year.blocks) {
      const blockId = blockIds.get(blockYear.blockCode)!;
      const wantedRow = {
        leadUnitId: blockYear.leadCode ? unitIds.get(blockYear.leadCode)! : null,
        deputyUnitId: blockYear.deputyCode ? unitIds.get(blockYear.deputyCode)! : null,
        theme: blockYear.theme,
        groups: blockYear.groups,
        notApplicable: blockYear.notApplicable,
      };
      const currentRow = db
        .select()
        .from(blockYears)
        .where(and(eq(blockYears.year, year.year), eq(blockYears.blockId, blockId)))
        .get();
      if (!currentRow) {
        db.insert(blockYears)
          .values({ year: year.year, blockId, ...wantedRow })
          .run();
        if (existing) yearChanged = true;
      } else if (
        !same(
          [currentRow.leadUnitId, currentRow.deputyUnitId, currentRow.theme, currentRow.groups, currentRow.notApplicable],
          [wantedRow.leadUnitId, wantedRow.deputyUnitId, wantedRow.theme, wantedRow.groups, wantedRow.notApplicable],
        )
      ) {
        db.update(blockYears)
          .set(wantedRow)
          .where(and(eq(blockYears.year, year.year), eq(blockYears.blockId, blockId)))
          .run();
        yearChanged = true;
      }

      // The block's members this year, in the file's order.
      const wantedMembers = blockYear.unitCodes.map((code) => unitIds.get(code)!);
      const currentMembers = db
        .select()
        .from(blockYearUnits)
        .where(and(eq(blockYearUnits.year, year.year), eq(blockYearUnits.blockId, blockId)))
        .orderBy(blockYearUnits.position)
        .all()
        .map((row) => row.unitId);
      if (!same(currentMembers, wantedMembers)) {
        db.delete(blockYearUnits)
          .where(and(eq(blockYearUnits.year, year.year), eq(blockYearUnits.blockId, blockId)))
          .run();
        if (existing && currentMembers.length) yearChanged = true;
      }

      const keptCriteria: string[] = [];
      blockYear.criteria.forEach((criterion, position) => {
        keptCriteria.push(criterion.code);
        const criterionFields = {
          groupName: criterion.groupName,
          name: criterion.name,
          maxPoints: criterion.maxPoints,
          kind: criterion.kind,
          measureUnit: criterion.measureUnit,
          rule: criterion.rule,
          position,
          active: true,
        };
        const stored = db
          .select()
          .from(criteria)
          .where(and(eq(criteria.year, year.year), eq(criteria.blockId, blockId), eq(criteria.code, criterion.code)))
          .get();
        if (!stored) {
          db.insert(criteria)
            .values({ year: year.year, blockId, code: criterion.code, ...criterionFields })
            .run();
          summary.criteria.added += 1;
        } else if (
          !same(
            [stored.groupName, stored.name, stored.maxPoints, stored.kind, stored.measureUnit, stored.rule, stored.position, stored.active],
            Object.values(criterionFields),
          )
        ) {
          db.update(criteria).set(criterionFields).where(eq(criteria.id, stored.id)).run();
          summary.criteria.updated += 1;
        }
      });
      summary.criteria.retired += db
        .update(criteria)
        .set({ active: false })
        .where(
          and(
            eq(criteria.year, year.year),
            eq(criteria.blockId, blockId),
            eq(criteria.active, true),
            keptCriteria.length ? notInArray(criteria.code, keptCriteria) : undefined,
          ),
        )
        .run().changes;
    }
    // Written after every block's old rows of the year are gone: a unit may move between blocks from one import to the next.
    for (const blockYear of year.blocks) {
      const blockId = blockIds.get(blockYear.blockCode)!;
      const stored = db
        .select({ unitId: blockYearUnits.unitId })
        .from(blockYearUnits)
        .where(and(eq(blockYearUnits.year, year.year), eq(blockYearUnits.blockId, blockId)))
        .all();
      if (stored.length === 0 && blockYear.unitCodes.length)
        db.insert(blockYearUnits)
          .values(blockYear.unitCodes.map((code, position) => ({ year: year.year, blockId, unitId: unitIds.get(code)!, position })))
          .run();
    }
    if (yearChanged) summary.years.updated += 1;

    year.periods.forEach((period, position) => {
      const periodFields = { name: period.name, startsOn: period.startsOn, endsOn: period.endsOn, due: period.due, position, active: true };
      const stored = db
        .select()
        .from(periods)
        .where(and(eq(periods.year, year.year), eq(periods.code, period.code)))
        .get();
      if (!stored) {
        db.insert(periods)
          .values({ year: year.year, code: period.code, ...periodFields })
          .run();
        summary.periods.added += 1;
      } else if (
        !same(
          [stored.name, stored.startsOn, stored.endsOn, stored.due.getTime(), stored.position, stored.active],
          [period.name, period.startsOn, period.endsOn, period.due.getTime(), position, true],
        )
      ) {
        db.update(periods).set(periodFields).where(eq(periods.id, stored.id)).run();
        summary.periods.updated += 1;
      }
    });
    const keptPeriods = year.periods.map((period) => period.code);
    summary.periods.retired += db
      .update(periods)
      .set({ active: false })
      .where(
        and(eq(periods.year, year.year), eq(periods.active, true), keptPeriods.length ? notInArray(periods.code, keptPeriods) : undefined),
      )
      .run().changes;
  }
  return summary;
}

/** Deactivates the active rows of `table` whose code is not in `kept`; returns how many. */
function retire(db: Db, table: typeof units | typeof blocks, codeColumn: typeof units.code | typeof blocks.code, kept: string[]): number {
  return db
    .update(table)
    .set({ active: false })
    .where(and(eq(table.active, true), kept.length ? notInArray(codeColumn, kept) : undefined))
    .run().changes;
}
