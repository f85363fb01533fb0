CREATE TABLE `recipient_channels` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`recipient_id` text NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`purpose` text NOT NULL,
	`address` text NOT NULL,
	`label` text,
	FOREIGN KEY (`recipient_id`) REFERENCES `recipients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `recipient_channels_recipient_idx` ON `recipient_channels` (`recipient_id`,`position`);--> statement-breakpoint
CREATE TABLE `recipient_corrections` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`recipient_id` text NOT NULL,
	`fields` text NOT NULL,
	`note` text,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recipient_id`) REFERENCES `recipients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recipient_corrections_workspace_recipient_idx` ON `recipient_corrections` (`workspace_id`,`recipient_id`);--> statement-breakpoint
CREATE TABLE `recipient_domains` (
	`domain` text NOT NULL,
	`recipient_id` text NOT NULL,
	`workspace_id` text,
	FOREIGN KEY (`recipient_id`) REFERENCES `recipients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recipient_domains_key_idx` ON `recipient_domains` (`domain`,`recipient_id`,`workspace_id`);--> statement-breakpoint
CREATE INDEX `recipient_domains_recipient_idx` ON `recipient_domains` (`recipient_id`);--> statement-breakpoint
CREATE TABLE `recipients` (
	`id` text PRIMARY KEY NOT NULL,
	`source_id` text,
	`source` text NOT NULL,
	`workspace_id` text,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`legal_entity` text,
	`countries` text NOT NULL,
	`categories` text NOT NULL,
	`parent_id` text,
	`address` text,
	`phone` text,
	`web` text,
	`letter_kinds` text NOT NULL,
	`quality` text,
	`verified_on` text,
	`sources` text NOT NULL,
	`notes` text,
	`extra` text,
	`search_text` text NOT NULL,
	`imported_at` integer,
	`retired_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recipients_source_id_unique` ON `recipients` (`source_id`);--> statement-breakpoint
CREATE INDEX `recipients_workspace_idx` ON `recipients` (`workspace_id`);--> statement-breakpoint
CREATE INDEX `recipients_kind_idx` ON `recipients` (`kind`);--> statement-breakpoint
CREATE INDEX `recipients_parent_idx` ON `recipients` (`parent_id`);--> statement-breakpoint
CREATE INDEX `recipients_name_idx` ON `recipients` (`name`);--> statement-breakpoint
ALTER TABLE `exposures` ADD `recipient_id` text;