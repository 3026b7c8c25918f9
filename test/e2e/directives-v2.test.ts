import { afterEach, describe, expect, it } from 'vitest';
import { validateBlocks, validateView } from '../../src/local-slack/block-kit-limits';
import { directiveIds } from '../../src/views/ids';
import { firstResponse, startTestBot, type TestBot } from '../support/bot';
import { type DirectiveReply, hitsOf } from '../support/directives';

/**
 * Directives of version 2 through the real app: documents no longer in force say so on every hit and
 * rank below the ones in force (a replaced document below its replacement); kinds are open text, the
 * known ones understood in number search.
 */
const OFFICER = 'U0CA0001';
const ADMIN = 'U0ADMIN01';
const CHANNEL = 'C0NOICHINH';
const fields = directiveIds.fields;

type Reply = DirectiveReply;

describe('/thidua vanban: documents in force and no longer in force', () => {
  let t: TestBot;
  afterEach(async () => {
    await t.close();
  });

  async function search(text: string, user = OFFICER): Promise<string[]> {
    const sent = await t.driver.slashCommand(user, `vanban ${text}`, CHANNEL);
    expect(sent.status).toBe(200);
    const reply = (await firstResponse(t.slack, sent.responseUrl)) as Reply;
    expect(validateBlocks(reply.blocks ?? [], 'message')).toEqual([]);
    return hitsOf(reply);
  }

  const position = (hits: string[], cited: string) => hits.findIndex((hit) => hit.includes(`*${cited}*`));

  it('`vanban nghi dinh thi dua khen thuong` lists 152/2025/NĐ-CP before 98/2023/NĐ-CP and says 98 is no longer in force', async () => {
    t = await startTestBot({ now: new Date('2025-09-15T01:00:00Z') });
    const hits = await search('nghi dinh thi dua khen thuong');
    const replacement = position(hits, 'Nghị định 152/2025/NĐ-CP');
    const replaced = position(hits, 'Nghị định 98/2023/NĐ-CP');
    expect(replacement).toBeGreaterThanOrEqual(0);
    expect(replaced).toBeGreaterThan(replacement);
    expect(hits[replaced]).toContain('_Hết hiệu lực từ 01/07/2025; thay thế bởi Nghị định 152/2025/NĐ-CP_');
    expect(hits[replacement]).not.toContain('Hết hiệu lực');
  });

  it('the replacement ranks first even before the old one expires, and a number search says the same on its hit', async () => {
    // 2021 (the demo's year): neither decree has expired, yet the one replaced stays below its replacement.
    t = await startTestBot();
    const hits = await search('nghị định thi đua khen thưởng');
    expect(position(hits, 'Nghị định 98/2023/NĐ-CP')).toBeGreaterThan(position(hits, 'Nghị định 152/2025/NĐ-CP'));
    const byNumber = await search('nd 98');
    expect(byNumber[0]).toContain('*Nghị định 98/2023/NĐ-CP*');
    expect(byNumber[0]).toContain('_Hết hiệu lực từ 01/07/2025; thay thế bởi Nghị định 152/2025/NĐ-CP_');
  });

  it('`vanban khen thuong` lists the 2022 law before the 2003 law it replaced', async () => {
    t = await startTestBot({ now: new Date('2025-09-15T01:00:00Z') });
    const hits = await search('luat thi dua khen thuong');
    const law2022 = position(hits, 'Luật 06/2022/QH15');
    const law2003 = position(hits, 'Luật 15/2003/QH11');
    expect(law2022).toBeGreaterThanOrEqual(0);
    expect(law2003).toBeGreaterThan(law2022);
    expect(hits[law2003]).toContain('_Hết hiệu lực từ 01/01/2024; thay thế bởi Luật 06/2022/QH15_');
    const khenThuong = await search('khen thuong');
    expect(position(khenThuong, 'Luật 15/2003/QH11')).toBeGreaterThan(position(khenThuong, 'Luật 06/2022/QH15'));
  });

  it('an admin adds a Thông báo and a kind of their own, with expiry and replacement; number search understands TB', async () => {
    t = await startTestBot({ now: new Date('2025-09-15T01:00:00Z') });
    await t.driver.slashCommand(ADMIN, 'vanban them', CHANNEL);
    const modal = await t.slack.waitFor(() => t.slack.openViewOf(ADMIN), 5000, 'the add modal');
    expect(validateView(modal.view)).toEqual([]);
    const reply = await t.driver.submitView(ADMIN, {
      [fields.number]: '350/TB-VPCP',
      [fields.kind]: 'Thông báo',
      [fields.issuer]: 'Văn phòng Chính phủ',
      [fields.issuedOn]: '2019-10-02',
      [fields.title]: 'Kết luận của Thủ tướng Chính phủ tại phiên họp Hội đồng Thi đua – Khen thưởng Trung ương',
      [fields.expiredOn]: '2024-01-01',
      [fields.replacedBy]: '41-CT/TW',
    });
    expect(reply.body).toMatchObject({ response_action: 'update' });
    expect(t.bot.store.directives.byNumber('350/TB-VPCP')).toMatchObject({
      kind: 'Thông báo',
      expiredOn: '2024-01-01',
      replacedBy: '41-CT/TW',
    });
    for (const typed of ['tb 350', 'thông báo số 350', '350/TB-VPCP']) {
      const hits = await search(typed);
      expect(hits[0]).toContain('*Thông báo 350/TB-VPCP* · 02/10/2019 · Văn phòng Chính phủ');
      expect(hits[0]).toContain('_Hết hiệu lực từ 01/01/2024; thay thế bởi Chỉ thị 41-CT/TW_');
    }
    expect(await search('ke hoach 350')).toEqual([]);

    await t.driver.slashCommand(ADMIN, 'vanban them', CHANNEL);
    const other = await t.slack.waitFor(
      () => (t.slack.openViewOf(ADMIN)?.id !== modal.id ? t.slack.openViewOf(ADMIN) : undefined),
      5000,
      'a second modal',
    );
    const missingName = await t.driver.submitView(
      ADMIN,
      {
        [fields.number]: '12/BB-UBND',
        [fields.kind]: directiveIds.otherKindValue,
        [fields.issuer]: 'UBND tỉnh Vĩnh Phúc',
        [fields.issuedOn]: '2021-01-05',
        [fields.title]: 'Biên bản họp Khối thi đua Nội chính',
      },
      other.id,
    );
    expect(missingName.body).toEqual({
      response_action: 'errors',
      errors: { [fields.kindOther]: 'Vui lòng ghi tên loại văn bản, hoặc chọn một loại trong danh sách.' },
    });
    const named = await t.driver.submitView(
      ADMIN,
      {
        [fields.number]: '12/BB-UBND',
        [fields.kind]: directiveIds.otherKindValue,
        [fields.kindOther]: 'Biên bản',
        [fields.issuer]: 'UBND tỉnh Vĩnh Phúc',
        [fields.issuedOn]: '2021-01-05',
        [fields.title]: 'Biên bản họp Khối thi đua Nội chính',
      },
      other.id,
    );
    expect(named.body).toMatchObject({ response_action: 'update' });
    expect((await search('12/BB-UBND'))[0]).toContain('*Biên bản 12/BB-UBND*');
  });
});
