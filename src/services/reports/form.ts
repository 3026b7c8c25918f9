import { z } from 'zod';
import type { Store } from '../../../db/store';
import type { ReportRow, UnitReport } from '../../../db/store/reports';
import type { BlockRow, BlockYear, CriterionRow, PeriodRow, UnitRow, YearRow } from '../../../db/store/structure';
import { DEFAULT_TIME_ZONE } from '../../domain/calendar';
import { keptFor } from '../../domain/kept';
import { fingerprint, pagesBySize } from '../../domain/pagination';
import { currentPeriod, isLate, isOpen, latestOpen, nextToOpen, reportOpensAt } from '../../domain/periods';
import { reportAsk } from '../../domain/report-form';
import { parsePeriodWords } from '../../domain/scope-words';
import { scoreUnit, type TableRules } from '../../domain/scoring';
import { autoFacts, type ScoredReport, scoredReport, scoringCriteria, scoringCriterion, scoringInput } from '../../standings/inputs';
import type { ProvisionalScore, ReportCriterion, ReportMode } from '../../views/report';
import { blocksOfCriterion } from '../../views/report-modal';
import type { Caller } from '../caller';
import { periodsForUnit, reportTerms } from '../dues';
import { pageCarrySchema } from '../unit-forms/carry';
import { type UnitFormScopeProblem, unitFormScope } from '../unit-forms/scope';

/** Blocks one page of criteria may take (each counted with a possible group heading), under Slack's 100 per modal. */
const CRITERIA_BLOCKS_PER_PAGE = 84;

/** Everything the report form is drawn from, read fresh for the modal and again for its submission. */
export interface ReportForm {
  unit: UnitRow;
  block: BlockRow;
  year: YearRow;
  period: PeriodRow;
  blockYear: BlockYear;
  criteria: readonly ReportCriterion[];
  report?: ReportRow;
  current?: UnitReport;
  targets: ReadonlyMap<number, number>;
  /** The targets of the unit's own indicators in its pledge in force (version 2). */
  indicatorTargets: ReadonlyMap<number, Readonly<Record<string, number>>>;
  /** When the unit first signed its pledge: what an automatic pledge_on_time criterion reads. */
  pledgeSignedAt: Date | null;
  mode: ReportMode;
  /** The unit's due in force (the period's, or its extension). */
  due: Date;
  extended: boolean;
  lockedFrom: Date;
}

/** The block's scoring table for the year, as the report and review forms show it. */
export function reportCriteria(store: Store, year: number, blockId: number): ReportCriterion[] {
  return store.structure.criteria(year, blockId).map(reportCriterionOf);
}

const reportCriterionOf = (row: CriterionRow): ReportCriterion => ({ ...scoringCriterion(row), measureUnit: row.measureUnit });

/**
 * The block's table as the report form asks it of the unit `unitCode`: its own indicators, nothing
 * for what the lead scores or the bot knows. Built once per unit and table read: the read cache
 * answers the table with the same (frozen) rows until the configuration changes, so the mapping is
 * kept beside those rows and goes with them; rows read afresh (in a transaction that wrote) are
 * mapped afresh. The criteria are shared by every form of the unit, and frozen.
 */
export function criteriaAskedOf(store: Store, year: number, blockId: number, unitCode: string): readonly ReportCriterion[] {
  const rows = store.structure.criteria(year, blockId);
  const byUnit = keptFor(askedByTable, rows, () => new Map<string, readonly ReportCriterion[]>());
  let asked = byUnit.get(unitCode);
  if (!asked) {
    asked = Object.freeze(
      rows.map((row) => {
        const criterion = reportCriterionOf(row);
        return Object.freeze({ ...criterion, ask: reportAsk(criterion, unitCode) });
      }),
    );
    byUnit.set(unitCode, asked);
  }
  return asked;
}
const askedByTable = new WeakMap<readonly CriterionRow[], Map<string, readonly ReportCriterion[]>>();

/** The targets and ceilings of the unit's pledge in force for the year (none before it signs). */
export function pledgedTargets(store: Store, year: number, unitId: number): ReadonlyMap<number, number> {
  return unitPledgeFacts(store, year, unitId).targets;
}

/** What the report and review read of the unit's pledge for the year: targets, indicator targets, the first signature. */
export function unitPledgeFacts(
  store: Store,
  year: number,
  unitId: number,
): {
  targets: ReadonlyMap<number, number>;
  indicatorTargets: ReadonlyMap<number, Readonly<Record<string, number>>>;
  signedAt: Date | null;
} {
  const pledge = store.pledges.forUnits(year, [unitId]).get(unitId);
  return {
    targets: pledge?.inForce?.targets ?? new Map(),
    indicatorTargets: pledge?.inForce?.indicatorTargets ?? new Map(),
    signedAt: pledge?.signed?.submittedAt ?? null,
  };
}

