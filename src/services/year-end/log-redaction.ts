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

const LEVEL_ORDER: Record<string, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function withoutBallotTraffic(logger: Logger): Logger {
  // An entry below the logger's level is not written: it is not looked through either (Bolt logs
  // every acknowledgement's body at debug level, which a running bot drops).
  const guarded =
    (level: string, write: (...messages: unknown[]) => void) =>
    (...messages: unknown[]) => {
      if ((LEVEL_ORDER[level] ?? 0) < (LEVEL_ORDER[logger.getLevel()] ?? 0)) return;
      write(...(messages.some(carriesBallot) ? [BALLOT_LOG_LINE] : messages));
    };
  return {
    debug: guarded('debug', (...messages) => logger.debug(...messages)),
    info: guarded('info', (...messages) => logger.info(...messages)),
    warn: guarded('warn', (...messages) => logger.warn(...messages)),
    error: guarded('error', (...messages) => logger.error(...messages)),
    setLevel: (level) => logger.setLevel(level),
    getLevel: () => logger.getLevel(),
    setName: (name) => logger.setName(name),
  };
}
