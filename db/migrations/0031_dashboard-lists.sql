DROP INDEX `exposures_workspace_idx`;--> statement-breakpoint
CREATE INDEX `exposures_workspace_status_idx` ON `exposures` (`workspace_id`,`status`);--> statement-breakpoint
DROP INDEX `letters_workspace_idx`;--> statement-breakpoint
CREATE INDEX `letters_workspace_status_created_idx` ON `letters` (`workspace_id`,`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `letters_workspace_status_updated_idx` ON `letters` (`workspace_id`,`status`,`updated_at`);