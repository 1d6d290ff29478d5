// Tracking dashboard and stamp evaluation over ten years of generated data (issue 5 §9): first in
// memory (MemoryActivitySource over sorted arrays, the pure logic alone), then over SQLite through the
// real handlers (a core on a temporary data folder: `tracking:dashboard`, stamps' incremental
// evaluation after real writes).
//
// Targets: a year's dashboard data under 50 ms, stamp evaluation after one event under 5 ms.
//
// Over SQLite every figure says what was in the caches when it was taken:
// - "repeat": the same call again with nothing written in between (a page refetching);
// - "after a write": one real write first (a metric value, a time log, a journal autosave, a paper
//   status; not timed), its stamps evaluated, then the call — what a page sees after `data:changed`;
// - "cold": the first call after the app starts (the core closed and opened again on the same data
//   folder: nothing in memory).
// "Stamps after an event" times the evaluation alone (`flushStamps`) after the real write and the
// event it sends; the handler's own write is not in the figure. Metric values are written as the
// tracking service writes them (the row plus its `activity:changed`), because `tracking:log` evaluates
// inside the call; the whole call is timed separately ("folio log call").
import os from 'node:os';
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
import { createCore, type Core } from '../packages/core/src/app/create-core';
import { migrationsFolder } from '../packages/core/src/paths';
import { makeTestCore } from '../packages/core/src/testing/core';
import { flushStamps } from '../packages/core/src/stamps/index';

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

