import { afterEach, describe, expect, it } from 'vitest';
import { runSchedulerPass } from '../../src/scheduler/scheduler';
import { CHANGE_REQUEST_REASON_BLOCK, CHANGE_REQUEST_REJECT, directiveIds, REVIEW_OPEN, STANDINGS_DETAIL } from '../../src/views/ids';
import { DEMO_YAML, firstResponse, startTestBot, type TestBot } from '../support/bot';
import { DEMO, demoLookups } from '../support/demo';
import { nextModalOf, openModalBy, openModalFromMessage, pressReplyButton } from '../support/interactions';
import { HOSTILE, liveMarkup as liveMarkupOf } from '../support/live-markup';

/**
 * What a person typed or the organisation file holds is escaped (escapeMrkdwn: & < >) wherever it
 * goes into mrkdwn: `<!channel>`, `<@U…>`, `<#C…>` and `<http://…|…>` are shown as typed, never
 * turned into a mention or a link. Each test drives the bot with such text and then reads
 * everything it said — replies, posts, DMs, modals, the App Home — for live markup.
 */
const { stp: STP, ca: CA, admin: ADMIN, channel: CHANNEL, beforeDue: BEFORE_DUE, afterDue: AFTER_DUE } = DEMO;

let t: TestBot;
afterEach(() => t?.close());
const { reportAnswers, reasonBlock } = demoLookups(() => t);
const liveMarkup = (...extra: unknown[]) => liveMarkupOf(t, ...extra);

async function command(user: string, text: string): Promise<Record<string, unknown>> {
  const sent = await t.driver.slashCommand(user, text, CHANNEL);
  return firstResponse(t.slack, sent.responseUrl);
}

