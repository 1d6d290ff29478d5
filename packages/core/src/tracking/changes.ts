import type Database from 'better-sqlite3';
import type { CoreContext } from '../app/context';
import { activityRegistry, sliceDays, type DayTotal } from '../stamps';
import { stmt } from './db';
import type { Day } from './logic';

type Sqlite = Database.Database;

/**
 * In-process caches of the tracking domain's per-day totals (`metric:<id>`, `time.*`, `tasks.*`,
 * `spend.entry`) and of what is derived from them (habit definitions, habit periods and scores).
 *
 * They are exact, not time-limited: triggers write one `tracking_changes` row per written row of the
 * tracking tables (migration 0013), whoever writes it (this process, the CLI, raw SQL). Before a
 * cached value is used, `sync` reads the rows added since the last look (usually none: one indexed
 * `max(seq)`), re-reads only the days they name, and bumps the generation of what they touch. A
 * reader that fell behind the pruned log, a restore, or an unknown row makes it start over.
 *
 * Inside an open transaction the caches are bypassed: what it wrote may still be rolled back.
 */

/** Days outside every real range, so one read holds a source's whole history. */
const ALL_FROM = '';
const ALL_TO = '\uffff';
/** More dirty days than this and a source is re-read whole. */
const PATCH_LIMIT = 200;
/** More new log rows than this and everything starts over. */
const SYNC_LIMIT = 2000;
/** Derived values held at most. */
const DERIVED_LIMIT = 500;

interface Series {
  /** Every day with activity, ascending; never mutated (a patch builds a new array). */
  rows: readonly DayTotal[];
  /** Days to re-read before the next use. */
  dirty: Set<Day> | null;
  /** The last range asked for and its slice: the same list again while nothing changed. */
  slice?: { from: Day; to: Day; rows: readonly DayTotal[] };
}

export class TrackingCache {
  /** Last log row seen; null before the first look. */
  cursor: number | null = null;
  /** Bumped when everything starts over: part of every version. */
  epoch = 0;
  private readonly gens = new Map<string, number>();
  private series = new Map<string, Series>();
  /** Derived values (habit definitions, habit computations), each under the key it was computed for. */
  private derived = new Map<string, { key: string; value: unknown }>();

  /** The version of one thing (a source, `habits`, `checkin:<id>`…): changes whenever it may have. */
  version(name: string): string {
    return `${this.epoch}.${this.gens.get(name) ?? 0}`;
  }

  private bump(name: string): void {
    this.gens.set(name, (this.gens.get(name) ?? 0) + 1);
  }

  private dirty(source: string, day: Day | null): void {
    this.bump(source);
    const s = this.series.get(source);
    if (!s) return;
    if (day === null) {
      this.series.delete(source);
      return;
    }
    (s.dirty ??= new Set()).add(day);
    if (s.dirty.size > PATCH_LIMIT) this.series.delete(source);
  }

  reset(): void {
    this.epoch++;
    this.gens.clear();
    this.series = new Map();
    this.derived = new Map();
  }

  /** Applies one log row; false when it is not understood (everything starts over). */
  private apply(kind: string, ref: string | null, day: Day | null): boolean {
    switch (kind) {
      case 'metric':
        this.dirty(`metric:${ref}`, day);
        return true;
      case 'metricdef':
        this.bump('metrics');
        this.dirty(`metric:${ref}`, null);
        return true;
      case 'time':
        this.dirty('time.total', day);
        this.dirty('time.focus', day);
        this.dirty(`time.category:${ref}`, day);
        return true;
      case 'task':
        this.dirty('tasks.done', day);
        this.dirty('tasks.doneHigh', day);
        return true;
      case 'spend':
        this.dirty('spend.entry', day);
        return true;
      case 'checkin':
        this.bump(`checkin:${ref}`);
        return true;
      case 'habit':
        this.bump(`habit:${ref}`);
        this.bump('habits');
        return true;
      case 'category':
        this.bump('categories');
        return true;
      default:
        return false;
    }
  }

  /** Caught up inside the current read batch (nothing writes during one). */
  batchSynced = false;

