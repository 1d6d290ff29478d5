// Drizzle tables of the journal domain. Column names are what `folio sql` users see: keep them plain.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Journal entries. `body` is markdown (canonical); `properties` is a JSON object of named fields
 * (front matter), queryable with `json_extract(properties, '$.attendees')`. `date` is the calendar day
 * the entry belongs to; `created_at`/`updated_at` are when it was written (UTC ISO), `tz_offset_minutes`
 * where. `revision` grows by one per save (optimistic concurrency). `deleted_at` is set while in the trash.
 */
export const entries = sqliteTable(
  'entries',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    title: text('title').notNull().default(''),
    /** Case-folded title for link resolution (`titleKey` of journal/markdown). */
    titleKey: text('title_key').notNull().default(''),
    date: text('date').notNull(),
    time: text('time'),
    isPublic: integer('is_public', { mode: 'boolean' }).notNull().default(false),
    locked: integer('locked', { mode: 'boolean' }).notNull().default(false),
    wordCount: integer('word_count').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    tzOffsetMinutes: integer('tz_offset_minutes').notNull().default(0),
    deletedAt: text('deleted_at'),
    sourceKey: text('source_key'),
    templateId: text('template_id'),
    revision: integer('revision').notNull().default(1),
    // Large columns last: SQLite reads a row's columns in order, so anything stored after a body that
    // spills into overflow pages costs a walk through them (listing, sorting, filtering by deleted_at).
    properties: text('properties').notNull().default('{}'),
    body: text('body').notNull().default(''),
  },
  (t) => [
    index('entries_date_idx').on(t.date),
    // The timeline's order, so a page is read straight off the index.
    index('entries_timeline_idx').on(t.date, t.time, t.createdAt, t.id),
    index('entries_kind_date_idx').on(t.kind, t.date),
    // Covering for per-day activity (entryActivity: written entries and words per date and kind, for
    // stamps, habits and the dashboard): a ten-year range is read off the index in group order.
    index('entries_activity_idx').on(t.date, t.kind, t.deletedAt, t.templateId, t.revision, t.wordCount),
    index('entries_title_key_idx').on(t.titleKey),
    index('entries_updated_idx').on(t.updatedAt),
    // Only the trash: an index over every live row's NULL would lure the planner away from the timeline index.
    index('entries_trash_idx')
      .on(t.deletedAt)
      .where(sql`${t.deletedAt} IS NOT NULL`),
    uniqueIndex('entries_source_key_uq')
      .on(t.sourceKey)
      .where(sql`${t.sourceKey} IS NOT NULL`),
    // One live daily note per date.
    uniqueIndex('entries_daily_uq')
      .on(t.date)
      .where(sql`${t.kind} = 'daily' AND ${t.deletedAt} IS NULL`),
  ],
);

/**
 * Past versions. Each row is the entry as it was at `revision`. Consecutive autosaves fold into the
 * newest autosave row (its `revision`, content and `updated_at` move forward, `saves` counts them);
 * explicit actions (restore, rename, lock, template, edit note...) always add a row.
 */
export const entryRevisions = sqliteTable(
  'entry_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    entryId: text('entry_id')
      .notNull()
      .references(() => entries.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    reason: text('reason').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    date: text('date').notNull(),
    isPublic: integer('is_public', { mode: 'boolean' }).notNull().default(false),
    wordCount: integer('word_count').notNull().default(0),
    saves: integer('saves').notNull().default(1),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    properties: text('properties').notNull().default('{}'),
    body: text('body').notNull(),
  },
  (t) => [uniqueIndex('entry_revisions_entry_rev_uq').on(t.entryId, t.revision)],
);

/** Tags of an entry (from #hashtags in the body and the `tags` field). `a/b` is a tag series. */
export const entryTags = sqliteTable(
  'entry_tags',
  {
    entryId: text('entry_id')
      .notNull()
      .references(() => entries.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
    /** Lower-cased tag, for matching. */
    tagKey: text('tag_key').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.tagKey] }), index('entry_tags_key_idx').on(t.tagKey)],
);

/**
 * Other names an entry answers to in `[[links]]`, besides its title: its `aliases` property (Obsidian's
 * front-matter `aliases`, and an imported file's own name when its title differs). Derived from the
 * properties on every write, like the tags.
 */
export const entryAliases = sqliteTable(
  'entry_aliases',
  {
    entryId: text('entry_id')
      .notNull()
      .references(() => entries.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
    /** `titleKey` of the alias, matched against link targets. */
    aliasKey: text('alias_key').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.aliasKey] }), index('entry_aliases_key_idx').on(t.aliasKey)],
);

/**
 * `[[wikilinks]]` in entry bodies. `target` as written; `target_entry_id` / `target_paper_id` once it
 * resolves to a live entry (by title) or a paper.
 */
export const entryLinks = sqliteTable(
  'entry_links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    fromEntryId: text('from_entry_id')
      .notNull()
      .references(() => entries.id, { onDelete: 'cascade' }),
    target: text('target').notNull(),
    targetKey: text('target_key').notNull(),
    targetEntryId: text('target_entry_id').references(() => entries.id, { onDelete: 'set null' }),
    targetPaperId: text('target_paper_id'),
    alias: text('alias'),
    heading: text('heading'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    index('entry_links_from_idx').on(t.fromEntryId),
    index('entry_links_target_key_idx').on(t.targetKey),
    index('entry_links_target_entry_idx').on(t.targetEntryId),
  ],
);

/** Kinds of entries: the built-in ones (seeded) and user-defined ones, with their typed fields. */
export const entryKinds = sqliteTable('entry_kinds', {
  key: text('key').primaryKey(),
  name: text('name').notNull(),
  builtin: integer('builtin', { mode: 'boolean' }).notNull().default(false),
  /** JSON array of `{ name, type, label? }`. */
  fields: text('fields').notNull().default('[]'),
  publicByDefault: integer('public_by_default', { mode: 'boolean' }).notNull().default(false),
  onePerDay: integer('one_per_day', { mode: 'boolean' }).notNull().default(false),
  templateId: text('template_id'),
  sort: integer('sort').notNull().default(100),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * Templates new entries start from. Built-ins (`builtin_key` set) are seeded on first open; deleting
 * one only hides it (`deleted_at`) so `journal:template-reset` can bring it back.
 */
export const entryTemplates = sqliteTable(
  'entry_templates',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull().default(''),
    body: text('body').notNull().default(''),
    properties: text('properties').notNull().default('{}'),
    builtinKey: text('builtin_key'),
    deletedAt: text('deleted_at'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('entry_templates_builtin_uq')
      .on(t.builtinKey)
      .where(sql`${t.builtinKey} IS NOT NULL`),
  ],
);
