import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { REVIEW_OPEN, STANDINGS_DETAIL } from '../../src/views/ids';
import { firstResponse, startTestBot, type TestBot } from '../support/bot';
import { nextModalOf, openModalBy, pressReplyButton } from '../support/interactions';
import { HOSTILE, liveMarkup } from '../support/live-markup';

/**
 * What version 2 adds to the words the bot says — levels, award items, indicators and their units,
 * group caps, the units a criterion applies to, the lead's reasons — is escaped wherever it goes into
 * mrkdwn, as test/e2e/hardening-escaping.test.ts checks for version 1.
 */
const V2 = readFileSync(new URL('../fixtures/version-2-example.yaml', import.meta.url), 'utf8');
const CHANNEL = 'C0NOICHINH';
const CA = 'U0CA0001';
const THADS = 'U0THA001';
const LEVEL = 'Hoàn thành tốt <@UEVIL01>';
const AWARD = 'Bằng khen <#C0EVIL|x>';

let t: TestBot;
afterEach(() => t?.close());

const criterion = (code: string) => {
  const block = t.bot.store.structure.blockByCode('NOI_CHINH')!;
  return t.bot.store.structure.criteria(2018, block.id).find((row) => row.code === code)!;
};
const field = (prefix: string, code: string, indicator?: string) => `${prefix}${criterion(code).id}${indicator ? `_${indicator}` : ''}`;

async function command(user: string, text: string): Promise<Record<string, unknown>> {
  const sent = await t.driver.slashCommand(user, text, CHANNEL);
  return firstResponse(t.slack, sent.responseUrl);
}

describe('escaping what a version-2 table holds', () => {
  it('shows levels, award items, indicators, groups and reasons escaped in tieuchi, the forms, the review, its DM and the breakdown', async () => {
    const hostile = V2.replace('{ code: TT, name: Thanh tra tỉnh,', '{ code: TT, name: "Thanh tra <!everyone>",')
      .replace('name: Tỷ lệ điều tra khám phá án, unit: "%"', 'name: "Tỷ lệ điều tra <!channel>", unit: "%"')
      .replace('unit: vụ,', 'unit: "<!channel>vụ",')
      .replace('{ name: Hoàn thành tốt nhiệm vụ, points: 8 }', `{ name: "${LEVEL}", points: 8 }`)
      .replace('{ name: Bằng khen của Thủ tướng Chính phủ, points: 5 }', `{ name: "${AWARD}", points: 5 }`)
      .replaceAll('I. Nhiệm vụ chuyên môn', '"I. Nhiệm vụ <!here>"');
    expect(hostile.match(/<!channel>|<!here>|<!everyone>|<@UEVIL|<#C0EVIL/g)?.length).toBeGreaterThanOrEqual(9);
    t = await startTestBot({ now: new Date('2018-03-15T02:00:00Z'), organisationYaml: hostile });
    const acknowledgements: unknown[] = [];

    await command(CA, 'tieuchi');
    await openModalBy(t, CA, 'dangky', CHANNEL);
    acknowledgements.push(
      (
        await t.driver.submitView(CA, {
          [field('pledge_target_', '1.1', 'a')]: '90',
          [field('pledge_target_', '1.1', 'b')]: '40',
          [field('pledge_target_', '1.2')]: '100',
          pledge_titles: ['Tập thể lao động xuất sắc'],
          pledge_sign: ['signed'],
        })
      ).body,
    );
    await command(CA, 'giaouoc');

    t.clock.set(new Date('2018-12-05T02:00:00Z'));
    await openModalBy(t, THADS, 'baocao', CHANNEL);
    acknowledgements.push(
      (
        await t.driver.submitView(THADS, {
          [field('report_value_', '1.1', 'a')]: '76',
          [field('report_value_', '1.2')]: '100',
          [field('report_value_', '2.2')]: '5',
          [field('report_value_', '3.1')]: LEVEL,
          [field('report_value_', '3.2')]: '1',
          [field('report_value_', 'T')]: [AWARD],
          [field('report_reason_', 'T')]: HOSTILE,
          [field('report_value_', 'K')]: '0',
        })
      ).body,
    );
    await openModalBy(t, CA, 'baocao', CHANNEL);

    const opens = t.slack.callsTo('views.open').length;
    await pressReplyButton(t, CA, await command(CA, 'tiendo'), REVIEW_OPEN, CHANNEL);
    await nextModalOf(t, CA, opens);
    acknowledgements.push(
      (
        await t.driver.submitView(CA, {
          [field('review_points_', '2.3')]: '18',
          [field('review_value_', 'T')]: [],
          [field('review_note_', 'T')]: HOSTILE,
          [field('review_value_', '3.1')]: 'Hoàn thành xuất sắc nhiệm vụ',
          [field('review_note_', '3.1')]: HOSTILE,
        })
      ).body,
    );
    expect(acknowledgements.at(-1)).toMatchObject({ response_action: 'update' });
    const told = await t.slack.waitFor(
      () => t.slack.dmsTo(THADS).find((message) => message.text.includes('Trưởng khối đã thay đổi')),
      5000,
      'the changes told',
    );
    expect(told.text).toContain('Bằng khen &lt;#C0EVIL|x&gt; → (trống) — lý do: “&lt;!channel&gt;');
    expect(told.text).toContain('“Hoàn thành tốt &lt;@UEVIL01&gt;” → “Hoàn thành xuất sắc nhiệm vụ”');
    t.clock.set(new Date('2018-12-12T02:00:00Z'));
    await pressReplyButton(t, CA, await command(CA, 'xephang'), STANDINGS_DETAIL, CHANNEL);
    await t.driver.sendEvent({ type: 'app_home_opened', user: CA, tab: 'home' }, 'Ev0ESCAPEV2');
    expect(await liveMarkup(t, acknowledgements)).toEqual([]);
  });
});
