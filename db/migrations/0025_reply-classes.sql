ALTER TABLE `inbound_messages` ADD `reply_class` text;--> statement-breakpoint
ALTER TABLE `inbound_messages` ADD `reply_reason` text;--> statement-breakpoint
ALTER TABLE `inbound_messages` ADD `settled_at` integer;