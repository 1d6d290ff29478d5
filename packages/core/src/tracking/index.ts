/**
 * The tracking domain's public API: daily stats (metrics), habits and monthly goals, time tracking,
 * tasks in strict priority order, the research-spend ledger, the dashboard and the weekly review.
 * Pure logic (validation, Loop habit score, streaks, time-log parsing, CSV, totals) is in ./logic.
 *
 * Tables (for `folio sql`): metrics, metric_values, metric_value_history, habits, habit_checkins,
 * goals, time_categories, time_logs, time_blocks, time_timer, tasks, task_links, spend_entries.
 *
 * Writes emit `data:changed { domain: 'tracking', action }` and `activity:changed { sources, day }`
 * (stamps re-evaluate; calls that may earn one answer `earned: [{ id, name, earnedAt }]`).
 */
export { createTrackingHandlers } from './handlers';
export { trackingActivityProvider } from './activity';
export { dashboard, todayPanel, rangeFor, type DashboardRequest } from './dashboard-service';
export { weekReview, startWeekReview, isoWeekOf } from './review-service';
export {
  checkIn,
  logValue,
  setValue,
  metricDefs,
  listMetrics,
  saveMetric,
  deleteMetric,
  exportCsv,
  importCsv,
} from './metrics-service';
export { listHabits, saveHabit, checkHabit, listGoals, saveGoal } from './habits-service';
export { timeDay, saveTimeLog, addTimeLine, startTimer, stopTimer, getTimer, listCategories } from './time-service';
export { listTasks, saveTask, setTaskDone, deleteTask } from './tasks-service';
export { listSpend, saveSpend, deleteSpend } from './spend-service';
