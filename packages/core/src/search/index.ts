/**
 * The search domain's public API. One index over journal entries, papers, annotations and the
 * comments of the user's site (new and approved; spam and deleted ones are left out): keyword (FTS5 BM25, English stemming, Chinese/Japanese/Korean substrings), always current,
 * written when another domain emits its change event (a journal save outside a transaction is indexed a
 * moment later, coalesced; every read of the index first indexes what is still queued); and semantic (sentence vectors in
 * sqlite-vec), built in the background by the injected embedder. Other domains never import search:
 * they emit events (`journal:entry-changed`, `papers:changed`, `comments:changed`) and search reads
 * them back through their index.ts.
 *
 * Tables (for `folio sql`): search_docs (one row per item: kind, ref_id, title, date, tags, is_public,
 * text), search_chunks (passages: doc_id, heading, page, start/end offsets into search_docs.text,
 * content_hash, state 0 waiting / 1 embedded / 2 nothing to embed), search_state, and the virtual
 * tables search_fts (FTS5, rowid = search_docs.id) and search_vec (vec0, rowid = search_chunks.id).
 */
import type { CoreContext } from '../app/context';
import { createSearchHandlers } from './handlers';
import { SearchService, type SearchServiceOptions } from './service';
import { annotationsSource, commentsSource, journalSource, papersSource, type Source } from './sources';

export { SearchService, RRF_K } from './service';
export { SEARCHABLE_COMMENT_STATUSES, commentTitle } from './sources';
export { reciprocalRankFusion, STOPWORDS } from './query';
export { deriveMarkdown, derivePages, derivePlain, markdownSections, CHUNK_MAX_CHARS, CHUNK_TARGET_CHARS } from './chunking';
export type { Source, SourceDoc } from './sources';

/** Sources indexed today, in check order. */
export function searchSources(): Source[] {
  return [journalSource, papersSource, annotationsSource, commentsSource];
}

/**
 * Builds the search domain for a core: subscribes to the other domains' change events, schedules the
 * index check and background indexing, and returns the handlers.
 * `ctx.services.searchAutoStartMs` (number | false) overrides when background work starts.
 */
export function createSearch(ctx: CoreContext): { handlers: ReturnType<typeof createSearchHandlers>; service: SearchService } {
  const auto = ctx.services.searchAutoStartMs;
  const opts: SearchServiceOptions = auto !== undefined ? { autoStartMs: auto } : {};
  const service = new SearchService(ctx, searchSources(), opts);
  const subs = [
    // A save answers before its entry is indexed (a moment later, or as soon as anything reads the index).
    ctx.events.on('journal:entry-changed', ({ id }) => service.queueSync('entry', id)),
    ctx.events.on('papers:changed', ({ id, action, annotationId }) => service.syncPaper(id, action, annotationId)),
    ctx.events.on('comments:changed', ({ ids }) => service.syncMany('comment', ids)),
    // A restored backup brings its own index; check it against its own journal, papers and comments.
    ctx.events.on('data:changed', (e) => {
      if (e.domain === '*') void service.afterRestore().catch((err) => console.error('[folio] search index check failed:', err));
    }),
  ];
  ctx.onClose(async () => {
    for (const s of subs) s.dispose();
    await service.stop();
  });
  return { handlers: createSearchHandlers(ctx, service), service };
}
