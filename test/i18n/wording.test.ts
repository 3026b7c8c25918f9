import { describe, expect, it } from 'vitest';
import { catalogueEntries, rendered } from '../support/catalogues';

/**
 * voice.md: no developer language in what people read. Date patterns are said in words with an
 * example (“ngày/tháng/năm, ví dụ 15/03/2021”), and the organisation file by the name the admin
 * help and README give it (“tệp tổ chức”). The local console and the command line are tools for
 * operators, who type such patterns: left out.
 */
const DEVELOPER_WORDS = [/dd\/MM/, /yyyy/, /HH:mm/, /tệp cấu hình/i];
const OPERATORS_ONLY = /^src\/(console|cli)\//;

describe('what people read holds no developer wording (voice.md)', () => {
  it('no catalogue message, rendered in either language, writes a date pattern or “tệp cấu hình”', async () => {
    const entries = (await catalogueEntries()).filter((entry) => !OPERATORS_ONLY.test(entry.path));
    expect(entries.length).toBeGreaterThan(500);
    const found = entries.flatMap((entry) => {
      const text = rendered(entry);
      return DEVELOPER_WORDS.some((pattern) => pattern.test(text)) ? [`${entry.path}: ${text}`] : [];
    });
    expect(found).toEqual([]);
  });
});
