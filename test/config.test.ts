import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';

const expectProblem = (env: Record<string, string>, pattern: RegExp) => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.join('\n')).toMatch(pattern);
    return;
  }
  throw new Error('expected a ConfigError');
};

describe('configuration from the environment', () => {
  it('defaults to the local console with no tokens', () => {
    expect(loadConfig({})).toMatchObject({
      slack: { kind: 'console' },
      port: 3000,
      host: '0.0.0.0',
      databasePath: './data/thidua.sqlite',
      logLevel: 'info',
      schedulerTickSeconds: 60,
    });
  });

  it('treats blank values like unset ones (a copied .env.example)', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: ' ', PORT: '' }).slack.kind).toBe('console');
  });

  it('runs HTTP with a bot token and a signing secret, Socket Mode with an app token too', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret-123' }).slack).toEqual({
      kind: 'http',
      botToken: 'xoxb-1',
      signingSecret: 'secret-123',
    });
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret-123', SLACK_APP_TOKEN: 'xapp-1' }).slack.kind).toBe(
      'socket',
    );
  });

  it('normalises SLACK_API_URL to end with a slash', () => {
    expect(loadConfig({ SLACK_API_URL: 'http://127.0.0.1:4000/api' }).slackApiUrl).toBe('http://127.0.0.1:4000/api/');
  });

  it.each([
    [{ SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_SIGNING_SECRET: 'secret-123' }, /^SLACK_BOT_TOKEN: phải bắt đầu bằng "xoxb-"/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /^SLACK_SIGNING_SECRET: cần có để chạy chế độ HTTP/],
    [{ SLACK_SIGNING_SECRET: 'secret-123' }, /^SLACK_BOT_TOKEN: cần có/],
    [{ SLACK_APP_TOKEN: 'xoxb-wrong' }, /^SLACK_APP_TOKEN: phải bắt đầu bằng "xapp-"/],
    [{ PORT: 'abc' }, /^PORT: /],
    [{ PORT: '70000' }, /^PORT: /],
    [{ LOG_LEVEL: 'verbose' }, /^LOG_LEVEL: /],
    [{ SLACK_API_URL: 'not a url' }, /^SLACK_API_URL: phải là một URL/],
  ])('names the variable that is wrong: %j', (env, pattern) => {
    expectProblem(env, pattern);
  });
});
