import { z } from 'zod';
import { method } from './rpc';

// The tracking domain's calls ('tracking:verb'), their payload schemas and DTOs: daily stats
// (metrics), habits and goals, time tracking, tasks, research spend, the dashboard and the weekly review.
//
// Units on the wire are the canonical units at rest: durations in whole MINUTES, money in integer
// MINOR units (cents) with its ISO currency, days as local calendar days `YYYY-MM-DD`.
// Zod here checks only the shape; the values themselves (a mood of 9, 30 hours in a day, 2026-02-30)
// are judged by the domain's validators so every refused field gets its own message in
// `details.issues` (`values.mood`, `date`, `amount`...) and the rest of a form is kept.

const DAY_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
/** A day in YYYY-MM-DD form; whether it exists is checked by the domain (with a message saying why). */
const dayText = z
  .string({ error: 'Give a date as YYYY-MM-DD' })
  .trim()
  .regex(DAY_SHAPE, 'Give a date as YYYY-MM-DD, e.g. 2026-06-01');
const idText = (what: string) =>
  z
    .string({ error: `Which ${what}?` })
    .trim()
    .min(1, `Which ${what}?`)
    .max(120, `Not a ${what} id`);
const text = (max: number, what: string) => z.string().max(max, `${what} can be at most ${max} characters`);

// ---------------------------------------------------------------------------------------------
// Metrics (daily stats)
// ---------------------------------------------------------------------------------------------

export const METRIC_KINDS = ['number', 'duration', 'scale', 'boolean', 'count'] as const;
export type MetricKindDto = (typeof METRIC_KINDS)[number];

export interface MetricDto {
  /** Slug used by `folio log`, CSV headers and stamp rules (`metric:<id>`). */
  id: string;
  name: string;
  kind: MetricKindDto;
  unit: string | null;
  min: number | null;
  max: number | null;
  dailyCap: number | null;
  /** true: productive time (productivity hours); false: not (screen time); null: neither. */
  productive: boolean | null;
  /** Durations: how a bare number is read (hours by default). */
  inputUnit: 'h' | 'min' | null;
  aggregate: 'sum' | 'avg';
  description: string | null;
  archived: boolean;
  sort: number;
  /** The bounds actually enforced (kind defaults filled in); null = unbounded. */
  bounds: { min: number | null; max: number | null };
  valueCount: number;
  lastDate: string | null;
}

const metricFields = {
  id: z.string({ error: 'Give the metric an id' }).trim().max(40, 'An id is at most 40 characters'),
  name: text(100, 'A name'),
  kind: z.enum(METRIC_KINDS, { error: `Kind is one of ${METRIC_KINDS.join(', ')}` }),
  unit: text(30, 'A unit').nullish(),
  min: z.number('Minimum must be a number').finite('Minimum must be a finite number').nullish(),
  max: z.number('Maximum must be a number').finite('Maximum must be a finite number').nullish(),
  dailyCap: z.number('Daily cap must be a number').finite('Daily cap must be a finite number').nullish(),
  productive: z.boolean().nullish(),
  inputUnit: z.enum(['h', 'min'], { error: 'Input unit is h or min' }).nullish(),
  aggregate: z.enum(['sum', 'avg'], { error: 'Aggregate is sum or avg' }).nullish(),
  description: text(500, 'A description').nullish(),
  archived: z.boolean().optional(),
};

/** Raw check-in input per metric id, as typed ('7h30', '4', 'yes'); '' or null clears the day's value. */
const rawValue = z.union([z.string().max(100, 'A value is at most 100 characters'), z.number(), z.boolean(), z.null()]);

export interface CheckInDto {
  date: string;
  /** Canonical values saved, by metric id. */
  values: Record<string, number>;
  cleared: string[];
  /** How many values actually changed. */
  changed: number;
  earned: EarnedStampBrief[];
}

/** A stamp just earned by a call (the `stamps:earned` event carries the full picture). */
export interface EarnedStampBrief {
  id: string;
  name: string;
  earnedAt: string;
}

export interface DayValuesDto {
  date: string;
  today: string;
  /** Canonical values by metric id. */
  values: Record<string, number>;
  /** The same values as the check-in form shows them (`7h 30m`, `yes`, `4`). */
  inputs: Record<string, string>;
}

export interface MetricValueDto {
  date: string;
  metricId: string;
  value: number;
  display: string;
  updatedAt: string;
}

