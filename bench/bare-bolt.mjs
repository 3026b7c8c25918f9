/**
 * The floor `npm run bench:http` measures the product against: a bare Bolt 5 app over HTTP that
 * verifies the same signed requests and only acknowledges them (slash commands and modal
 * submissions alike), plus GET /healthz for the cold start. Plain JavaScript run by plain node, so
 * its memory is Bolt's and Node's, nothing of ours. Configured like the bot, from the environment:
 * SLACK_SIGNING_SECRET, SLACK_API_URL, HOST, PORT. SIGTERM stops it.
 */
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

const { SLACK_SIGNING_SECRET, SLACK_API_URL, HOST = '127.0.0.1', PORT = '3000' } = process.env;
const receiver = new HTTPReceiver({
  signingSecret: SLACK_SIGNING_SECRET ?? '',
  endpoints: '/slack/events',
  logLevel: LogLevel.ERROR,
  customRoutes: [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"status":"ok"}');
      },
    },
  ],
});
const app = new App({
  token: 'xoxb-bench',
  botId: 'B0BARE',
  botUserId: 'U0BARE',
  receiver,
  logLevel: LogLevel.ERROR,
  ...(SLACK_API_URL ? { clientOptions: { slackApiUrl: SLACK_API_URL } } : {}),
});
app.command('/thidua', async ({ ack }) => {
  await ack();
});
app.view(/.*/, async ({ ack }) => {
  await ack();
});
await app.start({ port: Number(PORT), host: HOST });
process.once('SIGTERM', () => {
  app.stop().then(() => process.exit(0));
});
