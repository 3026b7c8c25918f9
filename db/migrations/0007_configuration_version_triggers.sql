-- The configuration version (see configuration_version in db/schema.ts): every insert, update or
-- delete on a configuration table bumps it in the writer's own transaction, whichever process writes.
INSERT INTO `configuration_version` (`id`, `version`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `configuration_version_organisation_insert` AFTER INSERT ON `organisation` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_organisation_update` AFTER UPDATE ON `organisation` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_organisation_delete` AFTER DELETE ON `organisation` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_admins_insert` AFTER INSERT ON `admins` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_admins_update` AFTER UPDATE ON `admins` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_admins_delete` AFTER DELETE ON `admins` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_holidays_insert` AFTER INSERT ON `holidays` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_holidays_update` AFTER UPDATE ON `holidays` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_holidays_delete` AFTER DELETE ON `holidays` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_titles_insert` AFTER INSERT ON `titles` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_titles_update` AFTER UPDATE ON `titles` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_titles_delete` AFTER DELETE ON `titles` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_units_insert` AFTER INSERT ON `units` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_units_update` AFTER UPDATE ON `units` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_units_delete` AFTER DELETE ON `units` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_officers_insert` AFTER INSERT ON `officers` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_officers_update` AFTER UPDATE ON `officers` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_officers_delete` AFTER DELETE ON `officers` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_blocks_insert` AFTER INSERT ON `blocks` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_blocks_update` AFTER UPDATE ON `blocks` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_blocks_delete` AFTER DELETE ON `blocks` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_block_units_insert` AFTER INSERT ON `block_units` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_block_units_update` AFTER UPDATE ON `block_units` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_block_units_delete` AFTER DELETE ON `block_units` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_years_insert` AFTER INSERT ON `years` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_years_update` AFTER UPDATE ON `years` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_years_delete` AFTER DELETE ON `years` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_block_years_insert` AFTER INSERT ON `block_years` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_block_years_update` AFTER UPDATE ON `block_years` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_block_years_delete` AFTER DELETE ON `block_years` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_periods_insert` AFTER INSERT ON `periods` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_periods_update` AFTER UPDATE ON `periods` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_periods_delete` AFTER DELETE ON `periods` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_criteria_insert` AFTER INSERT ON `criteria` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_criteria_update` AFTER UPDATE ON `criteria` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_criteria_delete` AFTER DELETE ON `criteria` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_block_year_units_insert` AFTER INSERT ON `block_year_units` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_block_year_units_update` AFTER UPDATE ON `block_year_units` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `configuration_version_block_year_units_delete` AFTER DELETE ON `block_year_units` BEGIN UPDATE `configuration_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
