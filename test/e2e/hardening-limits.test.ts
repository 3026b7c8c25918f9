import { afterEach, describe, expect, it } from 'vitest';
import { inputsOf } from '../../src/local-slack/view-state';
import { fieldLimit } from '../../src/views/field-limits';
import { CHANGE_REQUEST_REASON_BLOCK, CHANGE_REQUEST_REJECT, directiveIds, REVIEW_OPEN, STATUS_NEXT } from '../../src/views/ids';
import { firstResponse, startTestBot, type TestBot, textOf } from '../support/bot';
import { DEMO, demoLookups } from '../support/demo';
import { nextModalOf, openModalBy, openModalFromMessage, pressReplyButton } from '../support/interactions';

/**
 * Every text a modal takes has a limit, set as the input's max_length and held on the server: a
 * forged submission (Slack enforces max_length only in its own clients) is refused field by field
 * before any handler reads it, and nothing is stored. Before, a forged report stored a 200,000-
 * character note and a 50 KB "URL".
 */
const { stp: STP, ca: CA, admin: ADMIN, channel: CHANNEL, beforeDue: BEFORE_DUE, afterDue: AFTER_DUE } = DEMO;

let t: TestBot;
afterEach(() => t?.close());
const { reportAnswers, reasonBlock, valueBlock } = demoLookups(() => t);

