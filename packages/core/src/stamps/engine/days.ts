/**
 * The little day arithmetic the engine needs, over `YYYY-MM-DD` strings and UTC epoch-day numbers
 * (the tracking domain has the full set; stamps keeps its own copy so the two stay independent).
 */
export type Day = string;
export type PeriodUnit = 'day' | 'week' | 'month' | 'year';

const MS = 86_400_000;

// Memoised: the engine converts every day of ten-year scans.
const toNumCache = new Map<string, number>();
const toDayCache = new Map<number, string>();
const CACHE_LIMIT = 100_000;

export function dayToNum(day: Day): number {
  let n = toNumCache.get(day);
  if (n === undefined) {
    n = Math.round(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / MS);
    if (toNumCache.size >= CACHE_LIMIT) toNumCache.clear();
    toNumCache.set(day, n);
  }
  return n;
}

export function numToDay(n: number): Day {
  let day = toDayCache.get(n);
  if (day === undefined) {
    day = new Date(n * MS).toISOString().slice(0, 10);
    if (toDayCache.size >= CACHE_LIMIT) toDayCache.clear();
    toDayCache.set(n, day);
  }
  return day;
}

export function isValidDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  return numToDay(dayToNum(text)) === text;
}

/** The epoch-day number of the first day of the period holding day number `n`. */
export function periodStart(n: number, unit: PeriodUnit, weekStartsOn: number): number {
  if (unit === 'day') return n;
  if (unit === 'week') {
    const weekday = (((n + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    return n - ((weekday - weekStartsOn + 7) % 7);
  }
  const d = new Date(n * MS);
  const month = unit === 'month' ? d.getUTCMonth() : 0;
  return Math.round(Date.UTC(d.getUTCFullYear(), month, 1) / MS);
}

/** The first day number of the period after the one starting at `start`. */
export function nextPeriodStart(start: number, unit: PeriodUnit): number {
  if (unit === 'day') return start + 1;
  if (unit === 'week') return start + 7;
  const d = new Date(start * MS);
  return unit === 'month'
    ? Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / MS)
    : Math.round(Date.UTC(d.getUTCFullYear() + 1, 0, 1) / MS);
}

/** The most days a period of this unit can have. */
export function maxPeriodDays(unit: PeriodUnit): number {
  return unit === 'day' ? 1 : unit === 'week' ? 7 : unit === 'month' ? 31 : 366;
}
