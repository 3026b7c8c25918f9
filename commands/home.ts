import type { Feature } from './feature';
import { buildHome } from '../src/views/home';
import { identifyCaller } from './context';
import { describeCaller } from './thidua';

/** The App Home tab, published whenever a user opens it. */
export const homeFeature: Feature = {
  register(app, deps) {
    app.event('app_home_opened', async ({ event, client }) => {
      if (event.tab !== 'home') return;
      const organisation = deps.store.organisation.get();
      if (!organisation) return;
      const caller = identifyCaller(deps.store, organisation, event.user, deps.clock.now());
      const blockYear = caller.block && caller.year !== undefined ? deps.store.structure.blockYear(caller.year, caller.block.id) : undefined;
      const view = buildHome(
        {
          whoAmI: describeCaller(caller, organisation),
          ...(blockYear ? { block: { name: blockYear.block.name, year: blockYear.year, theme: blockYear.theme, ...(blockYear.lead ? { lead: blockYear.lead.name } : {}) } } : {}),
        },
        organisation.locale,
      );
      await client.views.publish({ user_id: event.user, view });
    });
  },
};
