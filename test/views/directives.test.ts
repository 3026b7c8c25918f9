import { describe, expect, it } from 'vitest';
import { DIRECTIVE_KINDS } from '../../src/domain/directive';
import { parseDirectiveQuery } from '../../src/domain/directive-query';
import { LOCALES } from '../../src/i18n/messages';
import { validateBlocks, validateView } from '../../src/local-slack/block-kit-limits';
import { type InputState, readDirectiveForm } from '../../src/views/directive-form';
import {
  buildDirectiveModal,
  buildDirectiveNoMatch,
  buildDirectiveResults,
  buildDirectiveSaved,
  buildDirectiveUsage,
  buildSharedDirective,
  type DirectiveFacts,
  decodePage,
  encodePage,
} from '../../src/views/directives';
import { directiveIds } from '../../src/views/ids';
import { textOf } from '../support/bot';

const CT34: DirectiveFacts = {
  id: 1,
  number: '34-CT/TW',
  kind: 'Chỉ thị',
  issuer: 'Bộ Chính trị',
  issuedOn: '2014-04-07',
  title: 'Về tiếp tục đổi mới công tác thi đua, khen thưởng',
  summary: 'Chỉ thị của Bộ Chính trị về tiếp tục đổi mới công tác thi đua, khen thưởng.',
  url: 'https://example.org/34?a=1&b=2',
  tags: ['thi đua', 'khen thưởng'],
  expiredOn: null,
  replacedBy: null,
};

/** As long as the modal lets each field be, and full of characters that mrkdwn escapes into longer ones. */
const WORST: DirectiveFacts = {
  id: 2,
  number: `${'9'.repeat(20)}/${'Đ'.repeat(79)}`,
  kind: 'Quyết định',
  issuer: '&'.repeat(200),
  issuedOn: '2024-12-31',
  title: `thi đua ${'<&> '.repeat(248)}`,
  summary: `khen thưởng ${'& '.repeat(1494)}`,
  url: `https://example.org/${'a|'.repeat(490)}`,
  tags: Array.from({ length: 20 }, () => `thi đua ${'&'.repeat(52)}`),
  expiredOn: '2025-07-01',
  replacedBy: `${'9'.repeat(20)}/${'&'.repeat(79)}`,
};

const page = (directives: DirectiveFacts[], total = directives.length, offset = 0) => ({
  hits: directives.map((directive) => ({ directive })),
  total,
  offset,
  partial: false,
  numberMissing: false,
});

