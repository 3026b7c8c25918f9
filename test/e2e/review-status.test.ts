import { afterEach, describe, expect, it } from 'vitest';
import type { ReportValue } from '../../db/store/reports';
import { inputsOf } from '../../src/local-slack/view-state';
import {
  CHANGE_REQUEST_APPROVE,
  NUDGE_OPEN_REPORT,
  REVIEW_OPEN,
  STANDINGS_DETAIL,
  STATUS_CONFIRM_MANY,
  STATUS_NUDGE,
} from '../../src/views/ids';
import { firstResponse, startTestBot, type TestBot, textOf } from '../support/bot';
import { DEMO, demoLookups } from '../support/demo';
import { buttonValue, buttonValues, nextModalOf, openModalBy, resultOf } from '../support/interactions';
import { OFFICER } from './year-end/support';

const { ca: CA, stp: STP, qs: QS, admin: ADMIN, channel: CHANNEL, beforeDue: BEFORE_DUE, afterDue: AFTER_DUE } = DEMO;

let t: TestBot;
afterEach(async () => {
  await t?.close();
});

const { block, criterion, q1, unit, reportAnswers: answers, seedPledge } = demoLookups(() => t);

/** A report stored directly (the report command has its own tests), with a review when asked. */
function seedReport(code: string, at: Date, late: boolean, review?: { outcome: 'reviewed' | 'returned'; reason?: string }) {
  const report = t.bot.store.reports.ensure(q1().id, unit(code).id, block().id);
  const version = t.bot.store.reports.add({
    reportId: report.id,
    status: 'accepted',
    values: new Map<number, ReportValue>([[criterion('1').id, { value: 90, reason: null }]]),
    evidenceUrl: null,
    notes: '',
    submittedBy: t.bot.store.structure.officerIds(unit(code).id)[0]!,
    actingAsAdmin: false,
    submittedAt: at,
    late,
  });
  if (review)
    t.bot.store.reports.addReview({
      versionId: version.id,
      reviewerUserId: CA,
      actingAsAdmin: false,
      outcome: review.outcome,
      reason: review.reason ?? null,
      scores: new Map(),
      at,
    });
  return version;
}

async function status(user: string, text = 'tiendo', channel = CHANNEL) {
  const reply = await t.driver.slashCommand(user, text, channel);
  return { reply, body: await firstResponse(t.slack, reply.responseUrl) };
}

/** Presses a button of an ephemeral reply; like Slack, the press has a response_url of its own. */
async function press(user: string, body: Record<string, unknown>, actionId: string, value: string) {
  return t.driver.pressButton({
    userId: user,
    actionId,
    value,
    in: { ephemeral: { channel: CHANNEL, blocks: body.blocks as unknown[], responseUrl: t.slack.issueResponseUrl() } },
  });
}

/** The unit's officer submits its report (its pledge seeded first). */
async function submitReport(user: string, unitCode: string, given = answers()) {
  seedPledge(unitCode);
  await openModalBy(t, user, 'baocao', CHANNEL);
  await t.driver.submitView(user, given);
}

/** `reviewer` opens, from its tiendo, the review of `versionId` (else the first one offered). */
async function openReview(reviewer: string, versionId?: string) {
  const { body } = await status(reviewer);
  const opens = t.slack.callsTo('views.open').length;
  await press(reviewer, body, REVIEW_OPEN, versionId ?? buttonValue(body, REVIEW_OPEN));
  return nextModalOf(t, reviewer, opens);
}

