import type { Logger } from '@slack/bolt';
import { deliberationIds } from '../../views/ids';

/**
 * A secret ballot must not reach the logs: at debug level the Slack SDKs log whole payloads (Socket
 * Mode every message it receives, Bolt every acknowledgement it sends), and a ballot's submission and
 * the receipt that answers it (with the change code) would be written out. Every entry that carries
 * ballot traffic — recognised by the ballot's ids, which every such payload holds — is replaced by a
 * line saying it was left out. The app's own code never logs a ballot.
 */
const BALLOT_MARK = deliberationIds.ballotCallback;
export const BALLOT_LOG_LINE = 'ballot traffic left out of the log (secret ballot)';

function carriesBallot(message: unknown): boolean {
  if (typeof message === 'string') return message.includes(BALLOT_MARK);
  if (message instanceof Error) return `${message.message}\n${message.stack ?? ''}`.includes(BALLOT_MARK);
  try {
    return JSON.stringify(message)?.includes(BALLOT_MARK) ?? false;
  } catch {
    return false;
  }
}

export function withoutBallotTraffic(logger: Logger): Logger {
  const guarded =
    (write: (...messages: unknown[]) => void) =>
    (...messages: unknown[]) =>
      write(...(messages.some(carriesBallot) ? [BALLOT_LOG_LINE] : messages));
  return {
    debug: guarded((...messages) => logger.debug(...messages)),
    info: guarded((...messages) => logger.info(...messages)),
    warn: guarded((...messages) => logger.warn(...messages)),
    error: guarded((...messages) => logger.error(...messages)),
    setLevel: (level) => logger.setLevel(level),
    getLevel: () => logger.getLevel(),
    setName: (name) => logger.setName(name),
  };
}
