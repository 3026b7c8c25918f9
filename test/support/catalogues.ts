import { sourceFiles } from '../architecture/import-graph';

/**
 * The message catalogues of src/ and commands/ (every exported defineMessages object), walked to
 * their messages, so a test can render each one and read what people would.
 */
export type Message = (...args: unknown[]) => unknown;

export interface CatalogueEntry {
  /** "src/views/review.ts:reviewText.vi.intro" */
  path: string;
  /** A fixed text, or a message function with its parameters' names. */
  entry: string | Message;
  parameters: string[];
}

/**
 * A stand-in for any argument: a string where text is built, a number where one is compared, an
 * empty list where one is walked, and itself for any property or call, so any message renders with it.
 */
export function anything(): unknown {
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

function entriesOf(value: unknown, path: string, found: CatalogueEntry[]): CatalogueEntry[] {
  if (typeof value === 'function') found.push({ path, entry: value as Message, parameters: parametersOf(value as Message) });
  else if (typeof value === 'string') found.push({ path, entry: value, parameters: [] });
  else if (value && typeof value === 'object') for (const [key, inner] of Object.entries(value)) entriesOf(inner, `${path}.${key}`, found);
  return found;
}

/** Every entry of every exported catalogue of src/ and commands/. */
export async function catalogueEntries(): Promise<CatalogueEntry[]> {
  const files = [...sourceFiles(['src', 'commands'])].filter(([, text]) => text.includes('defineMessages(')).map(([path]) => path);
  const found: CatalogueEntry[] = [];
  for (const path of files) {
    const module = (await import(/* @vite-ignore */ `../../${path}`)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module))
      if (value && typeof value === 'object' && 'vi' in value && 'en' in value) entriesOf(value, `${path}:${name}`, found);
  }
  return found;
}

/** The entry as people read it, each argument `argument(parameter name)`. */
export function rendered(entry: CatalogueEntry, argument: (parameter: string) => unknown = anything): string {
  return typeof entry.entry === 'string' ? entry.entry : String(entry.entry(...entry.parameters.map(argument)));
}
