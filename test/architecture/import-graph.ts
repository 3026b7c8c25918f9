import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';
import { COMMANDS, type Module } from './layers';

/** The repository's root. */
export const ROOT = join(import.meta.dirname, '..', '..');

/** Every .ts file under `roots` (folders of the repository), by its path with "/", with its text. */
export function sourceFiles(roots: readonly string[]): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) files.set(relative(ROOT, path).split(sep).join('/'), readFileSync(path, 'utf8'));
    }
  };
  for (const root of roots) walk(join(ROOT, root));
  return files;
}

/** One relative import of a file: what it names and whether only types come through it. */
export interface ImportEdge {
  from: string;
  to: string;
  typeOnly: boolean;
}

/**
 * Every module a file imports, read with the TypeScript compiler's parser: import and export
 * declarations (`import type` and `export type … from` included), `import x = require()`,
 * `import('…')` calls and `typeof import('…')` types.
 */
export function importsOf(path: string, text: string): { specifier: string; typeOnly: boolean }[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const allTypes =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!clause.namedBindings &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((element) => element.isTypeOnly)));
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: allTypes });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      found.push({ specifier: node.moduleReference.expression.text, typeOnly: node.isTypeOnly });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The file a relative specifier names (x.ts, x/index.ts), or undefined for packages and node: modules. */
export function resolveImport(from: string, specifier: string, exists: (path: string) => boolean): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = posix.normalize(posix.join(posix.dirname(from), specifier)).replace(/\.(js|ts)$/, '');
  return [`${base}.ts`, `${base}/index.ts`].find(exists) ?? `${base}.ts`;
}

/** Every relative import edge among `files` (path → text; paths relative to the repository, with "/"). */
export function importGraph(files: ReadonlyMap<string, string>): ImportEdge[] {
  const exists = (path: string) => files.has(path);
  return [...files].flatMap(([from, text]) =>
    importsOf(from, text).flatMap(({ specifier, typeOnly }) => {
      const to = resolveImport(from, specifier, exists);
      return to ? [{ from, to, typeOnly }] : [];
    }),
  );
}

export function moduleOf(path: string, modules: readonly Module[]): Module | undefined {
  return modules.find((module) => module.paths.some((prefix) => (prefix.endsWith('/') ? path.startsWith(prefix) : path === prefix)));
}

/** Inside commands/: 'index', 'shared', or the feature's name (commands/<feature>.ts, commands/<feature>/…). */
function commandsPart(path: string): string {
  if (path === COMMANDS.entry) return 'index';
  if (path.startsWith(COMMANDS.shared)) return 'shared';
  return path.slice(COMMANDS.root.length).split('/')[0]!.replace(/\.ts$/, '');
}

const describe = (edge: ImportEdge) => `${edge.from} → ${edge.to}${edge.typeOnly ? ' (type-only)' : ''}`;

/** What breaks the layering: wrong-way imports, files in no module, imports of files that do not exist. */
export function layeringViolations(edges: readonly ImportEdge[], files: ReadonlySet<string>, modules: readonly Module[]): string[] {
  const problems: string[] = [];
  for (const file of files) if (!moduleOf(file, modules)) problems.push(`${file} belongs to no module (test/architecture/layers.ts)`);
  for (const edge of edges) {
    if (!files.has(edge.to)) {
      problems.push(`${describe(edge)}: no such file`);
      continue;
    }
    const from = moduleOf(edge.from, modules);
    const to = moduleOf(edge.to, modules);
    if (!from || !to) continue;
    if (from !== to && !from.mayImport.includes(to.name)) {
      problems.push(`${describe(edge)}: ${from.name} may not import ${to.name}`);
      continue;
    }
    const inCommands = (path: string) => path.startsWith(COMMANDS.root);
    if (!inCommands(edge.from) && inCommands(edge.to) && edge.to !== COMMANDS.entry)
      problems.push(`${describe(edge)}: outside commands/, only ${COMMANDS.entry} (the registration) is imported`);
    if (inCommands(edge.from) && inCommands(edge.to)) {
      const source = commandsPart(edge.from);
      const target = commandsPart(edge.to);
      if (source !== 'index' && target !== source && target !== 'shared')
        problems.push(
          `${describe(edge)}: ${source === 'shared' ? 'commands/shared imports no feature' : `feature ${source} imports feature ${target}`}`,
        );
    }
  }
  return problems;
}

/** Every import cycle among the files (strongly connected components of two or more files, or a file importing itself). */
export function importCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const edge of edges) next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  // Tarjan's algorithm, iterative enough for a few hundred files.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of next.get(node) ?? []) {
      if (!index.has(target)) {
        connect(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(node, Math.min(low.get(node)!, index.get(target)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (next.get(node) ?? []).includes(node)) cycles.push(component.sort());
    }
  };
  for (const node of new Set(edges.flatMap((edge) => [edge.from, edge.to]))) if (!index.has(node)) connect(node);
  return cycles;
}

/** The module graph the table allows must itself be a layering: no module reachable from itself. */
export function tableCycles(modules: readonly Module[]): string[][] {
  return importCycles(modules.flatMap((module) => module.mayImport.map((target) => ({ from: module.name, to: target, typeOnly: false }))));
}
