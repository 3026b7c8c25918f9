import { and, eq, ne, sql } from 'drizzle-orm';
import type { DirectiveInput } from '../../src/domain/directive';
import {
  closeNumbers,
  directiveNumberKey,
  isOrdinalWithin,
  matchNumber,
  type NumberMatch,
  numberSearchText,
  ordinalTypos,
  parseDirectiveNumber,
} from '../../src/domain/directive-number';
import { correctedQuery, type DirectiveQuery, ftsExpression, parseDirectiveQuery } from '../../src/domain/directive-query';
import { closestMatches, foldVietnamese, wordsAsWritten } from '../../src/domain/fold';
import { directiveNumbers, directives, directiveWords, meta } from '../schema';
import { inIds } from './in-ids';
import type { Db } from './types';

export type DirectiveRow = typeof directives.$inferSelect;

export interface DirectiveHit {
  directive: DirectiveRow;
  /** Why it is here: its number answers the query exactly or loosely, or its text matched. */
  match: NumberMatch | 'text';
  /** The directive of the library its `replacedBy` names, if the library has it. */
  replacement?: DirectiveRow;
}

/** Whether a directive is no longer in force on `today` (yyyy-MM-dd, the organisation's calendar). */
export function isExpired(directive: Pick<DirectiveRow, 'expiredOn'>, today: string): boolean {
  return directive.expiredOn !== null && directive.expiredOn <= today;
}

export interface DirectiveSearchResult {
  hits: DirectiveHit[];
  /** How many directives answer the query in all (hits is one page of them). */
  total: number;
  offset: number;
  /** No directive contains every word, so these contain some of them. */
  partial: boolean;
  /** The query named a number that no directive has (hits, if any, matched words). */
  numberMissing: boolean;
}

export interface DirectiveSuggestions {
  /** Directives whose numbers are close to the number typed. */
  numbers: DirectiveRow[];
  /** The query with unknown words replaced by the closest words of the library, as people write them. */
  correctedQuery?: string;
}

/**
 * Bumped whenever what the store writes into directive_search, directive_numbers or
 * directive_words changes (folding, the cited form, number keys): a database indexed by an older
 * version is rebuilt.
 */
export const SEARCH_INDEX_VERSION = '2';
const SEARCH_INDEX_VERSION_KEY = 'directive_search_version';

/** Matches ranked past the page, so that directives tied with its last one are seen together. */
const TIE_ROOM = 50;

/** bm25 weights in the index's column order: number, title, summary, tags, issuer (issued_on is not searched). */
const COLUMN_WEIGHTS = sql.raw('10.0, 5.0, 1.0, 3.0, 1.0, 0.0');

