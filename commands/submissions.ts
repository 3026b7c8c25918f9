import type { z } from 'zod';
import type { OrganisationSettings } from '../db/store/organisation';
import type { BlockRow, UnitRow } from '../db/store/structure';
import type { AppDeps } from '../src/deps';
import type { Locale } from '../src/i18n/messages';
import { readJson } from '../src/read-json';
import { blockOfUnit } from './args';
import { actsFor, type Caller, identifyCaller } from './context';

export interface Submission<M> {
  organisation: OrganisationSettings;
  locale: Locale;
  now: Date;
  /** Who submitted, from Slack's payload: the modal itself is never trusted for this. */
  caller: Caller;
  /** What the modal carries, read with its schema; undefined when unreadable (an old or forged modal). */
  metadata: M | undefined;
}

/** What every modal submission starts from; undefined before any organisation is loaded. */
export function submissionOf<M>(deps: AppDeps, userId: string, privateMetadata: string, schema: z.ZodType<M>): Submission<M> | undefined {
  const organisation = deps.store.organisation.get();
  if (!organisation) return undefined;
  const now = deps.clock.now();
  return {
    organisation,
    locale: organisation.locale,
    now,
    caller: identifyCaller(deps.store, organisation, userId, now),
    metadata: readJson(privateMetadata, schema),
  };
}

/** A unit's form (pledge, report) as submitted: its unit and block, and how the submitter acts for it. */
export type UnitFormTarget<M> =
  | { kind: 'stale' }
  | { kind: 'refused'; unit: UnitRow }
  | { kind: 'allowed'; metadata: M; unit: UnitRow; block: BlockRow; actingAsAdmin: boolean };

/**
 * The one check of who may submit a unit's form, made again on every submission (the modal is
 * never trusted): its unit must still exist with a block, and the submitter must act for it.
 */
export function unitFormTarget<M extends { u: number }>(deps: AppDeps, submission: Submission<M>): UnitFormTarget<M> {
  const { metadata } = submission;
  if (!metadata) return { kind: 'stale' };
  const unit = deps.store.structure.unitById(metadata.u);
  const block = unit ? blockOfUnit(deps.store, unit) : undefined;
  if (!unit || !block) return { kind: 'stale' };
  const permission = actsFor(submission.caller, unit);
  return permission.allowed
    ? { kind: 'allowed', metadata, unit, block, actingAsAdmin: permission.actingAsAdmin }
    : { kind: 'refused', unit };
}
