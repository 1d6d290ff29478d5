import type Database from 'better-sqlite3';
import type { CoreContext } from '../app/context';
import type { ActivityProvider, HabitInfo, MetricInfo, ProviderItem } from '../stamps';
import { trackingBatchEdge, trackingCache } from './changes';
import { habitDefs, habitDoneDays, habitVersion, periodsOf } from './habits-service';
import { formatMetricValue, metricBounds, type Day } from './logic';
import { metricDef, metricDefs } from './metrics-service';
import { listCategories } from './time-service';

function chunks<T>(arr: readonly T[], size = 400): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < arr.length; i += size) out.push(arr.slice(i, i + size));
  return out;
}

const placeholders = (n: number) => new Array(n).fill('?').join(',');

/**
 * The tracking domain's activity: time (`time.total`, `time.focus`, `time.category:<id>`), metrics
 * (`metric:<id>`: count 1 and sum = the day's value), habits (`habit:<id>`: the days done), tasks
 * (`tasks.done`, `tasks.doneHigh`) and the ledger (`spend.entry`). Every total is one indexed
 * GROUP BY day, read once for the whole history and then patched day by day from the change log
 * (changes.ts); tracking emits precise `activity:changed` events itself.
 */
const rawStmts = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A prepared statement answering arrays (a whole history is thousands of rows: cheaper than objects). */
function rawStmt(ctx: CoreContext, sql: string): Database.Statement {
  const db = ctx.store.sqlite;
  let m = rawStmts.get(db);
  if (!m) rawStmts.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql).raw()));
  return s;
}

/** The query of each stored source (day, count, sum): its fixed parameters, then from and to. */
function seriesQuery(source: string): { sql: string; params: unknown[] } | null {
  switch (source) {
    case 'time.total':
      return {
        sql: `SELECT day, count(*) AS count, sum(minutes) AS sum FROM time_blocks WHERE day BETWEEN ? AND ? GROUP BY day ORDER BY day`,
        params: [],
      };
    case 'time.focus':
      return {
        sql: `SELECT day, count(*) AS count, sum(minutes) AS sum FROM time_blocks WHERE productive = 1 AND day BETWEEN ? AND ? GROUP BY day ORDER BY day`,
        params: [],
      };
    case 'tasks.done':
      return {
        sql: `SELECT done_day AS day, count(*) AS count, 0 AS sum FROM tasks WHERE done_day BETWEEN ? AND ? GROUP BY done_day ORDER BY done_day`,
        params: [],
      };
    case 'tasks.doneHigh':
      return {
        sql: `SELECT done_day AS day, count(*) AS count, 0 AS sum FROM tasks WHERE done_day BETWEEN ? AND ? AND priority = 'high' GROUP BY done_day ORDER BY done_day`,
        params: [],
      };
    case 'spend.entry':
      return {
        sql: `SELECT date AS day, count(*) AS count, 0 AS sum FROM spend_entries WHERE date BETWEEN ? AND ? GROUP BY date ORDER BY date`,
        params: [],
      };
  }
  if (source.startsWith('metric:')) {
    return {
      sql: `SELECT date AS day, 1 AS count, value AS sum FROM metric_values WHERE metric_id = ? AND date BETWEEN ? AND ? ORDER BY date`,
      params: [source.slice(7)],
    };
  }
  if (source.startsWith('time.category:')) {
    return {
      sql: `SELECT day, count(*) AS count, sum(minutes) AS sum FROM time_blocks WHERE category = ? AND day BETWEEN ? AND ? GROUP BY day ORDER BY day`,
      params: [source.slice(14)],
    };
  }
  return null;
}