/** The library of directives: lookups, the search, and admins' additions and edits. */
export function directiveQueries(db: Db) {
  const byIds = (ids: readonly number[]): DirectiveRow[] => {
    if (ids.length === 0) return [];
    const rows = new Map(
      db
        .select()
        .from(directives)
        .where(inIds(directives.id, ids))
        .all()
        .map((row) => [row.id, row]),
    );
    return ids.flatMap((id) => rows.get(id) ?? []);
  };

  /** Directives whose number answers the query's number: exact ones first, then those in force, then the newest. */
  const numberHits = (query: DirectiveQuery, today: string): { directive: DirectiveRow; match: NumberMatch }[] => {
    const reference = query.number;
    if (!reference) return [];
    return db
      .select({ directive: directives })
      .from(directiveNumbers)
      .innerJoin(directives, eq(directives.id, directiveNumbers.directiveId))
      .where(eq(directiveNumbers.ordinal, reference.ordinal))
      .all()
      .flatMap(({ directive }) => {
        const match = matchNumber(reference, { number: parseDirectiveNumber(directive.number), kind: directive.kind });
        return match ? [{ directive, match }] : [];
      })
      .sort(
        (left, right) =>
          rankOfMatch(left.match) - rankOfMatch(right.match) ||
          Number(isExpired(left.directive, today)) - Number(isExpired(right.directive, today)) ||
          newestFirst(left.directive, right.directive),
      );
  };

  /**
   * The first `limit` text matches and how many there are in all (counted apart, and only when the
   * page is full). Order: bm25 over the weighted columns; at equal relevance the documents in force
   * on `today` first, then the newest. A document replaced by another that also matched never ranks
   * above its replacement (it takes the replacement's relevance when its own is better).
   *
   * Reading every match's dates costs as much as bm25 itself, so SQLite ranks by bm25 alone, a
   * little past the page, and the page is ordered here: exact as long as the directives tied with
   * the last one of the page are all among those fetched; otherwise SQLite is asked for the full
   * ordering (by relevance, in force, newest; the replacement rule is then left to relevance).
   */
  const textMatches = (expression: string, limit: number, today: string): { ids: number[]; total: number } => {
    const fetched = limit + TIE_ROOM;
    const ranked = db.all<{ id: number; score: number }>(sql`
      select rowid as id, bm25(directive_search, ${COLUMN_WEIGHTS}) as score from directive_search
      where directive_search match ${expression}
      order by score
      limit ${fetched}`);
    const total =
      ranked.length < fetched
        ? ranked.length
        : db.get<{ total: number }>(sql`select count(*) as total from directive_search where directive_search match ${expression}`)!.total;
    const boundary = ranked[Math.min(limit, ranked.length) - 1]?.score;
    if (ranked.length === fetched && ranked.at(-1)!.score === boundary) {
      const ids = db
        .all<{ id: number }>(sql`
          select directive_search.rowid as id from directive_search
          join ${directives} on ${directives.id} = directive_search.rowid
          where directive_search match ${expression}
          order by bm25(directive_search, ${COLUMN_WEIGHTS}),
            (${directives.expiredOn} is not null and ${directives.expiredOn} <= ${today}),
            directive_search.issued_on desc, directive_search.rowid desc
          limit ${limit}`)
        .map((row) => row.id);
      return { ids, total };
    }
    const facts = new Map(
      db
        .select({ id: directives.id, issuedOn: directives.issuedOn, expiredOn: directives.expiredOn, replacedBy: directives.replacedBy })
        .from(directives)
        .where(
          inIds(
            directives.id,
            ranked.map((row) => row.id),
          ),
        )
        .all()
        .map((row) => [row.id, row]),
    );
    const scoreOf = new Map(ranked.map((row) => [row.id, row.score]));
    const scoreOfKey = new Map(
      db
        .select({ id: directiveNumbers.directiveId, numberKey: directiveNumbers.numberKey })
        .from(directiveNumbers)
        .where(
          inIds(
            directiveNumbers.directiveId,
            ranked.map((row) => row.id),
          ),
        )
        .all()
        .map((row) => [row.numberKey, scoreOf.get(row.id)!]),
    );
    // bm25 is lower for better matches: a replaced document is never better than its replacement.
    const effective = ranked.map((row) => {
      const replacedBy = facts.get(row.id)?.replacedBy;
      const replacementScore = replacedBy ? scoreOfKey.get(directiveNumberKey(replacedBy)) : undefined;
      const expired = isExpired(facts.get(row.id) ?? { expiredOn: null }, today);
      return {
        ...row,
        score: replacementScore === undefined ? row.score : Math.max(row.score, replacementScore),
        replaced: replacementScore !== undefined,
        expired,
      };
    });
    effective.sort(
      (left, right) =>
        left.score - right.score ||
        Number(left.replaced) - Number(right.replaced) ||
        Number(left.expired) - Number(right.expired) ||
        facts.get(right.id)!.issuedOn.localeCompare(facts.get(left.id)!.issuedOn) ||
        right.id - left.id,
    );
    return { ids: effective.slice(0, limit).map((row) => row.id), total };
  };

  /** Which of `ids` (number matches) the text matches too, so that the total counts them once. */
  const alsoTextMatches = (expression: string, ids: readonly number[]): Set<number> => {
    if (ids.length === 0) return new Set();
    const rows = db.all<{ id: number }>(
      sql`select rowid as id from directive_search where directive_search match ${expression} and rowid in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
    return new Set(rows.map((row) => row.id));
  };

  /** The directives the library holds under the numbers `rows` are replaced by, by the replaced one's id. */
  const replacementsOf = (rows: readonly DirectiveRow[]): Map<number, DirectiveRow> => {
    const result = new Map<number, DirectiveRow>();
    for (const row of rows) {
      const replacement = row.replacedBy ? directiveByNumberKey(db, row.replacedBy, row.id) : undefined;
      if (replacement) result.set(row.id, replacement);
    }
    return result;
  };

  return {
    /** The directive the library holds under `directive.replacedBy`, if any. */
    replacementOf(directive: DirectiveRow): DirectiveRow | undefined {
      return replacementsOf([directive]).get(directive.id);
    },

    byId(id: number): DirectiveRow | undefined {
      return db.select().from(directives).where(eq(directives.id, id)).get();
    },

    /** The directive whose number is the same as `number` once written canonically, other than `exceptId`. */
    byNumber(number: string, exceptId?: number): DirectiveRow | undefined {
      return directiveByNumberKey(db, number, exceptId);
    },

    /** The directives a typed number refers to: the exact one if there is one, else every compatible one. */
    referredTo(query: DirectiveQuery, today: string): DirectiveRow[] {
      const hits = numberHits(query, today);
      const exact = hits.filter((hit) => hit.match === 'exact');
      return (exact.length ? exact : hits).map((hit) => hit.directive);
    },

    count(): number {
      return db.select({ count: sql<number>`count(*)` }).from(directives).get()!.count;
    },

    /**
     * The search: directives whose number answers the query come first (exact, then compatible),
     * then those containing every term, ranked as textMatches says (relevance; in force on `today`
     * before expired; a replaced document below its replacement; the newest). When nothing contains
     * every term of a query of several words (and no number answered), directives containing any of
     * them are returned instead, marked `partial`. Each hit carries its replacement when the library has it.
     */
    search(query: DirectiveQuery, page: { offset: number; limit: number }, today: string): DirectiveSearchResult {
      const numbered = numberHits(query, today);
      const numberedIds = numbered.map((hit) => hit.directive.id);
      const run = (mode: 'all' | 'any') => {
        const expression = ftsExpression(query, mode);
        if (!expression) return { ids: [] as number[], total: 0, overlap: new Set<number>() };
        const text = textMatches(expression, page.offset + page.limit + numberedIds.length, today);
        return { ...text, overlap: alsoTextMatches(expression, numberedIds) };
      };
      let text = run('all');
      let partial = false;
      if (text.total === 0 && numbered.length === 0 && !query.number && query.terms.length > 1) {
        text = run('any');
        partial = text.total > 0;
      }
      const numberedSet = new Set(numberedIds);
      const ordered = [...numberedIds, ...text.ids.filter((id) => !numberedSet.has(id))];
      const pageIds = ordered.slice(page.offset, page.offset + page.limit);
      const matchOf = new Map(numbered.map((hit) => [hit.directive.id, hit.match]));
      const hits = byIds(pageIds);
      const replacements = replacementsOf(hits);
      return {
        hits: hits.map((directive) => {
          const replacement = replacements.get(directive.id);
          return { directive, match: matchOf.get(directive.id) ?? 'text', ...(replacement ? { replacement } : {}) };
        }),
        total: text.total + numberedIds.filter((id) => !text.overlap.has(id)).length,
        offset: page.offset,
        partial,
        numberMissing: query.number !== undefined && numbered.length === 0,
      };
    },

    /** What to offer when a search found nothing: close numbers, and the query with its unknown words corrected. */
    suggestions(query: DirectiveQuery): DirectiveSuggestions {
      const reference = query.number;
      // Ordinals are compared first, on the small number table; only the close ones are read whole.
      const closeIds = reference
        ? db
            .select({ id: directiveNumbers.directiveId, ordinal: directiveNumbers.ordinal })
            .from(directiveNumbers)
            .where(
              sql`length(${directiveNumbers.ordinal}) between ${reference.ordinal.length - ordinalTypos(reference.ordinal)} and ${reference.ordinal.length + ordinalTypos(reference.ordinal)}`,
            )
            .all()
            .filter((row) => isOrdinalWithin(reference.ordinal, row.ordinal))
            .map((row) => row.id)
        : [];
      const numbers = reference
        ? closeNumbers(
            reference,
            byIds(closeIds).map((directive) => ({
              directive,
              number: parseDirectiveNumber(directive.number),
              kind: directive.kind,
              issuedOn: directive.issuedOn,
            })),
          ).map((candidate) => candidate.directive)
        : [];
      const correctedQuery = correctQuery(db, query);
      return { numbers, ...(correctedQuery ? { correctedQuery } : {}) };
    },

    /** Adds a directive entered in Slack, with its number key and search row. */
    add(input: DirectiveInput, actorUserId: string, now: Date): DirectiveRow {
      const row = db
        .insert(directives)
        .values({ ...input, source: 'slack', updatedBy: actorUserId, updatedAt: now })
        .returning()
        .get();
      indexDirective(db, row);
      return row;
    },

    /** Replaces a directive's fields (its source stays what it was), with its number key and search row. */
    update(id: number, input: DirectiveInput, actorUserId: string, now: Date): DirectiveRow {
      const row = db
        .update(directives)
        .set({ ...input, updatedBy: actorUserId, updatedAt: now })
        .where(eq(directives.id, id))
        .returning()
        .get();
      indexDirective(db, row);
      return row;
    },

    /** Rebuilds the derived rows of a database indexed by an older version (or none); true if it did. */
    ensureSearchIndex(): boolean {
      return ensureDirectiveSearch(db);
    },
  };
}

function rankOfMatch(match: NumberMatch): number {
  return match === 'exact' ? 0 : 1;
}

function newestFirst(left: DirectiveRow, right: DirectiveRow): number {
  return right.issuedOn.localeCompare(left.issuedOn) || right.id - left.id;
}

/**
 * Writes a directive's derived rows — its canonical number and its folded search text — so they
 * always agree with it. Every directive write calls this in the same transaction (the admin's
 * edits here, the organisation import in organisation-import.ts).
 */
export function indexDirective(db: Db, row: DirectiveRow): void {
  const numberKey = directiveNumberKey(row.number);
  const ordinal = parseDirectiveNumber(row.number)?.ordinal ?? '';
  db.insert(directiveNumbers)
    .values({ directiveId: row.id, numberKey, ordinal })
    .onConflictDoUpdate({ target: directiveNumbers.directiveId, set: { numberKey, ordinal } })
    .run();
  writeSearchRow(db, row);
}

function writeSearchRow(db: Db, row: DirectiveRow): void {
  const cited = `${foldVietnamese(row.kind)} ${numberSearchText(row.number)}`;
  db.run(sql`delete from directive_search where rowid = ${row.id}`);
  db.run(sql`insert into directive_search (rowid, number, title, summary, tags, issuer, issued_on)
    values (${row.id}, ${cited}, ${foldVietnamese(row.title)}, ${foldVietnamese(row.summary ?? '')}, ${row.tags.map(foldVietnamese).join(' ; ')}, ${foldVietnamese(row.issuer)}, ${row.issuedOn})`);
  const words = new Map(wordsAsWritten([row.kind, row.title, row.summary ?? '', ...row.tags, row.issuer].join('\n')));
  if (words.size) {
    db.insert(directiveWords)
      .values([...words].map(([word, written]) => ({ word, written })))
      .onConflictDoNothing()
      .run();
  }
}

/** The directive (if any, other than `exceptId`) whose number is `number` written canonically: the import matches on it. */
export function directiveByNumberKey(db: Db, number: string, exceptId?: number): DirectiveRow | undefined {
  return db
    .select({ directive: directives })
    .from(directiveNumbers)
    .innerJoin(directives, eq(directives.id, directiveNumbers.directiveId))
    .where(
      and(eq(directiveNumbers.numberKey, directiveNumberKey(number)), exceptId === undefined ? undefined : ne(directives.id, exceptId)),
    )
    .get()?.directive;
}

/**
 * Rebuilds directive_numbers and directive_search from the directives when the database was
 * indexed by another SEARCH_INDEX_VERSION (or never: rows written before the search existed).
 * Two old rows whose numbers turn out to be the same keep only the first number key; both stay searchable by text.
 */
export function ensureDirectiveSearch(db: Db): boolean {
  const indexed = db.select().from(meta).where(eq(meta.key, SEARCH_INDEX_VERSION_KEY)).get()?.value;
  if (indexed === SEARCH_INDEX_VERSION) return false;
  db.delete(directiveNumbers).run();
  db.delete(directiveWords).run();
  db.run(sql`delete from directive_search`);
  const seen = new Set<string>();
  for (const row of db.select().from(directives).orderBy(directives.id).all()) {
    const key = directiveNumberKey(row.number);
    if (seen.has(key)) {
      writeSearchRow(db, row);
      continue;
    }
    seen.add(key);
    indexDirective(db, row);
  }
  db.insert(meta)
    .values({ key: SEARCH_INDEX_VERSION_KEY, value: SEARCH_INDEX_VERSION })
    .onConflictDoUpdate({ target: meta.key, set: { value: SEARCH_INDEX_VERSION } })
    .run();
  return true;
}

/**
 * The query with its mistyped words replaced by the library's closest words, written as the library
 * writes them ("thuongg" → "thưởng"), when it looks like slips (correctedQuery) and the corrected
 * query finds directives holding every one of its words: never a run of near words that no
 * directive holds together. Undefined otherwise.
 */
function correctQuery(db: Db, query: DirectiveQuery): string | undefined {
  // The index's own vocabulary says what is known (directive_words may keep words an edit removed).
  const inIndex = (word: string) => db.get(sql`select 1 from directive_search_words where term = ${word}`) !== undefined;
  const startsAWord = (prefix: string) =>
    db.get(sql`select 1 from directive_search_words where term >= ${prefix} and term < ${`${prefix}\u{10FFFF}`}`) !== undefined;
  const corrected = correctedQuery(query, (word, index) => {
    if (inIndex(word)) return undefined;
    if (query.prefixLast && index === query.words.length - 1 && startsAWord(word)) return undefined;
    const reach = Math.max(1, Math.floor(word.length / 3));
    const candidates = db
      .select()
      .from(directiveWords)
      .where(sql`length(${directiveWords.word}) between ${word.length - reach} and ${word.length + reach}`)
      .all();
    const written = new Map(candidates.map((row) => [row.word, row.written]));
    const closest = closestMatches(word, [...written.keys()]).find(inIndex);
    return closest ? written.get(closest) : undefined;
  });
  if (!corrected) return undefined;
  const fixed = parseDirectiveQuery(corrected);
  const expression = ftsExpression(fixed, 'all');
  const found = (match: string) => db.get(sql`select 1 from directive_search where directive_search match ${match}`) !== undefined;
  if (!expression || !found(expression)) return undefined;
  // Each corrected word must stand beside the words typed next to it somewhere in the library: a
  // near word that only fits alone makes a phrase nobody wrote ("phòng chống" is not “phòng công”).
  return besideTypedNeighbours(query.words, fixed.words).every((phrase) => found(`"${phrase}"`)) ? corrected : undefined;
}

/** For each word `fixed` changed from `typed` (folded words, one for one), that word with its neighbours as a phrase. */
function besideTypedNeighbours(typed: readonly string[], fixed: readonly string[]): string[] {
  if (typed.length !== fixed.length) return [fixed.join(' ')];
  return fixed.flatMap((word, index) => (word === typed[index] ? [] : [fixed.slice(Math.max(0, index - 1), index + 2).join(' ')]));
}