describe('the status table (tiến độ)', () => {
  it('lists each unit in the state it is in, with officers mentioned for the missing, and buttons for the lead only', async () => {
    t = await startTestBot({ now: AFTER_DUE });
    const stp = seedReport('STP', BEFORE_DUE, false);
    seedReport('TT', new Date('2021-04-11T02:00:00Z'), true);
    seedReport('VKS', BEFORE_DUE, false, { outcome: 'reviewed' });
    seedReport('TAND', BEFORE_DUE, false, { outcome: 'returned', reason: 'Thiếu minh chứng' });
    const { body } = await status(CA, 'tien do quy 1');
    const text = textOf(body);
    expect(text).toContain('Tiến độ báo cáo Quý I năm 2021');
    expect(text).toContain('*Khối thi đua Nội chính* — hạn nộp 10/04/2021 17:00 (đã quá hạn 2 ngày)');
    expect(text).toContain('Đã nộp 4/7 (1 muộn) · đã thẩm định 1 · trả lại 1 · chưa nộp 3');
    expect(text).toContain('*Sở Tư pháp* — Chờ thẩm định · nộp 08/04/2021 09:00 (đúng hạn)');
    expect(text).toContain('*Thanh tra tỉnh* — Chờ thẩm định · nộp 11/04/2021 09:00 (muộn)');
    expect(text).toContain('*Viện Kiểm sát nhân dân tỉnh* — Đã thẩm định · nộp 08/04/2021 09:00 (đúng hạn) · người thẩm định: <@U0CA0001>');
    expect(text).toContain('*Tòa án nhân dân tỉnh* — Đã trả lại · nộp 08/04/2021 09:00 (đúng hạn) · lý do: “Thiếu minh chứng”');
    expect(text).toContain('*Công an tỉnh* — Chưa nộp · <@U0CA0001>, <@U0CA0002>');
    expect(text).toContain('*Bộ Chỉ huy Quân sự tỉnh* — Chưa nộp · <@U0QS0001>');
    expect(buttonValues(body, STATUS_NUDGE)).toEqual([
      `${q1().id}:${unit('CA').id}`,
      `${q1().id}:${unit('BCHQS').id}`,
      `${q1().id}:${unit('CTHADS').id}`,
    ]);
    expect(buttonValues(body, REVIEW_OPEN)).toContain(String(stp.id));
    expect(buttonValues(body, REVIEW_OPEN)).toHaveLength(4);

    const officer = await status(STP, 'status');
    expect(buttonValues(officer.body, STATUS_NUDGE)).toEqual([]);
    expect(buttonValues(officer.body, REVIEW_OPEN)).toEqual([]);
  });

  it('shows the period past due by default, reads the block and period in either order, and explains words it does not know', async () => {
    t = await startTestBot({ now: AFTER_DUE });
    expect(textOf((await status(STP)).body)).toContain('Tiến độ báo cáo Quý I');
    expect(textOf((await status(ADMIN, 'tiendo van hoa xa hoi 6 thang', 'C0GENERAL')).body)).toContain(
      'Tiến độ báo cáo 6 tháng đầu năm 2021',
    );
    expect(textOf((await status(ADMIN, 'tiendo', 'C0GENERAL')).body)).toContain(
      'Tài khoản quản trị không thuộc khối nào: chọn khối để xem `/thidua tiendo`.',
    );
    expect(textOf((await status(STP, 'tiendo quy 7')).body)).toContain('Không rõ “quy 7”.');
  });

  it('sends a reminder from the lead’s “Nhắc” to the missing unit’s officers, with a button that opens the report, logged with the period’s name', async () => {
    t = await startTestBot({ now: AFTER_DUE });
    const { body } = await status(CA);
    const value = buttonValue(body, STATUS_NUDGE);
    const bchqs = buttonValues(body, STATUS_NUDGE).find((candidate) => candidate.endsWith(`:${unit('BCHQS').id}`))!;
    const pressed = await press(CA, body, STATUS_NUDGE, bchqs);
    expect(textOf(await firstResponse(t.slack, pressed.responseUrl!))).toBe(
      'Đã nhắc <@U0QS0001> (Bộ Chỉ huy Quân sự tỉnh) nộp báo cáo Quý I.',
    );
    const dm = await t.slack.waitFor(() => t.slack.dmsTo(QS)[0], 5000, 'the reminder');
    // The DM says who asked.
    expect(dm.text).toBe(
      '⏰ Trưởng khối (Công an tỉnh, <@U0CA0001>) nhắc: Đã quá 2 ngày so với hạn nộp báo cáo Quý I (17:00 ngày 10/04/2021). Bộ Chỉ huy Quân sự tỉnh chưa nộp báo cáo.',
    );
    expect(t.bot.store.audit.all().map((entry) => [entry.action, entry.actorUserId])).toEqual([['report.nudged', CA]]);
    // The audit log names the period as people know it, not by its code.
    const log = textOf((await status(ADMIN, 'quantri nhatky BCHQS')).body);
    expect(log).toContain('<@U0CA0001>: nhắc nộp báo cáo Quý I — Bộ Chỉ huy Quân sự tỉnh');
    expect(log).not.toContain('Q1');

    // Pressed again (by the lead unit's other officer too) within the hour: no second DM, and the lead is told when it went.
    for (const user of [CA, DEMO.ca2]) {
      const again = await press(user, body, STATUS_NUDGE, bchqs);
      expect(textOf(await firstResponse(t.slack, again.responseUrl!))).toBe(
        'Bộ Chỉ huy Quân sự tỉnh vừa được <@U0CA0001> nhắc lúc 12/04/2021 10:00; chưa gửi thêm tin nhắc. Có thể nhắc lại từ 12/04/2021 11:00.',
      );
    }
    await t.bot.idle();
    expect(t.slack.dmsTo(QS)).toHaveLength(1);
    // An hour later it may be sent again.
    t.clock.set(new Date(AFTER_DUE.getTime() + 3_600_000));
    const later = await press(CA, body, STATUS_NUDGE, bchqs);
    expect(textOf(await firstResponse(t.slack, later.responseUrl!))).toContain('Đã nhắc <@U0QS0001>');
    await t.slack.waitFor(() => t.slack.dmsTo(QS)[1], 5000, 'the second reminder');
    t.clock.set(AFTER_DUE);

    // The reminder's button opens the unit's report.
    const opens = t.slack.callsTo('views.open').length;
    await t.driver.pressButton({ userId: QS, actionId: NUDGE_OPEN_REPORT, value: buttonValue(dm, NUDGE_OPEN_REPORT), in: { message: dm } });
    expect(textOf((await nextModalOf(t, QS, opens)).view)).toContain('Bộ Chỉ huy Quân sự tỉnh');

    // Someone who is not the lead cannot send reminders.
    const refused = await press(STP, body, STATUS_NUDGE, value);
    expect(textOf(await firstResponse(t.slack, refused.responseUrl!))).toBe(
      'Chỉ cán bộ của đơn vị Trưởng khối (hoặc quản trị viên) mới gửi lời nhắc được.',
    );
  });
});

