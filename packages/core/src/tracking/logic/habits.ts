import {
  dayToNum,
  DEFAULT_WEEK_STARTS_ON,
  endOfMonth,
  numToDay,
  startOfMonth,
  startOfWeek,
  weekdayOf,
  type Day,
  type Weekday,
} from './dates';
import type { FieldError } from './result';

/**
 * Habits: a schedule, a daily value (from check-ins or derived from activity), the periods the
 * schedule cuts time into, streaks over those periods, Loop Habit Tracker's strength score and a
 * heatmap.
 *
 * A habit's daily value is a number: 1/0 for a ticked check-in, or a count/amount derived from
 * activity (papers finished, words written, minutes logged under a category, a metric's value).
 * The lead's service fetches it (e.g. `ActivitySource.dailyTotals(habit.source.source)`) and passes
 * a `Map<Day, number>` in; everything here is pure.
 */
export type HabitPeriodUnit = 'day' | 'week' | 'month';

export type HabitSchedule =
  /** Every day: a day is done when its value reaches `threshold` (default 1). */
  | { type: 'daily' }
  /** N done days in each calendar week ("work out three times a week"). */
  | { type: 'perWeek'; times: number }
  /** N done days in each calendar month. */
  | { type: 'perMonth'; times: number }
  /** The period's total stays at or under `limit` ("at most 2 h of screen time a day"). */
  | { type: 'atMost'; limit: number; per: HabitPeriodUnit }
  /** The period's total reaches `amount` ("two hours a day on the side project" = 120 per day). */
  | { type: 'atLeast'; amount: number; per: HabitPeriodUnit };

export type HabitSource =
  | { type: 'checkin' }
  /** A source id from the stamps catalog (`papers.finished`, `journal.words`, `metric:vegetables`,
   * `time.category:side-project`…) and whether the day's count or sum is the value. */
  | { type: 'activity'; source: string; measure: 'count' | 'sum' };

export interface HabitDefinition {
  id: string;
  name: string;
  schedule: HabitSchedule;
  source: HabitSource;
  /** First day the habit applies; periods before it do not exist. */
  startDate: Day;
  /** A day counts as done when its value is at least this (daily/perWeek/perMonth). Default 1. */
  threshold?: number;
  /** Display unit of the value ("papers", "min"). */
  unit?: string;
  archived?: boolean;
}

export interface HabitOptions {
  weekStartsOn?: Weekday;
  /** Days the user marked as skipped (holiday, sick): they neither count nor break a streak. */
  skips?: ReadonlySet<Day>;
}

export function validateHabitDefinition(h: HabitDefinition): FieldError[] {
  const errors: FieldError[] = [];
  if (h.name.trim() === '') errors.push({ field: 'name', message: 'Give the habit a name' });
  const s = h.schedule;
  const whole = (n: number) => Number.isInteger(n);
  switch (s.type) {
    case 'perWeek':
      if (!whole(s.times) || s.times < 1 || s.times > 7) {
        errors.push({ field: 'schedule.times', message: `A week has 7 days: times per week is 1–7; got ${s.times}` });
      }
      break;
    case 'perMonth':
      if (!whole(s.times) || s.times < 1 || s.times > 31) {
        errors.push({ field: 'schedule.times', message: `Times per month is 1–31; got ${s.times}` });
      }
      break;
    case 'atMost':
      if (!Number.isFinite(s.limit) || s.limit < 0) {
        errors.push({ field: 'schedule.limit', message: `The limit cannot be negative; got ${s.limit}` });
      }
      break;
    case 'atLeast':
      if (!Number.isFinite(s.amount) || s.amount <= 0) {
        errors.push({ field: 'schedule.amount', message: `The amount must be above zero; got ${s.amount}` });
      }
      break;
    case 'daily':
      break;
  }
  if (h.threshold !== undefined && !(h.threshold > 0)) {
    errors.push({ field: 'threshold', message: `A day's threshold must be above zero; got ${h.threshold}` });
  }
  return errors;
}

export function scheduleUnit(s: HabitSchedule): HabitPeriodUnit {
  switch (s.type) {
    case 'daily':
      return 'day';
    case 'perWeek':
      return 'week';
    case 'perMonth':
      return 'month';
    default:
      return s.per;
  }
}

