import { createRequire } from 'node:module';
import type * as Bolt from '@slack/bolt';

/**
 * The parts of Bolt the bot runs, each required from its own file. Bolt's index requires every
 * receiver it has, and its ExpressReceiver loads Express and its body parsers, which the bot never
 * uses: requiring these files instead took 194–232 ms against 274–338 ms for the index, and
 * 5–6 MB less memory (alternating runs). Types still come from '@slack/bolt'. These are Bolt's
 * compiled CommonJS files (its package has no "exports" map), so a Bolt upgrade that moves them
 * fails every test that starts the app.
 */
const require = createRequire(import.meta.url);

export const App = (require('@slack/bolt/dist/App.js') as { default: typeof Bolt.App }).default;
export const HTTPReceiver = (require('@slack/bolt/dist/receivers/HTTPReceiver.js') as { default: typeof Bolt.HTTPReceiver }).default;
export const SocketModeReceiver = (
  require('@slack/bolt/dist/receivers/SocketModeReceiver.js') as { default: typeof Bolt.SocketModeReceiver }
).default;
/** Bolt's check of a request's signature and timestamp (the door runs it: src/http-guard.ts). */
export const verifySlackRequest = (
  require('@slack/bolt/dist/receivers/verify-request.js') as { verifySlackRequest: typeof Bolt.verifySlackRequest }
).verifySlackRequest;
/** The module object Bolt's HTTPReceiver calls into (the door replaces its body parser: src/http-guard.ts). */
export const HTTPModuleFunctions = require('@slack/bolt/dist/receivers/HTTPModuleFunctions.js') as typeof Bolt.HTTPModuleFunctions;
