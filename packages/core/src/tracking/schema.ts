// Drizzle tables of the tracking domain. Column names are what `folio sql` users see: keep them plain.
//
// Units at rest: durations are whole MINUTES, money is integer MINOR units (cents), days are local
// calendar days `YYYY-MM-DD`, timestamps are UTC ISO strings.
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

const createdAt = () => text('created_at').notNull();
const updatedAt = () => text('updated_at').notNull();

/**
 * Daily-stat definitions (productivity hours, screen time, mood...). `id` is the slug used by
 * `folio log`, CSV headers and stamp rules (`metric:<id>`). Deleting one sets `deleted_at` (its values
 * go) so a shipped default is not seeded again.
 */
export const metrics = sqliteTable(
  'metrics',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** number | duration | scale | boolean | count */
    kind: text('kind').notNull(),
    unit: text('unit'),
    min: real('min'),
    max: real('max'),
    dailyCap: real('daily_cap'),
    /** 1 productive, 0 not, NULL neither (a mood is neither). */
    productive: integer('productive'),
    inputUnit: text('input_unit'),
    aggregate: text('aggregate'),
    description: text('description'),
    archived: integer('archived').notNull().default(0),
    sort: integer('sort').notNull().default(0),
    deletedAt: text('deleted_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check('metrics_kind_ck', sql`${t.kind} IN ('number','duration','scale','boolean','count')`)],
);

/** One value per metric per day, in canonical units (minutes, 1/0, the scale's integer...). */
export const metricValues = sqliteTable(
  'metric_values',
  {
    metricId: text('metric_id')
      .notNull()
      .references(() => metrics.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
    value: real('value').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.metricId, t.date] }),
    index('metric_values_date_idx').on(t.date),
    // Covering: a metric's daily series (stamps, habits, the dashboard) is read from the index alone.
    index('metric_values_series_idx').on(t.metricId, t.date, t.value),
  ],
);

/** Every change to a metric value (NULL = no value), so an edited history can be traced. */
export const metricValueHistory = sqliteTable(
  'metric_value_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    metricId: text('metric_id')
      .notNull()
      .references(() => metrics.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
    oldValue: real('old_value'),
    newValue: real('new_value'),
    /** checkin | log | edit | import */
    source: text('source').notNull(),
    changedAt: text('changed_at').notNull(),
  },
  (t) => [index('metric_value_history_metric_date_idx').on(t.metricId, t.date)],
);

/**
 * Habits. `schedule` JSON: `{type:'daily'} | {type:'perWeek',times} | {type:'perMonth',times} |
 * {type:'atMost',limit,per} | {type:'atLeast',amount,per}`; `source` JSON: `{type:'checkin'}` or
 * `{type:'activity', source:'papers.finished', measure:'count'|'sum'}`.
 */
export const habits = sqliteTable('habits', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  schedule: text('schedule').notNull(),
  source: text('source').notNull(),
  startDate: text('start_date').notNull(),
  threshold: real('threshold'),
  unit: text('unit'),
  archived: integer('archived').notNull().default(0),
  sort: integer('sort').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Ticks of check-in habits (value 1 = done), and skipped days (holiday, sick) of any habit. */
export const habitCheckins = sqliteTable(
  'habit_checkins',
  {
    habitId: text('habit_id')
      .notNull()
      .references(() => habits.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
    value: real('value').notNull().default(1),
    skipped: integer('skipped').notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.habitId, t.date] })],
);

/** Monthly goals ("30 papers in June"): a target over an activity source for one `YYYY-MM`. */
export const goals = sqliteTable(
  'goals',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    source: text('source').notNull(),
    /** count | sum */
    measure: text('measure').notNull(),
    month: text('month').notNull(),
    target: real('target').notNull(),
    unit: text('unit'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('goals_month_idx').on(t.month)],
);