export interface ValueHistoryDto {
  metricId: string;
  date: string;
  oldValue: number | null;
  newValue: number | null;
  source: string;
  changedAt: string;
}

export interface LogResultDto {
  metric: string;
  name: string;
  date: string;
  value: number;
  /** Formatted (`7h 30m`, `yes`, `3 servings`). */
  display: string;
  previous: number | null;
  earned: EarnedStampBrief[];
}

export interface CsvImportDto {
  format: 'wide' | 'long';
  rowsRead: number;
  /** Values written (new or changed). */
  imported: number;
  unchanged: number;
  /** Existing values left alone because `replace` was false. */
  kept: number;
  errors: { line: number; field: string; message: string }[];
  dryRun: boolean;
}

// ---------------------------------------------------------------------------------------------
// Habits and goals
// ---------------------------------------------------------------------------------------------

export type HabitScheduleDto =
  | { type: 'daily' }
  | { type: 'perWeek'; times: number }
  | { type: 'perMonth'; times: number }
  | { type: 'atMost'; limit: number; per: 'day' | 'week' | 'month' }
  | { type: 'atLeast'; amount: number; per: 'day' | 'week' | 'month' };

export type HabitSourceDto = { type: 'checkin' } | { type: 'activity'; source: string; measure: 'count' | 'sum' };

const per = z.enum(['day', 'week', 'month'], { error: 'Per is day, week or month' });
const num = (what: string) => z.number(`${what} must be a number`).finite(`${what} must be a number`);
export const habitScheduleSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('daily') }),
    z.object({ type: z.literal('perWeek'), times: num('Times per week') }),
    z.object({ type: z.literal('perMonth'), times: num('Times per month') }),
    z.object({ type: z.literal('atMost'), limit: num('The limit'), per }),
    z.object({ type: z.literal('atLeast'), amount: num('The amount'), per }),
  ],
  { error: 'Schedule is daily, perWeek, perMonth, atMost or atLeast' },
);
export const habitSourceSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('checkin') }),
    z.object({
      type: z.literal('activity'),
      source: z.string().trim().min(1, 'Choose what the habit counts').max(120),
      measure: z.enum(['count', 'sum'], { error: 'Measure is count or sum' }),
    }),
  ],
  { error: 'Source is checkin or activity' },
);

export type PeriodStatusDto = 'met' | 'missed' | 'pending' | 'skipped' | 'partial';

export interface HabitPeriodDto {
  start: string;
  end: string;
  value: number;
  target: number;
  status: PeriodStatusDto;
  metOn?: string;
}

export interface HabitDto {
  id: string;
  name: string;
  schedule: HabitScheduleDto;
  source: HabitSourceDto;
  startDate: string;
  threshold: number | null;
  unit: string | null;
  archived: boolean;
  sort: number;
  /** "3 times a week", "at least 120 min a day". */
  scheduleText: string;
  /** "Check-in" or the source's label ("Papers finished"). */
  sourceLabel: string;
  streaks: {
    unit: 'day' | 'week' | 'month';
    current: number;
    best: number;
    currentStart?: string;
    bestStart?: string;
    bestEnd?: string;
  };
  /** Loop Habit Tracker strength today, 0..1. */
  score: number;
  doneToday: boolean;
  todayValue: number | null;
  skippedToday: boolean;
  currentPeriod: HabitPeriodDto | null;
  /** Still to do in the current period. */
  due: boolean;
  /** Set when the habit's source no longer exists (a deleted metric). */
  broken: string | null;
}

export interface HeatmapCellDto {
  day: string;
  value: number;
  level: 0 | 1 | 2 | 3 | 4;
  done: boolean;
  skipped: boolean;
  week: number;
  weekday: number;
}

export interface HabitDetailDto {
  habit: HabitDto;
  from: string;
  to: string;
  heatmap: HeatmapCellDto[];
  /** Newest first. */
  periods: HabitPeriodDto[];
  /** Strength once a week over the range, for a line. */
  scores: { day: string; score: number }[];
}

export interface GoalProgressDto {
  status: 'upcoming' | 'active' | 'met' | 'missed';
  current: number;
  target: number;
  fraction: number;
  daysInMonth: number;
  daysElapsed: number;
  daysLeft: number;
  projected: number;
  /** Per day still needed; null when it can no longer be reached this month. */
  paceNeeded: number | null;
  paceSoFar: number;
  onTrack: boolean;
}

