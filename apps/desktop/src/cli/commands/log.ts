import { table } from '../format';
import type { Command } from '../types';

/**
 * `folio log METRIC VALUE [--date YYYY-MM-DD]`: one daily stat, as typed (`7h30m`, `4`, `yes`).
 * Without arguments: today's check-in so far.
 *
 * --json with a value: `{ metric, name, date, value, display, previous, earned: [{ id, name, earnedAt }] }`
 * (value in canonical units: minutes for durations, 1/0 for yes/no). Without: `{ date, today, values, inputs }`.
 */
export const logCommand: Command = {
  name: 'log',
  summary: 'Log a daily stat (folio log mood 4, folio log sleep 7h30m --date 2026-06-01)',
  usage: 'log METRIC VALUE [--date YYYY-MM-DD]',
  options: { date: { type: 'string', description: 'The day it belongs to (default today)' } },
  async run(ctx) {
    const date = typeof ctx.flags.date === 'string' ? ctx.flags.date : undefined;
    if (ctx.args.length === 0) {
      const [day, metrics] = await Promise.all([
        ctx.call('tracking:day', date ? { date } : {}),
        ctx.call('tracking:metrics', {}),
      ]);
      ctx.print(day, () =>
        [
          `Check-in for ${day.date}`,
          table(
            ['metric', 'name', 'value'],
            metrics.map((m) => [m.id, m.name, day.inputs[m.id] ?? '']),
          ),
          '',
          'Log one with: folio log METRIC VALUE [--date YYYY-MM-DD]',
        ].join('\n'),
      );
      return;
    }
    if (ctx.args.length < 2) {
      ctx.err('folio log: give a metric and a value, e.g. folio log mood 4');
      return 2;
    }
    const [metric, ...rest] = ctx.args;
    const r = await ctx.call('tracking:log', { metric: metric!, value: rest.join(' '), ...(date ? { date } : {}) });
    ctx.print(r, () =>
      [
        `Logged ${r.name} = ${r.display} on ${r.date}${r.previous !== null && r.previous !== r.value ? ` (was ${r.previous})` : ''}`,
        ...r.earned.map((s) => `Stamp earned: ${s.name} (${s.earnedAt})`),
      ].join('\n'),
    );
  },
};
