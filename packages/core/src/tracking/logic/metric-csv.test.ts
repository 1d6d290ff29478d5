import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { exportMetricsCsv, importMetricsCsv } from './metric-csv';
import { DEFAULT_METRICS, type MetricValue } from './metrics';

const values: MetricValue[] = [
  { date: '2026-06-01', metricId: 'sleep', value: 450 },
  { date: '2026-06-01', metricId: 'mood', value: 4 },
  { date: '2026-06-02', metricId: 'workout', value: 1 },
  { date: '2026-06-02', metricId: 'vegetables', value: 3 },
];

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, CRLF, BOM and semicolons', () => {
    expect(parseCsv('\uFEFFa,"b ""x"", c"\r\n1,2\n').map((r) => r.cells)).toEqual([
      ['a', 'b "x", c'],
      ['1', '2'],
    ]);
    expect(parseCsv('date;mood\n2026-01-01;3').map((r) => r.cells)).toEqual([
      ['date', 'mood'],
      ['2026-01-01', '3'],
    ]);
    expect(parseCsv('a\n\nb').map((r) => r.line)).toEqual([1, 3]);
  });
});

describe('metric CSV', () => {
  it('wide export round-trips exactly', () => {
    const csv = exportMetricsCsv(DEFAULT_METRICS, values);
    expect(csv.split('\r\n')[0]).toBe('date,productivity,screen_time,mood,sleep,vegetables,workout');
    expect(csv).toContain('2026-06-01,,,4,7:30,,');
    const back = importMetricsCsv(DEFAULT_METRICS, csv);
    expect(back.errors).toEqual([]);
    expect(back.format).toBe('wide');
    expect(sort(back.values)).toEqual(sort(values));
  });
  it('long export round-trips exactly', () => {
    const csv = exportMetricsCsv(DEFAULT_METRICS, values, { format: 'long', durationFormat: 'minutes' });
    expect(csv).toContain('2026-06-01,sleep,450m');
    const back = importMetricsCsv(DEFAULT_METRICS, csv);
    expect(back.format).toBe('long');
    expect(sort(back.values)).toEqual(sort(values));
  });
  it('reports bad cells per row and keeps the good ones', () => {
    const csv = [
      'date,Mood,Sleep,Screen time,steps',
      '2026-06-01,4,7h,2h,100',
      '2026-02-30,3,8h,1h,',
      '2026-06-02,9,6.5h,30h,',
      '2026-06-01,5,,,',
    ].join('\n');
    const r = importMetricsCsv(DEFAULT_METRICS, csv);
    expect(r.values).toEqual([
      { date: '2026-06-01', metricId: 'mood', value: 4 },
      { date: '2026-06-01', metricId: 'sleep', value: 420 },
      { date: '2026-06-01', metricId: 'screen_time', value: 120 },
      { date: '2026-06-02', metricId: 'sleep', value: 390 },
    ]);
    expect(r.errors).toEqual([
      { line: 1, field: 'header', message: 'Column "steps" is not a metric; its cells are skipped' },
      { line: 3, field: 'date', message: '2026-02-30 is not a real date: February 2026 has 28 days' },
      { line: 4, field: 'mood', message: '2026-06-02: Mood is 1–5; got 9' },
      { line: 4, field: 'screen_time', message: '2026-06-02: Screen time is at most 24h a day; got 30h' },
      { line: 5, field: 'mood', message: 'A second mood value for 2026-06-01; kept the first' },
    ]);
  });
  it('refuses a file without a date column', () => {
    const r = importMetricsCsv(DEFAULT_METRICS, 'mood,sleep\n3,7h');
    expect(r.values).toEqual([]);
    expect(r.errors[0]).toMatchObject({ field: 'header' });
  });
});

function sort(v: MetricValue[]): MetricValue[] {
  return [...v].sort((a, b) => (a.date + a.metricId).localeCompare(b.date + b.metricId));
}
