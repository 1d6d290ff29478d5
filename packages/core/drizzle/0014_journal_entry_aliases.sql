CREATE TABLE `entry_aliases` (
	`entry_id` text NOT NULL,
	`alias` text NOT NULL,
	`alias_key` text NOT NULL,
	PRIMARY KEY(`entry_id`, `alias_key`),
	FOREIGN KEY (`entry_id`) REFERENCES `entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `entry_aliases_key_idx` ON `entry_aliases` (`alias_key`);