describe('directive views', () => {
  it.each(LOCALES)('shows a hit with kind, number, dd/MM/yyyy, issuer, title, link and matches in bold (%s)', (locale) => {
    const message = buildDirectiveResults(parseDirectiveQuery('thi dua khen thuong'), page([CT34]), locale);
    const hit = textOf({ blocks: message.blocks.filter((block) => block.block_id === directiveIds.hitBlock(1)) });
    expect(hit).toContain(
      locale === 'vi' ? '*Chỉ thị 34-CT/TW* · 07/04/2014 · Bộ Chính trị' : '*Chỉ thị 34-CT/TW* · 7 Apr 2014 · Bộ Chính trị',
    );
    expect(hit).toContain('Về tiếp tục đổi mới công tác *thi đua, khen thưởng*');
    expect(hit).toContain('<https://example.org/34?a=1&amp;b=2|');
    expect(validateBlocks(message.blocks, 'message')).toEqual([]);
  });

  it('stays within Slack limits with the longest content a directive can have, keeping the link whole', () => {
    const query = parseDirectiveQuery('thi dua khen thuong');
    const results = buildDirectiveResults(
      query,
      page(
        [WORST, WORST, WORST, WORST, WORST].map((directive, index) => ({ ...directive, id: index + 10 })),
        40,
        5,
      ),
      'vi',
    );
    expect(validateBlocks(results.blocks, 'message')).toEqual([]);
    const hit = results.blocks.find((block) => block.block_id === directiveIds.hitBlock(10)) as { text: { text: string } };
    expect(hit.text.text).toMatch(/<https:\/\/example\.org\/(a%7C)+\|Xem toàn văn>$/);
    const shared = buildSharedDirective(WORST, 'U0CA0001', 'vi');
    expect(validateBlocks(shared.blocks, 'message')).toEqual([]);
    expect(textOf(shared)).toMatch(/\|Xem toàn văn>/);
  });

  it('offers "Trang trước" and "Xem thêm" only where there is a page to go to, carrying the query', () => {
    const query = parseDirectiveQuery('thi đua');
    const buttons = (offset: number, total: number) =>
      (
        buildDirectiveResults(query, page([CT34], total, offset), 'vi').blocks.find(
          (block) => block.block_id === directiveIds.pagerBlock,
        ) as { elements: { action_id: string; value: string }[] } | undefined
      )?.elements.map((element) => [element.action_id, decodePage(element.value)]);
    expect(buttons(0, 1)).toBeUndefined();
    expect(buttons(0, 12)).toEqual([[directiveIds.moreAction, { query: 'thi đua', offset: 1 }]]);
    expect(buttons(5, 12)).toEqual([
      [directiveIds.previousAction, { query: 'thi đua', offset: 0 }],
      [directiveIds.moreAction, { query: 'thi đua', offset: 6 }],
    ]);
  });

  it('reads back only the pages it wrote', () => {
    expect(decodePage(encodePage({ query: 'chi thi 34', offset: 5 }))).toEqual({ query: 'chi thi 34', offset: 5 });
    for (const value of [
      undefined,
      '',
      'not json',
      '{"query":1,"offset":0}',
      '{"query":"x","offset":-5}',
      JSON.stringify({ query: 'x'.repeat(500), offset: 0 }),
    ])
      expect(decodePage(value)).toBeUndefined();
  });

  it('no match: close numbers as buttons that search, and the tip', () => {
    const message = buildDirectiveNoMatch(parseDirectiveQuery('chi thi 35'), { numbers: [CT34], correctedQuery: 'chỉ thị' }, 'vi');
    expect(textOf(message)).toContain(
      'Không tìm thấy văn bản nào cho “chi thi 35”.\nSố hiệu gần giống:\n• *Chỉ thị 34-CT/TW* — Về tiếp tục',
    );
    const actions = message.blocks.find((block) => block.block_id === directiveIds.suggestionsBlock) as { elements: { value: string }[] };
    expect(actions.elements.map((element) => decodePage(element.value))).toEqual([
      { query: '34-CT/TW', offset: 0 },
      { query: 'chỉ thị', offset: 0 },
    ]);
    expect(validateBlocks(message.blocks, 'message')).toEqual([]);
  });

  it('usage shows the admin commands to admins only', () => {
    expect(textOf(buildDirectiveUsage('vi', false))).not.toContain('vanban them');
    expect(textOf(buildDirectiveUsage('vi', true))).toContain('`/thidua vanban them`');
  });

  it.each(LOCALES)('the modal is valid empty and pre-filled, and its answers read back (%s)', (locale) => {
    const empty = buildDirectiveModal(locale, {});
    expect(validateView(empty)).toEqual([]);
    expect(JSON.parse(empty.private_metadata!)).toEqual({});
    const filled = buildDirectiveModal(locale, { directive: WORST });
    expect(validateView(filled)).toEqual([]);
    expect(JSON.parse(filled.private_metadata!)).toEqual({ id: 2 });
    const kinds = (
      filled.blocks.find((block) => block.block_id === directiveIds.fields.kind) as { element: { options: { value: string }[] } }
    ).element.options.map((option) => option.value);
    expect(kinds).toEqual([...DIRECTIVE_KINDS, directiveIds.otherKindValue]);
    expect(validateView(buildDirectiveSaved(WORST, false, true, locale))).toEqual([]);
  });
});

