CREATE TABLE `data_versions` (
	`id` integer PRIMARY KEY NOT NULL,
	`pledges` integer NOT NULL,
	`people` integer NOT NULL,
	`terms` integer NOT NULL
);
--> statement-breakpoint
-- The data versions (see data_versions in db/schema.ts): every insert, update or delete on one of an
-- area's tables bumps the area's version in the writer's own transaction, whichever process writes.
INSERT INTO `data_versions` (`id`, `pledges`, `people`, `terms`) VALUES (1, 0, 0, 0);
--> statement-breakpoint
CREATE TRIGGER `data_versions_pledges_insert` AFTER INSERT ON `pledges` BEGIN UPDATE `data_versions` SET `pledges` = `pledges` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_pledges_update` AFTER UPDATE ON `pledges` BEGIN UPDATE `data_versions` SET `pledges` = `pledges` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_pledges_delete` AFTER DELETE ON `pledges` BEGIN UPDATE `data_versions` SET `pledges` = `pledges` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_pledge_versions_insert` AFTER INSERT ON `pledge_versions` BEGIN UPDATE `data_versions` SET `pledges` = `pledges` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_pledge_versions_update` AFTER UPDATE ON `pledge_versions` BEGIN UPDATE `data_versions` SET `pledges` = `pledges` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_pledge_versions_delete` AFTER DELETE ON `pledge_versions` BEGIN UPDATE `data_versions` SET `pledges` = `pledges` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_pledge_targets_insert` AFTER INSERT ON `pledge_targets` BEGIN UPDATE `data_versions` SET `pledges` = `pledges` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_pledge_targets_update` AFTER UPDATE ON `pledge_targets` BEGIN UPDATE `data_versions` SET `pledges` = `pledges` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_pledge_targets_delete` AFTER DELETE ON `pledge_targets` BEGIN UPDATE `data_versions` SET `pledges` = `pledges` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_pledge_indicator_targets_insert` AFTER INSERT ON `pledge_indicator_targets` BEGIN UPDATE `data_versions` SET `pledges` = `pledges` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_pledge_indicator_targets_update` AFTER UPDATE ON `pledge_indicator_targets` BEGIN UPDATE `data_versions` SET `pledges` = `pledges` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_pledge_indicator_targets_delete` AFTER DELETE ON `pledge_indicator_targets` BEGIN UPDATE `data_versions` SET `pledges` = `pledges` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_people_insert` AFTER INSERT ON `people` BEGIN UPDATE `data_versions` SET `people` = `people` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_people_update` AFTER UPDATE ON `people` BEGIN UPDATE `data_versions` SET `people` = `people` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_people_delete` AFTER DELETE ON `people` BEGIN UPDATE `data_versions` SET `people` = `people` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_due_extensions_insert` AFTER INSERT ON `due_extensions` BEGIN UPDATE `data_versions` SET `terms` = `terms` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_due_extensions_update` AFTER UPDATE ON `due_extensions` BEGIN UPDATE `data_versions` SET `terms` = `terms` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_due_extensions_delete` AFTER DELETE ON `due_extensions` BEGIN UPDATE `data_versions` SET `terms` = `terms` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_report_reopenings_insert` AFTER INSERT ON `report_reopenings` BEGIN UPDATE `data_versions` SET `terms` = `terms` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_report_reopenings_update` AFTER UPDATE ON `report_reopenings` BEGIN UPDATE `data_versions` SET `terms` = `terms` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_report_reopenings_delete` AFTER DELETE ON `report_reopenings` BEGIN UPDATE `data_versions` SET `terms` = `terms` + 1 WHERE `id` = 1; END;
