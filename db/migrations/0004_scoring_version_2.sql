CREATE TABLE `block_year_units` (
	`year` integer NOT NULL,
	`block_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`year`, `block_id`, `unit_id`),
	FOREIGN KEY (`year`) REFERENCES `years`(`year`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`block_id`) REFERENCES `blocks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `block_year_units_year_unit_idx` ON `block_year_units` (`year`,`unit_id`);--> statement-breakpoint
CREATE TABLE `pledge_indicator_targets` (
	`version_id` integer NOT NULL,
	`criterion_id` integer NOT NULL,
	`indicator` text NOT NULL,
	`value` real NOT NULL,
	PRIMARY KEY(`version_id`, `criterion_id`, `indicator`),
	FOREIGN KEY (`version_id`) REFERENCES `pledge_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`criterion_id`) REFERENCES `criteria`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `review_corrections` (
	`review_id` integer NOT NULL,
	`criterion_id` integer NOT NULL,
	`value` real,
	`detail` text,
	`reason` text NOT NULL,
	PRIMARY KEY(`review_id`, `criterion_id`),
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`criterion_id`) REFERENCES `criteria`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `block_years` ADD `groups` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `block_years` ADD `not_applicable` text DEFAULT 'full' NOT NULL;--> statement-breakpoint
ALTER TABLE `criteria` ADD `rule` text;--> statement-breakpoint
ALTER TABLE `directives` ADD `expired_on` text;--> statement-breakpoint
ALTER TABLE `directives` ADD `replaced_by` text;--> statement-breakpoint
ALTER TABLE `report_values` ADD `detail` text;--> statement-breakpoint
-- Until now every year's members were the block's members (block_units): a database from before
-- version 2 keeps them so, year by year. (Hand-written; keep it when regenerating this migration.)
INSERT INTO `block_year_units` (`year`, `block_id`, `unit_id`, `position`)
	SELECT `years`.`year`, `block_units`.`block_id`, `block_units`.`unit_id`, `block_units`.`position`
	FROM `years` CROSS JOIN `block_units`;
