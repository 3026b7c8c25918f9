/**
 * The load generator of `npm run bench:http`, in its own process (plain node, no TypeScript loader):
 * reads one measurement as JSON on stdin, fires it with autocannon and prints the result as JSON.
 *
 * Every request is signed as Slack signs it, with its own sequence number put in place of `SEQ` in
 * the body template (a fresh response_url per slash command; a fresh view id and note per modal
 * submission, so each one stores a new version). A reply that comes back in the acknowledgement is
 * checked for the expected text and timed here; an empty acknowledgement means the reply goes to
 * the response_url, where the local Slack of bench/http.ts times and checks it.
 */
import { createHmac } from 'node:crypto';
import autocannon from 'autocannon';

const SEQ = 'BENCHSEQ';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
/** @type {{ url: string; secret: string; connections: number; duration: number; template: string; expect: string[] }} */
const job = JSON.parse(Buffer.concat(chunks).toString('utf8'));

let sequence = 0;
/** Latencies (ms) of replies that came in the acknowledgement itself. */
const ackReplies = [];
let emptyAcks = 0;
let wrongReplies = 0;
/** The largest acknowledgement body, in bytes (a reply in the acknowledgement is tens of kilobytes). */
let ackBytes = 0;
const wrongSamples = [];

const result = await autocannon({
  url: job.url,
  connections: job.connections,
  duration: job.duration,
  timeout: 30,
  requests: [
    {
      method: 'POST',
      setupRequest(request, context) {
        sequence += 1;
        const sentAt = Date.now();
        // The sequence number and send time ride in the response_url (or view id), so the local Slack can time the reply.
        const body = job.template.replaceAll(SEQ, `${sequence}x${sentAt}`);
        const timestamp = String(Math.floor(sentAt / 1000));
        const signature = `v0=${createHmac('sha256', job.secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
        context.sentAt = sentAt;
        return {
          ...request,
          body,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-slack-request-timestamp': timestamp,
            'x-slack-signature': signature,
          },
        };
      },
      onResponse(status, body, context) {
        if (status !== 200) return;
        if (!body) {
          emptyAcks += 1;
          return;
        }
        ackReplies.push(Date.now() - context.sentAt);
        ackBytes = Math.max(ackBytes, Buffer.byteLength(body));
        if (!job.expect.every((text) => body.includes(text))) {
          wrongReplies += 1;
          if (wrongSamples.length < 3) wrongSamples.push(body.slice(0, 400));
        }
      },
    },
  ],
});

process.stdout.write(
  `${JSON.stringify({
    completed: result.requests.total,
    seconds: result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    ackReplies,
    emptyAcks,
    wrongReplies,
    wrongSamples,
    ackBytes,
  })}\n`,
);
