CREATE TABLE `exposure_status_daily` (
	`workspace_id` text NOT NULL,
	`day` text NOT NULL,
	`from_status` text NOT NULL,
	`to_status` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `day`, `from_status`, `to_status`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `exposure_status_changes_progress_idx` ON `exposure_status_changes` (`workspace_id`,`changed_on`,`from_status`,`to_status`,`case_id`);--> statement-breakpoint
CREATE INDEX `letters_recipient_idx` ON `letters` (`recipient_id`,`workspace_id`,`sent_on`);--> statement-breakpoint
-- The daily totals are kept by the database, so every writer of the history agrees (decision 112).
CREATE TRIGGER `exposure_status_daily_insert` AFTER INSERT ON `exposure_status_changes`
BEGIN
  INSERT INTO `exposure_status_daily` (`workspace_id`, `day`, `from_status`, `to_status`, `n`)
  VALUES (NEW.`workspace_id`, NEW.`changed_on`, coalesce(NEW.`from_status`, ''), NEW.`to_status`, 1)
  ON CONFLICT (`workspace_id`, `day`, `from_status`, `to_status`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `exposure_status_daily_delete` AFTER DELETE ON `exposure_status_changes`
BEGIN
  UPDATE `exposure_status_daily` SET `n` = `n` - 1
  WHERE `workspace_id` = OLD.`workspace_id` AND `day` = OLD.`changed_on`
    AND `from_status` = coalesce(OLD.`from_status`, '') AND `to_status` = OLD.`to_status`;
END;
--> statement-breakpoint
CREATE TRIGGER `exposure_status_daily_update` AFTER UPDATE OF `workspace_id`, `changed_on`, `from_status`, `to_status` ON `exposure_status_changes`
BEGIN
  UPDATE `exposure_status_daily` SET `n` = `n` - 1
  WHERE `workspace_id` = OLD.`workspace_id` AND `day` = OLD.`changed_on`
    AND `from_status` = coalesce(OLD.`from_status`, '') AND `to_status` = OLD.`to_status`;
  INSERT INTO `exposure_status_daily` (`workspace_id`, `day`, `from_status`, `to_status`, `n`)
  VALUES (NEW.`workspace_id`, NEW.`changed_on`, coalesce(NEW.`from_status`, ''), NEW.`to_status`, 1)
  ON CONFLICT (`workspace_id`, `day`, `from_status`, `to_status`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
INSERT INTO `exposure_status_daily` (`workspace_id`, `day`, `from_status`, `to_status`, `n`)
SELECT `workspace_id`, `changed_on`, coalesce(`from_status`, ''), `to_status`, count(*) FROM `exposure_status_changes`
GROUP BY `workspace_id`, `changed_on`, coalesce(`from_status`, ''), `to_status`;
