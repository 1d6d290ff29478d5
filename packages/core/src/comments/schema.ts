// Drizzle tables of the comments domain. Column names are what `folio sql` users see: keep them plain.
import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Watched files: imported again whenever they change while the app (or serve mode) runs. `options` is
 * the CSV column mapping as JSON; `last_mtime_ms`/`last_size` are what was last imported successfully.
 */
export const commentSources = sqliteTable('comment_sources', {
  id: text('id').primaryKey(),
  path: text('path').notNull().unique(),
  origin: text('origin').notNull(),
  format: text('format').notNull().default('auto'),
  options: text('options', { mode: 'json' }),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull(),
  lastImportAt: text('last_import_at'),
  lastMtimeMs: real('last_mtime_ms'),
  lastSize: integer('last_size'),
  lastReport: text('last_report', { mode: 'json' }),
  lastError: text('last_error'),
});

/**
 * Comments of the user's website. `text` is verbatim (shown as text only, never as HTML).
 * Dedupe: `(origin, external_id)` when the file gave an id, else `(origin, content_hash)`; the origin
 * is the file name unless the user named it. `status` new | approved | spam | deleted (soft, restorable);
 * `label` spam | ham is the user's decision (approve = ham), a training label for the spam model;
 * `labeled_day` is the local day of that decision (activity). `score` is P(spam) from the model whose
 * sha256 is `score_model_sha` (NULL = not scored). `raw`/`path` keep the record as found for export.
 */
export const comments = sqliteTable(
  'comments',
  {
    id: text('id').primaryKey(),
    origin: text('origin').notNull().default(''),
    externalId: text('external_id'),
    sourceId: text('source_id').references(() => commentSources.id, { onDelete: 'set null' }),
    page: text('page'),
    author: text('author'),
    text: text('text').notNull(),
    createdAt: text('created_at'),
    importedAt: text('imported_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    status: text('status', { enum: ['new', 'approved', 'spam', 'deleted'] })
      .notNull()
      .default('new'),
    score: real('score'),
    scoreModelSha: text('score_model_sha'),
    label: text('label', { enum: ['spam', 'ham'] }),
    labeledAt: text('labeled_at'),
    labeledDay: text('labeled_day'),
    contentHash: text('content_hash').notNull(),
    emptyText: integer('empty_text', { mode: 'boolean' }).notNull().default(false),
    /** The record as it was in the file (JSON), so an export gives the site back its own fields. */
    raw: text('raw'),
    /** JSON array of keys from the file's root to the record (JSON object exports), to rebuild the nesting. */
    path: text('path'),
  },
  (t) => [
    uniqueIndex('comments_origin_external_uq')
      .on(t.origin, t.externalId)
      .where(sql`${t.externalId} IS NOT NULL`),
    uniqueIndex('comments_origin_hash_uq')
      .on(t.origin, t.contentHash)
      .where(sql`${t.externalId} IS NULL`),
    index('comments_status_created_idx').on(t.status, t.createdAt),
    index('comments_score_idx').on(t.score),
    index('comments_label_idx').on(t.label),
    index('comments_labeled_day_idx').on(t.labeledDay),
    index('comments_page_idx').on(t.page),
  ],
);

/**
 * Retraining history: one row per run, with the before/after metrics (JSON) measured on labels the
 * new model did not see (`method`: k-fold, holdout, or in-sample when there are too few).
 */
export const commentModelRuns = sqliteTable('comment_model_runs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  startedAt: text('started_at').notNull(),
  finishedAt: text('finished_at'),
  trigger: text('trigger').notNull(),
  state: text('state').notNull(),
  error: text('error'),
  modelSha: text('model_sha'),
  baseSha: text('base_sha'),
  labelsDigest: text('labels_digest'),
  labels: text('labels', { mode: 'json' }),
  method: text('method'),
  folds: integer('folds'),
  evaluated: integer('evaluated'),
  before: text('before', { mode: 'json' }),
  after: text('after', { mode: 'json' }),
  elapsedMs: integer('elapsed_ms'),
});
