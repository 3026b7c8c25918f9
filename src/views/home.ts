import type { HomeView, KnownBlock } from '@slack/types';
import type { Locale } from '../i18n/messages';
import { defineMessages } from '../i18n/messages';
import { context, divider, escapeMrkdwn, header, section } from './blocks';

const homeText = defineMessages(
  {
    title: 'Thi Đua',
    intro: 'Trợ lý công tác thi đua, khen thưởng: đăng ký giao ước, báo cáo tiến độ, nhắc hạn, xếp hạng và tra cứu văn bản.',
    blockYear: (block: string, year: number) => `*${block}* — năm ${year}`,
    theme: (theme: string) => `Chủ đề: _${theme}_`,
    lead: (unit: string) => `Trưởng khối: ${unit}`,
    commands: 'Gõ `/thidua help` ở bất kỳ kênh nào để xem các lệnh.',
  },
  {
    title: 'Thi Đua',
    intro: 'Assistant for emulation and commendation work: pledges, progress reports, deadline nudges, standings and directive lookup.',
    blockYear: (block: string, year: number) => `*${block}* — ${year}`,
    theme: (theme: string) => `Theme: _${theme}_`,
    lead: (unit: string) => `Block lead: ${unit}`,
    commands: 'Type `/thidua help` in any channel to see the commands.',
  },
);

export interface HomeFacts {
  whoAmI: string;
  block?: { name: string; year: number; theme: string; lead?: string };
  /** The unit's dues with buttons to act (the same blocks as /thidua hanchot). */
  dues?: KnownBlock[];
}

/** The App Home tab: who the user is in the organisation and where to start. */
export function buildHome(facts: HomeFacts, locale: Locale): HomeView {
  const text = homeText[locale];
  const blocks: HomeView['blocks'] = [header(text.title), section(text.intro), context(facts.whoAmI)];
  if (facts.block) {
    blocks.push(
      divider(),
      section(
        [
          text.blockYear(escapeMrkdwn(facts.block.name), facts.block.year),
          text.theme(escapeMrkdwn(facts.block.theme)),
          ...(facts.block.lead ? [text.lead(escapeMrkdwn(facts.block.lead))] : []),
        ].join('\n'),
      ),
    );
  }
  if (facts.dues?.length) blocks.push(divider(), ...facts.dues);
  blocks.push(divider(), section(text.commands));
  return { type: 'home', blocks };
}