export interface GoalDto {
  id: string;
  name: string;
  source: string;
  sourceLabel: string;
  measure: 'count' | 'sum';
  month: string;
  target: number;
  unit: string | null;
  /** "30 papers in June 2026". */
  text: string;
  progress: GoalProgressDto;
  /** False when no domain provides the source yet (e.g. papers before the library exists). */
  sourceAvailable: boolean;
  /** Day-by-day cumulative totals of the month up to today, for a burn-up line. */
  cumulative: { day: string; value: number }[];
}

// ---------------------------------------------------------------------------------------------
// Time tracking
// ---------------------------------------------------------------------------------------------

export interface TimeBlockDto {
  id: number;
  day: string;
  /** Minutes since midnight. */
  start: number;
  end: number;
  minutes: number;
  label: string;
  tags: string[];
  category: string;
  productive: boolean;
  source: 'log' | 'timer';
  line: number | null;
}

export type TimelineSegmentDto =
  { kind: 'block'; start: number; end: number; blockId: number } | { kind: 'gap'; start: number; end: number };

export interface CategoryTotalDto {
  category: string;
  name: string;
  color: string | null;
  minutes: number;
  productive: boolean;
  blocks: number;
}

export interface TimeTotalsDto {
  total: number;
  productive: number;
  unproductive: number;
  /** Largest first. */
  byCategory: CategoryTotalDto[];
}

export interface TimeLogErrorDto {
  line: number;
  text: string;
  message: string;
}

export interface TimeDayDto {
  day: string;
  /** The day's quick log as typed. */
  text: string;
  blocks: TimeBlockDto[];
  timeline: TimelineSegmentDto[];
  totals: TimeTotalsDto;
  /** Lines of the log that could not be read (they stay in the text). */
  errors: TimeLogErrorDto[];
}

export interface TimerDto {
  running: {
    label: string;
    tags: string[];
    category: string;
    productive: boolean;
    startedAt: string;
    elapsedMinutes: number;
  } | null;
}

export interface CategoryDto {
  id: string;
  name: string;
  productive: boolean;
  keywords: string[];
  color: string | null;
  sort: number;
}

// ---------------------------------------------------------------------------------------------
// Tasks
// ---------------------------------------------------------------------------------------------

export const TASK_PRIORITY_VALUES = ['high', 'medium', 'low'] as const;
export type TaskPriorityDto = (typeof TASK_PRIORITY_VALUES)[number];

export interface TaskLinkDto {
  type: 'entry' | 'paper';
  id: string;
  /** The entry's or paper's title when it still exists. */
  title: string | null;
}

export interface TaskDto {
  id: string;
  title: string;
  priority: TaskPriorityDto;
  due: string | null;
  notes: string | null;
  createdAt: string;
  doneAt: string | null;
  doneDay: string | null;
  links: TaskLinkDto[];
  overdue: boolean;
  /** 1-based place in the strict order (open tasks only). */
  rank: number | null;
  /** The task that must be done first (open tasks that are not next). */
  blockedBy: { id: string; title: string } | null;
}

export interface TasksDto {
  /** Strictly ordered: every high before any medium before any low; then due date, then age. */
  open: TaskDto[];
  /** Newest first. */
  done: TaskDto[];
  next: TaskDto | null;
  doneTotal: number;
}

export interface DoneGroupDto {
  key: string;
  tasks: TaskDto[];
  byPriority: Record<TaskPriorityDto, number>;
}

const taskLinkSchema = z.object({
  type: z.enum(['entry', 'paper'], { error: 'A task links to an entry or a paper' }),
  id: z.string().trim().min(1, 'Which entry or paper?').max(120),
});

// ---------------------------------------------------------------------------------------------
// Research spend
// ---------------------------------------------------------------------------------------------

export interface SpendDto {
  id: string;
  /** Minor units; negative for a refund. */
  amountMinor: number;
  currency: string;
  /** Formatted, e.g. `$12.50`. */
  amount: string;
  project: string;
  category: string;
  date: string;
  note: string | null;
  link: { type: 'entry' | 'post' | 'paper'; id: string } | null;
  createdAt: string;
}

export interface SpendBucketDto {
  key: string;
  total: number;
  count: number;
  formatted: string;
}

export interface CurrencyTotalsDto {
  currency: string;
  total: number;
  spent: number;
  refunded: number;
  count: number;
  formatted: string;
  byProject: SpendBucketDto[];
  byCategory: SpendBucketDto[];
  byMonth: SpendBucketDto[];
}