describe('readDirectiveForm', () => {
  const state = (answers: Record<string, string | undefined>): Record<string, Record<string, InputState>> =>
    Object.fromEntries(
      Object.entries(directiveIds.fields).map(([field, blockId]) => {
        const answer = answers[field];
        const value =
          field === 'kind'
            ? { selected_option: answer ? { value: answer } : null }
            : field === 'issuedOn' || field === 'expiredOn'
              ? { selected_date: answer ?? null }
              : { value: answer ?? null };
        return [blockId, { [directiveIds.inputAction]: value }];
      }),
    );
  const good = {
    number: ' 45 - CT / TW ',
    kind: 'Chỉ thị',
    issuer: 'Ban Bí thư',
    issuedOn: '2024-12-26',
    title: 'Về  thi đua'.normalize('NFD'),
    summary: '',
    url: '',
    tags: 'thi đua; Thi Đua, chuyển đổi số,,',
  };

  it('cleans what it accepts: number separators, composed text, tags once each, empty optionals as null', () => {
    expect(readDirectiveForm(state(good), 'vi')).toEqual({
      ok: true,
      input: {
        number: '45-CT/TW',
        kind: 'Chỉ thị',
        issuer: 'Ban Bí thư',
        issuedOn: '2024-12-26',
        title: 'Về thi đua',
        summary: null,
        url: null,
        tags: ['thi đua', 'chuyển đổi số'],
        expiredOn: null,
        replacedBy: null,
      },
    });
  });

  it('takes a kind not in the list, an expiry and a replacement', () => {
    const form = readDirectiveForm(
      state({
        ...good,
        kind: directiveIds.otherKindValue,
        kindOther: ' Biên bản ',
        expiredOn: '2025-07-01',
        replacedBy: ' 152 / 2025 / NĐ-CP ',
      }),
      'vi',
    );
    expect(form).toMatchObject({ ok: true, input: { kind: 'Biên bản', expiredOn: '2025-07-01', replacedBy: '152/2025/NĐ-CP' } });
    // The name of another kind counts only with “Loại khác” chosen.
    expect(readDirectiveForm(state({ ...good, kindOther: 'Biên bản' }), 'vi')).toMatchObject({ ok: true, input: { kind: 'Chỉ thị' } });
  });

  it.each([
    ['number', { number: '' }, 'Vui lòng nhập số hiệu.'],
    ['number', { number: 'CT/TW' }, 'Số hiệu phải bắt đầu bằng số thứ tự, ví dụ 34-CT/TW hoặc 98/2023/NĐ-CP.'],
    ['kind', { kind: undefined }, 'Vui lòng chọn loại văn bản.'],
    ['kind', { kind: 'Biên bản' }, 'Vui lòng chọn loại văn bản.'],
    ['kindOther', { kind: directiveIds.otherKindValue }, 'Vui lòng ghi tên loại văn bản, hoặc chọn một loại trong danh sách.'],
    ['expiredOn', { expiredOn: '2024-12-26' }, 'Ngày hết hiệu lực phải sau ngày ban hành.'],
    ['replacedBy', { replacedBy: '45-CT/TW' }, 'Văn bản không thể thay thế chính nó.'],
    ['replacedBy', { replacedBy: 'Nghị định mới' }, 'Số hiệu phải bắt đầu bằng số thứ tự, ví dụ 34-CT/TW hoặc 98/2023/NĐ-CP.'],
    ['issuer', { issuer: '   ' }, 'Vui lòng nhập cơ quan ban hành.'],
    ['issuedOn', { issuedOn: undefined }, 'Vui lòng chọn ngày ban hành.'],
    ['issuedOn', { issuedOn: '2023-02-30' }, 'Vui lòng chọn ngày ban hành.'],
    ['title', { title: '' }, 'Vui lòng nhập trích yếu.'],
    ['title', { title: 'x'.repeat(1001) }, 'Trích yếu dài quá 1000 ký tự; vui lòng rút gọn.'],
    ['url', { url: 'thuvienphapluat.vn/abc' }, expect.stringContaining('Đường dẫn phải là địa chỉ web đầy đủ')],
    ['url', { url: 'javascript:alert(1)' }, expect.stringContaining('Đường dẫn phải là địa chỉ web đầy đủ')],
    [
      'tags',
      { tags: Array.from({ length: 21 }, (_, index) => `từ ${index}`).join(', ') },
      'Tối đa 20 từ khóa, mỗi từ khóa không quá 60 ký tự.',
    ],
  ])('refuses a bad %s with one message on its block', (field, change, message) => {
    const form = readDirectiveForm(state({ ...good, ...change }), 'vi');
    expect(form).toEqual({ ok: false, errors: { [directiveIds.fields[field as keyof typeof directiveIds.fields]]: message } });
  });

  it('reports every bad field at once, in English for an English organisation', () => {
    const form = readDirectiveForm(state({}), 'en');
    expect(form.ok).toBe(false);
    expect(!form.ok && Object.keys(form.errors).sort()).toEqual(
      [
        directiveIds.fields.issuedOn,
        directiveIds.fields.issuer,
        directiveIds.fields.kind,
        directiveIds.fields.number,
        directiveIds.fields.title,
      ].sort(),
    );
    expect(!form.ok && form.errors[directiveIds.fields.title]).toBe('Please enter the title.');
  });
});
