import type { MetricDto, MetricKindDto } from '@folio/core/contract';

/** `450` → `7h 30m`; `45` → `45m`. */
export function formatMinutes(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const abs = Math.round(Math.abs(minutes));
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  if (h === 0) return `${sign}${m}m`;
  return m === 0 ? `${sign}${h}h` : `${sign}${h}h ${m}m`;
}

/** Minutes since midnight → `09:10`. */
export function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function formatValue(kind: MetricKindDto, value: number | null | undefined, unit?: string | null): string {
  if (value === null || value === undefined) return '–';
  if (kind === 'duration') return formatMinutes(value);
  if (kind === 'boolean') return value ? 'yes' : 'no';
  const n = Math.round(value * 100) / 100;
  return unit ? `${n} ${unit}` : String(n);
}

/** A placeholder that shows how to type a value. */
export function inputHint(m: MetricDto): string {
  switch (m.kind) {
    case 'duration':
      return '7h30m';
    case 'scale':
      return `${m.bounds.min ?? 1}–${m.bounds.max ?? 5}`;
    case 'boolean':
      return 'y / n';
    case 'count':
      return m.unit ? `0 ${m.unit}` : '0';
    default:
      return m.unit ?? '';
  }
}

export function shortDate(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  return d.toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

export function longDate(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  return d.toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function addMonths(day: string, n: number): string {
  const d = new Date(`${day.slice(0, 7)}-01T12:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
}

/** A stable colour per series, from the design tokens' hues (readable in light and dark themes). */
const PALETTE = ['#3b5bdb', '#2b8a3e', '#e8590c', '#7048e8', '#1098ad', '#d6336c', '#5c940d', '#f08c00', '#868e96', '#0c8599'];
export function seriesColor(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}

/** Field messages of a failed call, keyed by their path (`values.mood`, `amount`). */
export function issuesOf(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const issues = (err as { details?: { issues?: { path: string; message: string }[] } } | null)?.details?.issues ?? [];
  for (const i of issues) if (!(i.path in out)) out[i.path] = i.message;
  return out;
}

/** Minor units → `$12.50`, `¥1,200` (the currency's own decimals). */
export function money(minor: number, currency: string): string {
  try {
    const f = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
    return f.format(minor / 10 ** digits);
  } catch {
    return `${minor} ${currency}`;
  }
}
