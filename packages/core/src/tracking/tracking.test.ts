import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckInDto, DashboardDto, StampDto, TasksDto, TimeDayDto } from '../contract';
import { trackingCore, type TrackingCore } from './test-harness';

let t: TrackingCore | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

async function core(start?: string) {
  t = await trackingCore(start);
  return t;
}

const week = ['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05', '2026-06-06', '2026-06-07'];

describe('daily stats', () => {
  it('seeds the default metrics once, with sensible kinds', async () => {
    const { call } = await core();
    const metrics = await call('tracking:metrics');
    expect(metrics.map((m: { id: string }) => m.id)).toEqual([
      'productivity',
      'screen_time',
      'mood',
      'sleep',
      'vegetables',
      'workout',
    ]);
    expect(metrics.find((m: { id: string }) => m.id === 'mood')).toMatchObject({ kind: 'scale', bounds: { min: 1, max: 5 } });
    expect(metrics.find((m: { id: string }) => m.id === 'sleep')).toMatchObject({
      kind: 'duration',
      bounds: { min: 0, max: 1440 },
    });
  });

  it('a check-in saves canonical values (durations in minutes) and keeps a history of edits', async () => {
    const { call, sql } = await core();
    const r = await call<CheckInDto>('tracking:checkin', {
      date: '2026-06-09',
      values: { productivity: '5h30m', screen_time: '1.5', mood: '4', sleep: '7:15', vegetables: '3', workout: 'yes' },
    });
    expect(r.values).toEqual({ productivity: 330, screen_time: 90, mood: 4, sleep: 435, vegetables: 3, workout: 1 });
    expect(r.changed).toBe(6);
    await call('tracking:checkin', { date: '2026-06-09', values: { mood: '5', sleep: '' } });
    expect(await sql(`SELECT metric_id, value FROM metric_values WHERE date = '2026-06-09' ORDER BY metric_id`)).toEqual([
      ['mood', 5],
      ['productivity', 330],
      ['screen_time', 90],
      ['vegetables', 3],
      ['workout', 1],
    ]);
    const history = await call('tracking:value-history', { metricId: 'mood' });
    expect(history.map((h: { oldValue: number | null; newValue: number | null }) => [h.oldValue, h.newValue])).toEqual([
      [4, 5],
      [null, 4],
    ]);
    const day = await call('tracking:day', { date: '2026-06-09' });
    expect(day.inputs).toMatchObject({ productivity: '5h30m', mood: '5', workout: 'yes' });
  });

  it('refuses impossible values with a message on each field and writes nothing of that check-in', async () => {
    const { fail, sql } = await core();
    const err = await fail('tracking:checkin', {
      date: '2026-06-09',
      values: { productivity: '-2h', screen_time: '30h', mood: '9', sleep: '8h', vegetables: 'lots' },
    });
    expect(err.code).toBe('bad_request');
    const byPath = Object.fromEntries(err.details!.issues!.map((i) => [i.path, i.message]));
    expect(byPath['values.mood']).toBe('Mood is 1–5; got 9');
    expect(byPath['values.productivity']).toMatch(/cannot be negative/);
    expect(byPath['values.screen_time']).toMatch(/at most 24h a day; got 30h/);
    expect(byPath['values.vegetables']).toMatch(/is a number; got "lots"/);
    expect(byPath['values.sleep']).toBeUndefined();
    expect(await sql('SELECT count(*) FROM metric_values')).toEqual([[0]]);

    const bad = await fail('tracking:checkin', { date: '2026-02-30', values: { mood: '3' } });
    expect(bad.details!.issues).toEqual([{ path: 'date', message: '2026-02-30 is not a real date: February 2026 has 28 days' }]);
    const future = await fail('tracking:checkin', { date: '2026-06-11', values: { mood: '3' } });
    expect(future.details!.issues![0]).toMatchObject({ path: 'date', message: expect.stringMatching(/in the future/) });
  });

  it('folio log resolves a metric by name, reads the value as typed and rejects bad dates', async () => {
    const { call, fail } = await core();
    expect(await call('tracking:log', { metric: 'Screen time', value: '2h15m', date: '2026-06-08' })).toMatchObject({
      metric: 'screen_time',
      value: 135,
      display: '2h 15m',
      previous: null,
    });
    expect(await call('tracking:log', { metric: 'screen_time', value: '3h', date: '2026-06-08' })).toMatchObject({
      value: 180,
      previous: 135,
    });
    expect((await fail('tracking:log', { metric: 'happiness', value: '3' })).details!.issues![0]!.path).toBe('metric');
    expect((await fail('tracking:log', { metric: 'mood', value: '3', date: '2026-13-01' })).details!.issues![0]!.path).toBe(
      'date',
    );
  });

  it('user metrics are validated field by field; the kind cannot change under logged values', async () => {
    const { call, fail } = await core();
    const e = await fail('tracking:metric-save', { id: '9bad', name: '', kind: 'scale', min: 1, max: 1, isNew: true });
    const paths = e.details!.issues!.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['id', 'name', 'max']));
    await call('tracking:metric-save', { id: 'focus', name: 'Focus', kind: 'scale', min: 1, max: 10, isNew: true });
    await call('tracking:log', { metric: 'focus', value: '8', date: '2026-06-09' });
    const k = await fail('tracking:metric-save', { id: 'focus', name: 'Focus', kind: 'count' });
    expect(k.details!.issues![0]).toMatchObject({ path: 'kind' });
    const b = await fail('tracking:metric-save', { id: 'focus', name: 'Focus', kind: 'scale', min: 1, max: 5 });
    expect(b.details!.issues![0]!.message).toMatch(/1 logged value would fall outside/);
  });

  it('CSV export and import round-trip; bad cells are reported by line and the rest imported', async () => {
    const { call } = await core();
    await call('tracking:checkin', { date: '2026-06-08', values: { sleep: '7h30m', mood: '4', workout: 'no' } });
    const { csv } = await call('tracking:csv-export', {});
    expect(csv.split('\r\n')[0]).toBe('date,productivity,screen_time,mood,sleep,vegetables,workout');
    expect(csv).toContain('2026-06-08,,,4,7:30,,no');
    const r = await call('tracking:csv-import', {
      text: 'date,mood,sleep\n2026-06-01,3,8h\n2026-06-02,9,7h\n2026-02-30,3,7h\n2026-06-08,5,7h30m\n',
    });
    expect(r).toMatchObject({ format: 'wide', imported: 3, unchanged: 1, kept: 1 });
    expect(r.errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([
      [3, 'mood'],
      [4, 'date'],
    ]);
    const replaced = await call('tracking:csv-import', { text: 'date,metric,value\n2026-06-08,mood,5\n', replace: true });
    expect(replaced).toMatchObject({ format: 'long', imported: 1 });
  });
});

