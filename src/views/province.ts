import type { KnownBlock } from '@slack/types';
import { defineMessages, type Locale } from '../i18n/messages';
import { unitNameIn } from '../standings/deliberation-record';
import { type BlockYearEnd, provinceText } from '../standings/province-proposals';
import { actions, button, context, escapeMrkdwn, header, packTexts, section } from './blocks';
import { deliberationIds } from './ids';

/** `/thidua khenthuong`: each block's year end in a line, and “Xuất Excel toàn tỉnh” for the admins. */
export const provinceViewText = defineMessages(
  {
    title: (year: number) => `Đề nghị khen thưởng năm ${year} của các khối thi đua`,
    line: (block: string, state: string, proposed: string) => `• *${block}*: ${state}${proposed ? ` — ${proposed}` : ''}`,
    proposed: (title: string, units: string) => `${title}: ${units}`,
    provinceDecides: (unit: string) => `${unit} (bằng phiếu ở suất cuối, tỉnh quyết định)`,
    none: 'không có',
    export: 'Xuất Excel toàn tỉnh',
    hint: 'Tệp Excel gồm mọi đề nghị của các khối đã kết thúc bỏ phiếu (khối, đơn vị, danh hiệu, hạng, điểm, xếp loại, số phiếu) và tình trạng từng khối.',
    refused:
      'Chỉ quản trị viên (Ban Thi đua – Khen thưởng tỉnh) xem tổng hợp đề nghị của các khối. Kết quả của khối mình: `/thidua binhxet`.',
    sending: (file: string) => `Đang gửi tệp ${file} vào tin nhắn riêng với bot.`,
  },
  {
    title: (year: number) => `Proposals for commendation ${year}, every block`,
    line: (block: string, state: string, proposed: string) => `• *${block}*: ${state}${proposed ? ` — ${proposed}` : ''}`,
    proposed: (title: string, units: string) => `${title}: ${units}`,
    provinceDecides: (unit: string) => `${unit} (equal votes for the last place, the province decides)`,
    none: 'none',
    export: 'Export the province to Excel',
    hint: 'The Excel file holds every proposal of the blocks whose vote is closed (block, unit, title, rank, points, grade, votes) and each block’s state.',
    refused: "Only admins (the province's Emulation Board) see every block's proposals. Your block's result: `/thidua binhxet`.",
    sending: (file: string) => `Sending ${file} to your direct messages with the bot.`,
  },
);

export function buildProvinceReply(year: number, blocks: readonly BlockYearEnd[], locale: Locale): { text: string; blocks: KnownBlock[] } {
  const text = provinceViewText[locale];
  const states = provinceText[locale];
  const lines = blocks.map(({ block, opening, decision, voters }) => {
    const state = !opening
      ? states.notOpened
      : decision
        ? `${states.closed} (${decision.ballots}/${opening.members.length})`
        : states.voting(voters, opening.members.length);
    const proposed =
      opening && decision
        ? decision.titles
            .map((title) => {
              const units = title.entries.filter((entry) => entry.outcome === 'proposed' || entry.outcome === 'province_decides');
              return text.proposed(
                escapeMrkdwn(title.title),
                units.length
                  ? units
                      .map((entry) => {
                        const name = escapeMrkdwn(unitNameIn(opening, entry.unitId));
                        return entry.outcome === 'province_decides' ? text.provinceDecides(name) : name;
                      })
                      .join('; ')
                  : text.none,
              );
            })
            .join(' · ')
        : '';
    return text.line(escapeMrkdwn(block.name), state, proposed);
  });
  return {
    text: text.title(year),
    blocks: [
      header(text.title(year)),
      ...packTexts(lines, '\n').map((chunk) => section(chunk)),
      context(text.hint),
      actions(deliberationIds.actionsBlock, button(text.export, deliberationIds.provinceExportAction, JSON.stringify({ year }), 'primary')),
    ],
  };
}
