import { identifyCaller } from '../src/services/caller';
import { unitDues } from '../src/services/deadlines';
import { describeCaller } from '../src/views/caller';
import { buildDueLines } from '../src/views/deadlines';
import { buildHome } from '../src/views/home';
import type { Feature } from './shared/feature';

/** The App Home tab, published whenever a user opens it: who they are, their block's year, their unit's dues. */
export const homeFeature: Feature = {
  register(app, deps) {
    app.event('app_home_opened', async ({ event, client }) => {
      if (event.tab !== 'home') return;
      const { store } = deps;
      const organisation = store.organisation.get();
      if (!organisation) return;
      const now = deps.clock.now();
      const caller = identifyCaller(store, organisation, event.user, now);
      const year = caller.year !== undefined ? store.structure.year(caller.year) : undefined;
      const block = caller.unit && year ? store.structure.blockOfUnitInYear(year.year, caller.unit.id) : undefined;
      const blockYear = block && year ? store.structure.blockYear(year.year, block.id) : undefined;
      const dues =
        caller.unit && block && year
          ? buildDueLines(
              {
                year: year.year,
                unitCode: caller.unit.code,
                zone: organisation.timeZone,
                now,
                dues: unitDues(store, caller.unit, year, store.structure.periods(year.year)),
              },
              organisation.locale,
            ).blocks
          : undefined;
      const view = buildHome(
        {
          whoAmI: describeCaller(caller, organisation.locale),
          ...(blockYear
            ? {
                block: {
                  name: blockYear.block.name,
                  year: blockYear.year,
                  theme: blockYear.theme,
                  ...(blockYear.lead ? { lead: blockYear.lead.name } : {}),
                },
              }
            : {}),
          ...(dues ? { dues } : {}),
        },
        organisation.locale,
      );
      await client.views.publish({ user_id: event.user, view });
    });
  },
};
