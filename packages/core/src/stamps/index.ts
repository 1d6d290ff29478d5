/**
 * The stamps domain's public API: achievements earned from what Folio knows, and the ACTIVITY
 * REGISTRY every domain feeds so stamps, derived habits, goals, the dashboard and the weekly review
 * can read its activity without importing its internals.
 *
 * ## Feeding activity: `ActivityProvider`
 *
 * A domain describes its activity as *sources*: `journal.entry`, `papers.finished`, `reading.minutes`,
 * `comments.answered`… (the catalog is in engine/sources.ts). Per source and day it reports a `count`
 * (items that day) and a `sum` (their measure: minutes, words; 0 when there is none).
 *
 * ```ts
 * interface ActivityProvider {
 *   id: string;                       // 'papers'
 *   sources: readonly string[];       // fixed ids it answers
 *   families?: readonly string[];     // 'journal.kind' answers every 'journal.kind:<kind>'
 *   domains?: readonly string[];      // data:changed domains that change these sources
 *   dailyTotals(source, from, to): { day, count, sum }[];   // ascending, one GROUP BY day, synchronous
 *   items(source, days, limit): { type, id, title?, day? }[]; // evidence, oldest first
 *   reset?(): void;                   // a read batch starts or ends
 *   version?(source): string | undefined; // exact change token when the provider caches itself
 *   dependents?(changed): string[];   // sources derived from these (tracking's habits)
 *   metric?, habit?, journalKinds?, catalog?                  // tracking and journal only
 * }
 * ```
 *
 * Reads are held between evaluations, never stale: a provider without `version` is re-read after
 * any write to the store (`storeVersion`: this connection's `total_changes()`, other connections'
 * `PRAGMA data_version`, a restore); tracking (its change-log triggers) and the journal (its
 * per-entry events, checked by count) hold whole histories and re-read only the days that changed.
 * The lists they return are never mutated.
 *
 * Example — the papers domain (in packages/core/src/papers/, registered from its handlers factory):
 *
 * ```ts
 * import { registerActivityProvider } from '../stamps';
 *
 * registerActivityProvider(ctx, {
 *   id: 'papers',
 *   sources: ['papers.added', 'papers.finished', 'papers.highlight', 'papers.note', 'reading.minutes'],
 *   domains: ['papers'],
 *   dailyTotals(source, from, to) {
 *     // e.g. papers.finished: SELECT finished_day AS day, COUNT(*) AS count, 0 AS sum FROM papers
 *     //      WHERE finished_day BETWEEN ? AND ? GROUP BY finished_day ORDER BY finished_day
 *     // reading.minutes: count = sessions, sum = minutes read that day.
 *     return ctx.store.sqlite.prepare(SQL_FOR[source]).all(from, to) as DayTotal[];
 *   },
 *   items(source, days, limit) {
 *     // papers.finished → [{ type: 'paper', id, title, day }], highlights → { type: 'highlight', id, title: paper title, day }
 *   },
 * });
 * ```
 *
 * Comments do the same with `{ id: 'comments', sources: ['comments.answered'], domains: ['comments'], … }`.
 *
 * After a write, a domain emits `data:changed { domain }` (pages refetch; every source of providers
 * listening to that domain counts as touched) or, more precisely, `activity:changed { sources, day }`.
 * Stamps re-evaluate incrementally on the next turn of the event loop (or at once with `flushStamps`),
 * persist their state, and emit `stamps:earned { stamp, earnedAt, evidence }` for the celebration.
 *
 * The weekly review asks `activityRegistry(ctx).isAvailable('papers.finished')` and, when so,
 * `items('papers.finished', days, n)` / `items('papers.highlight', days, n)` for the week's papers.
 *
 * Tables (for `folio sql`): stamps, stamp_states.
 */
export {
  activityRegistry,
  registerActivityProvider,
  storeVersion,
  memoByStore,
  sliceDays,
  ActivityRegistry,
  type ActivityProvider,
  type ProviderItem,
} from './registry';
export { journalActivityProvider, WEEKLY_REVIEW_KIND } from './providers/journal';
export {
  flushStamps,
  queueActivity,
  refreshStamps,
  recheckStamps,
  stampsEarnedBetween,
  listStampDtos,
  todayOf,
  EVALUATION_FROM,
} from './service';
export { eventSources, resolveSource, listSources, FIXED_SOURCES, summarizeEvidence, describeRule } from './engine';
export type { ActivitySource, DayTotal, MetricInfo, HabitInfo, HabitPeriodInfo, ActivityItem } from './engine';
export { STARTER_STAMPS } from './starter';
export { createStampsHandlers } from './handlers';
