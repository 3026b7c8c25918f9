import type { BlockAction, ButtonAction, ViewStateValue } from '@slack/bolt';
import { z } from 'zod';
import type { Store } from '../db/store';
import type { ReportRow, ReportVersion } from '../db/store/reports';
import type { PeriodRow, UnitRow } from '../db/store/structure';
import { readNumber } from '../src/domain/numbers';
import { reviewCeiling, scoreUnit } from '../src/domain/scoring';
import { formatNumber, formatPoints } from '../src/i18n/format';
import type { Locale } from '../src/i18n/messages';
import { type ScoredReport, scoringCriteria, scoringInput } from '../src/standings/inputs';
import {
  REVIEW_CALLBACK,
  REVIEW_CONFIRM,
  REVIEW_INPUT_ACTION,
  REVIEW_OPEN,
  REVIEW_OUTCOME_BLOCK,
  REVIEW_REASON_BLOCK,
  REVIEW_RETURN,
} from '../src/views/ids';
import type { ReportCriterion } from '../src/views/report';
import {
  buildReturnedMessage,
  buildReviewedMessage,
  buildReviewModal,
  buildReviewResultView,
  LEAD_DECIDES,
  pointsBlockId,
  reviewText,
} from '../src/views/review';
import { mayDecide } from './change-requests';
import type { Feature } from './feature';
import { openerFromAction } from './openers';
import { pledgedTargets, reportCriteria } from './report';
import { submissionOf } from './submissions';

/**
 * Review (thẩm định): the block lead's officers — or an admin — open a unit's report from the status
 * table, set the points the lead decides (graded criteria, bonus, deduction) and confirm the report,
 * or return it with a reason. Reviewed points are what counts in standings; a returned report's
 * officers get a DM with a button that opens it again, and may then resubmit it even after the lock.
 * The lead unit's own report is reviewed by the admins, as with change requests.
 */
interface ReviewSubject {
  version: ReportVersion & { report: ReportRow };
  period: PeriodRow;
  unit: UnitRow;
  blockId: number;
  criteria: ReportCriterion[];
  targets: ReadonlyMap<number, number>;
}

/** The report version `versionId` if it is still the one in force, with what reviewing it needs. */
function subjectOf(store: Store, versionId: number): ReviewSubject | undefined {
  const version = store.reports.version(versionId);
  if (!version || store.reports.inForce(version.report.id)?.id !== version.id) return undefined;
  const period = store.structure.periodById(version.report.periodId);
  const unit = store.structure.unitById(version.report.unitId);
  if (!period || !unit) return undefined;
  return {
    version,
    period,
    unit,
    blockId: version.report.blockId,
    criteria: reportCriteria(store, period.year, version.report.blockId),
    targets: pledgedTargets(store, period.year, unit.id),
  };
}

function score(subject: ReviewSubject, report: ScoredReport) {
  return scoreUnit(scoringCriteria(subject.criteria), scoringInput(subject.unit.id, report, subject.targets));
}

const metadataSchema = z.object({ v: z.number().int() });

type PointsProblem = { kind: 'required' } | { kind: 'not_a_number'; typed: string } | { kind: 'range' };

/** The lead's points for one criterion: a number from 0 to the criterion's maximum. */
function readPoints(typed: string | null | undefined, max: number): { ok: true; value: number } | { ok: false; problem: PointsProblem } {
  const reading = readNumber(typed);
  if (!reading.ok) return reading;
  return reading.value < 0 || reading.value > max ? { ok: false, problem: { kind: 'range' } } : reading;
}

function pointsProblemText(problem: PointsProblem, max: number, locale: Locale): string {
  const text = reviewText[locale].problem;
  return problem.kind === 'required'
    ? text.required
    : problem.kind === 'not_a_number'
      ? text.notANumber(problem.typed)
      : text.range(formatNumber(max, locale));
}

const typed = (state: ViewStateValue | undefined) => state?.value ?? state?.selected_option?.value ?? null;

