import type { Store } from '../../db/store';
import type { LocalSlack } from './server';

/** Gives the local Slack a member for every admin and officer of the organisation, named by role. */
export function addOrganisationMembers(slack: LocalSlack, store: Store): void {
  for (const userId of store.organisation.adminIds()) {
    slack.addUser({ id: userId, name: userId.toLowerCase(), realName: 'Ban Thi đua – Khen thưởng' });
  }
  for (const unit of store.structure.activeUnits()) {
    for (const userId of store.structure.officerIds(unit.id)) {
      slack.addUser({ id: userId, name: userId.toLowerCase(), realName: `Cán bộ thi đua, ${unit.name}` });
    }
  }
}
