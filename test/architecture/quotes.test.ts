import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from './import-graph';
import { CHECKED_ROOTS } from './layers';

// voice.md: quotation marks are “…”, never the guillemets; written below as escapes only.
const GUILLEMETS = /[\u00ab\u00bb]/;

/**
 * Where a string the program builds — a string literal, or any part of a template literal — holds a
 * guillemet, as "path:line: text". Read with the TypeScript parser on the cooked text, so an escape
 * (\u00ab) counts as well as the character itself.
 */
function guillemetsInStrings(path: string, text: string): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const check = (node: ts.Node, cooked: string | undefined) => {
    if (cooked !== undefined && GUILLEMETS.test(cooked))
      found.push(`${path}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}: ${cooked}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node)) check(node, node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Lines of `text` holding a guillemet anywhere (comments included), as "path:line". */
function guillemetLines(path: string, text: string): string[] {
  return text.split('\n').flatMap((line, index) => (GUILLEMETS.test(line) ? [`${path}:${index + 1}`] : []));
}

describe('quotation marks are “…” (voice.md)', () => {
  it('no string of src, db or commands — messages, help, modals, DMs — holds a guillemet', () => {
    const files = sourceFiles(CHECKED_ROOTS);
    expect(files.size).toBeGreaterThan(100);
    expect([...files].flatMap(([path, text]) => guillemetsInStrings(path, text))).toEqual([]);
  });

  it('nor does a comment there, so the button names people read stay written one way', () => {
    expect([...sourceFiles(CHECKED_ROOTS)].flatMap(([path, text]) => guillemetLines(path, text))).toEqual([]);
  });

  it('finds them in every kind of string, escaped or not, and not elsewhere', () => {
    const text = [
      "const a = 'Không có lệnh \\u00abx\\u00bb.';",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text of a template literal
      'const b = `Giá trị \u00ab${typed}\u00bb không phải là số.`;',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text of a template literal
      'const c = `${x} \u00abNhắc\u00bb`;',
      'const d = "plain \u201cquoted\u201d";',
    ].join('\n');
    expect(guillemetsInStrings('x.ts', text).map((hit) => hit.split(':')[1])).toEqual(['1', '2', '2', '3']);
  });
});