describe('stamps from tracking', () => {
  it('logging a week of vegetable values via the API earns the stamp with its 7 days as evidence', async () => {
    const { call, events } = await core();
    for (const [i, day] of week.entries()) {
      const r = await call('tracking:log', { metric: 'vegetables', value: String(1 + (i % 3)), date: day });
      expect(r.earned.map((e: { id: string }) => e.id)).toEqual(i === 6 ? ['veggie-week'] : []);
    }
    const stamp = (await call<StampDto[]>('stamps:list')).find((s) => s.id === 'veggie-week')!;
    expect(stamp).toMatchObject({ earned: true, earnedAt: '2026-06-07', progress: 1, broken: null, unseen: true });
    expect(stamp.evidence.days).toEqual(week);
    expect(stamp.evidence.items).toHaveLength(7);
    expect(stamp.evidence.items[0]).toMatchObject({
      type: 'metric',
      id: 'vegetables:2026-06-01',
      title: 'Vegetables: 1 servings',
    });
    const earned = events.filter((e) => e.name === 'stamps:earned');
    expect(earned).toHaveLength(1);
    expect(earned[0]!.payload).toMatchObject({ stamp: { id: 'veggie-week' }, earnedAt: '2026-06-07', evidence: { days: week } });
    // Earned stamps are kept, even when the data behind them changes.
    await call('tracking:checkin', { date: '2026-06-03', values: { vegetables: '0' } });
    expect((await call<StampDto[]>('stamps:list')).find((s) => s.id === 'veggie-week')).toMatchObject({
      earned: true,
      earnedAt: '2026-06-07',
    });
  });

  it('a six-day run shows progress, not the stamp; a zero breaks the run', async () => {
    const t = await core('2026-06-06T12:00:00Z');
    const { call } = t;
    for (const day of week.slice(0, 6)) await call('tracking:log', { metric: 'vegetables', value: '1', date: day });
    let s = (await call<StampDto[]>('stamps:list')).find((x) => x.id === 'veggie-week')!;
    expect(s).toMatchObject({ earned: false, current: 6, target: 7 });
    expect(s.progress).toBeCloseTo(6 / 7, 3);
    // Today stays open (more may come); a zero logged for a finished day breaks the run.
    t.setNow('2026-06-08T12:00:00Z');
    await call('tracking:log', { metric: 'vegetables', value: '0', date: '2026-06-07' });
    s = (await call<StampDto[]>('stamps:list')).find((x) => x.id === 'veggie-week')!;
    expect(s).toMatchObject({ earned: false, current: 0 });
  });

  it('a rule on a deleted metric, or one that can never be met, is shown as broken', async () => {
    const { call } = await core();
    await call('tracking:metric-delete', { id: 'sleep' });
    const list = await call<StampDto[]>('stamps:list');
    expect(list.find((s) => s.id === 'sleep-7x7')!.broken).toBe('The metric "sleep" no longer exists');
    const impossible = await call<StampDto>('stamps:save', {
      name: 'Superhuman',
      rule: { kind: 'dailyMetric', metric: 'mood', op: '>=', value: 9, days: 3 },
      art: { type: 'pixel', spec: { text: 'Nope' } },
    });
    expect(impossible.broken).toMatch(/Mood is 1–5; a day can never be >= 9/);
    expect(impossible.earned).toBe(false);
  });
});

