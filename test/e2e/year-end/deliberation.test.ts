import { afterEach, describe, expect, it } from 'vitest';
import { BLOCK_PICK, deliberationIds } from '../../../src/views/ids';
import { responsesTo, startTestBot, type TestBot, textOf } from '../../support/bot';
import { seedReport } from '../../support/standings';
import { A_YEAR, ADMIN, CHANNEL, command, FLAG, LEAD, MERIT, OFFICER, seedYear, YEAR_END } from './support';
import { BALLOTS, codeIn, holdVote, openingPost, pressIn, replyToPress, vote } from './voting';

/**
 * The block's year end through the real app: the year of support.ts in Khối thi đua Nội chính (seven
 * units), the demo's rules (Cờ thi đua của UBND tỉnh: Hoàn thành xuất sắc, registered, no deduction
 * under K, one unit; Bằng khen của Chủ tịch UBND tỉnh: Hoàn thành tốt, registered, ⌊0,3 × 7⌋ = 2
 * units; more than half of the ballots; quorum two thirds of 7 = 5).
 *
 * The year's result is the Cả năm period: CA 98 (1), TT 97 and VKS 97 (2, tied), STP 93, BCHQS 92,
 * TAND 90, CTHADS 89. Công an tỉnh took a deduction under K in Cả năm (its total is still 98): it is
 * not a candidate for the flag. Viện Kiểm sát did not register the certificate of merit.
 * The flag's list: TT, VKS (tied at 2). The merit's: CA, TT, STP, BCHQS, TAND, CTHADS.
 *
 * The six ballots (A agree, D disagree; flag TT VKS | merit CA TT STP BCHQS TAND CTHADS; lead, deputy):
 *   CA     AA|AAAADA  STP, TT        TAND   AA|AADAAD  TT, STP (after changing its first ballot)
 *   TT     AD|AAAAAA  STP, BCHQS     STP    AA|AAAAAA  STP, TT
 *   VKS    DA|AAADDA  STP, TT        BCHQS  AD|AAADDD  CTHADS, TT
 * Tallies: flag TT 5, VKS 4 — both pass (4 of 6 needed) but one place: the tie at rank 2 is settled by
 * the votes, TT. Merit CA 6, TT 6 (has the flag), STP 5, BCHQS 4, TAND 3 (fails), CTHADS 4: CA and
 * STP fill the two places. Lead for 2022: STP 4 of 6; deputy: TT 4.
 */

let t: TestBot | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function yearEndBot(now = YEAR_END) {
  t = await startTestBot({ now });
  seedYear(t.bot.store, A_YEAR, { titles: { VKS: [FLAG] }, deductions: { CA: { NAM: 1 } } });
  return t;
}

const resultPosts = (bot: TestBot) =>
  bot.slack.messagesIn(CHANNEL).filter((message) => String(message.metadata?.event_payload?.key ?? '').startsWith('deliberation-result:'));

