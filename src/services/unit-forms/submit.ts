import { z } from 'zod';
import type { Store } from '../../../db/store';
import type { OrganisationSettings } from '../../../db/store/organisation';
import type { BlockRow, UnitRow } from '../../../db/store/structure';
import { fingerprint, itemsThrough } from '../../domain/pagination';
import { readJson } from '../../read-json';
import { UNIT_CHANGE_REASON_BLOCK } from '../../views/ids';
import { identifySubmitter } from '../caller';
import type { AppDeps } from '../deps';
import { queueHomeRefresh } from '../home';
import { carryToNextPage, enteredBefore, finishPages, type PageCarry } from './carry';
import { unitFormTarget } from './scope';

/**
 * One pipeline for a unit's forms (its pledge, its periodic report): a modal of one or more pages,
 * each page's submission checked, what earlier pages entered carried along, the whole stored once
 * on the last page. The steps are written here once; what differs — how the form is loaded, paged,
 * read and stored — is the form's UnitFormKind.
 */

/**
 * What a modal's inputs hold, by block id: the text typed (or the option chosen), the options
 * ticked, and the files uploaded (a file input's, as Slack sent them: read with a schema where used).
 */
export type FormAnswers = ReadonlyMap<string, { text: string | null; selected: readonly string[]; files?: readonly unknown[] }>;

/** An input's options when none is ticked: one frozen list shared by every answer, not one made for each. */
export const NONE_SELECTED: readonly string[] = Object.freeze([]);

/** What a form's metadata always holds: the unit, then the paging (carry.ts); each kind adds its scope. */
export type UnitFormMetadata = PageCarry & { unitId: number };

/** One page's answers, read and checked by the form's rules. */
export type PageCheck<Entry, Rest, Problem> = { ok: true; entries: Entry[]; rest: Rest } | { ok: false; problems: Problem[] };

/** What storing a submission needs, inside its transaction. */
export interface Submitted<Form, Content> {
  deps: AppDeps;
  tx: Store;
  organisation: OrganisationSettings;
  form: Form;
  content: Content;
  by: string;
  actingAsAdmin: boolean;
  now: Date;
}

/** The types a unit form is made of (see UnitFormKind). */
export interface UnitFormTypes {
  metadata: UnitFormMetadata;
  form: unknown;
  /** A form's question (a criterion). */
  item: { id: number; kind: string };
  /** What a page's answer to an item becomes, and what rides between pages. */
  entry: unknown;
  /** What the last page adds (titles, evidence). */
  rest: unknown;
  problem: unknown;
  content: unknown;
  /** What storing a submission did. */
  applied: unknown;
}

/** What differs between the unit forms; the pipeline runs the rest. */
export interface UnitFormKind<T extends UnitFormTypes> {
  /** The form's name, for its drafts ('pledge', 'report'). */
  name: string;
  metadata: z.ZodType<T['metadata']>;
  /** The metadata's own fields besides the paging (unitId and the year or period), for the next page. */
  scopeOf(metadata: T['metadata']): Record<string, unknown>;
  /** The emulation year the form is for (its block is the unit's block that year); undefined when what the metadata names is gone. */
  yearOf(store: Store, metadata: T['metadata']): number | undefined;
  /** The form as of now, or undefined when what the metadata names is gone. */
  load(store: Store, metadata: T['metadata'], unit: UnitRow, block: BlockRow, now: Date): T['form'] | undefined;
  items(form: T['form']): readonly T['item'][];
  /** The items split into the modal's pages. */
  pages(form: T['form']): readonly (readonly T['item'][])[];
  /** Reads one page's answers (and on the last page the rest of the form) by the form's rules. */
  checkPage(
    form: T['form'],
    items: readonly T['item'][],
    final: boolean,
    answers: FormAnswers,
  ): PageCheck<T['entry'], T['rest'], T['problem']>;
  /** How an entry carried from earlier pages reads… */
  entry: z.ZodType<T['entry']>;
  /** …and whether it still obeys the rules for its item: the modal carries it, so it is not trusted. */
  isValidEntry(item: T['item'], entry: T['entry']): boolean;
  /** Whether a submission of the form as it stands is a change request, whose last page asks why (“Lý do điều chỉnh”). */
  asksChangeReason(form: T['form']): boolean;
  content(form: T['form'], entries: readonly T['entry'][], rest: T['rest']): T['content'];
  /**
   * The form with the record it was loaded from read again, in the transaction before anything is
   * written: answered from memory when nothing was written since the load, else as it stands now.
   * `apply` then stores against it; a kind without it reads what it stores against itself.
   */
  reread?(tx: Store, form: T['form']): T['form'];
  /** Stores a valid submission, with its audit entry and what it announces, in the pipeline's transaction. */
  apply(submitted: Submitted<T['form'], T['content']>): T['applied'];
  /** The change requests `applied` withdrew, whose deciders' messages are to be redrawn. */
  withdrawn(applied: T['applied']): readonly number[];
}

export type UnitFormOutcome<T extends UnitFormTypes> =
  /** The modal no longer matches the database (unit, period, table or page changed), or was forged. */
  | { kind: 'stale' }
  | { kind: 'refused'; unitName: string }
  /** The unit is in no block in the form's year (it left the block): it cannot sign or report for it. */
  | { kind: 'no_block'; unitName: string; year: number }
  | { kind: 'invalid'; problems: T['problem'][] }
  | { kind: 'next_page'; form: T['form']; page: number; metadata: string; actingAsAdmin: boolean }
  /**
   * The form became a change request while its last page was open (the lock passed), so that page
   * had no “Lý do điều chỉnh”: nothing is stored, and the page is drawn again as a change request,
   * with what was just entered on it.
   */
  | { kind: 'reason_needed'; form: T['form']; page: number; metadata: string; actingAsAdmin: boolean; shown: PageShown<T> }
  /** A repeat of a submission already applied (a double click, Slack retrying). */
  | { kind: 'duplicate' }
  | { kind: 'applied'; form: T['form']; applied: T['applied']; withdrawn: readonly number[] };

