import type { BlockAction, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { BlockRow, UnitRow, YearRow } from '../db/store/structure';
import type { AppDeps } from '../src/deps';
import { argsText, blockOfUnit, findByCodeOrName, listNamed } from './args';
import { actsFor, identifyCaller, isMember } from './context';
import type { ModalOpener } from './feature';
import { notInOrganisationText } from './thidua';

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
  const organisation = deps.store.organisation.get();
  if (!organisation) return undefined;
  const opener: ModalOpener = {
    deps,
    caller: identifyCaller(deps.store, organisation, body.user.id, deps.clock.now()),
    organisation,
    locale: organisation.locale,
    triggerId: body.trigger_id,
    client,
    respond: (reply) =>
      respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: reply.text,
        ...(reply.blocks ? { blocks: reply.blocks } : {}),
      }).then(() => undefined),
  };
  if (isMember(opener.caller)) return opener;
  await opener.respond({ text: notInOrganisationText(deps, organisation) });
  return undefined;
}

/** What a unit form's opener answers when it cannot open; each form words it for itself. */
export interface UnitFormWords {
  otherUnit(unit: string, own: string): string;
  adminNeedsUnit(units: string): string;
  unknownUnit(typed: string, units: string): string;
  ambiguousUnit(typed: string, units: string): string;
  noBlock(unit: string): string;
}

export interface UnitFormScope {
  unit: UnitRow;
  block: BlockRow;
  year: YearRow;
  actingAsAdmin: boolean;
}

/**
 * Whose form (pledge, report) opens and for which year: `unitText` (a code or name; the caller's own
 * unit when empty; another unit only for an admin, recorded as acting for it) and `year` (the
 * caller's current year when absent). Undefined once the reason it cannot open was answered.
 */
export async function unitFormScope(
  opener: ModalOpener,
  words: UnitFormWords,
  asked: { unitText: string; year?: number },
): Promise<UnitFormScope | undefined> {
  const { deps, caller, locale, respond } = opener;
  const units = deps.store.structure.activeUnits();
  let unit = caller.unit;
  let actingAsAdmin = false;
  if (asked.unitText) {
    const found = findByCodeOrName(asked.unitText, units);
    if (found.kind !== 'found') {
      await respond({
        text:
          found.kind === 'ambiguous'
            ? words.ambiguousUnit(asked.unitText, listNamed(found.items))
            : words.unknownUnit(asked.unitText, listNamed(units)),
      });
      return undefined;
    }
    const permission = actsFor(caller, found.item);
    if (!permission.allowed) {
      await respond({ text: words.otherUnit(found.item.name, caller.unit?.name ?? '') });
      return undefined;
    }
    unit = found.item;
    actingAsAdmin = permission.actingAsAdmin;
  }
  if (!unit) {
    await respond({ text: words.adminNeedsUnit(listNamed(units)) });
    return undefined;
  }
  const block = blockOfUnit(deps.store, unit);
  if (!block) {
    await respond({ text: words.noBlock(unit.name) });
    return undefined;
  }
  const wanted = asked.year ?? caller.year;
  const year = wanted !== undefined ? deps.store.structure.year(wanted) : undefined;
  if (!year) {
    const years = deps.store.structure.years().map((row) => row.year);
    await respond({ text: wanted === undefined ? argsText[locale].noYear : argsText[locale].unknownYear(wanted, years.join(', ')) });
    return undefined;
  }
  return { unit, block, year, actingAsAdmin };
}
