import { describe, expect, it } from 'vitest';
import { computeDashboard } from './dashboard';
import { DEFAULT_METRICS, type MetricValue } from './metrics';
import { parseTimeLog } from './timelog';

describe('computeDashboard', () => {
  const values: MetricValue[] = [
    { date: '2026-06-01', metricId: 'sleep', value: 420 },
    { date: '2026-06-02', metricId: 'sleep', value: 480 },
    { date: '2026-06-02', metricId: 'mood', value: 4 },
    { date: '2026-06-03', metricId: 'mood', value: 2 },
    { date: '2026-06-03', metricId: 'productivity', value: 150 },
    { date: '2026-06-04', metricId: 'productivity', value: 90 },
    { date: '2026-05-31', metricId: 'productivity', value: 999 }, // outside the week
  ];
  const blocks = [
    ...parseTimeLog('09:00 reading #research\n10:30 lunch\n11:00', { day: '2026-06-01' }).blocks,
    ...parseTimeLog('14:00-15:00 coding', { day: '2026-06-03' }).blocks,
  ];
  const d = computeDashboard({
    from: '2026-06-01',
    to: '2026-06-07',
    today: '2026-06-07',
    metrics: DEFAULT_METRICS,
    metricValues: values,
    timeBlocks: blocks,
    habits: [
      {
        habit: {
          id: 'w',
          name: 'Workout',
          schedule: { type: 'perWeek', times: 2 },
          source: { type: 'checkin' },
          startDate: '2026-05-01',
        },
        values: new Map([
          ['2026-06-02', 1],
          ['2026-06-05', 1],
        ]),
      },
    ],
    tasks: [
      { id: 't1', title: 'x', priority: 'low', createdAt: '2026-06-01T00:00:00Z', due: '2026-06-03' },
      { id: 't2', title: 'y', priority: 'high', createdAt: '2026-06-01T00:00:00Z', doneAt: '2026-06-07T18:00:00Z' },
    ],
    spend: [
      { id: 's', amountMinor: 1999, currency: 'USD', project: 'P', category: 'EMPIRICAL', date: '2026-06-02' },
      { id: 's2', amountMinor: 500, currency: 'USD', project: 'P', category: 'EMPIRICAL', date: '2026-06-09' },
    ],
  });
  it('metric totals equal SUM/COUNT over the raw rows of the range', () => {
    const byId = Object.fromEntries(d.metrics.map((m) => [m.id, m]));
    expect(byId.productivity).toMatchObject({ total: 240, count: 2, headline: 240, aggregate: 'sum' });
    expect(byId.sleep).toMatchObject({ total: 900, count: 2, average: 450, headline: 450, aggregate: 'avg' });
    expect(byId.mood).toMatchObject({ total: 6, count: 2, average: 3, min: 2, max: 4, headline: 3 });
    expect(byId.workout).toMatchObject({ total: 0, count: 0, average: null, headline: null });
    expect(byId.sleep!.series).toEqual([420, 480, null, null, null, null, null]);
  });
  it('time, habits, tasks and spend', () => {
    expect(d.time).toMatchObject({ total: 180, productive: 150, unproductive: 30 });
    expect(d.time.productiveByDay).toEqual([90, 0, 60, 0, 0, 0, 0]);
    expect(d.habits[0]).toMatchObject({ periodsMet: 1, periodsDecided: 1 });
    expect(d.habits[0]!.streaks.current).toBe(1);
    expect(d.habits[0]!.heatmap).toHaveLength(7);
    expect(d.tasks).toMatchObject({ open: 1, overdue: 1, doneInRange: 1 });
    expect(d.tasks.next?.id).toBe('t1');
    expect(d.spend.map((s) => [s.currency, s.total])).toEqual([['USD', 1999]]);
  });
});
