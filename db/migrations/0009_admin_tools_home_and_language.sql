CREATE TABLE `due_extensions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`period_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`due` integer NOT NULL,
	`reason` text NOT NULL,
	`granted_by` text NOT NULL,
	`granted_at` integer NOT NULL,
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `due_extensions_period_unit_idx` ON `due_extensions` (`period_id`,`unit_id`);--> statement-breakpoint
CREATE TABLE `people` (
	`user_id` text PRIMARY KEY NOT NULL,
	`chosen_locale` text,
	`slack_locale` text,
	`slack_locale_checked_at` integer,
	`home_opened_at` integer
);
--> statement-breakpoint
CREATE TABLE `report_reopenings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`period_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`until` integer NOT NULL,
	`reason` text NOT NULL,
	`granted_by` text NOT NULL,
	`granted_at` integer NOT NULL,
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `report_reopenings_period_unit_idx` ON `report_reopenings` (`period_id`,`unit_id`);--> statement-breakpoint
ALTER TABLE `audit_log` ADD `unit_id` integer REFERENCES units(id);--> statement-breakpoint
ALTER TABLE `audit_log` ADD `subject_user_id` text;--> statement-breakpoint
CREATE INDEX `audit_log_unit_idx` ON `audit_log` (`unit_id`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
UPDATE `audit_log` SET `unit_id` = (SELECT `reports`.`unit_id` FROM `reports` WHERE `reports`.`id` = CAST(`audit_log`.`entity_id` AS INTEGER)) WHERE `entity_type` = 'report';--> statement-breakpoint
UPDATE `audit_log` SET `unit_id` = (SELECT `pledges`.`unit_id` FROM `pledges` WHERE `pledges`.`id` = CAST(`audit_log`.`entity_id` AS INTEGER)) WHERE `entity_type` = 'pledge';--> statement-breakpoint
UPDATE `audit_log` SET `unit_id` = (SELECT `units`.`id` FROM `units` WHERE `units`.`id` = CAST(`audit_log`.`entity_id` AS INTEGER)) WHERE `entity_type` = 'unit';