import { FolioError, type RelatedDto, type SearchKind } from '@folio/core';
import { table } from '../format';
import type { Command } from '../types';

/**
 * `folio related ID [--limit N] [--kind entry|paper]`: the items closest in meaning to an entry or a paper
 * (needs the embedding model and its index: run `folio index --wait` first in a script).
 *
 * --json: an array of `{ kind, id, title, date, score }`, best first; `score` is the cosine similarity
 * (-1..1) of the closest passages. Why a list is empty (no model, not indexed yet) goes to stderr.
 */
export interface RelatedJson {
  kind: SearchKind;
  id: string;
  title: string;
  date: string | null;
  score: number;
}

export const relatedCommand: Command = {
  name: 'related',
  summary: 'Entries, papers and highlights closest in meaning to an entry or a paper',
  usage: 'related ID [--limit N] [--kind entry|paper]',
  options: {
    limit: { type: 'string', short: 'n', description: 'Most items (default 8, at most 50)' },
    kind: { type: 'string', description: 'What ID is: entry or paper (default: whichever has it)' },
  },
  async run(ctx) {
    const id = ctx.args[0];
    if (!id) {
      ctx.err(`folio related: give an entry or paper id\nUsage: folio ${relatedCommand.usage}`);
      return 2;
    }
    const limit = ctx.flags.limit === undefined ? 8 : Number(ctx.flags.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
      ctx.err('folio related: --limit is a whole number from 1 to 50');
      return 2;
    }
    const kind = ctx.flags.kind;
    if (kind !== undefined && kind !== 'entry' && kind !== 'paper') {
      ctx.err('folio related: --kind is entry or paper');
      return 2;
    }
    let r: RelatedDto | null = null;
    for (const k of kind ? [kind as SearchKind] : (['entry', 'paper'] as const)) {
      try {
        r = await ctx.call('search:related', { kind: k, id, limit });
        break;
      } catch (err) {
        if (!(err instanceof FolioError && err.code === 'not_found') || kind) throw err;
      }
    }
    if (!r) throw new FolioError('not_found', `No entry or paper with id ${id} is indexed.`);
    if (r.note) ctx.err(`note: ${r.note}`);
    const rows: RelatedJson[] = r.items.map((x) => ({
      kind: x.kind,
      id: x.id,
      title: x.title,
      date: x.date,
      score: Number(x.score.toFixed(6)),
    }));
    if (ctx.json) {
      ctx.out(JSON.stringify(rows, null, 2));
      return;
    }
    if (rows.length === 0) ctx.out('Nothing related found.');
    else
      ctx.out(
        table(
          ['score', 'kind', 'date', 'title', 'id'],
          rows.map((x) => [x.score.toFixed(3), x.kind, x.date ?? '', x.title, x.id]),
        ),
      );
  },
};
