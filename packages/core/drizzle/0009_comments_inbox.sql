CREATE TABLE `comment_model_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`trigger` text NOT NULL,
	`state` text NOT NULL,
	`error` text,
	`model_sha` text,
	`base_sha` text,
	`labels_digest` text,
	`labels` text,
	`method` text,
	`folds` integer,
	`evaluated` integer,
	`before` text,
	`after` text,
	`elapsed_ms` integer
);
--> statement-breakpoint
CREATE TABLE `comment_sources` (
	`id` text PRIMARY KEY NOT NULL,
	`path` text NOT NULL,
	`origin` text NOT NULL,
	`format` text DEFAULT 'auto' NOT NULL,
	`options` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`last_import_at` text,
	`last_mtime_ms` real,
	`last_size` integer,
	`last_report` text,
	`last_error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `comment_sources_path_unique` ON `comment_sources` (`path`);--> statement-breakpoint
CREATE TABLE `comments` (
	`id` text PRIMARY KEY NOT NULL,
	`origin` text DEFAULT '' NOT NULL,
	`external_id` text,
	`source_id` text,
	`page` text,
	`author` text,
	`text` text NOT NULL,
	`created_at` text,
	`imported_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`score` real,
	`score_model_sha` text,
	`label` text,
	`labeled_at` text,
	`labeled_day` text,
	`content_hash` text NOT NULL,
	`empty_text` integer DEFAULT false NOT NULL,
	`raw` text,
	`path` text,
	FOREIGN KEY (`source_id`) REFERENCES `comment_sources`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `comments_origin_external_uq` ON `comments` (`origin`,`external_id`) WHERE "comments"."external_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `comments_origin_hash_uq` ON `comments` (`origin`,`content_hash`) WHERE "comments"."external_id" IS NULL;--> statement-breakpoint
CREATE INDEX `comments_status_created_idx` ON `comments` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `comments_score_idx` ON `comments` (`score`);--> statement-breakpoint
CREATE INDEX `comments_label_idx` ON `comments` (`label`);--> statement-breakpoint
CREATE INDEX `comments_labeled_day_idx` ON `comments` (`labeled_day`);--> statement-breakpoint
CREATE INDEX `comments_page_idx` ON `comments` (`page`);