import { dayToNum, daysInMonthOf, monthName, type Day } from './dates';
import type { FieldError } from './result';

/**
 * Monthly goals ("30 papers in June"): a target for one calendar month over an activity source,
 * its progress, a linear projection to the month's end and the pace still needed.
 */
export interface MonthlyGoal {
  id: string;
  name: string;
  /** Activity source id (same catalog as stamps and habits), e.g. `papers.finished`. */
  source: string;
  measure: 'count' | 'sum';
  /** `YYYY-MM`. */
  month: string;
  target: number;
  unit?: string;
}

export type GoalStatus = 'upcoming' | 'active' | 'met' | 'missed';

export interface GoalProgress {
  goal: MonthlyGoal;
  status: GoalStatus;
  current: number;
  target: number;
  /** current / target, capped at 1. */
  fraction: number;
  daysInMonth: number;
  /** Days of the month up to and including today (0 before the month, all of them after). */
  daysElapsed: number;
  /** Days left including today (0 once the month is over). */
  daysLeft: number;
  /** Linear projection of the month's total at the current pace. */
  projected: number;
  /** Per day, from today to the month's end, to still reach the target (0 when reached). */
  paceNeeded: number;
  /** Per day so far. */
  paceSoFar: number;
  onTrack: boolean;
}

const MONTH_RE = /^(\d{4})-(\d{2})$/;

export function validateGoal(goal: MonthlyGoal): FieldError[] {
  const errors: FieldError[] = [];
  const m = MONTH_RE.exec(goal.month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) {
    errors.push({ field: 'month', message: `Month must be written YYYY-MM; got "${goal.month}"` });
  }
  if (!Number.isFinite(goal.target) || goal.target <= 0) {
    errors.push({ field: 'target', message: `The target must be above zero; got ${goal.target}` });
  } else if (goal.measure === 'count' && !Number.isInteger(goal.target)) {
    errors.push({ field: 'target', message: `Count a whole number of items; got ${goal.target}` });
  }
  if (goal.name.trim() === '') errors.push({ field: 'name', message: 'Give the goal a name' });
  return errors;
}

export function describeGoal(goal: MonthlyGoal): string {
  const month = Number(goal.month.slice(5, 7));
  return `${goal.target}${goal.unit ? ` ${goal.unit}` : ''} in ${monthName(month)} ${goal.month.slice(0, 4)}`;
}

/**
 * `values` holds the source's daily count or sum (only days in the goal's month are read).
 */
export function goalProgress(goal: MonthlyGoal, values: ReadonlyMap<Day, number>, today: Day): GoalProgress {
  const year = Number(goal.month.slice(0, 4));
  const month = Number(goal.month.slice(5, 7));
  const dim = daysInMonthOf(year, month);
  const first = `${goal.month}-01`;
  const last = `${goal.month}-${String(dim).padStart(2, '0')}`;
  let current = 0;
  for (const [day, v] of values) if (day >= first && day <= last) current += v;
  const target = goal.target;
  let daysElapsed: number;
  if (today < first) daysElapsed = 0;
  else if (today > last) daysElapsed = dim;
  else daysElapsed = dayToNum(today) - dayToNum(first) + 1;
  const daysLeft = today > last ? 0 : today < first ? dim : dim - daysElapsed + 1;
  const remaining = Math.max(0, target - current);
  const paceSoFar = daysElapsed > 0 ? current / daysElapsed : 0;
  const projected = today > last ? current : daysElapsed > 0 ? paceSoFar * dim : current;
  const status: GoalStatus = current >= target ? 'met' : today > last ? 'missed' : today < first ? 'upcoming' : 'active';
  return {
    goal,
    status,
    current,
    target,
    fraction: target > 0 ? Math.min(1, current / target) : 0,
    daysInMonth: dim,
    daysElapsed,
    daysLeft,
    projected,
    paceNeeded: remaining === 0 ? 0 : daysLeft > 0 ? remaining / daysLeft : Infinity,
    paceSoFar,
    onTrack: status === 'met' || status === 'upcoming' || (status === 'active' && projected >= target),
  };
}
