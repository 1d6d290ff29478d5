import type { EntrySummaryDto } from '@folio/core';
import { table } from '../format';
import type { Command } from '../types';

/**
 * `folio entries list [--kind K] [--tag T] [--from DATE] [--to DATE] [--limit N] | show ID|DATE`.
 *
 * --json shapes (stable, documented in the README):
 *   list: [{ id, kind, title, date, time, tags, words, public, locked, createdAt, updatedAt, revision }]
 *   show: the full EntryDto (body as markdown, properties as an object).
 * `show 2026-11-25` shows that day's daily note (without creating one).
 */
const USAGE = [
  'entries list [--kind K] [--tag T] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--limit N]',
  'entries show ID|YYYY-MM-DD',
].join('\n       ');

function listed(e: EntrySummaryDto) {
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    date: e.date,
    time: e.time,
    tags: e.tags,
    words: e.wordCount,
    public: e.isPublic,
    locked: e.locked,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    revision: e.revision,
  };
}

export const entriesCommand: Command = {
  name: 'entries',
  summary: 'List journal entries, or print one as markdown',
  usage: USAGE,
  options: {
    kind: { type: 'string', description: 'Only this kind (daily, post, weekly, meeting, paper, note, or your own)' },
    tag: { type: 'string', description: 'Only entries with this tag (or a tag below it in the series)' },
    from: { type: 'string', description: 'From this date (YYYY-MM-DD)' },
    to: { type: 'string', description: 'Up to this date (YYYY-MM-DD)' },
    limit: { type: 'string', description: 'Most entries to list (default 50, at most 500)' },
  },
  async run(ctx) {
    const [sub, arg] = ctx.args;
    if (sub === 'list') {
      const str = (k: string) => (typeof ctx.flags[k] === 'string' ? (ctx.flags[k] as string) : undefined);
      const limit = str('limit') ? Number(str('limit')) : 50;
      const r = await ctx.call('journal:list', {
        ...(str('kind') ? { kind: str('kind') } : {}),
        ...(str('tag') ? { tag: str('tag') } : {}),
        ...(str('from') ? { from: str('from') } : {}),
        ...(str('to') ? { to: str('to') } : {}),
        limit,
      });
      const rows = r.items.map(listed);
      ctx.print(rows, () =>
        rows.length
          ? `${table(
              ['id', 'date', 'kind', 'title', 'words', 'tags'],
              rows.map((e) => [
                e.id,
                e.time ? `${e.date} ${e.time}` : e.date,
                e.kind,
                e.title,
                e.words,
                e.tags.map((t) => `#${t}`).join(' '),
              ]),
            )}\n(${rows.length} of ${r.total})`
          : 'No entries.',
      );
      return;
    }
    if (sub === 'show' && arg) {
      let id = arg;
      if (/^\d{4}-\d{2}-\d{2}$/.test(arg)) {
        const daily = await ctx.call('journal:list', { kind: 'daily', from: arg, to: arg, limit: 1 });
        const found = daily.items[0];
        if (!found) {
          ctx.err(`folio entries: there is no daily note for ${arg}.`);
          return 1;
        }
        id = found.id;
      }
      const e = await ctx.call('journal:get', { id });
      ctx.print(e, () => {
        const head = [
          `# ${e.title || e.date}`,
          `${e.date}${e.time ? ` ${e.time}` : ''} · ${e.kind}${e.tags.length ? ` · ${e.tags.map((t) => `#${t}`).join(' ')}` : ''}`,
        ];
        const props = Object.entries(e.properties);
        if (props.length) head.push(...props.map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`));
        return `${head.join('\n')}\n\n${e.body}`;
      });
      return;
    }
    ctx.err(`usage: folio ${USAGE}`);
    return 2;
  },
};
