import { afterEach, describe, expect, it } from 'vitest';
import { validateBlocks } from '../../src/local-slack/block-kit-limits';
import type { PostedMessage } from '../../src/local-slack/server';
import { organisationFileIds } from '../../src/views/ids';
import { DEMO_YAML, firstResponse, startTestBot, type TestBot, textOf } from '../support/bot';
import { DEMO } from '../support/demo';
import { buttonValue } from '../support/interactions';
import { organisationOfYaml, sheetRows, workbookOf } from '../support/workbooks';

const { admin: ADMIN, ca: CA } = DEMO;

let t: TestBot;
afterEach(async () => {
  await t?.close();
});

let events = 0;

/** `user` shares `bytes` as `name` in their DM with the bot; answers the bot's reply there, if any. */
async function share(user: string, name: string, bytes: Buffer): Promise<PostedMessage | undefined> {
  const before = t.slack.dmsTo(user).length;
  const event = t.slack.shareFile(user, name, bytes);
  events += 1;
  await t.driver.sendEvent(event, `Ev0FILE${events}`);
  await t.bot.idle();
  // The file's own message is the first new one; the bot's answer follows it.
  return t.slack.dmsTo(user).slice(before + 1)[0];
}

async function press(user: string, message: PostedMessage, actionId: string) {
  const pressed = await t.driver.pressButton({ userId: user, actionId, value: buttonValue(message, actionId), in: { message } });
  const reply = await firstResponse(t.slack, pressed.responseUrl!);
  await t.bot.idle();
  return reply;
}

/** The demo as a workbook, with a new unit (Sở Nội vụ) in the Văn hóa – Xã hội block and Sở Y tế renamed. */
async function changedWorkbook(): Promise<Buffer> {
  const rows = sheetRows(organisationOfYaml(DEMO_YAML));
  rows.units!.push({ code: 'SNV', name: 'Sở Nội vụ', officers: 'U0NV0001' });
  const syt = rows.units!.findIndex((row) => row.code === 'SYT');
  rows.units![syt] = { ...rows.units![syt], name: 'Sở Y tế tỉnh Vĩnh Phúc' };
  return workbookOf(rows);
}