describe('reviewing a report (thẩm định)', () => {
  it('lets the lead set a graded score and cut a bonus; reviewed points count, the officer is told, and the unit’s form shows the reviewed score, not a provisional one', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    seedPledge('STP');
    await openModalBy(t, STP, 'baocao', CHANNEL);
    await t.driver.submitView(STP, answers());
    const { body } = await status(CA);
    const opens = t.slack.callsTo('views.open').length;
    await press(CA, body, REVIEW_OPEN, buttonValue(body, REVIEW_OPEN));
    const modal = await nextModalOf(t, CA, opens);
    const shown = textOf(modal.view);
    expect(shown).toContain('*Sở Tư pháp* — báo cáo Quý I năm 2021');
    expect(shown).toContain('• 1. Hoàn thành chỉ tiêu chuyên môn đã giao ước (%): 98% (chỉ tiêu 100%) → 39,20 điểm');
    expect(shown).toMatch(/• 9\. Số vụ việc vi phạm, đơn thư tồn đọng \(vụ việc\): \d+ vụ việc \(mức trần \d+ vụ việc\) → 5,00 điểm/);
    const inputs = new Map(inputsOf(modal.view).map((input) => [input.blockId, input]));
    expect(inputs.get(`review_points_${criterion('2').id}`)).toMatchObject({ initial: '8', hint: 'Đơn vị tự chấm: 8.' });
    expect(inputs.get(`review_points_${criterion('T').id}`)?.hint).toContain(
      'Đơn vị đề nghị 3 điểm: “Bằng khen của Bộ Tư pháp số 123/QĐ-BTP”',
    );
    // One maximum, the criterion's (5), in the label; the 3 claimed, above which a reason is needed, in the hint.
    expect(inputs.get(`review_points_${criterion('T').id}`)?.label).toMatch(/\(Cờ, Bằng khen cấp trên; mô hình mới\) — tối đa 5 điểm$/);
    expect(inputs.get(`review_points_${criterion('T').id}`)?.hint).toMatch(/\. Ghi cao hơn 3 điểm thì ghi lý do bên dưới\.$/);
    expect(inputs.get(`review_points_${criterion('K').id}`)?.initial).toBe('0');

    // The bonus (max 5) may be cut from the 3 claimed; raised to 4 only with a reason the unit is told.
    const bad = await t.driver.submitView(CA, {
      [`review_points_${criterion('2').id}`]: '11',
      [`review_points_${criterion('6').id}`]: 'bốn',
      [`review_points_${criterion('T').id}`]: '4',
      // A count of cases (“vụ việc”) corrected to a fraction.
      [`review_value_${criterion('9').id}`]: '0,5',
      review_outcome: 'returned',
    });
    expect(bad.body).toEqual({
      response_action: 'errors',
      errors: {
        [`review_points_${criterion('2').id}`]: 'Nhập số từ 0 đến 10.',
        [`review_points_${criterion('6').id}`]: 'Giá trị “bốn” không phải là số. Nhập số, ví dụ 8 hoặc 8,5.',
        [`review_note_${criterion('T').id}`]: 'Cần ghi lý do thay đổi: đơn vị sẽ nhận được lý do này.',
        [`review_value_${criterion('9').id}`]: 'Nhập số nguyên không âm, ví dụ 0, 1 hoặc 2.',
        review_reason: 'Cần ghi lý do trả lại.',
      },
    });
    expect(t.bot.store.reports.reviewsOf(t.bot.store.reports.find(q1().id, unit('STP').id)!.id)).toEqual([]);

    const done = await t.driver.submitView(CA, {
      [`review_points_${criterion('2').id}`]: '6',
      [`review_points_${criterion('T').id}`]: '1',
      // Confirming takes an optional comment: stored with the review, sent to the unit, in the audit log.
      review_reason: 'Minh chứng đầy đủ, đề nghị giữ vững.',
    });
    // 39,2 + six yes × 5 + 5 (ceiling kept) + graded 6 (lead) + 4 + 9 + bonus 1 accepted of 3 = 94,2
    expect(textOf(resultOf(done))).toBe('✅ Đã thẩm định báo cáo Quý I của Sở Tư pháp: 94,20 điểm.');
    const report = t.bot.store.reports.forUnits(q1().id, [unit('STP').id]).get(unit('STP').id)!;
    expect(report.review).toMatchObject({ outcome: 'reviewed', reviewerUserId: CA, reason: 'Minh chứng đầy đủ, đề nghị giữ vững.' });
    expect(report.review!.scores.get(criterion('2').id)?.points).toBe(6);
    expect(report.review!.scores.get(criterion('T').id)?.points).toBe(1);
    const told = await t.slack.waitFor(
      () => t.slack.dmsTo(STP).find((message) => message.text.includes('đã được thẩm định')),
      5000,
      'the officer told',
    );
    // The officer is told every change the lead made to what the unit wrote.
    expect(told.text).toBe(
      [
        'Báo cáo Quý I của Sở Tư pháp đã được thẩm định (<@U0CA0001>): 94,20 điểm.',
        'Nhận xét của Trưởng khối: “Minh chứng đầy đủ, đề nghị giữ vững.”',
        'Trưởng khối đã thay đổi:',
        '• 2. Cải cách hành chính, chuyển đổi số: 8 → 6 điểm',
        '• T. Điểm thưởng (Cờ, Bằng khen cấp trên; mô hình mới): 3 → 1 điểm',
      ].join('\n'),
    );
    expect(t.bot.store.audit.all().at(-1)).toMatchObject({
      action: 'report.reviewed',
      actorUserId: CA,
      details: expect.objectContaining({ total: 94.2, comment: 'Minh chứng đầy đủ, đề nghị giữ vững.' }),
    });

    // The unit's report now shows who reviewed it and the reviewed score.
    const { view } = await openModalBy(t, STP, 'baocao q1', CHANNEL);
    expect(textOf(view.view)).toContain('Đã thẩm định: <@U0CA0001>, 08/04/2021 09:00.');
    expect(textOf(view.view)).toContain('Điểm đã thẩm định của bản đang có hiệu lực: *94,20 điểm*.');
    expect(textOf(view.view)).not.toContain('tạm tính');
  });

  it('returns a report with a reason: the officers get it with a button, and may resubmit even after the lock', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    await openModalBy(t, STP, 'baocao', CHANNEL);
    await t.driver.submitView(STP, answers());
    t.clock.set(AFTER_DUE);
    const { body } = await status(CA);
    const opens = t.slack.callsTo('views.open').length;
    await press(CA, body, REVIEW_OPEN, buttonValue(body, REVIEW_OPEN));
    await nextModalOf(t, CA, opens);
    const done = await t.driver.submitView(CA, { review_outcome: 'returned', review_reason: 'Bổ sung minh chứng cho tiêu chí 1' });
    expect(textOf(resultOf(done))).toBe('Đã trả lại báo cáo Quý I cho Sở Tư pháp; cán bộ của đơn vị được báo qua tin nhắn riêng.');
    const dm = await t.slack.waitFor(
      () => t.slack.dmsTo(STP).find((message) => message.text.includes('trả lại')),
      5000,
      'the returned report',
    );
    expect(dm.text).toBe(
      'Báo cáo Quý I của Sở Tư pháp được Trưởng khối trả lại (<@U0CA0001>): “Bổ sung minh chứng cho tiêu chí 1”. Vui lòng sửa và nộp lại.\nHạn nộp lại: 17:00 ngày 15/04/2021.',
    );

    const reopens = t.slack.callsTo('views.open').length;
    await t.driver.pressButton({
      userId: STP,
      actionId: NUDGE_OPEN_REPORT,
      value: buttonValue(dm, NUDGE_OPEN_REPORT),
      in: { message: dm },
    });
    const reopened = await nextModalOf(t, STP, reopens);
    expect(textOf(reopened.view)).toContain('Trưởng khối đã trả lại báo cáo (<@U0CA0001>): “Bổ sung minh chứng cho tiêu chí 1”.');
    const resubmitted = await t.driver.submitView(STP, { report_evidence: 'https://drive.vinhphuc.gov.vn/stp-q1.pdf' });
    expect(textOf(resultOf(resubmitted))).toContain('✅ Đã lưu báo cáo Quý I của Sở Tư pháp (bản 2).');
    const versions = t.bot.store.reports.versions(t.bot.store.reports.find(q1().id, unit('STP').id)!.id);
    // Resubmitted after the due, the report is still the one submitted on time.
    expect(versions.map((version) => [version.status, version.late])).toEqual([
      ['accepted', false],
      ['accepted', false],
    ]);
    const { body: after } = await status(CA);
    expect(textOf(after)).toContain('*Sở Tư pháp* — Chờ thẩm định');

    // The lead who returned it is told it came back, with the review a press away.
    const back = await t.slack.waitFor(() => t.slack.dmsTo(CA).find((message) => message.text.includes('nộp lại')), 5000, 'the lead told');
    expect(back.text).toBe('Sở Tư pháp đã nộp lại báo cáo Quý I (bản 2) sau khi bị trả lại; báo cáo chờ thẩm định.');
    const second = versions.find((version) => version.version === 2)!;
    const opensBefore = t.slack.callsTo('views.open').length;
    await t.driver.pressButton({ userId: CA, actionId: REVIEW_OPEN, value: buttonValue(back, REVIEW_OPEN), in: { message: back } });
    expect(buttonValue(back, REVIEW_OPEN)).toBe(String(second.id));
    expect(textOf((await nextModalOf(t, CA, opensBefore)).view)).toContain('*Sở Tư pháp* — báo cáo Quý I năm 2021');
  });

  it("leaves the lead unit's own report to the admins", async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    const own = seedReport('CA', BEFORE_DUE, false);
    const { body } = await status(CA);
    expect(buttonValues(body, REVIEW_OPEN)).not.toContain(String(own.id));
    const refused = await press(CA, body, REVIEW_OPEN, String(own.id));
    expect(textOf(await firstResponse(t.slack, refused.responseUrl!))).toContain(
      'Chỉ cán bộ của đơn vị Trưởng khối (hoặc quản trị viên) mới thẩm định được báo cáo này',
    );
    const { body: admin } = await status(ADMIN, 'tiendo noi chinh', 'C0GENERAL');
    expect(buttonValues(admin, REVIEW_OPEN)).toContain(String(own.id));
  });
});

