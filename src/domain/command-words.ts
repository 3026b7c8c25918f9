import { closestMatches, foldVietnamese } from './fold';
import { keptAnswer, keptFor } from './kept';

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
  | { kind: 'unknown'; word: string; suggestions: readonly string[] };

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

interface CommandIndex {
  /** The list's words by key, folded once. */
  byKey: Map<string, string>;
  /** The answers for texts asked before (the router asks with the same list, nearly always the same few texts). */
  answers: Map<string, CommandMatch>;
}

/** Each frozen command list's index (the router's, built once): a list not frozen is indexed afresh on each call. */
const indexes = new WeakMap<readonly CommandWords[], CommandIndex>();

/** How many texts' answers a list keeps: only a handful are typed again and again; what people type must not grow it without end. */
const KEPT_ANSWERS = 256;

function indexOf(commands: readonly CommandWords[]): CommandIndex {
  return keptFor(indexes, commands, () => {
    const byKey = new Map<string, string>();
    for (const command of commands) for (const word of [command.name, ...command.words]) byKey.set(commandKey(word), command.name);
    return { byKey, answers: new Map() };
  });
}

/**
 * The longest run of leading words (up to four: "xếp hạng cả năm") that names a command wins. The
 * answer is frozen, and kept per text for a frozen list of commands (its words cannot change).
 */
export function matchCommand(text: string, commands: readonly CommandWords[]): CommandMatch {
  const { byKey, answers } = indexOf(commands);
  return keptAnswer(answers, text, KEPT_ANSWERS, () => deepFrozen(matchIn(text, byKey)));
}

function deepFrozen(match: CommandMatch): CommandMatch {
  if (match.kind === 'unknown') Object.freeze(match.suggestions);
  return Object.freeze(match);
}

function matchIn(text: string, byKey: Map<string, string>): CommandMatch {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return { kind: 'empty' };

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
