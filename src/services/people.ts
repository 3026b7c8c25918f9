import type { WebClient } from '@slack/web-api';
import type { Locale } from '../i18n/messages';
import type { AppDeps } from './deps';
import { queueHomeRefresh } from './home';

/**
 * Each person's language: the one they chose (`/thidua ngonngu`), else the one their Slack profile
 * says (users.info, kept for a week of the organisation's clock), else the organisation's. Replies, modals, DMs and the App Home
 * follow it; channel posts stay in the organisation's language.
 */
const SLACK_LOCALE_KEPT_MS = 7 * 86_400_000;

/** A Slack locale ("en-US", "vi-VN") as one of ours; undefined for any other language. */
export function localeFromSlack(slackLocale: string | null | undefined): Locale | undefined {
  if (!slackLocale) return undefined;
  const language = slackLocale.toLowerCase().split(/[-_]/)[0];
  return language === 'en' ? 'en' : language === 'vi' ? 'vi' : undefined;
}

type Person = ReturnType<AppDeps['store']['people']['get']>;

export function localeOf(deps: Pick<AppDeps, 'store'>, userId: string): Locale {
  return localeOfPerson(deps, deps.store.people.get(userId));
}

function localeOfPerson(deps: Pick<AppDeps, 'store'>, person: Person): Locale {
  const chosen = person?.chosenLocale === 'en' || person?.chosenLocale === 'vi' ? person.chosenLocale : undefined;
  return chosen ?? localeFromSlack(person?.slackLocale) ?? deps.store.organisation.get()?.locale ?? 'vi';
}

/** Their Slack locale was never read, or was read more than a week ago. */
function slackLocaleDue(person: Person, now: Date): boolean {
  const checkedAt = person?.slackLocaleCheckedAt?.getTime();
  return checkedAt === undefined || Math.abs(now.getTime() - checkedAt) >= SLACK_LOCALE_KEPT_MS;
}

/**
 * The person's language as localeOf says, and whether refreshSlackLocale would read their Slack
 * locale again: one read of them, for a command's first unit of work.
 */
export function languageOf(deps: Pick<AppDeps, 'store' | 'clock'>, userId: string): { locale: Locale; slackLocaleDue: boolean } {
  const person = deps.store.people.get(userId);
  return { locale: localeOfPerson(deps, person), slackLocaleDue: slackLocaleDue(person, deps.clock.now()) };
}

/**
 * Reads the person's Slack locale when it was never read or was read more than a week ago; a
 * failure (Slack down, a user it does not know) keeps what was known and is tried again next time.
 */
export async function refreshSlackLocale(deps: AppDeps, client: WebClient, userId: string): Promise<void> {
  const now = deps.clock.now();
  if (!slackLocaleDue(deps.store.people.get(userId), now)) return;
  try {
    const answer = await client.users.info({ user: userId, include_locale: true });
    deps.store.people.recordSlackLocale(userId, answer.user?.locale ?? null, now);
  } catch (error) {
    deps.logger.warn(`users.info ${userId}: ${(error as Error).message}`);
  }
}

/** The person chooses their language (null: back to Slack's); their App Home is drawn again in it. */
export function chooseLanguage(deps: AppDeps, userId: string, locale: Locale | null): void {
  deps.store.transaction((tx) => {
    tx.people.choose(userId, locale);
    queueHomeRefresh(deps, tx, { users: [userId] }, `language:${deps.wire.nowMs()}`);
  });
  deps.delivery.kick();
}