describe('dashboard', () => {
  it('shows the same totals as system:sql over the raw tables', async () => {
    const { call, sql } = await core();
    for (const [i, day] of week.entries()) {
      await call('tracking:checkin', {
        date: day,
        values: {
          sleep: `${6 + (i % 3)}h`,
          mood: String(1 + (i % 5)),
          productivity: `${2 + i}h15m`,
          workout: i % 2 ? 'yes' : 'no',
        },
      });
      await call('tracking:time-log-save', {
        day,
        text: `09:00 reading paper #research\n10:${10 + i} coding\n12:00 lunch\n12:45 email\n${14 + (i % 3)}:30`,
      });
    }
    await call('tracking:checkin', { date: '2026-05-31', values: { sleep: '9h' } }); // outside the week
    await call('tracking:spend-save', {
      amount: '12.50',
      currency: 'USD',
      project: 'RailS',
      category: 'empirical',
      date: '2026-06-02',
    });
    await call('tracking:spend-save', {
      amount: '100',
      currency: 'USD',
      project: 'RailS',
      category: 'COMPUTE',
      date: '2026-06-05',
    });
    await call('tracking:spend-save', {
      amount: '2.50',
      currency: 'USD',
      project: 'RailS',
      category: 'COMPUTE',
      date: '2026-06-06',
      refund: true,
    });
    const d = await call<DashboardDto>('tracking:dashboard', { range: 'week', anchor: '2026-06-03' });
    expect([d.from, d.to]).toEqual(['2026-06-01', '2026-06-07']);
    const one = async (q: string) => (await sql(q))[0]![0];
    const range = `BETWEEN '2026-06-01' AND '2026-06-07'`;
    const m = Object.fromEntries(d.metrics.map((x) => [x.id, x]));
    expect(m.sleep!.total).toBe(await one(`SELECT sum(value) FROM metric_values WHERE metric_id = 'sleep' AND date ${range}`));
    expect(m.sleep!.average).toBeCloseTo(
      (await one(`SELECT avg(value) FROM metric_values WHERE metric_id = 'sleep' AND date ${range}`)) as number,
      3,
    );
    expect(m.productivity!.total).toBe(
      await one(`SELECT sum(value) FROM metric_values WHERE metric_id = 'productivity' AND date ${range}`),
    );
    expect(m.workout!.total).toBe(
      await one(`SELECT sum(value) FROM metric_values WHERE metric_id = 'workout' AND date ${range}`),
    );
    expect(m.mood!.count).toBe(await one(`SELECT count(*) FROM metric_values WHERE metric_id = 'mood' AND date ${range}`));
    expect(d.time.total).toBe(await one(`SELECT sum(minutes) FROM time_blocks WHERE day ${range}`));
    expect(d.time.productive).toBe(await one(`SELECT sum(minutes) FROM time_blocks WHERE productive = 1 AND day ${range}`));
    const perCat = Object.fromEntries(
      (await sql(`SELECT category, sum(minutes) FROM time_blocks WHERE day ${range} GROUP BY category`)) as [string, number][],
    );
    expect(Object.fromEntries(d.time.byCategory.map((c) => [c.category, c.minutes]))).toEqual(perCat);
    expect(d.spend[0]!.total).toBe(
      await one(`SELECT sum(amount_minor) FROM spend_entries WHERE currency = 'USD' AND date ${range}`),
    );
    expect(d.spend[0]).toMatchObject({ total: 11000, spent: 11250, refunded: 250, formatted: '$110.00' });
    expect(d.correlation.points).toHaveLength(7);
    expect(d.correlation.x.source).toBe('metric:productivity');
    expect(d.buckets).toHaveLength(7);
    // The year view adds up the same rows.
    const y = await call<DashboardDto>('tracking:dashboard', { range: 'year', anchor: '2026-06-03' });
    expect(y.metrics.find((x) => x.id === 'sleep')!.total).toBe(
      await one(`SELECT sum(value) FROM metric_values WHERE metric_id = 'sleep' AND date BETWEEN '2026-01-01' AND '2026-12-31'`),
    );
    expect(y.buckets).toHaveLength(12);
    expect(y.time.byBucket[5]!.minutes.research).toBe(
      await one(`SELECT sum(minutes) FROM time_blocks WHERE category = 'research' AND day BETWEEN '2026-06-01' AND '2026-06-30'`),
    );
  });

  it('today at a glance lists the check-in, habits due, the top tasks in order and the timer', async () => {
    const { call } = await core();
    await call('tracking:habit-save', {
      name: 'Stretch',
      schedule: { type: 'daily' },
      source: { type: 'checkin' },
      startDate: '2026-06-01',
    });
    await call('tracking:task-save', { title: 'low one', priority: 'low' });
    await call('tracking:task-save', { title: 'high one', priority: 'high', due: '2026-06-20' });
    await call('tracking:task-save', { title: 'high sooner', priority: 'high', due: '2026-06-12' });
    await call('tracking:task-save', { title: 'medium', priority: 'medium' });
    await call('tracking:timer-start', { text: 'writing the intro #writing' });
    const today = await call('tracking:today');
    expect(today.date).toBe('2026-06-10');
    expect(today.habitsDue.map((h: { name: string }) => h.name)).toEqual(['Stretch']);
    expect(today.topTasks.map((x: { title: string }) => x.title)).toEqual(['high sooner', 'high one', 'medium']);
    expect(today.timer.running).toMatchObject({ category: 'writing', label: 'writing the intro' });
  });
});

