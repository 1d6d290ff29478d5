import type { Command } from '../types';

/**
 * `folio review [--week YYYY-MM-DD] [--start]`: the week's figures as markdown; `--start` creates the
 * weekly-review journal entry from its template, prefilled (or finds the one already written).
 *
 * --json: the week `{ from, to, week, entries, papers, habits, time, tasks, metrics, stamps, spend, markdown,
 * existingEntryId }`; with --start: `{ entryId, created }`.
 */
export const reviewCommand: Command = {
  name: 'review',
  summary: 'The weekly review: the week in figures; --start writes the review entry',
  usage: 'review [--week YYYY-MM-DD] [--start]',
  options: {
    week: { type: 'string', description: 'Any day of the week (default this week)' },
    start: { type: 'boolean', description: 'Create the weekly-review entry, prefilled' },
  },
  async run(ctx) {
    const weekOf = typeof ctx.flags.week === 'string' ? ctx.flags.week : undefined;
    if (ctx.flags.start) {
      const r = await ctx.call('tracking:week-review-start', weekOf ? { weekOf } : {});
      ctx.print(r, () =>
        r.created ? `Started the weekly review: entry ${r.entryId}` : `This week's review already exists: entry ${r.entryId}`,
      );
      return;
    }
    const r = await ctx.call('tracking:week-review', weekOf ? { weekOf } : {});
    ctx.print(r, () => `Week ${r.week} (${r.from} – ${r.to})\n\n${r.markdown}`);
  },
};
