import type { Locale } from '../i18n/messages';
import { escapeMrkdwn, mention } from './blocks';
import { commonText } from './common-text';

/** Who someone is in the organisation, as far as the help and App Home say it. */
export interface CallerFacts {
  userId: string;
  isAdmin: boolean;
  unit?: { name: string };
  leadOf: readonly { name: string }[];
}

/** "cán bộ thi đua của Công an tỉnh; đơn vị Trưởng khối Khối thi đua Nội chính" */
export function describeCaller(caller: CallerFacts, locale: Locale): string {
  const text = commonText[locale];
  const roles = [
    ...(caller.isAdmin ? [text.roleAdmin] : []),
    ...(caller.unit ? [text.roleOfficer(escapeMrkdwn(caller.unit.name))] : []),
    ...(caller.leadOf.length ? [text.roleLead(caller.leadOf.map((block) => escapeMrkdwn(block.name)).join(', '))] : []),
  ];
  return `${mention(caller.userId)} — ${roles.length ? roles.join('; ') : text.roleNone}`;
}

/** What someone outside the organisation file is told: whom to ask. */
export function notInOrganisationText(organisationName: string, adminIds: readonly string[], locale: Locale): string {
  return commonText[locale].notInOrganisation(organisationName, adminIds.map(mention).join(', '));
}
