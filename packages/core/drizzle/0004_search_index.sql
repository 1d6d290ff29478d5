CREATE TABLE `search_chunks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`doc_id` integer NOT NULL,
	`ordinal` integer NOT NULL,
	`heading` text,
	`page` integer,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`content_hash` text NOT NULL,
	`state` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`doc_id`) REFERENCES `search_docs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `search_chunks_doc_idx` ON `search_chunks` (`doc_id`,`ordinal`);--> statement-breakpoint
CREATE INDEX `search_chunks_state_idx` ON `search_chunks` (`state`);--> statement-breakpoint
CREATE TABLE `search_docs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`ref_id` text NOT NULL,
	`subkind` text,
	`paper_id` text,
	`page` integer,
	`title` text DEFAULT '' NOT NULL,
	`date` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`is_public` integer DEFAULT false NOT NULL,
	`text` text DEFAULT '' NOT NULL,
	`props` text DEFAULT '' NOT NULL,
	`source_hash` text NOT NULL,
	`indexed_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_docs_kind_ref_uq` ON `search_docs` (`kind`,`ref_id`);--> statement-breakpoint
CREATE INDEX `search_docs_date_idx` ON `search_docs` (`date`);--> statement-breakpoint
CREATE INDEX `search_docs_paper_idx` ON `search_docs` (`paper_id`);--> statement-breakpoint
CREATE TABLE `search_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
