import type { SearchIndexStatusDto } from '@folio/core';
import type { Command } from '../types';

/**
 * `folio index [--wait] [--timeout SECONDS] [--rebuild-vectors]`: checks the keyword index against the
 * journal and papers (repairing it by content hash) and shows the semantic index's state. With --wait,
 * also builds the semantic index (embedding every passage that has no vector yet) and returns when it is
 * complete: progress on stderr. Without the model, the keyword index is still brought up to date, the
 * reason is printed on stderr and the exit code stays 0 (`complete: false` in the JSON).
 *
 * --json: { updated, removed, unchanged, complete, docs: { entry, paper, annotation, comment, total },
 *           chunks: { pending, done, total, empty }, embedder: { state, version?, dim?, message? } }
 */
export interface IndexJson {
  updated: number;
  removed: number;
  unchanged: number;
  complete: boolean;
  docs: SearchIndexStatusDto['docs'];
  chunks: SearchIndexStatusDto['chunks'];
  embedder: SearchIndexStatusDto['embedder'];
}

export const indexCommand: Command = {
  name: 'index',
  summary: 'Bring the search index up to date (--wait: also the semantic index)',
  usage: 'index [--wait] [--timeout SECONDS] [--rebuild-vectors]',
  options: {
    wait: { type: 'boolean', description: 'Build the semantic index too and return when it is complete' },
    timeout: { type: 'string', description: 'With --wait: give up after this many seconds (exit 1)' },
    'rebuild-vectors': { type: 'boolean', description: 'Drop every vector and embed everything again' },
  },
  async run(ctx) {
    const timeout = ctx.flags.timeout === undefined ? undefined : Number(ctx.flags.timeout);
    if (timeout !== undefined && !(timeout > 0)) {
      ctx.err('folio index: --timeout is a number of seconds');
      return 2;
    }
    const backend = await ctx.backend();
    let lastLine = 0;
    const tty = process.stderr.isTTY;
    const sub = backend.events.on('jobs:progress', (p) => {
      if (p.job !== 'search:index' || !ctx.flags.wait) return;
      const now = Date.now();
      if (p.state === 'running' && now - lastLine < (tty ? 200 : 2000)) return;
      lastLine = now;
      const pct = p.total ? Math.floor((100 * p.done) / p.total) : 100;
      const line = `Embedding passages: ${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')} (${pct}%)`;
      if (tty) process.stderr.write(`\r${line}${p.state === 'running' ? '' : '\n'}`);
      else ctx.err(line);
    });
    try {
      const r = await ctx.call('search:reindex', { vectors: ctx.flags['rebuild-vectors'] === true });
      let status: SearchIndexStatusDto & { complete: boolean };
      if (ctx.flags.wait) {
        status = await ctx.call('search:wait-index', timeout === undefined ? {} : { timeoutMs: Math.round(timeout * 1000) });
      } else {
        status = { ...(await ctx.call('search:index-status', {})), complete: false };
        status.complete = status.chunks.pending === 0 && status.embedder.state !== 'unavailable';
      }
      const out: IndexJson = {
        updated: r.updated,
        removed: r.removed,
        unchanged: r.unchanged,
        complete: status.complete,
        docs: status.docs,
        chunks: status.chunks,
        embedder: status.embedder,
      };
      if (status.embedder.state === 'unavailable')
        ctx.err(`note: semantic index unavailable: ${status.embedder.message ?? 'no model'} Keyword search is up to date.`);
      else if (ctx.flags.wait && !status.complete)
        ctx.err(
          `folio index: the semantic index is not complete (${status.chunks.pending} passages left${status.indexer.lastError ? `: ${status.indexer.lastError}` : ''}).`,
        );
      ctx.print(out, () =>
        [
          `Keyword index: ${status.docs.total} items (${status.docs.entry} entries, ${status.docs.paper} papers, ${status.docs.annotation} annotations); ${r.updated} updated, ${r.removed} removed.`,
          `Semantic index: ${status.chunks.done} of ${status.chunks.total} passages${status.chunks.pending ? `, ${status.chunks.pending} waiting${ctx.flags.wait ? '' : ' (run folio index --wait, or leave the app open)'}` : ''}; model ${status.embedder.state}${status.embedder.version ? ` (${status.embedder.version})` : ''}.`,
        ].join('\n'),
      );
      if (ctx.flags.wait && !status.complete && status.embedder.state !== 'unavailable') return 1;
    } finally {
      sub.dispose();
    }
  },
};
