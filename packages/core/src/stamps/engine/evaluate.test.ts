import { describe, expect, it } from 'vitest';
import type { HabitInfo, MetricInfo } from './activity-source';
import { evaluateRule, checkRule, type EvaluationContext } from './evaluate';
import { MemoryActivitySource } from './memory-source';
import type { Rule } from './rules';

const METRICS: MetricInfo[] = [
  { id: 'vegetables', name: 'Vegetables', kind: 'count', min: 0, max: 50 },
  { id: 'mood', name: 'Mood', kind: 'scale', min: 1, max: 5 },
  { id: 'sleep', name: 'Sleep', kind: 'duration', min: 0, max: 1440 },
  { id: 'screen_time', name: 'Screen time', kind: 'duration', min: 0, max: 1440 },
  { id: 'workout', name: 'Workout', kind: 'boolean', min: 0, max: 1 },
];

const days = (from: string, n: number): string[] => {
  const out: string[] = [];
  const start = Date.parse(`${from}T00:00:00Z`);
  for (let i = 0; i < n; i++) out.push(new Date(start + i * 86_400_000).toISOString().slice(0, 10));
  return out;
};

function ctx(activity: MemoryActivitySource, asOf: string, from = '2026-01-01'): EvaluationContext {
  return { activity, asOf, from };
}

const veggieWeek: Rule = { kind: 'dailyMetric', metric: 'vegetables', op: '>=', value: 1, days: 7, consecutive: true };

describe('dailyMetric: a vegetable every day for a week', () => {
  it('a week of values earns it on the 7th day with the 7 days as evidence', () => {
    const a = new MemoryActivitySource({ metrics: METRICS });
    const week = days('2026-06-01', 7);
    week.forEach((d, i) => a.setMetric('vegetables', d, 1 + (i % 3)));
    const r = evaluateRule(veggieWeek, ctx(a, '2026-06-09'));
    expect(r).toMatchObject({ earned: true, earnedAt: '2026-06-07', progress: 1, target: 7 });
    expect(r.evidence.days).toEqual(week);
  });
  it('a missing day breaks the streak', () => {
    const a = new MemoryActivitySource({ metrics: METRICS });
    for (const d of days('2026-06-01', 8)) if (d !== '2026-06-04') a.setMetric('vegetables', d, 2);
    const r = evaluateRule(veggieWeek, ctx(a, '2026-06-08'));
    expect(r.earned).toBe(false);
    expect(r.current).toBe(4); // 5th–8th
    expect(r.progress).toBeCloseTo(4 / 7, 12);
    expect(r.evidence.days).toEqual(['2026-06-05', '2026-06-06', '2026-06-07', '2026-06-08']);
  });
  it('a logged zero breaks it too; today not yet logged does not', () => {
    const a = new MemoryActivitySource({ metrics: METRICS });
    for (const d of days('2026-06-01', 6)) a.setMetric('vegetables', d, d === '2026-06-02' ? 0 : 1);
    expect(evaluateRule(veggieWeek, ctx(a, '2026-06-07')).current).toBe(4);
    expect(evaluateRule(veggieWeek, ctx(a, '2026-06-08')).current).toBe(0);
  });
  it('non-consecutive days within a calendar month', () => {
    const a = new MemoryActivitySource({ metrics: METRICS });
    for (const d of ['2026-06-01', '2026-06-05', '2026-06-20']) a.setMetric('sleep', d, 480);
    a.setMetric('sleep', '2026-06-21', 300);
    const rule: Rule = {
      kind: 'dailyMetric',
      metric: 'sleep',
      op: '>=',
      value: 420,
      days: 3,
      consecutive: false,
      window: { type: 'calendarMonth' },
    };
    expect(evaluateRule(rule, ctx(a, '2026-06-30'))).toMatchObject({ earned: true, earnedAt: '2026-06-20' });
  });
});

