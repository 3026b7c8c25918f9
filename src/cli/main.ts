import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { appliedMigrationCount, BOT_BUSY_TIMEOUT_MS, openDatabase } from '../../db/client';
import { createStore, type Store } from '../../db/store';
import type { OrganisationSettings } from '../../db/store/organisation';
import { hasChanges } from '../../db/store/organisation-import';
import { ManualClock, systemClock } from '../clock';
import { type Config, ConfigError, loadApiConfig, loadConfig } from '../config';
import { ConsoleError, runConsole } from '../console/console';
import { parseLocalDateTime, zonedInstant } from '../domain/calendar';
import { findByCodeOrName, findPeriod, type Lookup } from '../domain/scope-words';
import { currentYearOf } from '../domain/years';
import { formatDateTime } from '../i18n/format';
import { createLogger, type LogLevelName } from '../logger';
import { organisationTemplate } from '../organisation/workbook-template';
import { createCore, StartupError, startBot } from '../runtime';
import { queueDeliveryDigest } from '../scheduler/delivery-digest';
import { runSchedulerPass } from '../scheduler/scheduler';
import { applyOrganisation, readOrganisationBytes } from '../services/organisation';
import { CSV_STYLES, type CsvStyle } from '../standings/export';
import { defaultCsvStyle, type ExportFormat, exportFileName, standingsCsv, standingsXlsx } from '../standings/files';
import { standingsFor } from '../standings/load';
import { periodLabel } from '../standings/standings-text';
import { cliText, formatSummary, type operatorText, toOperator, USAGE, type WriteProblem } from './cli-text';
import { exportYearEnd } from './year-end-export';

/** An expected failure: printed as one line, exit code 1. */
export class CliError extends Error {}

/** What the entry (bin/thidua.mjs) is told as the run goes. */
export interface RunHooks {
  /** The bot serves requests (`start`): what a start compiles is compiled (bin/bundle.mjs keeps it). */
  serving?: () => void;
}

