CREATE TABLE `paper_annotations` (
	`id` text PRIMARY KEY NOT NULL,
	`paper_id` text NOT NULL,
	`kind` text NOT NULL,
	`page` integer NOT NULL,
	`rects` text NOT NULL,
	`quote` text DEFAULT '' NOT NULL,
	`color` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`image_sha256` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`day` text NOT NULL,
	FOREIGN KEY (`paper_id`) REFERENCES `papers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `paper_annotations_paper_idx` ON `paper_annotations` (`paper_id`,`page`);--> statement-breakpoint
CREATE INDEX `paper_annotations_day_idx` ON `paper_annotations` (`day`,`kind`);--> statement-breakpoint
CREATE TABLE `paper_collection_items` (
	`collection_id` text NOT NULL,
	`paper_id` text NOT NULL,
	`added_at` text NOT NULL,
	PRIMARY KEY(`collection_id`, `paper_id`),
	FOREIGN KEY (`collection_id`) REFERENCES `paper_collections`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`paper_id`) REFERENCES `papers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `paper_collection_items_paper_idx` ON `paper_collection_items` (`paper_id`);--> statement-breakpoint
CREATE TABLE `paper_collections` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `paper_pages` (
	`paper_id` text NOT NULL,
	`page` integer NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`paper_id`, `page`),
	FOREIGN KEY (`paper_id`) REFERENCES `papers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `paper_pages_seen` (
	`paper_id` text NOT NULL,
	`page` integer NOT NULL,
	`first_seen_at` text NOT NULL,
	PRIMARY KEY(`paper_id`, `page`),
	FOREIGN KEY (`paper_id`) REFERENCES `papers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `paper_status_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`paper_id` text NOT NULL,
	`status` text NOT NULL,
	`at` text NOT NULL,
	`day` text NOT NULL,
	FOREIGN KEY (`paper_id`) REFERENCES `papers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `paper_status_changes_paper_idx` ON `paper_status_changes` (`paper_id`,`at`);--> statement-breakpoint
CREATE INDEX `paper_status_changes_day_idx` ON `paper_status_changes` (`status`,`day`);--> statement-breakpoint
CREATE TABLE `paper_tags` (
	`paper_id` text NOT NULL,
	`tag` text NOT NULL,
	`tag_key` text NOT NULL,
	PRIMARY KEY(`paper_id`, `tag_key`),
	FOREIGN KEY (`paper_id`) REFERENCES `papers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `paper_tags_key_idx` ON `paper_tags` (`tag_key`);--> statement-breakpoint
CREATE TABLE `papers` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text DEFAULT 'pdf' NOT NULL,
	`title` text NOT NULL,
	`title_key` text DEFAULT '' NOT NULL,
	`authors` text DEFAULT '[]' NOT NULL,
	`year` integer,
	`venue` text,
	`doi` text,
	`arxiv_id` text,
	`arxiv_version` text,
	`arxiv_category` text,
	`url` text,
	`source` text,
	`via` text,
	`abstract` text,
	`publisher` text,
	`isbn` text,
	`citation_key` text,
	`metadata_sources` text DEFAULT '{}' NOT NULL,
	`sha256` text,
	`file_name` text,
	`size_bytes` integer,
	`page_count` integer,
	`has_text_layer` integer,
	`fingerprint` text,
	`status` text DEFAULT 'queued' NOT NULL,
	`status_at` text NOT NULL,
	`added_at` text NOT NULL,
	`added_day` text NOT NULL,
	`updated_at` text NOT NULL,
	`last_opened_at` text,
	`finished_at` text,
	`finished_day` text,
	`progress` real DEFAULT 0 NOT NULL,
	`progress_manual` integer DEFAULT false NOT NULL,
	`max_page_seen` integer DEFAULT 0 NOT NULL,
	`last_page` integer,
	`last_top` real,
	`last_scale` text,
	`text_state` text DEFAULT 'none' NOT NULL,
	`text_pages_done` integer DEFAULT 0 NOT NULL,
	`text_sha256` text,
	`text_error` text,
	`note_entry_id` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `papers_sha256_uq` ON `papers` (`sha256`) WHERE "papers"."sha256" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `papers_title_key_idx` ON `papers` (`title_key`);--> statement-breakpoint
CREATE INDEX `papers_status_idx` ON `papers` (`status`);--> statement-breakpoint
CREATE INDEX `papers_added_idx` ON `papers` (`added_at`);--> statement-breakpoint
CREATE INDEX `papers_added_day_idx` ON `papers` (`added_day`);--> statement-breakpoint
CREATE INDEX `papers_finished_day_idx` ON `papers` (`finished_day`);--> statement-breakpoint
CREATE INDEX `papers_doi_idx` ON `papers` (`doi`);--> statement-breakpoint
CREATE INDEX `papers_arxiv_idx` ON `papers` (`arxiv_id`);--> statement-breakpoint
CREATE INDEX `papers_text_state_idx` ON `papers` (`text_state`);--> statement-breakpoint
CREATE TABLE `reading_sessions` (
	`session_id` text NOT NULL,
	`day` text NOT NULL,
	`paper_id` text NOT NULL,
	`started_at` text NOT NULL,
	`ended_at` text NOT NULL,
	`active_ms` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`session_id`, `day`),
	FOREIGN KEY (`paper_id`) REFERENCES `papers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `reading_sessions_day_idx` ON `reading_sessions` (`day`);--> statement-breakpoint
CREATE INDEX `reading_sessions_paper_idx` ON `reading_sessions` (`paper_id`);