describe('habits and goals', () => {
  it('check-in habits: streaks, the Loop score and skips', async () => {
    const { call, fail } = await core();
    const h = await call('tracking:habit-save', {
      name: 'Read',
      schedule: { type: 'daily' },
      source: { type: 'checkin' },
      startDate: '2026-06-01',
    });
    for (const day of ['2026-06-06', '2026-06-07', '2026-06-08', '2026-06-09'])
      await call('tracking:habit-check', { habitId: h.id, date: day, done: true });
    await call('tracking:habit-check', { habitId: h.id, date: '2026-06-05', skip: true });
    await call('tracking:habit-check', { habitId: h.id, date: '2026-06-04', done: true });
    const after = await call('tracking:habit-check', { habitId: h.id, date: '2026-06-10', done: true });
    expect(after.streaks.current).toBe(6); // 4th, (5th skipped: neither counts nor breaks it), 6th–10th
    expect(after.doneToday).toBe(true);
    expect(after.score).toBeGreaterThan(0.2);
    expect(after.score).toBeLessThan(1);
    const e = await fail('tracking:habit-save', {
      name: 'x',
      schedule: { type: 'perWeek', times: 9 },
      source: { type: 'checkin' },
    });
    expect(e.details!.issues![0]).toMatchObject({
      path: 'schedule.times',
      message: 'A week has 7 days: times per week is 1–7; got 9',
    });
  });

  it('habits derived from activity count by themselves (a metric, the time log)', async () => {
    const { call, fail } = await core();
    const veg = await call('tracking:habit-save', {
      name: 'A vegetable a day',
      schedule: { type: 'daily' },
      source: { type: 'activity', source: 'metric:vegetables', measure: 'sum' },
      startDate: '2026-06-08',
    });
    const side = await call('tracking:habit-save', {
      name: 'Side project 2h',
      schedule: { type: 'atLeast', amount: 120, per: 'day' },
      source: { type: 'activity', source: 'time.category:side', measure: 'sum' },
      startDate: '2026-06-08',
    });
    await call('tracking:log', { metric: 'vegetables', value: '2', date: '2026-06-08' });
    await call('tracking:log', { metric: 'vegetables', value: '1', date: '2026-06-09' });
    await call('tracking:time-log-save', { day: '2026-06-09', text: '19:00 tinkering #side\n21:15' });
    const list = await call('tracking:habits');
    expect(list.find((x: { id: string }) => x.id === veg.id).streaks.current).toBe(2);
    expect(list.find((x: { id: string }) => x.id === side.id).streaks).toMatchObject({ current: 1, best: 1 });
    expect((await fail('tracking:habit-check', { habitId: veg.id, done: true })).message).toMatch(/counts .* by itself/);
    const detail = await call('tracking:habit-detail', { id: veg.id, from: '2026-06-01', to: '2026-06-10' });
    expect(detail.heatmap.filter((c: { done: boolean }) => c.done).map((c: { day: string }) => c.day)).toEqual([
      '2026-06-08',
      '2026-06-09',
    ]);
  });

  it('monthly goals project the month from the pace so far', async () => {
    const { call, fail } = await core();
    for (const day of ['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05'])
      await call('tracking:log', { metric: 'workout', value: 'yes', date: day });
    const g = await call('tracking:goal-save', {
      name: 'Workouts',
      source: 'metric:workout',
      measure: 'sum',
      month: '2026-06',
      target: 20,
    });
    expect(g.progress).toMatchObject({ status: 'active', current: 5, daysElapsed: 10, projected: 15, onTrack: false });
    expect(g.text).toBe('20 in June 2026');
    const papers = await call('tracking:goal-save', {
      name: 'Papers',
      source: 'papers.finished',
      measure: 'count',
      month: '2026-06',
      target: 30,
      unit: 'papers',
    });
    expect(papers).toMatchObject({ text: '30 papers in June 2026', progress: { current: 0, status: 'active' } });
    const bad = await fail('tracking:goal-save', { name: '', source: 'nope', measure: 'count', month: '2026-13', target: -1 });
    expect(bad.details!.issues!.map((i) => i.path).sort()).toEqual(['month', 'name', 'source', 'target']);
  });
});

