import type { AppDeps } from '../src/services/deps';
import { adminFeature } from './admin';
import { changeRequestsFeature } from './change-requests';
import { commendationsFeature } from './commendations';
import { criteriaFeature } from './criteria';
import { deadlinesFeature } from './deadlines';
import { deliberationFeature } from './deliberation';
import { directiveFeature } from './directive';
import { helpCommand } from './help';
import { homeFeature } from './home';
import { languageFeature } from './language';
import { pledgeFeature } from './pledge';
import { pledgeTableFeature } from './pledge-table';
import { reportFeature } from './report';
import { reviewFeature } from './review';
import type { Feature, SubCommand } from './shared/feature';
import { Listeners } from './shared/listeners';
import { registerThiduaCommand } from './shared/router';
import { standingsFeature } from './standings';
import { statusFeature } from './status';
import { yearResultsFeature } from './year-results';

/**
 * Every feature of the bot, one file each. This is the one place that registers listeners, and the
 * one file of commands/ that the app imports.
 */
const FEATURES: Feature[] = [
  homeFeature,
  pledgeFeature,
  pledgeTableFeature,
  criteriaFeature,
  reportFeature,
  reviewFeature,
  statusFeature,
  standingsFeature,
  // The year end: the year's result, the block's deliberation and vote, the province's proposals.
  yearResultsFeature,
  deliberationFeature,
  commendationsFeature,
  deadlinesFeature,
  directiveFeature,
  // Approve / Reject of what needs the block lead's decision (pledge amendments, report changes).
  changeRequestsFeature,
  // The Emulation Board's tools and the organisation file from Slack.
  adminFeature,
  languageFeature,
];

/** Every feature's listeners, for the app's dispatcher (src/app.ts hands each request to `dispatch`). */
export function registerFeatures(deps: AppDeps): Listeners {
  const help = helpCommand(() => subCommands);
  const subCommands: SubCommand[] = [...FEATURES.flatMap((feature) => feature.subCommands ?? []), help];
  const listeners = new Listeners();
  registerThiduaCommand(listeners.app, deps, subCommands, help);
  for (const feature of FEATURES) feature.register?.(listeners.app, deps);
  return listeners;
}
