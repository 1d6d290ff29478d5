import { SEARCH_KINDS, SEARCH_MODES, type SearchKind, type SearchMode, type SearchResultDto } from '@folio/core';
import { table } from '../format';
import type { CliContext, Command } from '../types';

/**
 * `folio search QUERY [--limit N] [--mode fts|vector|hybrid] [--kind K]... [--tag T]... [--from D] [--to D] [--public|--private]`
 *
 * --json: an array of `{ kind, id, title, date, snippet, score }`, best first:
 *   kind     entry | paper | annotation | comment
 *   id       the item's id in its domain (`folio papers show ID`, `journal:get`)
 *   date     YYYY-MM-DD (or null)
 *   snippet  plain text around the match (no markup; the UI marks the words)
 *   score    higher is better: -bm25 (fts), cosine similarity (vector), RRF score (hybrid)
 * Notes (a fallback to keywords, a relaxed match, an incomplete semantic index) go to stderr.
 * The default mode here is fts: predictable for scripts, and it never loads the model.
 */
export interface SearchJson {
  kind: SearchKind;
  id: string;
  title: string;
  date: string | null;
  snippet: string;
  score: number;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** The snippet's HTML (escaped text + <mark>) as plain text. */
export function plainSnippet(html: string): string {
  return html.replace(/<\/?mark>/g, '').replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e);
}

export function searchJson(r: SearchResultDto): SearchJson {
  return {
    kind: r.kind,
    id: r.id,
    title: r.title,
    date: r.date,
    snippet: plainSnippet(r.snippet),
    score: Number(r.score.toFixed(6)),
  };
}

function list(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [];
}

function bad(ctx: CliContext, message: string): number {
  ctx.err(`folio search: ${message}\nUsage: folio ${searchCommand.usage}`);
  return 2;
}

export const searchCommand: Command = {
  name: 'search',
  summary: 'Search journal entries, papers, highlights and comments (keywords, or semantic with --mode)',
  usage: 'search QUERY [--limit N] [--mode fts|vector|hybrid] [--kind K] [--from D] [--to D]',
  options: {
    limit: { type: 'string', short: 'n', description: 'Most results (default 20, at most 200)' },
    offset: { type: 'string', description: 'Skip this many results' },
    mode: { type: 'string', description: 'fts (keywords, default), vector (semantic) or hybrid (both, fused)' },
    kind: { type: 'string', multiple: true, description: `Only these kinds: ${SEARCH_KINDS.join(', ')} (repeatable)` },
    tag: { type: 'string', multiple: true, description: 'Only items with this tag (or a tag below it; repeatable)' },
    from: { type: 'string', description: 'Only items dated on or after YYYY-MM-DD' },
    to: { type: 'string', description: 'Only items dated on or before YYYY-MM-DD' },
    public: { type: 'boolean', description: 'Only public items' },
    private: { type: 'boolean', description: 'Only private items' },
  },
  async run(ctx) {
    const q = ctx.args.join(' ').trim();
    if (!q) return bad(ctx, 'give something to search for, e.g. folio search 申请');
    const limit = ctx.flags.limit === undefined ? 20 : Number(ctx.flags.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) return bad(ctx, '--limit is a whole number from 1 to 200');
    const offset = ctx.flags.offset === undefined ? 0 : Number(ctx.flags.offset);
    if (!Number.isInteger(offset) || offset < 0) return bad(ctx, '--offset is a whole number, 0 or more');
    const mode = (ctx.flags.mode ?? 'fts') as SearchMode;
    if (!SEARCH_MODES.includes(mode)) return bad(ctx, `--mode is one of ${SEARCH_MODES.join(', ')}`);
    const kinds = list(ctx.flags.kind);
    const unknown = kinds.find((k) => !(SEARCH_KINDS as readonly string[]).includes(k));
    if (unknown) return bad(ctx, `unknown kind "${unknown}" (one of ${SEARCH_KINDS.join(', ')})`);
    if (ctx.flags.public && ctx.flags.private) return bad(ctx, 'choose --public or --private, not both');
    const tags = list(ctx.flags.tag);
    const r = await ctx.call('search:query', {
      q,
      mode,
      limit,
      offset,
      ...(kinds.length ? { kinds: kinds as SearchKind[] } : {}),
      ...(tags.length ? { tags } : {}),
      ...(typeof ctx.flags.from === 'string' ? { from: ctx.flags.from } : {}),
      ...(typeof ctx.flags.to === 'string' ? { to: ctx.flags.to } : {}),
      ...(ctx.flags.public ? { public: true } : ctx.flags.private ? { public: false } : {}),
    });
    if (r.note) ctx.err(`note: ${r.note}`);
    if (ctx.json) {
      ctx.out(JSON.stringify(r.results.map(searchJson), null, 2));
      return;
    }
    if (r.results.length === 0) {
      ctx.out(`Nothing found for “${q}”.`);
      return;
    }
    ctx.out(
      table(
        ['kind', 'date', 'title', 'snippet', 'id'],
        r.results.map((x) => [
          x.kind === 'annotation' ? `${x.subkind ?? 'annotation'} p.${x.page ?? '?'}` : x.kind,
          x.date ?? '',
          x.title,
          plainSnippet(x.snippet),
          x.id,
        ]),
      ),
    );
    const shown = `${offset + 1}–${offset + r.results.length}`;
    ctx.out(`(${shown} of ${r.total}, ${r.mode}, ${r.tookMs} ms)`);
  },
};
