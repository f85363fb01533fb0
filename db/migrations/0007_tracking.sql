CREATE TABLE `exposure_checks` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`exposure_id` text NOT NULL,
	`checked_at` integer NOT NULL,
	`trigger` text NOT NULL,
	`outcome` text NOT NULL,
	`status_code` integer,
	`found_kinds` text NOT NULL,
	`sha256` text,
	`bytes` integer,
	`final_url_enc` text,
	`error` text,
	`actor_user_id` text,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`exposure_id`) REFERENCES `exposures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `exposure_checks_exposure_idx` ON `exposure_checks` (`exposure_id`,`checked_at`);--> statement-breakpoint
CREATE INDEX `exposure_checks_workspace_idx` ON `exposure_checks` (`workspace_id`,`checked_at`);--> statement-breakpoint
CREATE TABLE `inbound_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`letter_id` text,
	`source` text NOT NULL,
	`message_id_hmac` text,
	`matched_by` text,
	`from_enc` text NOT NULL,
	`subject_enc` text NOT NULL,
	`text_enc` text NOT NULL,
	`raw_enc` text,
	`size` integer DEFAULT 0 NOT NULL,
	`received_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`letter_id`) REFERENCES `letters`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_messages_message_id_idx` ON `inbound_messages` (`workspace_id`,`message_id_hmac`);--> statement-breakpoint
CREATE INDEX `inbound_messages_letter_idx` ON `inbound_messages` (`letter_id`);--> statement-breakpoint
CREATE INDEX `inbound_messages_inbox_idx` ON `inbound_messages` (`workspace_id`,`letter_id`,`received_at`);--> statement-breakpoint
CREATE TABLE `reminder_digests` (
	`user_id` text NOT NULL,
	`sent_on` text NOT NULL,
	`items` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`user_id`, `sent_on`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `request_events` (
	`id` text PRIMARY KEY NOT NULL,
	`workspace_id` text NOT NULL,
	`case_id` text NOT NULL,
	`letter_id` text NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`outcome` text,
	`refusal_reason` text,
	`due_on` text,
	`note_enc` text,
	`inbound_message_id` text,
	`related_letter_id` text,
	`actor_user_id` text,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`letter_id`) REFERENCES `letters`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `request_events_letter_idx` ON `request_events` (`letter_id`,`at`);--> statement-breakpoint
CREATE INDEX `request_events_case_idx` ON `request_events` (`case_id`,`at`);--> statement-breakpoint
CREATE TABLE `workspace_imap` (
	`workspace_id` text PRIMARY KEY NOT NULL,
	`host` text NOT NULL,
	`port` integer NOT NULL,
	`secure` integer DEFAULT true NOT NULL,
	`user_enc` text NOT NULL,
	`password_enc` text NOT NULL,
	`mailbox` text DEFAULT 'INBOX' NOT NULL,
	`uid_validity` text,
	`last_uid` integer DEFAULT 0 NOT NULL,
	`last_polled_at` integer,
	`last_error` text,
	`updated_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
