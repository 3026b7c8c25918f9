import { type LocalDate, parseTypedDate } from './calendar';
import { foldVietnamese } from './fold';

/**
 * The words after `/thidua quantri nhatky`: whom and what the audit log is read for. A person is a
 * Slack mention (`<@U0TP0001>`, `<@U0TP0001|tên>`) or a user id; a date is `dd/MM/yyyy` (also
 * `d/M/yyyy`, with `-` or `.`) or `yyyy-MM-dd`: one date is that day, two a range (both days
 * included), a word "từ"/"tu"/"from" or "đến"/"den"/"to"/"until" before a lone date makes it the
 * start or the end; the other words name a unit (left for the caller to look up). Pure: no zone —
 * the caller turns local dates into instants.
 */
export interface AuditFilterWords {
  userId?: string;
  /** First local day included. */
  from?: LocalDate;
  /** Last local day included. */
  until?: LocalDate;
  /** The words that are neither a person nor a date nor a range word, as typed. */
  unitText: string;
  /** Words that look like a date or a person but are not one (31/02/2021, a second person). */
  unreadable: string[];
}

const MENTION = /^<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>$/;
const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const FROM_WORDS = new Set(['tu', 'from', 'since']);
const UNTIL_WORDS = new Set(['den', 'to', 'until', 'toi']);

function looksLikeDate(word: string): boolean {
  return /^\d/.test(word) && /[/.-]/.test(word);
}

export function parseAuditFilterWords(text: string): AuditFilterWords {
  const rest: string[] = [];
  const unreadable: string[] = [];
  const dates: { date: LocalDate; marker?: 'from' | 'until' }[] = [];
  let userId: string | undefined;
  let marker: 'from' | 'until' | undefined;
  const words = text.trim().split(/\s+/).filter(Boolean);
  words.forEach((word, index) => {
    const folded = foldVietnamese(word);
    const person = MENTION.exec(word)?.[1] ?? (USER_ID.test(word) ? word : undefined);
    if (person) {
      if (userId && userId !== person) unreadable.push(word);
      else userId = person;
      return;
    }
    // "từ"/"đến" before a date; elsewhere they may be part of a name ("Sở Tư pháp" typed "so tu phap").
    if ((FROM_WORDS.has(folded) || UNTIL_WORDS.has(folded)) && looksLikeDate(words[index + 1] ?? '')) {
      marker = FROM_WORDS.has(folded) ? 'from' : 'until';
      return;
    }
    if (looksLikeDate(word)) {
      const date = parseTypedDate(word);
      if (date) dates.push({ date, ...(marker ? { marker } : {}) });
      else unreadable.push(word);
      marker = undefined;
      return;
    }
    rest.push(word);
  });
  const range = dateRange(dates);
  if (dates.length > 2) unreadable.push(...dates.slice(2).map((entry) => entry.date));
  return { ...(userId ? { userId } : {}), ...range, unitText: rest.join(' '), unreadable };
}

function dateRange(dates: readonly { date: LocalDate; marker?: 'from' | 'until' }[]): Pick<AuditFilterWords, 'from' | 'until'> {
  const [first, second] = dates;
  if (!first) return {};
  if (!second) {
    if (first.marker === 'from') return { from: first.date };
    if (first.marker === 'until') return { until: first.date };
    return { from: first.date, until: first.date };
  }
  // Two dates: a range whichever order they were typed in.
  return first.date <= second.date ? { from: first.date, until: second.date } : { from: second.date, until: first.date };
}
