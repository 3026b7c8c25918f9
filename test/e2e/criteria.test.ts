import { afterEach, describe, expect, it } from 'vitest';
import { CRITERIA_NEXT } from '../../src/views/ids';
import { firstResponse, responsesTo, startTestBot, type TestBot, textOf } from '../support/bot';
import { generatedOrganisationYaml, officerOf } from '../support/organisations';

let t: TestBot;
afterEach(async () => {
  await t?.close();
});

async function ask(user: string, text: string, channel = 'C0NOICHINH') {
  const reply = await t.driver.slashCommand(user, text, channel);
  return { reply, answer: await firstResponse(t.slack, reply.responseUrl) };
}

describe('/thidua tieuchi', () => {
  it("shows the caller's block table, grouped as in the file, with how each criterion is scored and the caps", async () => {
    t = await startTestBot();
    const { answer } = await ask('U0TP0001', 'tieuchi');
    expect(answer.response_type).toBe('ephemeral');
    const text = textOf(answer);
    expect(text).toContain('Tiêu chí chấm điểm năm 2021 — Khối thi đua Nội chính');
    const groups = [
      '*I. Nhiệm vụ chuyên môn*',
      '*II. Công tác thi đua, khen thưởng*',
      '*III. Xây dựng tổ chức, đoàn kết nội bộ*',
      '*Điểm thưởng*',
      '*Điểm trừ*',
    ];
    const positions = groups.map((group) => text.indexOf(group));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const line of [
      '• *1.* Hoàn thành chỉ tiêu chuyên môn đã giao ước (%) — 40 điểm: tính theo tỷ lệ hoàn thành chỉ tiêu, tối đa 40 điểm',
      '• *2.* Cải cách hành chính, chuyển đổi số — 10 điểm: đơn vị tự chấm từ 0 đến 10 điểm, Trưởng khối thẩm định',
      '• *3.* Ban hành kế hoạch, đăng ký và ký giao ước đúng hạn — 5 điểm: đạt 5 điểm nếu có, 0 nếu không',
      '• *9.* Số vụ việc vi phạm, đơn thư tồn đọng (vụ việc) — 5 điểm: đạt tối đa 5 điểm khi không vượt mức trần; vượt thì giảm theo tỷ lệ',
      '• *T.* Điểm thưởng (Cờ, Bằng khen cấp trên; mô hình mới) — 5 điểm: cộng tối đa 5 điểm, sau khi Trưởng khối thẩm định',
      '• *K.* Điểm trừ (kỷ luật, vi phạm, chậm báo cáo) — 5 điểm: trừ tối đa 5 điểm',
    ]) {
      expect(text).toContain(line);
    }
    expect(text.match(/^• \*/gm)).toHaveLength(13);
    // 40 + 10 + 5 × 7 + 10 + 5: the demo's base criteria add up to 100.
    expect(text).toContain('*Tổng điểm chuẩn:* 100 điểm · *Điểm thưởng:* tối đa 5 điểm · *Điểm trừ:* tối đa 5 điểm');
  });

  it('filters by a word typed without diacritics, by name or by code', async () => {
    t = await startTestBot();
    const byName = textOf((await ask('U0CA0001', 'tieu chi cai cach')).answer);
    expect(byName).toContain('Lọc theo “cai cach”: 1/13 tiêu chí.');
    expect(byName).toContain('*I. Nhiệm vụ chuyên môn*');
    expect(byName).toContain('• *2.* Cải cách hành chính, chuyển đổi số — 10 điểm');
    expect(byName).not.toContain('Hoàn thành chỉ tiêu chuyên môn');
    expect(byName).not.toContain('*II. Công tác thi đua');
    expect(byName).toContain('*Tổng điểm chuẩn:* 100 điểm');
    expect(byName).toContain('Các mức trên tính cho cả bảng tiêu chí.');

    const byCode = textOf((await ask('U0CA0001', 'criteria 9')).answer);
    expect(byCode).toContain('• *9.* Số vụ việc vi phạm, đơn thư tồn đọng (vụ việc)');
    expect(byCode.match(/^• \*/gm)).toHaveLength(1);

    const twoWords = textOf((await ask('U0CA0001', 'tieuchi noi chinh 2021 vi pham')).answer);
    expect(twoWords).toContain('Lọc theo “vi pham”: 2/13 tiêu chí.');
  });

  it('says when nothing matches and names the groups', async () => {
    t = await startTestBot();
    const text = textOf((await ask('U0CA0001', 'tieuchi xay dung nong thon')).answer);
    expect(text).toContain(
      'Không có tiêu chí nào khớp “xay dung nong thon” trong bảng của Khối thi đua Nội chính năm 2021. Các nhóm tiêu chí: I. Nhiệm vụ chuyên môn; II. Công tác thi đua, khen thưởng;',
    );
  });

  it('reads another block, asks an admin outside every block which one, and refuses outsiders', async () => {
    t = await startTestBot();
    expect(textOf((await ask('U0CA0001', 'tieuchi van hoa xa hoi')).answer)).toContain(
      'Tiêu chí chấm điểm năm 2021 — Khối thi đua Văn hóa – Xã hội',
    );
    expect(textOf((await ask('U0ADMIN01', 'tieuchi')).answer)).toContain(
      'Tài khoản quản trị không thuộc khối nào: chọn khối để xem `/thidua tieuchi`.',
    );
    expect(textOf((await ask('U0ADMIN01', 'tieuchi NOI_CHINH')).answer)).toContain('Tiêu chí chấm điểm năm 2021 — Khối thi đua Nội chính');
    expect(textOf((await ask('U0CA0001', 'tieuchi 2019')).answer)).toContain('Chưa có năm 2019 trong tệp tổ chức. Các năm đang có: 2021.');
    t.slack.addUser({ id: 'U0STRANGER', name: 'stranger', realName: 'Người ngoài' });
    expect(textOf((await ask('U0STRANGER', 'tieuchi')).answer)).toContain('Tài khoản này chưa có trong danh sách cán bộ thi đua');
  });

  it('pages a long table within Slack’s limits', async () => {
    t = await startTestBot({ organisationYaml: generatedOrganisationYaml({ units: 2, targets: 120, graded: 2 }) });
    const user = officerOf(2);
    const { reply, answer } = await ask(user, 'tieuchi', 'C0LON');
    const pages = [answer];
    while (JSON.stringify(pages.at(-1)!.blocks).includes(CRITERIA_NEXT)) {
      const current = pages.at(-1)!;
      const value = (current.blocks as { elements?: { action_id?: string; value?: string }[] }[])
        .flatMap((block) => block.elements ?? [])
        .find((element) => element.action_id === CRITERIA_NEXT)!.value!;
      await t.driver.pressButton({
        userId: user,
        actionId: CRITERIA_NEXT,
        value,
        in: { ephemeral: { channel: 'C0LON', blocks: current.blocks as unknown[], responseUrl: reply.responseUrl } },
      });
      await t.slack.waitFor(() => responsesTo(t.slack, reply.responseUrl).length === pages.length + 1, 5000, 'the next page');
      pages.push(responsesTo(t.slack, reply.responseUrl).at(-1)!);
    }
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      expect((page.blocks as unknown[]).length).toBeLessThanOrEqual(50);
      expect(textOf(page).length).toBeLessThan(12_000);
    }
    const all = pages.map((page) => textOf(page)).join('\n');
    for (let code = 1; code <= 120; code++) expect(all).toContain(`• *C${code}.* Chỉ tiêu chuyên môn số ${code} (%)`);
    expect(textOf(pages.at(-1)!)).toContain('*Tổng điểm chuẩn:* 130 điểm');
    expect(textOf(pages[0]!)).not.toContain('Tổng điểm chuẩn');
  });
});