/** Time categories: productive or not, and the words that put an untagged log line in them. */
export const timeCategories = sqliteTable('time_categories', {
  id: text('id').primaryKey(),
  name: text('name'),
  productive: integer('productive').notNull().default(0),
  /** JSON array of words. */
  keywords: text('keywords').notNull().default('[]'),
  color: text('color'),
  sort: integer('sort').notNull().default(0),
  deletedAt: text('deleted_at'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** The quick log of a day as typed (`09:10 reading RailS paper #research`); its blocks are derived. */
export const timeLogs = sqliteTable('time_logs', {
  day: text('day').primaryKey(),
  text: text('text').notNull().default(''),
  updatedAt: updatedAt(),
});

/**
 * Time blocks of a day in minutes since midnight: from the day's quick log (`source = 'log'`,
 * replaced whenever the log is saved) or from the timer (`source = 'timer'`).
 * `minutes = end_min - start_min`, so `SUM(minutes)` is the tracked time.
 */
export const timeBlocks = sqliteTable(
  'time_blocks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    day: text('day').notNull(),
    startMin: integer('start_min').notNull(),
    endMin: integer('end_min').notNull(),
    minutes: integer('minutes').notNull(),
    label: text('label').notNull().default(''),
    /** JSON array of #tags. */
    tags: text('tags').notNull().default('[]'),
    category: text('category').notNull(),
    productive: integer('productive').notNull().default(0),
    /** log | timer */
    source: text('source').notNull(),
    line: integer('line'),
    createdAt: createdAt(),
  },
  (t) => [
    // Covering indexes: per-day totals (all, productive, per category) never touch the table.
    index('time_blocks_day_idx').on(t.day, t.minutes),
    index('time_blocks_category_day_idx').on(t.category, t.day, t.minutes),
    index('time_blocks_productive_day_idx').on(t.productive, t.day, t.minutes),
    check('time_blocks_range_ck', sql`${t.startMin} >= 0 AND ${t.endMin} <= 1440 AND ${t.endMin} > ${t.startMin}`),
    check('time_blocks_minutes_ck', sql`${t.minutes} = ${t.endMin} - ${t.startMin}`),
  ],
);

/** The running timer (at most one row). `started_at` is local `YYYY-MM-DDTHH:MM`. */
export const timeTimer = sqliteTable(
  'time_timer',
  {
    id: integer('id').primaryKey(),
    label: text('label').notNull().default(''),
    tags: text('tags').notNull().default('[]'),
    category: text('category').notNull(),
    productive: integer('productive').notNull().default(0),
    startedAt: text('started_at').notNull(),
  },
  (t) => [check('time_timer_single_ck', sql`${t.id} = 1`)],
);

/** Tasks, done strictly by priority (high, medium, low) then due date. */
export const tasks = sqliteTable(
  'tasks',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    priority: text('priority').notNull(),
    due: text('due'),
    notes: text('notes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    doneAt: text('done_at'),
    /** The local calendar day it was done on (for daily counts). */
    doneDay: text('done_day'),
  },
  (t) => [index('tasks_done_day_idx').on(t.doneDay), check('tasks_priority_ck', sql`${t.priority} IN ('high','medium','low')`)],
);

/** Links from a task to journal entries and papers (by id). */
export const taskLinks = sqliteTable(
  'task_links',
  {
    taskId: text('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    /** entry | paper */
    type: text('type').notNull(),
    targetId: text('target_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.type, t.targetId] }), index('task_links_target_idx').on(t.type, t.targetId)],
);

/**
 * The research-spend ledger. `amount_minor` is in the currency's minor unit (cents); a refund is
 * negative. Totals are per currency (never added across currencies).
 */
export const spendEntries = sqliteTable(
  'spend_entries',
  {
    id: text('id').primaryKey(),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    project: text('project').notNull(),
    category: text('category').notNull(),
    date: text('date').notNull(),
    note: text('note'),
    /** entry | post | paper */
    linkType: text('link_type'),
    linkId: text('link_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('spend_entries_date_idx').on(t.date),
    index('spend_entries_project_idx').on(t.project),
    index('spend_entries_category_idx').on(t.category),
  ],
);

/**
 * What changed in the tracking tables, for the in-process caches of per-day totals and habit periods
 * (see changes.ts). Filled by triggers (migration `tracking_change_triggers`), so a write from any
 * connection is seen: the app, the CLI, another window, raw SQL. One row per written row:
 * `kind` metric (ref = metric id), metricdef, time (ref = category), task, spend, checkin (ref = habit id),
 * habit, category; `day` is the day it touched (NULL: not tied to a day). Pruned to the latest few
 * thousand rows by a trigger; a reader that fell behind reloads.
 */
export const trackingChanges = sqliteTable('tracking_changes', {
  seq: integer('seq').primaryKey({ autoIncrement: true }),
  kind: text('kind').notNull(),
  ref: text('ref'),
  day: text('day'),
});
