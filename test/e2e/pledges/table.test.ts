import { afterEach, describe, expect, it } from 'vitest';
import { inputsOf } from '../../../src/local-slack/view-state';
import { PLEDGE_TABLE_NEXT, PLEDGE_TABLE_NUDGE, PLEDGE_TABLE_PREVIOUS } from '../../../src/views/ids';
import { firstResponse, responsesTo, type TestBot, textOf } from '../../support/bot';
import { buttonValues } from '../../support/interactions';
import { generatedOrganisationYaml, officerOf } from '../../support/organisations';
import { ADMIN, AFTER_DUE, buttonValue, CA, CHANNEL, openModal, resultText, sign, startPledgeBot } from './support';

/** The block pledge table (giaouoc), paged, and an organisation that works in English. */
let t: TestBot;
afterEach(async () => {
  await t?.close();
});

describe('the block pledge table', () => {
  it('lists every unit in the block order, signed or not', async () => {
    t = await startPledgeBot();
    await sign(CA, { pledge_titles: ['Cờ thi đua của UBND tỉnh', 'Tập thể lao động xuất sắc'] });
    const reply = await t.driver.slashCommand('U0VKS001', 'giao ước', CHANNEL);
    const table = await firstResponse(t.slack, reply.responseUrl);
    const text = textOf(table);
    expect(text).toContain('Giao ước thi đua năm 2021 — Khối thi đua Nội chính');
    expect(text).toContain('Đã ký 1/7 đơn vị · Hạn ký: 31/03/2021 17:00');
    expect(text).toContain('*1. Thanh tra tỉnh* — _Chưa ký_');
    expect(text).toContain('*2. Công an tỉnh* — ký 15/03/2021 08:00, <@U0CA0001>');
    expect(text).toContain('Danh hiệu: Cờ thi đua của UBND tỉnh; Tập thể lao động xuất sắc');
    expect(text).toContain(
      'Chỉ tiêu: 1. Hoàn thành chỉ tiêu chuyên môn đã giao ước: 95% · 9. Số vụ việc vi phạm, đơn thư tồn đọng: không quá 2 vụ việc',
    );
    expect(text).toContain('*7. Cục Thi hành án dân sự tỉnh* — _Chưa ký_');
    expect(text.indexOf('Thanh tra tỉnh')).toBeLessThan(text.indexOf('Công an tỉnh'));
  });

  it('gives the lead “Nhắc” beside each unit that has not signed, once an hour, saying who asked', async () => {
    t = await startPledgeBot();
    await sign(CA);
    t.clock.set(AFTER_DUE);
    const officer = await firstResponse(t.slack, (await t.driver.slashCommand('U0VKS001', 'giaouoc', CHANNEL)).responseUrl);
    expect(buttonValues(officer, PLEDGE_TABLE_NUDGE)).toEqual([]);
    const lead = await firstResponse(t.slack, (await t.driver.slashCommand(CA, 'giaouoc', CHANNEL)).responseUrl);
    const stp = t.bot.store.structure.unitByCode('STP')!.id;
    // Six units have not signed (Công an tỉnh has): six buttons.
    expect(buttonValues(lead, PLEDGE_TABLE_NUDGE)).toHaveLength(6);
    expect(buttonValues(lead, PLEDGE_TABLE_NUDGE)).toContain(`2021:${stp}`);
    const press = async () =>
      textOf(
        await firstResponse(
          t.slack,
          (
            await t.driver.pressButton({
              userId: CA,
              actionId: PLEDGE_TABLE_NUDGE,
              value: `2021:${stp}`,
              in: { ephemeral: { channel: CHANNEL, blocks: lead.blocks as unknown[] } },
            })
          ).responseUrl!,
        ),
      );
    expect(await press()).toBe('Đã nhắc <@U0TP0001> (Sở Tư pháp) ký giao ước thi đua năm 2021.');
    const dm = await t.slack.waitFor(() => t.slack.dmsTo('U0TP0001')[0], 5000, 'the reminder');
    expect(dm.text).toBe(
      '⏰ Trưởng khối (Công an tỉnh, <@U0CA0001>) nhắc: Đã quá 5 ngày so với hạn ký giao ước thi đua năm 2021 (17:00 ngày 31/03/2021). Sở Tư pháp chưa ký giao ước.',
    );
    expect(await press()).toContain('Sở Tư pháp vừa được <@U0CA0001> nhắc lúc 05/04/2021 10:00; chưa gửi thêm tin nhắc.');
    await t.bot.idle();
    expect(t.slack.dmsTo('U0TP0001')).toHaveLength(1);
  });

  it('reads another block by name and asks an admin outside every block which one', async () => {
    t = await startPledgeBot();
    const other = await t.driver.slashCommand(CA, 'giaouoc van hoa xa hoi', CHANNEL);
    expect(textOf(await firstResponse(t.slack, other.responseUrl))).toContain('Giao ước thi đua năm 2021 — Khối thi đua Văn hóa – Xã hội');
    const asked = await t.driver.slashCommand(ADMIN, 'giaouoc', CHANNEL);
    expect(textOf(await firstResponse(t.slack, asked.responseUrl))).toContain(
      'Tài khoản quản trị không thuộc khối nào: chọn khối để xem `/thidua giaouoc`.',
    );
    const unknown = await t.driver.slashCommand(CA, 'giaouoc kinh te', CHANNEL);
    expect(textOf(await firstResponse(t.slack, unknown.responseUrl))).toContain('Không có khối “kinh te”. Các khối: `NOI_CHINH`');
    const year = await t.driver.slashCommand(CA, 'giaouoc 2019', CHANNEL);
    expect(textOf(await firstResponse(t.slack, year.responseUrl))).toContain('Chưa có năm 2019 trong tệp tổ chức. Các năm đang có: 2021.');
  });

  it('pages a block of 40 units, each page within Slack’s limits', async () => {
    t = await startPledgeBot({ organisationYaml: generatedOrganisationYaml({ units: 40, targets: 3 }) });
    for (const unit of [1, 12, 40]) {
      await openModal(officerOf(unit));
      const criteria = t.bot.store.structure
        .criteria(2021, t.bot.store.structure.blockByCode('LON')!.id)
        .filter((row) => row.kind === 'target');
      await t.driver.submitView(officerOf(unit), {
        ...Object.fromEntries(criteria.map((row) => [`pledge_target_${row.id}`, '90'])),
        pledge_titles: ['Tập thể lao động tiên tiến'],
        pledge_sign: ['signed'],
      });
    }
    const reply = await t.driver.slashCommand(officerOf(2), 'giaouoc', 'C0LON');
    const pages = [await firstResponse(t.slack, reply.responseUrl)];
    for (;;) {
      const current = pages.at(-1)!;
      const blocks = current.blocks as unknown[];
      expect(blocks.length).toBeLessThanOrEqual(50);
      if (!JSON.stringify(blocks).includes(PLEDGE_TABLE_NEXT)) break;
      await t.driver.pressButton({
        userId: officerOf(2),
        actionId: PLEDGE_TABLE_NEXT,
        value: buttonValue(current, PLEDGE_TABLE_NEXT),
        in: { ephemeral: { channel: 'C0LON', blocks, responseUrl: reply.responseUrl } },
      });
      await t.slack.waitFor(() => responsesTo(t.slack, reply.responseUrl).length === pages.length + 1, 5000, 'the next page');
      const next = responsesTo(t.slack, reply.responseUrl).at(-1)!;
      expect(next.replace_original).toBe(true);
      pages.push(next);
    }
    expect(pages).toHaveLength(4);
    const all = pages.map((page) => textOf(page)).join('\n');
    for (let unit = 1; unit <= 40; unit++) expect(all).toContain(`*${unit}. Đơn vị số ${unit}* — `);
    expect(all).toContain('*12. Đơn vị số 12* — ký 15/03/2021 08:00, <@U0DV012>');
    expect(all).toContain('*13. Đơn vị số 13* — _Chưa ký_');
    expect(textOf(pages[0]!)).toContain('Trang 1/4');
    expect(textOf(pages[3]!)).toContain('Trang 4/4');
    expect(textOf(pages[3]!)).toContain('*40. Đơn vị số 40* — ký');
    // And back.
    await t.driver.pressButton({
      userId: officerOf(2),
      actionId: PLEDGE_TABLE_PREVIOUS,
      value: buttonValue(pages[3]!, PLEDGE_TABLE_PREVIOUS),
      in: { ephemeral: { channel: 'C0LON', blocks: pages[3]!.blocks as unknown[], responseUrl: reply.responseUrl } },
    });
    await t.slack.waitFor(() => responsesTo(t.slack, reply.responseUrl).length === 5, 5000, 'the previous page');
    expect(textOf(responsesTo(t.slack, reply.responseUrl).at(-1)!)).toContain('Trang 3/4');
  });
});

