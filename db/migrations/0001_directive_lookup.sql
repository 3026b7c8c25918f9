CREATE TABLE `directive_numbers` (
	`directive_id` integer PRIMARY KEY NOT NULL,
	`number_key` text NOT NULL,
	`ordinal` text NOT NULL,
	FOREIGN KEY (`directive_id`) REFERENCES `directives`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `directive_numbers_number_key_unique` ON `directive_numbers` (`number_key`);--> statement-breakpoint
CREATE INDEX `directive_numbers_ordinal_idx` ON `directive_numbers` (`ordinal`);--> statement-breakpoint
CREATE TABLE `directive_words` (
	`word` text PRIMARY KEY NOT NULL,
	`written` text NOT NULL
);
