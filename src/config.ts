import { z } from 'zod';
import { bothLanguages, defineMessages } from './i18n/messages';
import { DEFAULT_SLACK_API_TIMEOUT_MS } from './slack-client';

/**
 * The process environment, validated at the edge. Empty values count as unset so that a copied
 * `.env.example` with blank tokens means "no Slack" (the local console), not an error.
 */
const configText = defineMessages(
  {
    invalid: 'Cấu hình không hợp lệ',
    startsWith: (prefix: string) => `phải bắt đầu bằng "${prefix}"`,
    tooShort: 'quá ngắn',
    notUrl: 'phải là một URL, ví dụ http://127.0.0.1:4000/api/',
    botTokenToPost: 'cần có để gửi tin nhắn qua Slack',
    botTokenWithOthers: 'cần có khi đã đặt biến Slack khác',
    signingSecret: 'cần có để chạy chế độ HTTP (hoặc đặt SLACK_APP_TOKEN cho Socket Mode)',
  },
  {
    invalid: 'invalid configuration',
    startsWith: (prefix: string) => `must start with "${prefix}"`,
    tooShort: 'too short',
    notUrl: 'must be a URL',
    botTokenToPost: 'required to post to Slack',
    botTokenWithOthers: 'required once any other Slack variable is set',
    signingSecret: 'required for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
  },
);
const said = (say: (text: (typeof configText)['vi']) => string) => bothLanguages(configText, say);

const blankAsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalText = <T extends z.ZodType>(schema: T) => z.preprocess(blankAsUnset, schema.optional());

export const EnvSchema = z.object({
  SLACK_BOT_TOKEN: optionalText(
    z.string().regex(
      /^xoxb-/,
      said((text) => text.startsWith('xoxb-')),
    ),
  ),
  SLACK_SIGNING_SECRET: optionalText(
    z.string().min(
      8,
      said((text) => text.tooShort),
    ),
  ),
  SLACK_APP_TOKEN: optionalText(
    z.string().regex(
      /^xapp-/,
      said((text) => text.startsWith('xapp-')),
    ),
  ),
  SLACK_API_URL: optionalText(z.url(said((text) => text.notUrl)).transform((url) => (url.endsWith('/') ? url : `${url}/`))),
  HOST: z.preprocess(blankAsUnset, z.string().default('0.0.0.0')),
  PORT: z.preprocess(blankAsUnset, z.coerce.number().int().min(0).max(65535).default(3000)),
  DATABASE_PATH: z.preprocess(blankAsUnset, z.string().default('./data/thidua.sqlite')),
  LOG_LEVEL: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim().toLowerCase() || undefined : value),
    z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  ),
  SCHEDULER_TICK_SECONDS: z.preprocess(blankAsUnset, z.coerce.number().int().min(1).max(3600).default(60)),
  OUTBOX_LEASE_SECONDS: z.preprocess(blankAsUnset, z.coerce.number().int().min(1).max(3600).default(120)),
  SLACK_API_TIMEOUT_SECONDS: z.preprocess(
    blankAsUnset,
    z.coerce
      .number()
      .min(0.1)
      .max(120)
      .default(DEFAULT_SLACK_API_TIMEOUT_MS / 1000),
  ),
});

export type Env = z.infer<typeof EnvSchema>;

export type SlackMode =
  | { kind: 'http'; botToken: string; signingSecret: string }
  | { kind: 'socket'; botToken: string; appToken: string; signingSecret?: string }
  | { kind: 'console' };

export interface Config {
  slack: SlackMode;
  /** Base URL of the Slack Web API; undefined means Slack's own. */
  slackApiUrl?: string;
  host: string;
  port: number;
  databasePath: string;
  logLevel: Env['LOG_LEVEL'];
  schedulerTickSeconds: number;
  outboxLeaseSeconds: number;
  /** Every Web API call ends within this many milliseconds. */
  slackApiTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`${said((text) => text.invalid)}:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the environment into a Config, or throws a ConfigError that names every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const values = parseEnv(env);
  return { slack: slackModeOf(values), ...commonConfig(values) };
}

/**
 * For commands that call the Web API but take no requests from Slack (`npx thidua tick`): only
 * SLACK_BOT_TOKEN is needed, no signing secret or app token.
 */
export function loadApiConfig(env: Record<string, string | undefined>): Omit<Config, 'slack'> & { botToken: string } {
  const values = parseEnv(env);
  if (!values.SLACK_BOT_TOKEN) throw new ConfigError([`SLACK_BOT_TOKEN: ${said((text) => text.botTokenToPost)}`]);
  return { botToken: values.SLACK_BOT_TOKEN, ...commonConfig(values) };
}

function parseEnv(env: Record<string, string | undefined>): Env {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  return parsed.data;
}

function commonConfig(values: Env): Omit<Config, 'slack'> {
  return {
    ...(values.SLACK_API_URL ? { slackApiUrl: values.SLACK_API_URL } : {}),
    host: values.HOST,
    port: values.PORT,
    databasePath: values.DATABASE_PATH,
    logLevel: values.LOG_LEVEL,
    schedulerTickSeconds: values.SCHEDULER_TICK_SECONDS,
    outboxLeaseSeconds: values.OUTBOX_LEASE_SECONDS,
    slackApiTimeoutMs: Math.round(values.SLACK_API_TIMEOUT_SECONDS * 1000),
  };
}

function slackModeOf(values: Env): SlackMode {
  const { SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_APP_TOKEN: appToken } = values;
  if (!botToken && !signingSecret && !appToken) return { kind: 'console' };
  if (!botToken) {
    throw new ConfigError([`SLACK_BOT_TOKEN: ${said((text) => text.botTokenWithOthers)}`]);
  }
  if (appToken) return { kind: 'socket', botToken, appToken, ...(signingSecret ? { signingSecret } : {}) };
  if (!signingSecret) {
    throw new ConfigError([`SLACK_SIGNING_SECRET: ${said((text) => text.signingSecret)}`]);
  }
  return { kind: 'http', botToken, signingSecret };
}
