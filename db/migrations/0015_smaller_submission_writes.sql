-- Fewer pages written by each report submission (each page is a WAL frame its COMMIT writes).
-- The audit log's (entity_type, entity_id) index: no query of the product reads the log by entity.
DROP INDEX `audit_log_entity_idx`;
--> statement-breakpoint
-- report_values and processed_events become WITHOUT ROWID tables (written by hand: drizzle cannot
-- express it), each one b-tree keyed by its primary key instead of a table and a key index. The
-- rows are copied as they are; nothing references either table, so dropping the old one inside the
-- migration's transaction checks no foreign key.
CREATE TABLE `__new_report_values` (
	`version_id` integer NOT NULL,
	`criterion_id` integer NOT NULL,
	`value` real,
	`reason` text,
	`detail` text,
	PRIMARY KEY(`version_id`, `criterion_id`),
	FOREIGN KEY (`version_id`) REFERENCES `report_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`criterion_id`) REFERENCES `criteria`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_report_values` (`version_id`, `criterion_id`, `value`, `reason`, `detail`)
	SELECT `version_id`, `criterion_id`, `value`, `reason`, `detail` FROM `report_values`;
--> statement-breakpoint
DROP TABLE `report_values`;
--> statement-breakpoint
ALTER TABLE `__new_report_values` RENAME TO `report_values`;
--> statement-breakpoint
-- Its triggers went with the old table (0014): the reports' data version, bumped a row.
CREATE TRIGGER `data_versions_report_values_insert` AFTER INSERT ON `report_values` BEGIN UPDATE `data_versions` SET `reports` = `reports` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_report_values_update` AFTER UPDATE ON `report_values` BEGIN UPDATE `data_versions` SET `reports` = `reports` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_report_values_delete` AFTER DELETE ON `report_values` BEGIN UPDATE `data_versions` SET `reports` = `reports` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TABLE `__new_processed_events` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`received_at` integer NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_processed_events` (`id`, `kind`, `received_at`) SELECT `id`, `kind`, `received_at` FROM `processed_events`;
--> statement-breakpoint
DROP TABLE `processed_events`;
--> statement-breakpoint
ALTER TABLE `__new_processed_events` RENAME TO `processed_events`;
