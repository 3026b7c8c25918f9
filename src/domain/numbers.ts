/**
 * Numbers as officials type them. Vietnamese notation writes thousands with a dot and decimals with a
 * comma (1.234,5); plain notation writes 1234.5 (or 1,234.5). The rule, stated once:
 * - both separators present: the last one is the decimal mark;
 * - only commas: one comma is a decimal mark (95,5), several are thousands (1,234,567);
 * - only dots: several are thousands (1.234.567); one dot followed by exactly three digits after a
 *   1–3 digit lead is a thousands mark (12.500 = 12500, the Vietnamese reading); otherwise decimal.
 * Spaces (including non-breaking) and a trailing % are ignored.
 */
export type ParsedNumber = { ok: true; value: number } | { ok: false; reason: 'empty' | 'not_a_number' };

export function parseLocaleNumber(input: string): ParsedNumber {
  const compact = input.replace(/[\s\u00a0\u202f]/g, '').replace(/%$/, '');
  if (compact === '') return { ok: false, reason: 'empty' };
  if (!/^[+-]?[0-9.,]+$/.test(compact) || !/[0-9]/.test(compact)) return { ok: false, reason: 'not_a_number' };

  const sign = compact.startsWith('-') ? -1 : 1;
  const digits = compact.replace(/^[+-]/, '');
  const lastDot = digits.lastIndexOf('.');
  const lastComma = digits.lastIndexOf(',');
  let normalized: string | null;
  if (lastDot >= 0 && lastComma >= 0) {
    const decimalMark = lastDot > lastComma ? '.' : ',';
    const thousandsMark = decimalMark === '.' ? ',' : '.';
    normalized = withMarks(digits, thousandsMark, decimalMark);
  } else if (lastComma >= 0) {
    normalized = count(digits, ',') === 1 ? withMarks(digits, null, ',') : withMarks(digits, ',', null);
  } else if (lastDot >= 0) {
    const vietnameseThousands = count(digits, '.') > 1 || /^[1-9][0-9]{0,2}\.[0-9]{3}$/.test(digits);
    normalized = vietnameseThousands ? withMarks(digits, '.', null) : withMarks(digits, null, '.');
  } else {
    normalized = digits;
  }
  if (normalized === null) return { ok: false, reason: 'not_a_number' };
  const value = sign * Number(normalized);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: 'not_a_number' };
}

function count(text: string, character: string): number {
  return text.split(character).length - 1;
}

/** Rewrites to JavaScript notation, checking that thousands groups have three digits. */
function withMarks(digits: string, thousandsMark: string | null, decimalMark: string | null): string | null {
  let integerPart = digits;
  let fraction = '';
  if (decimalMark) {
    const at = digits.lastIndexOf(decimalMark);
    integerPart = digits.slice(0, at);
    fraction = digits.slice(at + 1);
    if (fraction === '' || !/^[0-9]+$/.test(fraction)) return null;
  }
  if (thousandsMark) {
    const groups = integerPart.split(thousandsMark);
    const [lead, ...rest] = groups;
    if (!lead || !/^[0-9]{1,3}$/.test(lead) || rest.some((group) => !/^[0-9]{3}$/.test(group))) return null;
    integerPart = groups.join('');
  }
  if (!/^[0-9]*$/.test(integerPart) || (integerPart === '' && fraction === '')) return null;
  return fraction ? `${integerPart || '0'}.${fraction}` : integerPart;
}

export type NumberProblem = { kind: 'required' } | { kind: 'not_a_number'; typed: string };
export type NumberReading = { ok: true; value: number } | { ok: false; problem: NumberProblem };

/** A form field that must hold a number: blank (null, '', spaces) is `required`, anything else unreadable is `not_a_number`. */
export function readNumber(typed: string | null | undefined): NumberReading {
  const text = (typed ?? '').trim();
  const parsed = parseLocaleNumber(text);
  if (parsed.ok) return parsed;
  return { ok: false, problem: parsed.reason === 'empty' ? { kind: 'required' } : { kind: 'not_a_number', typed: text } };
}
