import type { Logger, LogLevel } from '@slack/bolt';

export type LogLevelName = 'debug' | 'info' | 'warn' | 'error';

const ORDER: Record<LogLevelName, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * A small leveled logger that Bolt accepts as its own (it implements @slack/logger's interface),
 * so the app and the framework write one stream: one line per entry on stderr.
 */
export function createLogger(
  level: LogLevelName,
  name = 'thidua',
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  let threshold = level;
  let currentName = name;
  const emit = (entryLevel: LogLevelName, messages: unknown[]) => {
    if (ORDER[entryLevel] < ORDER[threshold]) return;
    const text = messages
      .map((message) =>
        message instanceof Error ? (message.stack ?? message.message) : typeof message === 'string' ? message : JSON.stringify(message),
      )
      .join(' ');
    write(`${entryLevel.toUpperCase().padEnd(5)} [${currentName}] ${text}`);
  };
  return {
    debug: (...messages) => emit('debug', messages),
    info: (...messages) => emit('info', messages),
    warn: (...messages) => emit('warn', messages),
    error: (...messages) => emit('error', messages),
    setLevel: (newLevel) => {
      threshold = newLevel as LogLevelName;
    },
    getLevel: () => threshold as LogLevel,
    setName: (newName) => {
      currentName = newName;
    },
  };
}

/** A logger that drops everything (for benchmarks and quiet child processes). */
export const silentLogger: Logger = createLogger('error', 'thidua', () => {});