export function describeSchedule(s: HabitSchedule, unit = ''): string {
  const u = unit ? ` ${unit}` : '';
  switch (s.type) {
    case 'daily':
      return 'every day';
    case 'perWeek':
      return s.times === 1 ? 'once a week' : `${s.times} times a week`;
    case 'perMonth':
      return s.times === 1 ? 'once a month' : `${s.times} times a month`;
    case 'atMost':
      return `at most ${s.limit}${u} a ${s.per}`;
    case 'atLeast':
      return `at least ${s.amount}${u} a ${s.per}`;
  }
}

/** First day number of the period holding day number `n`. */
function periodStartNum(unit: HabitPeriodUnit, n: number, weekStartsOn: Weekday): number {
  if (unit === 'day') return n;
  if (unit === 'week') return dayToNum(startOfWeek(numToDay(n), weekStartsOn));
  return dayToNum(startOfMonth(numToDay(n)));
}

/** Last day number of the period starting at `start`. */
function periodEndNum(unit: HabitPeriodUnit, start: number): number {
  if (unit === 'day') return start;
  if (unit === 'week') return start + 6;
  return dayToNum(endOfMonth(numToDay(start)));
}

export type HabitPeriodStatus =
  | 'met'
  | 'missed'
  /** The current period, not decided yet: it neither counts nor breaks a streak. */
  | 'pending'
  /** Every day of the period was skipped. */
  | 'skipped'
  /** The first period, cut by the start date, and not met: it does not break a streak. */
  | 'partial';

export interface HabitPeriod {
  start: Day;
  end: Day;
  /** Done days (daily/perWeek/perMonth) or the period's total (atMost/atLeast). */
  value: number;
  target: number;
  status: HabitPeriodStatus;
  /** Days that contributed: done days, or days with a positive value. */
  days: Day[];
  /** The day the period became met (the Nth done day, the day the amount was reached, or the
   * period's last day for an at-most limit, which is only decided at its end). */
  metOn?: Day;
}

export function isDoneDay(habit: HabitDefinition, value: number | undefined): boolean {
  if (value === undefined) return false;
  switch (habit.schedule.type) {
    case 'atMost':
      return value <= habit.schedule.limit && habit.schedule.per === 'day';
    case 'atLeast':
      return habit.schedule.per === 'day' ? value >= habit.schedule.amount : value > 0;
    default:
      return value >= (habit.threshold ?? 1);
  }
}

/**
 * Cuts [max(from, startDate), to] into the schedule's periods and judges each. `to` is "today":
 * the period containing it is `pending` until it is decided.
 */
