-- Every write to the tracking tables leaves a row in tracking_changes (what, which, which day), so the
-- in-process caches of per-day totals and habit periods (src/tracking/changes.ts) re-read only what
-- changed, whichever connection wrote it. Updates that change nothing a total reads leave no row.
CREATE TRIGGER `tracking_changes_metric_values_ins` AFTER INSERT ON `metric_values` BEGIN
  INSERT INTO tracking_changes (kind, ref, day) VALUES ('metric', NEW.metric_id, NEW.date);
END;
--> statement-breakpoint
CREATE TRIGGER `tracking_changes_metric_values_del` AFTER DELETE ON `metric_values` BEGIN
  INSERT INTO tracking_changes (kind, ref, day) VALUES ('metric', OLD.metric_id, OLD.date);
END;
--> statement-breakpoint
CREATE TRIGGER `tracking_changes_metric_values_upd` AFTER UPDATE ON `metric_values`
  WHEN NEW.value IS NOT OLD.value OR NEW.metric_id IS NOT OLD.metric_id OR NEW.date IS NOT OLD.date BEGIN
  INSERT INTO tracking_changes (kind, ref, day) VALUES ('metric', OLD.metric_id, OLD.date);
  INSERT INTO tracking_changes (kind, ref, day) SELECT 'metric', NEW.metric_id, NEW.date
    WHERE NEW.metric_id IS NOT OLD.metric_id OR NEW.date IS NOT OLD.date;