describe('time tracking', () => {
  it('quick log lines become blocks with categories; totals per category and productive vs not', async () => {
    const { call } = await core();
    const d = await call<TimeDayDto>('tracking:time-log-save', {
      day: '2026-06-09',
      text: '09:10 reading RailS paper #research\n10:30 lunch\n11:00-12:30 meeting #work\nnot a time line\n13:00 youtube\n13:40',
    });
    expect(d.blocks.map((b) => [b.start, b.end, b.category, b.productive])).toEqual([
      [550, 630, 'research', true],
      [630, 660, 'break', false],
      [660, 750, 'work', true],
      [780, 820, 'leisure', false],
    ]);
    expect(d.errors).toEqual([
      { line: 4, text: 'not a time line', message: 'Start the line with a time, e.g. "09:10 reading #research"' },
    ]);
    expect(d.totals).toMatchObject({ total: 240, productive: 170, unproductive: 70 });
    expect(d.timeline.map((s) => s.kind)).toEqual(['block', 'block', 'block', 'gap', 'block']);
    expect(d.text).toContain('not a time line');
  });

  it('adds one line at a time (the CLI) and refuses one that does not fit', async () => {
    const { call, fail } = await core();
    await call('tracking:time-add', { text: '08:00 email', day: '2026-06-09' });
    const r = await call('tracking:time-add', { text: '09:10 reading #research', day: '2026-06-09' });
    expect(r.added.map((b: { start: number; end: number }) => [b.start, b.end])).toEqual([[550, 1440]]);
    expect(r.blocks[0]).toMatchObject({ start: 480, end: 550, category: 'work' });
    const e = await fail('tracking:time-add', { text: '07:00 too early', day: '2026-06-09' });
    expect(e.details!.issues![0]).toMatchObject({ path: 'text', message: expect.stringMatching(/Out of order/) });
  });

  it('the timer runs, stops into a block and splits at midnight', async () => {
    const t = await core('2026-06-09T22:30:00Z');
    await t.call('tracking:timer-start', { text: 'late experiment #research' });
    t.setNow('2026-06-10T01:15:00Z');
    expect((await t.call('tracking:timer')).running.elapsedMinutes).toBe(165);
    const stopped = await t.call('tracking:timer-stop');
    expect(stopped.stopped.map((b: { day: string; start: number; end: number }) => [b.day, b.start, b.end])).toEqual([
      ['2026-06-09', 1350, 1440],
      ['2026-06-10', 0, 75],
    ]);
    expect((await t.call('tracking:timer')).running).toBeNull();
  });
});