describe('deadlines (hạn chót)', () => {
  it("lists the unit's dues with its state and a button for what is still to do", async () => {
    t = await startTestBot({ now: AFTER_DUE });
    seedPledge('STP');
    seedReport('STP', BEFORE_DUE, false, { outcome: 'returned', reason: 'Thiếu số liệu' });
    const reply = await t.driver.slashCommand(STP, 'han chot', CHANNEL);
    const body = await firstResponse(t.slack, reply.responseUrl);
    const text = textOf(body);
    expect(text).toContain('*Sở Tư pháp* — Khối thi đua Nội chính');
    expect(text).toContain('Đã xong: Giao ước thi đua năm 2021 (15/03/2021).');
    expect(text).toContain('*Báo cáo Quý I* — hạn 10/04/2021 17:00 (đã quá hạn 2 ngày) — Bị trả lại, cần nộp lại 08/04/2021');
    // A report not open yet says when it opens, with no button that would only say so.
    expect(text).toContain('*Báo cáo 6 tháng đầu năm* — hạn 10/07/2021 17:00 (còn 89 ngày) — Chưa mở (mở từ 21/06/2021 00:00)');
    expect(buttonValues(body, NUDGE_OPEN_REPORT)).toEqual(['2021:Q1:STP']);
    // Once it opens, it is to do, with its button.
    t.clock.set(new Date('2021-06-25T03:00:00Z'));
    const later = await firstResponse(t.slack, (await t.driver.slashCommand(STP, 'han chot', CHANNEL)).responseUrl);
    expect(textOf(later)).toContain('*Báo cáo 6 tháng đầu năm* — hạn 10/07/2021 17:00 (còn 15 ngày) — Chưa nộp');
    expect(buttonValues(later, NUDGE_OPEN_REPORT)).toEqual(['2021:Q1:STP', '2021:H1:STP']);
  });

  it('says a report is reviewed once the lead confirmed it', async () => {
    t = await startTestBot({ now: AFTER_DUE });
    seedPledge('STP');
    seedReport('STP', BEFORE_DUE, false, { outcome: 'reviewed' });
    const reply = await t.driver.slashCommand(STP, 'han chot', CHANNEL);
    expect(textOf(await firstResponse(t.slack, reply.responseUrl))).toContain(
      'Đã xong: Giao ước thi đua năm 2021 (15/03/2021); Báo cáo Quý I (08/04/2021, đã thẩm định).',
    );
  });

  it('shows an admin each block’s count per due', async () => {
    t = await startTestBot({ now: AFTER_DUE });
    seedReport('STP', BEFORE_DUE, false);
    const reply = await t.driver.slashCommand(ADMIN, 'deadlines', 'C0GENERAL');
    const text = textOf(await firstResponse(t.slack, reply.responseUrl));
    expect(text).toContain(
      '*Báo cáo Quý I* — 10/04/2021 17:00 (đã quá hạn 2 ngày)\nKhối thi đua Nội chính: 1/7 · Khối thi đua Văn hóa – Xã hội: 0/6',
    );
  });
});

