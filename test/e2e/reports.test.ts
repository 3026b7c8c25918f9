import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { createStore } from '../../db/store';
import { validateView } from '../../src/local-slack/block-kit-limits';
import { inputsOf } from '../../src/local-slack/view-state';
import { CHANGE_REQUEST_APPROVE } from '../../src/views/ids';
import { nudgeButtonValue } from '../../src/views/nudges';
import { DEMO_YAML, firstResponse, startTestBot, type TestBot, textOf } from '../support/bot';
import { DEMO, demoLookups } from '../support/demo';
import { buttonValue, openModalBy, pressMessageButton, resultOf, updatedViewOf } from '../support/interactions';
import { generatedOrganisationYaml, officerOf } from '../support/organisations';
import { scratchFolder } from '../support/processes';

const { stp: STP, tt: TT, ca: CA, ca2: CA2, admin: ADMIN, channel: CHANNEL, beforeDue: BEFORE_DUE, afterDue: AFTER_DUE } = DEMO;

let t: TestBot;
afterEach(async () => {
  await t?.close();
});

const { criterion, valueBlock: value, reasonBlock: reason, reportAnswers: answers, seedPledge: pledge } = demoLookups(() => t);

function reportOf(unitCode: string) {
  const unit = t.bot.store.structure.unitByCode(unitCode)!;
  const q1 = t.bot.store.structure.periods(2021).find((period) => period.code === 'Q1')!;
  const report = t.bot.store.reports.find(q1.id, unit.id);
  return {
    report,
    versions: report ? t.bot.store.reports.versions(report.id) : [],
    inForce: report ? t.bot.store.reports.inForce(report.id) : undefined,
  };
}

/** Opens the report and submits it; `shown` is the modal's text as it was before the submission replaced it. */
async function submit(user: string, overrides: Record<string, string | string[]> = {}, command = 'baocao') {
  const { view } = await openModalBy(t, user, command, CHANNEL);
  const shown = textOf(view.view);
  return { shown, reply: await t.driver.submitView(user, answers(overrides)) };
}

