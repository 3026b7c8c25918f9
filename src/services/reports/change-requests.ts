import type { ReportVersion } from '../../../db/store/reports';
import { diffReports, type ReportContent } from '../../domain/report-diff';
import { describeReportChanges, reportText } from '../../views/report';
import { type ChangeRequest, type ChangeRequestKind, decideVersion, versionFacts } from '../change-requests/requests';
import { reportCriteria } from './form';

export function contentOf(version: ReportVersion): ReportContent {
  return { values: version.values, evidenceUrl: version.evidenceUrl, notes: version.notes };
}

/** The report changes asked for once a period is locked, decided by the block lead. */
export const reportChangeRequests: ChangeRequestKind = {
  load(store, id, locale) {
    const version = store.reports.version(id);
    if (!version) return undefined;
    const { report } = version;
    const period = store.structure.periodById(report.periodId);
    const unit = store.structure.unitById(report.unitId);
    if (!period || !unit) return undefined;
    const base = store.reports.acceptedBefore(report.id, version.id);
    const criteria = reportCriteria(store, period.year, report.blockId);
    const changes = diffReports(
      base ? contentOf(base) : undefined,
      contentOf(version),
      criteria.map((criterion) => criterion.id),
    );
    return {
      kind: 'report',
      id: version.id,
      year: period.year,
      blockId: report.blockId,
      unitId: report.unitId,
      auditEntity: { entityType: 'report', entityId: report.id },
      title: reportText[locale].requestTitle(period.name, period.year),
      unitName: unit.name,
      changes: describeReportChanges(changes, new Map(criteria.map((criterion) => [criterion.id, criterion])), locale),
      ...versionFacts(version),
    } satisfies ChangeRequest;
  },
  decide: decideVersion((tx) => tx.reports),
  auditActions: { approved: 'report.change_approved', rejected: 'report.change_rejected' },
};
