DROP INDEX `entries_deleted_idx`;--> statement-breakpoint
CREATE INDEX `entries_timeline_idx` ON `entries` (`date`,`time`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `entries_trash_idx` ON `entries` (`deleted_at`) WHERE "entries"."deleted_at" IS NOT NULL;