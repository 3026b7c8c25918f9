import { closestMatches, foldVietnamese } from './fold';

/**
 * Matches the first words of `/thidua …` to a sub-command, accepting Vietnamese with or without
 * diacritics and spaces ("báo cáo", "bao cao", "baocao") and the English alias ("report").
 */
export interface CommandWords {
  name: string;
  /** The canonical name and every alias, as people would type them. */
  words: readonly string[];
}

export type CommandMatch =
  | { kind: 'empty' }
  | { kind: 'match'; name: string; rest: string }
  | { kind: 'unknown'; word: string; suggestions: string[] };

/**
 * The longest command text read (characters after `/thidua`). Far beyond anything a command needs
 * (a block, a period, a year, a search of 200 characters); longer text is refused before it is
 * parsed, so no reading has to cope with what Slack would let through.
 */
export const MAX_COMMAND_LENGTH = 2000;

/** A word as compared: folded, with spaces and punctuation removed. */
export function commandKey(text: string): string {
  return foldVietnamese(text).replace(/[^a-z0-9]/g, '');
}

/** Each command list's words by key, folded once (the router asks with the same list every time). */
const indexes = new WeakMap<readonly CommandWords[], Map<string, string>>();

function indexOf(commands: readonly CommandWords[]): Map<string, string> {
  let byKey = indexes.get(commands);
  if (!byKey) {
    byKey = new Map();
    for (const command of commands) for (const word of [command.name, ...command.words]) byKey.set(commandKey(word), command.name);
    indexes.set(commands, byKey);
  }
  return byKey;
}

/** The longest run of leading words (up to four: "xếp hạng cả năm") that names a command wins. */
export function matchCommand(text: string, commands: readonly CommandWords[]): CommandMatch {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return { kind: 'empty' };
  const byKey = indexOf(commands);

  for (let count = Math.min(4, tokens.length); count >= 1; count--) {
    const name = byKey.get(commandKey(tokens.slice(0, count).join('')));
    if (name) return { kind: 'match', name, rest: tokens.slice(count).join(' ') };
  }

  // Not a command: suggest the closest, judging the first word alone and the first two together.
  const keys = [...byKey.keys()];
  const candidates = [commandKey(tokens[0]!), ...(tokens.length > 1 ? [commandKey(tokens.slice(0, 2).join(''))] : [])];
  const suggestions = [...new Set(candidates.flatMap((candidate) => closestMatches(candidate, keys)).map((key) => byKey.get(key)!))];
  return { kind: 'unknown', word: tokens[0]!, suggestions };
}
