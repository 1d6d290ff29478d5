// Tracking dashboard and stamp evaluation over ten years of generated data, in memory.
// The ActivitySource here is MemoryActivitySource (sorted arrays); the lead re-runs the same
// measurements over SQLite. Figures: dashboard for a week and a year, stamps after one event.
import { pathToFileURL } from 'node:url';
import {
  addDays,
  computeDashboard,
  dayToNum,
  DEFAULT_METRICS,
  eachDay,
  habitPeriods,
  metricBounds,
  type DashboardInput,
  type Day,
  type HabitDefinition,
  type MetricValue,
  type SpendEntry,
  type Task,
  type TimeBlock,
} from '../packages/core/src/tracking/logic/index';
import {
  evaluateStamps,
  eventSources,
  MemoryActivitySource,
  type DayTotal,
  type StampDefinition,
  type StampState,
} from '../packages/core/src/stamps/engine/index';
import { STARTER_STAMPS } from '../packages/core/src/stamps/starter/index';
import { ms, summarize } from './stats';

const TODAY: Day = '2026-06-30';
const YEARS = 10;

/** Deterministic PRNG (mulberry32) so every run measures the same data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Dataset {
  days: Day[];
  metricValues: MetricValue[];
  blocks: TimeBlock[];
  tasks: Task[];
  spend: SpendEntry[];
  habits: HabitDefinition[];
  activity: MemoryActivitySource;
  counts: Record<string, number>;
}

const CATEGORIES = [
  { id: 'research', productive: true },
  { id: 'writing', productive: true },
  { id: 'coding', productive: true },
  { id: 'side-project', productive: true },
  { id: 'break', productive: false },
  { id: 'leisure', productive: false },
];

function generate(): Dataset {
  const r = rng(42);
  const from = addDays(TODAY, -Math.round(365.25 * YEARS) + 1);
  const days = eachDay(from, TODAY);
  const metricInfos = DEFAULT_METRICS.map((d) => ({ id: d.id, name: d.name, kind: d.kind, ...metricBounds(d) }));
  const activity = new MemoryActivitySource({ metrics: metricInfos, journalKinds: ['note', 'weeklyReview'] });
  const metricValues: MetricValue[] = [];
  const blocks: TimeBlock[] = [];
  const tasks: Task[] = [];
  const spend: SpendEntry[] = [];
  let id = 0;
  const put = (date: Day, metricId: string, value: number) => {
    metricValues.push({ date, metricId, value });
    activity.setMetric(metricId, date, value);
  };
  for (const day of days) {
    if (r() < 0.9) {
      put(day, 'productivity', Math.round(120 + r() * 360));
      put(day, 'screen_time', Math.round(30 + r() * 240));
      put(day, 'mood', 1 + Math.floor(r() * 5));
      put(day, 'sleep', Math.round(330 + r() * 180));
      put(day, 'vegetables', Math.floor(r() * 4));
      put(day, 'workout', r() < 0.45 ? 1 : 0);
    }
    // Time log: about six blocks from 08:00.
    let t = 8 * 60;
    const n = 4 + Math.floor(r() * 5);
    for (let i = 0; i < n && t < 22 * 60; i++) {
      const c = CATEGORIES[Math.floor(r() * CATEGORIES.length)]!;
      const len = 15 + Math.floor(r() * 120);
      const b: TimeBlock = {
        day,
        start: t,
        end: Math.min(t + len, 1440),
        label: c.id,
        tags: [c.id],
        category: c.id,
        productive: c.productive,
        source: 'log',
      };
      blocks.push(b);
      const blockId = `b${id++}`;
      const minutes = b.end - b.start;
      activity.add('time.total', day, { type: 'timeBlock', id: blockId, amount: minutes });
      activity.add(`time.category:${c.id}`, day, { type: 'timeBlock', id: blockId, amount: minutes });
      if (c.productive) activity.add('time.focus', day, { type: 'timeBlock', id: blockId, amount: minutes });
      t = b.end + Math.floor(r() * 30);
    }
    // Journal, papers, reading, tasks, spend.
    if (r() < 0.8) {
      const e = `e${id++}`;
      const words = 100 + Math.floor(r() * 900);
      activity.add('journal.entry', day, { type: 'entry', id: e });
      activity.add('journal.words', day, { type: 'entry', id: e, amount: words });
      activity.add('journal.kind:note', day, { type: 'entry', id: e });
    }
    if (dayToNum(day) % 7 === 3) {
      const e = `e${id++}`;
      activity.add('journal.entry', day, { type: 'entry', id: e });
      activity.add('journal.weeklyReview', day, { type: 'entry', id: e });
      activity.add('journal.kind:weeklyReview', day, { type: 'entry', id: e });
    }
    if (r() < 0.5) activity.add('papers.added', day, { type: 'paper', id: `p${id++}` });
    if (r() < 0.3) activity.add('papers.finished', day, { type: 'paper', id: `p${id++}` });
    for (let i = Math.floor(r() * 4); i > 0; i--) activity.add('papers.highlight', day, { type: 'highlight', id: `h${id++}` });
    if (r() < 0.6) activity.add('reading.minutes', day, { type: 'paper', id: `p${id++}`, amount: 10 + Math.floor(r() * 80) });
    for (let i = Math.floor(r() * 3); i > 0; i--) {
      const priority = (['high', 'medium', 'low'] as const)[Math.floor(r() * 3)]!;
      const task: Task = { id: `t${id++}`, title: 'task', priority, createdAt: `${day}T08:00:00Z`, doneAt: `${day}T17:00:00Z` };
      tasks.push(task);
      activity.add('tasks.done', day, { type: 'task', id: task.id });
      if (priority === 'high') activity.add('tasks.doneHigh', day, { type: 'task', id: task.id });
    }
    if (r() < 0.1) {
      const s: SpendEntry = {
        id: `s${id++}`,
        amountMinor: 100 + Math.floor(r() * 50_000),
        currency: r() < 0.8 ? 'USD' : 'EUR',
        project: `P${Math.floor(r() * 5)}`,
        category: ['EMPIRICAL', 'ENGINEERING', 'METHODOLOGY'][Math.floor(r() * 3)]!,
        date: day,
      };
      spend.push(s);
      activity.add('spend.entry', day, { type: 'spend', id: s.id });
    }
  }
  for (let i = 0; i < 40; i++)
    tasks.push({
      id: `open${i}`,
      title: 'open',
      priority: 'medium',
      createdAt: `${TODAY}T08:00:00Z`,
      due: addDays(TODAY, i - 10),
    });

  const start = days[0]!;
  const habits: HabitDefinition[] = [
    {
      id: 'journal',
      name: 'Journal',
      schedule: { type: 'daily' },
      source: { type: 'activity', source: 'journal.entry', measure: 'count' },
      startDate: start,
    },
    {
      id: 'workout',
      name: 'Workout',
      schedule: { type: 'perWeek', times: 3 },
      source: { type: 'activity', source: 'metric:workout', measure: 'sum' },
      startDate: start,
    },
    {
      id: 'veg',
      name: 'A vegetable a day',
      schedule: { type: 'daily' },
      source: { type: 'activity', source: 'metric:vegetables', measure: 'sum' },
      startDate: start,
    },
    {
      id: 'screens',
      name: 'Screens under 2 h',
      schedule: { type: 'atMost', limit: 120, per: 'day' },
      source: { type: 'activity', source: 'metric:screen_time', measure: 'sum' },
      startDate: start,
    },
    {
      id: 'side',
      name: 'Side project 2 h',
      schedule: { type: 'atLeast', amount: 120, per: 'day' },
      source: { type: 'activity', source: 'time.category:side-project', measure: 'sum' },
      startDate: start,
    },
    {
      id: 'papers',
      name: '10 papers a month',
      schedule: { type: 'perMonth', times: 10 },
      source: { type: 'activity', source: 'papers.finished', measure: 'count' },
      startDate: start,
    },
  ];
  for (const h of habits) {
    const src = h.source as { source: string; measure: 'count' | 'sum' };
    activity.defineHabit({
      id: h.id,
      name: h.name,
      periods: (to) => habitPeriods(h, valuesOf(activity.dailyTotals(src.source, start, to), src.measure), to),
    });
    for (const p of habitPeriods(h, valuesOf(activity.dailyTotals(src.source, start, TODAY), src.measure), TODAY)) {
      for (const d of p.days) activity.add(`habit:${h.id}`, d, { type: 'habit', id: `${h.id}:${d}` });
    }
  }
  return {
    days,
    metricValues,
    blocks,
    tasks,
    spend,
    habits,
    activity,
    counts: {
      days: days.length,
      metricValues: metricValues.length,
      timeBlocks: blocks.length,
      tasks: tasks.length,
      spend: spend.length,
    },
  };
}

function valuesOf(totals: readonly DayTotal[], measure: 'count' | 'sum'): Map<Day, number> {
  const m = new Map<Day, number>();
  for (const t of totals) m.set(t.day, measure === 'count' ? t.count : t.sum);
  return m;
}

/** Binary-search slice of a date-sorted array: what an indexed range query returns. */
function range<T>(rows: readonly T[], key: (t: T) => Day, from: Day, to: Day): T[] {
  const lb = (d: Day) => {
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (key(rows[mid]!) < d) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return rows.slice(lb(from), lb(`${to}\uffff`));
}

function dashboardInput(ds: Dataset, from: Day, to: Day): DashboardInput {
  const start = ds.days[0]!;
  return {
    from,
    to,
    today: TODAY,
    metrics: DEFAULT_METRICS,
    metricValues: range(ds.metricValues, (v) => v.date, from, to),
    timeBlocks: range(ds.blocks, (b) => b.day, from, to),
    spend: range(ds.spend, (s) => s.date, from, to),
    tasks: ds.tasks.filter((t) => !t.doneAt || (t.doneAt >= from && t.doneAt <= `${to}\uffff`)),
    habits: ds.habits.map((habit) => {
      const src = habit.source as { source: string; measure: 'count' | 'sum' };
      // Habit strength needs the full history (Loop's score is cumulative).
      return { habit, values: valuesOf(ds.activity.dailyTotals(src.source, start, TODAY), src.measure) };
    }),
  };
}

/** Extra user stamps that stay locked over the generated data, so they are really evaluated. */
const HARD_STAMPS: StampDefinition[] = [
  ['papers-10k', { kind: 'count', source: 'papers.finished', target: 10_000 }],
  ['papers-60-month', { kind: 'count', source: 'papers.finished', target: 60, window: { type: 'calendarMonth' } }],
  ['journal-1000', { kind: 'streak', source: 'journal.entry', days: 1000 }],
  ['words-10m', { kind: 'total', source: 'journal.words', unit: 'words', target: 10_000_000 }],
  ['focus-100k', { kind: 'total', source: 'time.focus', unit: 'hours', target: 100_000 }],
  ['focus-week-90', { kind: 'total', source: 'time.focus', unit: 'hours', target: 90, window: { type: 'calendarWeek' } }],
  ['veg-365', { kind: 'dailyMetric', metric: 'vegetables', op: '>=', value: 1, days: 365 }],
  ['sleep-60', { kind: 'dailyMetric', metric: 'sleep', op: '>=', value: 480, days: 60 }],
  ['mood-5-month', { kind: 'periodMetric', metric: 'mood', period: 'month', aggregate: 'avg', op: '>=', value: 4.8 }],
  ['workout-52', { kind: 'streak', source: 'metric:workout', weeks: 52, atLeast: 5, measure: 'sum' }],
  ['habit-journal-500', { kind: 'habit', habit: 'journal', periods: 500 }],
  ['habit-workout-100', { kind: 'habit', habit: 'workout', periods: 100 }],
  ['tasks-100k', { kind: 'count', source: 'tasks.done', target: 100_000 }],
  [
    'reading-rolling',
    { kind: 'total', source: 'reading.minutes', unit: 'hours', target: 200, window: { type: 'rollingDays', days: 30 } },
  ],
].map(([id, rule]) => ({
  id: id as string,
  name: id as string,
  description: '',
  rule: rule as StampDefinition['rule'],
  art: { type: 'pixel', spec: { text: id as string } },
}));

function time<T>(fn: () => T, reps: number, warm = 3): { value: T; samples: number[] } {
  let value = fn();
  for (let i = 0; i < warm; i++) value = fn();
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    value = fn();
    samples.push(performance.now() - t0);
  }
  return { value, samples };
}