describe('the year-end deliberation (binhxet)', () => {
  it('the audit log names each entry’s year and block: opened, every ballot, closed', async () => {
    const bot = await yearEndBot();
    await holdVote(bot);
    const log = textOf((await command(bot, ADMIN, 'quantri nhatky 15/12/2021')).answer);
    expect(log).toContain(`<@${LEAD}>: mở bình xét thi đua năm 2021 của Khối thi đua Nội chính`);
    expect(log).toContain(`<@${OFFICER.STP}>: bỏ phiếu bình xét năm 2021 của Khối thi đua Nội chính — Sở Tư pháp`);
    expect(log).toContain(`<@${LEAD}>: kết thúc bỏ phiếu bình xét năm 2021 của Khối thi đua Nội chính: 6/7 đơn vị đã bỏ phiếu`);
    expect(log).not.toContain('undefined');
  });

  it('answers in the asker’s language — the closed result (“at most 1 unit”), the year standings, a unit’s year (one pair of brackets) and its chart — while the channel hears the organisation’s', async () => {
    const bot = await yearEndBot();
    await holdVote(bot);
    const english = OFFICER.TT;
    await command(bot, english, 'ngonngu en');

    const closed = (await command(bot, english, 'binhxet')).text;
    expect(closed).toContain('Year-end deliberation 2021: result — Khối thi đua Nội chính');
    // One place is “1 unit”, two are “2 units”.
    expect(closed).toMatch(/Cờ thi đua của UBND tỉnh\*? — at most 1 unit;/);
    expect(closed).toMatch(/Bằng khen của Chủ tịch UBND tỉnh\*? — at most 2 units;/);
    expect((await command(bot, english, 'xephang nam')).text).toContain('Standings for the whole of 2021 — Khối thi đua Nội chính');
    const result = (await command(bot, english, 'ketqua')).text;
    expect(result).toContain('Results of 2021 — Thanh tra tỉnh');
    // One pair of brackets at a time: “cả năm (2021), the period covering the year”.
    expect(result).toContain("The year's result is the result of cả năm (2021), the period covering the year.");
    expect(result).toContain('A chart of every period was sent to your direct messages with the bot.');
    const chart = await bot.slack.waitFor(
      () => bot.slack.dmsTo(english).find((message) => message.files?.length),
      5000,
      'the chart in the DM',
    );
    expect(chart.text).toBe('Every period of 2021 — Thanh tra tỉnh');
    // Someone who chose nothing still reads Vietnamese; the channel too.
    expect((await command(bot, OFFICER.STP, 'binhxet')).text).toContain('Kết quả bình xét thi đua năm 2021 — Khối thi đua Nội chính');
    expect(textOf(resultPosts(bot)[0]!)).toContain('Kết quả bình xét thi đua năm 2021');
  });

  it('a year of reports → binhxet → six units vote in modals → the lead closes → the proposals posted once with the tallies', async () => {
    const bot = await yearEndBot();

    // Only the lead (or an admin) opens it.
    expect((await command(bot, OFFICER.STP, 'binhxet')).text).toContain(
      'Chưa mở bình xét năm 2021. Trưởng khối (Công an tỉnh) hoặc quản trị viên mở bình xét bằng `/thidua binhxet`.',
    );
    const opened = await command(bot, LEAD, 'binh xet');
    expect(opened.text).toContain('Đã mở bình xét thi đua năm 2021');
    await bot.bot.idle();

    // The proposal list: eligible units in rank order, the tie flagged, who is not eligible and why.
    const list = textOf(await openingPost(bot));
    expect(list).toContain('Bình xét thi đua năm 2021 — Khối thi đua Nội chính');
    expect(list).toContain(
      `*${FLAG}* — tối đa 1 đơn vị; xếp loại từ Hoàn thành xuất sắc; đã đăng ký danh hiệu; không bị trừ điểm tiêu chí K; thông qua khi trên một nửa số phiếu đồng ý`,
    );
    expect(list).toContain('1. Thanh tra tỉnh — hạng 2 · 97,00 điểm · Hoàn thành xuất sắc _(đồng hạng)_');
    expect(list).toContain('2. Viện Kiểm sát nhân dân tỉnh — hạng 2 · 97,00 điểm · Hoàn thành xuất sắc _(đồng hạng)_');
    expect(list).toContain('Công an tỉnh (bị trừ điểm K)');
    expect(list).toContain(`*${MERIT}* — tối đa 2 đơn vị;`);
    expect(list).toContain('Viện Kiểm sát nhân dân tỉnh (chưa đăng ký danh hiệu)');
    expect(list).toContain('Kết quả hợp lệ khi có ít nhất 5/7 đơn vị bỏ phiếu (từ hai phần ba trở lên số đơn vị thành viên).');

    // Four ballots, one of them changed with its code (a wrong code is refused on its field).
    await vote(bot, 'CA', BALLOTS.CA);
    await vote(bot, 'TT', BALLOTS.TT);
    await vote(bot, 'VKS', BALLOTS.VKS);
    const first = await vote(bot, 'TAND', { answers: 'DD|DDDDDD', lead: 'CA', deputy: 'TT' });
    expect(first.text).toContain('Đã ghi nhận phiếu của *Tòa án nhân dân tỉnh* (4/7 đơn vị đã bỏ phiếu).');
    const code = codeIn(first.text);
    const wrong = await vote(bot, 'TAND', { ...BALLOTS.TAND, code: 'AAAA-BBBB-CCCC' });
    expect(wrong.reply.body).toMatchObject({
      response_action: 'errors',
      errors: { [deliberationIds.codeBlock]: expect.stringContaining('Mã sửa phiếu không đúng') },
    });
    const changed = await vote(bot, 'TAND', { ...BALLOTS.TAND, code: code.toLowerCase().replace(/-/g, ' ') });
    expect(changed.text).toContain('Đã thay phiếu của *Tòa án nhân dân tỉnh* bằng phiếu mới.');
    expect(codeIn(changed.text)).toBe(code);

    // Closing without the quorum: the vote stays open and says what is missing.
    const status = await command(bot, LEAD, 'binhxet');
    expect(status.text).toContain('Đang bỏ phiếu: 4/7 đơn vị đã bỏ phiếu (cần ít nhất 5).');
    const early = await pressIn(bot, LEAD, status.blocks, deliberationIds.closeAction);
    expect(early).toContain(
      'Chưa đủ số phiếu để kết thúc bỏ phiếu: mới có 4/7 đơn vị bỏ phiếu, cần ít nhất 5 (từ hai phần ba trở lên số đơn vị thành viên). Chưa bỏ phiếu: Sở Tư pháp (<@U0TP0001>); Bộ Chỉ huy Quân sự tỉnh (<@U0QS0001>); Cục Thi hành án dân sự tỉnh (<@U0THA001>). Bỏ phiếu vẫn mở.',
    );
    expect(bot.slack.messagesIn(CHANNEL).some((message) => message.text.startsWith('Chưa đủ số phiếu'))).toBe(true);
    expect(resultPosts(bot)).toHaveLength(0);

    await vote(bot, 'STP', BALLOTS.STP);
    await vote(bot, 'BCHQS', BALLOTS.BCHQS);
    expect(bot.slack.messagesIn(CHANNEL).map((message) => message.text)).toContain('Bộ Chỉ huy Quân sự tỉnh đã bỏ phiếu — 6/7 đơn vị.');

    // The lead closes: the result once, with the tallies.
    const again = await command(bot, LEAD, 'binhxet');
    expect(await pressIn(bot, LEAD, again.blocks, deliberationIds.closeAction)).toContain('Đã kết thúc bỏ phiếu.');
    expect(await pressIn(bot, LEAD, again.blocks, deliberationIds.closeAction)).toContain(
      'Bỏ phiếu đã kết thúc lúc 15/12/2021 09:00; kết quả không đổi.',
    );
    await bot.bot.idle();
    const posts = resultPosts(bot);
    expect(posts).toHaveLength(1);
    const result = textOf(posts[0]!);
    expect(result).toContain('Kết quả bình xét thi đua năm 2021 — Khối thi đua Nội chính');
    expect(result).toContain('6/7 đơn vị bỏ phiếu (đủ số phiếu hợp lệ)');
    expect(result).toContain(`*${FLAG}* — tối đa 1 đơn vị; cần 4/6 phiếu đồng ý`);
    expect(result).toContain('• Thanh tra tỉnh: 5 đồng ý, 1 không đồng ý → *đề nghị*');
    expect(result).toContain('• Viện Kiểm sát nhân dân tỉnh: 4 đồng ý, 2 không đồng ý → ngoài số lượng được đề nghị');
    expect(result).toContain('• Công an tỉnh: 6 đồng ý, 0 không đồng ý → *đề nghị*');
    expect(result).toContain('• Thanh tra tỉnh: 6 đồng ý, 0 không đồng ý → đã được đề nghị danh hiệu khác');
    expect(result).toContain('• Sở Tư pháp: 5 đồng ý, 1 không đồng ý → *đề nghị*');
    expect(result).toContain('• Bộ Chỉ huy Quân sự tỉnh: 4 đồng ý, 2 không đồng ý → ngoài số lượng được đề nghị');
    expect(result).toContain('• Tòa án nhân dân tỉnh: 3 đồng ý, 3 không đồng ý → không đủ số phiếu đồng ý');
    expect(result).toContain('• Cục Thi hành án dân sự tỉnh: 4 đồng ý, 2 không đồng ý → ngoài số lượng được đề nghị');
    expect(result).not.toContain('• Viện Kiểm sát nhân dân tỉnh: 6');
    expect(result).toContain('*Trưởng khối năm 2022*: Sở Tư pháp (4 phiếu)');
    expect(result).toContain('*Phó khối năm 2022*: Thanh tra tỉnh (4 phiếu)');

    // The documents: in the result's thread and in the lead's DM.
    const thread = bot.slack.messagesIn(CHANNEL).filter((message) => message.thread_ts === posts[0]!.ts && message.files?.length);
    expect(thread.flatMap((message) => message.files!.map((file) => file.name)).sort()).toEqual([
      'bien-ban-binh-xet-NOI_CHINH-2021.docx',
      'to-trinh-khen-thuong-NOI_CHINH-2021.docx',
    ]);
    expect(
      bot.slack
        .dmsTo(LEAD)
        .flatMap((message) => message.files?.map((file) => file.name) ?? [])
        .sort(),
    ).toEqual(['bien-ban-binh-xet-NOI_CHINH-2021.docx', 'to-trinh-khen-thuong-NOI_CHINH-2021.docx']);

    // A ballot after the close is not taken.
    const post = await openingPost(bot);
    expect(await pressIn(bot, OFFICER.CTHADS, post.blocks ?? [], deliberationIds.voteAction)).toBe(
      'Bỏ phiếu đã kết thúc; không nhận thêm phiếu.',
    );
    expect(bot.bot.store.deliberations.voters(1)).toHaveLength(6);
  });

  it('is not opened before the year is over, nor while a counted report awaits review, and says which in the block’s order with the period lower-case mid-sentence', async () => {
    const early = await yearEndBot(new Date('2021-12-01T02:00:00Z'));
    expect((await command(early, LEAD, 'binhxet')).text).toContain(
      'Chưa mở được bình xét: kết quả năm chưa chốt, còn kỳ chưa đến hạn: cả năm 2021 (10/12/2021 17:00).',
    );
    await early.close();
    const bot = await yearEndBot();
    // Changed reports of Sở Tư pháp and Thanh tra tỉnh (scoring lower) for Cả năm, submitted after the review: they
    // wait for the lead again, named in the block's order (not by score), the period once, lower-case inside the sentence.
    for (const [unitCode, values] of [
      ['STP', { '1': 82.5, '2': 10, '11': 10 }],
      ['TT', { '1': 50, '2': 2, '11': 2 }],
    ] as const)
      seedReport(bot.bot.store, { unitCode, periodCode: 'NAM', values, by: OFFICER[unitCode], at: new Date('2021-12-08T02:00:00Z') });
    expect((await command(bot, LEAD, 'binhxet')).text).toContain(
      'còn báo cáo cả năm 2021 của Thanh tra tỉnh; Sở Tư pháp chưa được thẩm định xong. Thẩm định các báo cáo đó (`/thidua tiendo`) rồi mở bình xét (`/thidua binhxet`).',
    );
    expect(bot.bot.store.deliberations.of(2021, bot.bot.store.structure.blockByCode('NOI_CHINH')!.id)).toBeUndefined();
  });

  it('is not opened for a year no unit has a result for: nothing is frozen or posted', async () => {
    t = await startTestBot({ now: YEAR_END });
    expect((await command(t, LEAD, 'binhxet')).text).toBe(
      'Chưa mở được bình xét: chưa đơn vị nào có kết quả năm 2021 (chưa có báo cáo nào của kỳ được tính vào kết quả năm).',
    );
    await t.bot.idle();
    expect(t.bot.store.deliberations.of(2021, t.bot.store.structure.blockByCode('NOI_CHINH')!.id)).toBeUndefined();
    expect(t.slack.messagesIn(CHANNEL)).toEqual([]);
  });

  it('an admin outside every block: “Xem” on a block shows its deliberation, opening it is the explicit “Mở bình xét”', async () => {
    const bot = await yearEndBot();
    const blockId = bot.bot.store.structure.blockByCode('NOI_CHINH')!.id;
    const picker = await command(bot, ADMIN, 'binhxet');
    expect(picker.text).toContain('chọn khối để xem `/thidua binhxet`');
    const pick = async (blocks: unknown[], actionId: string) => (await replyToPress(bot, ADMIN, blocks, actionId))!;

    const shown = await pick(picker.blocks, BLOCK_PICK);
    expect(textOf(shown)).toContain('Khối thi đua Nội chính chưa mở bình xét thi đua năm 2021.');
    expect(textOf(shown)).toContain('Mở bình xét');
    // Looking opened nothing: no deliberation, no post.
    expect(bot.bot.store.deliberations.of(2021, blockId)).toBeUndefined();
    expect(bot.slack.messagesIn(CHANNEL)).toHaveLength(0);

    expect(textOf(await pick(shown.blocks as unknown[], deliberationIds.openAction))).toContain('Đã mở bình xét thi đua năm 2021');
    expect(bot.bot.store.deliberations.of(2021, blockId)).toBeDefined();
    await openingPost(bot);
    // “Xem” now shows how the vote stands.
    expect(textOf(await pick(picker.blocks, BLOCK_PICK))).toContain('Bình xét thi đua năm 2021 — Khối thi đua Nội chính');
    // The open button pressed by someone who may not open it (a forged press) opens nothing for them.
    const other = bot.bot.store.structure.blockByCode('VH_XH')!.id;
    const forged = await bot.driver.pressButton({
      userId: OFFICER.STP,
      actionId: deliberationIds.openAction,
      value: JSON.stringify({ blockId: other, year: 2021 }),
      in: { ephemeral: { channel: CHANNEL, blocks: [] } },
    });
    await bot.bot.idle();
    expect(textOf(responsesTo(bot.slack, forged.responseUrl!)[0]!)).toContain('Chưa mở bình xét năm 2021.');
    expect(bot.bot.store.deliberations.of(2021, other)).toBeUndefined();
  });

  it('an admin opens it for a block, recorded as acting as admin; only the lead or an admin closes; only member units vote', async () => {
    const bot = await yearEndBot();
    expect((await command(bot, ADMIN, 'binhxet noi chinh 2021')).text).toContain('Đã mở bình xét thi đua năm 2021');
    await bot.bot.idle();
    expect(bot.bot.store.audit.all().filter((entry) => entry.action === 'deliberation.opened')).toEqual([
      expect.objectContaining({ actorUserId: ADMIN, actingAsAdmin: true }),
    ]);
    const post = await openingPost(bot);
    // An officer of another block, and the admin (no unit), get no ballot.
    for (const outsider of ['U0LD0001', ADMIN])
      expect(await pressIn(bot, outsider, post.blocks ?? [], deliberationIds.voteAction)).toBe(
        'Chỉ cán bộ phụ trách thi đua của các đơn vị thành viên khối bỏ phiếu, mỗi đơn vị một phiếu.',
      );
    for (const unit of ['CA', 'TT', 'VKS', 'TAND', 'STP'] as const) await vote(bot, unit, BALLOTS[unit]);
    // The close button is the lead's; pressed by another unit's officer (a message shared, a forged press), it does nothing.
    expect(JSON.stringify((await command(bot, OFFICER.STP, 'binhxet')).blocks)).not.toContain(deliberationIds.closeAction);
    const status = await command(bot, LEAD, 'binhxet');
    expect(await pressIn(bot, OFFICER.STP, status.blocks, deliberationIds.closeAction)).toBe(
      'Chỉ Trưởng khối (Công an tỉnh) hoặc quản trị viên kết thúc bỏ phiếu; chưa làm gì.',
    );
    await bot.bot.idle();
    expect(resultPosts(bot)).toHaveLength(0);
    expect(bot.bot.store.deliberations.byId(1)!.status).toBe('open');
  });
});
