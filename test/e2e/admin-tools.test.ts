import { afterEach, describe, expect, it } from 'vitest';
import { validateBlocks, validateView } from '../../src/local-slack/block-kit-limits';
import { runSchedulerPass } from '../../src/scheduler/scheduler';
import { ADMIN_OPEN, adminIds, BLOCK_PICK } from '../../src/views/ids';
import { firstResponse, startTestBot, type TestBot, textOf } from '../support/bot';
import { DEMO, demoLookups } from '../support/demo';
import { buttonValues, openModalBy, resultOf } from '../support/interactions';

const { stp: STP, tt: TT, ca: CA, admin: ADMIN, channel: CHANNEL, beforeDue: BEFORE_DUE, afterDue: AFTER_DUE } = DEMO;
const NEWCOMER = 'U0NEW0001';
const { fields } = adminIds;

let t: TestBot;
afterEach(async () => {
  await t?.close();
});

const { unit, q1, valueBlock, reportAnswers: answers, seedPledge: pledge } = demoLookups(() => t);

/** `/thidua quantri <tool>` as `user`: the modal it opens. */
async function openTool(tool: string, user = ADMIN) {
  return (await openModalBy(t, user, `quantri ${tool}`, CHANNEL)).view;
}

/** Opens the report as `user` and submits the demo's full answers: the text the modal was replaced by. */
async function report(user: string, overrides: Record<string, string> = {}): Promise<string> {
  await openModalBy(t, user, 'baocao Q1', CHANNEL);
  const reply = await t.driver.submitView(user, answers(overrides));
  return textOf(resultOf(reply));
}

function versionsOf(code: string) {
  const row = t.bot.store.reports.find(q1().id, unit(code).id);
  return row ? t.bot.store.reports.versions(row.id) : [];
}

async function reply(user: string, text: string) {
  const sent = await t.driver.slashCommand(user, text, CHANNEL);
  return firstResponse(t.slack, sent.responseUrl);
}

