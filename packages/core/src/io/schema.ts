// Drizzle tables of the io domain. Column names are what `folio sql` users see: keep them plain.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { entries } from '../journal/schema';

/**
 * What each imported entry was last imported from: its stable `source_key` (the path inside the
 * imported folder, `path#YYYY-MM-DD` for one entry of a diary or microblog), the hash of what the
 * importer read, and the blobs its attachments became. A re-import whose hash (and attachment bytes)
 * did not change leaves the entry alone, including any edits made in Folio since; a changed source
 * becomes a new revision. Dropped with the entry when it is purged.
 */
export const importSources = sqliteTable(
  'import_sources',
  {
    sourceKey: text('source_key').primaryKey(),
    entryId: text('entry_id')
      .notNull()
      .references(() => entries.id, { onDelete: 'cascade' }),
    sourcePath: text('source_path').notNull(),
    format: text('format').notNull(),
    contentHash: text('content_hash').notNull(),
    /** JSON array of the sha256 of each attachment, in the entry's order. */
    attachmentBlobs: text('attachment_blobs').notNull().default('[]'),
    importedAt: text('imported_at').notNull(),
  },
  (t) => [index('import_sources_entry_idx').on(t.entryId)],
);

/** One row per import, export or publish: when, where, and its counts (JSON). */
export const ioRuns = sqliteTable(
  'io_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    action: text('action').notNull(),
    target: text('target').notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at').notNull(),
    summary: text('summary').notNull().default('{}'),
  },
  (t) => [index('io_runs_started_idx').on(t.startedAt)],
);
