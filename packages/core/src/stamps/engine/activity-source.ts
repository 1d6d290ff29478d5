import type { Day } from './days';

/**
 * What the stamps engine reads. The lead implements it over SQLite with indexed aggregate queries;
 * `MemoryActivitySource` implements it over arrays (tests, bench, demo).
 *
 * All methods are synchronous (better-sqlite3 is) and must be cheap for ten years of data:
 * `dailyTotals` is one `GROUP BY day` over an index on (source columns, day).
 */
export interface DayTotal {
  day: Day;
  /** Number of items/events that day (entries written, papers finished, blocks logged; 1 for a logged metric). */
  count: number;
  /** Their summed measure (words, minutes, the metric's value); 0 when the source has none. */
  sum: number;
}

export interface ActivityItem {
  /** `entry`, `paper`, `highlight`, `timeBlock`, `task`, `spend`, `metric`, `habit`… */
  type: string;
  id: string;
}

/** A metric as the engine needs it: effective bounds already filled in (tracking's `metricBounds`). */
export interface MetricInfo {
  id: string;
  name: string;
  kind: 'number' | 'duration' | 'scale' | 'boolean' | 'count';
  /** Effective bounds in canonical units (durations in minutes). */
  min: number;
  max: number;
  archived?: boolean;
}

export type HabitPeriodStatus = 'met' | 'missed' | 'pending' | 'skipped' | 'partial';

/** One period of a habit's schedule (tracking's `habitPeriods` returns exactly this shape). */
export interface HabitPeriodInfo {
  start: Day;
  end: Day;
  status: HabitPeriodStatus;
  days: Day[];
  metOn?: Day;
}

export interface HabitInfo {
  id: string;
  name: string;
  /** The habit's periods up to `to` ("today"), oldest first (tracking: `habitPeriods(habit, values, to)`). */
  periods(to: Day): readonly HabitPeriodInfo[];
}

export interface ActivitySource {
  /**
   * Per-day totals of one source (see the catalog in sources.ts) for days in [from, to], sorted
   * by day ascending; days without activity are left out.
   * SQLite sketch: `SELECT day, COUNT(*) AS count, COALESCE(SUM(x), 0) AS sum FROM … WHERE …
   * AND day BETWEEN ? AND ? GROUP BY day ORDER BY day`.
   * The list and its items are never mutated once returned (a source may hand out the same list
   * again while its data is unchanged, and the engine keeps per-list day numbers).
   */
  dailyTotals(source: string, from: Day, to: Day): readonly DayTotal[];
  /** The items behind a source on the given days, oldest first, at most `limit` (evidence only). */
  items(source: string, days: readonly Day[], limit: number): readonly ActivityItem[];
  /** A metric by id; undefined once deleted. */
  metric(id: string): MetricInfo | undefined;
  /** A habit by id; undefined once deleted. */
  habit(id: string): HabitInfo | undefined;
  /** Journal entry kinds that exist (for `journal.kind:<kind>`); undefined = accept any kind. */
  journalKinds?(): readonly string[] | undefined;
}