export function habitPeriods(
  habit: HabitDefinition,
  values: ReadonlyMap<Day, number>,
  to: Day,
  opts: HabitOptions & { from?: Day } = {},
): HabitPeriod[] {
  const weekStartsOn = opts.weekStartsOn ?? DEFAULT_WEEK_STARTS_ON;
  const unit = scheduleUnit(habit.schedule);
  const s = habit.schedule;
  const first = opts.from !== undefined && opts.from > habit.startDate ? opts.from : habit.startDate;
  if (first > to) return [];
  const firstNum = dayToNum(habit.startDate);
  const lastNum = dayToNum(to);
  const base = periodStartNum(unit, dayToNum(first), weekStartsOn);
  const size = lastNum - base + 1;
  // Dense per-day arrays over the scanned range: one pass over the map, none per day.
  const vals = new Float64Array(size);
  const has = new Uint8Array(size);
  const keys: (Day | undefined)[] = new Array(size);
  for (const [day, v] of values) {
    const i = dayToNum(day) - base;
    if (i < 0 || i >= size) continue;
    vals[i] = v;
    has[i] = 1;
    keys[i] = day;
  }
  const skipped = new Uint8Array(size);
  if (opts.skips) {
    for (const day of opts.skips) {
      const i = dayToNum(day) - base;
      if (i >= 0 && i < size) skipped[i] = 1;
    }
  }
  const threshold = habit.threshold ?? 1;
  const amounts = s.type === 'atMost' || s.type === 'atLeast';
  const need = s.type === 'daily' ? 1 : s.type === 'perWeek' || s.type === 'perMonth' ? s.times : 0;
  const out: HabitPeriod[] = [];
  let a = base;
  while (a <= lastNum) {
    const b = periodEndNum(unit, a);
    let value = 0;
    const days: Day[] = [];
    let counted = 0;
    let skips = 0;
    let reachedOn: Day | undefined;
    const lo = Math.max(a, firstNum);
    const hi = Math.min(b, lastNum);
    for (let n = lo; n <= hi; n++) {
      const i = n - base;
      counted++;
      if (skipped[i]) {
        skips++;
        continue;
      }
      if (!has[i]) continue;
      const v = vals[i]!;
      if (amounts) {
        value += v;
        if (v > 0) days.push(keys[i]!);
        if (s.type === 'atLeast' && reachedOn === undefined && value >= s.amount) reachedOn = keys[i];
      } else if (v >= threshold) {
        value += 1;
        days.push(keys[i]!);
        if (reachedOn === undefined && value >= need) reachedOn = keys[i];
      }
    }
    let target: number;
    let met: boolean;
    switch (s.type) {
      case 'daily':
        target = 1;
        met = value >= 1;
        break;
      case 'perWeek':
      case 'perMonth':
        target = s.times;
        met = value >= s.times;
        break;
      case 'atLeast':
        target = s.amount;
        met = value >= s.amount;
        break;
      case 'atMost':
        target = s.limit;
        met = value <= s.limit;
        break;
    }
    const current = b >= lastNum; // the period holding "today" is still open
    const cutByStart = a < firstNum;
    let status: HabitPeriodStatus;
    if (counted > 0 && skips === counted) status = 'skipped';
    else if (s.type === 'atMost') status = !met ? 'missed' : current ? 'pending' : 'met';
    else if (met) status = 'met';
    else if (current) status = 'pending';
    else if (cutByStart) status = 'partial';
    else status = 'missed';
    const end = numToDay(b);
    const period: HabitPeriod = { start: numToDay(a), end, value, target, status, days };
    if (status === 'met') period.metOn = s.type === 'atMost' ? end : (reachedOn ?? end);
    out.push(period);
    a = b + 1;
  }
  return out;
}

export interface HabitStreaks {
  unit: HabitPeriodUnit;
  /** Consecutive met periods ending with the latest decided one (a pending period does not break it). */
  current: number;
  currentStart?: Day;
  best: number;
  bestStart?: Day;
  bestEnd?: Day;
}

/** Streaks over a habit's periods: a 3×/week habit's streak counts weeks, a daily one days. */
export function habitStreaks(periods: readonly HabitPeriod[], unit: HabitPeriodUnit): HabitStreaks {
  const result: HabitStreaks = { unit, current: 0, best: 0 };
  let run = 0;
  let runStart: Day | undefined;
  for (const p of periods) {
    if (p.status === 'met') {
      if (run === 0) runStart = p.start;
      run++;
      if (run > result.best) {
        result.best = run;
        result.bestStart = runStart;
        result.bestEnd = p.end;
      }
    } else if (p.status === 'missed') {
      run = 0;
      runStart = undefined;
    }
  }
  // The run still open at the end is the current streak.
  result.current = run;
  if (run > 0) result.currentStart = runStart;
  return result;
}

// ---------------------------------------------------------------------------------------------
// Loop Habit Tracker's score (uhabits-core models/Score.kt and ScoreList.kt, followed exactly)

export interface LoopFrequency {
  numerator: number;
  denominator: number;
  numerical: boolean;
  atMost: boolean;
  /** Numerical habits: the target per `denominator` days. */
  target: number;
}

/** How a Folio schedule maps onto Loop's frequency (numerator / denominator days). */
export function loopFrequency(s: HabitSchedule): LoopFrequency {
  const days = (per: HabitPeriodUnit) => (per === 'day' ? 1 : per === 'week' ? 7 : 30);
  switch (s.type) {
    case 'daily':
      return { numerator: 1, denominator: 1, numerical: false, atMost: false, target: 1 };
    case 'perWeek':
      return { numerator: s.times, denominator: 7, numerical: false, atMost: false, target: 1 };
    case 'perMonth':
      // Loop's "N times per month" is N every 30 days.
      return { numerator: s.times, denominator: 30, numerical: false, atMost: false, target: 1 };
    case 'atLeast':
      return { numerator: 1, denominator: days(s.per), numerical: true, atMost: false, target: s.amount };
    case 'atMost':
      return { numerator: 1, denominator: days(s.per), numerical: true, atMost: true, target: s.limit };
  }
}