describe('the organisation file loaded from Slack', () => {
  it('previews an XLSX workbook section by section, applies it on “Áp dụng” once, and logs it', async () => {
    t = await startTestBot();
    const preview = await share(ADMIN, 'to-chuc-2021.xlsx', await changedWorkbook());
    expect(preview).toBeDefined();
    expect(validateBlocks(preview!.blocks ?? [], 'message')).toEqual([]);
    const shown = textOf(preview!);
    expect(shown).toContain('Nếu áp dụng tệp *to-chuc-2021.xlsx*, dữ liệu sẽ thay đổi như sau (chưa có gì được lưu):');
    expect(shown).toContain('• Đơn vị: 1 thêm, 1 cập nhật, 0 ngừng sử dụng');
    expect(shown).toContain('• Tiêu chí: 0 thêm, 0 cập nhật, 0 ngừng sử dụng');
    // Nothing is saved by the preview.
    expect(t.bot.store.structure.unitByCode('SNV')).toBeUndefined();
    expect(t.bot.store.structure.unitByCode('SYT')!.name).toBe('Sở Y tế');

    const applied = await press(ADMIN, preview!, organisationFileIds.applyAction);
    expect(applied.replace_original).toBe(true);
    expect(textOf(applied)).toContain('Đã áp dụng tệp tổ chức *to-chuc-2021.xlsx*:');
    expect(textOf(applied)).toContain('• Đơn vị: 1 thêm, 1 cập nhật, 0 ngừng sử dụng');
    expect(t.bot.store.structure.unitByCode('SNV')?.name).toBe('Sở Nội vụ');
    expect(t.bot.store.structure.unitByCode('SYT')!.name).toBe('Sở Y tế tỉnh Vĩnh Phúc');
    expect(t.bot.store.audit.page({}, 0, 10).map((entry) => [entry.action, entry.actorUserId, entry.details.file])).toEqual([
      ['organisation.imported', ADMIN, 'to-chuc-2021.xlsx'],
    ]);

    // The same preview pressed again (a double click, Slack's retry) applies nothing more.
    const again = await press(ADMIN, preview!, organisationFileIds.applyAction);
    expect(again.text).toBe('Tệp này đã được áp dụng.');
    expect(t.bot.store.audit.count({})).toBe(1);
  });

  it('sends the empty workbook to the admin’s DM with the how-to, in the admin’s language, and that workbook is read back', async () => {
    t = await startTestBot();
    const reply = textOf(await firstResponse(t.slack, (await t.driver.slashCommand(ADMIN, 'quantri teptochuc', 'C0NOICHINH')).responseUrl));
    expect(reply).toContain('bảng tính XLSX theo mẫu (bot vừa gửi mẫu trống vào tin nhắn riêng đó)');
    expect(reply).not.toContain('npx');
    const sent = await t.slack.waitFor(() => t.slack.dmsTo(ADMIN).find((message) => message.files?.length), 5000, 'the template');
    expect(sent.files![0]!.name).toBe('mau-to-chuc.xlsx');
    // The template as sent is a workbook the bot reads (empty: its problems are what is missing, not its form).
    const answer = await share(ADMIN, 'mau-to-chuc.xlsx', t.slack.uploads.get(sent.files![0]!.id)!.bytes!);
    expect(textOf(answer!)).not.toContain('không đọc được như một bảng tính');

    await t.driver.slashCommand(ADMIN, 'ngonngu en', 'C0NOICHINH');
    await t.driver.slashCommand(ADMIN, 'admin file', 'C0NOICHINH');
    const english = await t.slack.waitFor(
      () => t.slack.dmsTo(ADMIN).find((message) => message.files?.some((file) => file.name === 'organisation-template.xlsx')),
      5000,
      'the English template',
    );
    expect(english.text).toContain('The organisation workbook template');
  });

  it('lists every mistake of a workbook and changes nothing', async () => {
    t = await startTestBot();
    const rows = sheetRows(organisationOfYaml(DEMO_YAML));
    rows.units![4] = { ...rows.units![4], officers: 'nguyen van a' };
    rows.blocks![0] = { ...rows.blocks![0], units: 'TT, CA, XYZ' };
    rows.criteria![2] = { ...rows.criteria![2], kind: 'percentage' };
    const answer = await share(ADMIN, 'sai.xlsx', await workbookOf(rows));
    expect(validateBlocks(answer!.blocks ?? [], 'message')).toEqual([]);
    const shown = textOf(answer!);
    expect(shown).toContain('Tệp *sai.xlsx* có 5 lỗi; chưa có thay đổi nào được lưu. Sửa các lỗi sau rồi gửi lại:');
    expect(shown).toContain('• Trang “Đơn vị”, dòng 6, cột “Cán bộ thi đua” (mục 1): không phải mã người dùng Slack (dạng U0ABC123)');
    expect(shown).toContain('• Trang “Khối”, dòng 2, cột “Đơn vị” (mục 3): không có đơn vị mã "XYZ" trong units');
    expect(shown).toContain('• Trang “Tiêu chí”, dòng 4, cột “Loại”: phải là một trong:');
    expect(buttonsOf(answer!)).toEqual([]);
    expect(t.bot.store.audit.count({})).toBe(0);
  });

  it('reads a YAML file too; “Hủy” changes nothing', async () => {
    t = await startTestBot();
    const yaml = DEMO_YAML.replace('name: UBND tỉnh Vĩnh Phúc', 'name: UBND tỉnh Vĩnh Phúc (thử)');
    const preview = await share(ADMIN, 'to-chuc.yaml', Buffer.from(yaml));
    expect(textOf(preview!)).toContain('• Cấu hình chung: 0 thêm, 1 cập nhật, 0 ngừng sử dụng');
    const cancelled = await press(ADMIN, preview!, organisationFileIds.cancelAction);
    expect(cancelled.text).toBe('Đã hủy: tệp *to-chuc.yaml* không được áp dụng, dữ liệu giữ nguyên.');
    expect(t.bot.store.organisation.get()!.name).toBe('UBND tỉnh Vĩnh Phúc');
    expect(t.bot.store.audit.count({})).toBe(0);
  });

  it('does not read a file someone who is not an admin shares, and refuses their “Áp dụng”', async () => {
    t = await startTestBot();
    const workbook = await changedWorkbook();
    expect(await share(CA, 'to-chuc.xlsx', workbook)).toBeUndefined();
    expect(t.slack.callsTo('files.info')).toEqual([]);

    const preview = await share(ADMIN, 'to-chuc.xlsx', workbook);
    const refused = await press(CA, preview!, organisationFileIds.applyAction);
    expect(refused.text).toBe('Chỉ quản trị viên (Ban Thi đua – Khen thưởng) mới nạp được tệp tổ chức; chưa có thay đổi nào.');
    expect(refused.replace_original).toBe(false);
    expect(t.bot.store.structure.unitByCode('SNV')).toBeUndefined();
    expect(t.bot.store.audit.count({})).toBe(0);
  });
});

function buttonsOf(message: PostedMessage): string[] {
  return ((message.blocks ?? []) as { elements?: { action_id?: string }[] }[]).flatMap((block) =>
    (block.elements ?? []).flatMap((element) => (element.action_id ? [element.action_id] : [])),
  );
}