describe('count', () => {
  it('30 papers in a calendar month: earned on the 30th, evidence = that month’s papers', () => {
    const a = new MemoryActivitySource();
    // May: 25 papers (not enough); June: 30 papers over 10 days.
    days('2026-05-01', 25).forEach((d, i) => a.add('papers.finished', d, { type: 'paper', id: `may-${i}` }));
    days('2026-06-01', 10).forEach((d, i) => {
      for (let k = 0; k < 3; k++) a.add('papers.finished', d, { type: 'paper', id: `jun-${i}-${k}` });
    });
    const rule: Rule = { kind: 'count', source: 'papers.finished', window: { type: 'calendarMonth' }, target: 30 };
    const r = evaluateRule(rule, ctx(a, '2026-06-20'));
    expect(r).toMatchObject({ earned: true, earnedAt: '2026-06-10', current: 30 });
    expect(r.evidence.days).toEqual(days('2026-06-01', 10));
    expect(r.evidence.items).toHaveLength(30);
    expect(r.evidence.items[0]).toEqual({ type: 'paper', id: 'jun-0-0' });
    // Before June, progress counts the current month only, and notes the best.
    const may = evaluateRule(rule, ctx(a, '2026-05-31'));
    expect(may).toMatchObject({ earned: false, current: 25 });
    expect(may.progress).toBeCloseTo(25 / 30, 12);
    const july = evaluateRule(rule, ctx(a, '2026-07-02'));
    expect(july.earnedAt).toBe('2026-06-10');
  });
  it('all-time count and a rolling window', () => {
    const a = new MemoryActivitySource();
    for (const d of ['2026-01-05', '2026-02-01', '2026-03-01', '2026-03-03']) a.add('journal.weeklyReview', d, { id: d });
    expect(evaluateRule({ kind: 'count', source: 'journal.weeklyReview', target: 4 }, ctx(a, '2026-03-10'))).toMatchObject({
      earned: true,
      earnedAt: '2026-03-03',
    });
    const rolling: Rule = { kind: 'count', source: 'journal.weeklyReview', target: 3, window: { type: 'rollingDays', days: 31 } };
    expect(evaluateRule(rolling, ctx(a, '2026-03-10'))).toMatchObject({ earned: true, earnedAt: '2026-03-03' });
    const tight: Rule = { kind: 'count', source: 'journal.weeklyReview', target: 3, window: { type: 'rollingDays', days: 28 } };
    expect(evaluateRule(tight, ctx(a, '2026-03-10'))).toMatchObject({ earned: false, current: 2 });
  });
});

describe('total, first, streak', () => {
  it('100 hours of focus: earned the day the total passes 6000 minutes', () => {
    const a = new MemoryActivitySource();
    days('2026-01-01', 30).forEach((d, i) => a.add('time.focus', d, { id: `b${i}`, type: 'timeBlock', amount: 210 }));
    const rule: Rule = { kind: 'total', source: 'time.focus', unit: 'hours', target: 100 };
    const r = evaluateRule(rule, ctx(a, '2026-02-15'));
    // 210 min × 29 = 6090 ≥ 6000 on day 29 (28 days = 5880).
    expect(r).toMatchObject({ earned: true, earnedAt: '2026-01-29' });
    expect(r.evidence.days).toHaveLength(29);
    expect(r.current).toBeCloseTo(105, 12);
  });
  it('first highlight', () => {
    const a = new MemoryActivitySource();
    a.add('papers.highlight', '2026-03-02', { type: 'highlight', id: 'h1' }).add('papers.highlight', '2026-03-02', {
      type: 'highlight',
      id: 'h2',
    });
    a.add('papers.highlight', '2026-03-05', { type: 'highlight', id: 'h3' });
    const r = evaluateRule({ kind: 'first', source: 'papers.highlight' }, ctx(a, '2026-03-09'));
    expect(r).toMatchObject({
      earned: true,
      earnedAt: '2026-03-02',
      evidence: { days: ['2026-03-02'], items: [{ type: 'highlight', id: 'h1' }] },
    });
    expect(evaluateRule({ kind: 'first', source: 'papers.added' }, ctx(a, '2026-03-09'))).toMatchObject({
      earned: false,
      progress: 0,
    });
  });
  it('journal seven days in a row', () => {
    const a = new MemoryActivitySource();
    for (const d of [...days('2026-04-01', 5), ...days('2026-04-07', 7)]) a.add('journal.entry', d, { type: 'entry', id: d });
    const r = evaluateRule({ kind: 'streak', source: 'journal.entry', days: 7 }, ctx(a, '2026-04-20'));
    expect(r).toMatchObject({ earned: true, earnedAt: '2026-04-13' });
    expect(r.evidence.days).toEqual(days('2026-04-07', 7));
    expect(r.evidence.items).toHaveLength(7);
  });
  it('3 workouts a week for 4 weeks (weeks start on Monday); the current week is pending', () => {
    const a = new MemoryActivitySource({ metrics: METRICS });
    const weeks = ['2026-06-01', '2026-06-08', '2026-06-15', '2026-06-22'];
    for (const w of weeks.slice(0, 3))
      for (const d of days(w, 5)) a.setMetric('workout', d, d.endsWith('2') || d.endsWith('9') ? 0 : 1);
    const rule: Rule = { kind: 'streak', source: 'metric:workout', weeks: 4, atLeast: 3, measure: 'sum' };
    const mid = evaluateRule(rule, ctx(a, '2026-06-23'));
    expect(mid).toMatchObject({ earned: false, current: 3 });
    for (const d of ['2026-06-22', '2026-06-24', '2026-06-26']) a.setMetric('workout', d, 1);
    const done = evaluateRule(rule, ctx(a, '2026-06-27'));
    expect(done).toMatchObject({ earned: true, earnedAt: '2026-06-26' });
  });
  it('a skipped week breaks a weekly streak', () => {
    const a = new MemoryActivitySource();
    for (const d of ['2026-06-01', '2026-06-15']) a.add('journal.weeklyReview', d, { id: d });
    const rule: Rule = { kind: 'streak', source: 'journal.weeklyReview', weeks: 2 };
    expect(evaluateRule(rule, ctx(a, '2026-06-16'))).toMatchObject({ earned: false, current: 1 });
    expect(evaluateRule(rule, ctx(a, '2026-06-23'))).toMatchObject({ current: 1 });
    expect(evaluateRule(rule, ctx(a, '2026-06-29'))).toMatchObject({ current: 0 });
  });
});

