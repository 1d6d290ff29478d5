CREATE TABLE `goals` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`source` text NOT NULL,
	`measure` text NOT NULL,
	`month` text NOT NULL,
	`target` real NOT NULL,
	`unit` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `goals_month_idx` ON `goals` (`month`);--> statement-breakpoint
CREATE TABLE `habit_checkins` (
	`habit_id` text NOT NULL,
	`date` text NOT NULL,
	`value` real DEFAULT 1 NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`habit_id`, `date`),
	FOREIGN KEY (`habit_id`) REFERENCES `habits`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `habits` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`schedule` text NOT NULL,
	`source` text NOT NULL,
	`start_date` text NOT NULL,
	`threshold` real,
	`unit` text,
	`archived` integer DEFAULT 0 NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `metric_value_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`metric_id` text NOT NULL,
	`date` text NOT NULL,
	`old_value` real,
	`new_value` real,
	`source` text NOT NULL,
	`changed_at` text NOT NULL,
	FOREIGN KEY (`metric_id`) REFERENCES `metrics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `metric_value_history_metric_date_idx` ON `metric_value_history` (`metric_id`,`date`);--> statement-breakpoint
CREATE TABLE `metric_values` (
	`metric_id` text NOT NULL,
	`date` text NOT NULL,
	`value` real NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`metric_id`, `date`),
	FOREIGN KEY (`metric_id`) REFERENCES `metrics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `metric_values_date_idx` ON `metric_values` (`date`);--> statement-breakpoint
CREATE TABLE `metrics` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`unit` text,
	`min` real,
	`max` real,
	`daily_cap` real,
	`productive` integer,
	`input_unit` text,
	`aggregate` text,
	`description` text,
	`archived` integer DEFAULT 0 NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	`deleted_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "metrics_kind_ck" CHECK("metrics"."kind" IN ('number','duration','scale','boolean','count'))
);
--> statement-breakpoint
CREATE TABLE `spend_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`project` text NOT NULL,
	`category` text NOT NULL,
	`date` text NOT NULL,
	`note` text,
	`link_type` text,
	`link_id` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `spend_entries_date_idx` ON `spend_entries` (`date`);--> statement-breakpoint
CREATE INDEX `spend_entries_project_idx` ON `spend_entries` (`project`);--> statement-breakpoint
CREATE INDEX `spend_entries_category_idx` ON `spend_entries` (`category`);--> statement-breakpoint
CREATE TABLE `task_links` (
	`task_id` text NOT NULL,
	`type` text NOT NULL,
	`target_id` text NOT NULL,
	PRIMARY KEY(`task_id`, `type`, `target_id`),
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `task_links_target_idx` ON `task_links` (`type`,`target_id`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`priority` text NOT NULL,
	`due` text,
	`notes` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`done_at` text,
	`done_day` text,
	CONSTRAINT "tasks_priority_ck" CHECK("tasks"."priority" IN ('high','medium','low'))
);
--> statement-breakpoint
CREATE INDEX `tasks_done_day_idx` ON `tasks` (`done_day`);--> statement-breakpoint
CREATE TABLE `time_blocks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`day` text NOT NULL,
	`start_min` integer NOT NULL,
	`end_min` integer NOT NULL,
	`minutes` integer NOT NULL,
	`label` text DEFAULT '' NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`category` text NOT NULL,
	`productive` integer DEFAULT 0 NOT NULL,
	`source` text NOT NULL,
	`line` integer,
	`created_at` text NOT NULL,
	CONSTRAINT "time_blocks_range_ck" CHECK("time_blocks"."start_min" >= 0 AND "time_blocks"."end_min" <= 1440 AND "time_blocks"."end_min" > "time_blocks"."start_min"),
	CONSTRAINT "time_blocks_minutes_ck" CHECK("time_blocks"."minutes" = "time_blocks"."end_min" - "time_blocks"."start_min")
);
--> statement-breakpoint
CREATE INDEX `time_blocks_day_idx` ON `time_blocks` (`day`);--> statement-breakpoint
CREATE INDEX `time_blocks_category_day_idx` ON `time_blocks` (`category`,`day`);--> statement-breakpoint
CREATE INDEX `time_blocks_productive_day_idx` ON `time_blocks` (`productive`,`day`);--> statement-breakpoint
CREATE TABLE `time_categories` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text,
	`productive` integer DEFAULT 0 NOT NULL,
	`keywords` text DEFAULT '[]' NOT NULL,
	`color` text,
	`sort` integer DEFAULT 0 NOT NULL,
	`deleted_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `time_logs` (
	`day` text PRIMARY KEY NOT NULL,
	`text` text DEFAULT '' NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `time_timer` (
	`id` integer PRIMARY KEY NOT NULL,
	`label` text DEFAULT '' NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`category` text NOT NULL,
	`productive` integer DEFAULT 0 NOT NULL,
	`started_at` text NOT NULL,
	CONSTRAINT "time_timer_single_ck" CHECK("time_timer"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE `stamp_states` (
	`stamp_id` text PRIMARY KEY NOT NULL,
	`progress` real DEFAULT 0 NOT NULL,
	`current` real DEFAULT 0 NOT NULL,
	`target` real DEFAULT 0 NOT NULL,
	`earned` integer DEFAULT 0 NOT NULL,
	`earned_at` text,
	`evidence` text DEFAULT '{"days":[],"items":[]}' NOT NULL,
	`broken` text,
	`detail` text DEFAULT '' NOT NULL,
	`evaluated_at` text NOT NULL,
	`seen_at` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`stamp_id`) REFERENCES `stamps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `stamp_states_earned_idx` ON `stamp_states` (`earned`,`earned_at`);--> statement-breakpoint
CREATE TABLE `stamps` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`rule` text NOT NULL,
	`art` text NOT NULL,
	`image_sha` text,
	`built_in` integer DEFAULT 0 NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	`deleted_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
