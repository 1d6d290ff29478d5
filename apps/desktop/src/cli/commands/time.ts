import type { TimeDayDto } from '@folio/core';
import { table } from '../format';
import type { Command } from '../types';

const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const dur = (m: number) => (m >= 60 ? `${Math.floor(m / 60)}h${m % 60 ? ` ${m % 60}m` : ''}` : `${m}m`);

function dayText(d: TimeDayDto): string {
  if (d.blocks.length === 0) return `Nothing logged on ${d.day}. Add a line: folio time "09:10 reading RailS paper #research"`;
  const lines = [
    `Time on ${d.day}`,
    table(
      ['from', 'to', 'time', 'category', 'what'],
      d.blocks.map((b) => [clock(b.start), clock(b.end), dur(b.minutes), `${b.category}${b.productive ? ' *' : ''}`, b.label]),
    ),
    '',
    `Total ${dur(d.totals.total)}, productive ${dur(d.totals.productive)} (*); ` +
      d.totals.byCategory.map((c) => `${c.name} ${dur(c.minutes)}`).join(', '),
  ];
  for (const e of d.errors) lines.push(`line ${e.line}: ${e.message}: ${e.text}`);
  return lines.join('\n');
}

/**
 * `folio time "09:10 reading RailS paper #research" [--date D]`: adds a quick-log line; `folio time`
 * shows the day; `folio time start TEXT` / `folio time stop` run the timer.
 *
 * --json: a day `{ day, text, blocks: [{ id, day, start, end, minutes, label, tags, category, productive, source, line }],
 * timeline, totals: { total, productive, unproductive, byCategory }, errors }` (+ `added` after a line);
 * start/stop: `{ running: { label, tags, category, productive, startedAt, elapsedMinutes } | null, stopped: Block[] }`.
 */
export const timeCommand: Command = {
  name: 'time',
  summary: 'Log where the day went ("09:10 reading #research"), show the day, start/stop the timer',
  usage: 'time ["HH:MM what #category" | start TEXT | stop] [--date D]',
  options: { date: { type: 'string', description: 'The day (default today)' } },
  async run(ctx) {
    const date = typeof ctx.flags.date === 'string' ? ctx.flags.date : undefined;
    const [sub, ...rest] = ctx.args;
    if (sub === 'start') {
      const r = await ctx.call('tracking:timer-start', { text: rest.join(' ') });
      ctx.print(
        r,
        () =>
          `Timer running: ${r.running!.label || r.running!.category} (${r.running!.category}) since ${r.running!.startedAt.slice(11)}`,
      );
      return;
    }
    if (sub === 'stop') {
      const r = await ctx.call('tracking:timer-stop', {});
      ctx.print(r, () =>
        r.stopped.length
          ? r.stopped.map((b) => `Logged ${clock(b.start)}–${clock(b.end)} ${b.category}: ${b.label}`).join('\n')
          : 'No timer was running.',
      );
      return;
    }
    if (ctx.args.length === 0) {
      const d = await ctx.call('tracking:time-day', date ? { day: date } : {});
      ctx.print(d, () => dayText(d));
      return;
    }
    const r = await ctx.call('tracking:time-add', { text: ctx.args.join(' '), ...(date ? { day: date } : {}) });
    ctx.print(r, () => dayText(r));
  },
};