export function generate(): Dataset {
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
export const HARD_STAMPS: StampDefinition[] = [
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

// ---------------------------------------------------------------------------------------------
// The same ten years over SQLite, through the handlers

type Call = <T = unknown>(name: string, payload: unknown) => Promise<T>;

function caller(core: Core): Call {
  return async <T>(name: string, payload: unknown) => {
    const r = await core.dispatch(name, payload);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value as T;
  };
}

/** Bulk-loads the generated data into the tracking, journal and papers tables (the columns the services write). */
export function load(core: Core, ds: Dataset): Record<string, number> {
  const db = core.context.store.sqlite;
  const now = `${TODAY}T12:00:00.000Z`;
  const counts: Record<string, number> = {};
  const first = ds.days[0]!;
  db.transaction(() => {
    const mv = db.prepare(`INSERT INTO metric_values (metric_id, date, value, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`);
    for (const v of ds.metricValues) mv.run(v.metricId, v.date, v.value, now, now);
    const tb = db.prepare(
      `INSERT INTO time_blocks (day, start_min, end_min, minutes, label, tags, category, productive, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'log', ?)`,
    );
    for (const b of ds.blocks)
      tb.run(b.day, b.start, b.end, b.end - b.start, b.label, JSON.stringify(b.tags), b.category, b.productive ? 1 : 0, now);
    const cat = db.prepare(
      `INSERT OR IGNORE INTO time_categories (id, name, productive, keywords, created_at, updated_at) VALUES (?, ?, ?, '[]', ?, ?)`,
    );
    for (const c of CATEGORIES) cat.run(c.id, c.id, c.productive ? 1 : 0, now, now);
    const tk = db.prepare(
      `INSERT INTO tasks (id, title, priority, due, created_at, updated_at, done_at, done_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const t of ds.tasks)
      tk.run(
        t.id,
        t.title,
        t.priority,
        t.due ?? null,
        t.createdAt,
        t.createdAt,
        t.doneAt ?? null,
        t.doneAt ? t.doneAt.slice(0, 10) : null,
      );
    const sp = db.prepare(
      `INSERT INTO spend_entries (id, amount_minor, currency, project, category, date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const e of ds.spend) sp.run(e.id, e.amountMinor, e.currency, e.project, e.category, e.date, now, now);
    // Journal entries, as the journal writes them (written, not template-fresh).
    const en = db.prepare(
      `INSERT INTO entries (id, kind, title, title_key, date, body, properties, word_count, created_at, updated_at, tz_offset_minutes, revision)
       VALUES (?, ?, ?, ?, ?, '', '{}', ?, ?, ?, 0, 2)`,
    );
    let entries = 0;
    const words = new Map(ds.activity.dailyTotals('journal.words', first, TODAY).map((t) => [t.day, t.sum]));
    const reviews = new Set(ds.activity.dailyTotals('journal.weeklyReview', first, TODAY).map((t) => t.day));
    for (const t of ds.activity.dailyTotals('journal.entry', first, TODAY)) {
      for (const it of ds.activity.items('journal.entry', [t.day], 10)) {
        const isReview = reviews.has(t.day) && ds.activity.items('journal.weeklyReview', [t.day], 1).some((r) => r.id === it.id);
        en.run(
          it.id,
          isReview ? 'weekly' : 'note',
          `Entry ${it.id}`,
          `entry ${it.id}`,
          t.day,
          isReview ? 0 : (words.get(t.day) ?? 0),
          now,
          now,
        );
        entries++;
      }
    }
    // Papers: one row per paper added; a finished paper is the oldest one added and not finished yet;
    // highlights and reading sessions on papers already added (the same daily counts as in memory).
    const paper = db.prepare(
      `INSERT INTO papers (id, title, title_key, status, status_at, added_at, added_day, updated_at) VALUES (?, ?, ?, 'queued', ?, ?, ?, ?)`,
    );
    const finish = db.prepare(`INSERT INTO paper_status_changes (paper_id, status, at, day) VALUES (?, 'read', ?, ?)`);
    const markRead = db.prepare(
      `UPDATE papers SET status = 'read', status_at = ?, finished_at = ?, finished_day = ? WHERE id = ?`,
    );
    const highlight = db.prepare(
      `INSERT INTO paper_annotations (id, paper_id, kind, page, rects, color, created_at, updated_at, day) VALUES (?, ?, 'highlight', 1, '[[0,0,10,10]]', 'yellow', ?, ?, ?)`,
    );
    const session = db.prepare(
      `INSERT INTO reading_sessions (session_id, day, paper_id, started_at, ended_at, active_ms) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const queue: string[] = [];
    const library: string[] = [];
    let papers = 0;
    let finished = 0;
    let highlights = 0;
    let sessions = 0;
    const addPaper = (id: string, day: Day) => {
      paper.run(id, `Paper ${id}`, `paper ${id}`, `${day}T09:00:00.000Z`, `${day}T09:00:00.000Z`, day, `${day}T09:00:00.000Z`);
      queue.push(id);
      library.push(id);
      papers++;
    };
    const byDay = (source: string) => new Map(ds.activity.dailyTotals(source, first, TODAY).map((t) => [t.day, t]));
    const added = byDay('papers.added');
    const done = byDay('papers.finished');
    const marks = byDay('papers.highlight');
    const reading = byDay('reading.minutes');
    for (const day of ds.days) {
      if (added.has(day)) for (const it of ds.activity.items('papers.added', [day], 100)) addPaper(it.id, day);
      if (done.has(day)) {
        for (let i = 0; i < done.get(day)!.count; i++) {
          if (queue.length === 0) addPaper(`q${papers}`, day);
          const id = queue.shift()!;
          finish.run(id, `${day}T18:00:00.000Z`, day);
          markRead.run(`${day}T18:00:00.000Z`, `${day}T18:00:00.000Z`, day, id);
          finished++;
        }
      }
      if (library.length === 0) continue;
      if (marks.has(day)) {
        for (const it of ds.activity.items('papers.highlight', [day], 100)) {
          highlight.run(it.id, library[highlights % library.length]!, `${day}T10:00:00.000Z`, `${day}T10:00:00.000Z`, day);
          highlights++;
        }
      }
      if (reading.has(day)) {
        const t = reading.get(day)!;
        session.run(
          `s${sessions}`,
          day,
          library[sessions % library.length]!,
          `${day}T20:00:00.000Z`,
          `${day}T21:00:00.000Z`,
          t.sum * 60_000,
        );
        sessions++;
      }
    }
    counts['metric values'] = ds.metricValues.length;
    counts['time blocks'] = ds.blocks.length;
    counts['tasks'] = ds.tasks.length;
    counts['spend lines'] = ds.spend.length;
    counts['journal entries'] = entries;
    counts['papers'] = papers;
    counts['papers finished'] = finished;
    counts['highlights'] = highlights;
    counts['reading sessions'] = sessions;
  })();
  return counts;
}

const loadAvg = () => Math.round(os.loadavg()[0]! * 100) / 100;

/** p50 and p95 of a list of samples, as figures. */
function figures(prefix: string, samples: number[], target?: string): Record<string, number> {
  const s = summarize(samples);
  return {
    [`${prefix} p50, ms${target ? ` (target ${target})` : ''}`]: ms(s.p50),
    [`${prefix} p95, ms`]: ms(s.p95),
  };
}

interface SqliteBench {
  core: Awaited<ReturnType<typeof makeTestCore>>;
  call: Call;
  counts: Record<string, number>;
  loadMs: number;
}

/** A core on a fresh data folder holding the ten years, six habits and the hard stamps. */
export async function openSqliteBench(ds: Dataset): Promise<SqliteBench> {
  const t0 = performance.now();
  const core = await makeTestCore({ now: () => new Date(`${TODAY}T12:00:00Z`) });
  const call = caller(core);
  await call('tracking:metrics', {}); // seeds the default metrics (foreign keys of the values)
  await call('stamps:list', {}); // seeds the starter stamps
  const counts = load(core, ds);
  // The same habits, through the handlers.
  const ids = new Map<string, string>();
  for (const h of ds.habits) {
    const saved = await call<{ id: string }>('tracking:habit-save', {
      name: h.name,
      schedule: h.schedule,
      source: h.source,
      startDate: h.startDate,
    });
    ids.set(h.id, saved.id);
  }
  for (const st of HARD_STAMPS) {
    const rule = st.rule.kind === 'habit' ? { ...st.rule, habit: ids.get(st.rule.habit)! } : st.rule;
    await call('stamps:save', { name: st.name, rule, art: { type: 'pixel', spec: { text: st.name.slice(0, 40) } } });
  }
  flushStamps(core.context);
  return { core, call, counts, loadMs: performance.now() - t0 };
}

async function runSqlite(ds: Dataset): Promise<Record<string, number | string>> {
  const opened = await openSqliteBench(ds);
  const { core, call, counts, loadMs } = opened;
  const ctx = core.context;
  const db = ctx.store.sqlite;
  /** The app starting again on the same data folder: a fresh core, nothing in memory. Time `fn` on it. */
  const afterRestart = async (reps: number, fn: (call: Call, fresh: Core) => Promise<unknown>): Promise<number[]> => {
    const out: number[] = [];
    for (let i = 0; i < reps; i++) {
      const fresh = await createCore({
        dataDir: opened.core.dataDir,
        migrationsFolder: migrationsFolder(),
        appVersion: '0.0.0-bench',
        now: () => new Date(`${TODAY}T12:00:00Z`),
      });
      try {
        const a = performance.now();
        await fn(caller(fresh), fresh);
        out.push(performance.now() - a);
      } finally {
        await fresh.close();
      }
    }
    return out;
  };
  try {
    type Dash = { metrics: { id: string; total: number }[]; time: { productive: number }; habits: { score: number }[] };
    const dashboard = (range: 'week' | 'year') => call<Dash>('tracking:dashboard', { range, anchor: TODAY });

    // Real writes, one of each kind, cycling through values so each one changes something.
    let n = 0;
    const metricWrite = () => {
      // What tracking:log writes (the row, then its activity:changed); the trigger logs the change.
      const at = `${TODAY}T12:00:00.000Z`;
      db.prepare(
        `INSERT INTO metric_values (metric_id, date, value, created_at, updated_at) VALUES ('vegetables', ?, ?, ?, ?)
         ON CONFLICT(metric_id, date) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      ).run(TODAY, 1 + (n++ % 3), at, at);
      ctx.events.emit('data:changed', { domain: 'tracking', action: 'log' });
      ctx.events.emit('activity:changed', { sources: ['metric:vegetables'], day: TODAY });
    };
    const timeWrite = () =>
      call('tracking:time-log-save', {
        day: TODAY,
        text: `08:00 research reading #research\n${9 + (n++ % 3)}:00 writing draft #writing\n12:00 lunch #break\n`,
      });
    const today = await call<{ id: string; revision: number }>('journal:create', {
      kind: 'note',
      date: TODAY,
      title: 'Bench entry',
      body: 'Started.',
      templateId: null,
    });
    let revision = today.revision;
    const journalWrite = async () => {
      const saved = await call<{ revision: number }>('journal:save', {
        id: today.id,
        baseRevision: revision,
        body: `Words ${'more '.repeat(1 + (n++ % 50))}`,
      });
      revision = saved.revision;
    };
    const paperId = (
      db.prepare(`SELECT id FROM papers WHERE status = 'queued' ORDER BY added_at DESC LIMIT 1`).get() as { id: string }
    ).id;
    let paperRead = false;
    const paperWrite = async () => {
      paperRead = !paperRead;
      await call('papers:set-status', { id: paperId, status: paperRead ? 'read' : 'reading' });
    };
    const writes = [metricWrite, timeWrite, journalWrite, paperWrite];
    const anyWrite = async () => {
      await writes[n % writes.length]!();
      flushStamps(ctx); // the app evaluates stamps on the next turn, before the page refetches
    };

    const sample = async (reps: number, before: () => unknown, fn: () => unknown, after?: () => unknown): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < reps + 3; i++) {
        await before();
        const a = performance.now();
        await fn();
        const dt = performance.now() - a;
        if (i >= 3) out.push(dt);
        await after?.();
      }
      return out;
    };
    const nothing = () => undefined;

    const loadBefore = loadAvg();
    const weekRepeat = await sample(30, nothing, () => dashboard('week'));
    const weekAfterWrite = await sample(40, anyWrite, () => dashboard('week'));
    const weekCold = await afterRestart(20, (c) => c('tracking:dashboard', { range: 'week', anchor: TODAY }));
    const yearRepeat = await sample(30, nothing, () => dashboard('year'));
    const yearAfterWrite = await sample(40, anyWrite, () => dashboard('year'));
    const yearCold = await afterRestart(20, (c) => c('tracking:dashboard', { range: 'year', anchor: TODAY }));

    // The year's totals against SQL over the raw rows (system:sql, a separate read-only connection).
    const year = await dashboard('year');
    const sql = async (q: string) => (await call<{ rows: unknown[][] }>('system:sql', { sql: q })).rows[0]![0] as number;
    const yFrom = `${TODAY.slice(0, 4)}-01-01`;
    const yTo = `${TODAY.slice(0, 4)}-12-31`;
    const sleep = await sql(
      `SELECT sum(value) FROM metric_values WHERE metric_id = 'sleep' AND date BETWEEN '${yFrom}' AND '${yTo}'`,
    );
    const veg = await sql(
      `SELECT sum(value) FROM metric_values WHERE metric_id = 'vegetables' AND date BETWEEN '${yFrom}' AND '${yTo}'`,
    );
    const focus = await sql(`SELECT sum(minutes) FROM time_blocks WHERE productive = 1 AND day BETWEEN '${yFrom}' AND '${yTo}'`);
    const total = (id: string) => year.metrics.find((m) => m.id === id)!.total;
    const check = total('sleep') === sleep && total('vegetables') === veg && year.time.productive === focus ? 'ok' : 'MISMATCH';

    // Stamps after one event: the real write and its event, then the evaluation alone.
    const evalAfter = (write: () => unknown) => sample(60, write, () => flushStamps(ctx));
    const metricEval = await evalAfter(metricWrite);
    const timeEval = await evalAfter(timeWrite);
    const journalEval = await evalAfter(journalWrite);
    const papersEval = await evalAfter(paperWrite);
    // Cold: every locked stamp judged over ten years on a fresh core (its first stamps:recheck).
    const coldEval = await afterRestart(20, (c) => c('stamps:recheck', {}));
    const recheck = await call<{ evaluated: number }>('stamps:recheck', {});
    const stamps = await call<{ earned: boolean }[]>('stamps:list', {});
    // The whole call: write one value, evaluate, answer (what `folio log` does).
    let v = 0;
    const logCall = await sample(30, nothing, () =>
      call('tracking:log', { metric: 'vegetables', value: String(1 + (v++ % 3)), date: TODAY }),
    );
    const loadAfter = loadAvg();

    const data: Record<string, number> = {};
    for (const [k, c] of Object.entries(counts)) data[`sqlite data: ${k}`] = c;
    return {
      ...data,
      'sqlite data: habits': ds.habits.length,
      'sqlite data: stamps defined': recheck.evaluated,
      'sqlite data: stamps earned': stamps.filter((s) => s.earned).length,
      'sqlite: machine load average (1 min) before the timed runs': loadBefore,
      'sqlite: machine load average (1 min) after the timed runs': loadAfter,
      'sqlite: load 10 years + habits + stamps, ms': ms(loadMs),
      ...figures('sqlite: dashboard week, repeat,', weekRepeat),
      ...figures('sqlite: dashboard week, after a write,', weekAfterWrite),
      ...figures('sqlite: dashboard week, cold,', weekCold),
      ...figures('sqlite: dashboard year, repeat,', yearRepeat, '< 50'),
      ...figures('sqlite: dashboard year, after a write,', yearAfterWrite, '< 50'),
      ...figures('sqlite: dashboard year, cold,', yearCold, '< 50'),
      'sqlite: dashboard totals = folio sql sums': check,
      ...figures('sqlite: stamps after a metric event,', metricEval, '< 5'),
      ...figures('sqlite: stamps after a time-block event,', timeEval, '< 5'),
      ...figures('sqlite: stamps after a journal event,', journalEval, '< 5'),
      ...figures('sqlite: stamps after a papers event,', papersEval, '< 5'),
      ...figures('sqlite: stamps cold full evaluation,', coldEval),
      ...figures('sqlite: folio log call (write + evaluate),', logCall),
    };
  } finally {
    await core.cleanup();
  }
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

  // One new event: today's vegetables (touches metric rules), a focused time block (touches time
  // rules), a journal entry, a finished paper.
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
  ds.activity.add('papers.finished', TODAY, { type: 'paper', id: 'new' });
  const papersEvent = time(
    () => evaluateStamps(stamps, baseline, ctx, { sources: [...eventSources.paperFinished(), 'habit:papers'], day: TODAY }),
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
    'data: habits': ds.habits.length,
    'data: stamps defined': stamps.length,
    'data: stamps earned over 10 years': earned,
    'generate 10 years, ms': ms(genMs),
    'memory: dashboard week p50, ms': ms(s(week).p50),
    'memory: dashboard week p95, ms': ms(s(week).p95),
    'memory: dashboard year p50, ms (target < 50)': ms(s(year).p50),
    'memory: dashboard year p95, ms': ms(s(year).p95),
    'memory: dashboard year without habits p50, ms': ms(s(yearNoHabits).p50),
    'memory: dashboard totals = raw SQL-style sums': check,
    'memory: stamps cold evaluation (all) p50, ms': ms(s(cold).p50),
    'memory: stamps cold evaluation (all) p95, ms': ms(s(cold).p95),
    'memory: stamps after a metric event p50, ms (target < 5)': ms(s(vegEvent).p50),
    'memory: stamps after a metric event p95, ms': ms(s(vegEvent).p95),
    'memory: stamps after a time-block event p50, ms (target < 5)': ms(s(timeEvent).p50),
    'memory: stamps after a time-block event p95, ms': ms(s(timeEvent).p95),
    'memory: stamps after a journal event p50, ms (target < 5)': ms(s(journalEvent).p50),
    'memory: stamps after a journal event p95, ms': ms(s(journalEvent).p95),
    'memory: stamps after a papers event p50, ms (target < 5)': ms(s(papersEvent).p50),
    'memory: stamps after a papers event p95, ms': ms(s(papersEvent).p95),
    'memory: stamps re-evaluated per metric event': vegEvent.value.updated.length,
    'memory: stamps re-evaluated per time-block event': timeEvent.value.updated.length,
    ...(await runSqlite(ds)),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await run();
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(width)}  ${v}`);
}
