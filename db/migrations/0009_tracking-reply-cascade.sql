PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_inbound_messages` (
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
	FOREIGN KEY (`letter_id`) REFERENCES `letters`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_inbound_messages`("id", "workspace_id", "letter_id", "source", "message_id_hmac", "matched_by", "from_enc", "subject_enc", "text_enc", "raw_enc", "size", "received_at", "created_at") SELECT "id", "workspace_id", "letter_id", "source", "message_id_hmac", "matched_by", "from_enc", "subject_enc", "text_enc", "raw_enc", "size", "received_at", "created_at" FROM `inbound_messages`;--> statement-breakpoint
DROP TABLE `inbound_messages`;--> statement-breakpoint
ALTER TABLE `__new_inbound_messages` RENAME TO `inbound_messages`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_messages_message_id_idx` ON `inbound_messages` (`workspace_id`,`message_id_hmac`);--> statement-breakpoint
CREATE INDEX `inbound_messages_letter_idx` ON `inbound_messages` (`letter_id`);--> statement-breakpoint
CREATE INDEX `inbound_messages_inbox_idx` ON `inbound_messages` (`workspace_id`,`letter_id`,`received_at`);