describe('a correction approved after the review', () => {
  /** The unit asks for a change of its locked report; the lead approves it. */
  async function correctAndApprove(changes: Record<string, string>) {
    const dmsBefore = t.slack.dmsTo(CA).length;
    await openModalBy(t, STP, 'baocao q1', CHANNEL);
    await t.driver.submitView(STP, { unit_change_reason: 'Bổ sung số liệu', ...changes });
    const request = await t.slack.waitFor(() => t.slack.dmsTo(CA)[dmsBefore], 5000, 'the change request');
    await t.driver.pressButton({
      userId: CA,
      actionId: CHANGE_REQUEST_APPROVE,
      value: buttonValue(request, CHANGE_REQUEST_APPROVE),
      in: { message: request },
    });
    await t.bot.idle();
    return t.bot.store.reports.forUnits(q1().id, [unit('STP').id]).get(unit('STP').id)!;
  }

  it('keeps the lead’s marks on the lines it did not change; a changed line the lead scores waits for review alone', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    await submitReport(STP, 'STP');
    t.clock.set(AFTER_DUE);
    await openReview(CA);
    // The lead: 8 → 6 for criterion 2, the bonus cut from 3 to 1.
    await t.driver.submitView(CA, { [`review_points_${criterion('2').id}`]: '6', [`review_points_${criterion('T').id}`]: '1' });

    // A change to a line the bot computes: the review stands as it was.
    let report = await correctAndApprove({ [`report_value_${criterion('1').id}`]: '100' });
    expect(report.inForce!.version).toBe(2);
    expect(report.review).toMatchObject({ outcome: 'reviewed', reviewerUserId: CA, awaiting: [] });
    expect(report.review!.scores.get(criterion('2').id)?.points).toBe(6);
    expect(report.review!.scores.get(criterion('T').id)?.points).toBe(1);
    // One record of submission and lateness: on time, first submitted 08/04, in tiendo and the review alike.
    expect(report.inForce!.late).toBe(false);
    let table = textOf((await status(CA)).body);
    expect(table).toContain('*Sở Tư pháp* — Đã thẩm định');
    expect(table).toContain('nộp 08/04/2021 09:00 (đúng hạn)');

    // A change to a graded line: that line alone waits; the lead's other marks stay.
    report = await correctAndApprove({ [`report_value_${criterion('6').id}`]: '5' });
    expect(report.review!.awaiting).toEqual([criterion('6').id]);
    expect(report.review!.scores.get(criterion('2').id)?.points).toBe(6);
    expect(report.review!.scores.has(criterion('6').id)).toBe(false);
    table = textOf((await status(CA)).body);
    expect(table).toContain('*Sở Tư pháp* — Chờ thẩm định');
    const modal = await openReview(CA, String(report.inForce!.id));
    expect(textOf(modal.view)).toContain('báo cáo nộp lần đầu 08/04/2021 09:00 (đúng hạn)');
    const inputs = new Map(inputsOf(modal.view).map((input) => [input.blockId, input]));
    expect(inputs.get(`review_points_${criterion('2').id}`)?.initial).toBe('6');
    expect(inputs.get(`review_points_${criterion('T').id}`)?.initial).toBe('1');
    expect(inputs.get(`review_points_${criterion('6').id}`)?.initial).toBe('5');
  });

  it('tells the unit, on approval, exactly which points changed, before → after, why, and the new total', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    await submitReport(STP, 'STP');
    t.clock.set(AFTER_DUE);
    await openReview(CA);
    await t.driver.submitView(CA, {
      [`review_points_${criterion('2').id}`]: '6',
      [`review_points_${criterion('T').id}`]: '1',
      [`review_note_${criterion('T').id}`]: 'Chỉ công nhận một thành tích cấp tỉnh',
    });
    await t.bot.idle();
    const outcome = async () => {
      const seen = t.slack.dmsTo(STP).length;
      await correctAndApprove({
        [`report_value_${criterion('1').id}`]: '80',
        unit_change_reason: 'Sở Tài chính điều chỉnh số liệu giải ngân',
      });
      return t.slack
        .dmsTo(STP)
        .slice(seen)
        .find((message) => message.text.includes('duyệt'))!.text;
    };

    // A figure the bot scores: that line alone, with the unit's reason, and the total; the lead's marks stand.
    let told = await outcome();
    expect(told.split('\n').slice(0, 2)).toEqual([
      '✅ Đề nghị “Sửa báo cáo Quý I năm 2021” của Sở Tư pháp đã được <@U0CA0001> duyệt lúc 12/04/2021 10:00; bản sửa đổi có hiệu lực từ nay.',
      'Lý do điều chỉnh đơn vị đã nêu: “Sở Tài chính điều chỉnh số liệu giải ngân”.',
    ]);
    expect(told.split('\n').slice(2)).toEqual([
      'Điểm thay đổi theo bản điều chỉnh:',
      '• 1. Hoàn thành chỉ tiêu chuyên môn đã giao ước (%): 39,2 → 32 điểm — lý do: “Sở Tài chính điều chỉnh số liệu giải ngân”',
      'Tổng điểm: 94,20 → 87,00 điểm.',
    ]);

    // A claim the lead decides: it waits for the lead (a bonus counts once reviewed), the lead's earlier note is
    // repeated, the total is provisional.
    const seen = t.slack.dmsTo(STP).length;
    await correctAndApprove({
      [`report_value_${criterion('T').id}`]: '2',
      [`report_reason_${criterion('T').id}`]: 'Bằng khen của Bộ Công an',
      unit_change_reason: 'Bổ sung thành tích được khen thưởng',
    });
    told = t.slack
      .dmsTo(STP)
      .slice(seen)
      .find((message) => message.text.includes('duyệt'))!.text;
    expect(told.split('\n').slice(2)).toEqual([
      'Điểm thay đổi theo bản điều chỉnh:',
      '• T. Điểm thưởng (Cờ, Bằng khen cấp trên; mô hình mới): 1 → 0 điểm (chờ Trưởng khối thẩm định lại; nhận xét trước đây của Trưởng khối: “Chỉ công nhận một thành tích cấp tỉnh”) — lý do: “Bổ sung thành tích được khen thưởng”',
      'Tổng điểm: 87,00 → 86,00 điểm (tạm tính: còn tiêu chí chờ Trưởng khối thẩm định).',
    ]);
  });
});

