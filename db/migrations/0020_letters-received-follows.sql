ALTER TABLE `letters` ADD `received_on` text;--> statement-breakpoint
ALTER TABLE `letters` ADD `follows_letter_id` text;