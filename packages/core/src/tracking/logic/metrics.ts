import { validateDate, type Day } from './dates';
import type { FieldError, FieldResult } from './result';

/**
 * Daily stats: user-defined metrics with one value per metric per day.
 *
 * Canonical storage units (what the database holds and what `folio sql` sums):
 * - `duration`: whole MINUTES (integer). Minutes keep sums exact in SQL, match the time log's
 *   resolution, and avoid 2.5 h vs 150 min ambiguity at rest. Input accepts `2h30m`, `2.5h`,
 *   `150m`, `1:30` (h:mm) and a bare number read in the metric's `inputUnit` (hours by default).
 * - `scale`: an integer between min and max (1–5 by default).
 * - `boolean`: 1 (yes) or 0 (no).
 * - `count`: a whole number ≥ 0.
 * - `number`: any finite number within min/max.
 */
export type MetricKind = 'number' | 'duration' | 'scale' | 'boolean' | 'count';

/** How values roll up over a week/month/year on the dashboard. */
export type MetricAggregate = 'sum' | 'avg';

export interface MetricDefinition {
  /** Stable slug used in the CLI (`folio log sleep 7h`), CSV headers and stamp rules (`metric:sleep`). */
  id: string;
  name: string;
  kind: MetricKind;
  /** Display unit for `number`/`count` (e.g. "servings", "kg"). Durations always display as h/m. */
  unit?: string;
  /** Bounds in canonical units. Scale defaults to 1–5; count/duration default to min 0. */
  min?: number;
  max?: number;
  /** Largest value one day can hold, canonical units. Durations default to 24 h (1440 min). */
  dailyCap?: number;
  /** Time that counts as productive (e.g. productivity hours) versus not (screen time). */
  productive?: boolean;
  /** Durations: how a bare number like "7.5" is read. Defaults to hours. */
  inputUnit?: 'h' | 'min';
  /** Defaults: avg for scale, sum for the rest. */
  aggregate?: MetricAggregate;
  archived?: boolean;
  description?: string;
}

export interface MetricValue {
  date: Day;
  metricId: string;
  value: number;
}

export const MINUTES_PER_DAY = 1440;

export const DEFAULT_METRICS: readonly MetricDefinition[] = [
  {
    id: 'productivity',
    name: 'Productivity hours',
    kind: 'duration',
    productive: true,
    description: 'Hours of focused, productive work.',
  },
  {
    id: 'screen_time',
    name: 'Screen time',
    kind: 'duration',
    productive: false,
    description: 'Time spent on screens outside work (phone, TV, games).',
  },
  { id: 'mood', name: 'Mood', kind: 'scale', min: 1, max: 5, description: '1 = awful, 5 = great.' },
  { id: 'sleep', name: 'Sleep', kind: 'duration', aggregate: 'avg', description: 'Hours slept last night.' },
  {
    id: 'vegetables',
    name: 'Vegetables',
    kind: 'count',
    unit: 'servings',
    max: 50,
    description: 'Servings of vegetables eaten.',
  },
  { id: 'workout', name: 'Workout', kind: 'boolean', description: 'Did you work out today?' },
];

export const METRIC_ID_RE = /^[a-z][a-z0-9_]{0,39}$/;

/** The bounds actually enforced for a metric, with kind defaults filled in. */
export function metricBounds(def: MetricDefinition): { min: number; max: number } {
  switch (def.kind) {
    case 'scale':
      return { min: def.min ?? 1, max: def.max ?? 5 };
    case 'boolean':
      return { min: 0, max: 1 };
    case 'duration': {
      const cap = Math.min(def.dailyCap ?? MINUTES_PER_DAY, def.max ?? Infinity, MINUTES_PER_DAY);
      return { min: Math.max(def.min ?? 0, 0), max: cap };
    }
    case 'count':
      return { min: Math.max(def.min ?? 0, 0), max: Math.min(def.max ?? Infinity, def.dailyCap ?? Infinity) };
    case 'number':
      return { min: def.min ?? -Infinity, max: Math.min(def.max ?? Infinity, def.dailyCap ?? Infinity) };
  }
}

export function metricAggregate(def: MetricDefinition): MetricAggregate {
  return def.aggregate ?? (def.kind === 'scale' ? 'avg' : 'sum');
}

