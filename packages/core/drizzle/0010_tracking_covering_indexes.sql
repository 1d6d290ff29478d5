DROP INDEX `time_blocks_day_idx`;--> statement-breakpoint
DROP INDEX `time_blocks_category_day_idx`;--> statement-breakpoint
DROP INDEX `time_blocks_productive_day_idx`;--> statement-breakpoint
CREATE INDEX `time_blocks_day_idx` ON `time_blocks` (`day`,`minutes`);--> statement-breakpoint
CREATE INDEX `time_blocks_category_day_idx` ON `time_blocks` (`category`,`day`,`minutes`);--> statement-breakpoint
CREATE INDEX `time_blocks_productive_day_idx` ON `time_blocks` (`productive`,`day`,`minutes`);--> statement-breakpoint
CREATE INDEX `metric_values_series_idx` ON `metric_values` (`metric_id`,`date`,`value`);