describe('escaping what people type and what the organisation file holds', () => {
  it('shows typed text in every command reply as typed, never as a mention or a link', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    const replies = [];
    for (const [user, text] of [
      [CA, HOSTILE],
      [CA, `xephang ${HOSTILE}`],
      [CA, `tiendo ${HOSTILE}`],
      [CA, `giaouoc ${HOSTILE}`],
      [CA, `tieuchi noi chinh ${HOSTILE}`],
      [CA, `baocao ${HOSTILE}`],
      [CA, `dangky ${HOSTILE}`],
      [CA, `hanchot ${HOSTILE}`],
      [CA, `vanban ${HOSTILE}`],
      [CA, `vanban khen thuong ${HOSTILE}`],
      [ADMIN, `baocao Q1 ${HOSTILE}`],
      [ADMIN, `dangky ${HOSTILE}`],

      [ADMIN, `vanban sua ${HOSTILE} 99/XX`],
    ] as const)
      replies.push(await command(user, text));
    // Each was answered, and the typed text is in the answers, escaped.
    expect(replies).toHaveLength(13);
    expect(JSON.stringify(replies)).toContain('&lt;!channel&gt;');
    expect(await liveMarkup()).toEqual([]);
  });

  it('shows what was typed into forms — notes, reasons, links — escaped wherever it is shown again', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    await openModalBy(t, STP, 'baocao', CHANNEL);
    const submitted = await t.driver.submitView(
      STP,
      reportAnswers({
        report_notes: HOSTILE,
        report_evidence: 'https://drive.example.gov.vn/a|<!channel>>x',
        [reasonBlock('T')]: HOSTILE,
      }),
    );
    t.clock.set(AFTER_DUE);
    // Locked now: a change becomes a request to the lead, who rejects it with a reason.
    await openModalBy(t, STP, 'baocao Q1', CHANNEL);
    const requested = await t.driver.submitView(
      STP,
      reportAnswers({ report_notes: `${HOSTILE} (sửa)`, [reasonBlock('T')]: HOSTILE, unit_change_reason: HOSTILE }),
    );
    const request = await t.slack.waitFor(() => t.slack.dmsTo(CA).at(-1), 5000, 'the change request');
    expect(JSON.stringify(request.blocks)).toContain('“&lt;!channel&gt; &lt;@UEVIL01&gt;');
    await openModalFromMessage(t, CA, request, CHANGE_REQUEST_REJECT);
    const rejected = await t.driver.submitView(CA, { [CHANGE_REQUEST_REASON_BLOCK]: HOSTILE });
    const opens = t.slack.callsTo('views.open').length;
    await pressReplyButton(t, CA, await command(CA, 'tiendo'), REVIEW_OPEN, CHANNEL);
    await nextModalOf(t, CA, opens);
    const returned = await t.driver.submitView(CA, { review_outcome: 'returned', review_reason: HOSTILE });
    await pressReplyButton(t, CA, await command(CA, 'xephang Q1'), STANDINGS_DETAIL, CHANNEL);
    expect(await liveMarkup(submitted.body, requested.body, rejected.body, returned.body)).toEqual([]);
    expect(JSON.stringify(t.slack.dmsTo(STP))).toContain('&lt;!channel&gt;');
  });

  it('shows names, themes and titles from the organisation file escaped in replies, modals, posts, DMs and the App Home', async () => {
    const hostile = DEMO_YAML.replace('name: UBND tỉnh Vĩnh Phúc', 'name: "UBND tỉnh Vĩnh Phúc <!channel>"')
      .replace('name: Sở Tư pháp,', 'name: "Sở Tư pháp <!here> & <b>",')
      .replace('name: Công an tỉnh,', 'name: "Công an tỉnh <@UEVIL01>",')
      .replace('name: Khối thi đua Nội chính', 'name: "Khối thi đua Nội chính <http://evil.example|bấm>"')
      .replace('theme: Đoàn kết,', 'theme: <!channel> Đoàn kết,')
      .replace('name: Quý I,', 'name: "Quý I <!everyone>",')
      .replace('name: Hoàn thành chỉ tiêu chuyên môn đã giao ước,', 'name: "Hoàn thành chỉ tiêu <#C0EVIL|x>",')
      .replaceAll('group: I. Nhiệm vụ chuyên môn,', 'group: "I. Nhiệm vụ <!here>",')
      .replace('unit: "%"', 'unit: "<!channel>%"')
      .replace('- Tập thể lao động xuất sắc', '- "Tập thể lao động xuất sắc <!channel>"')
      .replace(
        'title: Về tiếp tục đổi mới công tác thi đua, khen thưởng',
        'title: "Về tiếp tục đổi mới <!channel> công tác thi đua, khen thưởng"',
      )
      .replace('issuer: Bộ Chính trị', 'issuer: "Bộ Chính trị <@UEVIL01>"');
    expect(hostile.match(/<!channel>|<!here>|<@UEVIL|<#C0EVIL|<http/g)?.length).toBeGreaterThanOrEqual(12);
    // 07/04/2021 08:00: the pledge's overdue nudge and Q1's 3-day nudge are due.
    t = await startTestBot({ now: new Date('2021-04-07T01:00:00Z'), organisationYaml: hostile });
    const acknowledgements: unknown[] = [];
    for (const text of ['help', 'giaouoc', 'tieuchi', 'tiendo', 'xephang', 'hanchot', 'vanban 34', 'vanban thi dua'])
      await command(CA, text);
    await command(ADMIN, 'hanchot');
    await t.driver.sendEvent({ type: 'app_home_opened', user: CA, tab: 'home' }, 'Ev0ESCAPE1');
    await t.driver.sendEvent({ type: 'app_home_opened', user: STP, tab: 'home' }, 'Ev0ESCAPE2');
    await runSchedulerPass(t.bot.deps, t.clock.now());

    // A pledge and a report by Sở Tư pháp: the channel lines, the confirmations.
    await openModalBy(t, STP, 'dangky', CHANNEL);
    acknowledgements.push(
      (
        await t.driver.submitView(STP, {
          pledge_titles: ['Tập thể lao động xuất sắc <!channel>'],
          pledge_sign: ['signed'],
          pledge_commitments: HOSTILE,
        })
      ).body,
    );
    await openModalBy(t, STP, 'baocao', CHANNEL);
    acknowledgements.push((await t.driver.submitView(STP, reportAnswers())).body);
    // A directive shared into the channel.
    await pressReplyButton(t, CA, await command(CA, 'vanban 34'), directiveIds.shareAction, CHANNEL);
    // After the due: the summary, and the standings with their breakdown.
    t.clock.set(new Date('2021-04-12T02:00:00Z'));
    await runSchedulerPass(t.bot.deps, t.clock.now());
    await pressReplyButton(t, CA, await command(CA, 'xephang Q1'), STANDINGS_DETAIL, CHANNEL);
    await pressReplyButton(t, CA, await command(CA, 'tiendo Q1'), REVIEW_OPEN, CHANNEL);
    expect(t.slack.messagesIn(CHANNEL).length).toBeGreaterThanOrEqual(4);
    expect(await liveMarkup(acknowledgements)).toEqual([]);
  });
});
