import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { inputsOf } from '../../src/local-slack/view-state';
import { CHANGE_REQUEST_APPROVE, REVIEW_OPEN, STANDINGS_DETAIL } from '../../src/views/ids';
import { firstResponse, startTestBot, type TestBot, textOf } from '../support/bot';
import { DEMO, demoLookups } from '../support/demo';
import { buttonValues, openModalBy, openModalFromReply, pressMessageButton, resultOf } from '../support/interactions';
import { runThidua, scratchFolder } from '../support/processes';

/**
 * Evidence files in the report form (Slack's file input) beside the link: stored on the version,
 * listed in the lead's review and in Chi tiết (names escaped), kept across a correction unless
 * unticked, shown to the lead in the change request; too many files or a kind not taken refused in
 * the field, with nothing stored.
 */
const { ca: CA, stp: STP, channel: CHANNEL, beforeDue: BEFORE_DUE, afterDue: AFTER_DUE } = DEMO;

let t: TestBot;
afterEach(async () => {
  await t?.close();
});

const { q1, unit, criterion, reportAnswers: answers, seedPledge } = demoLookups(() => t);

const reportOfStp = () => t.bot.store.reports.forUnits(q1().id, [unit('STP').id]).get(unit('STP').id);

/** Sở Tư pháp's officer opens the report form and submits it with `given` over the usual answers. */
async function submitStp(given: Record<string, string | string[]>) {
  seedPledge('STP');
  const inputs = inputsOf((await openModalBy(t, STP, 'baocao', CHANNEL)).view.view);
  return { inputs, reply: await t.driver.submitView(STP, answers(given)) };
}

