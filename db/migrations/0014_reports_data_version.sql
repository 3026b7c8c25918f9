ALTER TABLE `data_versions` ADD `reports` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- The reports' data version (see data_versions in db/schema.ts): every insert, update or delete on a
-- report's tables bumps it by one a row in the writer's own transaction, whichever process writes.
CREATE TRIGGER `data_versions_reports_insert` AFTER INSERT ON `reports` BEGIN UPDATE `data_versions` SET `reports` = `reports` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_reports_update` AFTER UPDATE ON `reports` BEGIN UPDATE `data_versions` SET `reports` = `reports` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_reports_delete` AFTER DELETE ON `reports` BEGIN UPDATE `data_versions` SET `reports` = `reports` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_report_versions_insert` AFTER INSERT ON `report_versions` BEGIN UPDATE `data_versions` SET `reports` = `reports` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_report_versions_update` AFTER UPDATE ON `report_versions` BEGIN UPDATE `data_versions` SET `reports` = `reports` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_report_versions_delete` AFTER DELETE ON `report_versions` BEGIN UPDATE `data_versions` SET `reports` = `reports` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_report_values_insert` AFTER INSERT ON `report_values` BEGIN UPDATE `data_versions` SET `reports` = `reports` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_report_values_update` AFTER UPDATE ON `report_values` BEGIN UPDATE `data_versions` SET `reports` = `reports` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_report_values_delete` AFTER DELETE ON `report_values` BEGIN UPDATE `data_versions` SET `reports` = `reports` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_reviews_insert` AFTER INSERT ON `reviews` BEGIN UPDATE `data_versions` SET `reports` = `reports` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_reviews_update` AFTER UPDATE ON `reviews` BEGIN UPDATE `data_versions` SET `reports` = `reports` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_reviews_delete` AFTER DELETE ON `reviews` BEGIN UPDATE `data_versions` SET `reports` = `reports` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_review_scores_insert` AFTER INSERT ON `review_scores` BEGIN UPDATE `data_versions` SET `reports` = `reports` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_review_scores_update` AFTER UPDATE ON `review_scores` BEGIN UPDATE `data_versions` SET `reports` = `reports` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_review_scores_delete` AFTER DELETE ON `review_scores` BEGIN UPDATE `data_versions` SET `reports` = `reports` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_review_corrections_insert` AFTER INSERT ON `review_corrections` BEGIN UPDATE `data_versions` SET `reports` = `reports` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_review_corrections_update` AFTER UPDATE ON `review_corrections` BEGIN UPDATE `data_versions` SET `reports` = `reports` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_versions_review_corrections_delete` AFTER DELETE ON `review_corrections` BEGIN UPDATE `data_versions` SET `reports` = `reports` + 1 WHERE `id` = 1; END;
