import { describe, expect, it } from 'vitest';
import { describeGoal, goalProgress, validateGoal, type MonthlyGoal } from './goals';

const goal: MonthlyGoal = {
  id: 'g',
  name: 'Papers',
  source: 'papers.finished',
  measure: 'count',
  month: '2026-06',
  target: 30,
  unit: 'papers',
};

describe('monthly goals', () => {
  it('projects linearly and says the pace needed', () => {
    // 12 papers in the first 10 days of June.
    const values = new Map([
      ['2026-06-02', 5],
      ['2026-06-09', 7],
      ['2026-05-31', 9], // outside the month
    ]);
    const p = goalProgress(goal, values, '2026-06-10');
    expect(p).toMatchObject({
      status: 'active',
      current: 12,
      daysInMonth: 30,
      daysElapsed: 10,
      daysLeft: 21,
      projected: 36,
      onTrack: true,
    });
    expect(p.paceNeeded).toBeCloseTo(18 / 21, 12);
    expect(p.fraction).toBeCloseTo(0.4, 12);
    expect(describeGoal(goal)).toBe('30 papers in June 2026');
  });
  it('is off track when the projection falls short, missed after the month', () => {
    const values = new Map([['2026-06-01', 3]]);
    expect(goalProgress(goal, values, '2026-06-15')).toMatchObject({ projected: 6, onTrack: false });
    expect(goalProgress(goal, values, '2026-07-01')).toMatchObject({
      status: 'missed',
      daysLeft: 0,
      projected: 3,
      onTrack: false,
    });
    expect(goalProgress(goal, values, '2026-05-20')).toMatchObject({ status: 'upcoming', daysElapsed: 0, onTrack: true });
    expect(goalProgress(goal, new Map([['2026-06-03', 30]]), '2026-06-03')).toMatchObject({ status: 'met', paceNeeded: 0 });
  });
  it('validates', () => {
    expect(validateGoal({ ...goal, target: 0, month: '2026-13' }).map((e) => e.field)).toEqual(['month', 'target']);
  });
});
