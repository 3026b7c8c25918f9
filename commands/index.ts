import type { App } from '@slack/bolt';
import type { AppDeps } from '../src/deps';
import { changeRequestsFeature } from './change-requests';
import { criteriaFeature } from './criteria';
import { deadlinesFeature } from './deadlines';
import { directiveFeature } from './directive';
import type { Feature, SubCommand } from './feature';
import { helpCommand } from './help';
import { homeFeature } from './home';
import { nudgesFeature } from './nudges';
import { pledgeChangeRequests, pledgeFeature } from './pledge';
import { pledgeTableFeature } from './pledge-table';
import { reportChangeRequests, reportFeature } from './report';
import { reviewFeature } from './review';
import { standingsFeature } from './standings';
import { statusFeature } from './status';
import { registerThiduaCommand } from './thidua';

/** Every feature of the bot, one file each. This is the one place that registers listeners. */
const FEATURES: Feature[] = [
  homeFeature,
  pledgeFeature,
  pledgeTableFeature,
  criteriaFeature,
  reportFeature,
  reviewFeature,
  statusFeature,
  standingsFeature,
  deadlinesFeature,
  directiveFeature,
  // The buttons that open the pledge or report modal (nudges, reminders, hanchot, App Home).
  nudgesFeature,
  // Requests that need the block lead's decision, by kind.
  changeRequestsFeature({ pledge: pledgeChangeRequests, report: reportChangeRequests }),
];

export function registerFeatures(app: App, deps: AppDeps): void {
  const help = helpCommand(() => subCommands);
  const subCommands: SubCommand[] = [...FEATURES.flatMap((feature) => feature.subCommands ?? []), help];
  registerThiduaCommand(app, deps, subCommands, help);
  for (const feature of FEATURES) feature.register?.(app, deps);
}