describe('tasks', () => {
  it('are strictly ordered by priority then due date, and done only in that order', async () => {
    const { call, fail } = await core();
    const low = await call('tracking:task-save', { title: 'Tidy bibliography', priority: 'low', due: '2026-06-01' });
    const medDue = await call('tracking:task-save', { title: 'Review draft', priority: 'medium', due: '2026-06-15' });
    const high = await call('tracking:task-save', { title: 'Submit camera-ready', priority: 'HIGH', due: '2026-06-30' });
    const med = await call('tracking:task-save', { title: 'Email co-author', priority: 'medium' });
    let list = await call<TasksDto>('tracking:tasks', {});
    expect(list.open.map((x) => x.title)).toEqual([
      'Submit camera-ready',
      'Review draft',
      'Email co-author',
      'Tidy bibliography',
    ]);
    expect(list.open.map((x) => x.rank)).toEqual([1, 2, 3, 4]);
    expect(list.open[3]).toMatchObject({ overdue: true, blockedBy: { id: high.id } });
    const e = await fail('tracking:task-done', { id: low.id });
    expect(e).toMatchObject({ code: 'conflict', details: { blocking: { id: high.id } } });
    expect(e.message).toMatch(/Finish “Submit camera-ready” first/);
    for (const id of [high.id, medDue.id, med.id, low.id]) await call('tracking:task-done', { id });
    list = await call<TasksDto>('tracking:tasks', {});
    expect(list.open).toEqual([]);
    expect(list.done.map((x) => x.title)).toHaveLength(4);
    const hist = await call('tracking:task-history', { by: 'day' });
    expect(hist[0]).toMatchObject({ key: '2026-06-10', byPriority: { high: 1, medium: 2, low: 1 } });
    const bad = await fail('tracking:task-save', { title: ' ', priority: 'urgent', due: '2026-02-31' });
    expect(bad.details!.issues!.map((i) => i.path).sort()).toEqual(['due', 'priority', 'title']);
  });
});

