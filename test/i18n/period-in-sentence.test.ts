import { describe, expect, it } from 'vitest';
import { periodInSentence, periodOfYearInSentence } from '../../src/i18n/period-names';
import { reviewText } from '../../src/views/review';
import { anything, type CatalogueEntry, catalogueEntries, rendered } from '../support/catalogues';

const PERIOD_PARAMETER = /^(period|periodName|periodLabel)$/;

/** The messages that take a period's name; one named for the period ("period: (name, year, …)") takes it first. */
async function periodMessages(): Promise<CatalogueEntry[]> {
  return (await catalogueEntries())
    .map((entry) => ({
      ...entry,
      parameters: entry.parameters.map((parameter, index) =>
        index === 0 && parameter === 'name' && /\.period$/.test(entry.path) ? 'period' : parameter,
      ),
    }))
    .filter((entry) => entry.parameters.some((parameter) => PERIOD_PARAMETER.test(parameter)));
}

/** A capital period name after a word or a comma: the name is inside a sentence, not heading it. */
function capitalMidSentence(text: string, name: string): boolean {
  const at = new RegExp(`([\\p{L}\\p{N},(])[*_~ ]*\\s${name}`, 'u');
  return at.test(text);
}

describe('period names are lower case inside a sentence (voice.md)', () => {
  it.each([
    ['Cả năm', 'cả năm'],
    ['6 tháng đầu năm', '6 tháng đầu năm'],
    ['Quý I', 'Quý I'],
    ['Quý IV', 'Quý IV'],
    ['Quý I năm 2021', 'Quý I năm 2021'],
    ['Cả năm 2021', 'cả năm 2021'],
    ['Full year (2021)', 'full year (2021)'],
    ['Đợt 2', 'Đợt 2'],
    ['QI', 'QI'],
    ['H1', 'H1'],
    ['Full year', 'full year'],
    ['First half', 'first half'],
    ['Quarter 3', 'Quarter 3'],
    ['', ''],
  ])('“%s” inside a sentence is “%s”', (name, expected) => {
    expect(periodInSentence(name)).toBe(expected);
  });

  it('with its year, never “năm năm”', () => {
    expect(periodOfYearInSentence('Cả năm', 2021, 'vi')).toBe('cả năm 2021');
    expect(periodOfYearInSentence('Quý I', 2021, 'vi')).toBe('Quý I năm 2021');
    expect(periodOfYearInSentence('Full year', 2021, 'en')).toBe('full year 2021');
    expect(reviewText.vi.intro('Sở Tư pháp', '6 tháng đầu năm', 2021)).toBe('*Sở Tư pháp* — báo cáo 6 tháng đầu năm 2021');
  });

  it('every message that takes a period name writes “Cả năm” and “Full year” in lower case mid-sentence', async () => {
    const messages = await periodMessages();
    expect(messages.length).toBeGreaterThan(20);
    const wrong: string[] = [];
    for (const entry of messages) {
      for (const name of ['Cả năm', 'Full year']) {
        let text: string;
        try {
          text = rendered(entry, (parameter) => (PERIOD_PARAMETER.test(parameter) ? name : anything()));
        } catch (error) {
          wrong.push(`${entry.path}: ${String(error)}`);
          continue;
        }
        if (capitalMidSentence(text, name)) wrong.push(`${entry.path}: ${text}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
