import type { RespondFn } from '@slack/bolt';
import type { OrganisationSettings } from '../../db/store/organisation';
import type { AppDeps } from '../../src/services/deps';
import { notInOrganisationText } from '../../src/views/caller';
import type { Reply } from './feature';

/** Answers through a response_url with what only the caller sees, beside (not instead of) what they pressed. */
export function ephemeral(respond: RespondFn): (reply: Reply | string) => Promise<void> {
  return (reply) => {
    const { text, blocks } = typeof reply === 'string' ? { text: reply, blocks: undefined } : reply;
    return respond({ response_type: 'ephemeral', replace_original: false, text, ...(blocks ? { blocks } : {}) }).then(() => undefined);
  };
}

/** What someone outside the organisation file is told: whom to ask. */
export function notInOrganisation(deps: AppDeps, organisation: OrganisationSettings): string {
  return notInOrganisationText(organisation.name, deps.store.organisation.adminIds(), organisation.locale);
}
