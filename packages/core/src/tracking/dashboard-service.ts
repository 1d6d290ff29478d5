import type { CoreContext } from '../app/context';
import type { DashboardDto, DashboardRange, GoalDto, MetricSummaryDto, SeriesDto, TodayDto } from '../contract/tracking';
import { activityRegistry, resolveSource } from '../stamps';
import { today as todayOf, weekStartsOn } from './db';
import { goalDto, goalRows, habitDefs, habitDto, habitState, listGoals } from './habits-service';
import {
  computeDashboard,
  dayToNum,
  eachDay,
  endOfMonth,
  formatMetricValue,
  metricBounds,
  monthKey,
  monthName,
  startOfMonth,
  startOfWeek,
  startOfYear,
  addDays,
  type Day,
  type MetricDefinition,
  type MetricSummary,
} from './logic';
import { dayValues, listMetrics, metricDefs, rawValues } from './metrics-service';
import { totalsDto as spendTotalsDto, rawSpend } from './spend-service';
import { openTasks, taskDtos, tasksDoneBetween } from './tasks-service';
import { getTimer, rawBlocks, totalsDto as timeTotalsDto } from './time-service';

export function rangeFor(range: DashboardRange, anchor: Day, wso: number): { from: Day; to: Day } {
  switch (range) {
    case 'week': {
      const from = startOfWeek(anchor, wso as 0);
      return { from, to: addDays(from, 6) };
    }
    case 'month':
      return { from: startOfMonth(anchor), to: endOfMonth(anchor) };
    case 'year':
      return { from: startOfYear(anchor), to: `${anchor.slice(0, 4)}-12-31` };
  }
}

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function metricSummaryDto(def: MetricDefinition, m: MetricSummary): MetricSummaryDto {
  const headline =
    m.headline === null
      ? null
      : m.aggregate === 'avg' && def.kind !== 'duration'
        ? round(m.headline)
        : Math.round(m.headline * 100) / 100;
  let headlineText = 'No values yet';
  if (headline !== null) {
    headlineText =
      m.aggregate === 'avg'
        ? `${def.kind === 'duration' ? formatMetricValue(def, Math.round(headline)) : String(round(headline, 1))} avg`
        : def.kind === 'boolean'
          ? `${headline} of ${m.count} days`
          : formatMetricValue(def, headline);
  }
  return {
    id: m.id,
    name: m.name,
    kind: m.kind,
    unit: def.unit ?? null,
    aggregate: m.aggregate,
    bounds: (() => {
      const b = metricBounds(def);
      return { min: Number.isFinite(b.min) ? b.min : null, max: Number.isFinite(b.max) ? b.max : null };
    })(),
    total: m.total,
    count: m.count,
    average: m.average === null ? null : round(m.average, 3),
    min: m.min,
    max: m.max,
    headline,
    headlineText,
    series: m.series,
  };
}

/** A source's daily totals over the days of a range, as one slot per day. */
function seriesOf(ctx: CoreContext, source: string, measure: 'count' | 'sum', days: readonly Day[]): SeriesDto {
  const registry = activityRegistry(ctx);
  const available = registry.isAvailable(source);
  const series = new Array<number>(days.length).fill(0);
  let total = 0;
  if (available && days.length > 0) {
    const base = dayToNum(days[0]!);
    for (const t of registry.dailyTotals(source, days[0]!, days[days.length - 1]!)) {
      const v = measure === 'count' ? t.count : t.sum;
      series[dayToNum(t.day) - base] = v;
      total += v;
    }
  }
  return { available, total, series };
}

function pearson(points: readonly { x: number; y: number }[]): number | null {
  const n = points.length;
  if (n < 3) return null;
  let sx = 0;
  let sy = 0;
  for (const p of points) {
    sx += p.x;
    sy += p.y;
  }
  const mx = sx / n;
  const my = sy / n;
  let cov = 0;
  let vx = 0;
  let vy = 0;
  for (const p of points) {
    cov += (p.x - mx) * (p.y - my);
    vx += (p.x - mx) ** 2;
    vy += (p.y - my) ** 2;
  }
  if (vx === 0 || vy === 0) return null;
  return round(cov / Math.sqrt(vx * vy), 3);
}

function correlation(
  ctx: CoreContext,
  from: Day,
  to: Day,
  want: { x: string; y: string } | undefined,
  hasProductivity: boolean,
): DashboardDto['correlation'] {
  const registry = activityRegistry(ctx);
  const x = want?.x ?? (hasProductivity ? 'metric:productivity' : 'time.focus');
  const y = want?.y ?? 'metric:mood';
  const label = (s: string) => {
    const r = resolveSource(s, registry);
    const base = r.ok ? r.info.label : s;
    return r.ok && r.info.sumUnit === 'minutes' ? `${base} (hours)` : base;
  };
  const valuesOf = (s: string) => {
    const r = resolveSource(s, registry);
    const hours = r.ok && r.info.sumUnit === 'minutes';
    const count = r.ok && r.info.sumUnit === 'none';
    const m = new Map<Day, number>();
    for (const t of registry.dailyTotals(s, from, to)) m.set(t.day, count ? t.count : hours ? round(t.sum / 60, 2) : t.sum);
    return m;
  };
  const xs = valuesOf(x);
  const ys = valuesOf(y);
  const points: { day: string; x: number; y: number }[] = [];
  for (const [day, xv] of xs) {
    const yv = ys.get(day);
    if (yv !== undefined) points.push({ day, x: xv, y: yv });
  }
  points.sort((a, b) => (a.day < b.day ? -1 : 1));
  return { x: { source: x, label: label(x) }, y: { source: y, label: label(y) }, points, r: pearson(points) };
}

