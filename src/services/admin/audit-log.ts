import type { Store } from '../../../db/store';
import type { AuditFilter, AuditRow } from '../../../db/store/audit';
import type { UnitRow } from '../../../db/store/structure';
import { parseAuditFilterWords } from '../../domain/audit-filter';
import { addDays, instantAt, type LocalDate } from '../../domain/calendar';
import { type PageWindow, pageWindow } from '../../domain/pagination';
import { findByCodeOrName } from '../../domain/scope-words';
import type { AuditLine, AuditPage } from '../../views/audit-log';
import type { AppDeps } from '../deps';
import { adminCaller } from './common';

/**
 * The audit log, read by admins from Slack (`/thidua quantri nhatky [đơn vị] [@người] [từ ngày]
 * [đến ngày]`): newest first, a page at a time, filtered by the unit an entry is about, by a person
 * (who acted, or whom it was about) and by local dates, both days included.
 */
export const AUDIT_ENTRIES_PER_PAGE = 10;

export type AuditLogOutcome =
  | { kind: 'refused' }
  | { kind: 'unknown_unit'; typed: string; units: UnitRow[] }
  | { kind: 'ambiguous_unit'; typed: string; units: UnitRow[] }
  | { kind: 'unreadable'; words: string[] }
  | { kind: 'page'; page: AuditPage; unit?: UnitRow; lines: AuditLine[]; window: PageWindow; total: number };

/** What was typed after `nhatky`, read into the first page's filter; or why it cannot be. */
export function auditFilterOf(deps: AppDeps, typed: string): Exclude<AuditLogOutcome, { kind: 'page' | 'refused' }> | AuditPage {
  const words = parseAuditFilterWords(typed);
  if (words.unreadable.length) return { kind: 'unreadable', words: words.unreadable };
  let unitId: number | undefined;
  if (words.unitText) {
    const units = deps.store.structure.activeUnits();
    const found = findByCodeOrName(words.unitText, units);
    if (found.kind === 'none') return { kind: 'unknown_unit', typed: words.unitText, units };
    if (found.kind === 'ambiguous') return { kind: 'ambiguous_unit', typed: words.unitText, units: found.items };
    unitId = found.item.id;
  }
  return {
    ...(unitId !== undefined ? { unitId } : {}),
    ...(words.userId ? { userId: words.userId } : {}),
    ...(words.from ? { from: words.from } : {}),
    ...(words.until ? { until: words.until } : {}),
    page: 0,
  };
}

/** One page of the log as `page` filters it, for an admin. */
export function readAuditLog(deps: AppDeps, by: string, page: AuditPage): AuditLogOutcome {
  const admin = adminCaller(deps, by);
  if (!admin) return { kind: 'refused' };
  const zone = admin.organisation.timeZone;
  const dayStart = (date: LocalDate) => instantAt(date, 0, zone);
  const filter: AuditFilter = {
    ...(page.unitId !== undefined ? { unitId: page.unitId } : {}),
    ...(page.userId ? { userId: page.userId } : {}),
    ...(page.from ? { from: dayStart(page.from) } : {}),
    // Through the end of the last day: before the next day's midnight.
    ...(page.until ? { until: dayStart(addDays(page.until, 1)) } : {}),
  };
  const { store } = deps;
  const total = store.audit.count(filter);
  const window = pageWindow(total, AUDIT_ENTRIES_PER_PAGE, page.page);
  const entries = store.audit.page(filter, window.start, AUDIT_ENTRIES_PER_PAGE);
  const unit = page.unitId !== undefined ? store.structure.unitById(page.unitId) : undefined;
  return {
    kind: 'page',
    page: { ...page, page: window.page },
    ...(unit ? { unit } : {}),
    lines: entries.map((entry) => auditLine(store, entry)),
    window,
    total,
  };
}

/** An entry with the names of its unit, period and block (and a deliberation's year), for reading. */
function auditLine(store: Store, entry: AuditRow): AuditLine {
  // A ballot's entry is about the deliberation; the unit that voted is in its details.
  const unitId = entry.unitId ?? (typeof entry.details.unitId === 'number' ? entry.details.unitId : null);
  const unit = unitId !== null ? store.structure.unitById(unitId) : undefined;
  const periodName = periodNameOf(store, entry);
  // A deliberation's entries name it by id: its block and year are on its row.
  const deliberation = entry.entityType === 'deliberation' ? store.deliberations.byId(Number(entry.entityId)) : undefined;
  const blockId = typeof entry.details.blockId === 'number' ? entry.details.blockId : deliberation?.blockId;
  const blockName = blockId !== undefined ? store.structure.blockById(blockId)?.name : undefined;
  return {
    at: entry.at,
    actorUserId: entry.actorUserId,
    actingAsAdmin: entry.actingAsAdmin,
    action: entry.action,
    details: deliberation ? { year: deliberation.year, ...entry.details } : entry.details,
    ...(unit ? { unitName: unit.name } : {}),
    ...(periodName ? { periodName } : {}),
    ...(blockName ? { blockName } : {}),
    ...(entry.subjectUserId ? { subjectUserId: entry.subjectUserId } : {}),
  };
}

/** The period an entry is about: its report's, the one its details name by id, or by year and code. */
function periodNameOf(store: Store, entry: AuditRow): string | undefined {
  const report = entry.entityType === 'report' ? store.reports.byId(Number(entry.entityId)) : undefined;
  if (report) return store.structure.periodById(report.periodId)?.name;
  const { period, periodId, year } = entry.details as { period?: unknown; periodId?: unknown; year?: unknown };
  if (typeof periodId === 'number') return store.structure.periodById(periodId)?.name;
  if (typeof period !== 'string' || typeof year !== 'number') return undefined;
  return store.structure.periods(year).find((candidate) => candidate.code === period)?.name;
}
