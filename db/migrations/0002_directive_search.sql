-- Full-text search over directives, on FOLDED text (lower case, no diacritics, đ → d: see
-- src/domain/fold.ts). SQLite cannot fold Vietnamese (its unicode61 tokenizer keeps đ), so the
-- store writes these rows itself, in the same transaction as every directive write
-- (db/store/directives.ts), and rebuilds them when the folding changes or rows predate this table.
-- rowid = directives.id. `number` holds how a directive is cited: kind and number ("chi thi 34 ct tw").
-- `issued_on` (a copy, not searched) breaks ties between equally relevant directives, newest first,
-- without a join on every match.
CREATE VIRTUAL TABLE `directive_search` USING fts5(
	`number`, `title`, `summary`, `tags`, `issuer`, `issued_on` UNINDEXED,
	tokenize = 'unicode61 remove_diacritics 0',
	prefix = '2 3'
);
--> statement-breakpoint
-- The index's words (one row per word and column), for "did you mean" suggestions.
CREATE VIRTUAL TABLE `directive_search_words` USING fts5vocab(`directive_search`, 'col');