describe('/thidua quantri: the Emulation Board’s tools', () => {
  it('shows an admin every tool as a button', async () => {
    t = await startTestBot();
    const menu = await reply(ADMIN, 'quantri');
    expect(validateBlocks((menu.blocks as unknown[]) ?? [], 'message')).toEqual([]);
    expect(buttonValues(menu, ADMIN_OPEN)).toEqual(['officers', 'leads', 'extension', 'reopen', 'holiday', 'audit', 'organisation_file']);
    expect(textOf(menu)).toContain('Quản trị thi đua');
  });

  it('an admin adds an officer, who is told by DM and then reports for the unit; the log says so', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    t.slack.addUser({ id: NEWCOMER, name: 'newcomer', realName: 'Cán bộ mới' });
    pledge('STP');
    const form = await openTool('canbo');
    expect(validateView(form.view)).toEqual([]);
    const done = await t.driver.submitView(ADMIN, {
      [fields.change]: 'add',
      [fields.unit]: String(unit('STP').id),
      [fields.user]: NEWCOMER,
    });
    expect(textOf(resultOf(done))).toBe(
      `Đã giao <@${NEWCOMER}> làm cán bộ thi đua của Sở Tư pháp. Đã báo cho <@${NEWCOMER}> bằng tin nhắn riêng.`,
    );
    await t.bot.idle();
    expect(textOf(t.slack.dmsTo(NEWCOMER).at(-1)!)).toContain('đã giao đồng chí làm cán bộ thi đua của Sở Tư pháp, UBND tỉnh Vĩnh Phúc');

    expect(await report(NEWCOMER)).toContain('Đã nộp báo cáo Quý I của Sở Tư pháp');
    expect(versionsOf('STP').map((version) => [version.submittedBy, version.late])).toEqual([[NEWCOMER, false]]);

    const log = await reply(ADMIN, 'quantri nhatky STP');
    const lines = textOf(log);
    expect(lines).toContain(`<@${ADMIN}> (quản trị viên): giao <@${NEWCOMER}> làm cán bộ thi đua — Sở Tư pháp`);
    expect(lines).toContain(`<@${NEWCOMER}>: nộp báo cáo Quý I — Sở Tư pháp`);
  });

  it('a form answered wrongly gets its errors field by field and changes nothing', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    await openTool('canbo');
    const refused = await t.driver.submitView(ADMIN, {
      [fields.change]: 'remove',
      [fields.unit]: String(unit('STP').id),
      [fields.user]: TT,
    });
    expect(refused.body).toEqual({
      response_action: 'errors',
      errors: { [fields.user]: 'Người này không phải cán bộ thi đua của đơn vị đã chọn.' },
    });
    await openTool('giahan');
    const past = await t.driver.submitView(ADMIN, {
      [fields.unit]: String(unit('TT').id),
      [fields.date]: '2021-04-01',
      [fields.reason]: '',
    });
    expect(past.body).toEqual({
      response_action: 'errors',
      errors: { [fields.date]: 'Thời điểm này đã qua; chọn thời điểm sau bây giờ.', [fields.reason]: 'Chưa chọn hoặc chưa ghi.' },
    });
    expect(t.bot.store.structure.membershipOf(TT)?.unit.code).toBe('TT');
    expect(t.bot.store.dues.extensions(q1().id).size).toBe(0);
  });

  it('an admin extends a unit’s due with a reason: that unit reports on time after the period’s due, another is late', async () => {
    t = await startTestBot({ now: AFTER_DUE });
    pledge('TT');
    pledge('STP');
    const form = await openTool('giahan');
    expect(validateView(form.view)).toEqual([]);
    const done = await t.driver.submitView(ADMIN, {
      [fields.unit]: String(unit('TT').id),
      [fields.period]: String(q1().id),
      [fields.date]: '2021-04-20',
      [fields.time]: '17:00',
      [fields.reason]: 'Đơn vị đang kiện toàn bộ máy, có công văn số 12/TTr',
    });
    expect(textOf(resultOf(done))).toBe(`Đã gia hạn nộp báo cáo Quý I của Thanh tra tỉnh đến 20/04/2021 17:00. Đã báo cho <@${TT}>.`);
    await t.bot.idle();
    expect(textOf(t.slack.dmsTo(TT).at(-1)!)).toContain(
      'Báo cáo Quý I của Thanh tra tỉnh được gia hạn nộp đến 20/04/2021 17:00. Lý do: “Đơn vị đang kiện toàn bộ máy, có công văn số 12/TTr”.',
    );

    const deadlines = textOf(await reply(TT, 'hanchot'));
    expect(deadlines).toContain('20/04/2021 17:00');

    await report(TT);
    await report(STP);
    expect(versionsOf('TT').map((version) => version.late)).toEqual([false]);
    expect(versionsOf('STP').map((version) => version.late)).toEqual([true]);

    const log = textOf(await reply(ADMIN, 'quantri nhatky Thanh tra'));
    expect(log).toContain(
      'gia hạn nộp báo cáo Quý I đến 20/04/2021 17:00: “Đơn vị đang kiện toàn bộ máy, có công văn số 12/TTr” — Thanh tra tỉnh',
    );
  });

  it('nudges follow an extended due: the unit is not overdue after the period’s due, and is reminded before its own', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    for (const code of ['TT', 'CA', 'VKS', 'TAND', 'STP', 'BCHQS', 'CTHADS']) pledge(code);
    await openTool('giahan');
    await t.driver.submitView(ADMIN, {
      [fields.unit]: String(unit('TT').id),
      [fields.period]: String(q1().id),
      [fields.date]: '2021-04-20',
      [fields.reason]: 'Kiện toàn bộ máy',
    });
    await t.bot.idle();
    const pass = async (instant: string) => {
      t.clock.set(new Date(instant));
      await runSchedulerPass(t.bot.deps, t.clock.now());
      await t.bot.deps.delivery.drain();
    };
    const dmsBefore = t.slack.dmsTo(TT).length;
    // Monday 12/04 08:00: the block's overdue nudge names the late units, not TT.
    await pass('2021-04-12T08:00:00+07:00');
    const overdue = t.slack.messagesIn(CHANNEL).at(-1)!;
    expect(textOf(overdue)).toContain('Sở Tư pháp');
    expect(textOf(overdue)).not.toContain('Thanh tra tỉnh');
    expect(t.slack.dmsTo(TT)).toHaveLength(dmsBefore);
    // Monday 19/04 08:00, a day before its own due: TT is reminded, by DM only.
    const posts = t.slack.messagesIn(CHANNEL).length;
    await pass('2021-04-19T08:00:00+07:00');
    expect(t.slack.dmsTo(TT).at(-1)!.text).toBe(
      '⏰ Còn 1 ngày đến hạn nộp báo cáo Quý I (17:00 ngày 20/04/2021). Thanh tra tỉnh chưa nộp báo cáo.',
    );
    expect(
      t.slack
        .messagesIn(CHANNEL)
        .slice(posts)
        .map((message) => textOf(message)),
    ).not.toContainEqual(expect.stringContaining('Thanh tra tỉnh'));
  });

  it('an admin reopens a locked report: the unit changes it directly, without the lead’s approval, and hanchot says it is reopened', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    pledge('STP');
    await report(STP);
    t.clock.set(AFTER_DUE);
    // Locked: a change now goes to the lead as a request.
    const locked = await openModalBy(t, STP, 'baocao Q1', CHANNEL);
    expect(textOf(locked.view.view)).toContain('Trưởng khối');

    await openTool('molai');
    const done = await t.driver.submitView(ADMIN, {
      [fields.unit]: String(unit('STP').id),
      [fields.period]: String(q1().id),
      [fields.date]: '2021-04-15',
      [fields.time]: '17:00',
      [fields.reason]: 'Sai số liệu tiêu chí 1',
    });
    expect(textOf(resultOf(done))).toContain('Đã mở lại báo cáo Quý I của Sở Tư pháp đến 15/04/2021 17:00');
    await t.bot.idle();

    // hanchot no longer files the report under “Đã xong”: it says it is reopened, with a button to change it.
    const dues = await reply(STP, 'hanchot');
    expect(textOf(dues)).toContain('— Đã nộp 08/04/2021; đã mở lại để đơn vị sửa đến 15/04/2021 17:00');
    expect(textOf(dues)).not.toMatch(/Đã xong:[^\n]*Báo cáo Quý I/);
    expect(textOf(dues)).toContain('Sửa báo cáo');
    // A period not open yet says when it opens, with no button that would only say so.
    expect(textOf(dues)).toContain('*Báo cáo 6 tháng đầu năm* — hạn 10/07/2021 17:00 (còn 89 ngày) — Chưa mở (mở từ 21/06/2021 00:00)');
    expect((dues.blocks as { accessory?: unknown }[]).filter((block) => block.accessory)).toHaveLength(1);

    expect(await report(STP, { [valueBlock('1')]: '99' })).toContain('Đã lưu báo cáo Quý I của Sở Tư pháp (bản 2)');
    expect(versionsOf('STP').map((version) => version.status)).toEqual(['accepted', 'accepted']);

    const log = textOf(await reply(ADMIN, 'quantri nhatky STP'));
    expect(log).toContain('mở lại báo cáo Quý I đến 15/04/2021 17:00: “Sai số liệu tiêu chí 1” — Sở Tư pháp');
  });

  it('reads the log through its form, filtered and a page at a time', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    for (let index = 0; index < 12; index += 1)
      t.bot.store.audit.record({
        at: new Date(BEFORE_DUE.getTime() - index * 60_000),
        actorUserId: CA,
        actingAsAdmin: false,
        action: 'report.nudged',
        entityType: 'unit',
        entityId: unit('TT').id,
        unitId: unit('TT').id,
        details: { period: 'Q1', year: 2021 },
      });
    await openTool('nhatky');
    const first = await t.driver.submitView(ADMIN, { [fields.unit]: String(unit('TT').id), [fields.date]: '2021-04-08' });
    const page = (first.body as { view: Record<string, unknown> }).view;
    expect(validateView(page)).toEqual([]);
    expect(textOf(page)).toContain('đơn vị: Thanh tra tỉnh · từ 08/04/2021 · 12 mục');
    expect(textOf(page)).toContain('Trang 1/2');
    const open = t.slack.openViewOf(ADMIN)!;
    await t.driver.pressButton({
      userId: ADMIN,
      actionId: adminIds.auditNext,
      value: buttonValues(page, adminIds.auditNext)[0]!,
      in: { view: open },
    });
    await t.bot.idle();
    expect(textOf(t.slack.openViewOf(ADMIN)!.view)).toContain('Trang 2/2');
  });

  it('says in words how to write a date the log filter could not read', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    const answer = textOf(await reply(ADMIN, 'quantri nhatky 32/13/2021'));
    expect(answer).toContain('Ngày ghi ngày/tháng/năm, ví dụ 15/03/2021; người ghi dạng @tên.');
    expect(answer).not.toMatch(/dd\/MM|yyyy/);
  });

  it('refuses someone who is not an admin every tool, every button and every form, and changes nothing', async () => {
    t = await startTestBot({ now: AFTER_DUE });
    const refusal = 'Chỉ quản trị viên (Ban Thi đua – Khen thưởng) mới dùng được công cụ này; chưa có thay đổi nào.';
    for (const typed of ['quantri', 'quantri canbo', 'admin extend', 'quantri nhatky STP'])
      expect(textOf(await reply(CA, typed)), typed).toBe(refusal);

    for (const tool of ['officers', 'leads', 'extension', 'reopen', 'holiday', 'audit', 'organisation_file']) {
      const opens = t.slack.callsTo('views.open').length;
      const pressed = await t.driver.pressButton({
        userId: CA,
        actionId: ADMIN_OPEN,
        value: tool,
        in: { ephemeral: { channel: CHANNEL, blocks: [] } },
      });
      expect(textOf(await firstResponse(t.slack, pressed.responseUrl!)), tool).toBe(refusal);
      expect(t.slack.callsTo('views.open').length).toBe(opens);
    }

    // Forms opened by an admin and submitted by someone else (a forged submission) are refused too.
    const forms: [string, Record<string, string>][] = [
      ['canbo', { [fields.change]: 'add', [fields.unit]: String(unit('STP').id), [fields.user]: CA }],
      [
        'giahan',
        { [fields.unit]: String(unit('TT').id), [fields.period]: String(q1().id), [fields.date]: '2021-04-20', [fields.reason]: 'x' },
      ],
      [
        'molai',
        { [fields.unit]: String(unit('TT').id), [fields.period]: String(q1().id), [fields.date]: '2021-04-20', [fields.reason]: 'x' },
      ],
      ['ngaynghi', { [fields.date]: '2021-04-13' }],
      ['nhatky', {}],
    ];
    for (const [tool, answers] of forms) {
      const form = await openTool(tool);
      const submitted = await t.driver.submitView(CA, answers, form.id);
      expect(textOf((submitted.body as { view: Record<string, unknown> }).view), tool).toContain(refusal);
    }
    const leadsPick = await reply(ADMIN, 'quantri truongkhoi');
    const [firstBlock] = buttonValues(leadsPick, ADMIN_OPEN);
    const opens = t.slack.callsTo('views.open').length;
    await t.driver.pressButton({
      userId: ADMIN,
      actionId: ADMIN_OPEN,
      value: firstBlock!,
      in: { ephemeral: { channel: CHANNEL, blocks: [] } },
    });
    await t.slack.waitFor(() => t.slack.callsTo('views.open').length > opens, 5000, 'the leads form');
    const leads = await t.driver.submitView(CA, { [fields.lead]: String(unit('TT').id) }, t.slack.openViewOf(ADMIN)!.id);
    expect(textOf((leads.body as { view: Record<string, unknown> }).view)).toContain(refusal);

    expect(t.bot.store.structure.membershipOf(CA)?.unit.code).toBe('CA');
    expect(t.bot.store.dues.extensions(q1().id).size).toBe(0);
    expect(t.bot.store.organisation.holidays().has('2021-04-13')).toBe(false);
    expect(t.bot.store.structure.blockYear(2021, t.bot.store.structure.blockByCode('NOI_CHINH')!.id)?.lead?.code).toBe('CA');
    expect(t.bot.store.audit.count({})).toBe(0);
  });

  it('an admin sets a block’s lead and deputy for the year, and the block’s channel is told', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    const pick = await reply(ADMIN, 'quantri truongkhoi');
    const block = t.bot.store.structure.blockByCode('NOI_CHINH')!;
    expect(buttonValues(pick, ADMIN_OPEN)).toContain(`leads:${block.id}`);
    const opens = t.slack.callsTo('views.open').length;
    await t.driver.pressButton({
      userId: ADMIN,
      actionId: ADMIN_OPEN,
      value: `leads:${block.id}`,
      in: { ephemeral: { channel: CHANNEL, blocks: [] } },
    });
    await t.slack.waitFor(() => t.slack.callsTo('views.open').length > opens, 5000, 'the leads form');
    const done = await t.driver.submitView(ADMIN, { [fields.lead]: String(unit('STP').id), [fields.deputy]: String(unit('TT').id) });
    expect(textOf(resultOf(done))).toBe(
      'Khối thi đua Nội chính, năm 2021: Trưởng khối là Sở Tư pháp, Phó khối là Thanh tra tỉnh. Kênh của khối đã được thông báo.',
    );
    await t.bot.idle();
    expect(t.bot.store.structure.blockYear(2021, block.id)?.lead?.code).toBe('STP');
    expect(textOf(t.slack.messagesIn(CHANNEL).at(-1)!)).toContain('Trưởng khối năm 2021 là Sở Tư pháp, Phó khối là Thanh tra tỉnh');
  });

  it('an admin adds a holiday', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    await openTool('ngaynghi');
    const done = await t.driver.submitView(ADMIN, { [fields.date]: '2021-04-13', [fields.holidayName]: 'Nghỉ bù' });
    expect(textOf(resultOf(done))).toContain('Đã thêm ngày nghỉ 13/04/2021 (Nghỉ bù)');
    expect(t.bot.store.organisation.holidays().has('2021-04-13')).toBe(true);
    expect(textOf(await reply(ADMIN, 'quantri nhatky 08/04/2021'))).toContain('thêm ngày nghỉ 13/04/2021 (Nghỉ bù)');
  });

  it.each([
    ['help', 'quantri nhatky', 'Nhật ký'],
    ['ngonngu en', 'admin log', 'Audit log'],
  ])('the help’s example of the audit log (after `%s`) works on the demo', async (language, command, title) => {
    t = await startTestBot({ now: BEFORE_DUE });
    await reply(ADMIN, language);
    const help = textOf(await reply(ADMIN, 'help'));
    const example = help.match(new RegExp(`\`/thidua (${command} [^\`]+)\``))?.[1];
    expect(example).toBeDefined();
    const log = textOf(await reply(ADMIN, example!));
    expect(log).toContain(title);
    expect(log).not.toMatch(/Không có đơn vị|There is no unit/);
  });

  it.each([
    ['tiendo', 'tiendo'],
    ['xephang Q1', 'xephang'],
    ['giaouoc', 'giaouoc'],
    ['xephang nam', 'xephang nam'],
  ])('gives an admin outside every block the blocks as buttons with their progress for `%s`', async (typed, shownAs) => {
    t = await startTestBot({ now: AFTER_DUE });
    pledge('STP');
    const picker = await reply(ADMIN, typed);
    expect(validateBlocks((picker.blocks as unknown[]) ?? [], 'message')).toEqual([]);
    const shown = textOf(picker);
    expect(shown).toContain(`Tài khoản quản trị không thuộc khối nào: chọn khối để xem \`/thidua ${shownAs}\`.`);
    expect(shown).toContain('Khối thi đua Nội chính');
    expect(shown).toContain('Khối thi đua Văn hóa – Xã hội');
    expect(shown).toContain('1/7');
    const values = buttonValues(picker, BLOCK_PICK);
    expect(values.map((value) => JSON.parse(value).block)).toEqual(['NOI_CHINH', 'VH_XH']);

    const pressed = await t.driver.pressButton({
      userId: ADMIN,
      actionId: BLOCK_PICK,
      value: values[0]!,
      in: { ephemeral: { channel: CHANNEL, blocks: [] } },
    });
    const answer = textOf(await firstResponse(t.slack, pressed.responseUrl!));
    expect(answer).toContain('Khối thi đua Nội chính');
    expect(answer).not.toContain('chọn khối để xem');
    // Someone who is not an admin gets no buttons: told which block to name.
    expect(buttonValues(await reply(STP, typed), BLOCK_PICK)).toEqual([]);
  });

  it('keeps the words an admin typed after the block is picked: `tieuchi cai cach` shows the block’s table filtered, not the picker again', async () => {
    t = await startTestBot({ now: AFTER_DUE });
    const picker = await reply(ADMIN, 'tieuchi cai cach');
    const pressed = await t.driver.pressButton({
      userId: ADMIN,
      actionId: BLOCK_PICK,
      value: buttonValues(picker, BLOCK_PICK)[0]!,
      in: { ephemeral: { channel: CHANNEL, blocks: [] } },
    });
    const answer = textOf(await firstResponse(t.slack, pressed.responseUrl!));
    expect(answer).toContain('Tiêu chí chấm điểm năm 2021 — Khối thi đua Nội chính');
    expect(answer).toContain('Lọc theo “cai cach”: 1/13 tiêu chí.');
    expect(answer).not.toContain('chọn khối để xem');
  });

  it('summarises in the block list the period the admin named, not the one in focus', async () => {
    t = await startTestBot({ now: AFTER_DUE });
    const focus = textOf(await reply(ADMIN, 'tiendo'));
    expect(focus).toContain('báo cáo Quý I (hạn 10/04/2021)');
    const named = textOf(await reply(ADMIN, 'tiendo 6 thang'));
    expect(named).toContain('báo cáo 6 tháng đầu năm (hạn 10/07/2021): đã nộp 0/');
    expect(named).not.toContain('Quý I');
  });
});