export const reviewFeature: Feature = {
  register(app, deps) {
    app.action<BlockAction<ButtonAction>>(REVIEW_OPEN, async ({ ack, action, body, client, respond }) => {
      await ack();
      const opener = await openerFromAction(deps, body, client, respond);
      if (!opener) return;
      const text = reviewText[opener.locale];
      const subject = subjectOf(deps.store, Number(action.value));
      if (!subject) return opener.respond({ text: text.result.stale });
      if (!mayDecide(deps.store, opener.caller, { year: subject.period.year, blockId: subject.blockId, unitId: subject.unit.id }).allowed)
        return opener.respond({ text: text.result.refused });
      const { version } = subject;
      const previous = deps.store.reports.latestReview(version.id);
      const confirmed = previous?.outcome === 'reviewed' ? previous : undefined;
      const unscored = score(subject, { values: version.values, late: version.late });
      // The fields start from the points given in a previous review, else from what the unit wrote
      // (nothing claimed: 0 bonus or deduction points; a graded criterion left blank stays blank).
      const startingPoints = new Map(
        subject.criteria
          .filter((criterion) => LEAD_DECIDES.has(criterion.kind))
          .flatMap((criterion) => {
            const points =
              confirmed?.scores.get(criterion.id)?.points ??
              version.values.get(criterion.id)?.value ??
              (criterion.kind === 'graded' ? undefined : 0);
            return points === undefined
              ? []
              : [
                  [
                    criterion.id,
                    Math.min(points, reviewCeiling(criterion.kind, criterion.maxPoints, version.values.get(criterion.id)?.value)),
                  ] as const,
                ];
          }),
      );
      try {
        await client.views.open({
          trigger_id: body.trigger_id,
          view: buildReviewModal(
            {
              unitName: subject.unit.name,
              period: { name: subject.period.name, year: subject.period.year },
              version: {
                number: version.version,
                at: version.submittedAt,
                by: version.submittedBy,
                late: version.late,
                evidenceUrl: version.evidenceUrl,
                notes: version.notes,
              },
              ...(confirmed ? { previous: { by: confirmed.reviewerUserId, at: confirmed.createdAt } } : {}),
              zone: opener.organisation.timeZone,
              criteria: subject.criteria,
              values: version.values,
              targets: subject.targets,
              scores: new Map(unscored.criteria.map((line) => [line.criterionId, line])),
              startingPoints,
              metadata: JSON.stringify({ v: version.id }),
            },
            opener.locale,
          ),
        });
      } catch (error) {
        deps.logger.warn('could not open the review modal', error);
      }
    });

    app.view(REVIEW_CALLBACK, async ({ ack, body, view }) => {
      const submission = submissionOf(deps, body.user.id, view.private_metadata, metadataSchema);
      if (!submission) return ack();
      const { locale, now, caller, metadata } = submission;
      const text = reviewText[locale];
      const result = (message: string) => ack({ response_action: 'update', view: buildReviewResultView(message, locale) });
      const subject = metadata ? subjectOf(deps.store, metadata.v) : undefined;
      if (!subject) return result(text.result.stale);
      const permission = mayDecide(deps.store, caller, { year: subject.period.year, blockId: subject.blockId, unitId: subject.unit.id });
      if (!permission.allowed) return result(text.result.refused);

      const values = view.state.values;
      const errors: Record<string, string> = {};
      const points = new Map<number, { points: number; note: string | null }>();
      for (const criterion of subject.criteria.filter((candidate) => LEAD_DECIDES.has(candidate.kind))) {
        // A bonus is accepted or cut, never raised above what the unit claimed.
        const ceiling = reviewCeiling(criterion.kind, criterion.maxPoints, subject.version.values.get(criterion.id)?.value);
        const reading = readPoints(typed(values[pointsBlockId(criterion.id)]?.[REVIEW_INPUT_ACTION]), ceiling);
        if (reading.ok) points.set(criterion.id, { points: reading.value, note: null });
        else errors[pointsBlockId(criterion.id)] = pointsProblemText(reading.problem, ceiling, locale);
      }
      const outcome = typed(values[REVIEW_OUTCOME_BLOCK]?.[REVIEW_INPUT_ACTION]);
      const reason = (typed(values[REVIEW_REASON_BLOCK]?.[REVIEW_INPUT_ACTION]) ?? '').trim();
      if (outcome !== REVIEW_CONFIRM && outcome !== REVIEW_RETURN) errors[REVIEW_OUTCOME_BLOCK] = text.problem.outcome;
      if (outcome === REVIEW_RETURN && !reason) errors[REVIEW_REASON_BLOCK] = text.problem.reason;
      if (Object.keys(errors).length) return ack({ response_action: 'errors', errors });

      const returned = outcome === REVIEW_RETURN;
      const { version, unit, period } = subject;
      const done = deps.store.transaction((tx) => {
        if (!tx.events.claim(`view:${view.id}`, 'view_submission', now)) return undefined;
        const review = tx.reports.addReview({
          versionId: version.id,
          reviewerUserId: body.user.id,
          actingAsAdmin: permission.actingAsAdmin,
          outcome: returned ? 'returned' : 'reviewed',
          reason: returned ? reason : null,
          scores: returned ? new Map() : points,
          at: now,
        });
        const total = score(subject, {
          values: version.values,
          late: version.late,
          review: { scores: points, reviewerUserId: body.user.id },
        }).total;
        tx.audit.record({
          at: now,
          actorUserId: body.user.id,
          actingAsAdmin: permission.actingAsAdmin,
          action: returned ? 'report.returned' : 'report.reviewed',
          entityType: 'report',
          entityId: version.report.id,
          details: {
            versionId: version.id,
            reviewId: review.id,
            ...(returned ? { reason } : { total, points: Object.fromEntries([...points].map(([id, score]) => [id, score.points])) }),
          },
        });
        if (returned) {
          for (const userId of tx.structure.officerIds(unit.id)) {
            deps.delivery.queue(tx, {
              key: `report-returned:${review.id}:${userId}`,
              kind: 'report_returned',
              message: {
                user: userId,
                ...buildReturnedMessage(
                  {
                    unitName: unit.name,
                    unitCode: unit.code,
                    period: { name: period.name, code: period.code, year: period.year },
                    by: body.user.id,
                    reason,
                  },
                  locale,
                ),
              },
            });
          }
        } else {
          deps.delivery.queue(tx, {
            key: `report-reviewed:${review.id}`,
            kind: 'report_reviewed',
            message: {
              user: version.submittedBy,
              ...buildReviewedMessage({ unitName: unit.name, periodName: period.name, by: body.user.id, total }, locale),
            },
          });
        }
        return { total };
      });
      if (!done) return ack();
      await result(
        returned
          ? text.result.returned(unit.name, period.name)
          : text.result.reviewed(unit.name, period.name, formatPoints(done.total, locale)),
      );
      deps.delivery.kick();
    });
  },
};
