ALTER TABLE `pledge_versions` ADD `change_reason` text;--> statement-breakpoint
ALTER TABLE `report_versions` ADD `change_reason` text;--> statement-breakpoint
ALTER TABLE `reviews` ADD `resubmit_by` integer;--> statement-breakpoint
ALTER TABLE `years` ADD `resubmission_working_days` integer DEFAULT 3 NOT NULL;