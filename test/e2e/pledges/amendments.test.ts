import { afterEach, describe, expect, it } from 'vitest';
import { CHANGE_REQUEST_APPROVE, CHANGE_REQUEST_REASON_BLOCK, CHANGE_REQUEST_REJECT } from '../../../src/views/ids';
import { firstResponse, responsesTo, type TestBot, textOf } from '../../support/bot';
import { updatedViewOf } from '../../support/interactions';
import { generatedOrganisationYaml, officerOf } from '../../support/organisations';
import {
  ADMIN,
  AFTER_DUE,
  answers,
  buttonValue,
  CA,
  CA2,
  CHANNEL,
  channelTexts,
  hasButtons,
  openModal,
  pledgeOf,
  resultText,
  settle,
  sign,
  startPledgeBot,
  TT,
  targetBlock,
} from './support';

/** After the pledge due: amendments asked of the block lead (or the admins), approved, rejected, withdrawn; late signatures. */
let t: TestBot;
afterEach(async () => {
  await t?.close();
});

describe('after the pledge due', () => {
  async function requestAmendment(user: string, overrides: Record<string, string | string[]>) {
    const { view } = await openModal(user);
    // The local Slack replaces the view in place once submitted: keep what was shown.
    const shown = structuredClone(view.view);
    const reply = await t.driver.submitView(user, answers(overrides), view.id);
    return { view: { ...view, view: shown }, reply };
  }

  it('turns a change into a request the block lead approves; the approved version is in force', async () => {
    t = await startPledgeBot();
    await sign(TT);
    t.clock.set(AFTER_DUE);
    // An amendment says why: the last page asks it, and an empty reason is refused beside the field, nothing stored.
    await openModal(TT);
    const missing = await t.driver.submitView(TT, answers({ [targetBlock('1')]: '100', unit_change_reason: '' }));
    expect(missing.body).toEqual({ response_action: 'errors', errors: { unit_change_reason: 'Cần nêu lý do điều chỉnh.' } });
    expect(pledgeOf('TT').versions).toHaveLength(1);
    const { view, reply } = await requestAmendment(TT, { [targetBlock('1')]: '100', pledge_titles: ['Cờ thi đua của UBND tỉnh'] });
    expect(textOf(view.view)).toContain(
      'Đã quá hạn ký giao ước (31/03/2021 17:00): thay đổi sẽ thành đề nghị sửa đổi gửi Trưởng khối (Công an tỉnh) duyệt',
    );
    expect(resultText(reply)).toContain('Đã gửi đề nghị sửa đổi giao ước tới Trưởng khối (Công an tỉnh) duyệt.');
    let state = pledgeOf('TT');
    expect(state.versions.map((version) => [version.version, version.status, version.changeReason])).toEqual([
      [1, 'accepted', null],
      [2, 'pending', 'Điều chỉnh theo kế hoạch công tác mới'],
    ]);
    expect(state.inForce!.version).toBe(1);

    // Every officer of the lead unit gets the request with the diff and the buttons.
    // Copies: chat.update redraws the local Slack's messages in place, and a stale copy is pressed later.
    const [dm, dm2] = structuredClone(
      await t.slack.waitFor(
        () => (t.slack.dmsTo(CA).length && t.slack.dmsTo(CA2).length ? [t.slack.dmsTo(CA)[0]!, t.slack.dmsTo(CA2)[0]!] : undefined),
        5000,
        'the lead officers’ DMs',
      ),
    );
    const request = textOf(dm!);
    expect(request).toContain('*Đề nghị: Sửa đổi giao ước thi đua năm 2021* — Thanh tra tỉnh');
    expect(request).toContain('Người gửi: <@U0TT0001>, 05/04/2021 10:00');
    expect(request).toContain('• 1. Hoàn thành chỉ tiêu chuyên môn đã giao ước (%): 95 → 100');
    expect(request).toContain('• Danh hiệu đăng ký: thêm “Cờ thi đua của UBND tỉnh”; bỏ “Tập thể lao động xuất sắc”');
    expect(request).toContain('*Lý do điều chỉnh:* “Điều chỉnh theo kế hoạch công tác mới”');
    expect(request).not.toContain('9. Số vụ việc');
    expect(buttonValue(dm!, CHANGE_REQUEST_APPROVE)).toBe(`pledge:${state.versions[1]!.id}`);
    expect(t.slack.dmsTo(TT)).toEqual([]);
    expect(t.slack.dmsTo(ADMIN)).toEqual([]);

    // Someone who is not the lead cannot decide.
    const outsider = await t.driver.pressButton({
      userId: 'U0VKS001',
      actionId: CHANGE_REQUEST_APPROVE,
      value: buttonValue(dm!, CHANGE_REQUEST_APPROVE),
      in: { message: dm! },
    });
    expect(textOf(await firstResponse(t.slack, outsider.responseUrl!))).toContain(
      'Chỉ cán bộ của đơn vị Trưởng khối (Công an tỉnh) hoặc quản trị viên mới duyệt được đề nghị này.',
    );
    expect(pledgeOf('TT').versions[1]!.status).toBe('pending');

    t.clock.advance(30 * 60 * 1000);
    await t.driver.pressButton({
      userId: CA2,
      actionId: CHANGE_REQUEST_APPROVE,
      value: buttonValue(dm2!, CHANGE_REQUEST_APPROVE),
      in: { message: dm2! },
    });
    const outcome = await t.slack.waitFor(() => t.slack.dmsTo(TT)[0], 5000, 'the outcome DM');
    expect(textOf(outcome)).toBe(
      '✅ Đề nghị “Sửa đổi giao ước thi đua năm 2021” của Thanh tra tỉnh đã được <@U0CA0002> duyệt lúc 05/04/2021 10:30; bản sửa đổi có hiệu lực từ nay.\nLý do điều chỉnh đơn vị đã nêu: “Điều chỉnh theo kế hoạch công tác mới”.',
    );
    state = pledgeOf('TT');
    expect(state.versions.map((version) => [version.version, version.status, version.decidedBy])).toEqual([
      [1, 'accepted', null],
      [2, 'accepted', CA2],
    ]);
    expect(state.inForce!.version).toBe(2);
    expect(state.inForce!.titlesSought).toEqual(['Cờ thi đua của UBND tỉnh']);

    // Both leads' DMs lose their buttons and say who decided.
    await t.slack.waitFor(() => t.slack.dmsTo(CA)[0]!.edited && t.slack.dmsTo(CA2)[0]!.edited, 5000, 'the DMs redrawn');
    for (const message of [t.slack.dmsTo(CA)[0]!, t.slack.dmsTo(CA2)[0]!]) {
      expect(hasButtons(message)).toBe(false);
      expect(textOf(message)).toContain('✅ Đã duyệt: <@U0CA0002>, 05/04/2021 10:30.');
    }
    // A press on a stale copy is answered politely.
    const late = await t.driver.pressButton({
      userId: CA,
      actionId: CHANGE_REQUEST_APPROVE,
      value: buttonValue(dm!, CHANGE_REQUEST_APPROVE),
      in: { message: dm! },
    });
    expect(textOf(await firstResponse(t.slack, late.responseUrl!))).toBe(
      'Đề nghị này đã được xử lý bởi <@U0CA0002> lúc 05/04/2021 10:30 (đã duyệt).',
    );
    expect(t.bot.store.audit.all().map((entry) => [entry.action, entry.actorUserId, entry.actingAsAdmin])).toEqual([
      ['pledge.signed', TT, false],
      ['pledge.amendment_requested', TT, false],
      ['pledge.amendment_approved', CA2, false],
    ]);
    expect(t.bot.store.audit.all()[1]!.details).toMatchObject({ reason: 'Điều chỉnh theo kế hoạch công tác mới' });
    expect(t.bot.store.audit.all()[2]!.details).toMatchObject({
      versionId: state.versions[1]!.id,
      changes: expect.arrayContaining(['1. Hoàn thành chỉ tiêu chuyên môn đã giao ước (%): 95 → 100']),
    });
  });

  it('draws a form opened before the due and submitted after it again as an amendment asking why, with what was entered kept; nothing stored until then', async () => {
    t = await startPledgeBot();
    await sign(TT);
    const { view } = await openModal(TT);
    t.clock.set(AFTER_DUE);
    const entered = {
      [targetBlock('1')]: '100',
      [targetBlock('9')]: '1',
      pledge_titles: ['Cờ thi đua của UBND tỉnh'],
      pledge_commitments: 'Hoàn thành trước thời hạn các nhiệm vụ được giao',
    };
    const { text, inputs } = updatedViewOf(await t.driver.submitView(TT, answers(entered), view.id));
    expect(text).toContain(
      'Đã quá hạn ký giao ước (31/03/2021 17:00): thay đổi sẽ thành đề nghị sửa đổi gửi Trưởng khối (Công an tỉnh) duyệt',
    );
    expect(inputs.get('unit_change_reason')).toMatchObject({ label: 'Lý do điều chỉnh', initial: undefined });
    for (const [blockId, typed] of Object.entries(entered)) expect(inputs.get(blockId)?.initial).toEqual(typed);
    expect(inputs.get('pledge_sign')?.initial).toEqual(['signed']);
    expect(pledgeOf('TT').versions).toHaveLength(1);
    await settle();
    expect(t.slack.dmsTo(CA)).toEqual([]);

    const reply = await t.driver.submitView(TT, { unit_change_reason: 'Điều chỉnh theo kế hoạch công tác mới' }, view.id);
    expect(resultText(reply)).toContain('Đã gửi đề nghị sửa đổi giao ước tới Trưởng khối (Công an tỉnh) duyệt.');
    const pending = pledgeOf('TT').versions[1]!;
    expect([pending.status, pending.changeReason, pending.titlesSought, pending.commitments]).toEqual([
      'pending',
      'Điều chỉnh theo kế hoạch công tác mới',
      entered.pledge_titles,
      entered.pledge_commitments,
    ]);
    const request = textOf(await t.slack.waitFor(() => t.slack.dmsTo(CA)[0], 5000, "the lead's DM"));
    expect(request).toContain('• 1. Hoàn thành chỉ tiêu chuyên môn đã giao ước (%): 95 → 100');
    expect(request).toContain('*Lý do điều chỉnh:* “Điều chỉnh theo kế hoạch công tác mới”');
  });

  it('asks a reason for a rejection; the old version stays in force and history keeps both', async () => {
    t = await startPledgeBot();
    await sign(TT);
    t.clock.set(AFTER_DUE);
    await requestAmendment(TT, { [targetBlock('9')]: '5' });
    const dm = await t.slack.waitFor(() => t.slack.dmsTo(CA)[0], 5000, 'the request DM');
    await t.driver.pressButton({
      userId: CA,
      actionId: CHANGE_REQUEST_REJECT,
      value: buttonValue(dm, CHANGE_REQUEST_REJECT),
      in: { message: dm },
    });
    await t.slack.waitFor(() => t.slack.openViewOf(CA)?.view.callback_id === 'change_request_reason', 5000, 'the reason modal');
    expect(textOf(t.slack.openViewOf(CA)!.view)).toContain('9. Số vụ việc vi phạm, đơn thư tồn đọng (vụ việc): 2 → 5');
    // The decide modal shows the unit's reason beside the change it asks.
    expect(textOf(t.slack.openViewOf(CA)!.view)).toContain('*Lý do điều chỉnh:* “Điều chỉnh theo kế hoạch công tác mới”');

    const empty = await t.driver.submitView(CA, { [CHANGE_REQUEST_REASON_BLOCK]: '  ' });
    expect(empty.body).toEqual({ response_action: 'errors', errors: { [CHANGE_REQUEST_REASON_BLOCK]: 'Cần nêu lý do từ chối.' } });
    expect(pledgeOf('TT').versions[1]!.status).toBe('pending');

    const done = await t.driver.submitView(CA, { [CHANGE_REQUEST_REASON_BLOCK]: 'Mức trần phải giữ như đã giao ước.' });
    expect(resultText(done)).toContain(
      'Đã từ chối đề nghị “Sửa đổi giao ước thi đua năm 2021” của Thanh tra tỉnh; <@U0TT0001> đã được báo kết quả và lý do.',
    );
    const outcome = await t.slack.waitFor(() => t.slack.dmsTo(TT)[0], 5000, 'the outcome DM');
    expect(textOf(outcome)).toBe(
      'Đề nghị “Sửa đổi giao ước thi đua năm 2021” của Thanh tra tỉnh đã bị <@U0CA0001> từ chối lúc 05/04/2021 10:00. Lý do: “Mức trần phải giữ như đã giao ước.” Bản đang có hiệu lực giữ nguyên.\nLý do điều chỉnh đơn vị đã nêu: “Điều chỉnh theo kế hoạch công tác mới”.',
    );
    const state = pledgeOf('TT');
    expect(state.versions.map((version) => [version.version, version.status, version.decisionReason])).toEqual([
      [1, 'accepted', null],
      [2, 'rejected', 'Mức trần phải giữ như đã giao ước.'],
    ]);
    expect(state.inForce!.version).toBe(1);
    expect([...state.inForce!.targets.values()]).toEqual([95, 2]);
    await t.slack.waitFor(() => t.slack.dmsTo(CA)[0]!.edited && t.slack.dmsTo(CA2)[0]?.edited, 5000, 'the DMs redrawn');
    expect(hasButtons(t.slack.dmsTo(CA2)[0]!)).toBe(false);
    expect(textOf(t.slack.dmsTo(CA2)[0]!)).toContain(
      'Đã từ chối: <@U0CA0001>, 05/04/2021 10:00. Lý do: “Mức trần phải giữ như đã giao ước.”',
    );
    expect(t.bot.store.audit.all().map((entry) => entry.action)).toEqual([
      'pledge.signed',
      'pledge.amendment_requested',
      'pledge.amendment_rejected',
    ]);

    // A second amendment, approved, sits in history beside the rejected one.
    await requestAmendment(TT, { [targetBlock('1')]: '97' });
    const second = await t.slack.waitFor(() => t.slack.dmsTo(CA)[1], 5000, 'the second request');
    await t.driver.pressButton({
      userId: CA,
      actionId: CHANGE_REQUEST_APPROVE,
      value: buttonValue(second, CHANGE_REQUEST_APPROVE),
      in: { message: second },
    });
    await t.slack.waitFor(() => t.slack.dmsTo(TT).length === 2, 5000, 'the second outcome');
    expect(pledgeOf('TT').versions.map((version) => [version.version, version.status])).toEqual([
      [1, 'accepted'],
      [2, 'rejected'],
      [3, 'accepted'],
    ]);
    expect(textOf(second)).toContain('1. Hoàn thành chỉ tiêu chuyên môn đã giao ước (%): 95 → 97');
  });

  it('replaces a pending request with a newer one, and withdraws it when the form goes back to the pledge in force', async () => {
    t = await startPledgeBot();
    await sign(TT);
    t.clock.set(AFTER_DUE);
    await requestAmendment(TT, { [targetBlock('1')]: '100' });
    const first = structuredClone(await t.slack.waitFor(() => t.slack.dmsTo(CA)[0], 5000, 'the first request'));
    const { view, reply } = await requestAmendment(TT, { [targetBlock('1')]: '98' });
    expect(textOf(view.view)).toContain('Đã điền sẵn đề nghị sửa đổi đang chờ duyệt (gửi 05/04/2021 10:00, <@U0TT0001>)');
    expect(resultText(reply)).toContain('Đã gửi đề nghị sửa đổi');
    expect(pledgeOf('TT').versions.map((version) => version.status)).toEqual(['accepted', 'withdrawn', 'pending']);
    await t.slack.waitFor(() => t.slack.dmsTo(CA)[0]!.edited, 5000, 'the old request redrawn');
    expect(textOf(t.slack.dmsTo(CA)[0]!)).toContain('Người đề nghị đã rút lại hoặc thay bằng đề nghị mới hơn (05/04/2021 10:00).');
    const stale = await t.driver.pressButton({
      userId: CA,
      actionId: CHANGE_REQUEST_APPROVE,
      value: buttonValue(first, CHANGE_REQUEST_APPROVE),
      in: { message: first },
    });
    expect(textOf(await firstResponse(t.slack, stale.responseUrl!))).toContain('(đã rút lại hoặc thay bằng đề nghị mới hơn)');

    const same = await requestAmendment(TT, { [targetBlock('1')]: '98' });
    expect(resultText(same.reply)).toContain('Không có thay đổi nào so với đề nghị sửa đổi đang chờ duyệt');
    const back = await requestAmendment(TT, { [targetBlock('1')]: '95' });
    expect(resultText(back.reply)).toContain('đã rút đề nghị sửa đổi đang chờ duyệt');
    expect(pledgeOf('TT').versions.map((version) => version.status)).toEqual(['accepted', 'withdrawn', 'withdrawn']);
    expect(pledgeOf('TT').inForce!.version).toBe(1);
  });

  it('sends the lead unit’s own amendment to the deputy (Thanh tra tỉnh), who decides it; the lead’s own officers may not', async () => {
    t = await startPledgeBot();
    await sign(CA);
    t.clock.set(AFTER_DUE);
    const { reply } = await requestAmendment(CA2, { [targetBlock('1')]: '100' });
    expect(resultText(reply)).toContain('tới Phó Trưởng khối (Thanh tra tỉnh) duyệt');
    const dm = await t.slack.waitFor(() => t.slack.dmsTo(TT)[0], 5000, 'the deputy’s DM');
    await settle();
    expect(t.slack.dmsTo(CA)).toEqual([]);
    expect(t.slack.dmsTo(ADMIN)).toEqual([]);
    const own = await t.driver.pressButton({
      userId: CA,
      actionId: CHANGE_REQUEST_APPROVE,
      value: buttonValue(dm, CHANGE_REQUEST_APPROVE),
      in: { message: dm },
    });
    expect(textOf(await firstResponse(t.slack, own.responseUrl!))).toContain(
      'Chỉ cán bộ của đơn vị Phó Trưởng khối (Thanh tra tỉnh) hoặc quản trị viên mới duyệt được',
    );
    await t.driver.pressButton({
      userId: TT,
      actionId: CHANGE_REQUEST_APPROVE,
      value: buttonValue(dm, CHANGE_REQUEST_APPROVE),
      in: { message: dm },
    });
    await t.slack.waitFor(() => t.slack.dmsTo(CA2)[0], 5000, 'the outcome');
    expect(pledgeOf('CA').inForce!.version).toBe(2);
    expect(t.bot.store.audit.all().at(-1)).toMatchObject({ action: 'pledge.amendment_approved', actorUserId: TT, actingAsAdmin: false });
  });

  it('sends requests to the admins when the block has no lead this year', async () => {
    t = await startPledgeBot({ organisationYaml: generatedOrganisationYaml({ units: 3, targets: 1, lead: false }) });
    const user = officerOf(2);
    const target = `pledge_target_${t.bot.store.structure.criteria(2021, t.bot.store.structure.blockByCode('LON')!.id)[0]!.id}`;
    await openModal(user);
    await t.driver.submitView(user, { [target]: '90', pledge_titles: ['Tập thể lao động tiên tiến'], pledge_sign: ['signed'] });
    t.clock.set(AFTER_DUE);
    await openModal(user);
    await t.driver.submitView(user, { [target]: '95', pledge_sign: ['signed'], unit_change_reason: 'Giao thêm nhiệm vụ' });
    const dm = await t.slack.waitFor(() => t.slack.dmsTo(ADMIN)[0], 5000, 'the admin DM');
    expect(textOf(dm)).toContain('C1. Chỉ tiêu chuyên môn số 1 (%): 90 → 95');
    await settle();
    expect(t.slack.dmsTo(officerOf(1))).toEqual([]);
  });

  it('accepts a first signature after the due, marked late', async () => {
    t = await startPledgeBot();
    t.clock.set(AFTER_DUE);
    const { view } = await openModal('U0TP0001');
    expect(textOf(view.view)).toContain('Đã quá hạn ký giao ước (31/03/2021 17:00). Đơn vị chưa ký nên vẫn ký được');
    const reply = await t.driver.submitView('U0TP0001', answers());
    expect(resultText(reply)).toContain('Đã ký giao ước thi đua năm 2021 cho Sở Tư pháp (ký sau hạn).');
    expect(pledgeOf('STP').inForce!.status).toBe('accepted');
    await t.slack.waitFor(() => t.slack.messagesIn(CHANNEL).length === 1);
    expect(channelTexts()).toEqual(['Sở Tư pháp đã ký giao ước thi đua năm 2021 (sau hạn ký) — 1/7 đơn vị']);
    expect(t.bot.store.audit.all()[0]).toMatchObject({ action: 'pledge.signed', details: { late: true } });
  });

  it('lets an admin decide from the pledge table, where pending amendments are flagged', async () => {
    t = await startPledgeBot();
    await sign(TT);
    t.clock.set(AFTER_DUE);
    await requestAmendment(TT, { [targetBlock('1')]: '100' });
    // The lead's officers and admins see the buttons in the table; other officers only the flag.
    const officerView = await t.driver.slashCommand('U0VKS001', 'giaouoc', CHANNEL);
    const officerTable = await firstResponse(t.slack, officerView.responseUrl);
    expect(textOf(officerTable)).toContain('*Đề nghị sửa đổi chờ Trưởng khối duyệt* (gửi 05/04/2021 10:00, <@U0TT0001>):');
    expect(JSON.stringify(officerTable)).not.toContain(CHANGE_REQUEST_APPROVE);

    const reply = await t.driver.slashCommand(ADMIN, 'giaouoc noi chinh 2021', CHANNEL);
    const table = await firstResponse(t.slack, reply.responseUrl);
    expect(textOf(table)).toContain('1 đề nghị sửa đổi chờ duyệt');
    expect(textOf(table)).toContain('• 1. Hoàn thành chỉ tiêu chuyên môn đã giao ước (%): 95 → 100');
    expect(textOf(table)).toContain('*Lý do điều chỉnh:* “Điều chỉnh theo kế hoạch công tác mới”');
    const pressed = await t.driver.pressButton({
      userId: ADMIN,
      actionId: CHANGE_REQUEST_APPROVE,
      value: buttonValue(table, CHANGE_REQUEST_APPROVE),
      in: { ephemeral: { channel: CHANNEL, blocks: table.blocks as unknown[], responseUrl: reply.responseUrl } },
    });
    expect(pressed.status).toBe(200);
    await t.slack.waitFor(() => responsesTo(t.slack, reply.responseUrl).length === 2, 5000, 'the confirmation');
    expect(textOf(responsesTo(t.slack, reply.responseUrl)[1]!)).toContain(
      'Đã duyệt đề nghị “Sửa đổi giao ước thi đua năm 2021” của Thanh tra tỉnh; <@U0TT0001> đã được báo kết quả.',
    );
    expect(pledgeOf('TT').inForce!.version).toBe(2);
    expect(t.bot.store.audit.all().at(-1)).toMatchObject({ action: 'pledge.amendment_approved', actorUserId: ADMIN, actingAsAdmin: true });
    await t.slack.waitFor(() => t.slack.dmsTo(CA)[0]?.edited, 5000, 'the lead DM redrawn');
    expect(hasButtons(t.slack.dmsTo(CA)[0]!)).toBe(false);
  });
});