/** True for kinds whose values are whole numbers. */
export function isIntegerKind(kind: MetricKind): boolean {
  return kind === 'scale' || kind === 'boolean' || kind === 'count' || kind === 'duration';
}

// ---------------------------------------------------------------------------------------------
// Formatting

/** `450` → `7h 30m`, `45` → `45m`, `1800` → `30h`. Negative values keep their sign. */
export function formatDuration(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const abs = Math.round(Math.abs(minutes));
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  if (h === 0) return `${sign}${m}m`;
  if (m === 0) return `${sign}${h}h`;
  return `${sign}${h}h ${m}m`;
}

/** `450` → `7:30`: the CSV form, read back unambiguously by `parseMetricValue`. */
export function formatDurationHmm(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const abs = Math.round(Math.abs(minutes));
  return `${sign}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
}

function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return String(Math.round(n * 1000) / 1000);
}

export function formatMetricValue(def: MetricDefinition, value: number): string {
  switch (def.kind) {
    case 'duration':
      return formatDuration(value);
    case 'boolean':
      return value ? 'yes' : 'no';
    default:
      return def.unit ? `${formatNumber(value)} ${def.unit}` : formatNumber(value);
  }
}

function formatBound(def: MetricDefinition, value: number): string {
  if (def.kind === 'duration') return formatDuration(value);
  return formatNumber(value);
}

// ---------------------------------------------------------------------------------------------
// Parsing

const NUM = String.raw`\d+(?:\.\d+)?|\.\d+`;
const HOURS = String.raw`h|hr|hrs|hour|hours`;
const MINS = String.raw`m|min|mins|minute|minutes`;
const DURATION_HM = new RegExp(String.raw`^(-)?\s*(${NUM})\s*(?:${HOURS})\s*(?:(${NUM})\s*(?:${MINS})?)?$`);
const DURATION_M = new RegExp(String.raw`^(-)?\s*(${NUM})\s*(?:${MINS})$`);
const DURATION_CLOCK = /^(-)?\s*(\d+):(\d{1,2})$/;
const PLAIN_NUMBER = /^[-+]?(?:\d+(?:\.\d+)?|\.\d+)(?:e[-+]?\d+)?$/i;

/** "2,5" → "2.5" (a single decimal comma, as many locales write it). */
function normaliseDecimal(text: string): string {
  return /^[-+]?\d+,\d+[a-z]*$/i.test(text.replace(/\s+/g, '')) ? text.replace(',', '.') : text;
}

/** Parses a duration to minutes (rounded), or returns null when the text is not a duration. */
export function parseDuration(raw: string, bareUnit: 'h' | 'min' = 'h'): number | null {
  const text = normaliseDecimal(raw.trim().toLowerCase());
  if (text === '') return null;
  let m = DURATION_CLOCK.exec(text);
  if (m) {
    const minutes = Number(m[3]);
    if (minutes >= 60) return null;
    const total = Number(m[2]) * 60 + minutes;
    return m[1] ? -total : total;
  }
  m = DURATION_HM.exec(text);
  if (m) {
    const total = Number(m[2]) * 60 + (m[3] !== undefined ? Number(m[3]) : 0);
    return Math.round(m[1] ? -total : total);
  }
  m = DURATION_M.exec(text);
  if (m) {
    const total = Number(m[2]);
    return Math.round(m[1] ? -total : total);
  }
  if (PLAIN_NUMBER.test(text)) {
    const n = Number(text);
    return Math.round(bareUnit === 'h' ? n * 60 : n);
  }
  return null;
}

const YES = new Set(['yes', 'y', 'true', '1', 'done', 'x', '✓', '✔', 'on']);
const NO = new Set(['no', 'n', 'false', '0', 'not', 'off', '-']);

/**
 * Reads what a user typed (check-in field, CLI argument, CSV cell) into the canonical value and
 * validates it. Messages name the metric and quote what was typed.
 */
export function parseMetricValue(def: MetricDefinition, raw: string, field: string = def.id): FieldResult<number> {
  const text = raw.trim();
  if (text === '') return { ok: false, field, message: `${def.name} is empty` };
  let value: number | null = null;
  switch (def.kind) {
    case 'duration':
      value = parseDuration(text, def.inputUnit ?? 'h');
      if (value === null) {
        return {
          ok: false,
          field,
          message: `${def.name}: couldn't read "${raw}" as a duration; try 7h30m, 7.5h, 450m or 7:30`,
        };
      }
      break;
    case 'boolean': {
      const t = text.toLowerCase();
      if (YES.has(t)) value = 1;
      else if (NO.has(t)) value = 0;
      else return { ok: false, field, message: `${def.name} is yes or no; got "${raw}"` };
      break;
    }
    case 'scale': {
      // "4/5" is a natural way to write a scale value.
      const t = normaliseDecimal(text).replace(/\s*\/\s*\d+$/, '');
      if (!PLAIN_NUMBER.test(t)) return { ok: false, field, message: `${def.name} is a number; got "${raw}"` };
      value = Number(t);
      break;
    }
    case 'count':
    case 'number': {
      let t = normaliseDecimal(text);
      if (def.unit) {
        const u = def.unit.toLowerCase();
        if (t.toLowerCase().endsWith(u)) t = t.slice(0, t.length - u.length).trim();
      }
      if (!PLAIN_NUMBER.test(t)) return { ok: false, field, message: `${def.name} is a number; got "${raw}"` };
      value = Number(t);
      break;
    }
  }
  return validateMetricValue(def, value, field);
}

