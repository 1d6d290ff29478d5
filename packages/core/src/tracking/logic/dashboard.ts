import { dayToNum, numToDay, type Day, type Weekday } from './dates';
import { goalProgress, type GoalProgress, type MonthlyGoal } from './goals';
import {
  habitHeatmap,
  habitPeriods,
  habitScore,
  habitStreaks,
  scheduleUnit,
  type HabitDefinition,
  type HabitPeriod,
  type HabitScoreSeries,
  type HabitStreaks,
  type HeatmapCell,
} from './habits';
import { metricAggregate, type MetricAggregate, type MetricDefinition, type MetricKind, type MetricValue } from './metrics';
import { spendTotals, type CurrencyTotals, type SpendEntry } from './spend';
import { isOverdue, nextTask, type Task } from './tasks';
import { timeTotals, type TimeBlock, type TimeTotals } from './timelog';

/**
 * The dashboard's numbers for a range of days (a week, a month, a year). Every total is a plain
 * sum of stored values, so it equals `SELECT SUM(value) … WHERE day BETWEEN from AND to` in
 * `folio sql`; averages are that sum over the number of logged days (COUNT(*)), never over
 * calendar days.
 */
export interface DashboardInput {
  from: Day;
  to: Day;
  today: Day;
  metrics: readonly MetricDefinition[];
  /** Values in [from, to]; others are ignored. */
  metricValues: Iterable<MetricValue>;
  /**
   * Each habit with its full daily history (the score and streaks need it). `periods` (up to `today`)
   * and `scores` (Loop's score per day up to `today`) may come precomputed, as habitPeriods and
   * habitScores give them with the same options; they are computed here otherwise.
   */
  habits?: readonly {
    habit: HabitDefinition;
    values: ReadonlyMap<Day, number>;
    skips?: ReadonlySet<Day>;
    periods?: readonly HabitPeriod[];
    scores?: HabitScoreSeries;
  }[];
  /** First day of the week for habit periods and heatmap rows. Default Monday. */
  weekStartsOn?: Weekday;
  /** Blocks in [from, to]. */
  timeBlocks?: Iterable<TimeBlock>;
  tasks?: readonly Task[];
  spend?: Iterable<SpendEntry>;
  goals?: readonly { goal: MonthlyGoal; values: ReadonlyMap<Day, number> }[];
  /** Include per-day heatmap cells for habits (year view). Default true. */
  heatmaps?: boolean;
}

export interface MetricSummary {
  id: string;
  name: string;
  kind: MetricKind;
  aggregate: MetricAggregate;
  /** SUM(value). */
  total: number;
  /** COUNT(*): logged days. */
  count: number;
  /** total / count, null when nothing was logged. */
  average: number | null;
  min: number | null;
  max: number | null;
  /** What the card shows: the total or the average, per the metric's aggregate. */
  headline: number | null;
  /** One slot per day of the range, null when not logged. */
  series: (number | null)[];
}

export interface HabitCard {
  id: string;
  name: string;
  score: number;
  streaks: HabitStreaks;
  /** Periods in the range that were met / decided (pending ones excluded). */
  periodsMet: number;
  periodsDecided: number;
  heatmap?: HeatmapCell[];
}

export interface DashboardData {
  from: Day;
  to: Day;
  days: number;
  metrics: MetricSummary[];
  habits: HabitCard[];
  time: TimeTotals & { productiveByDay: number[]; totalByDay: number[] };
  tasks: { open: number; overdue: number; doneInRange: number; next: Task | null };
  spend: CurrencyTotals[];
  goals: GoalProgress[];
}

