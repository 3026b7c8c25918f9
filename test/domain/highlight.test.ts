import { describe, expect, it } from 'vitest';
import { excerptAround, matchedSpans, renderSpans } from '../../src/domain/highlight';

const among =
  (...words: string[]) =>
  (word: string) =>
    words.includes(word);
const little = among('va', 'cua', 'theo');
const bold = (escaped: string) => `*${escaped}*`;
const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const marked = (text: string, matches: (word: string) => boolean, phrase = {}) =>
  renderSpans(text, matchedSpans(text, matches, phrase), escapeText, bold);

describe('matchedSpans', () => {
  it.each([
    [
      'Về tiếp tục đổi mới công tác thi đua, khen thưởng',
      among('thi', 'dua', 'khen', 'thuong'),
      'Về tiếp tục đổi mới công tác *thi đua, khen thưởng*',
    ],
    ['Hội đồng Thi đua – Khen thưởng Trung ương', among('thi', 'dua', 'khen', 'thuong'), 'Hội đồng *Thi đua – Khen thưởng* Trung ương'],
    ['ĐIỂN HÌNH TIÊN TIẾN', among('dien', 'hinh'), '*ĐIỂN HÌNH* TIÊN TIẾN'],
    ['triển khai Chỉ thị 34-CT/TW trên địa bàn', among('34', 'ct', 'tw'), 'triển khai Chỉ thị *34-CT/TW* trên địa bàn'],
    // Whole words only: "thi" is not bold inside "thiết".
    ['thiết chế thi đua', among('thi'), 'thiết chế *thi* đua'],
    // Words apart are apart.
    ['thi hành Luật Thi đua', among('thi', 'dua'), '*thi* hành Luật *Thi đua*'],
    ['Không có gì', among('thi'), 'Không có gì'],
    ['A & B <thi đua>', among('thi', 'dua'), 'A &amp; B &lt;*thi đua*&gt;'],
  ])('%j', (text, matches, expected) => {
    expect(marked(text, matches)).toBe(expected);
  });

  it('joins matches across little words, and extends them with the little words typed', () => {
    const text = 'Về đẩy mạnh học tập và làm theo tư tưởng của Bác';
    expect(marked(text, among('hoc', 'tap', 'lam'), { joins: little })).toBe('Về đẩy mạnh *học tập và làm* theo tư tưởng của Bác');
    expect(marked(text, among('hoc', 'tap', 'lam'), { joins: little, extends: among('theo') })).toBe(
      'Về đẩy mạnh *học tập và làm theo* tư tưởng của Bác',
    );
    expect(marked('và theo học tập', among('hoc', 'tap'), { joins: little, extends: among('va', 'theo') })).toBe('*và theo học tập*');
    // A little word alone is never bold.
    expect(marked('và của theo', among('hoc'), { joins: little, extends: among('va') })).toBe('và của theo');
  });

  it('counts the matched words of each span', () => {
    expect(matchedSpans('thi đua và khen thưởng', among('thi', 'dua', 'khen'), { joins: little }).map((span) => span.matched)).toEqual([3]);
    expect(matchedSpans('thi hành, thi đua', among('thi', 'dua')).map((span) => span.matched)).toEqual([1, 2]);
  });

  it('marks decomposed (NFD) text on its own characters, marks included', () => {
    const text = 'công tác thi đua, khen thưởng'.normalize('NFD');
    const spans = matchedSpans(text, among('khen', 'thuong'));
    expect(text.slice(spans[0]!.start, spans[0]!.end)).toBe('khen thưởng'.normalize('NFD'));
    expect(marked(text, among('khen', 'thuong')).normalize('NFC')).toBe('công tác thi đua, *khen thưởng*');
  });
});

describe('excerptAround', () => {
  const summary =
    'Yêu cầu các phòng, trung tâm thuộc Sở quán triệt tư tưởng thi đua yêu nước, tuyên truyền chủ trương về thi đua khen thưởng và kiện toàn Hội đồng thi đua khen thưởng Sở trong năm nay, đồng thời báo cáo kết quả về Ban Thi đua – Khen thưởng tỉnh.';

  it('keeps a short text whole', () => {
    const spans = matchedSpans('thi đua', among('thi'));
    expect(excerptAround('thi đua', spans, 100)).toEqual({ text: 'thi đua', spans, cutBefore: false, cutAfter: false });
  });

  it('opens shortly before the first match on a word boundary and closes on one', () => {
    const spans = matchedSpans(summary, among('kien', 'toan'));
    const excerpt = excerptAround(summary, spans, 80);
    expect(excerpt.cutBefore).toBe(true);
    expect(excerpt.cutAfter).toBe(true);
    expect(excerpt.text.length).toBeLessThanOrEqual(80);
    expect(summary).toContain(excerpt.text);
    expect(summary[summary.indexOf(excerpt.text) - 1]).toBe(' ');
    expect(renderSpans(excerpt.text, excerpt.spans, escapeText, bold)).toMatch(/^\S.* \*kiện toàn\* .*\S$/);
  });

  it('starts at the beginning when nothing matched', () => {
    const excerpt = excerptAround(summary, [], 60);
    expect(excerpt.cutBefore).toBe(false);
    expect(summary.startsWith(excerpt.text)).toBe(true);
  });

  it('drops spans the window cuts', () => {
    const spans = matchedSpans(summary, among('yeu', 'cau', 'tinh'));
    const excerpt = excerptAround(summary, spans, 60);
    expect(excerpt.spans.map((span) => excerpt.text.slice(span.start, span.end))).toEqual(['Yêu cầu']);
  });
});
