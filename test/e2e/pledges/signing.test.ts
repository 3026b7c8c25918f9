import { afterEach, describe, expect, it } from 'vitest';
import { inputsOf } from '../../../src/local-slack/view-state';
import { firstResponse, responsesTo, type TestBot, textOf } from '../../support/bot';
import {
  ADMIN,
  answers,
  CA,
  CA2,
  CHANNEL,
  channelTexts,
  NOI_CHINH_OFFICERS,
  openModal,
  pledgeOf,
  resultText,
  settle,
  sign,
  startPledgeBot,
  TT,
  targetBlock,
} from './support';

/** Signing the pledge (giao ước thi đua): the modal, who may sign, errors, double submissions, help. */
let t: TestBot;
afterEach(async () => {
  await t?.close();
});

describe('signing the pledge', () => {
  it('opens a modal with one input per target criterion, stores the signature and announces it in the channel', async () => {
    t = await startPledgeBot();
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
      [targetBlock('1')]: '99,5',
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
    expect(inForce!.targets.get(Number(targetBlock('1').split('_').at(-1)))).toBe(99.5);
    expect(inForce!.targets.get(Number(targetBlock('9').split('_').at(-1)))).toBe(0);

    await t.slack.waitFor(() => t.slack.messagesIn(CHANNEL).length === 1, 5000, 'the channel line');
    expect(channelTexts()).toEqual(['Công an tỉnh đã ký giao ước thi đua năm 2021 — 1/7 đơn vị']);
    expect(t.bot.store.audit.all().map((entry) => [entry.action, entry.actorUserId, entry.actingAsAdmin])).toEqual([
      ['pledge.signed', CA, false],
    ]);

    // Opened again, the modal is filled in with the pledge in force, in Vietnamese notation.
    const again = await openModal(CA2);
    const prefilled = inputsOf(again.view.view);
    expect(prefilled.filter((input) => input.blockId.startsWith('pledge_target_')).map((input) => input.initial)).toEqual(['99,5', '0']);
    expect(prefilled.find((input) => input.blockId === 'pledge_titles')!.initial).toEqual([
      'Cờ thi đua của UBND tỉnh',
      'Tập thể lao động xuất sắc',
    ]);
    expect(prefilled.find((input) => input.blockId === 'pledge_commitments')!.initial).toBe('Hoàn thành xuất sắc nhiệm vụ được giao.');
    expect(prefilled.find((input) => input.blockId === 'pledge_sign')!.initial).toBeUndefined();
    expect(textOf(again.view.view)).toContain('Đã điền sẵn giao ước đang có hiệu lực (bản 1, 15/03/2021 08:00, <@U0CA0001>).');
  });

  it('before the due, an edit is a new version in force at once, with no second channel line; history keeps both', async () => {
    t = await startPledgeBot();
    await sign(CA);
    await t.slack.waitFor(() => t.slack.messagesIn(CHANNEL).length === 1);
    t.clock.advance(60 * 60 * 1000);
    const edited = await sign(CA2, { [targetBlock('1')]: '99.5' });
    expect(resultText(edited)).toContain('Đã lưu giao ước của Công an tỉnh (bản 2); bản này có hiệu lực ngay');
    const unchanged = await sign(CA2, { [targetBlock('1')]: '99,5' });
    expect(resultText(unchanged)).toContain('Không có thay đổi nào so với giao ước đang có hiệu lực; chưa lưu gì.');

    const { versions, inForce } = pledgeOf('CA');
    expect(versions.map((version) => [version.version, version.status, version.submittedBy])).toEqual([
      [1, 'accepted', CA],
      [2, 'accepted', CA2],
    ]);
    expect(inForce!.version).toBe(2);
    expect([...inForce!.targets.values()]).toContain(99.5);
    await settle();
    expect(channelTexts()).toEqual(['Công an tỉnh đã ký giao ước thi đua năm 2021 — 1/7 đơn vị']);
    expect(t.bot.store.audit.all().map((entry) => entry.action)).toEqual(['pledge.signed', 'pledge.updated']);
    expect(t.bot.store.audit.all()[1]!.details).toMatchObject({
      changes: ['1. Hoàn thành chỉ tiêu chuyên môn đã giao ước (%): 95 → 99,5'],
    });
  });

  it('posts the covenant summary exactly once when the last units sign together', async () => {
    t = await startPledgeBot();
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
    t = await startPledgeBot();
    await openModal(CA);
    const reply = await t.driver.submitView(CA, {
      [targetBlock('1')]: 'mười',
      [targetBlock('9')]: '2',
      pledge_titles: ['Tập thể lao động xuất sắc'],
    });
    expect(reply.body).toEqual({
      response_action: 'errors',
      errors: {
        [targetBlock('1')]: 'Giá trị “mười” không phải là số. Nhập số, ví dụ 95 hoặc 95,5.',
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
    const fixed = await t.driver.submitView(CA, answers({ [targetBlock('1')]: '99.5' }));
    expect(resultText(fixed)).toContain('Đã ký giao ước');
    expect([...pledgeOf('CA').inForce!.targets.values()]).toContain(99.5);
  });

  it('applies a double submission once', async () => {
    t = await startPledgeBot();
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
    t = await startPledgeBot();
    const reply = await t.driver.slashCommand(TT, 'dangky CA', CHANNEL);
    const answer = textOf(await firstResponse(t.slack, reply.responseUrl));
    expect(answer).toContain('Chỉ cán bộ thi đua của Công an tỉnh (hoặc quản trị viên) mới ký giao ước cho đơn vị đó.');
    expect(answer).toContain('Tài khoản này phụ trách Thanh tra tỉnh');
    expect(t.slack.callsTo('views.open')).toEqual([]);
    expect(pledgeOf('CA').pledge).toBeUndefined();
  });

  it("refuses a submission of another unit's modal by someone else: the modal is not trusted", async () => {
    t = await startPledgeBot();
    const { view } = await openModal(CA);
    const forged = await t.driver.submitView(TT, answers(), view.id);
    expect(resultText(forged)).toContain('Tài khoản này không có quyền ký giao ước cho Công an tỉnh; chưa lưu gì.');
    expect(pledgeOf('CA').pledge).toBeUndefined();
    expect(pledgeOf('TT').pledge).toBeUndefined();
    expect(t.bot.store.audit.all()).toEqual([]);
  });

  it('sends someone outside the organisation to the admins', async () => {
    t = await startPledgeBot();
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
    t = await startPledgeBot();
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

describe('help', () => {
  it('lists the pledge commands with real examples', async () => {
    t = await startPledgeBot();
    const reply = await t.driver.slashCommand(CA, 'help', CHANNEL);
    const help = textOf(await firstResponse(t.slack, reply.responseUrl));
    expect(help).toContain('/thidua dangky [năm]');
    expect(help).toContain('/thidua dangky 2021');
    expect(help).toContain('/thidua giaouoc noi chinh 2021');
    expect(help).toContain('/thidua tieuchi cai cach');
  });
});
