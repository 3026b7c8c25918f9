import type { Store } from '../../db/store';
import type { LocalSlack } from './server';

/** Gives the local Slack a member for every admin and officer of the organisation, named by role. */
export function addOrganisationMembers(slack: LocalSlack, store: Store): void {
  for (const userId of store.organisation.adminIds()) {
    slack.addUser({ id: userId, name: userId.toLowerCase(), realName: 'Ban Thi đua – Khen thưởng' });
  }
  for (const unit of store.structure.activeUnits()) {
    const officers = store.structure.officerIds(unit.id);
    // Numbered when a unit has several, so that the console tells them apart.
    officers.forEach((userId, index) => {
      slack.addUser({
        id: userId,
        name: userId.toLowerCase(),
        realName: `Cán bộ ${unit.name}${officers.length > 1 ? ` ${index + 1}` : ''}`,
      });
    });
  }
}
