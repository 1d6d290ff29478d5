// Drizzle tables of the search domain. The index is derived data: everything here can be rebuilt from
// the journal and papers (`search:reindex`). Two virtual tables live beside these:
//   search_fts  FTS5, contentless, rowid = search_docs.id (custom migration; columns in search/text)
//   search_vec  sqlite-vec vec0, rowid = search_chunks.id, created at run time by vectors.ts when the
//               embedder first loads, because its dimension comes from the model (search_state holds
//               the model version and dimension it was built with; a new model rebuilds it).
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * One row per searchable item. `kind` is entry | paper | annotation | comment; `ref_id` is the item's id
 * in its own domain. `text` is the plain text of the body (snippets and passages are cut from it),
 * `props` the property values and tags as text. `source_hash` fingerprints the source fields, so a
 * check can tell an unchanged item without re-deriving its text.
 */
export const searchDocs = sqliteTable(
  'search_docs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    refId: text('ref_id').notNull(),
    /** Journal kind of an entry (daily, post...), annotation type, ... */
    subkind: text('subkind'),
    /** The paper an annotation belongs to. */
    paperId: text('paper_id'),
    page: integer('page'),
    title: text('title').notNull().default(''),
    /** YYYY-MM-DD */
    date: text('date'),
    /** JSON array of tags. */
    tags: text('tags').notNull().default('[]'),
    isPublic: integer('is_public', { mode: 'boolean' }).notNull().default(false),
    text: text('text').notNull().default(''),
    props: text('props').notNull().default(''),
    sourceHash: text('source_hash').notNull(),
    indexedAt: text('indexed_at').notNull(),
  },
  (t) => [
    uniqueIndex('search_docs_kind_ref_uq').on(t.kind, t.refId),
    index('search_docs_date_idx').on(t.date),
    index('search_docs_paper_idx').on(t.paperId),
  ],
);

/**
 * Passages of an item for semantic search: cut by heading and paragraph (entries), page and paragraph
 * (papers), whole (annotations). `start`/`end` are offsets into `search_docs.text`. `content_hash` is the
 * sha1 of the exact text embedded, so an unchanged passage keeps its vector across edits and restarts.
 * `state`: 0 waiting for a vector, 1 has one in search_vec, 2 nothing to embed (no words the model knows).
 */
export const searchChunks = sqliteTable(
  'search_chunks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    docId: integer('doc_id')
      .notNull()
      .references(() => searchDocs.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    heading: text('heading'),
    page: integer('page'),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    contentHash: text('content_hash').notNull(),
    state: integer('state').notNull().default(0),
  },
  (t) => [index('search_chunks_doc_idx').on(t.docId, t.ordinal), index('search_chunks_state_idx').on(t.state)],
);

/** Small facts about the index: `vec.model` (embedder version the vectors were made with), `vec.dim`, `fts.checked_at`. */
export const searchState = sqliteTable('search_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