export interface SpendListDto {
  entries: SpendDto[];
  totals: CurrencyTotalsDto[];
  projects: string[];
  categories: string[];
  currencies: string[];
}

const spendLinkSchema = z.object({
  type: z.enum(['entry', 'post', 'paper'], { error: 'A cost links to an entry, a post or a paper' }),
  id: z.string().trim().min(1, 'Which entry, post or paper?').max(2000),
});

// ---------------------------------------------------------------------------------------------
// Dashboard, today, weekly review
// ---------------------------------------------------------------------------------------------

export type DashboardRange = 'week' | 'month' | 'year';

export interface MetricSummaryDto {
  id: string;
  name: string;
  kind: MetricKindDto;
  unit: string | null;
  aggregate: 'sum' | 'avg';
  /** The metric's enforced bounds (null = unbounded), for the chart's axis. */
  bounds: { min: number | null; max: number | null };
  /** SUM(value) over the range. */
  total: number;
  /** COUNT(*): logged days. */
  count: number;
  average: number | null;
  min: number | null;
  max: number | null;
  /** The total or the average, per the metric's aggregate; null when nothing was logged. */
  headline: number | null;
  headlineText: string;
  /** One slot per day of the range (null: not logged). */
  series: (number | null)[];
}

export interface HabitCardDto {
  id: string;
  name: string;
  score: number;
  streaks: HabitDto['streaks'];
  periodsMet: number;
  periodsDecided: number;
  heatmap: HeatmapCellDto[];
}

export interface SeriesDto {
  /** False when no domain provides this data yet (e.g. no papers library). */
  available: boolean;
  total: number;
  /** One slot per day of the range. */
  series: number[];
}

export interface DashboardDto {
  range: DashboardRange;
  from: string;
  to: string;
  today: string;
  /** The days of the range, in order (the series' labels). */
  days: string[];
  /** Chart buckets: days for a week or a month, months for a year. */
  buckets: { key: string; label: string; from: string; to: string }[];
  metrics: MetricSummaryDto[];
  habits: HabitCardDto[];
  time: TimeTotalsDto & {
    productiveByDay: number[];
    totalByDay: number[];
    /** Minutes per category per bucket. */
    byBucket: { key: string; minutes: Record<string, number> }[];
  };
  tasks: { open: number; overdue: number; doneInRange: number; next: TaskDto | null };
  spend: CurrencyTotalsDto[];
  goals: GoalDto[];
  words: SeriesDto;
  papers: SeriesDto & { goal: GoalDto | null };
  correlation: {
    x: { source: string; label: string };
    y: { source: string; label: string };
    /** One point per day with both values. */
    points: { day: string; x: number; y: number }[];
    /** Pearson's r; null with fewer than three points or no variance. */
    r: number | null;
  };
}

export interface TodayDto {
  date: string;
  metrics: MetricDto[];
  values: Record<string, number>;
  inputs: Record<string, string>;
  habitsDue: HabitDto[];
  habitsDone: HabitDto[];
  topTasks: TaskDto[];
  openTasks: number;
  timer: TimerDto;
  goals: GoalDto[];
}

export interface WeekReviewDto {
  from: string;
  to: string;
  /** ISO week, e.g. `2026-W23`. */
  week: string;
  entries: {
    available: boolean;
    items: { id: string; title: string; kind: string; date: string; words: number }[];
    words: number;
  };
  papers: {
    available: boolean;
    finished: { id: string; title: string | null; day: string | null }[];
    highlights: { id: string; title: string | null; day: string | null }[];
  };
  habits: { id: string; name: string; scheduleText: string; met: number; decided: number; days: string[] }[];
  time: TimeTotalsDto;
  tasks: { planned: number; done: number; doneItems: TaskDto[]; openItems: TaskDto[] };
  metrics: MetricSummaryDto[];
  stamps: { id: string; name: string; earnedAt: string }[];
  spend: CurrencyTotalsDto[];
  /** The figures as markdown, under the weekly-review template's headings. */
  markdown: string;
  /** A weekly review already written for this week. */
  existingEntryId: string | null;
}

export interface ActivitySourceDto {
  id: string;
  label: string;
  sumUnit: 'none' | 'minutes' | 'words' | 'value';
  /** A family needing a parameter (`metric:<id>`). */
  parameter?: string;
  /** Whether some domain provides it now. */
  available: boolean;
}

