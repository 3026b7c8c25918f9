import { afterEach, describe, expect, it } from 'vitest';
import { validateView } from '../../src/local-slack/block-kit-limits';
import { inputsOf } from '../../src/local-slack/view-state';
import {
  CHANGE_REQUEST_APPROVE,
  CHANGE_REQUEST_REASON_BLOCK,
  CHANGE_REQUEST_REJECT,
  PLEDGE_TABLE_NEXT,
  PLEDGE_TABLE_PREVIOUS,
} from '../../src/views/ids';
import { firstResponse, responsesTo, startTestBot, type TestBot, textOf } from '../support/bot';
import { resultOf } from '../support/interactions';
import { generatedOrganisationYaml, officerOf } from '../support/organisations';

/** The demo: Khối thi đua Nội chính, lead Công an tỉnh (U0CA0001, U0CA0002), pledge due 31/03/2021 17:00. */
const CA = 'U0CA0001';
const CA2 = 'U0CA0002';
const TT = 'U0TT0001';
const ADMIN = 'U0ADMIN01';
const NOI_CHINH_OFFICERS = ['U0TT0001', 'U0CA0001', 'U0VKS001', 'U0TA0001', 'U0TP0001', 'U0QS0001', 'U0THA001'];
const CHANNEL = 'C0NOICHINH';
/** 05/04/2021 10:00 in Hà Nội: after the pledge due. */
const AFTER_DUE = new Date('2021-04-05T03:00:00Z');

let t: TestBot;
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
afterEach(async () => {
  // Let handlers that answer after their ack (redrawing DMs) finish before the bot stops.
  await settle();
  await t?.close();
});

/** Types `/thidua <text>` and waits for the modal it opens; fails if none opens. */
async function openModal(user: string, text = 'dangky') {
  const before = t.slack.callsTo('views.open').length;
  const reply = await t.driver.slashCommand(user, text, CHANNEL);
  await t.slack.waitFor(() => t.slack.callsTo('views.open').length > before, 5000, `a modal for ${user}`);
  const call = t.slack.callsTo('views.open')[before]!;
  expect(call.ok, JSON.stringify(call)).toBe(true);
  return { reply, view: t.slack.openViewOf(user)! };
}

/** The block id of the demo's criterion with `code` (1: target, 9: lower_better). */
function targetBlock(code: string): string {
  const criterion = t.bot.store.structure
    .criteria(2021, t.bot.store.structure.blockByCode('NOI_CHINH')!.id)
    .find((row) => row.code === code)!;
  return `pledge_target_${criterion.id}`;
}

function answers(overrides: Record<string, string | string[]> = {}) {
  return {
    [targetBlock('1')]: '95',
    [targetBlock('9')]: '2',
    pledge_titles: ['Tập thể lao động xuất sắc'],
    pledge_sign: ['signed'],
    ...overrides,
  };
}

async function sign(user: string, overrides: Record<string, string | string[]> = {}) {
  await openModal(user);
  return t.driver.submitView(user, answers(overrides));
}

function pledgeOf(unitCode: string) {
  const unit = t.bot.store.structure.unitByCode(unitCode)!;
  const pledge = t.bot.store.pledges.find(2021, unit.id);
  return {
    pledge,
    versions: pledge ? t.bot.store.pledges.versions(pledge.id) : [],
    inForce: pledge ? t.bot.store.pledges.inForce(pledge.id) : undefined,
  };
}

const resultText = (reply: { body: unknown }) => textOf((reply.body as { view: Record<string, unknown> }).view);
const channelTexts = () => t.slack.messagesIn(CHANNEL).map((message) => textOf(message));
function buttonValue(message: { blocks?: unknown[] }, actionId: string): string {
  for (const block of (message.blocks ?? []) as { type: string; elements?: { action_id?: string; value?: string }[] }[]) {
    const button = block.elements?.find((element) => element.action_id === actionId);
    if (button?.value) return button.value;
  }
  throw new Error(`no ${actionId} button`);
}

const hasButtons = (message: { blocks?: unknown[] }) =>
  ((message.blocks ?? []) as { type: string }[]).some((block) => block.type === 'actions');

