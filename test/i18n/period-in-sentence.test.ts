import { describe, expect, it } from 'vitest';
import { periodInSentence, periodOfYearInSentence } from '../../src/i18n/period-names';
import { reviewText } from '../../src/views/review';
import { sourceFiles } from '../architecture/import-graph';

/**
 * A stand-in for every argument that is not a period's name: a string where text is built, a
 * number where one is compared, an empty list where one is walked, and itself for any property or
 * call, so any message function renders with it.
 */
function anything(): unknown {
  const target = () => undefined;
  const proxy: unknown = new Proxy(target, {
    get: (_, key) => {
      if (key === Symbol.toPrimitive) return (hint: string) => (hint === 'number' ? 2 : 'x');
      if (key === Symbol.iterator) return [][Symbol.iterator].bind([]);
      if (key === 'length') return 2;
      if (key === 'then') return undefined;
      return proxy;
    },
    apply: () => proxy,
  });
  return proxy;
}

type Message = (...args: unknown[]) => unknown;
const PERIOD_PARAMETER = /^(period|periodName|periodLabel)$/;

function parametersOf(message: Message): string[] {
  const source = message.toString();
  const list = source.startsWith('(') ? source.slice(1, source.indexOf(')')) : source.slice(0, source.indexOf('=>'));
  return list.split(',').map((parameter) =>
    parameter
      .trim()
      .replace(/[=:].*$/, '')
      .trim(),
  );
}

/** Every message function of a catalogue (nested objects walked), by its path. */
function messagesOf(value: unknown, path: string, found: [string, Message][]): [string, Message][] {
  if (typeof value === 'function') found.push([path, value as Message]);
  else if (value && typeof value === 'object') for (const [key, inner] of Object.entries(value)) messagesOf(inner, `${path}.${key}`, found);
  return found;
}

const catalogueFiles = [...sourceFiles(['src', 'commands'])].filter(([, text]) => text.includes('defineMessages(')).map(([path]) => path);

async function periodMessages(): Promise<[string, Message, string[]][]> {
  const found: [string, Message, string[]][] = [];
  for (const path of catalogueFiles) {
    const module = (await import(`../../${path}`)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (!value || typeof value !== 'object' || !('vi' in value) || !('en' in value)) continue;
      for (const [messagePath, message] of messagesOf(value, `${path}:${name}`, [])) {
        // A message named for the period ("period: (name, year, …)") takes its name first.
        const parameters = parametersOf(message).map((parameter, index) =>
          index === 0 && parameter === 'name' && /\.period$/.test(messagePath) ? 'period' : parameter,
        );
        if (parameters.some((parameter) => PERIOD_PARAMETER.test(parameter))) found.push([messagePath, message, parameters]);
      }
    }
  }
  return found;
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
    for (const [path, message, parameters] of messages) {
      for (const name of ['Cả năm', 'Full year']) {
        let text: string;
        try {
          text = String(message(...parameters.map((parameter) => (PERIOD_PARAMETER.test(parameter) ? name : anything()))));
        } catch (error) {
          wrong.push(`${path}: ${String(error)}`);
          continue;
        }
        if (capitalMidSentence(text, name)) wrong.push(`${path}: ${text}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
