import type { z } from 'zod';
import type { OrganisationSettings } from '../db/store/organisation';
import type { AppDeps } from '../src/deps';
import type { Locale } from '../src/i18n/messages';
import { type Caller, identifyCaller } from './context';

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
  let metadata: M | undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(privateMetadata));
    metadata = parsed.success ? parsed.data : undefined;
  } catch {
    metadata = undefined;
  }
  return { organisation, locale: organisation.locale, now, caller: identifyCaller(deps.store, organisation, userId, now), metadata };
}
