import type { CoreContext } from '../../app/context';
import { entryActivity, listEntries, listKinds, type DayActivity } from '../../journal';
import type { DayTotal } from '../engine';
import { activityRegistry, type ActivityProvider, type ProviderItem } from '../registry';

/** The journal kind whose entries count as weekly reviews. */
export const WEEKLY_REVIEW_KIND = 'weekly';

/**
 * The journal's activity, read only through journal/index.ts: `entryActivity` (one indexed GROUP BY
 * date, kind over written entries) for the totals, `listEntries` for the evidence items.
 * Sources: `journal.entry` (entries written), `journal.words` (their words), `journal.weeklyReview`
 * (entries of kind `weekly`), `journal.kind:<kind>`.
 */
export function journalActivityProvider(ctx: CoreContext): ActivityProvider {
  // One evaluation batch reads several journal sources over the same range: query once.
  let memo: { from: string; to: string; rows: DayActivity[] } | null = null;
  const activity = (from: string, to: string): DayActivity[] => {
    // Memoised only inside a read batch: between batches another process may have written.
    if (!activityRegistry(ctx).inBatch) return entryActivity(ctx, from, to);
    if (memo && memo.from <= from && memo.to >= to) {
      return memo.from === from && memo.to === to ? memo.rows : memo.rows.filter((r) => r.date >= from && r.date <= to);
    }
    const rows = entryActivity(ctx, from, to);
    memo = { from, to, rows };
    return rows;
  };
  // Outside a batch a memo could be stale: any journal write drops it.
  ctx.events.on('data:changed', (e) => {
    if (e.domain === 'journal' || e.domain === '*') memo = null;
  });
  const kindOf = (source: string): ((kind: string) => boolean) | null => {
    if (source === 'journal.entry' || source === 'journal.words') return () => true;
    if (source === 'journal.weeklyReview') return (k) => k === WEEKLY_REVIEW_KIND;
    if (source.startsWith('journal.kind:')) {
      const want = source.slice('journal.kind:'.length);
      return (k) => k === want;
    }
    return null;
  };
  return {
    id: 'journal',
    sources: ['journal.entry', 'journal.words', 'journal.weeklyReview'],
    families: ['journal.kind'],
    domains: ['journal'],
    reset() {
      memo = null;
    },
    dailyTotals(source, from, to) {
      const match = kindOf(source);
      if (!match) return [];
      const words = source === 'journal.words';
      const out: DayTotal[] = [];
      let last: DayTotal | undefined;
      for (const r of activity(from, to)) {
        if (!match(r.kind)) continue;
        if (!last || last.day !== r.date) out.push((last = { day: r.date, count: 0, sum: 0 }));
        last.count += r.count;
        if (words) last.sum += r.words;
      }
      return out;
    },
    items(source, days, limit) {
      const match = kindOf(source);
      if (!match || days.length === 0) return [];
      const wanted = new Set(days);
      const sorted = [...wanted].sort();
      const out: ProviderItem[] = [];
      let offset = 0;
      for (;;) {
        const page = listEntries(ctx, {
          from: sorted[0],
          to: sorted[sorted.length - 1],
          writtenOnly: true,
          order: 'date-asc',
          offset,
          limit: 500,
          ...(source === 'journal.weeklyReview' ? { kind: WEEKLY_REVIEW_KIND } : {}),
          ...(source.startsWith('journal.kind:') ? { kind: source.slice('journal.kind:'.length) } : {}),
        });
        for (const e of page.items) {
          if (!wanted.has(e.date) || !match(e.kind)) continue;
          out.push({ type: 'entry', id: e.id, title: e.title || e.excerpt.slice(0, 60) || 'Untitled entry', day: e.date });
          if (out.length >= limit) return out;
        }
        if (page.nextOffset === null) return out;
        offset = page.nextOffset;
      }
    },
    journalKinds() {
      return listKinds(ctx).map((k) => k.key);
    },
  };
}