describe('research spend', () => {
  it('totals per project, category and overall, per currency; bad fields refused one by one', async () => {
    const { call, fail } = await core();
    await call('tracking:spend-save', {
      amount: '$1,234.56',
      currency: 'usd',
      project: 'RailS',
      category: 'Empirical',
      date: '2026-06-01',
    });
    await call('tracking:spend-save', {
      amount: '40',
      currency: 'USD',
      project: 'Probe',
      category: 'ENGINEERING',
      date: '2026-06-02',
    });
    await call('tracking:spend-save', {
      amount: '1200',
      currency: 'JPY',
      project: 'RailS',
      category: 'METHODOLOGY',
      date: '2026-06-03',
    });
    const list = await call('tracking:spend', {});
    const usd = list.totals.find((x: { currency: string }) => x.currency === 'USD');
    expect(usd).toMatchObject({ total: 127456, formatted: '$1,274.56' });
    expect(usd.byProject.map((b: { key: string; total: number }) => [b.key, b.total])).toEqual([
      ['RailS', 123456],
      ['Probe', 4000],
    ]);
    expect(usd.byCategory.map((b: { key: string }) => b.key)).toEqual(['EMPIRICAL', 'ENGINEERING']);
    expect(list.totals.find((x: { currency: string }) => x.currency === 'JPY').total).toBe(1200);
    const e = await fail('tracking:spend-save', {
      amount: '-5',
      currency: 'US',
      project: '',
      category: '9 lives',
      date: '2026-02-29',
    });
    expect(e.details!.issues!.map((i) => i.path).sort()).toEqual(['category', 'currency', 'date', 'project']);
    const neg = await fail('tracking:spend-save', {
      amount: '-5',
      currency: 'USD',
      project: 'P',
      category: 'DATA',
      date: '2026-06-01',
    });
    expect(neg.details!.issues).toEqual([
      { path: 'amount', message: 'Amount cannot be negative; to record money back, mark it as a refund' },
    ]);
  });
});

