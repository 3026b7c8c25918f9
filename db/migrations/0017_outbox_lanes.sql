-- The delivery reads each lane's (conversation's) first entries instead of every ready entry, so
-- a backlog to one conversation no longer costs every read: each entry stores its lane, and the
-- (status, lane) index takes the place of (status, not_before), which only that read used.
DROP INDEX `outbox_status_not_before_idx`;--> statement-breakpoint
ALTER TABLE `outbox` ADD `lane` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Written by hand: the entries queued before get their lane by the rule the delivery names lanes
-- by (src/delivery/message.ts `laneOf`): a Home by its user, a DM by its user, else the channel.
UPDATE `outbox` SET `lane` = CASE
	WHEN json_extract(`payload`, '$.home') THEN 'home:' || coalesce(json_extract(`payload`, '$.user'), '')
	WHEN coalesce(json_extract(`payload`, '$.user'), '') <> '' THEN 'user:' || json_extract(`payload`, '$.user')
	ELSE coalesce(json_extract(`payload`, '$.channel'), '')
END;--> statement-breakpoint
CREATE INDEX `outbox_status_lane_idx` ON `outbox` (`status`,`lane`);
--> statement-breakpoint
-- A process of before this migration (a rolling restart, a rollback, an old `npx thidua tick`)
-- writes no lane: name it by the same rule, so its entry is paced and ordered with its conversation.
CREATE TRIGGER `outbox_lane_of_older_writers` AFTER INSERT ON `outbox` WHEN NEW.`lane` = '' BEGIN
	UPDATE `outbox` SET `lane` = CASE
		WHEN json_extract(NEW.`payload`, '$.home') THEN 'home:' || coalesce(json_extract(NEW.`payload`, '$.user'), '')
		WHEN coalesce(json_extract(NEW.`payload`, '$.user'), '') <> '' THEN 'user:' || json_extract(NEW.`payload`, '$.user')
		ELSE coalesce(json_extract(NEW.`payload`, '$.channel'), '')
	END WHERE `id` = NEW.`id`;
END;