/** Checks a canonical value against the metric's kind and bounds. */
export function validateMetricValue(def: MetricDefinition, value: number, field: string = def.id): FieldResult<number> {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return { ok: false, field, message: `${def.name} must be a number; got ${String(value)}` };
  }
  const { min, max } = metricBounds(def);
  switch (def.kind) {
    case 'scale':
      if (!Number.isInteger(value) || value < min || value > max) {
        return { ok: false, field, message: `${def.name} is ${min}–${max}; got ${formatNumber(value)}` };
      }
      return { ok: true, value };
    case 'boolean':
      if (value !== 0 && value !== 1) {
        return { ok: false, field, message: `${def.name} is yes or no; got ${formatNumber(value)}` };
      }
      return { ok: true, value };
    case 'count':
      if (!Number.isInteger(value)) {
        return { ok: false, field, message: `${def.name} is a whole number; got ${formatNumber(value)}` };
      }
      break;
    case 'duration':
      if (!Number.isInteger(value)) {
        return { ok: false, field, message: `${def.name} is stored in whole minutes; got ${formatNumber(value)}` };
      }
      break;
    case 'number':
      break;
  }
  if (value < 0 && min >= 0) {
    return {
      ok: false,
      field,
      message: `${def.name} cannot be negative; got ${formatBound(def, value)}`,
    };
  }
  if (value < min) {
    return { ok: false, field, message: `${def.name} is at least ${formatBound(def, min)}; got ${formatBound(def, value)}` };
  }
  if (value > max) {
    const perDay = def.kind === 'duration' || def.dailyCap !== undefined ? ' a day' : '';
    return {
      ok: false,
      field,
      message: `${def.name} is at most ${formatBound(def, max)}${perDay}; got ${formatBound(def, value)}`,
    };
  }
  return { ok: true, value };
}

