DROP INDEX `subjects_workspace_idx`;--> statement-breakpoint
CREATE INDEX `subjects_workspace_idx` ON `subjects` (`workspace_id`,`id`);