describe('signing the pledge', () => {
  it('opens a modal with one input per target criterion, stores the signature and announces it in the channel', async () => {
    t = await startTestBot();
    const { reply, view } = await openModal(CA, 'dangky 2021');
    const inputs = inputsOf(view.view);
    const targets = inputs.filter((input) => input.blockId.startsWith('pledge_target_'));
    expect(targets.map((input) => [input.blockId, input.label, input.hint, input.type, input.initial])).toEqual([
      [
        targetBlock('1'),
        '1. Hoàn thành chỉ tiêu chuyên môn đã giao ước (%)',
        'Chỉ tiêu phấn đấu (số lớn hơn 0)',
        'plain_text_input',
        undefined,
      ],
      [
        targetBlock('9'),
        '9. Số vụ việc vi phạm, đơn thư tồn đọng (vụ việc)',
        'Mức trần — không vượt quá (có thể là 0)',
        'plain_text_input',
        undefined,
      ],
    ]);
    const titles = inputs.find((input) => input.blockId === 'pledge_titles')!;
    expect(titles.type).toBe('checkboxes');
    expect(titles.choices.map((choice) => choice.text)).toEqual(t.bot.store.organisation.titles());
    expect(titles.choices.map((choice) => choice.text)).toContain('Cờ thi đua của UBND tỉnh');
    expect(inputs.find((input) => input.blockId === 'pledge_commitments')!.type).toBe('plain_text_input');
    expect(inputs.find((input) => input.blockId === 'pledge_sign')!.choices.map((choice) => choice.text)).toEqual([
      'Thay mặt đơn vị, tôi xác nhận ký giao ước thi đua năm 2021',
    ]);
    const shown = textOf(view.view);
    expect(shown).toContain('*Công an tỉnh* — Khối thi đua Nội chính, năm 2021');
    expect(shown).toContain('Đoàn kết, kỷ cương, đổi mới, sáng tạo');
    expect(shown).toContain('Hạn ký giao ước: 31/03/2021 17:00');
    expect(responsesTo(t.slack, reply.responseUrl)).toEqual([]);

    const submitted = await t.driver.submitView(CA, {
      [targetBlock('1')]: '1.234,5',
      [targetBlock('9')]: '0',
      pledge_titles: ['Cờ thi đua của UBND tỉnh', 'Tập thể lao động xuất sắc'],
      pledge_commitments: 'Hoàn thành xuất sắc nhiệm vụ được giao.',
      pledge_sign: ['signed'],
    });
    expect(submitted.status).toBe(200);
    expect(resultText(submitted)).toContain('Đã ký giao ước thi đua năm 2021 cho Công an tỉnh. Khối thi đua Nội chính: 1/7 đơn vị đã ký.');

    const { versions, inForce } = pledgeOf('CA');
    expect(versions).toHaveLength(1);
    expect(inForce).toMatchObject({
      version: 1,
      status: 'accepted',
      submittedBy: CA,
      actingAsAdmin: false,
      titlesSought: ['Cờ thi đua của UBND tỉnh', 'Tập thể lao động xuất sắc'],
      commitments: 'Hoàn thành xuất sắc nhiệm vụ được giao.',
    });
    expect(inForce!.submittedAt).toEqual(t.clock.now());
    expect(inForce!.targets.get(Number(targetBlock('1').split('_').at(-1)))).toBe(1234.5);
    expect(inForce!.targets.get(Number(targetBlock('9').split('_').at(-1)))).toBe(0);

    await t.slack.waitFor(() => t.slack.messagesIn(CHANNEL).length === 1, 5000, 'the channel line');
    expect(channelTexts()).toEqual(['Công an tỉnh đã ký giao ước thi đua năm 2021 — 1/7 đơn vị']);
    expect(t.bot.store.audit.all().map((entry) => [entry.action, entry.actorUserId, entry.actingAsAdmin])).toEqual([
      ['pledge.signed', CA, false],
    ]);

    // Opened again, the modal is filled in with the pledge in force, in Vietnamese notation.
    const again = await openModal(CA2);
    const prefilled = inputsOf(again.view.view);
    expect(prefilled.filter((input) => input.blockId.startsWith('pledge_target_')).map((input) => input.initial)).toEqual(['1.234,5', '0']);
    expect(prefilled.find((input) => input.blockId === 'pledge_titles')!.initial).toEqual([
      'Cờ thi đua của UBND tỉnh',
      'Tập thể lao động xuất sắc',
    ]);
    expect(prefilled.find((input) => input.blockId === 'pledge_commitments')!.initial).toBe('Hoàn thành xuất sắc nhiệm vụ được giao.');
    expect(prefilled.find((input) => input.blockId === 'pledge_sign')!.initial).toBeUndefined();
    expect(textOf(again.view.view)).toContain('Đã điền sẵn giao ước đang có hiệu lực (bản 1, 15/03/2021 08:00, <@U0CA0001>).');
  });

  it('before the due, an edit is a new version in force at once, with no second channel line; history keeps both', async () => {
    t = await startTestBot();
    await sign(CA);
    await t.slack.waitFor(() => t.slack.messagesIn(CHANNEL).length === 1);
    t.clock.advance(60 * 60 * 1000);
    const edited = await sign(CA2, { [targetBlock('1')]: '1234.5' });
    expect(resultText(edited)).toContain('Đã lưu giao ước của Công an tỉnh (bản 2); bản này có hiệu lực ngay');
    const unchanged = await sign(CA2, { [targetBlock('1')]: '1.234,5' });
    expect(resultText(unchanged)).toContain('Không có thay đổi nào so với giao ước đang có hiệu lực; chưa lưu gì.');

    const { versions, inForce } = pledgeOf('CA');
    expect(versions.map((version) => [version.version, version.status, version.submittedBy])).toEqual([
      [1, 'accepted', CA],
      [2, 'accepted', CA2],
    ]);
    expect(inForce!.version).toBe(2);
    expect([...inForce!.targets.values()]).toContain(1234.5);
    await settle();
    expect(channelTexts()).toEqual(['Công an tỉnh đã ký giao ước thi đua năm 2021 — 1/7 đơn vị']);
    expect(t.bot.store.audit.all().map((entry) => entry.action)).toEqual(['pledge.signed', 'pledge.updated']);
    expect(t.bot.store.audit.all()[1]!.details).toMatchObject({
      changes: ['1. Hoàn thành chỉ tiêu chuyên môn đã giao ước (%): 95 → 1.234,5'],
    });
  });

  it('posts the covenant summary exactly once when the last units sign together', async () => {
    t = await startTestBot();
    for (const officer of NOI_CHINH_OFFICERS.slice(0, 5)) await sign(officer);
    // The last two units submit at the same moment.
    await openModal('U0QS0001');
    await openModal('U0THA001');
    const [first, second] = await Promise.all([
      t.driver.submitView('U0QS0001', answers()),
      t.driver.submitView('U0THA001', answers({ pledge_titles: ['Cờ thi đua của UBND tỉnh'] })),
    ]);
    expect([resultText(first), resultText(second)].join('\n')).toMatch(/7\/7 đơn vị đã ký/);

    await t.slack.waitFor(() => t.slack.messagesIn(CHANNEL).length >= 8, 5000, 'seven lines and the covenant');
    await settle();
    const texts = channelTexts();
    expect(texts).toHaveLength(8);
    const lines = texts.filter((text) => text.includes('đã ký giao ước thi đua năm 2021 —'));
    expect(lines.map((line) => /— (\d)\/7 đơn vị$/.exec(line)?.[1]).sort()).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    const covenants = t.slack.messagesIn(CHANNEL).filter((message) => message.text.includes('đủ 7/7 đơn vị'));
    expect(covenants).toHaveLength(1);
    const covenant = textOf(covenants[0]!);
    expect(covenant).toContain('Giao ước thi đua năm 2021 — Khối thi đua Nội chính');
    expect(covenant).toContain('Đoàn kết, kỷ cương, đổi mới, sáng tạo, khát vọng phát triển');
    expect(covenant).toContain('Trưởng khối: Công an tỉnh · Phó khối: Thanh tra tỉnh');
    for (const unit of t.bot.store.structure.members(t.bot.store.structure.blockByCode('NOI_CHINH')!.id))
      expect(covenant).toContain(`*${unit.name}* — ký 15/03/2021 08:00`);
    expect(covenant).toContain('Danh hiệu: Cờ thi đua của UBND tỉnh');
    expect(covenant).toContain('1. Hoàn thành chỉ tiêu chuyên môn đã giao ước: 95%');
    expect(covenant).toContain('9. Số vụ việc vi phạm, đơn thư tồn đọng: không quá 2 vụ việc');
    expect(covenants[0]!.blocks!.length).toBeLessThanOrEqual(50);

    // An edit by a unit of the full block posts nothing more.
    await sign('U0THA001', { [targetBlock('1')]: '99' });
    await settle();
    expect(channelTexts()).toHaveLength(8);
    expect(t.bot.store.outbox.withKeyPrefix('pledge-covenant:')).toHaveLength(1);
  });

  it('answers per-field errors for a bad number and a missing signature, and stores nothing', async () => {
    t = await startTestBot();
    await openModal(CA);
    const reply = await t.driver.submitView(CA, {
      [targetBlock('1')]: 'mười',
      [targetBlock('9')]: '2',
      pledge_titles: ['Tập thể lao động xuất sắc'],
    });
    expect(reply.body).toEqual({
      response_action: 'errors',
      errors: {
        [targetBlock('1')]: 'Giá trị «mười» không phải là số. Nhập số, ví dụ 95 hoặc 95,5.',
        pledge_sign: 'Cần đánh dấu xác nhận ký giao ước.',
      },
    });
    const more = await t.driver.submitView(CA, {
      [targetBlock('1')]: '0',
      [targetBlock('9')]: '-1',
      pledge_titles: [],
      pledge_sign: ['signed'],
    });
    expect(more.body).toEqual({
      response_action: 'errors',
      errors: {
        [targetBlock('1')]: 'Chỉ tiêu phải lớn hơn 0.',
        [targetBlock('9')]: 'Mức trần không được là số âm (có thể là 0).',
        pledge_titles: 'Chọn ít nhất một danh hiệu đăng ký.',
      },
    });
    const empty = await t.driver.submitView(CA, {
      [targetBlock('1')]: '',
      [targetBlock('9')]: '',
      pledge_sign: ['signed'],
      pledge_titles: ['Tập thể lao động xuất sắc'],
    });
    expect(empty.body).toEqual({
      response_action: 'errors',
      errors: { [targetBlock('1')]: 'Cần nhập chỉ tiêu cho tiêu chí này.', [targetBlock('9')]: 'Cần nhập mức trần (có thể là 0).' },
    });
    await settle();
    expect(pledgeOf('CA').pledge).toBeUndefined();
    expect(t.bot.store.outbox.all()).toEqual([]);
    expect(t.bot.store.audit.all()).toEqual([]);
    expect(t.slack.messagesIn(CHANNEL)).toEqual([]);
    // The modal is still open for a correction, and a plain-notation number is accepted.
    const fixed = await t.driver.submitView(CA, answers({ [targetBlock('1')]: '1234.5' }));
    expect(resultText(fixed)).toContain('Đã ký giao ước');
    expect([...pledgeOf('CA').inForce!.targets.values()]).toContain(1234.5);
  });

  it('applies a double submission once', async () => {
    t = await startTestBot();
    const { view } = await openModal(CA);
    const filled = answers();
    const [one, two] = await Promise.all([t.driver.submitView(CA, filled, view.id), t.driver.submitView(CA, filled, view.id)]);
    expect([one.status, two.status]).toEqual([200, 200]);
    // One is applied and answered with the outcome; the other is recognised as the same submission and only closes the modal.
    const bodies = [one.body, two.body];
    expect(bodies.filter((body) => body === '')).toHaveLength(1);
    expect(bodies.map((body) => (body === '' ? '' : textOf((body as { view: Record<string, unknown> }).view))).join('')).toContain(
      'Đã ký giao ước thi đua năm 2021 cho Công an tỉnh',
    );
    expect(t.bot.handle.sqlite.prepare('select count(*) as count from processed_events where id = ?').get(`view:${view.id}`)).toEqual({
      count: 1,
    });
    expect(pledgeOf('CA').versions).toHaveLength(1);
    await t.slack.waitFor(() => t.slack.messagesIn(CHANNEL).length === 1);
    await settle();
    expect(channelTexts()).toHaveLength(1);
  });
});