END;
--> statement-breakpoint
CREATE TRIGGER `tracking_changes_metrics_ins` AFTER INSERT ON `metrics` BEGIN
  INSERT INTO tracking_changes (kind, ref, day) VALUES ('metricdef', NEW.id, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tracking_changes_metrics_del` AFTER DELETE ON `metrics` BEGIN
  INSERT INTO tracking_changes (kind, ref, day) VALUES ('metricdef', OLD.id, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tracking_changes_metrics_upd` AFTER UPDATE ON `metrics` BEGIN
  INSERT INTO tracking_changes (kind, ref, day) VALUES ('metricdef', OLD.id, NULL);
  INSERT INTO tracking_changes (kind, ref, day) SELECT 'metricdef', NEW.id, NULL WHERE NEW.id IS NOT OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER `tracking_changes_time_blocks_ins` AFTER INSERT ON `time_blocks` BEGIN
  INSERT INTO tracking_changes (kind, ref, day) VALUES ('time', NEW.category, NEW.day);
END;
--> statement-breakpoint
CREATE TRIGGER `tracking_changes_time_blocks_del` AFTER DELETE ON `time_blocks` BEGIN
  INSERT INTO tracking_changes (kind, ref, day) VALUES ('time', OLD.category, OLD.day);
END;
--> statement-breakpoint
CREATE TRIGGER `tracking_changes_time_blocks_upd` AFTER UPDATE ON `time_blocks`
  WHEN NEW.day IS NOT OLD.day OR NEW.category IS NOT OLD.category OR NEW.productive IS NOT OLD.productive OR NEW.minutes IS NOT OLD.minutes BEGIN
  INSERT INTO tracking_changes (kind, ref, day) VALUES ('time', OLD.category, OLD.day);
  INSERT INTO tracking_changes (kind, ref, day) SELECT 'time', NEW.category, NEW.day
    WHERE NEW.category IS NOT OLD.category OR NEW.day IS NOT OLD.day;
END;
--> statement-breakpoint
CREATE TRIGGER `tracking_changes_tasks_ins` AFTER INSERT ON `tasks` WHEN NEW.done_day IS NOT NULL BEGIN
  INSERT INTO tracking_changes (kind, ref, day) VALUES ('task', NULL, NEW.done_day);
END;
--> statement-breakpoint
CREATE TRIGGER `tracking_changes_tasks_del` AFTER DELETE ON `tasks` WHEN OLD.done_day IS NOT NULL BEGIN
  INSERT INTO tracking_changes (kind, ref, day) VALUES ('task', NULL, OLD.done_day);
END;
--> statement-breakpoint
CREATE TRIGGER `tracking_changes_tasks_upd` AFTER UPDATE ON `tasks`
  WHEN NEW.done_day IS NOT OLD.done_day OR (NEW.done_day IS NOT NULL AND NEW.priority IS NOT OLD.priority) BEGIN
  INSERT INTO tracking_changes (kind, ref, day) SELECT 'task', NULL, OLD.done_day WHERE OLD.done_day IS NOT NULL;
  INSERT INTO tracking_changes (kind, ref, day) SELECT 'task', NULL, NEW.done_day WHERE NEW.done_day IS NOT NULL AND NEW.done_day IS NOT OLD.done_day;
END;
--> statement-breakpoint
CREATE TRIGGER `tracking_changes_spend_ins` AFTER INSERT ON `spend_entries` BEGIN
  INSERT INTO tracking_changes (kind, ref, day) VALUES ('spend', NULL, NEW.date);
END;
--> statement-breakpoint
CREATE TRIGGER `tracking_changes_spend_del` AFTER DELETE ON `spend_entries` BEGIN
  INSERT INTO tracking_changes (kind, ref, day) VALUES ('spend', NULL, OLD.date);
END;
--> statement-breakpoint
CREATE TRIGGER `tracking_changes_spend_upd` AFTER UPDATE ON `spend_entries` WHEN NEW.date IS NOT OLD.date BEGIN
  INSERT INTO tracking_changes (kind, ref, day) VALUES ('spend', NULL, OLD.date);
  INSERT INTO tracking_changes (kind, ref, day) VALUES ('spend', NULL, NEW.date);
END;
--> statement-breakpoint
CREATE TRIGGER `tracking_changes_habit_checkins_ins` AFTER INSERT ON `habit_checkins` BEGIN
  INSERT INTO tracking_changes (kind, ref, day) VALUES ('checkin', NEW.habit_id, NEW.date);
END;
--> statement-breakpoint
CREATE TRIGGER `tracking_changes_habit_checkins_del` AFTER DELETE ON `habit_checkins` BEGIN
  INSERT INTO tracking_changes (kind, ref, day) VALUES ('checkin', OLD.habit_id, OLD.date);
END;
--> statement-breakpoint
CREATE TRIGGER `tracking_changes_habit_checkins_upd` AFTER UPDATE ON `habit_checkins`
  WHEN NEW.value IS NOT OLD.value OR NEW.skipped IS NOT OLD.skipped OR NEW.habit_id IS NOT OLD.habit_id OR NEW.date IS NOT OLD.date BEGIN
  INSERT INTO tracking_changes (kind, ref, day) VALUES ('checkin', OLD.habit_id, OLD.date);
  INSERT INTO tracking_changes (kind, ref, day) SELECT 'checkin', NEW.habit_id, NEW.date
    WHERE NEW.habit_id IS NOT OLD.habit_id OR NEW.date IS NOT OLD.date;
END;
--> statement-breakpoint
CREATE TRIGGER `tracking_changes_habits_ins` AFTER INSERT ON `habits` BEGIN
  INSERT INTO tracking_changes (kind, ref, day) VALUES ('habit', NEW.id, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tracking_changes_habits_del` AFTER DELETE ON `habits` BEGIN
  INSERT INTO tracking_changes (kind, ref, day) VALUES ('habit', OLD.id, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tracking_changes_habits_upd` AFTER UPDATE ON `habits` BEGIN
  INSERT INTO tracking_changes (kind, ref, day) VALUES ('habit', OLD.id, NULL);
  INSERT INTO tracking_changes (kind, ref, day) SELECT 'habit', NEW.id, NULL WHERE NEW.id IS NOT OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER `tracking_changes_time_categories_ins` AFTER INSERT ON `time_categories` BEGIN
  INSERT INTO tracking_changes (kind, ref, day) VALUES ('category', NEW.id, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tracking_changes_time_categories_del` AFTER DELETE ON `time_categories` BEGIN
  INSERT INTO tracking_changes (kind, ref, day) VALUES ('category', OLD.id, NULL);
END;
--> statement-breakpoint
CREATE TRIGGER `tracking_changes_time_categories_upd` AFTER UPDATE ON `time_categories` BEGIN
  INSERT INTO tracking_changes (kind, ref, day) VALUES ('category', OLD.id, NULL);
  INSERT INTO tracking_changes (kind, ref, day) SELECT 'category', NEW.id, NULL WHERE NEW.id IS NOT OLD.id;
END;
--> statement-breakpoint
-- Keeps the newest 4,000 to 5,000 rows: a reader further behind than that reloads everything.
CREATE TRIGGER `tracking_changes_prune` AFTER INSERT ON `tracking_changes` WHEN NEW.seq % 1000 = 0 BEGIN
  DELETE FROM tracking_changes WHERE seq <= NEW.seq - 4000;
END;
