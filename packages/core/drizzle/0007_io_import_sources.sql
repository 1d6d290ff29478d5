CREATE TABLE `import_sources` (
	`source_key` text PRIMARY KEY NOT NULL,
	`entry_id` text NOT NULL,
	`source_path` text NOT NULL,
	`format` text NOT NULL,
	`content_hash` text NOT NULL,
	`attachment_blobs` text DEFAULT '[]' NOT NULL,
	`imported_at` text NOT NULL,
	FOREIGN KEY (`entry_id`) REFERENCES `entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `import_sources_entry_idx` ON `import_sources` (`entry_id`);--> statement-breakpoint
CREATE TABLE `io_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`action` text NOT NULL,
	`target` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text NOT NULL,
	`summary` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `io_runs_started_idx` ON `io_runs` (`started_at`);