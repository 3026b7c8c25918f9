import { identifyCaller, isMember } from '../src/services/caller';
import { openHome } from '../src/services/home';
import { localeOf, refreshSlackLocale } from '../src/services/people';
import type { Feature } from './shared/feature';

/**
 * The App Home tab, published whenever a user opens it (src/services/home.ts says what each kind of
 * person sees); from then on it is also drawn again when their data changes.
 */
export const homeFeature: Feature = {
  register(app, deps) {
    app.event('app_home_opened', async ({ event, client }) => {
      if (event.tab !== 'home') return;
      const organisation = deps.store.organisation.get();
      if (!organisation) return;
      if (isMember(identifyCaller(deps.store, organisation, event.user, deps.clock.now())))
        await refreshSlackLocale(deps, client, event.user);
      const view = openHome(deps, event.user, localeOf(deps, event.user));
      if (view) await client.views.publish({ user_id: event.user, view });
    });
  },
};