describe('submitting a period report', () => {
  it('opens the modal with inputs by criterion kind and the pledged targets, stores the report, confirms the provisional score and announces it', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    pledge('STP');
    const { view } = await openModalBy(t, STP, 'báo cáo', CHANNEL);
    expect(validateView(view.view)).toEqual([]);
    const inputs = new Map(inputsOf(view.view).map((input) => [input.blockId, input]));
    expect(inputs.get(value('1'))).toMatchObject({
      type: 'plain_text_input',
      label: '1. Hoàn thành chỉ tiêu chuyên môn đã giao ước (%)',
      hint: 'Kết quả đạt được. Chỉ tiêu đã giao ước: 100%.',
    });
    expect(inputs.get(value('9'))?.hint).toBe('Số thực tế. Mức trần đã giao ước: không quá 2 vụ việc.');
    expect(inputs.get(value('3'))).toMatchObject({
      type: 'radio_buttons',
      choices: [
        { text: 'Có', value: 'yes' },
        { text: 'Không', value: 'no' },
      ],
    });
    expect(inputs.get(value('2'))?.hint).toBe('Tự chấm từ 0 đến 10 điểm; Trưởng khối thẩm định.');
    expect(inputs.get(value('T'))?.hint).toContain('tối đa 5 điểm');
    expect(inputs.get(reason('T'))?.label).toBe('Lý do — tiêu chí T');
    expect(inputs.get(reason('K'))).toBeDefined();
    expect([...inputs.keys()].slice(-3)).toEqual(['report_evidence', 'report_files', 'report_notes']);
    expect(inputs.size).toBe(13 + 2 + 3);
    expect(textOf(view.view)).toContain('Báo cáo Quý I năm 2021 (01/01/2021 – 31/03/2021)');
    expect(textOf(view.view)).toContain('Hạn nộp: 10/04/2021 17:00.');

    const reply = await t.driver.submitView(STP, answers({ report_evidence: 'https://drive.vinhphuc.gov.vn/stp-q1.pdf' }));
    // 98/100 × 40 = 39,2 · self-scores 8 + 4 + 9 · six yes × 5 = 30 · 1 ≤ 2 violations → 5 · bonus awaits review.
    expect(textOf(resultOf(reply))).toBe(
      '✅ Đã nộp báo cáo Quý I của Sở Tư pháp. Điểm tạm tính: 95,20 điểm (chưa gồm điểm thưởng). Điểm tự chấm được tính tạm đến khi Trưởng khối thẩm định.',
    );
    const stored = reportOf('STP');
    expect(stored.versions.map((version) => [version.version, version.status, version.late, version.submittedBy])).toEqual([
      [1, 'accepted', false, STP],
    ]);
    expect(stored.inForce!.values.get(criterion('1').id)).toEqual({ value: 98, reason: null });
    expect(stored.inForce!.values.get(criterion('3').id)).toEqual({ value: 1, reason: null });
    expect(stored.inForce!.values.get(criterion('T').id)).toEqual({ value: 3, reason: 'Bằng khen của Bộ Tư pháp số 123/QĐ-BTP' });
    expect(stored.inForce!.values.get(criterion('K').id)).toEqual({ value: null, reason: null });
    expect(stored.inForce!.evidenceUrl).toBe('https://drive.vinhphuc.gov.vn/stp-q1.pdf');

    const line = await t.slack.waitFor(() => t.slack.messagesIn(CHANNEL)[0], 5000, 'the channel line');
    expect(line.text).toBe('Sở Tư pháp đã nộp báo cáo Quý I — 1/7 đơn vị');
    const confirmation = await t.slack.waitFor(() => t.slack.dmsTo(STP)[0], 5000, 'the confirmation');
    expect(confirmation.text).toBe(
      '✅ Đã nhận báo cáo Quý I của Sở Tư pháp lúc 08/04/2021 09:00 (bản 1). Điểm tạm tính: 95,20 điểm (chưa gồm điểm thưởng). Điểm tự chấm được tính tạm đến khi Trưởng khối thẩm định.',
    );
    expect(t.bot.store.audit.all().map((entry) => entry.action)).toEqual(['report.submitted']);
  });

  it('counts units as they submit: the second unit reads 2/7', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    await submit(STP);
    await submit(TT);
    await t.slack.waitFor(() => t.slack.messagesIn(CHANNEL).length === 2, 5000, 'two lines');
    expect(t.slack.messagesIn(CHANNEL).map((message) => message.text)).toEqual([
      'Sở Tư pháp đã nộp báo cáo Quý I — 1/7 đơn vị',
      'Thanh tra tỉnh đã nộp báo cáo Quý I — 2/7 đơn vị',
    ]);
  });

  it('before the due an edit is a second version in force, pre-filled, with no second channel line', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    await submit(STP);
    t.clock.advance(3600_000);
    const { view } = await openModalBy(t, STP, 'bao cao q1', CHANNEL);
    expect(textOf(view.view)).toContain('Đã điền sẵn báo cáo đang có hiệu lực (bản 1, 08/04/2021 09:00, <@U0TP0001>).');
    // The claimed bonus (3) is not in the total until the lead reviews it, and the form says so.
    expect(textOf(view.view)).toContain(
      'Điểm tạm tính của bản đang có hiệu lực: *51,00 điểm* (chưa gồm điểm thưởng). Điểm tự chấm được tính tạm đến khi Trưởng khối thẩm định.',
    );
    expect(inputsOf(view.view).find((input) => input.blockId === value('1'))?.initial).toBe('98');
    const reply = await t.driver.submitView(STP, { [value('1')]: '99,5' });
    expect(textOf(resultOf(reply))).toContain('✅ Đã lưu báo cáo Quý I của Sở Tư pháp (bản 2).');
    const stored = reportOf('STP');
    expect(stored.versions.map((version) => [version.version, version.status])).toEqual([
      [1, 'accepted'],
      [2, 'accepted'],
    ]);
    expect(stored.inForce!.values.get(criterion('1').id)?.value).toBe(99.5);
    await t.slack.waitFor(() => t.slack.dmsTo(STP).length === 2, 5000, 'two confirmations');
    expect(t.slack.messagesIn(CHANNEL)).toHaveLength(1);
  });

  it('stores a submission after the due and flags it late', async () => {
    t = await startTestBot({ now: AFTER_DUE });
    const { shown, reply } = await submit(STP);
    expect(shown).toContain('Đã quá hạn nộp (10/04/2021 17:00): báo cáo vẫn được nhận và ghi là nộp muộn.');
    expect(textOf(resultOf(reply))).toContain('(nộp muộn)');
    expect(reportOf('STP').versions.map((version) => [version.status, version.late])).toEqual([['accepted', true]]);
    const line = await t.slack.waitFor(() => t.slack.messagesIn(CHANNEL)[0], 5000, 'the channel line');
    expect(line.text).toBe('Sở Tư pháp đã nộp báo cáo Quý I (nộp muộn) — 1/7 đơn vị');
  });

  it('after the due a direct edit is refused: the change goes to the lead, who approves it into force', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    await submit(STP);
    t.clock.set(AFTER_DUE);
    const { view } = await openModalBy(t, STP, 'baocao Q1', CHANNEL);
    expect(textOf(structuredClone(view.view))).toContain(
      'Báo cáo đã khóa từ 10/04/2021 17:00: thay đổi sẽ thành đề nghị sửa gửi Trưởng khối (Công an tỉnh) duyệt',
    );
    // A change request asks why, on the form's last page; an empty reason is refused beside the field.
    expect(inputsOf(structuredClone(view.view)).map((input) => input.blockId)).toContain('unit_change_reason');
    const outboxBefore = t.bot.store.outbox.all().length;
    const missing = await t.driver.submitView(STP, { [value('1')]: '100', unit_change_reason: '  ' });
    expect(missing.body).toEqual({ response_action: 'errors', errors: { unit_change_reason: 'Cần nêu lý do điều chỉnh.' } });
    expect(reportOf('STP').versions).toHaveLength(1);
    expect(t.bot.store.outbox.all()).toHaveLength(outboxBefore);
    const reply = await t.driver.submitView(STP, {
      [value('1')]: '100',
      unit_change_reason: 'Số liệu quý I được Sở Tài chính xác nhận lại',
    });
    expect(textOf(resultOf(reply))).toBe(
      'Đã gửi đề nghị sửa báo cáo tới Trưởng khối (Công an tỉnh) duyệt. Bản đang có hiệu lực giữ nguyên đến khi được duyệt; kết quả sẽ được báo qua tin nhắn riêng.',
    );
    let stored = reportOf('STP');
    expect(stored.versions.map((version) => [version.status, version.changeReason])).toEqual([
      ['accepted', null],
      ['pending', 'Số liệu quý I được Sở Tài chính xác nhận lại'],
    ]);
    expect(stored.inForce!.values.get(criterion('1').id)?.value).toBe(98);

    const request = structuredClone(await t.slack.waitFor(() => t.slack.dmsTo(CA)[0], 5000, "the lead's DM"));
    expect(textOf(request)).toContain('*Đề nghị: Sửa báo cáo Quý I năm 2021* — Sở Tư pháp');
    expect(textOf(request)).toContain('• 1. Hoàn thành chỉ tiêu chuyên môn đã giao ước (%): 98% → 100%');
    expect(textOf(request)).toContain('*Lý do điều chỉnh:* “Số liệu quý I được Sở Tài chính xác nhận lại”');
    expect(buttonValue(request, CHANGE_REQUEST_APPROVE)).toBe(`report:${stored.versions[1]!.id}`);
    const otherDm = structuredClone(await t.slack.waitFor(() => t.slack.dmsTo(CA2)[0], 5000, "the other lead officer's DM"));

    await pressMessageButton(t, CA, request, CHANGE_REQUEST_APPROVE);
    const outcome = await t.slack.waitFor(
      () => t.slack.dmsTo(STP).find((message) => message.text.includes('đã được <@U0CA0001> duyệt')),
      5000,
      'the outcome',
    );
    expect(outcome.text).toContain('Lý do điều chỉnh đơn vị đã nêu: “Số liệu quý I được Sở Tài chính xác nhận lại”.');
    stored = reportOf('STP');
    expect(stored.versions.map((version) => [version.status, version.decidedBy, version.late])).toEqual([
      ['accepted', null, false],
      ['accepted', CA, false], // on time: the report's first submission was
    ]);
    expect(stored.inForce!.values.get(criterion('1').id)?.value).toBe(100);
    expect(t.bot.store.audit.all().map((entry) => entry.action)).toEqual([
      'report.submitted',
      'report.change_requested',
      'report.change_approved',
    ]);
    expect(t.bot.store.audit.all()[1]!.details).toMatchObject({ reason: 'Số liệu quý I được Sở Tài chính xác nhận lại' });
    const log = await firstResponse(t.slack, (await t.driver.slashCommand(ADMIN, 'quantri nhatky STP', CHANNEL)).responseUrl);
    expect(textOf(log)).toContain(
      `<@${STP}>: đề nghị sửa báo cáo Quý I, lý do: “Số liệu quý I được Sở Tài chính xác nhận lại” — Sở Tư pháp`,
    );

    // The other lead officer reads English: a press on the decided request answers in English.
    await t.driver.slashCommand(CA2, 'ngonngu en', CHANNEL);
    const pressed = await pressMessageButton(t, CA2, otherDm, CHANGE_REQUEST_APPROVE);
    expect(textOf(await firstResponse(t.slack, pressed.responseUrl!))).toMatch(
      /^This request was already handled by <@U0CA0001> at .+ \(approved\)\.$/,
    );
  });

  it('a form opened before the lock and submitted after it stores nothing: its last page comes back as a change request asking why, with what was entered kept', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    await submit(STP);
    const { view } = await openModalBy(t, STP, 'baocao Q1', CHANNEL);
    expect(inputsOf(structuredClone(view.view)).map((input) => input.blockId)).not.toContain('unit_change_reason');
    const firstSubmission = structuredClone(view);
    const outboxBefore = t.bot.store.outbox.all().length;
    t.clock.set(AFTER_DUE);
    const entered = {
      [value('1')]: '100',
      [value('3')]: 'no',
      report_evidence: 'https://example.gov.vn/bao-cao-q1',
      report_notes: 'Số liệu quý I đã đối chiếu với Sở Tài chính',
    };
    const uploaded = { report_files: ['Biên bản đối chiếu quý I.pdf'] };
    const { text, inputs } = updatedViewOf(await t.driver.submitView(STP, answers({ ...entered, ...uploaded }), view.id));
    expect(text).toContain('Báo cáo đã khóa từ 10/04/2021 17:00: thay đổi sẽ thành đề nghị sửa gửi Trưởng khối (Công an tỉnh) duyệt');
    expect(text).not.toContain('Đã điền sẵn');
    // Slack's file input cannot be given files again: the page says so rather than dropping them silently.
    expect(text).toContain(
      '1 tệp vừa tải lên chưa được lưu vì báo cáo đã khóa trong lúc đồng chí điền: xin tải lên lại ở ô “Tệp minh chứng”.',
    );
    expect(inputs.get('unit_change_reason')).toMatchObject({ label: 'Lý do điều chỉnh', initial: undefined });
    for (const [blockId, typed] of Object.entries(entered)) expect(inputs.get(blockId)?.initial).toBe(typed);
    expect(inputs.get(reason('T'))?.initial).toBe('Bằng khen của Bộ Tư pháp số 123/QĐ-BTP');
    expect(reportOf('STP').versions).toHaveLength(1);
    expect(t.bot.store.outbox.all()).toHaveLength(outboxBefore);
    // Slack resends the first submission (a retry, a double click): still nothing stored.
    const redrawnView = structuredClone(t.slack.views.get(view.id)!);
    t.slack.views.set(view.id, firstSubmission);
    updatedViewOf(await t.driver.submitView(STP, answers(entered), view.id));
    expect(reportOf('STP').versions).toHaveLength(1);
    t.slack.views.set(view.id, redrawnView);

    // The page as redrawn: an empty reason is refused beside the field; with one, the request goes to the lead.
    const missing = await t.driver.submitView(STP, {}, view.id);
    expect(missing.body).toEqual({ response_action: 'errors', errors: { unit_change_reason: 'Cần nêu lý do điều chỉnh.' } });
    expect(reportOf('STP').versions).toHaveLength(1);
    const reply = await t.driver.submitView(STP, { unit_change_reason: 'Số liệu quý I được Sở Tài chính xác nhận lại' }, view.id);
    expect(textOf(resultOf(reply))).toContain('Đã gửi đề nghị sửa báo cáo tới Trưởng khối (Công an tỉnh) duyệt.');
    const stored = reportOf('STP');
    expect(stored.versions.map((version) => [version.status, version.changeReason])).toEqual([
      ['accepted', null],
      ['pending', 'Số liệu quý I được Sở Tài chính xác nhận lại'],
    ]);
    const pending = stored.versions[1]!;
    expect(pending.values.get(criterion('1').id)?.value).toBe(100);
    expect(pending.values.get(criterion('3').id)?.value).toBe(0);
    expect([pending.evidenceUrl, pending.notes]).toEqual([entered.report_evidence, entered.report_notes]);
    const request = textOf(structuredClone(await t.slack.waitFor(() => t.slack.dmsTo(CA)[0], 5000, "the lead's DM")));
    expect(request).toContain('• 1. Hoàn thành chỉ tiêu chuyên môn đã giao ước (%): 98% → 100%');
    expect(request).toContain('*Lý do điều chỉnh:* “Số liệu quý I được Sở Tài chính xác nhận lại”');
  });

  it('draws the form opened before the lock again as a change request in the English reader’s language', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    await submit(STP);
    await t.driver.slashCommand(STP, 'ngonngu en', CHANNEL);
    const { view } = await openModalBy(t, STP, 'baocao Q1', CHANNEL);
    t.clock.set(AFTER_DUE);
    const typed = answers({ [value('1')]: '99.5', report_files: ['minutes.pdf', 'photo.jpg'] });
    const { text, inputs } = updatedViewOf(await t.driver.submitView(STP, typed, view.id));
    expect(text).toContain('The 2 files just uploaded were not kept because the report locked while it was being filled in');
    expect(text).toContain('The report is locked since 10 Apr 2021 17:00: a change becomes a request for the block lead (Công an tỉnh)');
    expect(inputs.get('unit_change_reason')?.label).toBe('Reason for the change');
    expect(inputs.get(value('1'))?.initial).toBe('99.5');
    expect(reportOf('STP').versions).toHaveLength(1);
  });

  it('speaks to each decider and to the requester in their own language: the request, its redraw once decided, and the outcome', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    await submit(STP);
    await t.driver.slashCommand(CA2, 'ngonngu en', CHANNEL);
    await t.driver.slashCommand(STP, 'ngonngu en', CHANNEL);
    t.clock.set(AFTER_DUE);
    await openModalBy(t, STP, 'baocao Q1', CHANNEL);
    await t.driver.submitView(STP, { [value('1')]: '100', unit_change_reason: 'Số liệu được xác nhận lại' });

    const vietnamese = structuredClone(await t.slack.waitFor(() => t.slack.dmsTo(CA)[0], 5000, "the lead's DM"));
    expect(textOf(vietnamese)).toContain('*Đề nghị: Sửa báo cáo Quý I năm 2021* — Sở Tư pháp');
    const english = await t.slack.waitFor(() => t.slack.dmsTo(CA2)[0], 5000, "the English-reading officer's DM");
    expect(textOf(structuredClone(english))).toContain('*Request: Change to the Quý I 2021 report* — Sở Tư pháp');
    expect(textOf(structuredClone(english))).toContain('*Reason for the change:* “Số liệu được xác nhận lại”');

    await pressMessageButton(t, CA, vietnamese, CHANGE_REQUEST_APPROVE);
    const outcome = await t.slack.waitFor(
      () => t.slack.dmsTo(STP).find((message) => message.text.includes('was approved by')),
      5000,
      'the outcome',
    );
    expect(outcome.text).toContain('✅ The request “Change to the Quý I 2021 report” of Sở Tư pháp was approved by <@U0CA0001>');
    expect(outcome.text).toContain('The reason the unit gave: “Số liệu được xác nhận lại”.');
    const redrawn = await t.slack.waitFor(() => (english.edited ? english : undefined), 5000, 'the English DM redrawn');
    expect(textOf(structuredClone(redrawn))).toContain('✅ Approved by <@U0CA0001>');
    expect(textOf(structuredClone(t.slack.dmsTo(CA)[0]!))).toContain('✅ Đã duyệt: <@U0CA0001>');
  });

  it('within the grace hours after the due an edit is still direct (the report stays on time); after them it becomes a request', async () => {
    t = await startTestBot({ now: BEFORE_DUE, organisationYaml: DEMO_YAML.replace('report_grace_hours: 0', 'report_grace_hours: 48') });
    await submit(STP);
    t.clock.set(new Date('2021-04-11T03:00:00Z')); // 11/04 10:00: after the due, inside 48 hours
    const inside = await submit(STP, { [value('1')]: '99' }, 'baocao Q1');
    expect(inside.shown).toContain('Đơn vị sửa báo cáo trực tiếp đến 12/04/2021 17:00');
    expect(textOf(resultOf(inside.reply))).toContain('✅ Đã lưu báo cáo Quý I của Sở Tư pháp (bản 2).');
    t.clock.set(new Date('2021-04-12T11:00:00Z')); // 12/04 18:00: the grace is over
    const after = await submit(STP, { [value('1')]: '100', unit_change_reason: 'Sai số liệu' }, 'baocao Q1');
    expect(after.shown).toContain('Báo cáo đã khóa từ 12/04/2021 17:00');
    // Lateness is the report's, by its first submission: every version agrees.
    expect(reportOf('STP').versions.map((version) => [version.status, version.late])).toEqual([
      ['accepted', false],
      ['accepted', false],
      ['pending', false],
    ]);
  });

  it('answers per-field errors for text in a number field, a score above its maximum, a missing reason and a missing choice, and stores nothing', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    await openModalBy(t, STP, 'baocao', CHANNEL);
    const outboxBefore = t.bot.store.outbox.all().length;
    const reply = await t.driver.submitView(
      STP,
      answers({
        [value('1')]: 'mười',
        [value('2')]: '11',
        [value('K')]: 'năm',
        [reason('T')]: '',
        [value('3')]: [],
        report_evidence: 'bao-cao.pdf',
      }),
    );
    expect(reply.body).toEqual({
      response_action: 'errors',
      errors: {
        [value('1')]: 'Giá trị “mười” không phải là số. Nhập số, ví dụ 95 hoặc 95,5.',
        [value('2')]: 'Nhập điểm từ 0 đến 10.',
        [value('K')]: 'Giá trị “năm” không phải là số. Nhập điểm từ 0 đến 5.',
        [value('3')]: 'Chọn Có hoặc Không.',
        [reason('T')]: 'Cần ghi lý do cho số điểm này.',
        report_evidence:
          'Minh chứng phải là một đường dẫn trang web, ví dụ drive.vinhphuc.gov.vn/bao-cao-q1.pdf hoặc https://drive.vinhphuc.gov.vn/bao-cao-q1.pdf.',
      },
    });
    expect(reportOf('STP').report).toBeUndefined();
    expect(t.bot.store.outbox.all()).toHaveLength(outboxBefore);
    expect(t.bot.store.audit.all()).toEqual([]);
  });

  it('refuses a fraction of a counted figure (“1,5 vụ việc”) in the field, in the reader’s language, and stores nothing', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    await openModalBy(t, STP, 'baocao', CHANNEL);
    const vi = await t.driver.submitView(STP, answers({ [value('9')]: '1,5' }));
    expect(vi.body).toEqual({ response_action: 'errors', errors: { [value('9')]: 'Nhập số nguyên không âm, ví dụ 0, 1 hoặc 2.' } });
    await t.driver.slashCommand(STP, 'ngonngu en', CHANNEL);
    await openModalBy(t, STP, 'report', CHANNEL);
    const en = await t.driver.submitView(STP, answers({ [value('9')]: '1.5' }));
    expect(en.body).toEqual({ response_action: 'errors', errors: { [value('9')]: 'Enter a whole number of 0 or more, e.g. 0, 1 or 2.' } });
    expect(reportOf('STP').report).toBeUndefined();
    // A percentage keeps its decimals.
    await t.driver.submitView(STP, answers({ [value('1')]: '97,5', [value('9')]: '1' }));
    expect(reportOf('STP').versions).toHaveLength(1);
  });

  it('refuses an evidence link that is no web address (“1”), in the reader’s language, and stores nothing', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    await openModalBy(t, STP, 'baocao', CHANNEL);
    const vi = await t.driver.submitView(STP, answers({ report_evidence: '1' }));
    expect(vi.body).toEqual({
      response_action: 'errors',
      errors: {
        report_evidence:
          'Minh chứng phải là một đường dẫn trang web, ví dụ drive.vinhphuc.gov.vn/bao-cao-q1.pdf hoặc https://drive.vinhphuc.gov.vn/bao-cao-q1.pdf.',
      },
    });
    await t.driver.slashCommand(STP, 'ngonngu en', CHANNEL);
    await openModalBy(t, STP, 'report', CHANNEL);
    const en = await t.driver.submitView(STP, answers({ report_evidence: 'https://1' }));
    expect(en.body).toEqual({
      response_action: 'errors',
      errors: {
        report_evidence:
          'Evidence must be a web link, e.g. drive.example.gov.vn/report-q1.pdf or https://drive.example.gov.vn/report-q1.pdf.',
      },
    });
    expect(reportOf('STP').report).toBeUndefined();
  });

  it('applies a double submission once', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    await openModalBy(t, STP, 'baocao', CHANNEL);
    const opened = t.slack.openViewOf(STP)!;
    const view = structuredClone(opened);
    await t.driver.submitView(STP, answers(), opened.id);
    t.slack.views.set(view.id, view); // Slack resends the same view (a double click, a retry)
    await t.driver.submitView(STP, answers({ [value('1')]: '50' }), view.id);
    expect(reportOf('STP').versions).toHaveLength(1);
  });

  it('compares a submission with what another process stored after the form was read: the officer’s answers are kept, not taken for unchanged', async () => {
    t = await startTestBot({ now: BEFORE_DUE, databasePath: join(scratchFolder(), 'thidua.sqlite') });
    await submit(STP);
    t.clock.advance(3600_000);
    const { view } = await openModalBy(t, STP, 'bao cao q1', CHANNEL);
    // Another process (a second worker) stores a version 2 with other notes between this
    // submission's reading of the form and its transaction.
    const other = createStore(openDatabase(t.bot.handle.path).db);
    const { store } = t.bot.deps;
    const transaction = store.transaction;
    store.transaction = ((work) => {
      store.transaction = transaction;
      const first = reportOf('STP').inForce!;
      other.transaction((tx) =>
        tx.reports.add({
          reportId: first.reportId,
          status: 'accepted',
          values: first.values,
          evidenceUrl: first.evidenceUrl,
          evidenceFiles: first.evidenceFiles,
          notes: 'Bản của tiến trình khác',
          submittedBy: STP,
          actingAsAdmin: false,
          submittedAt: t.clock.now(),
          late: false,
        }),
      );
      return transaction(work);
    }) as typeof transaction;
    // The officer submits the form as shown (version 1's answers): it differs from version 2 now in force.
    const reply = await t.driver.submitView(STP, {}, view.id);
    expect(textOf(resultOf(reply))).toContain('✅ Đã lưu báo cáo Quý I của Sở Tư pháp (bản 3).');
    expect(reportOf('STP').inForce).toMatchObject({ version: 3, notes: '' });
  });

  it('refuses an officer of another unit and someone outside the organisation, and lets an admin act for a unit', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    const other = await t.driver.slashCommand(TT, 'baocao Q1 STP', CHANNEL);
    expect(textOf(await firstResponse(t.slack, other.responseUrl))).toContain(
      'Chỉ cán bộ thi đua của Sở Tư pháp (hoặc quản trị viên) mới nộp báo cáo cho đơn vị đó.',
    );
    t.slack.addUser({ id: 'U0STRANGER', name: 'x', realName: 'Người ngoài' });
    const stranger = await t.driver.slashCommand('U0STRANGER', 'baocao', CHANNEL);
    expect(textOf(await firstResponse(t.slack, stranger.responseUrl))).toContain('chưa có trong danh sách cán bộ thi đua');
    expect(t.slack.callsTo('views.open')).toEqual([]);

    const adminReply = await t.driver.slashCommand(ADMIN, 'baocao', 'C0GENERAL');
    expect(textOf(await firstResponse(t.slack, adminReply.responseUrl))).toContain('Quản trị viên nộp thay cho đơn vị nào?');
    const { view } = await openModalBy(t, ADMIN, 'baocao quy 1 STP', 'C0GENERAL');
    expect(textOf(view.view)).toContain('Quản trị viên thực hiện thay cho đơn vị');
    await t.driver.submitView(ADMIN, answers());
    expect(reportOf('STP').versions.map((version) => [version.submittedBy, version.actingAsAdmin])).toEqual([[ADMIN, true]]);
    expect(t.bot.store.audit.all()[0]).toMatchObject({ action: 'report.submitted', actorUserId: ADMIN, actingAsAdmin: true });
  });

  it('opens the report of a missed period first, then the next one once it opens', async () => {
    t = await startTestBot({ now: new Date('2021-05-03T02:00:00Z') });
    const missed = await openModalBy(t, STP, 'baocao', CHANNEL);
    expect(textOf(missed.view.view)).toContain('Báo cáo Quý I năm 2021');
    await t.driver.submitView(STP, answers());
    // H1 ends 30/06: its report opens 10 days before, on 21/06; until then a bare baocao says so.
    const reply = await t.driver.slashCommand(STP, 'baocao', CHANNEL);
    expect(textOf(await firstResponse(t.slack, reply.responseUrl))).toBe(
      'Sở Tư pháp đã nộp báo cáo Quý I năm 2021; muốn sửa, gõ `/thidua baocao Q1`. Báo cáo 6 tháng đầu năm 2021 mở từ ngày 21/06/2021.',
    );
    // The command it names is one to type as it stands: it opens that period's report.
    expect(textOf((await openModalBy(t, STP, 'baocao Q1', CHANNEL)).view.view)).toContain('Báo cáo Quý I năm 2021');
    await t.driver.slashCommand(STP, 'ngonngu en', CHANNEL);
    expect(textOf(await firstResponse(t.slack, (await t.driver.slashCommand(STP, 'baocao', CHANNEL)).responseUrl))).toContain(
      'to change it, type `/thidua report Q1`.',
    );
    await t.driver.slashCommand(STP, 'ngonngu vi', CHANNEL);
    t.clock.set(new Date('2021-06-21T02:00:00Z'));
    const next = await openModalBy(t, STP, 'baocao', CHANNEL);
    expect(textOf(next.view.view)).toContain('Báo cáo 6 tháng đầu năm 2021 (01/01/2021 – 30/06/2021)');
    expect(textOf(next.view.view)).not.toContain('năm năm');
  });

  it('takes no report for a period before its window opens (years[].report_opens_days before it ends), and announces none', async () => {
    t = await startTestBot({ now: new Date('2021-04-12T02:00:00Z') });
    const early = await t.driver.slashCommand(STP, 'baocao h1', CHANNEL);
    expect(textOf(await firstResponse(t.slack, early.responseUrl))).toBe(
      'Chưa đến lúc nộp báo cáo 6 tháng đầu năm 2021: báo cáo mở từ ngày 21/06/2021 (10 ngày trước khi hết kỳ).',
    );
    expect(t.slack.callsTo('views.open')).toHaveLength(0);

    // A modal forged for H1 stores nothing either: the Q1 form, its metadata turned to H1.
    const h1 = t.bot.store.structure.periods(2021).find((period) => period.code === 'H1')!;
    const unitId = t.bot.store.structure.unitByCode('STP')!.id;
    const q1Form = await openModalBy(t, STP, 'baocao', CHANNEL);
    expect(textOf(q1Form.view.view)).toContain('Báo cáo Quý I năm 2021');
    const metadata = JSON.parse(q1Form.view.view.private_metadata as string);
    q1Form.view.view.private_metadata = JSON.stringify({ ...metadata, periodId: h1.id });
    await t.driver.submitView(STP, answers());
    expect(t.bot.store.reports.find(h1.id, unitId)).toBeUndefined();
    await t.bot.idle();
    expect(
      t.slack
        .messagesIn(CHANNEL)
        .map((message) => message.text)
        .join('\n'),
    ).not.toContain('6 tháng');
  });

  it('opens reports as many days before the period ends as the organisation file says', async () => {
    t = await startTestBot({
      now: new Date('2021-06-25T02:00:00Z'),
      organisationYaml: DEMO_YAML.replace('    summary_at: "09:00"', '    summary_at: "09:00"\n    report_opens_days: 3'),
    });
    const early = await t.driver.slashCommand(STP, 'bao cao 6 thang', CHANNEL);
    expect(textOf(await firstResponse(t.slack, early.responseUrl))).toContain('báo cáo mở từ ngày 28/06/2021 (3 ngày trước khi hết kỳ)');
    t.clock.set(new Date('2021-06-28T02:00:00Z'));
    const opened = await openModalBy(t, STP, 'bao cao 6 thang', CHANNEL);
    expect(textOf(opened.view.view)).toContain('Báo cáo 6 tháng đầu năm 2021');
  });

  it('explains a period it does not know, listing the periods', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    const reply = await t.driver.slashCommand(STP, 'baocao quy 7', CHANNEL);
    expect(textOf(await firstResponse(t.slack, reply.responseUrl))).toBe(
      'Không rõ kỳ báo cáo “quy 7”. Các kỳ năm nay: `Q1` (Quý I), `H1` (6 tháng đầu năm), `M9` (9 tháng), `NAM` (Cả năm).',
    );
  });

  it('opens the report from a button that names the period (a nudge)', async () => {
    t = await startTestBot({ now: new Date('2021-06-28T02:00:00Z') });
    const { actionId, value: buttonText } = nudgeButtonValue({ kind: 'report', year: 2021, periodCode: 'H1', unitCode: 'STP' });
    const message = {
      channel: `D${STP}`,
      ts: '1.000001',
      text: 'nhắc',
      blocks: [
        {
          type: 'actions',
          block_id: 'nudge_actions',
          elements: [{ type: 'button', action_id: actionId, text: { type: 'plain_text', text: 'Nộp báo cáo' }, value: buttonText }],
        },
      ],
    };
    await t.driver.pressButton({ userId: STP, actionId, value: buttonText, in: { message } });
    const view = await t.slack.waitFor(() => t.slack.openViewOf(STP), 5000, 'the modal');
    expect(textOf(view.view)).toContain('Báo cáo 6 tháng đầu năm 2021');
  });

  it('splits a table of 120 criteria over pages, checks each page, and stores every value once', async () => {
    t = await startTestBot({ now: BEFORE_DUE, organisationYaml: generatedOrganisationYaml({ units: 2, targets: 120 }) });
    const user = officerOf(2);
    const criteria = t.bot.store.structure.criteria(2021, t.bot.store.structure.blockByCode('LON')!.id);
    const all = Object.fromEntries(
      criteria.map((row, index) => [`report_value_${row.id}`, row.kind === 'graded' ? '3' : String(50 + (index % 50))]),
    );
    const { view } = await openModalBy(t, user, 'baocao', 'C0LON');
    let pages = 0;
    for (let current = view; ; pages += 1) {
      expect(validateView(current.view)).toEqual([]);
      const reply = await t.driver.submitView(user, all, current.id);
      const body = reply.body as { response_action: string; view: Record<string, unknown> };
      expect(body.response_action, JSON.stringify(body).slice(0, 500)).toBe('update');
      if (body.view.callback_id !== 'report_submit') {
        expect(textOf(resultOf(reply))).toMatch(/^✅ Đã nộp báo cáo Quý I của Đơn vị số 2/);
        break;
      }
      current = t.slack.openViewOf(user)!;
    }
    expect(pages).toBeGreaterThanOrEqual(2);
    const unit = t.bot.store.structure.unitByCode('DV2')!;
    const q1 = t.bot.store.structure.periods(2021)[0];
    const versions = q1 ? t.bot.store.reports.versions(t.bot.store.reports.find(q1.id, unit.id)!.id) : [];
    expect(versions).toHaveLength(1);
    expect(versions[0]!.values.size).toBe(criteria.length);
    expect(versions[0]!.values.get(criteria[119]!.id)?.value).toBe(50 + (119 % 50));
  });

  it('keeps what earlier pages entered when the lock passes before the last page: that page comes back asking why, and the request carries every page', async () => {
    t = await startTestBot({ now: BEFORE_DUE, organisationYaml: generatedOrganisationYaml({ units: 2, targets: 120 }) });
    const user = officerOf(2);
    const criteria = t.bot.store.structure.criteria(2021, t.bot.store.structure.blockByCode('LON')!.id);
    const fieldOf = (index: number) => `report_value_${criteria[index]!.id}`;
    const all = Object.fromEntries(criteria.map((row, index) => [fieldOf(index), row.kind === 'graded' ? '3' : '50']));
    const first = criteria.findIndex((row) => row.kind !== 'graded');
    const last = criteria.findLastIndex((row) => row.kind !== 'graded');
    /** Submits every page of the form with `typed`, `beforeLast` done before the last page's submission; the reply that ends it. */
    async function throughPages(typed: Record<string, string>, beforeLast: () => void = () => {}) {
      await openModalBy(t, user, 'baocao Q1', 'C0LON');
      for (;;) {
        const current = t.slack.openViewOf(user)!;
        if (inputsOf(current.view).some((input) => input.blockId === 'report_notes')) beforeLast();
        const body = (await t.driver.submitView(user, typed, current.id)).body as { view: Record<string, unknown> };
        const asksWhy = inputsOf(body.view).some((input) => input.blockId === 'unit_change_reason');
        if (body.view.callback_id !== 'report_submit' || asksWhy) return body;
      }
    }
    await throughPages(all);
    const changed = { ...all, [fieldOf(first)]: '10', [fieldOf(last)]: '20' };
    const redrawn = await throughPages(changed, () => t.clock.set(AFTER_DUE));
    expect(textOf(redrawn.view)).toContain('Báo cáo đã khóa từ');
    expect(inputsOf(redrawn.view).find((input) => input.blockId === fieldOf(last))?.initial).toBe('20');
    const report = () =>
      t.bot.store.reports.versions(
        t.bot.store.reports.find(t.bot.store.structure.periods(2021)[0]!.id, t.bot.store.structure.unitByCode('DV2')!.id)!.id,
      );
    expect(report()).toHaveLength(1);
    const reply = await t.driver.submitView(user, { unit_change_reason: 'Số liệu được rà soát lại' }, t.slack.openViewOf(user)!.id);
    expect(textOf(resultOf(reply))).toContain('Đã gửi đề nghị sửa báo cáo');
    const pending = report()[1]!;
    expect([pending.status, pending.changeReason]).toEqual(['pending', 'Số liệu được rà soát lại']);
    expect([pending.values.get(criteria[first]!.id)?.value, pending.values.get(criteria[last]!.id)?.value]).toEqual([10, 20]);
  });

  it('checks again what earlier pages carry in the modal: forged values or a page past the end are refused, nothing stored', async () => {
    t = await startTestBot({ now: BEFORE_DUE, organisationYaml: generatedOrganisationYaml({ units: 2, targets: 120 }) });
    const user = officerOf(2);
    const criteria = t.bot.store.structure.criteria(2021, t.bot.store.structure.blockByCode('LON')!.id);
    const all = Object.fromEntries(
      criteria.map((row, index) => [`report_value_${row.id}`, row.kind === 'graded' ? '3' : String(50 + (index % 50))]),
    );
    /** Opens the form, fills the first page, then submits the second with its metadata rewritten. */
    const submitForged = async (forge: (carried: { entered?: unknown[]; page: number }) => Record<string, unknown>) => {
      const { view } = await openModalBy(t, user, 'baocao', 'C0LON');
      await t.driver.submitView(user, all, view.id);
      const second = t.slack.openViewOf(user)!;
      const carried = JSON.parse(String(second.view.private_metadata)) as { entered?: unknown[]; page: number };
      expect(carried.page).toBe(1);
      second.view.private_metadata = JSON.stringify(forge(carried));
      return textOf(resultOf(await t.driver.submitView(user, all, second.id)));
    };
    const stale = 'chưa lưu gì. Vui lòng gõ lại `/thidua baocao`.';
    // The first page's values, as the modal carries them, replaced by impossible ones.
    expect(
      await submitForged((carried) => ({ ...carried, inDraft: undefined, entered: (carried.entered ?? []).map(() => [-5, null]) })),
    ).toContain(stale);
    // A page past the end with every value forged: nothing on the page left to check.
    expect(
      await submitForged((carried) => ({ ...carried, inDraft: undefined, page: 99, entered: criteria.map(() => [9999, null]) })),
    ).toContain(stale);
    const unit = t.bot.store.structure.unitByCode('DV2')!;
    expect(t.bot.store.reports.find(t.bot.store.structure.periods(2021)[0]!.id, unit.id)).toBeUndefined();
  });
});