describe('who may pledge for a unit', () => {
  it('refuses an officer of another unit without opening a modal', async () => {
    t = await startTestBot();
    const reply = await t.driver.slashCommand(TT, 'dangky CA', CHANNEL);
    const answer = textOf(await firstResponse(t.slack, reply.responseUrl));
    expect(answer).toContain('Chỉ cán bộ thi đua của Công an tỉnh (hoặc quản trị viên) mới ký giao ước cho đơn vị đó.');
    expect(answer).toContain('Tài khoản này phụ trách Thanh tra tỉnh');
    expect(t.slack.callsTo('views.open')).toEqual([]);
    expect(pledgeOf('CA').pledge).toBeUndefined();
  });

  it("refuses a submission of another unit's modal by someone else: the modal is not trusted", async () => {
    t = await startTestBot();
    const { view } = await openModal(CA);
    const forged = await t.driver.submitView(TT, answers(), view.id);
    expect(resultText(forged)).toContain('Tài khoản này không có quyền ký giao ước cho Công an tỉnh; chưa lưu gì.');
    expect(pledgeOf('CA').pledge).toBeUndefined();
    expect(pledgeOf('TT').pledge).toBeUndefined();
    expect(t.bot.store.audit.all()).toEqual([]);
  });

  it('sends someone outside the organisation to the admins', async () => {
    t = await startTestBot();
    t.slack.addUser({ id: 'U0STRANGER', name: 'stranger', realName: 'Người ngoài' });
    for (const text of ['dangky', 'dangky CA', 'giaouoc']) {
      const reply = await t.driver.slashCommand('U0STRANGER', text, CHANNEL);
      expect(textOf(await firstResponse(t.slack, reply.responseUrl))).toContain(
        'Tài khoản này chưa có trong danh sách cán bộ thi đua của UBND tỉnh Vĩnh Phúc',
      );
    }
    expect(t.slack.callsTo('views.open')).toEqual([]);
    expect(t.bot.store.outbox.all()).toEqual([]);
  });

  it('lets an admin sign for a unit, recorded as acting as admin', async () => {
    t = await startTestBot();
    const asked = await t.driver.slashCommand(ADMIN, 'dangky', CHANNEL);
    expect(textOf(await firstResponse(t.slack, asked.responseUrl))).toContain(
      'Quản trị viên ký thay cho đơn vị nào? Gõ `/thidua dangky <mã đơn vị | tên> [năm]`',
    );
    const { view } = await openModal(ADMIN, 'dang ky cong an 2021');
    expect(textOf(view.view)).toContain('*Công an tỉnh* — Khối thi đua Nội chính, năm 2021');
    expect(textOf(view.view)).toContain('Quản trị viên thực hiện thay cho đơn vị');
    await t.driver.submitView(ADMIN, answers());
    expect(pledgeOf('CA').inForce).toMatchObject({ submittedBy: ADMIN, actingAsAdmin: true, status: 'accepted' });
    expect(t.bot.store.audit.all().map((entry) => [entry.action, entry.actorUserId, entry.actingAsAdmin])).toEqual([
      ['pledge.signed', ADMIN, true],
    ]);
    await t.slack.waitFor(() => t.slack.messagesIn(CHANNEL).length === 1);
    expect(channelTexts()).toEqual(['Công an tỉnh đã ký giao ước thi đua năm 2021 — 1/7 đơn vị (quản trị viên ký thay)']);
  });
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
    t = await startTestBot();
    await sign(TT);
    t.clock.set(AFTER_DUE);
    const { view, reply } = await requestAmendment(TT, { [targetBlock('1')]: '100', pledge_titles: ['Cờ thi đua của UBND tỉnh'] });
    expect(textOf(view.view)).toContain(
      'Đã quá hạn ký giao ước (31/03/2021 17:00): thay đổi sẽ thành đề nghị sửa đổi gửi Trưởng khối (Công an tỉnh) duyệt',
    );
    expect(resultText(reply)).toContain('Đã gửi đề nghị sửa đổi giao ước tới Trưởng khối (Công an tỉnh) duyệt.');
    let state = pledgeOf('TT');
    expect(state.versions.map((version) => [version.version, version.status])).toEqual([
      [1, 'accepted'],
      [2, 'pending'],
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
    expect(request).toContain('• Danh hiệu đăng ký: thêm «Cờ thi đua của UBND tỉnh»; bỏ «Tập thể lao động xuất sắc»');
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
      '✅ Đề nghị «Sửa đổi giao ước thi đua năm 2021» của Thanh tra tỉnh đã được <@U0CA0002> duyệt lúc 05/04/2021 10:30; bản sửa đổi có hiệu lực từ nay.',
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
    expect(t.bot.store.audit.all()[2]!.details).toMatchObject({
      versionId: state.versions[1]!.id,
      changes: expect.arrayContaining(['1. Hoàn thành chỉ tiêu chuyên môn đã giao ước (%): 95 → 100']),
    });
  });

  it('asks a reason for a rejection; the old version stays in force and history keeps both', async () => {
    t = await startTestBot();
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

    const empty = await t.driver.submitView(CA, { [CHANGE_REQUEST_REASON_BLOCK]: '  ' });
    expect(empty.body).toEqual({ response_action: 'errors', errors: { [CHANGE_REQUEST_REASON_BLOCK]: 'Cần nêu lý do từ chối.' } });
    expect(pledgeOf('TT').versions[1]!.status).toBe('pending');

    const done = await t.driver.submitView(CA, { [CHANGE_REQUEST_REASON_BLOCK]: 'Mức trần phải giữ như đã giao ước.' });
    expect(resultText(done)).toContain(
      'Đã từ chối đề nghị «Sửa đổi giao ước thi đua năm 2021» của Thanh tra tỉnh; <@U0TT0001> đã được báo kết quả và lý do.',
    );
    const outcome = await t.slack.waitFor(() => t.slack.dmsTo(TT)[0], 5000, 'the outcome DM');
    expect(textOf(outcome)).toBe(
      'Đề nghị «Sửa đổi giao ước thi đua năm 2021» của Thanh tra tỉnh đã bị <@U0CA0001> từ chối lúc 05/04/2021 10:00. Lý do: «Mức trần phải giữ như đã giao ước.». Bản đang có hiệu lực giữ nguyên.',
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
      'Đã từ chối: <@U0CA0001>, 05/04/2021 10:00. Lý do: «Mức trần phải giữ như đã giao ước.».',
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
    t = await startTestBot();
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

  it('sends the lead unit’s own amendment to the admins, who decide it as admins', async () => {
    t = await startTestBot();
    await sign(CA);
    t.clock.set(AFTER_DUE);
    const { reply } = await requestAmendment(CA2, { [targetBlock('1')]: '100' });
    expect(resultText(reply)).toContain('tới Ban Thi đua – Khen thưởng duyệt');
    const dm = await t.slack.waitFor(() => t.slack.dmsTo(ADMIN)[0], 5000, 'the admin DM');
    await settle();
    expect(t.slack.dmsTo(CA)).toEqual([]);
    // The lead's own officers may not approve their own change.
    const own = await t.driver.pressButton({
      userId: CA,
      actionId: CHANGE_REQUEST_APPROVE,
      value: buttonValue(dm, CHANGE_REQUEST_APPROVE),
      in: { message: dm },
    });
    expect(textOf(await firstResponse(t.slack, own.responseUrl!))).toContain(
      'Chỉ Ban Thi đua – Khen thưởng hoặc quản trị viên mới duyệt được',
    );
    await t.driver.pressButton({
      userId: ADMIN,
      actionId: CHANGE_REQUEST_APPROVE,
      value: buttonValue(dm, CHANGE_REQUEST_APPROVE),
      in: { message: dm },
    });
    await t.slack.waitFor(() => t.slack.dmsTo(CA2)[0], 5000, 'the outcome');
    expect(pledgeOf('CA').inForce!.version).toBe(2);
    expect(t.bot.store.audit.all().at(-1)).toMatchObject({ action: 'pledge.amendment_approved', actorUserId: ADMIN, actingAsAdmin: true });
  });

  it('sends requests to the admins when the block has no lead this year', async () => {
    t = await startTestBot({ organisationYaml: generatedOrganisationYaml({ units: 3, targets: 1, lead: false }) });
    const user = officerOf(2);
    const target = `pledge_target_${t.bot.store.structure.criteria(2021, t.bot.store.structure.blockByCode('LON')!.id)[0]!.id}`;
    await openModal(user);
    await t.driver.submitView(user, { [target]: '90', pledge_titles: ['Tập thể lao động tiên tiến'], pledge_sign: ['signed'] });
    t.clock.set(AFTER_DUE);
    await openModal(user);
    await t.driver.submitView(user, { [target]: '95', pledge_sign: ['signed'] });
    const dm = await t.slack.waitFor(() => t.slack.dmsTo(ADMIN)[0], 5000, 'the admin DM');
    expect(textOf(dm)).toContain('C1. Chỉ tiêu chuyên môn số 1 (%): 90 → 95');
    await settle();
    expect(t.slack.dmsTo(officerOf(1))).toEqual([]);
  });

  it('accepts a first signature after the due, marked late', async () => {
    t = await startTestBot();
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
    t = await startTestBot();
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
    const pressed = await t.driver.pressButton({
      userId: ADMIN,
      actionId: CHANGE_REQUEST_APPROVE,
      value: buttonValue(table, CHANGE_REQUEST_APPROVE),
      in: { ephemeral: { channel: CHANNEL, blocks: table.blocks as unknown[], responseUrl: reply.responseUrl } },
    });
    expect(pressed.status).toBe(200);
    await t.slack.waitFor(() => responsesTo(t.slack, reply.responseUrl).length === 2, 5000, 'the confirmation');
    expect(textOf(responsesTo(t.slack, reply.responseUrl)[1]!)).toContain(
      'Đã duyệt đề nghị «Sửa đổi giao ước thi đua năm 2021» của Thanh tra tỉnh; <@U0TT0001> đã được báo kết quả.',
    );
    expect(pledgeOf('TT').inForce!.version).toBe(2);
    expect(t.bot.store.audit.all().at(-1)).toMatchObject({ action: 'pledge.amendment_approved', actorUserId: ADMIN, actingAsAdmin: true });
    await t.slack.waitFor(() => t.slack.dmsTo(CA)[0]?.edited, 5000, 'the lead DM redrawn');
    expect(hasButtons(t.slack.dmsTo(CA)[0]!)).toBe(false);
  });
});

describe('the block pledge table', () => {
  it('lists every unit in the block order, signed or not', async () => {
    t = await startTestBot();
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

  it('reads another block by name and asks an admin outside every block which one', async () => {
    t = await startTestBot();
    const other = await t.driver.slashCommand(CA, 'giaouoc van hoa xa hoi', CHANNEL);
    expect(textOf(await firstResponse(t.slack, other.responseUrl))).toContain('Giao ước thi đua năm 2021 — Khối thi đua Văn hóa – Xã hội');
    const asked = await t.driver.slashCommand(ADMIN, 'giaouoc', CHANNEL);
    expect(textOf(await firstResponse(t.slack, asked.responseUrl))).toContain(
      'Tài khoản này không thuộc khối nào: ghi thêm khối, ví dụ `/thidua giaouoc NOI_CHINH`. Các khối: `NOI_CHINH` (Khối thi đua Nội chính), `VH_XH`',
    );
    const unknown = await t.driver.slashCommand(CA, 'giaouoc kinh te', CHANNEL);
    expect(textOf(await firstResponse(t.slack, unknown.responseUrl))).toContain('Không có khối «kinh te». Các khối: `NOI_CHINH`');
    const year = await t.driver.slashCommand(CA, 'giaouoc 2019', CHANNEL);
    expect(textOf(await firstResponse(t.slack, year.responseUrl))).toContain(
      'Chưa có năm 2019 trong tệp cấu hình tổ chức. Các năm đang có: 2021.',
    );
  });

  it('pages a block of 40 units, each page within Slack’s limits', async () => {
    t = await startTestBot({ organisationYaml: generatedOrganisationYaml({ units: 40, targets: 3 }) });
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

describe('a block with many criteria', () => {
  async function fillLongForm(user: string, value: (index: number) => string) {
    const { view } = await openModal(user);
    const pages: Record<string, unknown>[] = [view.view];
    let index = 0;
    for (;;) {
      const current = t.slack.openViewOf(user)!;
      expect(validateView(current.view)).toEqual([]);
      const inputs = inputsOf(current.view);
      const targets = inputs.filter((input) => input.blockId.startsWith('pledge_target_'));
      const filled: Record<string, string | string[]> = Object.fromEntries(targets.map((input) => [input.blockId, value(index++)]));
      const final = inputs.some((input) => input.blockId === 'pledge_sign');
      if (final) Object.assign(filled, { pledge_titles: ['Tập thể lao động xuất sắc'], pledge_sign: ['signed'] });
      const reply = await t.driver.submitView(user, filled, current.id);
      const body = reply.body as { response_action?: string; view?: Record<string, unknown> };
      expect(body.response_action).toBe('update');
      if (final) return { pages, result: body.view! };
      pages.push(body.view!);
    }
  }

  it('splits 120 target inputs over pages, checks each page, and stores every value once', async () => {
    t = await startTestBot({ organisationYaml: generatedOrganisationYaml({ units: 2, targets: 120 }) });
    const user = officerOf(2);
    const { view } = await openModal(user);
    expect(textOf(view.view)).toContain('Trang 1/3 — chỉ tiêu 1–45 trên 120.');
    expect(inputsOf(view.view).filter((input) => input.blockId.startsWith('pledge_target_'))).toHaveLength(45);
    expect(inputsOf(view.view).some((input) => input.blockId === 'pledge_sign')).toBe(false);

    // A bad value on the first page is caught there.
    const firstIds = inputsOf(view.view).map((input) => input.blockId);
    const bad = await t.driver.submitView(user, { ...Object.fromEntries(firstIds.map((id) => [id, '90'])), [firstIds[7]!]: 'abc' });
    expect(bad.body).toEqual({
      response_action: 'errors',
      errors: { [firstIds[7]!]: 'Giá trị «abc» không phải là số. Nhập số, ví dụ 95 hoặc 95,5.' },
    });
    t.slack.closeView(view.id);

    const { pages, result } = await fillLongForm(user, (index) => `${index + 1},5`);
    expect(pages.map((page) => inputsOf(page).filter((input) => input.blockId.startsWith('pledge_target_')).length)).toEqual([45, 45, 30]);
    expect(textOf(pages[2]!)).toContain('Trang 3/3 — chỉ tiêu 91–120 trên 120.');
    expect(textOf(result)).toContain('Đã ký giao ước thi đua năm 2021 cho Đơn vị số 2');
    const unit = t.bot.store.structure.unitByCode('DV2')!;
    const versions = t.bot.store.pledges.versions(t.bot.store.pledges.find(2021, unit.id)!.id);
    expect(versions).toHaveLength(1);
    const criteria = t.bot.store.structure
      .criteria(2021, t.bot.store.structure.blockByCode('LON')!.id)
      .filter((row) => row.kind === 'target');
    expect(criteria.map((criterion) => versions[0]!.targets.get(criterion.id))).toEqual(criteria.map((_, index) => index + 1.5));
  });

  it('checks again the targets earlier pages carry in the modal: forged ones, or a page that is not the form’s, are refused', async () => {
    t = await startTestBot({ organisationYaml: generatedOrganisationYaml({ units: 2, targets: 60 }) });
    const user = officerOf(2);
    const submitForged = async (forge: (carried: { entered?: unknown[]; page: number }) => Record<string, unknown>) => {
      const { view } = await openModal(user);
      const first = inputsOf(view.view).filter((input) => input.blockId.startsWith('pledge_target_'));
      await t.driver.submitView(user, Object.fromEntries(first.map((input) => [input.blockId, '90'])), view.id);
      const second = t.slack.openViewOf(user)!;
      const carried = JSON.parse(String(second.view.private_metadata)) as { entered?: unknown[]; page: number };
      expect([carried.page, carried.entered?.length]).toEqual([1, 45]);
      second.view.private_metadata = JSON.stringify(forge(carried));
      const filled = Object.fromEntries(
        inputsOf(second.view)
          .filter((input) => input.blockId.startsWith('pledge_target_'))
          .map((input) => [input.blockId, '90']),
      );
      return textOf(
        resultOf(
          await t.driver.submitView(user, { ...filled, pledge_titles: ['Tập thể lao động xuất sắc'], pledge_sign: ['signed'] }, second.id),
        ),
      );
    };
    const stale = 'chưa lưu gì. Vui lòng gõ lại `/thidua dangky`.';
    expect(await submitForged((carried) => ({ ...carried, entered: (carried.entered ?? []).map(() => -5) }))).toContain(stale);
    expect(await submitForged((carried) => ({ ...carried, page: 7 }))).toContain(stale);
    expect(t.bot.store.pledges.find(2021, t.bot.store.structure.unitByCode('DV2')!.id)).toBeUndefined();
  });

  it('keeps the values of a form too long for the modal’s metadata in a draft, then drops it', async () => {
    t = await startTestBot({ organisationYaml: generatedOrganisationYaml({ units: 1, targets: 300 }) });
    const user = officerOf(1);
    const { pages } = await fillLongForm(user, (index) => `123.456.789,${String(index).padStart(3, '0')}25`);
    expect(pages).toHaveLength(7);
    const unit = t.bot.store.structure.unitByCode('DV1')!;
    const version = t.bot.store.pledges.versions(t.bot.store.pledges.find(2021, unit.id)!.id)[0]!;
    expect(version.targets.size).toBe(300);
    const criteria = t.bot.store.structure
      .criteria(2021, t.bot.store.structure.blockByCode('LON')!.id)
      .filter((row) => row.kind === 'target');
    expect(version.targets.get(criteria[299]!.id)).toBe(123456789.29925);
    expect(t.bot.handle.sqlite.prepare("select count(*) as count from meta where key like 'pledge-draft:%'").get()).toEqual({ count: 0 });
  });
});

describe('an organisation that works in English', () => {
  it('speaks English in the modal, its errors, the channel line and the table', async () => {
    t = await startTestBot({ organisationYaml: generatedOrganisationYaml({ units: 2, targets: 1, locale: 'en' }) });
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
        [target]: '«ten» is not a number. Enter a number, e.g. 95 or 95.5.',
        pledge_titles: 'Choose at least one title.',
        pledge_sign: 'Tick the box to sign the pledge.',
      },
    });
    // Numbers are read in either notation whatever the language.
    const done = await t.driver.submitView(user, {
      [target]: '1.234,5',
      pledge_titles: ['Tập thể lao động tiên tiến'],
      pledge_sign: ['signed'],
    });
    expect(resultText(done)).toContain('Đơn vị số 2 signed the 2021 emulation pledge. Khối thi đua Lớn: 1 of 2 units have signed.');
    await t.slack.waitFor(() => t.slack.messagesIn('C0LON').length === 1);
    expect(textOf(t.slack.messagesIn('C0LON')[0]!)).toBe('Đơn vị số 2 signed the 2021 emulation pledge — 1/2 units');
    const reply = await t.driver.slashCommand(user, 'pledges', 'C0LON');
    const table = textOf(await firstResponse(t.slack, reply.responseUrl));
    expect(table).toContain('*1. Đơn vị số 1* — _Not signed_');
    expect(table).toContain('Targets: C1. Chỉ tiêu chuyên môn số 1: 1,234.5%');
  });
});

describe('help', () => {
  it('lists the pledge commands with real examples', async () => {
    t = await startTestBot();
    const reply = await t.driver.slashCommand(CA, 'help', CHANNEL);
    const help = textOf(await firstResponse(t.slack, reply.responseUrl));
    expect(help).toContain('/thidua dangky [năm]');
    expect(help).toContain('/thidua dangky 2021');
    expect(help).toContain('/thidua giaouoc noi chinh 2021');
    expect(help).toContain('/thidua tieuchi cai cach');
  });
});
