// Loose date parsing for imported notes: front-matter values and file names in the shapes people
// actually write. Times are kept as written (wall-clock); a trailing zone offset is ignored on
// purpose, because a journal entry belongs to the day its author saw on the clock.

export interface LooseDate {
  /** 'YYYY-MM-DD' */
  date: string;
  /** 'HH:MM' when the value carried a time of day. */
  time?: string;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

const pad = (n: number): string => String(n).padStart(2, '0');

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isValidYmd(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    year >= 1000 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

export function formatYmd(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Two-digit years: 00-69 are 2000-2069, 70-99 are 1970-1999. */
export function expandYear(y: number): number {
  if (y >= 100) return y;
  return y < 70 ? 2000 + y : 1900 + y;
}

function parseTime(h: string | undefined, m: string | undefined, ampm: string | undefined): string | undefined {
  if (h === undefined || m === undefined) return undefined;
  let hour = Number(h);
  const minute = Number(m);
  if (ampm) {
    const pm = ampm.toLowerCase().startsWith('p');
    if (hour === 12) hour = pm ? 12 : 0;
    else if (pm) hour += 12;
  }
  if (hour > 23 || minute > 59) return undefined;
  return `${pad(hour)}:${pad(minute)}`;
}

function build(year: number, month: number, day: number, time?: string): LooseDate | null {
  if (!isValidYmd(year, month, day)) return null;
  return time ? { date: formatYmd(year, month, day), time } : { date: formatYmd(year, month, day) };
}

const TIME_CORE = String.raw`(\d{1,2}):(\d{2})(?::\d{2}(?:[.,]\d+)?)?\s*([ap]\.?m\.?)?`;
const ZONE = String.raw`\s*(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?`;
const TIME = String.raw`(?:[T\s]+${TIME_CORE})?${ZONE}`;
const TIME_AFTER = String.raw`(?:,?\s*(?:at\s+)?${TIME_CORE})?${ZONE}`;
const ISO_RE = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}$`, 'i');
const COMPACT_RE = /^(\d{4})(\d{2})(\d{2})(?:[T\s]?(\d{2})(\d{2})(?:\d{2})?)?$/;
const CJK_RE = new RegExp(
  String.raw`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?(?:\s*(?:星期|周|週)[一二三四五六日天])?${TIME}$`,
);
const NUMERIC_RE = new RegExp(String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})${TIME}$`, 'i');
const WEEKDAY = String.raw`(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?`;
const MDY_RE = new RegExp(String.raw`^${WEEKDAY}([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME_AFTER}$`, 'i');
const DMY_RE = new RegExp(String.raw`^${WEEKDAY}(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})${TIME_AFTER}$`, 'i');

/**
 * Parse a date written in any common shape: `2025-01-24`, `2025-01-24 09:15:18`, ISO with `T`
 * and a zone, `2025/1/24`, `20250124`, `Jan 19, 2025`, `Sunday, January 19, 2025 9:15 AM`,
 * `19 Jan 2025`, `1/19/2025` (month first unless the first number is above 12), `2025年1月19日`,
 * a JS Date, or an epoch number (seconds or milliseconds). Returns null when not a date.
 */
export function parseLooseDate(value: unknown): LooseDate | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    const t = parseTime(String(value.getUTCHours()), String(value.getUTCMinutes()), undefined);
    const hasTime = value.getUTCHours() !== 0 || value.getUTCMinutes() !== 0;
    return build(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate(), hasTime ? t : undefined);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    if (value >= 10000101 && value <= 99991231 && Number.isInteger(value)) return parseLooseDate(String(value));
    if (value > 1e11) return parseLooseDate(new Date(value)); // milliseconds
    if (value > 1e8) return parseLooseDate(new Date(value * 1000)); // seconds
    return null;
  }
  if (typeof value !== 'string') return null;
  const s = value
    .trim()
    .replace(/^['"“”‘’]+|['"“”‘’]+$/g, '')
    .trim();
  if (!s || s.length > 80) return null;
  let m = ISO_RE.exec(s);
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]), parseTime(m[4], m[5], m[6]));
  m = COMPACT_RE.exec(s);
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]), parseTime(m[4], m[5], undefined));
  m = CJK_RE.exec(s);
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]), parseTime(m[4], m[5], m[6]));
  m = NUMERIC_RE.exec(s);
  if (m) {
    let a = Number(m[1]);
    let b = Number(m[2]);
    if (a > 12 && b <= 12) [a, b] = [b, a]; // day first
    return build(expandYear(Number(m[3])), a, b, parseTime(m[4], m[5], m[6]));
  }
  m = MDY_RE.exec(s);
  if (m) {
    const month = MONTHS[m[1]!.toLowerCase()];
    if (month) return build(Number(m[3]), month, Number(m[2]), parseTime(m[4], m[5], m[6]));
  }
  m = DMY_RE.exec(s);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    if (month) return build(Number(m[3]), month, Number(m[1]), parseTime(m[4], m[5], m[6]));
  }
  return null;
}