export interface DashboardRequest {
  range: DashboardRange;
  anchor?: string | undefined;
  correlate?: { x: string; y: string } | undefined;
}

/**
 * The dashboard's numbers for a week, a month or a year. Every total is a plain SUM over the raw
 * rows of the range (what `folio sql` gives); averages are over logged days.
 */
export function dashboard(ctx: CoreContext, req: DashboardRequest): DashboardDto {
  return activityRegistry(ctx).batch(() => dashboardIn(ctx, req));
}

function dashboardIn(ctx: CoreContext, req: DashboardRequest): DashboardDto {
  const today = todayOf(ctx);
  const wso = weekStartsOn(ctx);
  const { from, to } = rangeFor(req.range, req.anchor ?? today, wso);
  const defs = metricDefs(ctx, { includeArchived: false });
  const habits = habitDefs(ctx, false).map((habit) => {
    // Periods and scores over the whole history, kept between calls until the habit's data changes.
    const { values, skips, periods, scores } = habitState(ctx, habit, today);
    return { habit, values, skips, periods, scores };
  });
  const open = openTasks(ctx);
  const done = tasksDoneBetween(ctx, from, to);
  const blocks = rawBlocks(ctx, from, to);
  const data = computeDashboard({
    from,
    to,
    today,
    weekStartsOn: wso,
    metrics: defs,
    metricValues: rawValues(ctx, from, to),
    habits,
    timeBlocks: blocks,
    // Done tasks are matched on their local done day, not the UTC timestamp.
    tasks: [...open, ...done.map((t) => ({ ...t, doneAt: `${t.doneDay ?? t.doneAt!.slice(0, 10)}T12:00:00` }))],
    spend: rawSpend(ctx, from, to),
  });
  const days = eachDay(from, to);
  const buckets =
    req.range === 'year'
      ? Array.from({ length: 12 }, (_, i) => {
          const m = `${from.slice(0, 4)}-${String(i + 1).padStart(2, '0')}`;
          return { key: m, label: monthName(i + 1).slice(0, 3), from: `${m}-01`, to: endOfMonth(`${m}-01`) };
        })
      : days.map((d) => ({
          key: d,
          label:
            req.range === 'week'
              ? new Date(`${d}T12:00:00Z`).toLocaleDateString('en', { weekday: 'short', timeZone: 'UTC' })
              : String(Number(d.slice(8))),
          from: d,
          to: d,
        }));
  const byBucket = buckets.map((b) => ({ key: b.key, minutes: {} as Record<string, number> }));
  const bucketIndex = new Map<string, number>();
  buckets.forEach((b, i) => bucketIndex.set(b.key, i));
  for (const blk of blocks) {
    const i = bucketIndex.get(req.range === 'year' ? monthKey(blk.day) : blk.day);
    if (i === undefined) continue;
    const m = byBucket[i]!.minutes;
    m[blk.category] = (m[blk.category] ?? 0) + (blk.end - blk.start);
  }
  const defById = new Map(defs.map((d) => [d.id, d]));
  // Goals of the months the range covers.
  const months = new Set(days.map(monthKey));
  const goals: GoalDto[] = [];
  for (const month of [...months].sort()) for (const g of goalRows(ctx, month)) goals.push(goalDto(ctx, g, today));
  const paperGoalMonth = monthKey(today >= from && today <= to ? today : to);
  const papersGoal =
    goals.find((g) => g.source === 'papers.finished' && g.month === paperGoalMonth) ??
    goals.find((g) => g.source === 'papers.finished') ??
    null;
  return {
    range: req.range,
    from,
    to,
    today,
    days,
    buckets,
    metrics: data.metrics.map((m) => metricSummaryDto(defById.get(m.id)!, m)),
    habits: data.habits.map((h) => ({
      id: h.id,
      name: h.name,
      score: round(h.score, 3),
      streaks: { ...h.streaks },
      periodsMet: h.periodsMet,
      periodsDecided: h.periodsDecided,
      heatmap: h.heatmap ?? [],
    })),
    time: {
      ...timeTotalsDto(ctx, blocks),
      productiveByDay: data.time.productiveByDay,
      totalByDay: data.time.totalByDay,
      byBucket,
    },
    tasks: {
      open: data.tasks.open,
      overdue: data.tasks.overdue,
      doneInRange: data.tasks.doneInRange,
      next: data.tasks.next ? (taskDtos(ctx, [open.find((t) => t.id === data.tasks.next!.id)!], open)[0] ?? null) : null,
    },
    spend: spendTotalsDto(data.spend),
    goals,
    words: seriesOf(ctx, 'journal.words', 'sum', days),
    papers: { ...seriesOf(ctx, 'papers.finished', 'count', days), goal: papersGoal },
    correlation: correlation(ctx, from, to, req.correlate, defById.has('productivity')),
  };
}

/** Today at a glance: the check-in, habits due, the top tasks, the timer and this month's goals. */
export function todayPanel(ctx: CoreContext): TodayDto {
  const day = todayOf(ctx);
  const values = dayValues(ctx, day);
  const habits = habitDefs(ctx, false).map((h) => habitDto(ctx, h, day));
  const open = openTasks(ctx);
  const ordered = taskDtos(ctx, open, open).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  return {
    date: day,
    metrics: listMetrics(ctx),
    values: values.values,
    inputs: values.inputs,
    habitsDue: habits.filter((h) => h.due),
    habitsDone: habits.filter((h) => !h.due),
    topTasks: ordered.slice(0, 3),
    openTasks: ordered.length,
    timer: getTimer(ctx),
    goals: listGoals(ctx, monthKey(day)),
  };
}
