import { table } from '../format';
import type { Command } from '../types';

/**
 * `folio spend`: the research-spend ledger with totals per project, category and overall (per currency).
 * `folio spend add AMOUNT [CURRENCY] --project P --category C [--date D] [--note N] [--refund]`.
 *
 * --json: list `{ entries: [{ id, amountMinor, currency, amount, project, category, date, note, link }], totals:
 * [{ currency, total, spent, refunded, count, formatted, byProject, byCategory, byMonth }], projects, categories, currencies }`;
 * add: the entry (+ `earned`). Amounts are integer minor units (cents).
 */
export const spendCommand: Command = {
  name: 'spend',
  summary: 'The research-spend ledger and its totals; "spend add 12.50 USD --project P --category EMPIRICAL"',
  usage: 'spend [add AMOUNT [CURRENCY] --project P --category C] [--from D --to D]',
  options: {
    project: { type: 'string', description: 'add: the project; list: only this project' },
    category: { type: 'string', description: 'add: EMPIRICAL, ENGINEERING, METHODOLOGY…; list: only this one' },
    date: { type: 'string', description: 'add: the day (default today)' },
    note: { type: 'string', description: 'add: a note' },
    refund: { type: 'boolean', description: 'add: money back (stored negative)' },
    from: { type: 'string', description: 'list: first day' },
    to: { type: 'string', description: 'list: last day' },
  },
  async run(ctx) {
    const f = (k: string) => (typeof ctx.flags[k] === 'string' ? (ctx.flags[k] as string) : undefined);
    if (ctx.args[0] === 'add') {
      const [, amount, currency] = ctx.args;
      if (!amount) {
        ctx.err('folio spend add: give an amount, e.g. folio spend add 12.50 USD --project RailS --category EMPIRICAL');
        return 2;
      }
      const settings = await ctx.call('settings:get', {});
      const today = new Date();
      const r = await ctx.call('tracking:spend-save', {
        amount,
        currency: currency ?? settings['tracking.currency'],
        project: f('project') ?? '',
        category: f('category') ?? 'OTHER',
        date:
          f('date') ??
          `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`,
        refund: ctx.flags.refund === true,
        ...(f('note') ? { note: f('note') } : {}),
      });
      ctx.print(r, () =>
        [
          `Recorded ${r.amount} for ${r.project} (${r.category}) on ${r.date}`,
          ...r.earned.map((s) => `Stamp earned: ${s.name}`),
        ].join('\n'),
      );
      return;
    }
    const list = await ctx.call('tracking:spend', {
      ...(f('from') ? { from: f('from') } : {}),
      ...(f('to') ? { to: f('to') } : {}),
      ...(f('project') ? { project: f('project') } : {}),
      ...(f('category') ? { category: f('category') } : {}),
    });
    ctx.print(list, () => {
      if (list.entries.length === 0)
        return 'No expenses recorded. Add one: folio spend add 12.50 USD --project RailS --category EMPIRICAL';
      const out = [
        table(
          ['date', 'amount', 'project', 'category', 'note'],
          list.entries.map((e) => [e.date, e.amount, e.project, e.category, e.note ?? '']),
        ),
      ];
      for (const t of list.totals) {
        out.push('', `${t.currency}: ${t.formatted} over ${t.count} entr${t.count === 1 ? 'y' : 'ies'}`);
        out.push(`  by project:  ${t.byProject.map((b) => `${b.key} ${b.formatted}`).join(', ')}`);
        out.push(`  by category: ${t.byCategory.map((b) => `${b.key} ${b.formatted}`).join(', ')}`);
      }
      return out.join('\n');
    });
  },
};
