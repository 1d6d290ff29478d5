import { describe, expect, it } from 'vitest';
import { addDays, eachDay } from './dates';
import {
  habitHeatmap,
  habitPeriods,
  habitScore,
  habitScores,
  habitStreaks,
  loopScoreStep,
  summarizeHabit,
  validateHabitDefinition,
  type HabitDefinition,
  type HabitSchedule,
} from './habits';

const habit = (schedule: HabitSchedule, extra: Partial<HabitDefinition> = {}): HabitDefinition => ({
  id: 'h',
  name: 'Habit',
  schedule,
  source: { type: 'checkin' },
  startDate: '2026-06-01', // a Monday
  ...extra,
});
const days = (list: string[], v = 1) => new Map(list.map((d) => [d, v]));

// multiplier for a daily habit: 0.5^(sqrt(1)/13)
const M1 = Math.pow(0.5, 1 / 13);

describe("Loop Habit Tracker's score", () => {
  it('one step is prev·m + value·(1−m)', () => {
    expect(loopScoreStep(1, 0, 1)).toBeCloseTo(0.05192248566082858, 12);
    expect(loopScoreStep(1, 0.5, 0)).toBeCloseTo(0.5 * 0.9480775143391714, 12);
  });
  it('a daily habit done 13 days in a row reaches exactly one half (m^13 = 1/2)', () => {
    const h = habit({ type: 'daily' });
    const done = eachDay('2026-06-01', '2026-06-13');
    expect(habitScore(h, days(done), '2026-06-13')).toBeCloseTo(0.5, 12);
    // … and 13 missed days halve it again.
    expect(habitScore(h, days(done), '2026-06-26')).toBeCloseTo(0.25, 12);
  });
  it('first day done = 1 − m', () => {
    expect(habitScore(habit({ type: 'daily' }), days(['2026-06-01']), '2026-06-01')).toBeCloseTo(1 - M1, 12);
  });
  it('3×/week doubles numerator and denominator (6 in 14 days), frequency 3/7', () => {
    // Done Mon, Wed, Fri. Hand computation with m = 0.5^(sqrt(3/7)/13) = 0.96569668171…:
    // day1 rolling 1 → c=1/6; day2 c=1/6; day3 rolling 2 → 2/6; day4 2/6; day5 3/6; day6 3/6; day7 3/6.
    const h = habit({ type: 'perWeek', times: 3 });
    const v = days(['2026-06-01', '2026-06-03', '2026-06-05']);
    const { scores } = habitScores(h, v, '2026-06-07');
    const expected = [
      0.005717219714356255, 0.011238319821139167, 0.022287247588025732, 0.032957160469004244, 0.048978279646697445,
      0.0644498212739381, 0.07939063768436229,
    ];
    expected.forEach((e, i) => expect(scores[i]).toBeCloseTo(e, 12));
  });
  it('at most 60 min a day: starts at 1, 90 min gives checkmark 0.5', () => {
    const h = habit({ type: 'atMost', limit: 60, per: 'day' });
    expect(habitScore(h, days(['2026-06-01'], 90), '2026-06-01')).toBeCloseTo(M1 + 0.5 * (1 - M1), 12);
    expect(habitScore(h, new Map(), '2026-06-05')).toBe(1);
  });
  it('at least 120 min a day: 60 min gives checkmark 0.5', () => {
    const h = habit({ type: 'atLeast', amount: 120, per: 'day' });
    expect(habitScore(h, days(['2026-06-01'], 60), '2026-06-01')).toBeCloseTo(0.5 * (1 - M1), 12);
  });
  it('a skipped day leaves the score unchanged', () => {
    const h = habit({ type: 'daily' });
    const v = days(['2026-06-01']);
    const s1 = habitScore(h, v, '2026-06-01');
    expect(habitScore(h, v, '2026-06-02', { skips: new Set(['2026-06-02']) })).toBe(s1);
  });
  it('starts at the first recorded value when it predates the start date', () => {
    const h = habit({ type: 'daily' });
    const series = habitScores(h, days(['2026-05-30']), '2026-06-01');
    expect(series.from).toBe('2026-05-30');
    expect(series.scores.length).toBe(3);
  });
});