describe('periodMetric', () => {
  it('average mood ≥ 4 over a fully logged week, decided when the week ends', () => {
    const a = new MemoryActivitySource({ metrics: METRICS });
    days('2026-06-01', 7).forEach((d, i) => a.setMetric('mood', d, [4, 5, 3, 4, 4, 5, 4][i]!));
    const rule: Rule = { kind: 'periodMetric', metric: 'mood', period: 'week', aggregate: 'avg', op: '>=', value: 4 };
    expect(evaluateRule(rule, ctx(a, '2026-06-06')).earned).toBe(false);
    const r = evaluateRule(rule, ctx(a, '2026-06-08'));
    expect(r).toMatchObject({ earned: true, earnedAt: '2026-06-07' });
    expect(r.evidence.days).toEqual(days('2026-06-01', 7));
  });
  it('a week with a missing day does not count by default', () => {
    const a = new MemoryActivitySource({ metrics: METRICS });
    days('2026-06-01', 6).forEach((d) => a.setMetric('mood', d, 5));
    const rule: Rule = { kind: 'periodMetric', metric: 'mood', period: 'week', aggregate: 'avg', op: '>=', value: 4 };
    expect(evaluateRule(rule, ctx(a, '2026-06-30')).earned).toBe(false);
  });
  it('a sum crossing upwards is earned the day it crosses', () => {
    const a = new MemoryActivitySource({ metrics: METRICS });
    days('2026-06-01', 5).forEach((d) => a.setMetric('sleep', d, 600));
    const rule: Rule = { kind: 'periodMetric', metric: 'sleep', period: 'week', aggregate: 'sum', op: '>=', value: 1800 };
    expect(evaluateRule(rule, ctx(a, '2026-06-05'))).toMatchObject({ earned: true, earnedAt: '2026-06-03' });
  });
});

describe('habit rule', () => {
  it('counts consecutive met periods; pending and skipped ones do not break', () => {
    const habit: HabitInfo = {
      id: 'read',
      name: 'Read a paper',
      periods: () => [
        { start: '2026-06-01', end: '2026-06-07', status: 'met', days: ['2026-06-02'], metOn: '2026-06-05' },
        { start: '2026-06-08', end: '2026-06-14', status: 'skipped', days: [] },
        { start: '2026-06-15', end: '2026-06-21', status: 'met', days: ['2026-06-16'], metOn: '2026-06-18' },
        { start: '2026-06-22', end: '2026-06-28', status: 'pending', days: [] },
      ],
    };
    const a = new MemoryActivitySource({ habits: [habit] });
    expect(evaluateRule({ kind: 'habit', habit: 'read', periods: 2 }, ctx(a, '2026-06-23'))).toMatchObject({
      earned: true,
      earnedAt: '2026-06-18',
      evidence: { days: ['2026-06-02', '2026-06-16'] },
    });
    expect(evaluateRule({ kind: 'habit', habit: 'read', periods: 3 }, ctx(a, '2026-06-23'))).toMatchObject({
      earned: false,
      current: 2,
    });
  });
});