// ---------------------------------------------------------------------------------------------
// The contract
// ---------------------------------------------------------------------------------------------

export const trackingContract = {
  // Metrics and values
  'tracking:metrics': method(z.object({ includeArchived: z.boolean().optional() })).returns<MetricDto[]>(),
  'tracking:metric-save': method(z.object({ ...metricFields, isNew: z.boolean().optional() })).returns<MetricDto>(),
  'tracking:metric-delete': method(z.object({ id: idText('metric') })).returns<{ id: string; values: number }>(),
  'tracking:day': method(z.object({ date: dayText.optional() })).returns<DayValuesDto>(),
  'tracking:checkin': method(
    z.object({ date: z.string({ error: 'Give a date as YYYY-MM-DD' }), values: z.record(z.string(), rawValue) }),
  ).returns<CheckInDto>(),
  'tracking:log': method(
    z.object({
      metric: z.string().trim().min(1, 'Which metric?').max(100),
      value: z.union([z.string().max(100), z.number()]),
      date: z.string().optional(),
    }),
  ).returns<LogResultDto>(),
  'tracking:values': method(z.object({ from: dayText, to: dayText, metricIds: z.array(z.string()).max(200).optional() })).returns<
    MetricValueDto[]
  >(),
  'tracking:value-set': method(
    z.object({ metricId: idText('metric'), date: z.string(), value: z.union([z.string().max(100), z.number(), z.null()]) }),
  ).returns<{ metricId: string; date: string; value: number | null; previous: number | null; earned: EarnedStampBrief[] }>(),
  'tracking:value-history': method(
    z.object({
      metricId: z.string().optional(),
      date: dayText.optional(),
      limit: z.number().int().min(1).max(5000).default(200),
    }),
  ).returns<ValueHistoryDto[]>(),
  'tracking:csv-export': method(
    z.object({
      from: dayText.optional(),
      to: dayText.optional(),
      format: z.enum(['wide', 'long']).optional(),
      durationFormat: z.enum(['hmm', 'minutes', 'hours']).optional(),
    }),
  ).returns<{ csv: string; values: number }>(),
  'tracking:csv-import': method(
    z.object({
      text: z.string().min(1, 'The file is empty').max(20_000_000, 'A CSV file can be at most 20 MB'),
      dryRun: z.boolean().optional(),
      replace: z.boolean().optional(),
    }),
  ).returns<CsvImportDto>(),

  // Habits and goals
  'tracking:habits': method(z.object({ includeArchived: z.boolean().optional() })).returns<HabitDto[]>(),
  'tracking:habit-save': method(
    z.object({
      id: z.string().max(120).optional(),
      name: text(100, 'A name'),
      schedule: habitScheduleSchema,
      source: habitSourceSchema,
      startDate: z.string().optional(),
      threshold: z.number().finite().nullish(),
      unit: text(30, 'A unit').nullish(),
      archived: z.boolean().optional(),
    }),
  ).returns<HabitDto>(),
  'tracking:habit-delete': method(z.object({ id: idText('habit') })).returns<{ id: string }>(),
  'tracking:habit-check': method(
    z.object({
      habitId: idText('habit'),
      date: z.string().optional(),
      /** Tick (true) or untick (false) a check-in habit. */
      done: z.boolean().optional(),
      value: z.number().finite().nullish(),
      /** Mark the day skipped (holiday, sick) or not. */
      skip: z.boolean().optional(),
    }),
  ).returns<HabitDto>(),
  'tracking:habit-detail': method(
    z.object({ id: idText('habit'), from: dayText.optional(), to: dayText.optional() }),
  ).returns<HabitDetailDto>(),
  'tracking:goals': method(z.object({ month: z.string().optional() })).returns<GoalDto[]>(),
  'tracking:goal-save': method(
    z.object({
      id: z.string().max(120).optional(),
      name: text(100, 'A name'),
      source: z.string().trim().min(1, 'Choose what the goal counts').max(120),
      measure: z.enum(['count', 'sum'], { error: 'Measure is count or sum' }),
      month: z.string(),
      target: z.number('The target must be a number'),
      unit: text(30, 'A unit').nullish(),
    }),
  ).returns<GoalDto>(),
  'tracking:goal-delete': method(z.object({ id: idText('goal') })).returns<{ id: string }>(),
  'tracking:sources': method(z.object({})).returns<ActivitySourceDto[]>(),

  // Time
  'tracking:time-day': method(z.object({ day: dayText.optional() })).returns<TimeDayDto>(),
  'tracking:time-log-save': method(z.object({ day: z.string(), text: text(200_000, 'A day’s log') })).returns<TimeDayDto>(),
  'tracking:time-add': method(
    z.object({
      text: z.string().trim().min(1, 'Write a line such as “09:10 reading #research”').max(2000),
      day: z.string().optional(),
    }),
  ).returns<TimeDayDto & { added: TimeBlockDto[] }>(),
  'tracking:time-block-delete': method(z.object({ id: z.number().int() })).returns<{ id: number }>(),
  'tracking:timer': method(z.object({})).returns<TimerDto>(),
  'tracking:timer-start': method(z.object({ text: z.string().trim().min(1, 'What are you starting?').max(500) })).returns<
    TimerDto & { stopped: TimeBlockDto[] }
  >(),
  'tracking:timer-stop': method(z.object({})).returns<TimerDto & { stopped: TimeBlockDto[] }>(),
  'tracking:categories': method(z.object({})).returns<CategoryDto[]>(),
  'tracking:category-save': method(
    z.object({
      id: z.string().trim().max(40),
      name: text(60, 'A name').nullish(),
      productive: z.boolean(),
      keywords: z.array(z.string().trim().min(1).max(40)).max(100).optional(),
      color: z
        .string()
        .regex(/^#[0-9a-fA-F]{6}$/, 'A colour is #rrggbb')
        .nullish(),
    }),
  ).returns<CategoryDto>(),
  'tracking:category-delete': method(z.object({ id: idText('category') })).returns<{ id: string }>(),

  // Tasks
  'tracking:tasks': method(z.object({ doneLimit: z.number().int().min(0).max(1000).default(50) })).returns<TasksDto>(),
  'tracking:task-save': method(
    z.object({
      id: z.string().max(120).optional(),
      title: z.string().max(2000),
      priority: z.string().max(20),
      due: z.string().nullish(),
      notes: text(20_000, 'Notes').nullish(),
      links: z.array(taskLinkSchema).max(50).optional(),
    }),
  ).returns<TaskDto>(),
  'tracking:task-done': method(z.object({ id: idText('task'), done: z.boolean().default(true) })).returns<
    TaskDto & { earned: EarnedStampBrief[] }
  >(),
  'tracking:task-delete': method(z.object({ id: idText('task') })).returns<{ id: string }>(),
  'tracking:task-history': method(z.object({ by: z.enum(['day', 'week', 'month']).default('week') })).returns<DoneGroupDto[]>(),

  // Spend
  'tracking:spend': method(
    z.object({
      from: dayText.optional(),
      to: dayText.optional(),
      project: z.string().max(200).optional(),
      category: z.string().max(40).optional(),
      currency: z.string().max(3).optional(),
      limit: z.number().int().min(1).max(100_000).default(500),
    }),
  ).returns<SpendListDto>(),
  'tracking:spend-save': method(
    z.object({
      id: z.string().max(120).optional(),
      amount: z.union([z.string().max(40), z.number()]),
      currency: z.string().max(10),
      project: z.string().max(200),
      category: z.string().max(60),
      date: z.string(),
      refund: z.boolean().optional(),
      note: text(2000, 'A note').nullish(),
      link: spendLinkSchema.nullish(),
    }),
  ).returns<SpendDto & { earned: EarnedStampBrief[] }>(),
  'tracking:spend-delete': method(z.object({ id: idText('expense') })).returns<{ id: string }>(),

  // Dashboard and review
  'tracking:today': method(z.object({})).returns<TodayDto>(),
  'tracking:dashboard': method(
    z.object({
      range: z.enum(['week', 'month', 'year']).default('week'),
      /** Any day inside the wanted week/month/year; default today. */
      anchor: dayText.optional(),
      correlate: z.object({ x: z.string().max(120), y: z.string().max(120) }).optional(),
    }),
  ).returns<DashboardDto>(),
  'tracking:week-review': method(z.object({ weekOf: dayText.optional() })).returns<WeekReviewDto>(),
  'tracking:week-review-start': method(z.object({ weekOf: dayText.optional() })).returns<{ entryId: string; created: boolean }>(),
};

export interface TrackingEvents {}