/** Row counts of the tables a submission writes. */
function stored(): Record<string, number> {
  const count = (table: string) => (t.bot.handle.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  return Object.fromEntries(
    ['reports', 'report_versions', 'pledges', 'pledge_versions', 'directives', 'outbox', 'audit_log', 'processed_events'].map((table) => [
      table,
      count(table),
    ]),
  );
}

const tooLong = (limit: string) => `Quá dài: tối đa ${limit} ký tự. Chưa lưu gì; vui lòng rút gọn rồi gửi lại.`;

describe('limits on what a form takes', () => {
  it('sets max_length on every text input of every modal, equal to the limit the server holds it to', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    // Each modal as it was opened (a submission replaces what the local Slack holds).
    const views: { blocks: unknown }[] = [];
    const opened = async (user: string, text: string) => {
      const { view } = await openModalBy(t, user, text, CHANNEL);
      views.push(structuredClone(view.view) as { blocks: unknown });
      return view;
    };
    const report = await opened(STP, 'baocao');
    await opened(STP, 'dangky');
    await opened(ADMIN, 'vanban them');
    await opened(ADMIN, 'vanban sua 34-CT/TW');
    await t.driver.submitView(STP, reportAnswers(), report.id);
    const status = await firstResponse(t.slack, (await t.driver.slashCommand(CA, 'tiendo', CHANNEL)).responseUrl);
    const opens = t.slack.callsTo('views.open').length;
    await pressReplyButton(t, CA, status as { blocks?: unknown[] }, REVIEW_OPEN, CHANNEL);
    views.push(structuredClone((await nextModalOf(t, CA, opens)).view) as { blocks: unknown });
    // A change request's reason: the report is locked after the due, so a change is a request.
    t.clock.set(AFTER_DUE);
    await opened(STP, 'baocao Q1');
    await t.driver.submitView(STP, reportAnswers({ report_notes: 'bổ sung', unit_change_reason: 'Bổ sung ghi chú' }));
    const request = await t.slack.waitFor(() => t.slack.dmsTo(CA).at(-1), 5000, 'the change request');
    views.push(structuredClone((await openModalFromMessage(t, CA, request, CHANGE_REQUEST_REJECT)).view) as { blocks: unknown });

    const inputs = views.flatMap((view) =>
      (view.blocks as { type: string; block_id: string; element: { type: string; max_length?: number } }[])
        .filter((block) => block.type === 'input')
        .map((block) => ({ blockId: block.block_id, type: block.element.type, maxLength: block.element.max_length })),
    );
    const typed = inputs.filter((input) => input.type.endsWith('text_input'));
    expect(typed.length).toBeGreaterThanOrEqual(20);
    expect(typed.filter((input) => input.type !== 'plain_text_input')).toEqual([]);
    for (const input of typed) expect(input, input.blockId).toMatchObject({ maxLength: fieldLimit(input.blockId) });
    expect(new Set(typed.map((input) => input.blockId.replace(/\d+$/, '')))).toEqual(
      new Set([
        'report_value_',
        'report_reason_',
        'report_evidence',
        'report_notes',
        'pledge_target_',
        'pledge_commitments',
        'review_points_',
        'review_value_',
        'review_note_',
        'review_reason',
        CHANGE_REQUEST_REASON_BLOCK,
        'unit_change_reason',
        // The kind is a select, the dates are date pickers.
        ...Object.values(directiveIds.fields).filter(
          (field) => !['directive_kind', 'directive_issued_on', 'directive_expired_on'].includes(field),
        ),
      ]),
    );
  });

  it('checks a submission within the limits without reading the database (every submission passes the check)', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    t.statements.length = 0;
    const reply = await t.driver.sendPayload({
      type: 'view_submission',
      team: { id: t.slack.teamId },
      user: { id: STP },
      api_app_id: t.slack.appId,
      view: {
        id: 'VNOFORM',
        callback_id: 'no-such-form',
        private_metadata: '',
        state: { values: { note: { input: { type: 'plain_text_input', value: 'Ghi chú' } } } },
      },
    });
    expect(reply.status).toBe(200);
    await t.bot.listenersIdle();
    expect(t.statements).toEqual([]);
  });

  it('refuses a forged report with a 200,000-character note and a 50 KB link, field by field, and stores nothing', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    const { view } = await openModalBy(t, STP, 'baocao', CHANNEL);
    expect(inputsOf(view.view).length).toBeGreaterThan(0);
    const before = stored();
    const reply = await t.driver.submitView(
      STP,
      reportAnswers({
        report_notes: 'n'.repeat(200_000),
        report_evidence: `https://drive.example.gov.vn/${'a'.repeat(50_000)}`,
        [reasonBlock('T')]: 'r'.repeat(501),
        [valueBlock('1')]: '9'.repeat(31),
      }),
    );
    expect(reply.body).toEqual({
      response_action: 'errors',
      errors: {
        report_notes: tooLong('3.000'),
        report_evidence: tooLong('1.000'),
        [reasonBlock('T')]: tooLong('500'),
        [valueBlock('1')]: tooLong('30'),
      },
    });
    expect(stored()).toEqual(before);
    // At the limit, it is taken.
    const fits = await t.driver.submitView(STP, reportAnswers({ report_notes: 'n'.repeat(3000) }));
    expect(textOf((fits.body as { view: object }).view)).toContain('Đã nộp báo cáo Quý I của Sở Tư pháp');
    expect(
      t.bot.store.reports.inForce(t.bot.store.reports.find(demoLookups(() => t).q1().id, demoLookups(() => t).unit('STP').id)!.id)?.notes,
    ).toHaveLength(3000);
  });

  it('refuses oversized pledge commitments, directive fields and option values, and a button value longer than Slack allows', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    const { view } = await openModalBy(t, STP, 'dangky', CHANNEL);
    const before = stored();
    // Forged as a client that ignores the modal would send it: an option no checkbox has, text past max_length.
    const pledge = await t.driver.sendPayload({
      type: 'view_submission',
      team: { id: t.slack.teamId },
      user: { id: STP, team_id: t.slack.teamId },
      api_app_id: t.slack.appId,
      view: t.slack.viewPayload(view, {
        pledge_titles: { value: { type: 'checkboxes', selected_options: [{ value: 'x'.repeat(151) }] } },
        pledge_sign: { value: { type: 'checkboxes', selected_options: [{ value: 'signed' }] } },
        pledge_commitments: { value: { type: 'plain_text_input', value: 'c'.repeat(10_000) } },
      }),
    });
    expect(pledge.body).toEqual({
      response_action: 'errors',
      errors: { pledge_titles: tooLong('150'), pledge_commitments: tooLong('3.000') },
    });
    await openModalBy(t, ADMIN, 'vanban them', CHANNEL);
    const directive = await t.driver.submitView(ADMIN, {
      [directiveIds.fields.number]: '99/2024/QĐ-UBND',
      [directiveIds.fields.kind]: 'Quyết định',
      [directiveIds.fields.issuer]: 'UBND tỉnh',
      [directiveIds.fields.issuedOn]: '2024-01-01',
      [directiveIds.fields.title]: 't'.repeat(1001),
      [directiveIds.fields.summary]: 's'.repeat(100_000),
    });
    expect(directive.body).toEqual({
      response_action: 'errors',
      errors: { [directiveIds.fields.title]: tooLong('1.000'), [directiveIds.fields.summary]: tooLong('3.000') },
    });
    expect(stored()).toEqual(before);

    const pressed = await t.driver.pressButton({
      userId: CA,
      actionId: STATUS_NEXT,
      value: JSON.stringify({ b: 1, r: 1, p: 1, pad: 'x'.repeat(3000) }),
      in: { ephemeral: { channel: CHANNEL, blocks: [] } },
    });
    expect(textOf(await firstResponse(t.slack, pressed.responseUrl!))).toBe(
      'Nút này không còn dùng được; vui lòng gõ lại lệnh để có kết quả mới.',
    );
  });
});