/** Parse a time of day written as `09:15`, `9:15:30`, `9:15 PM`; null otherwise. */
export function parseLooseTime(value: unknown): string | null {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 24 * 60) {
    // YAML 1.1 sexagesimal: `09:15` can arrive as 555 minutes.
    return `${pad(Math.floor(value / 60))}:${pad(value % 60)}`;
  }
  if (typeof value !== 'string') return null;
  const m = /^\s*(\d{1,2}):(\d{2})(?::\d{2})?\s*([ap]\.?m\.?)?\s*$/i.exec(value);
  return (m && parseTime(m[1], m[2], m[3])) ?? null;
}

/** ISO week `2025-W04` -> the Monday of that week. */
export function isoWeekMonday(year: number, week: number): string | null {
  if (week < 1 || week > 53) return null;
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const dow = jan4.getUTCDay() || 7;
  const monday = new Date(jan4.getTime() + ((week - 1) * 7 - (dow - 1)) * 86400000);
  if (week === 53) {
    const next = new Date(Date.UTC(year + 1, 0, 4));
    const nextDow = next.getUTCDay() || 7;
    const nextW1 = new Date(next.getTime() - (nextDow - 1) * 86400000);
    if (monday.getTime() >= nextW1.getTime()) return null;
  }
  return formatYmd(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate());
}

export interface FileNameDate extends LooseDate {
  /** 'week' when the name was an ISO week such as `2025-W04`. */
  granularity: 'day' | 'week';
}

/**
 * A date found in a file name: `2025-01-24.md`, `2025_01_24 standup.md`, `20250124.md`,
 * `2025-01-24-my-post.md` (Jekyll), `2025年1月24日.md`, `2025-W04.md` (ISO week), and names that are
 * a whole date with a four-digit year (`March 5, 2024.md`, `05-03-2024.md`).
 */
export function dateFromFileName(fileName: string): FileNameDate | null {
  const base = fileName.replace(/^.*[\\/]/, '');
  let m = /(?:^|[^\d])(\d{4})-W(\d{2})(?!\d)/i.exec(base);
  if (m) {
    const d = isoWeekMonday(Number(m[1]), Number(m[2]));
    if (d) return { date: d, granularity: 'week' };
  }
  m = /(?:^|[^\d])(\d{4})[-_.](\d{1,2})[-_.](\d{1,2})(?!\d)/.exec(base) ?? /(?:^|[^\d])(\d{4})(\d{2})(\d{2})(?!\d)/.exec(base);
  if (m) {
    const r = build(Number(m[1]), Number(m[2]), Number(m[3]));
    if (r) return { ...r, granularity: 'day' };
  }
  m = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(base);
  if (m) {
    const r = build(Number(m[1]), Number(m[2]), Number(m[3]));
    if (r) return { ...r, granularity: 'day' };
  }
  const whole = wholeNameDate(base.replace(/\.[^.]*$/, ''));
  return whole ? { date: whole.date, granularity: 'day' } : null;
}

/**
 * A name that is nothing but a date in one of the other daily-note formats Obsidian offers
 * (`March 5, 2024`, `Tuesday, March 5th 2024`, `5 March 2024`, `05-03-2024`). Only with a four-digit
 * year: `24-03-05` could be read three ways.
 */
function wholeNameDate(stem: string): LooseDate | null {
  return /\d{4}/.test(stem) ? parseLooseDate(stem) : null;
}

/** True when a file name is nothing but a date (`2025-01-24`, `2025-W04`): the usual daily/weekly note. */
export function isDateOnlyName(stem: string): boolean {
  const weekday = String.raw`(?:[\s,_-]+(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|(?:星期|周|週)[一二三四五六日天]))?`;
  return (
    new RegExp(
      String.raw`^(\d{4}[-_.]\d{1,2}[-_.]\d{1,2}|\d{8}|\d{4}-W\d{2}|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)${weekday}$`,
      'i',
    ).test(stem.trim()) || wholeNameDate(stem.trim()) !== null
  );
}

export function localDateOf(ms: number): LooseDate {
  const d = new Date(ms);
  return { date: formatYmd(d.getFullYear(), d.getMonth() + 1, d.getDate()) };
}
