CREATE TABLE `bulk_job_items` (
	`job_id` text NOT NULL,
	`seq` integer NOT NULL,
	`workspace_id` text NOT NULL,
	`subject_id` text NOT NULL,
	`case_id` text NOT NULL,
	`recipient_id` text NOT NULL,
	`exposure_ids` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`reason` text,
	`letter_id` text,
	`updated_at` integer,
	PRIMARY KEY(`job_id`, `seq`),
	FOREIGN KEY (`job_id`) REFERENCES `bulk_jobs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`subject_id`) REFERENCES `subjects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`letter_id`) REFERENCES `letters`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `bulk_job_items_state_idx` ON `bulk_job_items` (`job_id`,`state`,`seq`);--> statement-breakpoint
CREATE INDEX `bulk_job_items_case_idx` ON `bulk_job_items` (`case_id`);--> statement-breakpoint
CREATE INDEX `bulk_job_items_letter_idx` ON `bulk_job_items` (`letter_id`);--> statement-breakpoint
CREATE TABLE `bulk_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`incident_id` text NOT NULL,
	`state` text DEFAULT 'queued' NOT NULL,
	`options_enc` text NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`queued` integer DEFAULT 0 NOT NULL,
	`generated` integer DEFAULT 0 NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`error` text,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	`heartbeat_at` integer,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `bulk_jobs_incident_idx` ON `bulk_jobs` (`workspace_id`,`incident_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `bulk_jobs_state_idx` ON `bulk_jobs` (`state`);