describe('an organisation that works in English', () => {
  it('speaks English in the modal, its errors, the channel line and the table', async () => {
    t = await startPledgeBot({ organisationYaml: generatedOrganisationYaml({ units: 2, targets: 1, locale: 'en' }) });
    const user = officerOf(2);
    const target = `pledge_target_${t.bot.store.structure.criteria(2021, t.bot.store.structure.blockByCode('LON')!.id)[0]!.id}`;
    const { view } = await openModal(user, 'pledge 2021');
    expect(textOf(view.view)).toContain('Pledges are due 31 Mar 2021 17:00.');
    expect(inputsOf(view.view).find((input) => input.blockId === 'pledge_sign')!.choices[0]!.text).toBe(
      'On behalf of the unit, I sign the 2021 emulation pledge',
    );
    const bad = await t.driver.submitView(user, { [target]: 'ten' });
    expect(bad.body).toEqual({
      response_action: 'errors',
      errors: {
        [target]: '“ten” is not a number. Enter a number, e.g. 95 or 95.5.',
        pledge_titles: 'Choose at least one title.',
        pledge_sign: 'Tick the box to sign the pledge.',
      },
    });
    // Numbers are read in either notation whatever the language.
    const done = await t.driver.submitView(user, {
      [target]: '99,5',
      pledge_titles: ['Tập thể lao động tiên tiến'],
      pledge_sign: ['signed'],
    });
    expect(resultText(done)).toContain('Đơn vị số 2 signed the 2021 emulation pledge. Khối thi đua Lớn: 1 of 2 units have signed.');
    await t.slack.waitFor(() => t.slack.messagesIn('C0LON').length === 1);
    expect(textOf(t.slack.messagesIn('C0LON')[0]!)).toBe('Đơn vị số 2 signed the 2021 emulation pledge — 1/2 units');
    const reply = await t.driver.slashCommand(user, 'pledges', 'C0LON');
    const table = textOf(await firstResponse(t.slack, reply.responseUrl));
    expect(table).toContain('*1. Đơn vị số 1* — _Not signed_');
    expect(table).toContain('Targets: C1. Chỉ tiêu chuyên môn số 1: 99.5%');
  });
});
