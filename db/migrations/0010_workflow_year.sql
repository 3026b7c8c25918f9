CREATE TABLE `manual_nudges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subject` text NOT NULL,
	`unit_id` integer NOT NULL,
	`by_user_id` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `manual_nudges_subject_unit_idx` ON `manual_nudges` (`subject`,`unit_id`);--> statement-breakpoint
CREATE TABLE `summary_holds` (
	`block_id` integer NOT NULL,
	`period_id` integer NOT NULL,
	`held_by` text NOT NULL,
	`held_at` integer NOT NULL,
	PRIMARY KEY(`block_id`, `period_id`),
	FOREIGN KEY (`block_id`) REFERENCES `blocks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `outbox` ADD `release_at` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `fold_key` text;--> statement-breakpoint
ALTER TABLE `reviews` ADD `carried_from_review_id` integer;--> statement-breakpoint
ALTER TABLE `reviews` ADD `awaiting` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `years` ADD `report_opens_days` integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE `years` ADD `summary_latest_days` integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE `years` ADD `overdue_in_channel` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `years` ADD `nudge_interval_minutes` integer DEFAULT 60 NOT NULL;