import type { BlockAction, ButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { formatPoints } from '../src/i18n/format';
import { readJson } from '../src/read-json';
import { reviewReport, reviewToOpen } from '../src/services/review';
import { REVIEW_CALLBACK, REVIEW_INPUT_ACTION, REVIEW_OPEN } from '../src/views/ids';
import { buildReviewModal, buildReviewResultView, reviewErrors, reviewText } from '../src/views/review';
import type { Feature } from './shared/feature';
import { openerFromAction } from './shared/openers';
import { answersOf } from './shared/unit-form';

/**
 * Review (thẩm định): “Thẩm định” beside a submitted report in the status table (or in the DM about
 * a resubmitted one) opens the review modal; its submission confirms or returns the report. What
 * that means is src/services/review.ts.
 */
const metadataSchema = z.object({ versionId: z.number().int() });

export const reviewFeature: Feature = {
  register(app, deps) {
    app.action<BlockAction<ButtonAction>>(REVIEW_OPEN, async ({ ack, action, body, client, respond }) => {
      await ack();
      const opener = await openerFromAction(deps, body, client, respond);
      if (!opener) return;
      const text = reviewText[opener.locale];
      const found = reviewToOpen(deps.store, opener.caller, Number(action.value));
      if (!found.ok) return opener.respond({ text: text.result[found.reason] });
      const { subject, confirmed, firstSubmittedAt, scores, startingPoints, startingEntries, startingNotes } = found.review;
      const { version } = subject;
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
                firstAt: firstSubmittedAt,
                by: version.submittedBy,
                late: version.late,
                evidenceUrl: version.evidenceUrl,
                evidenceFiles: version.evidenceFiles,
                notes: version.notes,
              },
              ...(confirmed ? { previous: { by: confirmed.reviewerUserId, at: confirmed.createdAt } } : {}),
              zone: opener.organisation.timeZone,
              criteria: subject.criteria,
              items: subject.items,
              values: version.values,
              targets: subject.targets,
              scores,
              startingPoints,
              startingEntries,
              startingNotes,
              metadata: JSON.stringify({ versionId: version.id } satisfies z.infer<typeof metadataSchema>),
            },
            opener.locale,
          ),
        });
      } catch (error) {
        deps.logger.warn('could not open the review modal', error);
      }
    });

    app.view(REVIEW_CALLBACK, async ({ ack, body, view }) => {
      const organisation = deps.store.organisation.get();
      if (!organisation) return ack();
      const { locale } = organisation;
      const text = reviewText[locale];
      const result = (message: string) => ack({ response_action: 'update', view: buildReviewResultView(message, locale) });
      const versionId = readJson(view.private_metadata, metadataSchema)?.versionId;
      const outcome = reviewReport(deps, organisation, {
        userId: body.user.id,
        viewId: view.id,
        ...(versionId !== undefined ? { versionId } : {}),
        answers: answersOf(view.state.values, REVIEW_INPUT_ACTION),
      });
      switch (outcome.kind) {
        case 'stale':
        case 'refused':
          return result(text.result[outcome.kind]);
        case 'invalid':
          return ack({ response_action: 'errors', errors: reviewErrors(outcome.problems, locale) });
        case 'duplicate':
          return ack();
        case 'returned':
          return result(text.result.returned(outcome.unitName, outcome.periodName));
        case 'reviewed':
          return result(text.result.reviewed(outcome.unitName, outcome.periodName, formatPoints(outcome.total, locale)));
      }
    });
  },
};