describe('all', () => {
  it('is earned when the last part is', () => {
    const a = new MemoryActivitySource({ metrics: METRICS });
    a.add('papers.added', '2026-02-01', { id: 'p' });
    a.add('papers.highlight', '2026-02-05', { id: 'h' });
    const rule: Rule = {
      kind: 'all',
      rules: [
        { kind: 'first', source: 'papers.added' },
        { kind: 'first', source: 'papers.highlight' },
      ],
    };
    expect(evaluateRule(rule, ctx(a, '2026-02-10'))).toMatchObject({
      earned: true,
      earnedAt: '2026-02-05',
      current: 2,
      target: 2,
    });
  });
});

describe('broken rules are reported, not silently ignored', () => {
  const a = new MemoryActivitySource({
    metrics: METRICS,
    habits: [{ id: 'h', name: 'H', periods: () => [] }],
  });
  it.each<[string, Rule, string]>([
    ['unknown source', { kind: 'count', source: 'papers.eaten', target: 1 }, 'Unknown source "papers.eaten"'],
    [
      'deleted metric',
      { kind: 'dailyMetric', metric: 'steps', op: '>=', value: 1, days: 3 },
      'The metric "steps" no longer exists',
    ],
    ['deleted metric as source', { kind: 'streak', source: 'metric:steps', days: 3 }, 'The metric "steps" no longer exists'],
    ['deleted habit', { kind: 'habit', habit: 'gone', periods: 2 }, 'The habit "gone" no longer exists'],
    [
      'mood 9 on a 1–5 scale',
      { kind: 'dailyMetric', metric: 'mood', op: '>=', value: 9, days: 3 },
      'Mood is 1–5; a day can never be >= 9',
    ],
    [
      'more than 24 h of sleep',
      { kind: 'dailyMetric', metric: 'sleep', op: '>', value: 1440, days: 1 },
      'Sleep is 0h–24h; a day can never be > 24h',
    ],
    [
      'less than zero vegetables',
      { kind: 'dailyMetric', metric: 'vegetables', op: '<', value: 0, days: 1 },
      'Vegetables is 0–50; a day can never be < 0',
    ],
    [
      '8 days in a week',
      { kind: 'count', source: 'habit:h', target: 8, window: { type: 'calendarWeek' } },
      '8 days done in a week is impossible: at most 1 a day',
    ],
    [
      '8 metric days in a week',
      { kind: 'dailyMetric', metric: 'mood', op: '>=', value: 3, days: 8, consecutive: false, window: { type: 'calendarWeek' } },
      '8 days in a week is impossible',
    ],
    [
      '200 focused hours in a week',
      { kind: 'total', source: 'time.focus', unit: 'hours', target: 200, window: { type: 'calendarWeek' } },
      '200 hours in a week is impossible: at most 168h fit',
    ],
    [
      'workout 8 times a week',
      { kind: 'streak', source: 'metric:workout', weeks: 2, atLeast: 8, measure: 'sum' },
      'At least 8 a week is impossible: at most 7 fit',
    ],
    [
      'hours of a count',
      { kind: 'total', source: 'papers.finished', unit: 'hours', target: 3 },
      'Papers finished has no amount to total; use a count rule',
    ],
    [
      'average mood of 6',
      { kind: 'periodMetric', metric: 'mood', period: 'week', aggregate: 'avg', op: '>=', value: 6 },
      "A week's avg of Mood lies in 1–5; it can never be >= 6",
    ],
  ])('%s', (_, rule, reason) => {
    expect(checkRule(rule, a)).toBe(reason);
    const r = evaluateRule(rule, ctx(a, '2026-06-01'));
    expect(r).toMatchObject({ earned: false, broken: { reason } });
  });
  it('a valid rule is not broken', () => {
    expect(checkRule(veggieWeek, a)).toBeNull();
    expect(checkRule({ kind: 'count', source: 'habit:h', target: 7, window: { type: 'calendarWeek' } }, a)).toBeNull();
  });
  it('deleting the metric breaks a rule that worked', () => {
    const b = new MemoryActivitySource({ metrics: METRICS });
    b.setMetric('vegetables', '2026-06-01', 1);
    expect(evaluateRule(veggieWeek, ctx(b, '2026-06-02')).broken).toBeUndefined();
    b.deleteMetric('vegetables');
    expect(evaluateRule(veggieWeek, ctx(b, '2026-06-02')).broken).toEqual({ reason: 'The metric "vegetables" no longer exists' });
  });
});
