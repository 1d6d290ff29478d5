// Calendar days are `YYYY-MM-DD` strings (the writer's local day, no time zone). Arithmetic goes through
// UTC epoch days, so daylight-saving changes never shift a day.

const MS_PER_DAY = 86_400_000;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
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

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function dayToEpoch(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return Math.floor(date.getTime() / MS_PER_DAY);
}

export function epochToDay(epoch: number): string {
  const date = new Date(epoch * MS_PER_DAY);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

export function addDays(day: string, n: number): string {
  return epochToDay(dayToEpoch(day) + n);
}

/** The local offset (minutes east of UTC) of this process at `now`. */
export function processOffsetMinutes(now: Date): number {
  return -now.getTimezoneOffset();
}

/** The writer's calendar day at `now`, in the given offset (default: this process's zone). */
export function localDay(now: Date, offsetMinutes = processOffsetMinutes(now)): string {
  const shifted = new Date(now.getTime() + offsetMinutes * 60_000);
  return `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

/** `HH:MM` at `now` in the given offset. */
export function localTime(now: Date, offsetMinutes = processOffsetMinutes(now)): string {
  const shifted = new Date(now.getTime() + offsetMinutes * 60_000);
  return `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}`;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: string): number {
  return (((dayToEpoch(day) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** ISO 8601 week: `2026-W48`. */
export function isoWeek(day: string): string {
  const epoch = dayToEpoch(day);
  const dow = (weekday(day) + 6) % 7; // Monday = 0
  const thursday = epoch - dow + 3;
  const year = Number(epochToDay(thursday).slice(0, 4));
  const jan4 = dayToEpoch(`${pad(year, 4)}-01-04`);
  const week1Monday = jan4 - ((weekday(`${pad(year, 4)}-01-04`) + 6) % 7);
  return `${pad(year, 4)}-W${pad(Math.floor((thursday - 3 - week1Monday) / 7) + 1)}`;
}

/** Monday of the ISO week containing `day`. */
export function weekStart(day: string): string {
  return addDays(day, -((weekday(day) + 6) % 7));
}

export function weekdayName(day: string): string {
  return WEEKDAYS[weekday(day)]!;
}

/** `Wednesday, 25 November 2026`. */
export function longDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${weekdayName(day)}, ${d} ${MONTHS[m - 1]} ${y}`;
}

export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(2000, m, 0)).getUTCDate();
  const days = m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : last;
  return { from: `${month}-01`, to: `${month}-${pad(days)}` };
}
