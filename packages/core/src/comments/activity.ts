import type { CoreContext } from '../app/context';
import type { ActivityProvider, DayTotal, ProviderItem } from '../stamps';
import { stmt } from './store';

/**
 * The inbox's activity for stamps, the dashboard and the weekly review: `comments.answered` counts the
 * user's decisions (approve or spam) per local day. Deleting is not a decision.
 */
export function commentsActivityProvider(ctx: CoreContext): ActivityProvider {
  return {
    id: 'comments',
    sources: ['comments.answered'],
    domains: ['comments'],
    dailyTotals(source, from, to) {
      if (source !== 'comments.answered') return [];
      return stmt(
        ctx,
        `SELECT labeled_day AS day, count(*) AS count, 0 AS sum FROM comments
         WHERE label IS NOT NULL AND labeled_day BETWEEN ? AND ? GROUP BY labeled_day ORDER BY labeled_day`,
      ).all(from, to) as DayTotal[];
    },
    items(source, days, limit) {
      if (source !== 'comments.answered' || days.length === 0) return [];
      const wanted = [...new Set(days)].sort().slice(0, 400);
      const rows = stmt(
        ctx,
        `SELECT id, text, author, label, labeled_day FROM comments WHERE label IS NOT NULL AND labeled_day IN (${wanted.map(() => '?').join(',')})
         ORDER BY labeled_at LIMIT ?`,
      ).all(...wanted, limit) as { id: string; text: string; author: string | null; label: string; labeled_day: string }[];
      return rows.map((r): ProviderItem => ({
        type: 'comment',
        id: r.id,
        title: `${r.label === 'spam' ? 'Spam' : 'Approved'}: ${(r.author ? `${r.author}: ` : '') + r.text.replace(/\s+/g, ' ').slice(0, 60)}`,
        day: r.labeled_day,
      }));
    },
  };
}
