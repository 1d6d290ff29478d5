CREATE TABLE `entries` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`title_key` text DEFAULT '' NOT NULL,
	`date` text NOT NULL,
	`time` text,
	`is_public` integer DEFAULT false NOT NULL,
	`locked` integer DEFAULT false NOT NULL,
	`word_count` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`tz_offset_minutes` integer DEFAULT 0 NOT NULL,
	`deleted_at` text,
	`source_key` text,
	`template_id` text,
	`revision` integer DEFAULT 1 NOT NULL,
	`properties` text DEFAULT '{}' NOT NULL,
	`body` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `entries_date_idx` ON `entries` (`date`);--> statement-breakpoint
CREATE INDEX `entries_kind_date_idx` ON `entries` (`kind`,`date`);--> statement-breakpoint
CREATE INDEX `entries_title_key_idx` ON `entries` (`title_key`);--> statement-breakpoint
CREATE INDEX `entries_updated_idx` ON `entries` (`updated_at`);--> statement-breakpoint
CREATE INDEX `entries_deleted_idx` ON `entries` (`deleted_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `entries_source_key_uq` ON `entries` (`source_key`) WHERE "entries"."source_key" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `entries_daily_uq` ON `entries` (`date`) WHERE "entries"."kind" = 'daily' AND "entries"."deleted_at" IS NULL;--> statement-breakpoint
CREATE TABLE `entry_kinds` (
	`key` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`builtin` integer DEFAULT false NOT NULL,
	`fields` text DEFAULT '[]' NOT NULL,
	`public_by_default` integer DEFAULT false NOT NULL,
	`one_per_day` integer DEFAULT false NOT NULL,
	`template_id` text,
	`sort` integer DEFAULT 100 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `entry_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`from_entry_id` text NOT NULL,
	`target` text NOT NULL,
	`target_key` text NOT NULL,
	`target_entry_id` text,
	`target_paper_id` text,
	`alias` text,
	`heading` text,
	`position` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`from_entry_id`) REFERENCES `entries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`target_entry_id`) REFERENCES `entries`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `entry_links_from_idx` ON `entry_links` (`from_entry_id`);--> statement-breakpoint
CREATE INDEX `entry_links_target_key_idx` ON `entry_links` (`target_key`);--> statement-breakpoint
CREATE INDEX `entry_links_target_entry_idx` ON `entry_links` (`target_entry_id`);--> statement-breakpoint
CREATE TABLE `entry_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entry_id` text NOT NULL,
	`revision` integer NOT NULL,
	`reason` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`date` text NOT NULL,
	`is_public` integer DEFAULT false NOT NULL,
	`word_count` integer DEFAULT 0 NOT NULL,
	`saves` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`properties` text DEFAULT '{}' NOT NULL,
	`body` text NOT NULL,
	FOREIGN KEY (`entry_id`) REFERENCES `entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `entry_revisions_entry_rev_uq` ON `entry_revisions` (`entry_id`,`revision`);--> statement-breakpoint
CREATE TABLE `entry_tags` (
	`entry_id` text NOT NULL,
	`tag` text NOT NULL,
	`tag_key` text NOT NULL,
	PRIMARY KEY(`entry_id`, `tag_key`),
	FOREIGN KEY (`entry_id`) REFERENCES `entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `entry_tags_key_idx` ON `entry_tags` (`tag_key`);--> statement-breakpoint
CREATE TABLE `entry_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`properties` text DEFAULT '{}' NOT NULL,
	`builtin_key` text,
	`deleted_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `entry_templates_builtin_uq` ON `entry_templates` (`builtin_key`) WHERE "entry_templates"."builtin_key" IS NOT NULL;