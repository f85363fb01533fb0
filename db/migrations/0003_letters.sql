CREATE TABLE `letter_exposures` (
	`letter_id` text NOT NULL,
	`exposure_id` text NOT NULL,
	`workspace_id` text NOT NULL,
	PRIMARY KEY(`letter_id`, `exposure_id`),
	FOREIGN KEY (`letter_id`) REFERENCES `letters`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`exposure_id`) REFERENCES `exposures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `letter_exposures_exposure_idx` ON `letter_exposures` (`exposure_id`);--> statement-breakpoint
CREATE TABLE `letters` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`case_id` text NOT NULL,
	`recipient_id` text,
	`kind` text NOT NULL,
	`channel` text NOT NULL,
	`address_enc` text NOT NULL,
	`template_id` text NOT NULL,
	`template_lang` text NOT NULL,
	`template_version` integer NOT NULL,
	`workspace_template_version_id` text,
	`regime` text NOT NULL,
	`deadline_rule` text,
	`reference` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`subject_enc` text NOT NULL,
	`body_enc` text NOT NULL,
	`template_body_enc` text NOT NULL,
	`variables_enc` text NOT NULL,
	`attachment_ids` text DEFAULT '[]' NOT NULL,
	`paper` text DEFAULT 'A4' NOT NULL,
	`frozen_at` integer,
	`sent_at` integer,
	`sent_on` text,
	`due_on` text,
	`extended_due_on` text,
	`acknowledge_by` text,
	`message_id` text,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `letters_reference_unique` ON `letters` (`reference`);--> statement-breakpoint
CREATE INDEX `letters_case_idx` ON `letters` (`case_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `letters_workspace_idx` ON `letters` (`workspace_id`,`status`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`letter_id` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`claimed_at` integer,
	`last_error` text,
	`message_id` text NOT NULL,
	`sent_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`letter_id`) REFERENCES `letters`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_letter_id_unique` ON `outbox` (`letter_id`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `workspace_smtp` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`host` text NOT NULL,
	`port` integer NOT NULL,
	`secure` integer DEFAULT false NOT NULL,
	`user_enc` text NOT NULL,
	`password_enc` text NOT NULL,
	`from_enc` text NOT NULL,
	`reply_to_enc` text NOT NULL,
	`updated_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `workspace_template_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`template_id` text NOT NULL,
	`version` integer NOT NULL,
	`front_matter` text NOT NULL,
	`body_enc` text NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`template_id`) REFERENCES `workspace_templates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workspace_template_versions_idx` ON `workspace_template_versions` (`template_id`,`version`);--> statement-breakpoint
CREATE TABLE `workspace_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`base_template_id` text NOT NULL,
	`lang` text NOT NULL,
	`title` text NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `workspace_templates_workspace_idx` ON `workspace_templates` (`workspace_id`);