describe('a deduction the lead adds', () => {
  it('needs a reason, which the unit’s DM gives with the change, and the breakdown says who deducted what', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    await submitReport(STP, 'STP');
    t.clock.set(AFTER_DUE);
    const deduction = `review_points_${criterion('K').id}`;
    // The unit entered no deduction: the label says the criterion's maximum once, the hint no empty quote.
    const field = inputsOf((await openReview(CA)).view).find((input) => input.blockId === deduction)!;
    expect(field.label).toBe('K. Điểm trừ (kỷ luật, vi phạm, chậm báo cáo) — tối đa 5 điểm');
    expect(field.hint).toBe('Đơn vị không ghi điểm trừ. Ghi điểm thì ghi lý do bên dưới.');
    const bad = await t.driver.submitView(CA, { [deduction]: '1' });
    expect(bad.body).toEqual({
      response_action: 'errors',
      errors: { [`review_note_${criterion('K').id}`]: 'Cần ghi lý do thay đổi: đơn vị sẽ nhận được lý do này.' },
    });
    await t.driver.submitView(CA, { [deduction]: '1', [`review_note_${criterion('K').id}`]: 'Chậm gửi báo cáo tháng 2' });
    const told = await t.slack.waitFor(
      () => t.slack.dmsTo(STP).find((message) => message.text.includes('đã được thẩm định')),
      5000,
      'the officer told',
    );
    expect(told.text).toContain('• K. Điểm trừ (kỷ luật, vi phạm, chậm báo cáo): (trống) → 1 điểm — lý do: “Chậm gửi báo cáo tháng 2”');

    // Chi tiết says the lead deducted it, not that the lead "accepted" a deduction nobody declared.
    const table = await firstResponse(t.slack, (await t.driver.slashCommand(STP, 'xephang q1', CHANNEL)).responseUrl);
    const detailOpens = t.slack.callsTo('views.open').length;
    await press(
      STP,
      table,
      STANDINGS_DETAIL,
      buttonValues(table, STANDINGS_DETAIL).find((value) => value.includes(`"unitId":${unit('STP').id}`))!,
    );
    const detail = textOf((await nextModalOf(t, STP, detailOpens)).view);
    expect(detail).toContain(
      '*K.* Điểm trừ (kỷ luật, vi phạm, chậm báo cáo): đơn vị không tự nhận · Trưởng khối trừ 1 (<@U0CA0001>) → *−1,00* / 5',
    );
  });
});

describe('the lead’s own report', () => {
  it('is reviewed by the deputy (Thanh tra tỉnh), and the lead’s tiendo says so', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    await submitReport(CA, 'CA');
    t.clock.set(AFTER_DUE);

    const lead = await status(CA);
    expect(textOf(lead.body)).toContain(
      '*Công an tỉnh* — Chờ thẩm định · nộp 08/04/2021 09:00 (đúng hạn) · do Phó Trưởng khối (Thanh tra tỉnh) thẩm định',
    );
    expect(buttonValues(lead.body, REVIEW_OPEN)).toEqual([]);

    await openReview(DEMO.tt);
    const done = await t.driver.submitView(DEMO.tt, {});
    expect(textOf(resultOf(done))).toContain('✅ Đã thẩm định báo cáo Quý I của Công an tỉnh');
    const report = t.bot.store.reports.forUnits(q1().id, [unit('CA').id]).get(unit('CA').id)!;
    expect(report.review).toMatchObject({ outcome: 'reviewed', reviewerUserId: DEMO.tt, actingAsAdmin: false });
  });
});