  /** Catches up with the change log. */
  sync(ctx: CoreContext): void {
    const max = (stmt(ctx, `SELECT coalesce(max(seq), 0) AS m FROM tracking_changes`).get() as { m: number }).m;
    if (this.cursor === max) return;
    if (this.cursor === null || max < this.cursor) {
      // First look, or the log went back (a restored snapshot): nothing cached can be trusted.
      this.reset();
      this.cursor = max;
      return;
    }
    const rows = stmt(ctx, `SELECT seq, kind, ref, day FROM tracking_changes WHERE seq > ? ORDER BY seq LIMIT ?`).all(
      this.cursor,
      SYNC_LIMIT + 1,
    ) as {
      seq: number;
      kind: string;
      ref: string | null;
      day: string | null;
    }[];
    // Rows we never saw were pruned, or too much changed to patch: start over.
    if (rows.length === 0 || rows.length > SYNC_LIMIT || rows[0]!.seq !== this.cursor + 1) {
      this.reset();
      this.cursor = Math.max(max, rows.at(-1)?.seq ?? max);
      return;
    }
    for (const r of rows) {
      if (!this.apply(r.kind, r.ref, r.day)) {
        this.reset();
        break;
      }
    }
    this.cursor = rows.at(-1)!.seq;
  }

  /**
   * A source's totals in [from, to], served from its whole history held in memory; `load` runs the
   * source's query (once for the whole history, then for single changed days).
   */
  dailyTotals(source: string, from: Day, to: Day, load: (from: Day, to: Day) => DayTotal[]): readonly DayTotal[] {
    let s = this.series.get(source);
    // A short range of a source not held (the dashboard's correlation over a year): read just that.
    if (!s && shortRange(from, to)) return load(from, to);
    if (!s) {
      s = { rows: load(ALL_FROM, ALL_TO), dirty: null };
      this.series.set(source, s);
    } else if (s.dirty) {
      s.rows = patch(s.rows, s.dirty, (day) => load(day, day));
      s.dirty = null;
      delete s.slice;
    }
    if (s.slice?.from === from && s.slice.to === to) return s.slice.rows;
    const rows = sliceDays(s.rows, from, to);
    s.slice = { from, to, rows };
    return rows;
  }

  /** A derived value cached under `key` (recomputed when the key differs). */
  derive<T>(name: string, key: string, compute: () => T): T {
    const hit = this.derived.get(name);
    if (hit && hit.key === key) return hit.value as T;
    const value = compute();
    // Names carry a day (`habit:<id>@<to>`): drop them all now and then rather than grow.
    if (this.derived.size >= DERIVED_LIMIT && !hit) this.derived = new Map();
    this.derived.set(name, { key, value });
    return value;
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Two calendar years at most: cheaper to read than a whole history (stamps and habits read those). */
function shortRange(from: Day, to: Day): boolean {
  return DAY.test(from) && DAY.test(to) && Number(to.slice(0, 4)) - Number(from.slice(0, 4)) <= 1;
}

function patch(rows: readonly DayTotal[], days: ReadonlySet<Day>, load: (day: Day) => DayTotal[]): DayTotal[] {
  const fresh: DayTotal[] = [];
  for (const day of days) fresh.push(...load(day));
  fresh.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const out: DayTotal[] = [];
  let j = 0;
  for (const r of rows) {
    if (days.has(r.day)) continue;
    while (j < fresh.length && fresh[j]!.day < r.day) out.push(fresh[j++]!);
    out.push(r);
  }
  while (j < fresh.length) out.push(fresh[j++]!);
  return out;
}

const caches = new WeakMap<Sqlite, TrackingCache>();

/** The database's tracking cache, caught up with the change log; null inside a transaction. */
export function trackingCache(ctx: CoreContext): TrackingCache | null {
  const db = ctx.store.sqlite;
  if (db.inTransaction) return null;
  const hit = caches.get(db);
  if (hit?.batchSynced) return hit;
  let c = caches.get(db);
  if (!c) {
    caches.set(db, (c = new TrackingCache()));
    // A restore replaces the pages underneath the open connection: start over.
    ctx.events.on('data:changed', (e) => {
      if (e.domain === '*') caches.get(ctx.store.sqlite)?.reset();
    });
  }
  c.sync(ctx);
  c.batchSynced = activityRegistry(ctx).inBatch;
  return c;
}

/** A read batch starts or ends (the provider's `reset`): look at the change log again on next use. */
export function trackingBatchEdge(ctx: CoreContext): void {
  const c = caches.get(ctx.store.sqlite);
  if (c) c.batchSynced = false;
}