export async function run(): Promise<Record<string, number | string>> {
  const t0 = performance.now();
  const ds = generate();
  const genMs = performance.now() - t0;

  const week = time(() => computeDashboard(dashboardInput(ds, addDays(TODAY, -6), TODAY)), 30);
  const year = time(() => computeDashboard(dashboardInput(ds, addDays(TODAY, -364), TODAY)), 15);
  const yearNoHabits = time(() => computeDashboard({ ...dashboardInput(ds, addDays(TODAY, -364), TODAY), habits: [] }), 15);

  // Cross-check: dashboard totals equal plain sums over the raw rows (what `folio sql` gives).
  const yFrom = addDays(TODAY, -364);
  const rawSleep = ds.metricValues.filter((v) => v.metricId === 'sleep' && v.date >= yFrom).reduce((s, v) => s + v.value, 0);
  const rawFocus = ds.blocks.filter((b) => b.productive && b.day >= yFrom).reduce((s, b) => s + b.end - b.start, 0);
  const check =
    year.value.metrics.find((m) => m.id === 'sleep')!.total === rawSleep && year.value.time.productive === rawFocus
      ? 'ok'
      : 'MISMATCH';

  const stamps = [...STARTER_STAMPS, ...HARD_STAMPS];
  const ctx = { activity: ds.activity, asOf: TODAY, from: ds.days[0]! };
  const cold = time(() => evaluateStamps(stamps, new Map<string, StampState>(), ctx), 10, 1);
  const baseline = cold.value.states;

  // One new event: today's vegetables (touches metric rules), a focused time block (touches time rules).
  ds.activity.setMetric('vegetables', TODAY, 3);
  const vegEvent = time(
    () => evaluateStamps(stamps, baseline, ctx, { sources: eventSources.metric('vegetables'), day: TODAY }),
    200,
  );
  ds.activity.add('time.focus', TODAY, { type: 'timeBlock', id: 'new', amount: 45 });
  ds.activity.add('time.total', TODAY, { type: 'timeBlock', id: 'new', amount: 45 });
  ds.activity.add('time.category:research', TODAY, { type: 'timeBlock', id: 'new', amount: 45 });
  const timeEvent = time(
    () => evaluateStamps(stamps, baseline, ctx, { sources: eventSources.timeBlock('research'), day: TODAY }),
    200,
  );
  const journalEvent = time(
    () =>
      evaluateStamps(stamps, baseline, ctx, {
        sources: [...eventSources.journalEntry({ kind: 'note' }), 'habit:journal'],
        day: TODAY,
      }),
    200,
  );

  const s = (x: { samples: number[] }) => summarize(x.samples);
  const earned = [...baseline.values()].filter((st) => st.earned).length;
  return {
    'data: days': ds.counts.days!,
    'data: metric values': ds.counts.metricValues!,
    'data: time blocks': ds.counts.timeBlocks!,
    'data: tasks': ds.counts.tasks!,
    'data: spend lines': ds.counts.spend!,
    'generate 10 years, ms': ms(genMs),
    'dashboard week p50, ms': ms(s(week).p50),
    'dashboard week p95, ms': ms(s(week).p95),
    'dashboard year p50, ms (target < 50)': ms(s(year).p50),
    'dashboard year p95, ms': ms(s(year).p95),
    'dashboard year without habits p50, ms': ms(s(yearNoHabits).p50),
    'dashboard totals = raw SQL-style sums': check,
    'stamps defined': stamps.length,
    'stamps earned over 10 years': earned,
    'stamps cold evaluation (all) p50, ms': ms(s(cold).p50),
    'stamps after metric event p50, ms (target < 5)': ms(s(vegEvent).p50),
    'stamps after metric event p95, ms': ms(s(vegEvent).p95),
    'stamps after time-block event p50, ms': ms(s(timeEvent).p50),
    'stamps after time-block event p95, ms': ms(s(timeEvent).p95),
    'stamps after journal event p50, ms': ms(s(journalEvent).p50),
    'stamps after journal event p95, ms': ms(s(journalEvent).p95),
    'stamps re-evaluated per metric event': vegEvent.value.updated.length,
    'stamps re-evaluated per time-block event': timeEvent.value.updated.length,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await run();
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(width)}  ${v}`);
}
