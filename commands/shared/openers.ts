import type { BlockAction, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { z } from 'zod';
import type { OrganisationSettings } from '../../db/store/organisation';
import { defineMessages, type Locale } from '../../src/i18n/messages';
import { readJson } from '../../src/read-json';
import { type Caller, identifyCaller, isMember } from '../../src/services/caller';
import type { AppDeps } from '../../src/services/deps';
import { localeOf } from '../../src/services/people';
import type { UnitFormScopeProblem } from '../../src/services/unit-forms/scope';
import { escapeMrkdwn } from '../../src/views/blocks';
import { commonText } from '../../src/views/common-text';
import type { ModalOpener } from './feature';
import { ephemeral, notInOrganisation } from './replies';
import { argsText, listNamed } from './scope';

/**
 * A button that opens a modal (a nudge's "Nộp báo cáo", a returned report's "Mở báo cáo", "Thẩm
 * định") gets the same context as a slash command: who pressed it, its trigger, and an ephemeral
 * answer for when the modal cannot be opened. Undefined before any organisation is loaded, and for
 * someone outside it (told whom to ask).
 */
export async function openerFromAction(
  deps: AppDeps,
  body: BlockAction,
  client: WebClient,
  respond: RespondFn,
): Promise<ModalOpener | undefined> {
  const asking = whoPressed(deps, body.user.id);
  if (!asking) return undefined;
  const opener: ModalOpener = { deps, ...asking, triggerId: body.trigger_id, client, respond: ephemeral(respond) };
  if (isMember(opener.caller)) return opener;
  await opener.respond({ text: notInOrganisation(deps, asking.organisation) });
  return undefined;
}

/**
 * Who pressed a button and what its value says, when they belong to the organisation and the value
 * reads as `schema`; otherwise they are answered (ephemerally) and this is undefined.
 */
export async function pressedBy<T>(
  deps: AppDeps,
  userId: string,
  value: string | undefined,
  schema: z.ZodType<T>,
  respond: RespondFn,
): Promise<{ organisation: OrganisationSettings; caller: Caller; value: T; locale: Locale } | undefined> {
  const asking = whoPressed(deps, userId);
  if (!asking) return undefined;
  const say = ephemeral(respond);
  if (!isMember(asking.caller)) {
    await say(notInOrganisation(deps, asking.organisation));
    return undefined;
  }
  const read = readJson(value, schema);
  if (read !== undefined) return { ...asking, value: read };
  await say(commonText[asking.locale].failure);
  return undefined;
}

/** Who pressed a button and in which language, read as one unit of work (store.readOnce: the versions asked once); undefined before any organisation is loaded. */
function whoPressed(deps: AppDeps, userId: string): { organisation: OrganisationSettings; caller: Caller; locale: Locale } | undefined {
  return deps.store.readOnce(() => {
    const organisation = deps.store.organisation.get();
    return (
      organisation && {
        organisation,
        caller: identifyCaller(deps.store, organisation, userId, deps.clock.now()),
        locale: localeOf(deps, userId),
      }
    );
  });
}

/** What a unit form's opener answers when it cannot open, in each form's own words… */
export interface UnitFormWords {
  otherUnit(unit: string, own: string): string;
  adminNeedsUnit(units: string): string;
  noBlock(unit: string, year: number): string;
}

/** …and in words every form shares. */
const unitText = defineMessages(
  {
    unknownUnit: (typed: string, units: string) => `Không có đơn vị “${typed}”. Các đơn vị: ${units}.`,
    ambiguousUnit: (typed: string, units: string) => `“${typed}” khớp với nhiều đơn vị: ${units}. Vui lòng ghi mã đơn vị.`,
  },
  {
    unknownUnit: (typed: string, units: string) => `There is no unit “${typed}”. Units: ${units}.`,
    ambiguousUnit: (typed: string, units: string) => `“${typed}” matches several units: ${units}. Please give the unit code.`,
  },
);

/** Tells the opener why a unit's form (pledge, report) cannot open. */
export function scopeProblemText(problem: UnitFormScopeProblem, words: UnitFormWords, opener: Pick<ModalOpener, 'locale'>): string {
  switch (problem.kind) {
    case 'ambiguous_unit':
      return unitText[opener.locale].ambiguousUnit(escapeMrkdwn(problem.typed), listNamed(problem.matches));
    case 'unknown_unit':
      return unitText[opener.locale].unknownUnit(escapeMrkdwn(problem.typed), listNamed(problem.units));
    case 'other_unit':
      return words.otherUnit(problem.unit.name, problem.own);
    case 'admin_needs_unit':
      return words.adminNeedsUnit(listNamed(problem.units));
    case 'no_block':
      return words.noBlock(problem.unit.name, problem.year);
    case 'no_year':
      return argsText[opener.locale].noYear;
    case 'unknown_year':
      return argsText[opener.locale].unknownYear(problem.year, problem.years.join(', '));
  }
}