/** `npx thidua <command>`; returns the process exit code. */
export async function main(argv: string[], hooks: RunHooks = {}): Promise<number> {
  try {
    loadDotEnv();
    const [command = 'help', ...rest] = argv;
    switch (command) {
      case 'start':
        return await start(loadConfig(process.env), hooks);
      case 'console':
        return await consoleCommand(loadConfig(process.env), rest);
      case 'migrate':
        return migrate(loadConfig(process.env));
      case 'import':
        return await importCommand(loadConfig(process.env), rest);
      case 'template':
        return await templateCommand(rest);
      case 'backup':
        return await backup(loadConfig(process.env), rest);
      case 'tick':
        return await tick(loadApiConfig(process.env), rest);
      case 'export':
        return await exportCommand(loadConfig(process.env), rest);
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return 0;
      default:
        throw new CliError(toOperator((text) => text.unknownCommand(command)));
    }
  } catch (error) {
    if (error instanceof CliError || error instanceof ConfigError || error instanceof ConsoleError || error instanceof StartupError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    // Anything else is still one line for the operator; the stack only when asked for.
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    process.stderr.write(`${toOperator((text) => text.unexpected(message))}\n`);
    if (process.env.LOG_LEVEL?.trim().toLowerCase() === 'debug' && error instanceof Error && error.stack)
      process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

const WRITE_PROBLEMS: Record<string, WriteProblem> = {
  ENOENT: 'noFolder',
  EACCES: 'denied',
  EPERM: 'denied',
  EISDIR: 'isFolder',
  EROFS: 'readOnly',
  ENOSPC: 'full',
  SQLITE_FULL: 'full',
  SQLITE_CANTOPEN: 'cannotOpen',
};

/** Why a file could not be written, in words in one language (the system's code when it is none of the usual). */
function writeProblem(error: unknown, text: (typeof operatorText)['vi']): string {
  const code = (error as NodeJS.ErrnoException).code;
  const known = code ? WRITE_PROBLEMS[code] : undefined;
  return known ? text.writeProblem[known] : (code ?? (error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)));
}

function exists(path: string): CliError {
  return new CliError(toOperator((text) => text.outExists(path)));
}

/** Writes `bytes` to `path`: never over an existing file unless `force`; one line when it cannot. */
function writeOut(path: string, bytes: string | Buffer, force: boolean): void {
  try {
    writeFileSync(path, bytes, { flag: force ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw exists(path);
    throw new CliError(toOperator((text) => text.cannotWrite(path, writeProblem(error, text))));
  }
}

/** A .env file in the working directory is read when present; real environment variables win. */
function loadDotEnv(): void {
  if (!existsSync('.env')) return;
  const preset = new Set(Object.keys(process.env));
  const before = { ...process.env };
  process.loadEnvFile('.env');
  for (const key of preset) process.env[key] = before[key];
}

async function start(config: Config, hooks: RunHooks): Promise<number> {
  if (config.slack.kind === 'console') return consoleCommand(config, []);
  const logger = createLogger(config.logLevel);
  const handle = openDatabase(config.databasePath, { busyTimeoutMs: BOT_BUSY_TIMEOUT_MS });
  const slack = config.slack;
  const bot = await startBot({
    handle,
    clock: systemClock,
    logger,
    botToken: slack.botToken,
    ...(config.slackApiUrl ? { apiUrl: config.slackApiUrl } : {}),
    receiver:
      slack.kind === 'http'
        ? { kind: 'http', signingSecret: slack.signingSecret }
        : { kind: 'socket', appToken: slack.appToken, port: config.port },
    host: config.host,
    port: config.port,
    mode: slack.kind,
    outboxLeaseMs: config.outboxLeaseSeconds * 1000,
    apiTimeoutMs: config.slackApiTimeoutMs,
    schedulerTickMs: config.schedulerTickSeconds * 1000,
  });
  logger.info(
    slack.kind === 'http'
      ? `${toOperator((text) => text.running('HTTP'))}: POST ${config.host}:${bot.port}/slack/events, GET /healthz`
      : `${toOperator((text) => text.running('Socket Mode'))}; GET /healthz on port ${bot.port}`,
  );
  // A process manager that started the bot with an IPC channel (pm2's wait_ready, the tests) is told
  // it serves; the channel is then let go, so it never keeps the process alive.
  if (process.send) {
    process.send('ready');
    process.channel?.unref();
  }
  hooks.serving?.();
  await new Promise<void>((resolveStop) => {
    const stop = (signal: string) => {
      logger.info(toOperator((text) => text.shuttingDown(signal)));
      bot.stop().then(resolveStop, (error: unknown) => {
        logger.error('shutdown failed', error);
        resolveStop();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}

async function consoleCommand(config: Config, args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { at: { type: 'string' }, as: { type: 'string' } });
  // The console's own output is the conversation; the log shows only problems unless asked for more.
  const logLevel: LogLevelName = process.env.LOG_LEVEL ? config.logLevel : 'warn';
  await runConsole({
    databasePath: config.databasePath,
    input: process.stdin,
    output: process.stdout,
    ...(typeof values.at === 'string' ? { at: values.at } : {}),
    ...(typeof values.as === 'string' ? { as: values.as } : {}),
    logLevel,
    outboxLeaseMs: config.outboxLeaseSeconds * 1000,
  });
  return 0;
}

function migrate(config: Config): number {
  const handle = openDatabase(config.databasePath);
  process.stdout.write(`${toOperator((text) => text.migrated(config.databasePath, appliedMigrationCount(handle)))}\n`);
  handle.close();
  return 0;
}

async function importCommand(config: Config, args: string[]): Promise<number> {
  const file = args[0];
  if (!file) throw new CliError(toOperator((text) => text.missingFile('import <tệp.yaml | tệp.xlsx>')));
  // Validate before opening the database, so a bad file leaves even a missing database untouched.
  const read = await readOrganisationBytes(readSource(file));
  if (!read.ok) {
    const text = cliText[read.locale];
    process.stderr.write(
      `${text.rejected(file, read.count ?? read.problems.length)}\n${read.problems.map((problem) => `  ${problem}`).join('\n')}\n`,
    );
    return 1;
  }
  const text = cliText[read.data.organisation.locale];
  let handle = openDatabase(config.databasePath);
  if (createStore(handle.db).organisation.getMeta('organisation_source') === 'demo' && config.databasePath !== ':memory:') {
    // The demo is there to look around; a real organisation starts from a clean database.
    handle.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${config.databasePath}${suffix}`, { force: true });
    handle = openDatabase(config.databasePath);
    process.stdout.write(`${text.demoReplaced}\n`);
  }
  try {
    const summary = applyOrganisation(createStore(handle.db), read.data, `file:${resolve(file)}`, systemClock.now());
    process.stdout.write(`${text.imported(file)}\n${formatSummary(summary, text).join('\n')}\n`);
    if (!hasChanges(summary)) process.stdout.write(`${text.noChanges}\n`);
    return 0;
  } finally {
    handle.close();
  }
}

async function backup(config: Config, args: string[]): Promise<number> {
  const target = args[0];
  if (!target) throw new CliError(toOperator((text) => text.missingFile('backup <tệp.sqlite>')));
  if (existsSync(target)) throw new CliError(toOperator((text) => text.fileExists(target)));
  if (!existsSync(config.databasePath)) throw new CliError(toOperator((text) => text.noDatabase(config.databasePath)));
  const handle = openDatabase(config.databasePath);
  try {
    // SQLite's online backup API: a consistent copy even while the bot keeps writing.
    await handle.sqlite.backup(target).catch((error: unknown) => {
      throw new CliError(toOperator((text) => text.cannotBackUp(target, writeProblem(error, text))));
    });
  } finally {
    handle.close();
  }
  process.stdout.write(`${toOperator((text) => text.backedUp(config.databasePath, target, Math.ceil(statSync(target).size / 1024)))}\n`);
  return 0;
}

/**
 * `npx thidua tick [--at ISO-8601]`: one scheduler pass as of that instant (default now), its
 * messages delivered to Slack, then what could not be delivered reported to the admins; one line
 * of figures. How operators, tests and the console's clock drive the scheduler without `npm start`.
 *
 * Bounded: the delivery starts nothing after SCHEDULER_TICK_SECONDS, nor once Slack is found
 * unreachable, and every call ends within SLACK_API_TIMEOUT_SECONDS. What was not sent stays
 * queued for the next pass (and is looked for in Slack first if its post may have landed); when
 * Slack could not be reached the exit code is 1.
 */
async function tick(config: ReturnType<typeof loadApiConfig>, args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { at: { type: 'string' } });
  const logger = createLogger(config.logLevel);
  const handle = openDatabase(config.databasePath);
  try {
    const organisation = createStore(handle.db).organisation.get();
    if (!organisation) throw new CliError(toOperator((text) => text.noOrganisationIn(config.databasePath)));
    const at = typeof values.at === 'string' ? parseInstant(values.at, organisation.timeZone) : systemClock.now();
    const { delivery, deps, store } = createCore({
      handle,
      clock: new ManualClock(at),
      logger,
      botToken: config.botToken,
      ...(config.slackApiUrl ? { apiUrl: config.slackApiUrl } : {}),
      apiTimeoutMs: config.slackApiTimeoutMs,
      outboxLeaseMs: config.outboxLeaseSeconds * 1000,
      loadDemo: false,
    });
    const pass = { deadlineMs: deps.wire.nowMs() + config.schedulerTickSeconds * 1000 };
    const { queued, failed } = await runSchedulerPass(deps, at);
    await delivery.drain({ pass });
    // What this pass could not deliver is known only now: report it in the same run.
    const digests = queueDeliveryDigest(deps, at);
    await delivery.drain({ pass });
    await delivery.stop();
    const waiting = store.outbox.countsByStatus();
    const left = waiting.pending + waiting.sending;
    const text = cliText[organisation.locale];
    process.stdout.write(
      `${text.ticked(formatDateTime(at, organisation.timeZone, organisation.locale), organisation.timeZone, queued + digests, { ...delivery.stats, left })}\n`,
    );
    if (delivery.stats.slackUnreachable > 0) throw new CliError(text.slackUnreachable(delivery.lastSlackFailure ?? '', left));
    if (failed.length) throw new CliError(text.jobsFailed(failed.join(', ')));
    return 0;
  } finally {
    handle.close();
  }
}

/**
 * `npx thidua export --block CODE --period CODE [--year YYYY] [--format xlsx|csv] [--csv-style vi|standard] [--out FILE] [--force]`:
 * the score table as it stands now; the CSV's style defaults to the organisation's language (vi: ';' and decimal commas).
 */
async function exportCommand(config: Config, args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, {
    block: { type: 'string' },
    period: { type: 'string' },
    year: { type: 'string' },
    format: { type: 'string' },
    'csv-style': { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean' },
    document: { type: 'string' },
  });
  // The year end's documents (src/cli/year-end-export.ts): the minutes, the proposal, the province's proposals.
  if (values.document !== undefined || values.format?.toLowerCase() === 'docx') return yearEndExportCommand(config, values);
  const { block: blockTyped, period: periodTyped } = values;
  if (!blockTyped || !periodTyped) throw new CliError(toOperator((text) => text.exportNeeds));
  const format = (values.format ?? 'xlsx').toLowerCase();
  if (format !== 'xlsx' && format !== 'csv') throw new CliError(toOperator((text) => text.badFormat(values.format ?? '')));
  const csvStyle = values['csv-style']?.toLowerCase();
  if (csvStyle !== undefined && !(CSV_STYLES as readonly string[]).includes(csvStyle))
    throw new CliError(toOperator((text) => text.badCsvStyle(values['csv-style'] ?? '')));
  if (values.year !== undefined && !/^\d{4}$/.test(values.year)) throw new CliError(toOperator((text) => text.badYear(values.year ?? '')));
  return withExportStore(config, async (store, organisation) => {
    const now = systemClock.now();
    // Named as in Slack: the code or the name, with or without diacritics ("noi chinh", "quy 1").
    const blocks = store.structure.activeBlocks();
    const block = found(findByCodeOrName(blockTyped, blocks));
    if (!block) throw new CliError(toOperator((text) => text.unknownBlock(blockTyped, listed(blocks))));
    const year =
      values.year !== undefined
        ? Number(values.year)
        : currentYearOf(
            store.structure.years().map((row) => row.year),
            now,
            organisation.timeZone,
          );
    if (year === undefined || !store.structure.year(year)) throw new CliError(toOperator((text) => text.unknownYear(values.year ?? '')));
    const periods = store.structure.periods(year);
    const period = found(findPeriod(periodTyped, periods));
    if (!period) throw new CliError(toOperator((text) => text.unknownPeriod(periodTyped, year, listed(periods))));
    const loaded = standingsFor(store, block.id, period.id)!;
    const out = values.out ?? exportFileName({ block, period }, format as ExportFormat);
    const force = values.force === true;
    // Refused before the file is built, and again on writing (another process may have made it since).
    if (!force && existsSync(out)) throw exists(out);
    writeOut(
      out,
      format === 'xlsx'
        ? await standingsXlsx(loaded, organisation.locale, organisation.timeZone, now)
        : standingsCsv(loaded, organisation.locale, (csvStyle as CsvStyle | undefined) ?? defaultCsvStyle(organisation.locale)),
      force,
    );
    const reported = loaded.standings.rows.filter((row) => row.reported).length;
    process.stdout.write(
      `${cliText[organisation.locale].exported(out, block.name, periodLabel(period, organisation.locale), reported, loaded.members.length)}\n`,
    );
    return 0;
  });
}

/** A file export's database: it must exist and hold an organisation; closed once `work` is done. */
async function withExportStore(
  config: Config,
  work: (store: Store, organisation: OrganisationSettings) => Promise<number>,
): Promise<number> {
  if (!existsSync(config.databasePath)) throw new CliError(toOperator((text) => text.noDatabase(config.databasePath)));
  const handle = openDatabase(config.databasePath);
  try {
    const store = createStore(handle.db);
    const organisation = store.organisation.get();
    if (!organisation) throw new CliError(toOperator((text) => text.noOrganisation));
    return await work(store, organisation);
  } finally {
    handle.close();
  }
}

async function yearEndExportCommand(
  config: Config,
  values: {
    block?: string | undefined;
    year?: string | undefined;
    format?: string | undefined;
    document?: string | undefined;
    out?: string | undefined;
    force?: boolean | undefined;
  },
): Promise<number> {
  if (values.year !== undefined && !/^\d{4}$/.test(values.year)) throw new CliError(toOperator((text) => text.badYear(values.year ?? '')));
  return withExportStore(config, async (store, organisation) => {
    const force = values.force === true;
    if (values.out !== undefined && !force && existsSync(values.out)) throw exists(values.out);
    const line = await exportYearEnd(
      store,
      organisation,
      { ...values, year: values.year !== undefined ? Number(values.year) : undefined },
      systemClock.now(),
      {
        write: (path, bytes) => writeOut(path, bytes, force),
        fail: (message) => {
          throw new CliError(message);
        },
        unknownBlock: (typed) => toOperator((text) => text.unknownBlock(typed, listed(store.structure.activeBlocks()))),
      },
    );
    process.stdout.write(`${line}\n`);
    return 0;
  });
}

/** An ISO-8601 instant: with Z or an offset as given; without, on the organisation's wall clock (never the server's). */
function parseInstant(text: string, zone: string): Date {
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed) && !Number.isNaN(Date.parse(trimmed)))
    return new Date(Date.parse(trimmed));
  const local = parseLocalDateTime(trimmed);
  if (local) return zonedInstant(local, zone);
  throw new CliError(toOperator((words) => words.badInstant(text)));
}

/**
 * `npx thidua template --out FILE.xlsx [--locale vi|en] [--force]`: the empty organisation workbook
 * (src/organisation/workbook-template.ts), its sheets and columns named in that language.
 */
async function templateCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { out: { type: 'string' }, locale: { type: 'string' }, force: { type: 'boolean' } });
  if (!values.out) throw new CliError(toOperator((text) => text.templateNeeds));
  const locale = values.locale ?? 'vi';
  if (locale !== 'vi' && locale !== 'en') throw new CliError(toOperator((text) => text.badLocale(locale)));
  const force = values.force === true;
  if (!force && existsSync(values.out)) throw exists(values.out);
  writeOut(values.out, await organisationTemplate(locale), force);
  process.stdout.write(`${cliText[locale].templateWritten(values.out)}\n`);
  return 0;
}

function readSource(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(toOperator((text) => text.missingSource(file)));
    throw new CliError(`Không đọc được tệp “${file}”: ${(error as Error).message}`);
  }
}

function parseCommandArgs<T extends Record<string, { type: 'string' | 'boolean' }>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: false });
  } catch (error) {
    const known = Object.keys(options)
      .map((name) => `--${name}`)
      .join(', ');
    throw new CliError(toOperator((text) => text.badArguments((error as Error).message, known)));
  }
}

/** "NOI_CHINH (Khối thi đua Nội chính), VH_XH (…)" */
function listed(items: readonly { code: string; name: string }[]): string {
  return items.map((item) => `${item.code} (${item.name})`).join(', ');
}

function found<T>(lookup: Lookup<T>): T | undefined {
  return lookup.kind === 'found' ? lookup.item : undefined;
}
