// Drizzle tables of the papers domain. Column names are what `folio sql` users see: keep them plain.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * The library: PDFs (content-addressed by `sha256` in the blob store), links and books. `authors` is a
 * JSON array of display names. `status` is the reading-queue state (history in paper_status_changes);
 * `progress` is the furthest page seen / pages unless `progress_manual`. Times are UTC ISO; `*_day`
 * columns are the reader's local calendar day (YYYY-MM-DD), for per-day counts.
 */
export const papers = sqliteTable(
  'papers',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull().default('pdf'),
    title: text('title').notNull(),
    /** Case-folded title, for [[Paper title]] links. */
    titleKey: text('title_key').notNull().default(''),
    authors: text('authors').notNull().default('[]'),
    year: integer('year'),
    venue: text('venue'),
    doi: text('doi'),
    arxivId: text('arxiv_id'),
    arxivVersion: text('arxiv_version'),
    arxivCategory: text('arxiv_category'),
    url: text('url'),
    source: text('source'),
    via: text('via'),
    abstract: text('abstract'),
    publisher: text('publisher'),
    isbn: text('isbn'),
    citationKey: text('citation_key'),
    /** JSON of BibTeX fields kept from an import for the next export: entryType, volume, number, pages, note. */
    bibtexExtra: text('bibtex_extra'),
    /** JSON: where each metadata field came from (info, xmp, layout, stamp, text, bibtex, user). */
    metadataSources: text('metadata_sources').notNull().default('{}'),
    sha256: text('sha256'),
    fileName: text('file_name'),
    sizeBytes: integer('size_bytes'),
    pageCount: integer('page_count'),
    hasTextLayer: integer('has_text_layer', { mode: 'boolean' }),
    fingerprint: text('fingerprint'),
    status: text('status').notNull().default('queued'),
    statusAt: text('status_at').notNull(),
    addedAt: text('added_at').notNull(),
    addedDay: text('added_day').notNull(),
    updatedAt: text('updated_at').notNull(),
    lastOpenedAt: text('last_opened_at'),
    finishedAt: text('finished_at'),
    finishedDay: text('finished_day'),
    progress: real('progress').notNull().default(0),
    progressManual: integer('progress_manual', { mode: 'boolean' }).notNull().default(false),
    maxPageSeen: integer('max_page_seen').notNull().default(0),
    lastPage: integer('last_page'),
    lastTop: real('last_top'),
    /** JSON: a number or "page-width" / "page-fit" / "auto". */
    lastScale: text('last_scale'),
    /** Full-text extraction: none (no PDF or no text layer), pending, running, done, failed. */
    textState: text('text_state').notNull().default('none'),
    textPagesDone: integer('text_pages_done').notNull().default(0),
    /** sha256 whose text paper_pages holds (re-extraction is skipped while it matches). */
    textSha256: text('text_sha256'),
    textError: text('text_error'),
    /** The journal entry made by "Create paper note". */
    noteEntryId: text('note_entry_id'),
  },
  (t) => [
    uniqueIndex('papers_sha256_uq')
      .on(t.sha256)
      .where(sql`${t.sha256} IS NOT NULL`),
    index('papers_title_key_idx').on(t.titleKey),
    index('papers_status_idx').on(t.status),
    index('papers_added_idx').on(t.addedAt),
    index('papers_added_day_idx').on(t.addedDay),
    index('papers_finished_day_idx').on(t.finishedDay),
    index('papers_doi_idx').on(t.doi),
    index('papers_arxiv_idx').on(t.arxivId),
    index('papers_text_state_idx').on(t.textState),
  ],
);

export const paperTags = sqliteTable(
  'paper_tags',
  {
    paperId: text('paper_id')
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
    tagKey: text('tag_key').notNull(),
  },
  (t) => [primaryKey({ columns: [t.paperId, t.tagKey] }), index('paper_tags_key_idx').on(t.tagKey)],
);

/** Every reading-queue move with its date (a change undone within minutes replaces the previous row). */
export const paperStatusChanges = sqliteTable(
  'paper_status_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    paperId: text('paper_id')
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    at: text('at').notNull(),
    day: text('day').notNull(),
  },
  (t) => [index('paper_status_changes_paper_idx').on(t.paperId, t.at), index('paper_status_changes_day_idx').on(t.status, t.day)],
);

export const paperCollections = sqliteTable('paper_collections', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: text('created_at').notNull(),
});

export const paperCollectionItems = sqliteTable(
  'paper_collection_items',
  {
    collectionId: text('collection_id')
      .notNull()
      .references(() => paperCollections.id, { onDelete: 'cascade' }),
    paperId: text('paper_id')
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    addedAt: text('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.collectionId, t.paperId] }), index('paper_collection_items_paper_idx').on(t.paperId)],
);

/**
 * Highlights, region highlights and sticky notes. `rects` is a JSON array of `[x1, y1, x2, y2]` in PDF
 * user space (a note stores its point as a zero-size rect); `quote` the highlighted text (highlights) or
 * the note's text (notes); `color` a colour id of the `papers.colors` setting.
 */
export const paperAnnotations = sqliteTable(
  'paper_annotations',
  {
    id: text('id').primaryKey(),
    paperId: text('paper_id')
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    page: integer('page').notNull(),
    rects: text('rects').notNull(),
    quote: text('quote').notNull().default(''),
    color: text('color').notNull(),
    comment: text('comment').notNull().default(''),
    /** Region snapshot (a PNG blob). */
    imageSha256: text('image_sha256'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    day: text('day').notNull(),
  },
  (t) => [index('paper_annotations_paper_idx').on(t.paperId, t.page), index('paper_annotations_day_idx').on(t.day, t.kind)],
);

/** Extracted text, one row per page (1-based), for full-text search. */
export const paperPages = sqliteTable(
  'paper_pages',
  {
    paperId: text('paper_id')
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    page: integer('page').notNull(),
    text: text('text').notNull(),
  },
  (t) => [primaryKey({ columns: [t.paperId, t.page] })],
);

/**
 * Reading log: active reading time (idle excluded) per reader session and local day. A session that
 * runs past midnight has one row per day.
 */
export const readingSessions = sqliteTable(
  'reading_sessions',
  {
    sessionId: text('session_id').notNull(),
    day: text('day').notNull(),
    paperId: text('paper_id')
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    startedAt: text('started_at').notNull(),
    endedAt: text('ended_at').notNull(),
    activeMs: integer('active_ms').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.day] }),
    index('reading_sessions_day_idx').on(t.day),
    index('reading_sessions_paper_idx').on(t.paperId),
  ],
);

/** Pages (1-based) seen while reading actively, with the first time. */
export const paperPagesSeen = sqliteTable(
  'paper_pages_seen',
  {
    paperId: text('paper_id')
      .notNull()
      .references(() => papers.id, { onDelete: 'cascade' }),
    page: integer('page').notNull(),
    firstSeenAt: text('first_seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.paperId, t.page] })],
);