/** What a page's inputs held when it was submitted, as its checks read them: drawn again as they were. */
export interface PageShown<T extends UnitFormTypes> {
  entries: T['entry'][];
  rest: T['rest'];
}

export interface UnitFormSubmission {
  userId: string;
  viewId: string;
  privateMetadata: string;
  answers: FormAnswers;
}

/** What earlier pages carried, read by the kind's entry schema (none when unreadable); built once per kind. */
const enteredSchemas = new WeakMap<object, z.ZodType<unknown[]>>();
function enteredSchema<T extends UnitFormTypes>(kind: UnitFormKind<T>): z.ZodType<T['entry'][]> {
  let schema = enteredSchemas.get(kind);
  if (!schema) {
    schema = z.array(kind.entry).catch([]) as z.ZodType<unknown[]>;
    enteredSchemas.set(kind, schema);
  }
  return schema as z.ZodType<T['entry'][]>;
}

/**
 * Runs one page's submission through the pipeline: who submits (again, never trusting the modal),
 * whether the form is still the one shown, the page's answers, what earlier pages carried; then the
 * next page, or the whole stored once (a repeat of the same modal is applied once) and the delivery
 * kicked. Undefined before any organisation is loaded.
 */
export function submitUnitForm<T extends UnitFormTypes>(
  deps: AppDeps,
  kind: UnitFormKind<T>,
  submission: UnitFormSubmission,
): { organisation: OrganisationSettings; outcome: UnitFormOutcome<T> } | undefined {
  // One unit of work: the configuration's version is asked once for every read before the
  // transaction (about forty), and again after it (store.readOnce).
  return deps.store.readOnce(() => submitPage(deps, kind, submission));
}

function submitPage<T extends UnitFormTypes>(
  deps: AppDeps,
  kind: UnitFormKind<T>,
  submission: UnitFormSubmission,
): { organisation: OrganisationSettings; outcome: UnitFormOutcome<T> } | undefined {
  const { store } = deps;
  const organisation = store.organisation.get();
  if (!organisation) return undefined;
  const done = (outcome: UnitFormOutcome<T>) => ({ organisation, outcome });
  const now = deps.clock.now();
  const caller = identifySubmitter(store, submission.userId);
  const target = unitFormTarget(store, caller, readJson(submission.privateMetadata, kind.metadata), (metadata) =>
    kind.yearOf(store, metadata),
  );
  if (target.kind === 'refused') return done({ kind: 'refused', unitName: target.unit.name });
  if (target.kind === 'no_block') return done({ kind: 'no_block', unitName: target.unit.name, year: target.year });
  const form = target.kind === 'allowed' ? kind.load(store, target.metadata, target.unit, target.block, now) : undefined;
  if (target.kind === 'stale' || !form) return done({ kind: 'stale' });
  const { metadata, actingAsAdmin } = target;
  const items = kind.items(form);
  if (fingerprint(items) !== metadata.fingerprint) return done({ kind: 'stale' });

  const pages = kind.pages(form);
  const onPage = pages[metadata.page];
  if (!onPage) return done({ kind: 'stale' });
  const final = metadata.page === pages.length - 1;
  const checked = kind.checkPage(form, onPage, final, submission.answers);
  if (!checked.ok) return done({ kind: 'invalid', problems: checked.problems });

  const earlier = enteredSchema(kind).parse(enteredBefore(store, kind.name, submission.viewId, metadata));
  const earlierValid = earlier.every((entry, index) => {
    const item = items[index];
    return item !== undefined && kind.isValidEntry(item, entry);
  });
  const entered = [...earlier, ...checked.entries];
  if (!earlierValid || entered.length !== itemsThrough(pages, metadata.page)) return done({ kind: 'stale' });
  if (final && kind.asksChangeReason(form) && !submission.answers.has(UNIT_CHANGE_REASON_BLOCK)) {
    // The same view and metadata: earlier pages' entries (or their draft) still ride along.
    const shown = { entries: checked.entries, rest: checked.rest };
    return done({ kind: 'reason_needed', form, page: metadata.page, metadata: JSON.stringify(metadata), actingAsAdmin, shown });
  }
  if (!final) {
    const next = carryToNextPage(store, kind.name, submission.viewId, kind.scopeOf(metadata), metadata, entered);
    return done({ kind: 'next_page', form, page: metadata.page + 1, metadata: next, actingAsAdmin });
  }

  const content = kind.content(form, entered, checked.rest);
  const applied = store.transaction((tx) => {
    const current = kind.reread ? kind.reread(tx, form) : form;
    if (!tx.events.claim(`view:${submission.viewId}`, 'view_submission', now)) return undefined;
    const value = kind.apply({ deps, tx, organisation, form: current, content, by: submission.userId, actingAsAdmin, now });
    // The block's Homes show its progress and standings, the admins' every block's.
    queueHomeRefresh(deps, tx, { blocks: [target.block.id], admins: true }, `view:${submission.viewId}`);
    return { value };
  });
  finishPages(store, kind.name, submission.viewId, metadata);
  if (!applied) return done({ kind: 'duplicate' });
  deps.delivery.kick();
  return done({ kind: 'applied', form, applied: applied.value, withdrawn: kind.withdrawn(applied.value) });
}
