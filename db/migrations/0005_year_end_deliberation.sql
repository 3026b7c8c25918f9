CREATE TABLE `ballots` (
	`deliberation_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`cast_at` integer NOT NULL,
	`sealed` text,
	PRIMARY KEY(`deliberation_id`, `unit_id`),
	FOREIGN KEY (`deliberation_id`) REFERENCES `deliberations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `deliberations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`block_id` integer NOT NULL,
	`status` text NOT NULL,
	`opening` text NOT NULL,
	`opened_by` text NOT NULL,
	`opened_at` integer NOT NULL,
	`decision` text,
	`closed_by` text,
	`closed_at` integer,
	FOREIGN KEY (`year`) REFERENCES `years`(`year`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`block_id`) REFERENCES `blocks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliberations_year_block_idx` ON `deliberations` (`year`,`block_id`);--> statement-breakpoint
CREATE TABLE `vote_tallies` (
	`deliberation_id` integer NOT NULL,
	`subject` text NOT NULL,
	`option` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`deliberation_id`, `subject`, `option`),
	FOREIGN KEY (`deliberation_id`) REFERENCES `deliberations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `years` ADD `year_result` text;--> statement-breakpoint
ALTER TABLE `years` ADD `commendations` text;