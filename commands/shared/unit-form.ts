import type { BlockAction, ButtonAction, ViewStateValue } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { OrganisationSettings } from '../../db/store/organisation';
import type { Locale } from '../../src/i18n/messages';
import { type ChangeRequestKind, redrawWithdrawn } from '../../src/services/change-requests/requests';
import type { AppDeps } from '../../src/services/deps';
import { localeOf } from '../../src/services/people';
import {
  type FormAnswers,
  NONE_SELECTED,
  type PageShown,
  submitUnitForm,
  type UnitFormKind,
  type UnitFormTypes,
} from '../../src/services/unit-forms/submit';
import { commonText } from '../../src/views/common-text';
import { type NudgeTarget, parseNudgeButtonValue } from '../../src/views/nudges';
import type { ModalOpener } from './feature';
import type { ListenerApp } from './listeners';
import { openerFromAction } from './openers';

/**
 * The Slack side of a unit's form (pledge, report), written once: the modal's answers read from
 * Slack's view state, one page submitted through the pipeline (src/services/unit-forms/submit.ts),
 * and its outcome drawn — errors beside their fields, the next page, the last page again as a
 * change request, or the result in place of the form — then the deciders' messages of any change request it withdrew redrawn.
 */
export interface UnitFormScreens<T extends UnitFormTypes> {
  callbackId: string;
  /** The action id every input of the form has. */
  inputAction: string;
  /** The change requests this form asks for once its due passed. */
  changeRequests: ChangeRequestKind;
  /** Page `page` of the form, prefilled from the unit's version, or with `shown` when drawn again as submitted. */
  page(
    form: T['form'],
    page: number,
    metadata: string,
    actingAsAdmin: boolean,
    organisation: OrganisationSettings,
    locale: Locale,
    shown?: PageShown<T>,
  ): ModalView;
  errors(problems: T['problem'][], locale: Locale): Record<string, string>;
  resultView(message: string, locale: Locale): ModalView;
  stale(locale: Locale): string;
  refused(unitName: string, locale: Locale): string;
  noBlock(unitName: string, year: number, locale: Locale): string;
  applied(applied: T['applied'], form: T['form'], locale: Locale): string;
}

/** A modal's inputs by block id, each read under the form's input action. */
export function answersOf(values: Record<string, Record<string, ViewStateValue>>, inputAction: string): FormAnswers {
  // One loop into the map: a report's forty-odd inputs made three arrays and two objects each.
  const answers = new Map<string, { text: string | null; selected: readonly string[]; files?: readonly unknown[] }>();
  for (const blockId in values) {
    if (!Object.hasOwn(values, blockId)) continue;
    const state = values[blockId]![inputAction];
    const text = state?.value ?? state?.selected_option?.value ?? null;
    const selected = state?.selected_options ? state.selected_options.map((option) => option.value) : NONE_SELECTED;
    answers.set(blockId, state?.files ? { text, selected, files: state.files } : { text, selected });
  }
  return answers;
}

export function registerUnitForm<T extends UnitFormTypes>(
  app: ListenerApp,
  deps: AppDeps,
  kind: UnitFormKind<T>,
  screens: UnitFormScreens<T>,
): void {
  app.view(screens.callbackId, async ({ ack, body, view, client }) => {
    // The person's language (src/services/people.ts; the channel's lines stay in the organisation's),
    // read in the submission's unit of work, before its write empties the read cache.
    const submitted = deps.store.readOnce(() => {
      const locale = localeOf(deps, body.user.id);
      const submittedPage = submitUnitForm(deps, kind, {
        userId: body.user.id,
        viewId: view.id,
        privateMetadata: view.private_metadata,
        answers: answersOf(view.state.values, screens.inputAction),
      });
      return submittedPage && { ...submittedPage, locale };
    });
    if (!submitted) return ack();
    const { organisation, outcome, locale } = submitted;
    const result = (message: string) => ack({ response_action: 'update', view: screens.resultView(message, locale) });
    switch (outcome.kind) {
      case 'duplicate':
        return ack();
      case 'stale':
        return result(screens.stale(locale));
      case 'refused':
        return result(screens.refused(outcome.unitName, locale));
      case 'no_block':
        return result(screens.noBlock(outcome.unitName, outcome.year, locale));
      case 'invalid':
        return ack({ response_action: 'errors', errors: screens.errors(outcome.problems, locale) });
      case 'next_page':
      case 'reason_needed': {
        const shown = outcome.kind === 'reason_needed' ? outcome.shown : undefined;
        return ack({
          response_action: 'update',
          view: screens.page(outcome.form, outcome.page, outcome.metadata, outcome.actingAsAdmin, organisation, locale, shown),
        });
      }
      case 'applied':
        await result(screens.applied(outcome.applied, outcome.form, locale));
        await redrawWithdrawn(deps, client, screens.changeRequests, outcome.withdrawn, organisation);
    }
  });
}

/**
 * Opens a unit form's first page, spending the trigger on the modal before anything slow; when
 * Slack refuses (the trigger expired), the opener is told `cannotOpen`.
 */
export async function openUnitForm(opener: ModalOpener, what: string, view: ModalView, cannotOpen: string): Promise<void> {
  try {
    await opener.client.views.open({ trigger_id: opener.triggerId, view });
  } catch (error) {
    opener.deps.logger.warn(`could not open the ${what} modal`, error);
    await opener.respond({ text: cannotOpen });
  }
}

/**
 * A button that opens a unit's form straight away — in deadline nudges, a returned report's DM, a
 * lead's reminder, /thidua hanchot and the App Home — for the unit its value names (none in a
 * channel nudge: the presser's own), decided exactly as for the slash command.
 */
export function registerOpenButton<K extends NudgeTarget['kind']>(
  app: ListenerApp,
  deps: AppDeps,
  actionId: string,
  kind: K,
  open: (opener: ModalOpener, target: Extract<NudgeTarget, { kind: K }>) => Promise<void>,
): void {
  app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, action, body, client, respond }) => {
    await ack();
    const opener = await openerFromAction(deps, body, client, respond);
    if (!opener) return;
    const target = parseNudgeButtonValue(action.action_id, action.value ?? '');
    if (target?.kind !== kind) return opener.respond({ text: commonText[opener.locale].failure });
    await open(opener, target as Extract<NudgeTarget, { kind: K }>);
  });
}
