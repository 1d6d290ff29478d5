// Dates as the writer sees them. Calendar days are `YYYY-MM-DD` in the local zone of this computer.

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * `Date#toLocaleDateString(undefined, options)` builds a new Intl formatter on every call (~0.3 ms); a
 * month calendar labels 42 days, a timeline hundreds. One formatter per option set gives the same text.
 */
function dateFormat(options: Intl.DateTimeFormatOptions): (d: Date) => string {
  let f: Intl.DateTimeFormat | undefined;
  return (d) => (f ??= new Intl.DateTimeFormat(undefined, options)).format(d);
}

const longDate = dateFormat({ weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
const shortDate = dateFormat({ year: 'numeric', month: 'short', day: 'numeric' });
const monthYear = dateFormat({ year: 'numeric', month: 'long' });
const shortMonthUtc = dateFormat({ month: 'short', timeZone: 'UTC' });
const dateTime = dateFormat({ year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const weekdayShort = dateFormat({ weekday: 'short' });
const hourMinute = dateFormat({ hour: '2-digit', minute: '2-digit' });
let numberFormat: Intl.NumberFormat | undefined;

export function dayOf(d: Date): string {
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function localToday(): string {
  return dayOf(new Date());
}

/** Minutes east of UTC here and now (UTC+8 is 480). */
export function localOffsetMinutes(): number {
  return -new Date().getTimezoneOffset();
}

export function parseDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

export function addDaysLocal(day: string, n: number): string {
  const d = parseDay(day);
  d.setDate(d.getDate() + n);
  return dayOf(d);
}

export function monthOf(day: string): string {
  return day.slice(0, 7);
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(y, m - 1 + n, 1);
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}`;
}

export function formatLongDate(day: string): string {
  return longDate(parseDay(day));
}

export function formatShortDate(day: string): string {
  return shortDate(parseDay(day));
}

/** `Mon`, `Tue`... in the writer's language. */
export function formatWeekdayShort(day: string): string {
  return weekdayShort(parseDay(day));
}

export function formatMonth(month: string): string {
  return monthYear(parseDay(`${month}-01`));
}

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '−' : '+';
  const m = Math.abs(minutes);
  return `UTC${sign}${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/** When an entry was written, in the zone it was written in: `25 Nov 2026, 09:12 (UTC+08:00)`. */
export function formatWrittenAt(iso: string, offsetMinutes: number): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const shifted = new Date(t + offsetMinutes * 60_000);
  const date = `${shifted.getUTCDate()} ${shortMonthUtc(shifted)} ${shifted.getUTCFullYear()}`;
  return `${date}, ${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())} (${formatOffset(offsetMinutes)})`;
}

/** `just now`, `5 min ago`, `3 h ago`, else a date and time. */
export function formatRelative(iso: string, now = Date.now()): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const s = Math.round((now - t) / 1000);
  if (s < 45) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400 && new Date(t).getDate() === new Date(now).getDate()) return `${Math.round(s / 3600)} h ago`;
  return dateTime(new Date(t));
}

export function formatTime(iso: string): string {
  return hourMinute(new Date(iso));
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${(numberFormat ??= new Intl.NumberFormat()).format(n)} ${n === 1 ? one : many}`;
}

export const KIND_LABELS: Record<string, string> = {
  daily: 'Daily note',
  post: 'Post',
  weekly: 'Weekly review',
  meeting: 'Meeting note',
  paper: 'Paper note',
  note: 'Note',
};

/** A title to show for an entry that may have none. */
export function displayTitle(e: { title: string; kind: string; date: string }): string {
  if (e.title) return e.title;
  if (e.kind === 'daily') return formatLongDate(e.date);
  return 'Untitled';
}
