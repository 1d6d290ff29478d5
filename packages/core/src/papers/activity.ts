// Reading activity per day, for the dashboard's goals and stamps: papers added and finished, highlights,
// sticky notes, active reading minutes. Each aggregate is one indexed GROUP BY day.
import type { CoreContext } from '../app/context';
import type { ReadingDayDto, ReadingStatsDto } from '../contract/papers';
import type { ActivityProvider, ProviderItem } from '../stamps';
import { readSetting } from '../system/settings';
import { dayOf, sqlite, stmt } from './repo';

/** Activity sources this domain answers (the stamps catalog names them). */
export const PAPERS_SOURCES = ['papers.added', 'papers.finished', 'papers.highlight', 'papers.note', 'reading.minutes'] as const;
export type PapersSource = (typeof PAPERS_SOURCES)[number];

export interface DayTotal {
  day: string;
  count: number;
  sum: number;
}

const TOTALS_SQL: Record<PapersSource, string> = {
  'papers.added': `SELECT added_day AS day, count(*) AS count, 0 AS sum FROM papers WHERE added_day BETWEEN ? AND ? GROUP BY added_day ORDER BY added_day`,
  // A paper finished twice the same day counts once; one re-read on another day counts again.
  'papers.finished': `SELECT day, count(DISTINCT paper_id) AS count, 0 AS sum FROM paper_status_changes WHERE status = 'read' AND day BETWEEN ? AND ? GROUP BY day ORDER BY day`,
  'papers.highlight': `SELECT day, count(*) AS count, 0 AS sum FROM paper_annotations WHERE kind IN ('highlight', 'area') AND day BETWEEN ? AND ? GROUP BY day ORDER BY day`,
  'papers.note': `SELECT day, count(*) AS count, 0 AS sum FROM paper_annotations WHERE kind = 'note' AND day BETWEEN ? AND ? GROUP BY day ORDER BY day`,
  // count = sessions that day, sum = whole minutes of active reading.
  'reading.minutes': `SELECT day, count(*) AS count, CAST(round(sum(active_ms) / 60000.0) AS INTEGER) AS sum FROM reading_sessions WHERE day BETWEEN ? AND ? AND active_ms > 0 GROUP BY day ORDER BY day`,
};

const ITEMS_SQL: Record<PapersSource, (placeholders: string) => string> = {
  'papers.added': (q) =>
    `SELECT 'paper' AS type, id, title, added_day AS day FROM papers WHERE added_day IN (${q}) ORDER BY added_at LIMIT ?`,
  'papers.finished': (q) =>
    `SELECT 'paper' AS type, p.id, p.title, s.day FROM paper_status_changes s JOIN papers p ON p.id = s.paper_id
     WHERE s.status = 'read' AND s.day IN (${q}) GROUP BY s.day, p.id ORDER BY min(s.at) LIMIT ?`,
  'papers.highlight': (q) =>
    `SELECT 'highlight' AS type, a.id, p.title, a.day FROM paper_annotations a JOIN papers p ON p.id = a.paper_id
     WHERE a.kind IN ('highlight', 'area') AND a.day IN (${q}) ORDER BY a.created_at LIMIT ?`,
  'papers.note': (q) =>
    `SELECT 'annotation' AS type, a.id, p.title, a.day FROM paper_annotations a JOIN papers p ON p.id = a.paper_id
     WHERE a.kind = 'note' AND a.day IN (${q}) ORDER BY a.created_at LIMIT ?`,
  'reading.minutes': (q) =>
    `SELECT 'paper' AS type, p.id, p.title, r.day FROM reading_sessions r JOIN papers p ON p.id = r.paper_id
     WHERE r.day IN (${q}) AND r.active_ms > 0 GROUP BY r.day, p.id ORDER BY min(r.started_at) LIMIT ?`,
};

function isSource(s: string): s is PapersSource {
  return (PAPERS_SOURCES as readonly string[]).includes(s);
}

