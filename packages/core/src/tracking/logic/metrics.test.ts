import { describe, expect, it } from 'vitest';
import {
  DEFAULT_METRICS,
  formatDuration,
  parseDuration,
  parseLogCommand,
  parseMetricValue,
  validateCheckIn,
  validateMetricDefinition,
  validateMetricValue,
  type MetricDefinition,
} from './metrics';

const def = (id: string): MetricDefinition => DEFAULT_METRICS.find((d) => d.id === id)!;

describe('parseDuration (minutes)', () => {
  it.each([
    ['2h30m', 150],
    ['2h 30m', 150],
    ['2.5h', 150],
    ['2,5h', 150],
    ['150m', 150],
    ['150 min', 150],
    ['1:30', 90],
    ['0:05', 5],
    ['7.5', 450],
    ['2 hours 15 minutes', 135],
    ['45 minutes', 45],
  ])('%s → %d', (text, minutes) => {
    expect(parseDuration(text)).toBe(minutes);
  });
  it('reads a bare number in the metric input unit', () => {
    expect(parseDuration('90', 'min')).toBe(90);
    expect(parseDuration('1:75')).toBeNull();
    expect(parseDuration('soon')).toBeNull();
  });
  it('formats back', () => {
    expect(formatDuration(150)).toBe('2h 30m');
    expect(formatDuration(45)).toBe('45m');
    expect(formatDuration(1800)).toBe('30h');
  });
});

describe('impossible values are refused with a message on the field', () => {
  it('mood 9 on a 1–5 scale', () => {
    expect(parseMetricValue(def('mood'), '9')).toEqual({ ok: false, field: 'mood', message: 'Mood is 1–5; got 9' });
    expect(validateMetricValue(def('mood'), 3.5)).toMatchObject({ ok: false, message: 'Mood is 1–5; got 3.5' });
    expect(parseMetricValue(def('mood'), '4/5')).toEqual({ ok: true, value: 4 });
  });
  it('negative hours', () => {
    expect(parseMetricValue(def('productivity'), '-2h')).toEqual({
      ok: false,
      field: 'productivity',
      message: 'Productivity hours cannot be negative; got -2h',
    });
  });
  it('30 hours in a day', () => {
    expect(parseMetricValue(def('screen_time'), '30h')).toEqual({
      ok: false,
      field: 'screen_time',
      message: 'Screen time is at most 24h a day; got 30h',
    });
    expect(parseMetricValue(def('sleep'), '24h')).toEqual({ ok: true, value: 1440 });
  });
  it('counts are whole, booleans yes/no', () => {
    expect(parseMetricValue(def('vegetables'), '1.5')).toMatchObject({
      ok: false,
      message: 'Vegetables is a whole number; got 1.5',
    });
    expect(parseMetricValue(def('vegetables'), '3 servings')).toEqual({ ok: true, value: 3 });
    expect(parseMetricValue(def('workout'), 'yes')).toEqual({ ok: true, value: 1 });
    expect(parseMetricValue(def('workout'), 'maybe')).toMatchObject({ ok: false, message: 'Workout is yes or no; got "maybe"' });
  });
  it('garbage durations explain the accepted forms', () => {
    expect(parseMetricValue(def('sleep'), 'lots')).toMatchObject({
      ok: false,
      message: expect.stringContaining('try 7h30m, 7.5h, 450m or 7:30'),
    });
  });
  it('custom number metrics honour min/max', () => {
    const weight: MetricDefinition = { id: 'weight', name: 'Weight', kind: 'number', unit: 'kg', min: 20, max: 300 };
    expect(parseMetricValue(weight, '72.4 kg')).toEqual({ ok: true, value: 72.4 });
    expect(parseMetricValue(weight, '5')).toMatchObject({ ok: false, message: 'Weight is at least 20; got 5' });
  });
});

describe('validateCheckIn keeps valid fields when others fail', () => {
  it('returns clean values plus one message per bad field', () => {
    const r = validateCheckIn(DEFAULT_METRICS, {
      date: '2026-06-03',
      values: { mood: '9', sleep: '7h30m', screen_time: '30h', vegetables: '2', workout: '', nope: '1' },
    });
    expect(r.date).toBe('2026-06-03');
    expect(r.values).toEqual({ sleep: 450, vegetables: 2 });
    expect(r.cleared).toEqual(['workout']);
    expect(r.errors).toEqual([
      { field: 'mood', message: 'Mood is 1–5; got 9' },
      { field: 'screen_time', message: 'Screen time is at most 24h a day; got 30h' },
      { field: 'nope', message: 'There is no metric "nope"' },
    ]);
  });
  it('a non-existent date is refused but the values still validate', () => {
    const r = validateCheckIn(DEFAULT_METRICS, { date: '2026-02-30', values: { mood: 4 } });
    expect(r.date).toBeUndefined();
    expect(r.values).toEqual({ mood: 4 });
    expect(r.errors[0]).toMatchObject({ field: 'date' });
  });
});

describe('folio log', () => {
  it('resolves metric by id or name and defaults the date to today', () => {
    expect(parseLogCommand(DEFAULT_METRICS, { metric: 'sleep', value: '7:45' }, '2026-06-03')).toEqual({
      ok: true,
      value: { date: '2026-06-03', metricId: 'sleep', value: 465 },
    });
    expect(
      parseLogCommand(DEFAULT_METRICS, { metric: 'Screen time', value: '2h', date: '2026-06-01' }, '2026-06-03'),
    ).toMatchObject({
      ok: true,
      value: { metricId: 'screen_time', value: 120, date: '2026-06-01' },
    });
    expect(parseLogCommand(DEFAULT_METRICS, { metric: 'steps', value: '1' }, '2026-06-03')).toMatchObject({
      ok: false,
      field: 'metric',
    });
    expect(parseLogCommand(DEFAULT_METRICS, { metric: 'mood', value: '3', date: '2026-02-30' }, '2026-06-03')).toMatchObject({
      ok: false,
      field: 'date',
    });
  });
});

describe('validateMetricDefinition', () => {
  it('accepts the defaults and flags bad definitions', () => {
    for (const d of DEFAULT_METRICS) expect(validateMetricDefinition(d)).toEqual([]);
    const errs = validateMetricDefinition({ id: 'Bad Id', name: '', kind: 'scale', min: 5, max: 1 });
    expect(errs.map((e) => e.field).sort()).toEqual(['id', 'max', 'max', 'name']);
    expect(validateMetricDefinition({ id: 'x', name: 'X', kind: 'duration', dailyCap: 2000 })).toEqual([
      { field: 'dailyCap', message: 'A day has at most 24 hours' },
    ]);
  });
});