/** Score.compute: multiplier = 0.5^(sqrt(frequency) / 13); score = prev·m + checkmark·(1 − m). */
export function loopScoreStep(frequency: number, previousScore: number, checkmarkValue: number): number {
  const multiplier = Math.pow(0.5, Math.sqrt(frequency) / 13);
  return previousScore * multiplier + checkmarkValue * (1 - multiplier);
}

export interface HabitScoreSeries {
  /** Day of `scores[0]`. */
  from: Day;
  /** One score in 0..1 per day from `from` to `to`. */
  scores: Float64Array;
}

/**
 * ScoreList.recompute over [from, to], where `from` is the earlier of the habit's start and its
 * first recorded value (Loop starts at the oldest entry; days before it hold nothing, so starting
 * at the start date gives the same numbers).
 *
 * - Yes/no habits (daily, perWeek, perMonth): a rolling count of done days over the last
 *   `denominator` days; for frequencies below one a day both numerator and denominator are doubled
 *   (Loop's smoothing of irregular weekly schedules). checkmark = min(1, rolling / numerator).
 * - atLeast: checkmark = min(1, rolling sum / target).
 * - atMost: starts at 1; checkmark = clamp(1 − (rolling sum − target) / target, 0, 1)
 *   (target 0: 1 when the sum is 0, else 0).
 * - Skipped days leave the score unchanged.
 * The frequency in the multiplier is always the undoubled numerator / denominator.
 */
export function habitScores(
  habit: HabitDefinition,
  values: ReadonlyMap<Day, number>,
  to: Day,
  opts: HabitOptions = {},
): HabitScoreSeries {
  let fromNum = dayToNum(habit.startDate);
  for (const day of values.keys()) {
    const n = dayToNum(day);
    if (n < fromNum) fromNum = n;
  }
  const toNum = dayToNum(to);
  const size = Math.max(0, toNum - fromNum + 1);
  const daily = new Float64Array(size);
  const skipped = new Uint8Array(size);
  const freq = loopFrequency(habit.schedule);
  const threshold = habit.threshold ?? 1;
  for (const [day, v] of values) {
    const i = dayToNum(day) - fromNum;
    if (i < 0 || i >= size) continue;
    daily[i] = freq.numerical ? Math.max(0, v) : v >= threshold ? 1 : 0;
  }
  if (opts.skips) {
    for (const day of opts.skips) {
      const i = dayToNum(day) - fromNum;
      if (i >= 0 && i < size) {
        skipped[i] = 1;
        if (!freq.numerical) daily[i] = 0; // a skip is not a YES_MANUAL
      }
    }
  }
  const frequency = freq.numerator / freq.denominator;
  let { numerator, denominator } = freq;
  if (!freq.numerical && frequency < 1) {
    numerator *= 2;
    denominator *= 2;
  }
  const scores = new Float64Array(size);
  let previous = freq.numerical && freq.atMost ? 1 : 0;
  let rolling = 0;
  // loopScoreStep's multiplier, computed once (the same expression, so the same numbers).
  const multiplier = Math.pow(0.5, Math.sqrt(frequency) / 13);
  for (let i = 0; i < size; i++) {
    rolling += daily[i]!;
    if (i - denominator >= 0) rolling -= daily[i - denominator]!;
    if (!skipped[i]) {
      let checkmark: number;
      if (!freq.numerical) checkmark = Math.min(1, rolling / numerator);
      else if (!freq.atMost) checkmark = freq.target > 0 ? Math.min(1, rolling / freq.target) : 1;
      else if (freq.target > 0) checkmark = Math.min(1, Math.max(0, 1 - (rolling - freq.target) / freq.target));
      else checkmark = rolling > 0 ? 0 : 1;
      previous = previous * multiplier + checkmark * (1 - multiplier);
    }
    scores[i] = previous;
  }
  return { from: numToDay(fromNum), scores };
}

/** The habit's strength on `day` (0..1), 0 before it started. */
export function habitScore(habit: HabitDefinition, values: ReadonlyMap<Day, number>, day: Day, opts: HabitOptions = {}): number {
  const series = habitScores(habit, values, day, opts);
  return series.scores.length > 0 ? series.scores[series.scores.length - 1]! : 0;
}