/** Per-day totals of one source in [from, to], ascending, days without activity left out. */
export function papersDailyTotals(ctx: CoreContext, source: string, from: string, to: string): DayTotal[] {
  if (!isSource(source)) return [];
  return stmt(sqlite(ctx), TOTALS_SQL[source]).all(from, to) as DayTotal[];
}

/** The papers/annotations behind a source on these days, oldest first (stamp evidence). */
export function papersActivityItems(ctx: CoreContext, source: string, days: readonly string[], limit: number): ProviderItem[] {
  if (!isSource(source) || days.length === 0 || limit <= 0) return [];
  const out: ProviderItem[] = [];
  // SQLite limits bound parameters: ask in slices of days.
  for (let i = 0; i < days.length && out.length < limit; i += 400) {
    const slice = days.slice(i, i + 400);
    const rows = sqlite(ctx)
      .prepare(ITEMS_SQL[source](slice.map(() => '?').join(', ')))
      .all(...slice, limit - out.length) as ProviderItem[];
    out.push(...rows);
  }
  return out;
}

/** The stamps/dashboard activity provider of the papers domain. */
export function papersActivityProvider(ctx: CoreContext): ActivityProvider {
  return {
    id: 'papers',
    sources: PAPERS_SOURCES,
    domains: ['papers'],
    dailyTotals: (source, from, to) => papersDailyTotals(ctx, source, from, to),
    items: (source, days, limit) => papersActivityItems(ctx, source, days, limit),
  };
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function weekStart(day: string, weekStartsOn: number): string {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((dow - weekStartsOn + 7) % 7));
}

/** Reading log per day in [from, to] plus today/this week/this month totals and the queue's size. */
export function readingStats(
  ctx: CoreContext,
  opts: { from?: string; to?: string; tzOffsetMinutes?: number } = {},
): ReadingStatsDto {
  const today = dayOf(ctx.now(), opts.tzOffsetMinutes);
  let weekStartsOn = 1;
  try {
    weekStartsOn = readSetting(ctx.store.db, 'tracking.weekStartsOn');
  } catch {
    // Monday when the setting is unreadable.
  }
  const wk = weekStart(today, weekStartsOn);
  const month = `${today.slice(0, 7)}-01`;
  const earliest = [wk, month].sort()[0]!;
  const to = opts.to ?? today;
  const from = opts.from ?? addDays(to, -34);
  const lo = from < earliest ? from : earliest;
  const hi = to > today ? to : today;
  const byDay = new Map<string, ReadingDayDto>();
  const day = (d: string) => {
    let e = byDay.get(d);
    if (!e) byDay.set(d, (e = { day: d, minutes: 0, sessions: 0, finished: 0, added: 0, highlights: 0 }));
    return e;
  };
  for (const r of papersDailyTotals(ctx, 'reading.minutes', lo, hi))
    Object.assign(day(r.day), { minutes: r.sum, sessions: r.count });
  for (const r of papersDailyTotals(ctx, 'papers.finished', lo, hi)) day(r.day).finished = r.count;
  for (const r of papersDailyTotals(ctx, 'papers.added', lo, hi)) day(r.day).added = r.count;
  for (const r of papersDailyTotals(ctx, 'papers.highlight', lo, hi)) day(r.day).highlights = r.count;
  const sum = (start: string) => {
    let minutes = 0;
    let finished = 0;
    for (const e of byDay.values()) {
      if (e.day >= start && e.day <= today) {
        minutes += e.minutes;
        finished += e.finished;
      }
    }
    return { minutes, finished };
  };
  const queue = stmt(
    sqlite(ctx),
    `SELECT sum(status = 'queued') AS queued, sum(status IN ('reading', 'rereading')) AS reading FROM papers`,
  ).get() as {
    queued: number | null;
    reading: number | null;
  };
  return {
    days: [...byDay.values()].filter((e) => e.day >= from && e.day <= to).sort((a, b) => (a.day < b.day ? -1 : 1)),
    totals: { today: sum(today), week: sum(wk), month: sum(month) },
    queue: { queued: queue.queued ?? 0, reading: queue.reading ?? 0 },
  };
}