/** Checks a metric definition the user is creating or editing. Returns every problem found. */
export function validateMetricDefinition(def: MetricDefinition, existingIds: readonly string[] = []): FieldError[] {
  const errors: FieldError[] = [];
  if (!METRIC_ID_RE.test(def.id)) {
    errors.push({
      field: 'id',
      message: `Id "${def.id}" must start with a letter and use only a–z, 0–9 and _ (at most 40)`,
    });
  } else if (existingIds.includes(def.id)) {
    errors.push({ field: 'id', message: `A metric with id "${def.id}" already exists` });
  }
  if (def.name.trim() === '') errors.push({ field: 'name', message: 'Give the metric a name' });
  if (def.min !== undefined && !Number.isFinite(def.min)) errors.push({ field: 'min', message: 'Minimum must be a number' });
  if (def.max !== undefined && !Number.isFinite(def.max)) errors.push({ field: 'max', message: 'Maximum must be a number' });
  if (def.min !== undefined && def.max !== undefined && def.min > def.max) {
    errors.push({ field: 'max', message: `Maximum (${def.max}) is below the minimum (${def.min})` });
  }
  if (def.kind === 'scale') {
    const { min, max } = metricBounds(def);
    if (!Number.isInteger(min) || !Number.isInteger(max)) {
      errors.push({ field: 'max', message: 'A scale runs between whole numbers, e.g. 1–5' });
    } else if (max - min < 1 || max - min > 100) {
      errors.push({ field: 'max', message: `A scale needs 2 to 101 steps; ${min}–${max} has ${max - min + 1}` });
    }
  }
  if ((def.kind === 'duration' || def.kind === 'count') && def.min !== undefined && def.min < 0) {
    errors.push({ field: 'min', message: `A ${def.kind} cannot be negative` });
  }
  if (def.dailyCap !== undefined) {
    if (!(def.dailyCap > 0)) errors.push({ field: 'dailyCap', message: 'Daily cap must be above zero' });
    else if (def.kind === 'duration' && def.dailyCap > MINUTES_PER_DAY) {
      errors.push({ field: 'dailyCap', message: 'A day has at most 24 hours' });
    }
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// The daily check-in form

export interface CheckInInput {
  date: string;
  /** Raw text per metric id as typed; '' or null clears that day's value. Numbers are taken as canonical. */
  values: Record<string, string | number | boolean | null | undefined>;
}

export interface CheckInResult {
  /** The validated date, absent when the date itself was refused. */
  date?: Day;
  /** Clean canonical values to upsert. Valid fields are kept even when others fail. */
  values: Record<string, number>;
  /** Metric ids whose value should be deleted for the day. */
  cleared: string[];
  /** One message per refused field (`date` or a metric id). */
  errors: FieldError[];
}

/**
 * Validates a whole check-in: every field is judged on its own, so one impossible value never
 * loses the others.
 */
export function validateCheckIn(
  defs: readonly MetricDefinition[],
  input: CheckInInput,
  opts: { today?: Day } = {},
): CheckInResult {
  const result: CheckInResult = { values: {}, cleared: [], errors: [] };
  const date = validateDate(input.date, opts.today !== undefined ? { notAfter: opts.today } : {});
  if (date.ok) result.date = date.value;
  else result.errors.push({ field: date.field, message: date.message });
  const byId = new Map(defs.map((d) => [d.id, d]));
  for (const [id, raw] of Object.entries(input.values)) {
    const def = byId.get(id);
    if (!def) {
      result.errors.push({ field: id, message: `There is no metric "${id}"` });
      continue;
    }
    if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
      result.cleared.push(id);
      continue;
    }
    const r =
      typeof raw === 'number'
        ? validateMetricValue(def, raw)
        : typeof raw === 'boolean'
          ? validateMetricValue(def, raw ? 1 : 0)
          : parseMetricValue(def, raw);
    if (r.ok) result.values[id] = r.value;
    else result.errors.push({ field: r.field, message: r.message });
  }
  return result;
}

/** Finds a metric by id or by name, case- and separator-insensitively ("Screen time" → screen_time). */
export function findMetric(defs: readonly MetricDefinition[], key: string): MetricDefinition | undefined {
  const norm = (s: string) =>
    s
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, '_');
  const k = norm(key);
  return defs.find((d) => d.id === key) ?? defs.find((d) => norm(d.id) === k || norm(d.name) === k);
}

/**
 * `folio log METRIC VALUE [--date YYYY-MM-DD]`: resolves the metric, parses the value and the date.
 */
export function parseLogCommand(
  defs: readonly MetricDefinition[],
  args: { metric: string; value: string; date?: string },
  today: Day,
): FieldResult<MetricValue> {
  const def = findMetric(defs, args.metric);
  if (!def) {
    const known = defs
      .filter((d) => !d.archived)
      .map((d) => d.id)
      .join(', ');
    return { ok: false, field: 'metric', message: `Unknown metric "${args.metric}"; known: ${known}` };
  }
  if (def.archived) return { ok: false, field: 'metric', message: `${def.name} is archived` };
  const date = validateDate(args.date ?? today, { notAfter: today });
  if (!date.ok) return date;
  const value = parseMetricValue(def, args.value, 'value');
  if (!value.ok) return value;
  return { ok: true, value: { date: date.value, metricId: def.id, value: value.value } };
}
