CREATE TABLE `incident_people` (
	`incident_id` text NOT NULL,
	`subject_id` text NOT NULL,
	`case_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`unit_enc` text NOT NULL,
	`unit_hmac` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`incident_id`, `subject_id`),
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`subject_id`) REFERENCES `subjects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `incident_people_case_idx` ON `incident_people` (`case_id`);--> statement-breakpoint
CREATE INDEX `incident_people_subject_idx` ON `incident_people` (`subject_id`);--> statement-breakpoint
CREATE TABLE `incident_urls` (
	`id` text PRIMARY KEY NOT NULL,
	`incident_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	`url_enc` text NOT NULL,
	`url_hmac` text NOT NULL,
	`host_enc` text NOT NULL,
	`platform` text,
	`recipient_id` text,
	`exposed` text NOT NULL,
	`calls_for_harm` integer DEFAULT false NOT NULL,
	`found_on` text NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `incident_urls_url_idx` ON `incident_urls` (`incident_id`,`url_hmac`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`title_enc` text NOT NULL,
	`description_enc` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `incidents_workspace_idx` ON `incidents` (`workspace_id`,`updated_at`);--> statement-breakpoint
ALTER TABLE `exposures` ADD `incident_url_id` text;--> statement-breakpoint
CREATE INDEX `exposures_incident_url_idx` ON `exposures` (`incident_url_id`);