/**
 * The unit's report form for the period as of `now`: until the report locks (the unit's due in force
 * plus the year's grace hours, or later while an admin reopened it) a submission is a new version in
 * force, late after that due; once locked, a change is asked of the block lead, unless the lead
 * returned the report, which reopens it.
 */
export function loadReportForm(store: Store, unit: UnitRow, block: BlockRow, period: PeriodRow, now: Date): ReportForm {
  const pledge = unitPledgeFacts(store, period.year, unit.id);
  const year = store.structure.year(period.year)!;
  const current = store.reports.forUnits(period.id, [unit.id]).get(unit.id);
  const report = current?.report;
  const terms = reportTerms(store, year, period, unit.id);
  const locksAt = terms.locksAt;
  const returned = current?.review?.outcome === 'returned';
  const mode: ReportMode = !current?.inForce
    ? isLate(now, terms.due)
      ? 'late'
      : 'submit'
    : returned
      ? 'returned'
      : now.getTime() >= locksAt.getTime()
        ? 'locked'
        : 'edit';
  return {
    unit,
    block,
    year,
    period,
    blockYear: store.structure.blockYear(year.year, block.id)!,
    criteria: criteriaAskedOf(store, year.year, block.id, unit.code),
    ...(report ? { report } : {}),
    ...(current ? { current } : {}),
    targets: pledge.targets,
    indicatorTargets: pledge.indicatorTargets,
    pledgeSignedAt: pledge.signedAt,
    mode,
    due: terms.due,
    extended: terms.extension !== undefined,
    lockedFrom: locksAt,
  };
}

/** Whether a submission of the form is a change request for the block lead, which asks the unit why (“Lý do điều chỉnh”). */
export function asksChangeReason(form: Pick<ReportForm, 'mode'>): boolean {
  return form.mode === 'locked';
}

/** The metadata the modal carries: unit and period ids, then the paging (unit-forms/carry.ts). */
export const reportMetadata = pageCarrySchema.extend({ unitId: z.number().int(), periodId: z.number().int() });
export type ReportMetadata = z.infer<typeof reportMetadata>;

export type ReportFormProblem =
  | UnitFormScopeProblem
  | { kind: 'no_periods'; year: number }
  | { kind: 'unknown_period'; typed: string; periods: PeriodRow[] }
  /** The period named has not opened yet. */
  | { kind: 'not_open'; period: PeriodRow; opensAt: Date; opensDays: number }
  /** No period named, and every open one is submitted: the latest submitted, and the one that opens next. */
  | { kind: 'nothing_open'; unit: UnitRow; submitted?: PeriodRow; next?: { period: PeriodRow; opensAt: Date } };

/** The year's periods (or those given of it), each with when its report opens (years[].report_opens_days before it ends, in the organisation's zone). */
export function reportWindows(
  store: Store,
  year: YearRow,
  periods: readonly PeriodRow[] = store.structure.periods(year.year),
): (PeriodRow & { opensAt: Date })[] {
  const zone = store.organisation.get()?.timeZone ?? DEFAULT_TIME_ZONE;
  return periods.map((period) => ({ ...period, opensAt: reportOpensAt(period.endsOn, year.reportOpensDays, zone) }));
}

/** The year's periods as `unitId` reports them: its own dues (an extension moves one, not its window) and when each report opens. */
export function reportPeriodsOfUnit(store: Store, year: YearRow, unitId: number): (PeriodRow & { opensAt: Date })[] {
  const windows = reportWindows(store, year);
  return periodsForUnit(store, windows, unitId).map((own, index) => ({ ...own, opensAt: windows[index]!.opensAt }));
}

/**
 * The report form `asked` names — a unit's code or name (the caller's own unit when empty), the
 * period `periodText` names (it must have opened: years[].report_opens_days before it ends), else
 * the unit's current period (the earliest open one it has not submitted, an overdue one first) of
 * `year` (the current one when absent) — with its first page's metadata; or why it cannot open.
 */
