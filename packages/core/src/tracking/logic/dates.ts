import type { FieldResult } from './result';

/**
 * Calendar days are plain `YYYY-MM-DD` strings (the user's local calendar day, no time zone):
 * they sort as text, they are what SQLite stores, and day arithmetic goes through a UTC epoch-day
 * number so daylight-saving changes can never shift a day.
 */
export type Day = string;

/** 0 = Sunday … 6 = Saturday (as `Date#getUTCDay`). Folio's default week starts on Monday (ISO). */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;
export const DEFAULT_WEEK_STARTS_ON: Weekday = 1;

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonthOf(year: number, month1: number): number {
  if (month1 === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month1) ? 30 : 31;
}

/** True only for a well-formed day that exists on the calendar (no 2026-02-30). */
export function isValidDay(text: string): boolean {
  const m = DAY_RE.exec(text);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonthOf(y, mo);
}

/**
 * Validates a user-typed date for a form field. Accepts only `YYYY-MM-DD`; a date that does not
 * exist is refused with a message saying why ("February 2026 has 28 days").
 */
export function validateDate(raw: string, opts: { field?: string; notAfter?: Day; label?: string } = {}): FieldResult<Day> {
  const field = opts.field ?? 'date';
  const label = opts.label ?? 'Date';
  const text = raw.trim();
  const m = DAY_RE.exec(text);
  if (!m) {
    return { ok: false, field, message: `${label} must be written YYYY-MM-DD; got "${raw}"` };
  }
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1) return { ok: false, field, message: `${label}: year ${m[1]} does not exist` };
  if (mo < 1 || mo > 12) return { ok: false, field, message: `${label}: there is no month ${mo} (${text})` };
  const dim = daysInMonthOf(y, mo);
  if (d < 1 || d > dim) {
    return {
      ok: false,
      field,
      message: `${text} is not a real date: ${MONTH_NAMES[mo - 1]} ${y} has ${dim} days`,
    };
  }
  if (opts.notAfter !== undefined && text > opts.notAfter) {
    return { ok: false, field, message: `${label} ${text} is in the future (today is ${opts.notAfter})` };
  }
  return { ok: true, value: text };
}

// Day <-> number conversions run for every day of ten-year scans; a small memo makes them cheap.
const toNumCache = new Map<string, number>();
const toDayCache = new Map<number, string>();
const CACHE_LIMIT = 100_000;

/** Days since 1970-01-01. The input must be a valid day. */
export function dayToNum(day: Day): number {
  let n = toNumCache.get(day);
  if (n === undefined) {
    const y = Number(day.slice(0, 4));
    const m = Number(day.slice(5, 7));
    const d = Number(day.slice(8, 10));
    n = Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
    if (toNumCache.size >= CACHE_LIMIT) toNumCache.clear();
    toNumCache.set(day, n);
  }
  return n;
}

export function numToDay(n: number): Day {
  let day = toDayCache.get(n);
  if (day === undefined) {
    day = new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
    if (toDayCache.size >= CACHE_LIMIT) toDayCache.clear();
    toDayCache.set(n, day);
  }
  return day;
}

export function addDays(day: Day, n: number): Day {
  return numToDay(dayToNum(day) + n);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function diffDays(a: Day, b: Day): number {
  return dayToNum(b) - dayToNum(a);
}

export function weekdayOf(day: Day): Weekday {
  // 1970-01-01 was a Thursday (4).
  return ((((dayToNum(day) + 4) % 7) + 7) % 7) as Weekday;
}

export function startOfWeek(day: Day, weekStartsOn: Weekday = DEFAULT_WEEK_STARTS_ON): Day {
  const back = (weekdayOf(day) - weekStartsOn + 7) % 7;
  return addDays(day, -back);
}

export function endOfWeek(day: Day, weekStartsOn: Weekday = DEFAULT_WEEK_STARTS_ON): Day {
  return addDays(startOfWeek(day, weekStartsOn), 6);
}

export function startOfMonth(day: Day): Day {
  return `${day.slice(0, 7)}-01`;
}

export function endOfMonth(day: Day): Day {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return `${day.slice(0, 7)}-${String(daysInMonthOf(y, m)).padStart(2, '0')}`;
}

export function daysInMonth(day: Day): number {
  return daysInMonthOf(Number(day.slice(0, 4)), Number(day.slice(5, 7)));
}

export function startOfYear(day: Day): Day {
  return `${day.slice(0, 4)}-01-01`;
}

/** `YYYY-MM` of a day. */
export function monthKey(day: Day): string {
  return day.slice(0, 7);
}

export function monthName(month1: number): string {
  return MONTH_NAMES[month1 - 1] ?? String(month1);
}

/** Every day from `from` to `to`, both included (empty when from > to). */
export function eachDay(from: Day, to: Day): Day[] {
  const out: Day[] = [];
  const a = dayToNum(from);
  const b = dayToNum(to);
  for (let n = a; n <= b; n++) out.push(numToDay(n));
  return out;
}

/** The user's local calendar day of a JS Date (uses the process time zone). */
export function localDay(date: Date): Day {
  const y = date.getFullYear();
  const m = date.getMonth() + 1;
  const d = date.getDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
