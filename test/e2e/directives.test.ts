import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateBlocks } from '../../src/local-slack/block-kit-limits';
import { directiveIds } from '../../src/views/ids';
import { firstResponse, responsesTo, startTestBot, type TestBot, textOf } from '../support/bot';
import { type DirectiveReply, hitsOf } from '../support/directives';

const OFFICER = 'U0CA0001';
const ADMIN = 'U0ADMIN01';
const CHANNEL = 'C0NOICHINH';
const fields = directiveIds.fields;

type Reply = DirectiveReply;

function buttonsOf(reply: Reply): { action_id: string; value: string; text: string; block_id: string }[] {
  return (reply.blocks ?? []).flatMap((block) => {
    const elements = [...(Array.isArray(block.elements) ? block.elements : []), ...(block.accessory ? [block.accessory] : [])] as Record<
      string,
      unknown
    >[];
    return elements
      .filter((element) => element.type === 'button')
      .map((element) => ({
        action_id: String(element.action_id),
        value: String(element.value),
        text: textOf(element),
        block_id: String(block.block_id),
      }));
  });
}

describe('/thidua vanban: the directive library', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot();
  });
  afterEach(async () => {
    await t.close();
  });

  async function search(text: string, user = OFFICER): Promise<{ reply: Reply; responseUrl: string }> {
    const sent = await t.driver.slashCommand(user, `vanban ${text}`, CHANNEL);
    expect(sent.status).toBe(200);
    const reply = (await firstResponse(t.slack, sent.responseUrl)) as Reply;
    expect(reply.response_type).toBe('ephemeral');
    expect(validateBlocks(reply.blocks ?? [], 'message')).toEqual([]);
    return { reply, responseUrl: sent.responseUrl };
  }

  async function press(
    user: string,
    button: { action_id: string; value: string },
    on: { reply: Reply; responseUrl: string },
  ): Promise<Reply> {
    const before = responsesTo(t.slack, on.responseUrl).length;
    await t.driver.pressButton({
      userId: user,
      actionId: button.action_id,
      value: button.value,
      in: { ephemeral: { channel: CHANNEL, blocks: on.reply.blocks ?? [], responseUrl: on.responseUrl } },
    });
    const reply = (await t.slack.waitFor(() => responsesTo(t.slack, on.responseUrl)[before], 5000, 'the reply to the button')) as Reply;
    if (reply.blocks) expect(validateBlocks(reply.blocks, 'message')).toEqual([]);
    return reply;
  }

  describe('number lookups', () => {
    it.each(['34', '34-CT/TW', '34/CT-TW', 'ct 34', 'chi thi 34', 'chỉ thị số 34', 'CT34', 'Chỉ thị 34-ct/tw'])(
      '%j finds Chỉ thị 34-CT/TW first',
      async (typed) => {
        const { reply } = await search(typed);
        const hits = hitsOf(reply);
        expect(hits.length).toBeGreaterThan(0);
        expect(hits[0]).toContain('*Chỉ thị 34-CT/TW* · 07/04/2014 · Bộ Chính trị');
        expect(hits[0]).toContain('Về tiếp tục đổi mới công tác thi đua, khen thưởng');
      },
    );

    it.each([
      ['06/2022', '*Luật 06/2022/QH15* · 15/06/2022 · Quốc hội'],
      ['luat 06/2022', '*Luật 06/2022/QH15*'],
      ['6/2022', '*Luật 06/2022/QH15*'],
      ['nd 98', '*Nghị định 98/2023/NĐ-CP* · 31/12/2023 · Chính phủ'],
      ['nghị định 98/2023', '*Nghị định 98/2023/NĐ-CP*'],
      ['9153', '*Công văn 9153/UBND-TH2* · 15/11/2019 · UBND tỉnh Vĩnh Phúc'],
      ['1479/HD-BTDKT', '*Hướng dẫn 1479/HD-BTĐKT*'],
      ['kh 156', '*Kế hoạch 156/KH-UBND*'],
    ])('%j finds %s first', async (typed, expected) => {
      const hits = hitsOf((await search(typed)).reply);
      expect(hits[0]).toContain(expected);
    });

    it('puts the exact number before directives that only mention it', async () => {
      // 20-CT/TU's summary cites "Chỉ thị 34-CT/TW": it is a relevant result, but after 34-CT/TW itself.
      const hits = hitsOf((await search('chi thi 34')).reply);
      expect(hits[0]).toContain('*Chỉ thị 34-CT/TW*');
      expect(hits.slice(1).some((hit) => hit.includes('*Chỉ thị 20-CT/TU*'))).toBe(true);
    });
  });

  describe('keywords typed without accents', () => {
    it.each([
      ['dien hinh tien tien', '*Kế hoạch 156/KH-UBND*', '*điển hình tiên tiến*'],
      ['tu dien bien tu chuyen hoa', '*Nghị quyết 04-NQ/TW*', '*tự diễn biến*'],
      ['luat thi dua khen thuong', '*Luật 06/2022/QH15*', '*Luật Thi đua, khen thưởng*'],
      ['hoc tap va lam theo', '*Chỉ thị 05-CT/TW*', '*học tập và làm theo*'],
      ['cum khoi thi dua', '*Hướng dẫn 1479/HD-BTĐKT*', '*cụm, khối thi đua*'],
    ])('%j finds %s first, with the matched words in bold as written', async (typed, first, bold) => {
      const hits = hitsOf((await search(typed)).reply);
      expect(hits[0]).toContain(first);
      expect(hits[0]).toContain(bold);
    });

    it('folds đ to d: "thi dua khen thuong" finds "thi đua, khen thưởng"', async () => {
      const { reply } = await search('thi dua khen thuong');
      const hits = hitsOf(reply);
      expect(hits).toHaveLength(5);
      for (const hit of hits) expect(hit.toLowerCase()).toContain('*thi đua, khen thưởng*');
      expect(textOf(reply)).toMatch(/Kết quả tra cứu “thi dua khen thuong”\*: \d+ văn bản — đang xem 1–5/);
    });

    it('matches the start of the last word, as people type', async () => {
      const hits = hitsOf((await search('tu chuyen h')).reply);
      expect(hits[0]).toContain('*Nghị quyết 04-NQ/TW*');
    });

    it('ignores little words that a title leaves out ("luật về thi đua")', async () => {
      const hits = hitsOf((await search('luật về thi đua')).reply);
      expect(hits[0]).toContain('*Luật 06/2022/QH15*');
    });

    it('never lets search syntax typed by a person break the search', async () => {
      for (const typed of [
        '"thi dua',
        'thi AND OR NOT dua',
        'NEAR(thi dua)',
        'dua*',
        '^thi',
        'khen:thuong',
        '(((',
        '-',
        "'; drop table directives; --",
      ]) {
        const { reply } = await search(typed);
        expect(textOf(reply)).not.toContain('Đã có lỗi');
      }
      expect(t.bot.store.directives.count()).toBe(14);
    });
  });

  it('shows how to search when nothing is typed', async () => {
    const { reply } = await search('');
    const text = textOf(reply);
    expect(text).toContain('`/thidua vanban <từ khóa | số hiệu>`');
    expect(text).toContain('`/thidua vanban chi thi 34`');
    expect(text).not.toContain('Quản trị viên:');
    expect(textOf((await search('', ADMIN)).reply)).toContain('Quản trị viên: `/thidua vanban them`');
  });

  it('says when nothing matches and suggests close numbers, which search when pressed', async () => {
    const found = await search('chi thi 35');
    const text = textOf(found.reply);
    expect(text).toContain('Không tìm thấy văn bản nào cho “chi thi 35”.');
    expect(text).toContain('Số hiệu gần giống:');
    expect(text).toContain('*Chỉ thị 34-CT/TW*');
    expect(text).toContain('*Chỉ thị 05-CT/TW*');
    const suggestion = buttonsOf(found.reply).find((button) => button.text === '34-CT/TW')!;
    expect(suggestion.action_id.startsWith(directiveIds.searchActionPrefix)).toBe(true);
    const next = await press(OFFICER, suggestion, found);
    expect(next.replace_original).toBe(true);
    expect(hitsOf(next)[0]).toContain('*Chỉ thị 34-CT/TW*');
  });

  it('suggests the closest word, written with its accents, for a misspelt word', async () => {
    const found = await search('khen thuongg');
    expect(textOf(found.reply)).toContain(
      'Không có văn bản nào chứa đủ các từ đã gõ; dưới đây là các văn bản chứa một phần. Có phải đồng chí muốn tìm “khen thưởng”?',
    );
    const corrected = buttonsOf(found.reply).find((button) => button.text === 'khen thưởng')!;
    const next = await press(OFFICER, corrected, found);
    expect(textOf(next)).toContain('Kết quả tra cứu “khen thưởng”');
    expect(textOf(next)).not.toContain('chứa một phần');
  });

  it('offers no correction that makes a phrase nobody wrote: “phòng chống tham nhũng” is not “phòng công tâm nhũng”', async () => {
    for (const typed of ['phòng chống tham nhũng', 'phong chong']) {
      const found = await search(typed);
      const text = textOf(found.reply);
      expect(text).toContain('Không có văn bản nào chứa đủ các từ đã gõ; dưới đây là các văn bản chứa một phần.');
      expect(text).not.toContain('Có phải đồng chí muốn tìm');
      expect(text).not.toContain('phong công');
      expect(text).not.toContain('phòng công');
    }
    // A slip beside the words typed with it is still corrected.
    expect(textOf((await search('thi đua khen thuongg')).reply)).toContain('Có phải đồng chí muốn tìm “thi đua khen thưởng”?');
  });

  it('says nothing matches for a word the library does not have at all', async () => {
    const { reply } = await search('qwzrtx');
    expect(textOf(reply)).toContain('Không tìm thấy văn bản nào cho “qwzrtx”.');
    expect(hitsOf(reply)).toEqual([]);
  });

  it('offers no correction made of near words that no directive holds together', async () => {
    const partial = textOf((await search('xyz khong co')).reply);
    expect(partial).toContain('Không có văn bản nào chứa đủ các từ đã gõ; dưới đây là các văn bản chứa một phần.');
    expect(partial).not.toContain('Có phải');
    const { reply } = await search('xyzw khongg');
    expect(textOf(reply)).toContain('Không tìm thấy văn bản nào cho “xyzw khongg”.');
    expect(textOf(reply)).not.toContain('Có phải');
    expect(textOf(reply)).toContain('Thử gõ số hiệu (ví dụ `34-CT/TW`, `06/2022`) hoặc vài từ trong trích yếu');
    expect(buttonsOf(reply)).toEqual([]);
  });

  it('pages with "Xem thêm" and back with "Trang trước", replacing the results', async () => {
    const first = await search('thi dua khen thuong');
    const total = Number(/: (\d+) văn bản/.exec(textOf(first.reply))![1]);
    expect(total).toBeGreaterThan(5);
    const pageOne = hitsOf(first.reply);
    const more = buttonsOf(first.reply).find((button) => button.action_id === directiveIds.moreAction)!;
    expect(more.text).toBe('Xem thêm');
    expect(buttonsOf(first.reply).some((button) => button.action_id === directiveIds.previousAction)).toBe(false);

    const second = await press(OFFICER, more, first);
    expect(second.replace_original).toBe(true);
    expect(second.response_type).toBe('ephemeral');
    const pageTwo = hitsOf(second);
    expect(pageTwo.length).toBe(Math.min(5, total - 5));
    expect(textOf(second)).toContain(`đang xem 6–${5 + pageTwo.length}`);
    const cited = (hits: string[]) => hits.map((hit) => /\*([^*]+)\* ·/.exec(hit)![1]);
    expect(new Set([...cited(pageOne), ...cited(pageTwo)]).size).toBe(pageOne.length + pageTwo.length);

    const previous = buttonsOf(second).find((button) => button.action_id === directiveIds.previousAction)!;
    const back = await press(OFFICER, previous, { reply: second, responseUrl: first.responseUrl });
    expect(cited(hitsOf(back))).toEqual(cited(pageOne));
  });

  it('answers people outside the organisation too (directives are public)', async () => {
    t.slack.addUser({ id: 'U0STRANGER', name: 'stranger', realName: 'Người ngoài' });
    const hits = hitsOf((await search('34', 'U0STRANGER')).reply);
    expect(hits[0]).toContain('*Chỉ thị 34-CT/TW*');
  });

  it('is listed in /thidua help with its example, and answers to its aliases', async () => {
    const sent = await t.driver.slashCommand(OFFICER, 'help');
    const help = textOf(await firstResponse(t.slack, sent.responseUrl));
    expect(help).toContain('/thidua vanban <từ khóa | số hiệu>');
    expect(help).toContain('/thidua vanban chi thi 34');
    for (const alias of ['văn bản 34', 'van ban 34', 'directive 34']) {
      const reply = await t.driver.slashCommand(OFFICER, alias);
      expect(hitsOf((await firstResponse(t.slack, reply.responseUrl)) as Reply)[0]).toContain('*Chỉ thị 34-CT/TW*');
    }
  });

  it('"Chia sẻ vào kênh" posts exactly one message, saying who shared it', async () => {
    const found = await search('34-CT/TW');
    const share = buttonsOf(found.reply).find(
      (button) =>
        button.action_id === directiveIds.shareAction &&
        button.block_id === found.reply.blocks!.find((block) => String(block.block_id).startsWith('directive_hit:'))!.block_id,
    )!;
    expect(share.text).toBe('Chia sẻ vào kênh');
    const confirmation = await press(OFFICER, share, found);
    expect(confirmation.replace_original).toBe(false);
    expect(textOf(confirmation)).toBe('Đã chia sẻ Chỉ thị 34-CT/TW vào kênh.');
    const posted = await t.slack.waitFor(() => t.slack.messagesIn(CHANNEL)[0], 5000, 'the shared directive');
    expect(posted.text).toContain(`<@${OFFICER}> chia sẻ Chỉ thị 34-CT/TW`);
    expect(textOf(posted)).toContain('*Chỉ thị 34-CT/TW* · 07/04/2014 · Bộ Chính trị');
    expect(textOf(posted)).toContain(`<@${OFFICER}> chia sẻ văn bản`);
    expect(validateBlocks(posted.blocks, 'message')).toEqual([]);
    await t.bot.deps.delivery.drain();
    expect(t.slack.messagesIn(CHANNEL)).toHaveLength(1);
    expect(t.bot.store.outbox.all().filter((row) => row.kind === 'directive_share')).toHaveLength(1);
  });

  describe('admins add and edit directives', () => {
    const NEW_DIRECTIVE = {
      [fields.number]: '41-CT/TW',
      [fields.kind]: 'Chỉ thị',
      [fields.issuer]: 'Ban Bí thư',
      [fields.issuedOn]: '2024-12-26',
      [fields.title]: 'Về tăng cường sự lãnh đạo của Đảng đối với công tác thi đua, khen thưởng trong giai đoạn mới',
      [fields.summary]: 'Tổng kết 10 năm thực hiện Chỉ thị 34-CT/TW; đẩy mạnh chuyển đổi số trong công tác thi đua.',
      [fields.url]: 'https://example.org/chi-thi-41',
      [fields.tags]: 'thi đua, chuyển đổi số, Thi Đua',
    };

    async function openAddModal(user = ADMIN) {
      await t.driver.slashCommand(user, 'vanban them', CHANNEL);
      return t.slack.waitFor(() => t.slack.openViewOf(user), 5000, 'the add modal');
    }

    it('an admin adds a directive through the modal; it is audited and found at once', async () => {
      // The demo has 41-CT/TW already: use a new number.
      const modal = await openAddModal();
      expect(modal.view.callback_id).toBe(directiveIds.editCallback);
      expect(textOf(modal.view)).toContain('Thêm văn bản');
      const reply = await t.driver.submitView(ADMIN, { ...NEW_DIRECTIVE, [fields.number]: '45-CT/TW' });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ response_action: 'update' });
      expect(textOf(t.slack.openViewOf(ADMIN)!.view)).toContain('✅ Đã thêm Chỉ thị 45-CT/TW vào thư viện văn bản.');

      const stored = t.bot.store.directives.byNumber('45/CT-TW')!;
      expect(stored).toMatchObject({
        kind: 'Chỉ thị',
        issuer: 'Ban Bí thư',
        issuedOn: '2024-12-26',
        source: 'slack',
        updatedBy: ADMIN,
        tags: ['thi đua', 'chuyển đổi số'],
      });
      const audit = t.bot.store.audit.forEntity('directive', stored.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actorUserId: ADMIN, action: 'directive.added', actingAsAdmin: true });
      expect(audit[0]!.details).toMatchObject({ number: '45-CT/TW' });

      const hits = hitsOf((await search('chuyen doi so')).reply);
      expect(hits[0]).toContain('*Chỉ thị 45-CT/TW* · 26/12/2024 · Ban Bí thư');
      expect(hits[0]).toContain('<https://example.org/chi-thi-41|Xem toàn văn>');
      expect(hits[0]).toContain('*chuyển đổi số*');
      expect(hitsOf((await search('ct 45')).reply)[0]).toContain('*Chỉ thị 45-CT/TW*');
    });

    it('a submitted modal applies once, however many times it arrives', async () => {
      const modal = await openAddModal();
      const answers = { ...NEW_DIRECTIVE, [fields.number]: '46-CT/TW' };
      const replies = await Promise.all([t.driver.submitView(ADMIN, answers, modal.id), t.driver.submitView(ADMIN, answers, modal.id)]);
      expect(replies.map((reply) => reply.status)).toEqual([200, 200]);
      // One is saved; the other is recognised as the same submission (not refused as a taken number).
      expect(
        replies
          .map((reply) => (typeof reply.body === 'object' ? (reply.body as { response_action?: string }).response_action : reply.body))
          .sort(),
      ).toEqual(['', 'update']);
      expect(t.bot.store.directives.count()).toBe(15);
      expect(t.bot.store.audit.all().filter((entry) => entry.action === 'directive.added')).toHaveLength(1);

      await t.driver.slashCommand(ADMIN, 'vanban sua 46-CT/TW', CHANNEL);
      const edit = await t.slack.waitFor(
        () => (t.slack.openViewOf(ADMIN)?.id !== modal.id ? t.slack.openViewOf(ADMIN) : undefined),
        5000,
        'the edit modal',
      );
      const changed = { [fields.issuer]: 'Bộ Chính trị' };
      await Promise.all([t.driver.submitView(ADMIN, changed, edit.id), t.driver.submitView(ADMIN, changed, edit.id)]);
      expect(t.bot.store.audit.all().filter((entry) => entry.action === 'directive.updated')).toHaveLength(1);
      expect(t.bot.store.directives.byNumber('46-CT/TW')!.issuer).toBe('Bộ Chính trị');
    });

    it('refuses bad input field by field and stores nothing', async () => {
      await openAddModal();
      const before = t.bot.store.directives.count();
      const reply = await t.driver.submitView(ADMIN, {
        ...NEW_DIRECTIVE,
        [fields.number]: 'Chỉ thị mới',
        [fields.title]: '',
        [fields.url]: 'khong-phai-url',
        [fields.kind]: '',
      });
      expect(reply.body).toEqual({
        response_action: 'errors',
        errors: {
          [fields.number]: 'Số hiệu phải bắt đầu bằng số thứ tự, ví dụ 34-CT/TW hoặc 98/2023/NĐ-CP.',
          [fields.kind]: 'Vui lòng chọn loại văn bản.',
          [fields.title]: 'Vui lòng nhập trích yếu.',
          [fields.url]: expect.stringContaining('Đường dẫn phải là địa chỉ web đầy đủ'),
        },
      });
      expect(t.bot.store.directives.count()).toBe(before);
      expect(t.bot.store.audit.all()).toEqual([]);
      // The modal stays open for the admin to correct.
      expect(t.slack.openViewOf(ADMIN)!.view.callback_id).toBe(directiveIds.editCallback);
    });

    it('refuses a number that exists already, however it is written, then saves the corrected one', async () => {
      const modal = await openAddModal();
      const taken = await t.driver.submitView(ADMIN, { ...NEW_DIRECTIVE, [fields.number]: '34/CT-TW' });
      expect(taken.body).toEqual({
        response_action: 'errors',
        errors: {
          [fields.number]:
            'Số hiệu này đã có: Chỉ thị 34-CT/TW — Về tiếp tục đổi mới công tác thi đua, khen thưởng. Để sửa văn bản đó, dùng /thidua vanban sua 34-CT/TW.',
        },
      });
      expect(t.bot.store.directives.count()).toBe(14);
      const corrected = await t.driver.submitView(ADMIN, { ...NEW_DIRECTIVE, [fields.number]: '47-CT/TW' }, modal.id);
      expect(corrected.body).toMatchObject({ response_action: 'update' });
      expect(t.bot.store.directives.byNumber('47-CT/TW')).toBeDefined();
    });

    it('an admin edits a directive found by its number, and the search follows the edit', async () => {
      const before = await search('ky nguyen so');
      expect(textOf(before.reply)).toContain('chứa một phần');
      expect(hitsOf(before.reply)[0]).not.toContain('*Chỉ thị 34-CT/TW*');
      await t.driver.slashCommand(ADMIN, 'vanban sua 34/ct-tw', CHANNEL);
      const modal = await t.slack.waitFor(() => t.slack.openViewOf(ADMIN), 5000, 'the edit modal');
      const modalText = JSON.stringify(modal.view);
      expect(textOf(modal.view)).toContain('Sửa văn bản');
      expect(modalText).toContain('"initial_value":"34-CT/TW"');
      expect(modalText).toContain('"initial_date":"2014-04-07"');

      const reply = await t.driver.submitView(ADMIN, { [fields.title]: 'Về đổi mới công tác thi đua, khen thưởng trong kỷ nguyên số' });
      expect(reply.body).toMatchObject({ response_action: 'update' });
      expect(textOf(t.slack.openViewOf(ADMIN)!.view)).toContain('Văn bản này có trong tệp tổ chức');

      const after = await search('ky nguyen so');
      expect(textOf(after.reply)).not.toContain('chứa một phần');
      const hits = hitsOf(after.reply);
      expect(hits[0]).toContain('*Chỉ thị 34-CT/TW*');
      expect(hits[0]).toContain('*kỷ nguyên số*');
      const edited = t.bot.store.directives.byNumber('34-CT/TW')!;
      expect(edited).toMatchObject({ source: 'file', updatedBy: ADMIN, issuedOn: '2014-04-07' });
      const audit = t.bot.store.audit.forEntity('directive', edited.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'directive.updated', actorUserId: ADMIN });
      expect(Object.keys((audit[0]!.details as { changes: object }).changes)).toEqual(['title']);
    });

    it('asks which one when a short number fits several directives', async () => {
      const sent = await t.driver.slashCommand(ADMIN, 'vanban sua 7', CHANNEL);
      expect(textOf(await firstResponse(t.slack, sent.responseUrl))).toContain('Không có văn bản số hiệu “7”.');
      await t.bot.store.transaction((tx) =>
        tx.directives.add(
          {
            number: '34/QĐ-UBND',
            kind: 'Quyết định',
            issuer: 'UBND tỉnh Vĩnh Phúc',
            issuedOn: '2021-01-05',
            title: 'Về việc khen thưởng',
            summary: null,
            url: null,
            tags: [],
            expiredOn: null,
            replacedBy: null,
          },
          ADMIN,
          t.clock.now(),
        ),
      );
      const ambiguous = await t.driver.slashCommand(ADMIN, 'vanban sua 34', CHANNEL);
      expect(textOf(await firstResponse(t.slack, ambiguous.responseUrl))).toContain(
        'Có nhiều văn bản mang số “34”: Quyết định 34/QĐ-UBND, Chỉ thị 34-CT/TW.',
      );
      expect(t.slack.callsTo('views.open')).toHaveLength(0);
    });

    it('a non-admin can neither open the modal nor submit one', async () => {
      for (const typed of ['vanban them', 'vanban sua 34-CT/TW']) {
        const sent = await t.driver.slashCommand(OFFICER, typed, CHANNEL);
        const reply = textOf(await firstResponse(t.slack, sent.responseUrl));
        expect(reply).toContain('Chỉ quản trị viên (Ban Thi đua – Khen thưởng) được thêm hoặc sửa văn bản');
        expect(reply).toContain(`<@${ADMIN}>`);
      }
      expect(t.slack.callsTo('views.open')).toHaveLength(0);
      // A submission forged with an admin's modal is checked again on arrival.
      const modal = await openAddModal();
      const forged = await t.driver.submitView(OFFICER, { ...NEW_DIRECTIVE, [fields.number]: '48-CT/TW' }, modal.id);
      expect(forged.body).toMatchObject({
        response_action: 'errors',
        errors: { [fields.number]: expect.stringContaining('Chỉ quản trị viên') },
      });
      expect(t.bot.store.directives.byNumber('48-CT/TW')).toBeUndefined();
      expect(t.bot.store.audit.all()).toEqual([]);
    });
  });
});
