CREATE TABLE `exposure_status_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`case_id` text NOT NULL,
	`exposure_id` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`changed_on` text NOT NULL,
	`at` integer NOT NULL,
	`source` text NOT NULL,
	`letter_id` text,
	`check_id` text,
	`actor_user_id` text,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`exposure_id`) REFERENCES `exposures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `exposure_status_changes_exposure_idx` ON `exposure_status_changes` (`exposure_id`,`at`);--> statement-breakpoint
CREATE INDEX `exposure_status_changes_workspace_idx` ON `exposure_status_changes` (`workspace_id`,`changed_on`);--> statement-breakpoint
CREATE INDEX `exposure_status_changes_case_idx` ON `exposure_status_changes` (`case_id`,`changed_on`);--> statement-breakpoint
-- Backfill: each place already recorded gets a row for the day it was found, and one for its present state.
INSERT INTO `exposure_status_changes` (`id`, `workspace_id`, `case_id`, `exposure_id`, `from_status`, `to_status`, `changed_on`, `at`, `source`)
SELECT lower(hex(randomblob(16))), `workspace_id`, `case_id`, `id`, NULL, 'active', `found_on`, `created_at`, 'import' FROM `exposures`;
--> statement-breakpoint
INSERT INTO `exposure_status_changes` (`id`, `workspace_id`, `case_id`, `exposure_id`, `from_status`, `to_status`, `changed_on`, `at`, `source`)
SELECT lower(hex(randomblob(16))), `workspace_id`, `case_id`, `id`, 'active', `status`, date(`updated_at` / 1000, 'unixepoch'), `updated_at`, 'import' FROM `exposures` WHERE `status` <> 'active';
