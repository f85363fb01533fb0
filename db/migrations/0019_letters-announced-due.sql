DROP INDEX `letters_due_idx`;--> statement-breakpoint
ALTER TABLE `letters` ADD `announced_due_on` text;--> statement-breakpoint
ALTER TABLE `letters` ADD `effective_due_on` text GENERATED ALWAYS AS (coalesce(announced_due_on, due_on)) VIRTUAL;--> statement-breakpoint
CREATE INDEX `letters_effective_due_idx` ON `letters` (`workspace_id`,`status`,`effective_due_on`,`id`);--> statement-breakpoint
DROP INDEX `request_events_workspace_kind_idx`;--> statement-breakpoint
-- The latest announced date of each letter, kept by the database whoever writes the events (the
-- dashboard read it from request_events on every view). "Latest" is by the event's time, as the timeline shows.
UPDATE `letters` SET `announced_due_on` = (
  SELECT `due_on` FROM `request_events`
  WHERE `request_events`.`letter_id` = `letters`.`id` AND `request_events`.`kind` = 'announce_extension'
  ORDER BY `at` DESC LIMIT 1
) WHERE `id` IN (SELECT `letter_id` FROM `request_events` WHERE `kind` = 'announce_extension');--> statement-breakpoint
CREATE TRIGGER `letters_announced_due_insert` AFTER INSERT ON `request_events`
WHEN NEW.`kind` = 'announce_extension'
BEGIN
  UPDATE `letters` SET `announced_due_on` = (
    SELECT `due_on` FROM `request_events`
    WHERE `letter_id` = NEW.`letter_id` AND `kind` = 'announce_extension'
    ORDER BY `at` DESC LIMIT 1
  ) WHERE `id` = NEW.`letter_id`;
END;--> statement-breakpoint
CREATE TRIGGER `letters_announced_due_delete` AFTER DELETE ON `request_events`
WHEN OLD.`kind` = 'announce_extension'
BEGIN
  UPDATE `letters` SET `announced_due_on` = (
    SELECT `due_on` FROM `request_events`
    WHERE `letter_id` = OLD.`letter_id` AND `kind` = 'announce_extension'
    ORDER BY `at` DESC LIMIT 1
  ) WHERE `id` = OLD.`letter_id`;
END;