export function reportFormToOpen(
  store: Store,
  caller: Caller,
  asked: { unitText: string; periodText: string; year?: number },
  now: Date,
): { ok: false; problem: ReportFormProblem } | { ok: true; form: ReportForm; metadata: ReportMetadata; actingAsAdmin: boolean } {
  const refuse = (problem: ReportFormProblem) => ({ ok: false as const, problem });
  const scoped = unitFormScope(store, caller, asked);
  if (!scoped.ok) return scoped;
  const { unit, block, year, actingAsAdmin } = scoped.scope;
  const periods = reportWindows(store, year);
  if (periods.length === 0) return refuse({ kind: 'no_periods', year: year.year });
  let period: PeriodRow & { opensAt: Date };
  if (asked.periodText) {
    const found = parsePeriodWords(asked.periodText, [], periods);
    if (!found.period || found.rest) return refuse({ kind: 'unknown_period', typed: asked.periodText, periods });
    period = found.period;
    if (!isOpen(period, now)) return refuse({ kind: 'not_open', period, opensAt: period.opensAt, opensDays: year.reportOpensDays });
  } else {
    const submitted = store.reports.submittedPeriods(
      unit.id,
      periods.map((candidate) => candidate.id),
    );
    const current = currentPeriod(reportPeriodsOfUnit(store, year, unit.id), submitted, now);
    if (!current) {
      const next = nextToOpen(periods, now);
      const done = latestOpen(periods, now);
      return refuse({
        kind: 'nothing_open',
        unit,
        ...(done ? { submitted: done } : {}),
        ...(next ? { next: { period: next, opensAt: next.opensAt } } : {}),
      });
    }
    period = periods.find((candidate) => candidate.id === current.id)!;
  }
  const form = loadReportForm(store, unit, block, period, now);
  return {
    ok: true,
    form,
    metadata: { unitId: unit.id, periodId: period.id, page: 0, fingerprint: fingerprint(form.criteria) },
    actingAsAdmin,
  };
}

/** The criteria split into pages that fit a modal: once per table the read cache hands out (criteriaAskedOf), frozen. */
export function reportPages(form: Pick<ReportForm, 'criteria'>): readonly (readonly ReportCriterion[])[] {
  return keptFor(pagesByCriteria, form.criteria, () =>
    Object.freeze(
      pagesBySize(form.criteria, (criterion) => blocksOfCriterion(criterion) + 1, CRITERIA_BLOCKS_PER_PAGE).map((page) =>
        Object.freeze(page),
      ),
    ),
  );
}
const pagesByCriteria = new WeakMap<readonly ReportCriterion[], readonly (readonly ReportCriterion[])[]>();

/**
 * What scoring one unit's report needs: the unit, the block's table and its rules, the targets of
 * its pledge (its indicators' too), and what automatic criteria read (the first signature against
 * the pledge due, the report's first version against the period's due).
 */
export interface ScoringSubject {
  unit: Pick<UnitRow, 'id' | 'code'>;
  criteria: readonly ReportCriterion[];
  targets: ReadonlyMap<number, number>;
  indicatorTargets?: ReadonlyMap<number, Readonly<Record<string, number>>>;
  rules?: TableRules;
  automatic?: { pledgeSignedAt: Date | null; pledgeDue: Date; periodDue: Date };
}

/** The unit's score for `report` as the scoring engine computes it (the lead's points once reviewed). */
export function scoreReport(subject: ScoringSubject, report: ScoredReport) {
  const auto = subject.automatic;
  return scoreUnit(
    scoringCriteria(subject.criteria),
    scoringInput(subject.unit.id, report, subject.targets, {
      unitCode: subject.unit.code,
      ...(subject.indicatorTargets ? { indicatorTargets: subject.indicatorTargets } : {}),
      ...(auto
        ? {
            auto: autoFacts({
              signedAt: auto.pledgeSignedAt,
              pledgeDue: auto.pledgeDue,
              reportedAt: report.firstSubmittedAt ?? null,
              reportDue: auto.periodDue,
            }),
          }
        : {}),
    }),
    subject.rules,
  );
}

/** A report form's scoring subject: its unit, table, rules, targets and automatic facts. */
export function formSubject(form: ReportForm): ScoringSubject {
  return {
    unit: form.unit,
    criteria: form.criteria,
    targets: form.targets,
    indicatorTargets: form.indicatorTargets,
    rules: { groups: form.blockYear.groups, notApplicable: form.blockYear.notApplicable },
    automatic: { pledgeSignedAt: form.pledgeSignedAt, pledgeDue: form.year.pledgeDue, periodDue: form.period.due },
  };
}

/** The provisional total a unit is told, and what in it still waits for the lead's review. */
export function provisionalScore(subject: ScoringSubject, report: ScoredReport): ProvisionalScore {
  const score = scoreReport(subject, report);
  const awaitingReview = score.criteria.filter((line) => line.notes.includes('awaiting_review'));
  return {
    total: score.total,
    leftOut: {
      bonus: awaitingReview.some((line) => line.kind === 'bonus'),
      leadScored: score.criteria.some((line) => line.notes.includes('awaiting_lead')),
    },
    selfScored: awaitingReview.some((line) => line.kind !== 'bonus'),
  };
}

/** The provisional score of the version in force, when there is one: what the form shows above the fields. */
export function provisionalInForce(form: ReportForm): ProvisionalScore | undefined {
  const report = scoredReport(form.current);
  return report ? provisionalScore(formSubject(form), report) : undefined;
}