// ---------------------------------------------------------------------------------------------
// Heatmap

export interface HeatmapCell {
  day: Day;
  value: number;
  /** 0 = nothing, 1..4 increasing intensity (relative to `reference`). */
  level: 0 | 1 | 2 | 3 | 4;
  /** Met the day's bar (habit) or has a value (plain series). */
  done: boolean;
  skipped: boolean;
  /** Column (week number from the first cell's week) and row (0 = first weekday) for a grid. */
  week: number;
  weekday: number;
}

/**
 * Per-day intensity for [from, to] (a year, typically). Levels scale against `reference`: the
 * habit's daily bar when it has one (threshold or a per-day amount), else the largest value in range.
 */
export function heatmap(
  values: ReadonlyMap<Day, number>,
  from: Day,
  to: Day,
  opts: {
    reference?: number;
    isDone?: (value: number | undefined, day: Day) => boolean;
    skips?: ReadonlySet<Day>;
    weekStartsOn?: Weekday;
  } = {},
): HeatmapCell[] {
  const weekStartsOn = opts.weekStartsOn ?? DEFAULT_WEEK_STARTS_ON;
  const a = dayToNum(from);
  const b = dayToNum(to);
  let reference = opts.reference ?? 0;
  if (!(reference > 0)) {
    for (let n = a; n <= b; n++) reference = Math.max(reference, values.get(numToDay(n)) ?? 0);
  }
  const firstWeekStart = dayToNum(startOfWeek(from, weekStartsOn));
  const cells: HeatmapCell[] = [];
  for (let n = a; n <= b; n++) {
    const day = numToDay(n);
    const v = values.get(day);
    const value = v ?? 0;
    let level: HeatmapCell['level'] = 0;
    if (value > 0 && reference > 0) {
      level = Math.min(4, Math.max(1, Math.ceil((value / reference) * 4))) as HeatmapCell['level'];
    }
    cells.push({
      day,
      value,
      level,
      done: opts.isDone ? opts.isDone(v, day) : value > 0,
      skipped: opts.skips?.has(day) ?? false,
      week: Math.floor((n - firstWeekStart) / 7),
      weekday: (weekdayOf(day) - weekStartsOn + 7) % 7,
    });
  }
  return cells;
}

/** A habit's completion heatmap: levels against its daily bar, `done` per its schedule. */
export function habitHeatmap(
  habit: HabitDefinition,
  values: ReadonlyMap<Day, number>,
  from: Day,
  to: Day,
  opts: HabitOptions = {},
): HeatmapCell[] {
  const s = habit.schedule;
  const reference =
    s.type === 'atLeast' && s.per === 'day'
      ? s.amount
      : s.type === 'atMost' && s.per === 'day'
        ? s.limit
        : s.type === 'atMost' || s.type === 'atLeast'
          ? undefined
          : (habit.threshold ?? 1);
  return heatmap(values, from, to, {
    ...(reference !== undefined ? { reference } : {}),
    isDone: (v) => isDoneDay(habit, v),
    ...(opts.skips ? { skips: opts.skips } : {}),
    ...(opts.weekStartsOn !== undefined ? { weekStartsOn: opts.weekStartsOn } : {}),
  });
}

export interface HabitSummary {
  habit: HabitDefinition;
  streaks: HabitStreaks;
  /** Loop strength today, 0..1. */
  score: number;
  /** The period containing today. */
  currentPeriod?: HabitPeriod;
  /** Whether today is already done (for check-in lists). */
  doneToday: boolean;
}

export function summarizeHabit(
  habit: HabitDefinition,
  values: ReadonlyMap<Day, number>,
  today: Day,
  opts: HabitOptions = {},
): HabitSummary {
  const periods = habitPeriods(habit, values, today, opts);
  const summary: HabitSummary = {
    habit,
    streaks: habitStreaks(periods, scheduleUnit(habit.schedule)),
    score: habitScore(habit, values, today, opts),
    doneToday: isDoneDay(habit, values.get(today)),
  };
  const last = periods[periods.length - 1];
  if (last) summary.currentPeriod = last;
  return summary;
}
