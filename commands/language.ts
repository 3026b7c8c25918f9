import { foldVietnamese } from '../src/domain/fold';
import { defineMessages, type Locale } from '../src/i18n/messages';
import { chooseLanguage, localeFromSlack, localeOf } from '../src/services/people';
import type { Feature, SubCommand } from './shared/feature';

const languageText = defineMessages(
  {
    help: {
      usage: '/thidua ngonngu [vi | en | tudong]',
      description:
        'Chọn ngôn ngữ bot dùng với riêng đồng chí (trả lời, biểu mẫu, tin nhắn riêng, trang chủ): tiếng Việt, tiếng Anh, hoặc theo ngôn ngữ Slack của đồng chí (tudong). Tin đăng trong kênh vẫn theo ngôn ngữ của tổ chức.',
      example: '/thidua ngonngu en',
    },
    current: (language: string, source: string) =>
      `Bot đang dùng ${language} với đồng chí (${source}). Đổi: \`/thidua ngonngu vi\`, \`en\` hoặc \`tudong\`.`,
    chosen: 'đồng chí đã chọn',
    slack: 'theo ngôn ngữ Slack của đồng chí',
    organisation: 'ngôn ngữ của tổ chức',
    set: (language: string, source?: string) =>
      `Từ nay bot dùng ${language} với đồng chí${source ? ` (${source})` : ''}. Tin đăng trong kênh vẫn theo ngôn ngữ của tổ chức.`,
    unknown: (typed: string) => `Không có ngôn ngữ “${typed}”. Chọn \`vi\`, \`en\` hoặc \`tudong\`.`,
    names: { vi: 'tiếng Việt', en: 'tiếng Anh' },
  },
  {
    help: {
      usage: '/thidua language [vi | en | auto]',
      description:
        "Choose the bot's language for you alone (replies, forms, DMs, App Home): Vietnamese, English, or your Slack language (auto). Channel posts stay in the organisation's language.",
      example: '/thidua language en',
    },
    current: (language: string, source: string) =>
      `The bot speaks ${language} with you (${source}). Change: \`/thidua language vi\`, \`en\` or \`auto\`.`,
    chosen: 'your choice',
    slack: 'your Slack language',
    organisation: "the organisation's language",
    set: (language: string, source?: string) =>
      `From now on the bot speaks ${language} with you${source ? ` (${source})` : ''}. Channel posts stay in the organisation's language.`,
    unknown: (typed: string) => `There is no language “${typed}”. Choose \`vi\`, \`en\` or \`auto\`.`,
    names: { vi: 'Vietnamese', en: 'English' },
  },
);

const CHOICES: Record<string, Locale | null> = {
  vi: 'vi',
  tiengviet: 'vi',
  vietnamese: 'vi',
  en: 'en',
  english: 'en',
  tienganh: 'en',
  tudong: null,
  auto: null,
  slack: null,
};

/** `/thidua ngonngu [vi | en | tudong]`: the language the bot uses with this person. */
const ngonngu: SubCommand = {
  name: 'ngonngu',
  aliases: ['ngôn ngữ', 'ngon ngu', 'language', 'lang'],
  help: { vi: languageText.vi.help, en: languageText.en.help },
  audience: 'anyone',
  async run({ deps, caller, locale, args, respond }) {
    const typed = foldVietnamese(args).replace(/\s+/g, '');
    const person = deps.store.people.get(caller.userId);
    if (!typed) {
      const text = languageText[locale];
      const source = person?.chosenLocale ? text.chosen : localeFromSlack(person?.slackLocale) ? text.slack : text.organisation;
      return respond({ text: text.current(text.names[locale], source) });
    }
    if (!(typed in CHOICES)) return respond({ text: languageText[locale].unknown(args.trim()) });
    const chosen = CHOICES[typed]!;
    chooseLanguage(deps, caller.userId, chosen);
    const now = localeOf(deps, caller.userId);
    const text = languageText[now];
    // “tudong” says where the language now comes from: Slack's setting, or the organisation's when Slack gives none.
    const source = chosen ? undefined : localeFromSlack(person?.slackLocale) ? text.slack : text.organisation;
    return respond({ text: text.set(text.names[now], source) });
  },
};

export const languageFeature: Feature = { subCommands: [ngonngu] };