describe('confirming the reports with nothing to score in one action', () => {
  const OFFICERS = OFFICER;
  const noBonus = () => answers({ [`report_value_${criterion('T').id}`]: '', [`report_reason_${criterion('T').id}`]: '' });

  it('a page is drawn once between writes, and counts the due from the moment it is drawn', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    await submitReport(OFFICERS.VKS, 'VKS', noBonus());
    expect(textOf((await status(CA)).body)).toContain('còn 2 ngày');
    t.statements.length = 0;
    expect(textOf((await status(CA)).body)).toContain('còn 2 ngày');
    expect(t.statements.filter((statement) => /due_extensions|from "reports"/.test(statement))).toEqual([]);
    // The due is 10/04/2021 17:00 in Hà Nội: the last millisecond before it, then the first after.
    t.clock.set(new Date('2021-04-10T09:59:59.999Z'));
    expect(textOf((await status(CA)).body)).toContain('hôm nay là hạn');
    t.clock.set(new Date('2021-04-10T10:00:00.001Z'));
    expect(textOf((await status(CA)).body)).toContain('đã quá hạn hôm nay');
    // Sở Tư pháp's officer sees no Thẩm định button; the lead's is there, whoever drew first.
    expect(buttonValues((await status(STP)).body, REVIEW_OPEN)).toEqual([]);
    expect(buttonValues((await status(CA)).body, REVIEW_OPEN)).toHaveLength(1);
  });

  it('are worked out once between two writes, and a report submitted meanwhile is counted at once', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    await submitReport(OFFICERS.VKS, 'VKS', noBonus());
    t.clock.set(AFTER_DUE);
    expect(textOf((await status(CA)).body)).toContain('Xác nhận 1 báo cáo không cần chấm');
    t.statements.length = 0;
    expect(textOf((await status(CA)).body)).toContain('Xác nhận 1 báo cáo không cần chấm');
    // Drawn again with nothing written meanwhile: no report is read one by one to count them.
    expect(t.statements.filter((statement) => /from "report_versions"/.test(statement))).toEqual([]);
    await submitReport(OFFICERS.TAND, 'TAND', noBonus());
    expect(textOf((await status(CA)).body)).toContain('Xác nhận 2 báo cáo không cần chấm');
  });

  it('lists them first, confirms them all with one press, and leaves the one with a bonus claimed to the review', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    for (const [code, user] of Object.entries(OFFICERS)) await submitReport(user, code, code === 'STP' ? answers() : noBonus());
    t.clock.set(AFTER_DUE);
    const { body } = await status(CA);
    // Six units the lead reviews (its own is the deputy's): five need nothing scored, Sở Tư pháp claims a bonus.
    expect(buttonValues(body, REVIEW_OPEN)).toHaveLength(6);
    const confirmAll = buttonValue(body, STATUS_CONFIRM_MANY);
    expect(textOf(body)).toContain('Xác nhận 5 báo cáo không cần chấm');
    const opens = t.slack.callsTo('views.open').length;
    await press(CA, body, STATUS_CONFIRM_MANY, confirmAll);
    const list = textOf((await nextModalOf(t, CA, opens)).view);
    // What makes them need no scoring, as the rule is: the units did self-score criteria the lead reviews.
    expect(list).toContain(
      '5 báo cáo sau không có gì Trưởng khối phải cho điểm: đơn vị không đề nghị điểm thưởng, không có tiêu chí nào chỉ Trưởng khối chấm, và đơn vị đã tự chấm đủ mọi tiêu chí tự chấm. Xác nhận tất cả, giữ nguyên điểm đơn vị đã tự chấm?',
    );
    for (const unitName of [
      'Thanh tra tỉnh',
      'Viện Kiểm sát nhân dân tỉnh',
      'Tòa án nhân dân tỉnh',
      'Bộ Chỉ huy Quân sự tỉnh',
      'Cục Thi hành án dân sự tỉnh',
    ])
      expect(list).toContain(`• ${unitName} — `);
    expect(list).not.toContain('Sở Tư pháp');
    expect(list).not.toContain('Công an tỉnh —');

    const done = await t.driver.submitView(CA, {});
    expect(textOf(resultOf(done))).toContain(
      '✅ Đã xác nhận 5 báo cáo: Thanh tra tỉnh; Viện Kiểm sát nhân dân tỉnh; Tòa án nhân dân tỉnh; Bộ Chỉ huy Quân sự tỉnh; Cục Thi hành án dân sự tỉnh.',
    );
    await t.bot.idle();
    expect(t.slack.dmsTo(OFFICERS.VKS).some((message) => message.text.includes('đã được thẩm định (<@U0CA0001>)'))).toBe(true);
    const reports = t.bot.store.reports.forUnits(
      q1().id,
      Object.keys(OFFICERS).map((code) => unit(code).id),
    );
    const reviewed = Object.keys(OFFICERS).filter((code) => reports.get(unit(code).id)?.review?.outcome === 'reviewed');
    expect(reviewed).toEqual(['TT', 'VKS', 'TAND', 'BCHQS', 'CTHADS']);
    // The self-scores stand: the graded line is confirmed as the unit scored it.
    expect(reports.get(unit('VKS').id)!.review!.scores.get(criterion('2').id)?.points).toBe(8);

    // What is left: Sở Tư pháp, reviewed in its modal; the lead's own unit, confirmed by the deputy the same way.
    const after = await status(CA);
    expect(buttonValues(after.body, STATUS_CONFIRM_MANY)).toEqual([]);
    expect(textOf(after.body)).toContain('*Sở Tư pháp* — Chờ thẩm định');
    expect(textOf(after.body)).toContain('*Viện Kiểm sát nhân dân tỉnh* — Đã thẩm định');
    await openReview(CA, String(reports.get(unit('STP').id)!.inForce!.id));
    await t.driver.submitView(CA, { [`review_points_${criterion('T').id}`]: '2' });
    const deputy = await status(DEMO.tt);
    const deputyOpens = t.slack.callsTo('views.open').length;
    await press(DEMO.tt, deputy.body, STATUS_CONFIRM_MANY, buttonValue(deputy.body, STATUS_CONFIRM_MANY));
    expect(textOf((await nextModalOf(t, DEMO.tt, deputyOpens)).view)).toContain('• Công an tỉnh — ');
    await t.driver.submitView(DEMO.tt, {});
    expect(textOf((await status(CA)).body)).toContain('Đã nộp 7/7 · đã thẩm định 7');
  });

  it('speaks the reader’s language from the button to the result, and counts one report as one', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    await submitReport(OFFICERS.VKS, 'VKS', noBonus());
    t.clock.set(AFTER_DUE);
    await t.driver.slashCommand(CA, 'ngonngu en', CHANNEL);
    const { body } = await status(CA);
    expect(textOf(body)).toContain('Confirm 1 report with nothing to score');
    const opens = t.slack.callsTo('views.open').length;
    await press(CA, body, STATUS_CONFIRM_MANY, buttonValue(body, STATUS_CONFIRM_MANY));
    expect(textOf((await nextModalOf(t, CA, opens)).view)).toContain(
      'This report has nothing for the block lead to score: no bonus claimed, no criterion that only the block lead scores, and a self-score on every criterion the unit scores itself. Confirm it with the unit’s own scores?',
    );
    const done = await t.driver.submitView(CA, {});
    expect(textOf(resultOf(done))).toContain('✅ Confirmed 1 report: Viện Kiểm sát nhân dân tỉnh.');
  });

  it("carries the lead's comment to every confirmed unit's message, its review and the audit log; without one, no empty quote", async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    for (const [code, user] of Object.entries(OFFICERS)) if (code !== 'STP') await submitReport(user, code, noBonus());
    t.clock.set(AFTER_DUE);
    // An officer whose report is confirmed has its App Home open: it is drawn again with the reviewed score.
    await t.driver.sendEvent(
      { type: 'app_home_opened', user: OFFICERS.VKS, channel: `D${OFFICERS.VKS}`, tab: 'home', event_ts: '1.000' },
      'Ev0HOMEVKS',
    );
    await t.bot.idle();
    expect(textOf(t.slack.homeViews.get(OFFICERS.VKS)!)).not.toContain('Kết quả gần nhất đã thẩm định');
    const { body } = await status(CA);
    const opens = t.slack.callsTo('views.open').length;
    await press(CA, body, STATUS_CONFIRM_MANY, buttonValue(body, STATUS_CONFIRM_MANY));
    const modal = (await nextModalOf(t, CA, opens)).view;
    expect(inputsOf(modal).map((input) => input.label)).toEqual(['Nhận xét (không bắt buộc)']);
    const comment = 'Hồ sơ đầy đủ; đề nghị giữ vững <!channel> *kết quả*.';
    await t.driver.submitView(CA, { status_confirm_comment: `  ${comment}  ` });
    await t.bot.idle();
    const confirmedCodes = ['TT', 'VKS', 'TAND', 'BCHQS', 'CTHADS'];
    const escaped = 'Nhận xét của Trưởng khối: “Hồ sơ đầy đủ; đề nghị giữ vững &lt;!channel&gt; *kết quả*.”';
    for (const code of confirmedCodes) {
      const dm = t.slack.dmsTo(OFFICERS[code as keyof typeof OFFICERS]).find((message) => message.text.includes('đã được thẩm định'));
      expect(dm?.text, code).toContain(escaped);
    }
    const reports = t.bot.store.reports.forUnits(
      q1().id,
      confirmedCodes.map((code) => unit(code).id),
    );
    for (const code of confirmedCodes) expect(reports.get(unit(code).id)!.review!.reason).toBe(comment);
    const entries = t.bot.store.audit.all().filter((entry) => entry.action === 'report.reviewed');
    expect(entries).toHaveLength(5);
    for (const entry of entries) expect(entry.details).toMatchObject({ asItStands: true, comment });
    expect(textOf(t.slack.homeViews.get(OFFICERS.VKS)!)).toContain('*Kết quả gần nhất đã thẩm định — Quý I:*');

    // The deputy confirms the lead's own unit without a comment: the message has no quote at all.
    const deputy = await status(DEMO.tt);
    const deputyOpens = t.slack.callsTo('views.open').length;
    await press(DEMO.tt, deputy.body, STATUS_CONFIRM_MANY, buttonValue(deputy.body, STATUS_CONFIRM_MANY));
    await nextModalOf(t, DEMO.tt, deputyOpens);
    await t.driver.submitView(DEMO.tt, { status_confirm_comment: '   ' });
    await t.bot.idle();
    const own = t.slack.dmsTo(OFFICERS.CA).find((message) => message.text.includes('đã được thẩm định'));
    expect(own?.text).toBeDefined();
    expect(own!.text).not.toContain('Nhận xét');
    expect(own!.text).not.toContain('“');
    expect(t.bot.store.reports.forUnits(q1().id, [unit('CA').id]).get(unit('CA').id)!.review!.reason).toBeNull();
  });

  it('says in the review form why a target criterion of a unit with no pledged target scores 0, in both languages', async () => {
    t = await startTestBot({ now: AFTER_DUE });
    seedReport('STP', BEFORE_DUE, false);
    expect(textOf((await openReview(CA)).view)).toContain(
      '• 1. Hoàn thành chỉ tiêu chuyên môn đã giao ước (%): 90% (đơn vị chưa giao ước chỉ tiêu) → 0,00 điểm',
    );
    await t.driver.slashCommand(CA, 'ngonngu en', CHANNEL);
    expect(textOf((await openReview(CA)).view)).toContain(': 90% (no pledged target) → 0.00 points');
  });

  it('tells the unit, in its form before the due, that saving a reviewed report again sets the review aside, and tells the lead when it does', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    await submitReport(STP, 'STP');
    // Saved again before any review: nobody waits on it, so the lead hears nothing.
    await openModalBy(t, STP, 'baocao Q1', CHANNEL);
    await t.driver.submitView(STP, { [`report_value_${criterion('1').id}`]: '96' });
    await openReview(CA);
    await t.driver.submitView(CA, {});
    await t.bot.idle();
    await t.driver.slashCommand(STP, 'ngonngu en', CHANNEL);
    expect(textOf((await openModalBy(t, STP, 'baocao Q1', CHANNEL)).view.view)).toContain(
      "Saving a new version sets this review aside: the report waits for the block lead's review again.",
    );
    await t.driver.slashCommand(STP, 'ngonngu vi', CHANNEL);
    const form = await openModalBy(t, STP, 'baocao Q1', CHANNEL);
    expect(textOf(form.view.view)).toContain('Lưu bản mới thì kết quả thẩm định này không còn: báo cáo trở lại chờ Trưởng khối thẩm định.');
    // And so it is: the new version waits for the lead.
    await t.driver.submitView(STP, { [`report_value_${criterion('1').id}`]: '99' });
    await t.bot.idle();
    expect(textOf((await status(CA)).body)).toContain('*Sở Tư pháp* — Chờ thẩm định');
    // The lead's officers are told, each in their language, with the review a press away.
    const told = t.slack.dmsTo(CA);
    expect(told.map((message) => message.text)).toEqual([
      'Sở Tư pháp đã sửa báo cáo Quý I (bản 3) sau khi được thẩm định; kết quả thẩm định trước không còn tính, báo cáo chờ thẩm định lại.',
    ]);
    const third = t.bot.store.reports.forUnits(q1().id, [unit('STP').id]).get(unit('STP').id)!.inForce!;
    expect([third.version, buttonValue(told[0]!, REVIEW_OPEN)]).toEqual([3, String(third.id)]);
    expect(t.slack.dmsTo(DEMO.ca2)).toHaveLength(1);
    expect(t.bot.store.audit.all().at(-1)).toMatchObject({
      action: 'report.updated',
      details: expect.objectContaining({ reviewLapsed: true }),
    });
  });
});