describe('weekly review', () => {
  it('assembles the week and starts a weekly-review entry from its template, prefilled', async () => {
    const { call } = await core('2026-06-07T18:00:00Z');
    await call('journal:create', {
      kind: 'note',
      title: 'Reading notes',
      date: '2026-06-02',
      body: 'Read about rail safety today, many words here.',
    });
    for (const day of week) await call('tracking:log', { metric: 'vegetables', value: '2', date: day });
    await call('tracking:time-log-save', { day: '2026-06-03', text: '09:00 reading #research\n11:00' });
    const a = await call('tracking:task-save', { title: 'Write related work', priority: 'high' });
    await call('tracking:task-save', { title: 'Plot results', priority: 'medium' });
    await call('tracking:task-done', { id: a.id });
    await call('tracking:spend-save', {
      amount: '20',
      currency: 'USD',
      project: 'RailS',
      category: 'COMPUTE',
      date: '2026-06-04',
    });
    const r = await call('tracking:week-review', { weekOf: '2026-06-03' });
    expect(r).toMatchObject({ from: '2026-06-01', to: '2026-06-07', week: '2026-W23', existingEntryId: null });
    expect(r.entries.items.map((e: { title: string }) => e.title)).toEqual(['Reading notes']);
    // Papers come from the library's activity provider when it is there.
    expect(r.papers.finished).toEqual([]);
    expect(r.tasks).toMatchObject({ planned: 2, done: 1 });
    expect(r.stamps.map((s: { id: string }) => s.id)).toContain('veggie-week');
    expect(r.markdown).toContain(r.papers.available ? '- Papers: 0 papers read, 0 highlights' : '- Papers: no papers data');
    expect(r.markdown).toContain('- Time: 2h tracked, 2h productive (Research 2h)');
    const started = await call('tracking:week-review-start', { weekOf: '2026-06-03' });
    expect(started.created).toBe(true);
    const entry = await call('journal:get', { id: started.entryId });
    expect(entry).toMatchObject({ kind: 'weekly', date: '2026-06-07', title: 'Week 2026-W23' });
    expect(entry.body).toMatch(/## What I did\n\n- Journal: 1 entry/);
    expect(entry.body).toMatch(/- Stamps earned: .*Veggie week \(2026-06-07\)/);
    expect(entry.body).toMatch(/## Goals for next week\n\n- \[ \] Plot results \(medium\)/);
    expect(entry.body).toContain('## Deficits');
    // Asking again opens the same review.
    expect(await call('tracking:week-review-start', { weekOf: '2026-06-03' })).toEqual({
      entryId: started.entryId,
      created: false,
    });
  });
});

describe('journal activity (through journal/index.ts)', () => {
  it('seven days of entries earn the journal streak; words and weekly reviews count', async () => {
    const t = await core('2026-06-07T20:00:00Z');
    for (const day of week)
      await t.call('journal:create', { kind: 'note', title: `Day ${day}`, date: day, body: 'one two three four five' });
    await t.settle();
    const s = await t.call<StampDto[]>('stamps:list');
    const streak = s.find((x) => x.id === 'journal-streak-7')!;
    expect(streak).toMatchObject({ earned: true, earnedAt: '2026-06-07' });
    expect(streak.evidence.days).toEqual(week);
    expect(streak.evidence.items[0]).toMatchObject({ type: 'entry', title: 'Day 2026-06-01', day: '2026-06-01' });
    expect(s.find((x) => x.id === 'words-10k')).toMatchObject({ current: 35, earned: false });
    expect(
      t.events.some(
        (e) => e.name === 'stamps:earned' && (e.payload as { stamp: { id: string } }).stamp.id === 'journal-streak-7',
      ),
    ).toBe(true);
    const d = await t.call<DashboardDto>('tracking:dashboard', { range: 'week', anchor: '2026-06-07' });
    expect(d.words).toMatchObject({ available: true, total: 35, series: [5, 5, 5, 5, 5, 5, 5] });
  });

  it('a habit counting journal entries follows the journal', async () => {
    const t = await core('2026-06-07T20:00:00Z');
    const h = await t.call('tracking:habit-save', {
      name: 'Write',
      schedule: { type: 'perWeek', times: 3 },
      source: { type: 'activity', source: 'journal.entry', measure: 'count' },
      startDate: '2026-06-01',
    });
    for (const day of ['2026-06-01', '2026-06-03', '2026-06-05'])
      await t.call('journal:create', { kind: 'note', title: day, date: day, body: 'text' });
    const habit = (await t.call('tracking:habits')).find((x: { id: string }) => x.id === h.id);
    expect(habit.currentPeriod).toMatchObject({ status: 'met', value: 3, target: 3 });
  });
});

describe('exports', () => {
  it('writes the collection as a static page with its images', async () => {
    const t = await core();
    for (const day of week) await t.call('tracking:log', { metric: 'vegetables', value: '1', date: day });
    const dir = path.join(t.c.dataDir, 'site', 'stamps');
    const r = await t.call('stamps:export', { dir, title: 'My research stamps' });
    expect(r.earned).toBe(1);
    const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    expect(html).toContain('<h1>My research stamps</h1>');
    expect(html).toContain('src="veggie-week.png"');
    expect(fs.readFileSync(path.join(dir, 'veggie-week.png')).subarray(1, 4).toString()).toBe('PNG');
    expect(r.images).toHaveLength(r.stamps);
    const single = await t.call('stamps:export-html', { includeLocked: false });
    expect(single.html).toContain('src="data:image/png;base64,');
    expect(single.html).not.toContain('Still to earn');
  });
});