describe('evidence files in the report form', () => {
  it('takes two files and a link, and the review form and Chi tiết list them, names escaped', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    const { inputs, reply } = await submitStp({
      report_evidence: 'drive.vinhphuc.gov.vn/stp-q1',
      report_files: ['Báo cáo Quý I.pdf', '*Ảnh* <!channel> hội nghị.jpg'],
    });
    const input = inputs.find((candidate) => candidate.blockId === 'report_files');
    expect(input).toMatchObject({ type: 'file_input', label: 'Tệp minh chứng', optional: true });
    expect(input?.hint).toContain('Tải lên tối đa 10 tệp');
    expect(textOf(resultOf(reply))).toContain('✅ Đã nộp báo cáo Quý I của Sở Tư pháp.');

    const stored = reportOfStp()!.inForce!;
    expect(stored.evidenceUrl).toBe('https://drive.vinhphuc.gov.vn/stp-q1');
    expect(stored.evidenceFiles.map((file) => [file.name, file.filetype])).toEqual([
      ['Báo cáo Quý I.pdf', 'pdf'],
      ['*Ảnh* <!channel> hội nghị.jpg', 'jpg'],
    ]);
    expect(t.slack.formUploads.size).toBe(2);
    const [report, photo] = stored.evidenceFiles;

    // The lead's review lists the link and each file as a link under its name; the name is escaped.
    t.clock.set(AFTER_DUE);
    const table = await firstResponse(t.slack, (await t.driver.slashCommand(CA, 'tiendo', CHANNEL)).responseUrl);
    const review = textOf((await openModalFromReply(t, CA, table, REVIEW_OPEN, CHANNEL, String(stored.id))).view);
    expect(review).toContain('Minh chứng: <https://drive.vinhphuc.gov.vn/stp-q1|https://drive.vinhphuc.gov.vn/stp-q1>');
    expect(review).toContain('Tệp minh chứng (2):');
    expect(review).toContain(`• <${report!.permalink}|Báo cáo Quý I.pdf>`);
    expect(review).toContain(`• <${photo!.permalink}|*Ảnh* &lt;!channel&gt; hội nghị.jpg>`);
    expect(review).not.toContain('<!channel>');
    expect(review).not.toContain('Không có minh chứng');

    // Chi tiết, for anyone in the organisation, lists them the same way.
    const standings = await firstResponse(t.slack, (await t.driver.slashCommand(STP, 'xephang q1', CHANNEL)).responseUrl);
    const unitValue = buttonValues(standings, STANDINGS_DETAIL).find((value) => value.includes(`"unitId":${unit('STP').id}`));
    const detail = textOf((await openModalFromReply(t, STP, standings, STANDINGS_DETAIL, CHANNEL, unitValue)).view);
    expect(detail).toContain('Minh chứng: <https://drive.vinhphuc.gov.vn/stp-q1|');
    expect(detail).toContain(`• <${report!.permalink}|Báo cáo Quý I.pdf>`);
    expect(detail).toContain(`• <${photo!.permalink}|*Ảnh* &lt;!channel&gt; hội nghị.jpg>`);
    expect(detail).not.toContain('<!channel>');
  });

  it('keeps the files across a correction unless unticked, and the lead’s change request lists them', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    await submitStp({ report_files: ['Báo cáo Quý I.pdf', 'Danh sách khen thưởng.xlsx'] });
    const [report, list] = reportOfStp()!.inForce!.evidenceFiles;

    // Locked after the due: the correction's form has the files ticked, and room for the rest.
    t.clock.set(AFTER_DUE);
    const form = await openModalBy(t, STP, 'baocao q1', CHANNEL);
    const inputs = new Map(inputsOf(form.view.view).map((input) => [input.blockId, input]));
    expect(inputs.get('report_kept_files')).toMatchObject({
      type: 'checkboxes',
      label: 'Tệp đã nộp',
      choices: [
        { text: 'Báo cáo Quý I.pdf', value: report!.id },
        { text: 'Danh sách khen thưởng.xlsx', value: list!.id },
      ],
      initial: [report!.id, list!.id],
    });
    expect(inputs.get('report_files')?.hint).toContain('đang giữ 2');
    expect(
      (form.view.view.blocks as { element?: { max_files?: number } }[]).find((block) => block.element?.max_files)?.element?.max_files,
    ).toBe(8);

    // Untick the list, upload a corrected one: the lead is asked, with the files before by name and those after as links.
    const dmsBefore = t.slack.dmsTo(CA).length;
    await t.driver.submitView(STP, {
      report_kept_files: [report!.id],
      report_files: ['Danh sách khen thưởng (sửa).xlsx'],
      unit_change_reason: 'Danh sách khen thưởng được sửa',
    });
    const request = await t.slack.waitFor(() => t.slack.dmsTo(CA)[dmsBefore], 5000, 'the change request');
    const pending = reportOfStp()!.pending!;
    const corrected = pending.evidenceFiles[1]!;
    expect(pending.evidenceFiles.map((file) => file.name)).toEqual(['Báo cáo Quý I.pdf', 'Danh sách khen thưởng (sửa).xlsx']);
    expect(textOf(request)).toContain(
      `Tệp minh chứng: Báo cáo Quý I.pdf; Danh sách khen thưởng.xlsx → <${report!.permalink}|Báo cáo Quý I.pdf>; <${corrected.permalink}|Danh sách khen thưởng (sửa).xlsx>`,
    );
    await pressMessageButton(t, CA, request, CHANGE_REQUEST_APPROVE);
    await t.bot.idle();
    expect(reportOfStp()!.inForce!.evidenceFiles.map((file) => file.id)).toEqual([report!.id, corrected.id]);

    // A correction of a figure alone keeps the files as they are (the form starts with them ticked), and says nothing of them.
    const dmsNow = t.slack.dmsTo(CA).length;
    await openModalBy(t, STP, 'baocao q1', CHANNEL);
    await t.driver.submitView(
      STP,
      answers({ [`report_value_${criterion('1').id}`]: '99', unit_change_reason: 'Số liệu được xác nhận lại' }),
    );
    const second = await t.slack.waitFor(() => t.slack.dmsTo(CA)[dmsNow], 5000, 'the second change request');
    expect(textOf(second)).not.toContain('Tệp minh chứng');
    expect(reportOfStp()!.pending!.evidenceFiles.map((file) => file.id)).toEqual([report!.id, corrected.id]);
  });

  it('refuses more than ten files, or a kind of file not taken, in the field, storing nothing', async () => {
    t = await startTestBot({ now: BEFORE_DUE });
    const eleven = Array.from({ length: 11 }, (_, index) => `Phụ lục ${index + 1}.pdf`);
    const tooMany = await submitStp({ report_files: eleven });
    expect(tooMany.reply.body).toEqual({
      response_action: 'errors',
      errors: { report_files: 'Tối đa 10 tệp minh chứng; đang có 11 tệp. Bỏ bớt tệp rồi gửi lại.' },
    });
    const program = await t.driver.submitView(STP, answers({ report_files: ['Báo cáo.pdf', 'cai-dat.exe'] }));
    expect(program.body).toEqual({
      response_action: 'errors',
      errors: { report_files: 'Tệp “cai-dat.exe” không thuộc loại được nhận. Chỉ nhận PDF, Word, Excel, PowerPoint, ảnh hoặc ZIP.' },
    });
    // A name with line breaks and control characters is kept on one line.
    await t.driver.submitView(STP, answers({ report_files: ['Báo cáo\nQuý I\u202e.pdf'] }));
    expect(reportOfStp()!.inForce!.evidenceFiles.map((file) => file.name)).toEqual(['Báo cáo Quý I .pdf']);
    expect(t.bot.store.reports.versions(reportOfStp()!.report.id)).toHaveLength(1);
  });

  it('are given in the local console as file names or paths, separated by ;', async () => {
    const env = { DATABASE_PATH: join(scratchFolder(), 'thidua.sqlite') };
    // Sở Tư pháp's report, field by field: criteria 1–11 (Có is choice 1), no bonus or deduction, the link, the files, no notes.
    const fields = ['98', '8', '1', '1', '1', '4', '1', '1', '1', '1', '9', '', '', '', '', 'drive.vinhphuc.gov.vn/q1'];
    const script = ['/thidua baocao', ...fields, 'bao-cao-q1.pdf; /home/stp/anh hoi nghi.jpg', '', ':quit'];
    const walk = await runThidua(['console', '--at', '2021-04-05 08:00', '--as', STP], env, `${script.join('\n')}\n`);
    expect(walk.code, walk.stderr).toBe(0);
    expect(walk.stdout).toContain('│ Tệp minh chứng — tên tệp (hoặc đường dẫn tới tệp) coi như đã tải lên, cách nhau bởi dấu ;');
    expect(walk.stdout).toContain('✅ Đã nộp báo cáo Quý I của Sở Tư pháp.');
    const db = new Database(env.DATABASE_PATH, { readonly: true });
    const stored = db.prepare('select evidence_url, evidence_files from report_versions').all() as {
      evidence_url: string;
      evidence_files: string;
    }[];
    db.close();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.evidence_url).toBe('https://drive.vinhphuc.gov.vn/q1');
    expect((JSON.parse(stored[0]!.evidence_files) as { name: string }[]).map((file) => file.name)).toEqual([
      'bao-cao-q1.pdf',
      'anh hoi nghi.jpg',
    ]);
  });
});