export function computeDashboard(input: DashboardInput): DashboardData {
  const a = dayToNum(input.from);
  const b = dayToNum(input.to);
  const days = Math.max(0, b - a + 1);

  const index = new Map<string, number>();
  const metrics: MetricSummary[] = input.metrics.map((def, i) => {
    index.set(def.id, i);
    return {
      id: def.id,
      name: def.name,
      kind: def.kind,
      aggregate: metricAggregate(def),
      total: 0,
      count: 0,
      average: null,
      min: null,
      max: null,
      headline: null,
      series: new Array<number | null>(days).fill(null),
    };
  });
  for (const v of input.metricValues) {
    if (v.date < input.from || v.date > input.to) continue;
    const i = index.get(v.metricId);
    if (i === undefined) continue;
    const m = metrics[i]!;
    m.total += v.value;
    m.count++;
    m.min = m.min === null ? v.value : Math.min(m.min, v.value);
    m.max = m.max === null ? v.value : Math.max(m.max, v.value);
    m.series[dayToNum(v.date) - a] = v.value;
  }
  for (const m of metrics) {
    m.average = m.count > 0 ? m.total / m.count : null;
    m.headline = m.count === 0 ? null : m.aggregate === 'avg' ? m.average : m.total;
  }

  const habits: HabitCard[] = (input.habits ?? []).map(({ habit, values, skips, periods, scores }) => {
    const opts = {
      ...(skips ? { skips } : {}),
      ...(input.weekStartsOn !== undefined ? { weekStartsOn: input.weekStartsOn } : {}),
    };
    const all = periods ?? habitPeriods(habit, values, input.today, opts);
    const inRange = all.filter((p) => p.end >= input.from && p.start <= input.to);
    const scoreDay = input.to < input.today ? input.to : input.today;
    const card: HabitCard = {
      id: habit.id,
      name: habit.name,
      score: (scores && scoreOn(scores, scoreDay)) ?? habitScore(habit, values, scoreDay, opts),
      streaks: habitStreaks(all, scheduleUnit(habit.schedule)),
      periodsMet: inRange.filter((p) => p.status === 'met').length,
      periodsDecided: inRange.filter((p) => p.status === 'met' || p.status === 'missed').length,
    };
    if (input.heatmaps ?? true) card.heatmap = habitHeatmap(habit, values, input.from, input.to, opts);
    return card;
  });

  const productiveByDay = new Array<number>(days).fill(0);
  const totalByDay = new Array<number>(days).fill(0);
  const blocks: TimeBlock[] = [];
  for (const blk of input.timeBlocks ?? []) {
    if (blk.day < input.from || blk.day > input.to) continue;
    blocks.push(blk);
    const i = dayToNum(blk.day) - a;
    totalByDay[i]! += blk.end - blk.start;
    if (blk.productive) productiveByDay[i]! += blk.end - blk.start;
  }

  const tasks = input.tasks ?? [];
  const fromIso = input.from;
  const toIso = `${input.to}\uffff`;
  return {
    from: input.from,
    to: input.to,
    days,
    metrics,
    habits,
    time: { ...timeTotals(blocks), productiveByDay, totalByDay },
    tasks: {
      open: tasks.filter((t) => !t.doneAt).length,
      overdue: tasks.filter((t) => isOverdue(t, input.today)).length,
      doneInRange: tasks.filter((t) => t.doneAt && t.doneAt >= fromIso && t.doneAt <= toIso).length,
      next: nextTask(tasks),
    },
    spend: spendTotals(input.spend ?? [], { from: input.from, to: input.to }),
    goals: (input.goals ?? []).map(({ goal, values }) => goalProgress(goal, values, input.today)),
  };
}

/** A score series' value on `day`, as habitScore gives it (0 before the series starts); undefined past its end. */
function scoreOn(series: HabitScoreSeries, day: Day): number | undefined {
  const i = dayToNum(day) - dayToNum(series.from);
  if (i < 0) return 0;
  return i < series.scores.length ? series.scores[i]! : undefined;
}

/** The days of a range, for labelling a series. */
export function rangeDays(from: Day, to: Day): Day[] {
  const out: Day[] = [];
  for (let n = dayToNum(from); n <= dayToNum(to); n++) out.push(numToDay(n));
  return out;
}
