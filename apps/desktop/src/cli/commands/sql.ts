import { table } from '../format';
import type { Command } from '../types';

export const sqlCommand: Command = {
  name: 'sql',
  summary: 'Run one read-only SQL query on the database (writes are refused)',
  usage: 'sql "SELECT ..." [--limit N]',
  options: { limit: { type: 'string', description: 'Most rows to print (default 1000)' } },
  async run(ctx) {
    const sql = ctx.args.join(' ').trim();
    if (!sql) {
      ctx.err('folio sql: give a query, e.g. folio sql "SELECT count(*) FROM settings"');
      return 2;
    }
    const limit = ctx.flags.limit ? Number(ctx.flags.limit) : 1000;
    const r = await ctx.call('system:sql', { sql, limit });
    if (ctx.json) {
      // Rows as objects keyed by column: the shape scripts want.
      ctx.out(
        JSON.stringify(
          r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c, row[i]]))),
          null,
          2,
        ),
      );
    } else {
      ctx.out(table(r.columns, r.rows));
      ctx.out(`(${r.rows.length} row${r.rows.length === 1 ? '' : 's'}${r.truncated ? `, truncated at ${limit}` : ''})`);
    }
  },
};
