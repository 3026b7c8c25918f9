/**
 * The loopback fake Slack of `npm run bench:nudges`, in its own process so that its work does not
 * share the event loop (or the RSS) of the bot being measured. It enforces chat.postMessage's one
 * message a second per conversation with 429 + Retry-After, tells the parent its URL, and on
 * 'report' sends back what it received.
 */
import { LocalSlack } from '../src/local-slack/server';

export interface SlackReport {
  /** Per conversation: the outbox key and text of each message, in arrival order. */
  conversations: { channel: string; keys: string[]; texts: string[] }[];
  rateLimited: number;
  calls: Record<string, number>;
}

const slack = new LocalSlack({ perChannelIntervalMs: Number(process.argv[2] ?? 1000) });
await slack.start();
process.send!({ apiUrl: slack.apiUrl });
process.on('message', (message) => {
  if (message !== 'report') return;
  const calls: Record<string, number> = {};
  for (const call of slack.calls) calls[call.method] = (calls[call.method] ?? 0) + 1;
  const report: SlackReport = {
    conversations: [...slack.conversations].map(([channel, messages]) => ({
      channel,
      keys: messages.map((posted) => String(posted.metadata?.event_payload?.key ?? '')),
      texts: messages.map((posted) => posted.text),
    })),
    rateLimited: slack.rateLimited,
    calls,
  };
  process.send!(report, () => {
    void slack.stop().then(() => process.exit(0));
  });
});
