CREATE INDEX `audit_workspace_id_idx` ON `audit_events` (`workspace_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_workspace_actor_idx` ON `audit_events` (`workspace_id`,`actor_user_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_workspace_action_idx` ON `audit_events` (`workspace_id`,`action`,`id`);