export function trackingActivityProvider(ctx: CoreContext): ActivityProvider {
  const db = () => ctx.store.sqlite;
  return {
    id: 'tracking',
    sources: ['time.total', 'time.focus', 'tasks.done', 'tasks.doneHigh', 'spend.entry'],
    families: ['metric', 'habit', 'time.category'],
    domains: [],
    reset: () => trackingBatchEdge(ctx),
    dailyTotals(source, from, to) {
      const q = seriesQuery(source);
      if (q) {
        // Each source's whole history is held in memory and patched from the change log (changes.ts).
        const load = (a: Day, b: Day) =>
          (rawStmt(ctx, q.sql).all(...q.params, a, b) as [Day, number, number][]).map(([day, count, sum]) => ({
            day,
            count,
            sum,
          }));
        const cache = trackingCache(ctx);
        return cache ? cache.dailyTotals(source, from, to, load) : load(from, to);
      }
      if (source.startsWith('habit:')) {
        const h = habitDefs(ctx).find((x) => x.id === source.slice(6));
        return h ? habitDoneDays(ctx, h, from, to).map((day) => ({ day, count: 1, sum: 0 })) : [];
      }
      return [];
    },
    version(source) {
      if (seriesQuery(source)) return trackingCache(ctx)?.version(source);
      if (source.startsWith('habit:')) {
        const h = habitDefs(ctx).find((x) => x.id === source.slice(6));
        return h ? habitVersion(ctx, h) : 'none';
      }
      return 'none';
    },
    items(source, days, limit) {
      const out: ProviderItem[] = [];
      const sorted = [...new Set(days)].sort();
      const push = (items: ProviderItem[]) => {
        for (const it of items) {
          if (out.length >= limit) return;
          out.push(it);
        }
      };
      const time = (extra: string, ...params: unknown[]) => {
        for (const c of chunks(sorted)) {
          if (out.length >= limit) break;
          const rows = db()
            .prepare(
              `SELECT id, day, label, category, minutes FROM time_blocks WHERE day IN (${placeholders(c.length)}) ${extra} ORDER BY day, start_min, id LIMIT ?`,
            )
            .all(...c, ...params, limit - out.length) as {
            id: number;
            day: string;
            label: string;
            category: string;
            minutes: number;
          }[];
          push(
            rows.map((r) => ({
              type: 'timeBlock',
              id: String(r.id),
              title: `${r.label || r.category} (${r.minutes} min)`,
              day: r.day,
            })),
          );
        }
      };
      const tasks = (extra: string) => {
        for (const c of chunks(sorted)) {
          if (out.length >= limit) break;
          const rows = db()
            .prepare(
              `SELECT id, title, done_day AS day FROM tasks WHERE done_day IN (${placeholders(c.length)}) ${extra} ORDER BY done_at LIMIT ?`,
            )
            .all(...c, limit - out.length) as { id: string; title: string; day: string }[];
          push(rows.map((r) => ({ type: 'task', id: r.id, title: r.title, day: r.day })));
        }
      };
      switch (source) {
        case 'time.total':
          time('');
          return out;
        case 'time.focus':
          time('AND productive = 1');
          return out;
        case 'tasks.done':
          tasks('');
          return out;
        case 'tasks.doneHigh':
          tasks(`AND priority = 'high'`);
          return out;
        case 'spend.entry':
          for (const c of chunks(sorted)) {
            const rows = db()
              .prepare(
                `SELECT id, project, category, date AS day FROM spend_entries WHERE date IN (${placeholders(c.length)}) ORDER BY date, created_at LIMIT ?`,
              )
              .all(...c, limit - out.length) as { id: string; project: string; category: string; day: string }[];
            push(rows.map((r) => ({ type: 'spend', id: r.id, title: `${r.project} · ${r.category}`, day: r.day })));
          }
          return out;
      }
      if (source.startsWith('time.category:')) {
        time('AND category = ?', source.slice(14));
        return out;
      }
      if (source.startsWith('metric:')) {
        const def = metricDef(ctx, source.slice(7));
        if (!def) return out;
        for (const c of chunks(sorted)) {
          const rows = db()
            .prepare(
              `SELECT date AS day, value FROM metric_values WHERE metric_id = ? AND date IN (${placeholders(c.length)}) ORDER BY date`,
            )
            .all(def.id, ...c) as { day: string; value: number }[];
          push(
            rows.map((r) => ({
              type: 'metric',
              id: `${def.id}:${r.day}`,
              title: `${def.name}: ${formatMetricValue(def, r.value)}`,
              day: r.day,
            })),
          );
        }
        return out;
      }
      if (source.startsWith('habit:')) {
        const h = habitDefs(ctx).find((x) => x.id === source.slice(6));
        if (h) push(sorted.map((day) => ({ type: 'habit', id: `${h.id}:${day}`, title: h.name, day })));
        return out;
      }
      return out;
    },
    metric(id): MetricInfo | undefined {
      const def = metricDef(ctx, id);
      if (!def) return undefined;
      const info: MetricInfo = { id: def.id, name: def.name, kind: def.kind, ...metricBounds(def) };
      if (def.archived) info.archived = true;
      return info;
    },
    habit(id): HabitInfo | undefined {
      const h = habitDefs(ctx).find((x) => x.id === id);
      if (!h) return undefined;
      return { id: h.id, name: h.name, periods: (to: Day) => periodsOf(ctx, h, to) };
    },
    dependents(changed) {
      const set = new Set(changed);
      return habitDefs(ctx)
        .filter((h) => h.source.type === 'activity' && set.has(h.source.source))
        .map((h) => `habit:${h.id}`);
    },
    catalog() {
      return {
        metrics: metricDefs(ctx).map((m) => ({ id: m.id, name: m.name, kind: m.kind })),
        habits: habitDefs(ctx).map((h) => ({ id: h.id, name: h.name })),
        categories: listCategories(ctx).map((c) => ({ id: c.id, name: c.name })),
      };
    },
  };
}