describe('periods and streaks respect the schedule', () => {
  it('a daily streak: a missing day breaks it; today pending does not', () => {
    const h = habit({ type: 'daily' });
    const v = days(['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-05', '2026-06-06']);
    const p = habitPeriods(h, v, '2026-06-07');
    expect(p.map((x) => x.status)).toEqual(['met', 'met', 'met', 'missed', 'met', 'met', 'pending']);
    expect(habitStreaks(p, 'day')).toEqual({
      unit: 'day',
      current: 2,
      currentStart: '2026-06-05',
      best: 3,
      bestStart: '2026-06-01',
      bestEnd: '2026-06-03',
    });
  });
  it('a 3×/week streak counts weeks', () => {
    const h = habit({ type: 'perWeek', times: 3 });
    const done = [
      '2026-06-01',
      '2026-06-03',
      '2026-06-05', // week 1: 3 ✓
      '2026-06-08',
      '2026-06-09',
      '2026-06-14', // week 2: 3 ✓
      '2026-06-16', // week 3: 1 ✗
      '2026-06-22',
      '2026-06-23',
      '2026-06-24',
      '2026-06-25', // week 4: 4 ✓
      '2026-06-29', // week 5 (current): pending
    ];
    const p = habitPeriods(h, days(done), '2026-06-30');
    expect(p.map((x) => [x.start, x.value, x.status])).toEqual([
      ['2026-06-01', 3, 'met'],
      ['2026-06-08', 3, 'met'],
      ['2026-06-15', 1, 'missed'],
      ['2026-06-22', 4, 'met'],
      ['2026-06-29', 1, 'pending'],
    ]);
    expect(habitStreaks(p, 'week')).toMatchObject({ current: 1, best: 2, bestStart: '2026-06-01', bestEnd: '2026-06-14' });
  });
  it('a first week cut by the start date does not break a streak', () => {
    const h = habit({ type: 'perWeek', times: 3 }, { startDate: '2026-06-06' }); // a Saturday
    const p = habitPeriods(h, days(['2026-06-06', '2026-06-08', '2026-06-09', '2026-06-10']), '2026-06-15');
    expect(p.map((x) => x.status)).toEqual(['partial', 'met', 'pending']);
  });
  it('at most 2 h a day: a day over the limit is missed, today is pending until exceeded', () => {
    const h = habit({ type: 'atMost', limit: 120, per: 'day' });
    const v = new Map([
      ['2026-06-01', 60],
      ['2026-06-02', 200],
      ['2026-06-03', 130],
    ]);
    expect(habitPeriods(h, v, '2026-06-04').map((x) => x.status)).toEqual(['met', 'missed', 'missed', 'pending']);
  });
  it('per month', () => {
    const h = habit({ type: 'perMonth', times: 2 });
    const p = habitPeriods(h, days(['2026-06-03', '2026-06-20', '2026-07-01']), '2026-08-10');
    expect(p.map((x) => [x.start, x.end, x.status])).toEqual([
      ['2026-06-01', '2026-06-30', 'met'],
      ['2026-07-01', '2026-07-31', 'missed'],
      ['2026-08-01', '2026-08-31', 'pending'],
    ]);
  });
  it('a derived numeric source uses the threshold ("two hours a day")', () => {
    const h = habit(
      { type: 'atLeast', amount: 120, per: 'day' },
      {
        source: { type: 'activity', source: 'time.category:side-project', measure: 'sum' },
      },
    );
    const v = new Map([
      ['2026-06-01', 125],
      ['2026-06-02', 90],
    ]);
    expect(habitPeriods(h, v, '2026-06-02').map((x) => x.status)).toEqual(['met', 'pending']);
    const s = summarizeHabit(h, v, '2026-06-02');
    expect(s.streaks.current).toBe(1);
    expect(s.doneToday).toBe(false);
  });
});

describe('heatmap', () => {
  it('gives one cell per day with a level and grid position', () => {
    const h = habit({ type: 'atLeast', amount: 120, per: 'day' });
    const v = new Map([
      ['2026-06-01', 30],
      ['2026-06-02', 120],
      ['2026-06-03', 300],
    ]);
    const cells = habitHeatmap(h, v, '2026-06-01', '2026-06-08');
    expect(cells).toHaveLength(8);
    expect(cells.slice(0, 4).map((c) => [c.level, c.done])).toEqual([
      [1, false],
      [4, true],
      [4, true],
      [0, false],
    ]);
    expect(cells[7]).toMatchObject({ day: '2026-06-08', week: 1, weekday: 0 });
  });
  it('covers a whole year', () => {
    const h = habit({ type: 'daily' });
    const all = eachDay('2026-01-01', '2026-12-31').filter((_, i) => i % 2 === 0);
    const cells = habitHeatmap(h, days(all), '2026-01-01', '2026-12-31');
    expect(cells).toHaveLength(365);
    expect(cells.filter((c) => c.done)).toHaveLength(183);
    expect(addDays(cells[0]!.day, 364)).toBe(cells[364]!.day);
  });
});

describe('validateHabitDefinition', () => {
  it('refuses 8 times a week', () => {
    expect(validateHabitDefinition(habit({ type: 'perWeek', times: 8 }))).toEqual([
      { field: 'schedule.times', message: 'A week has 7 days: times per week is 1–7; got 8' },
    ]);
    expect(validateHabitDefinition(habit({ type: 'daily' }))).toEqual([]);
  });
});
