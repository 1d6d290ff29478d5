// SQL of the journal domain: prepared statements over the store's better-sqlite3 handle (the save path
// runs a handful of them per keystroke burst, so they are prepared once per connection and reused).
import type Database from 'better-sqlite3';
import type { EntryDto, EntryProperties, EntrySummaryDto, RevisionReason, RevisionSummaryDto } from '../contract/journal';
import { markdownToPlainText } from './markdown';

export type Sqlite = Database.Database;

const cache = new WeakMap<Sqlite, Map<string, Database.Statement>>();

/** A prepared statement, cached per connection (the store may be swapped by a restore). */
export function stmt(db: Sqlite, sql: string): Database.Statement {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}

export interface EntryRow {
  id: string;
  kind: string;
  title: string;
  title_key: string;
  date: string;
  time: string | null;
  body: string;
  properties: string;
  is_public: number;
  locked: number;
  word_count: number;
  created_at: string;
  updated_at: string;
  tz_offset_minutes: number;
  deleted_at: string | null;
  source_key: string | null;
  template_id: string | null;
  revision: number;
}

/** A row without the body: `head` holds its first characters for the excerpt. */
export type SummaryRow = Omit<EntryRow, 'body' | 'properties' | 'source_key'> & { head: string };

export const SUMMARY_COLUMNS = `id, kind, title, title_key, date, time, is_public, locked, word_count, created_at, updated_at,
  tz_offset_minutes, deleted_at, template_id, revision, substr(body, 1, 600) AS head`;

/** SQL condition: the entry was written in (not a template-fresh entry nobody touched). */
export const WRITTEN = `NOT (template_id IS NOT NULL AND revision = 1)`;

export const ORDER_BY: Record<'date-desc' | 'date-asc' | 'updated-desc', string> = {
  // Matches entries_timeline_idx, so a page is read off the index (NULL times sort last in DESC).
  'date-desc': `date DESC, time DESC, created_at DESC, id DESC`,
  'date-asc': `date ASC, time ASC, created_at ASC, id ASC`,
  'updated-desc': `updated_at DESC, id DESC`,
};

export function getEntryRow(db: Sqlite, id: string): EntryRow | undefined {
  return stmt(db, `SELECT * FROM entries WHERE id = ?`).get(id) as EntryRow | undefined;
}

export function liveDailyFor(db: Sqlite, date: string): EntryRow | undefined {
  return stmt(db, `SELECT * FROM entries WHERE kind = 'daily' AND date = ? AND deleted_at IS NULL`).get(date) as
    EntryRow | undefined;
}

export function tagsOf(db: Sqlite, id: string): string[] {
  return (stmt(db, `SELECT tag FROM entry_tags WHERE entry_id = ? ORDER BY rowid`).all(id) as { tag: string }[]).map(
    (r) => r.tag,
  );
}

/** Tags of many entries in one query. */
export function tagsFor(db: Sqlite, ids: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (ids.length === 0) return out;
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = db
      .prepare(`SELECT entry_id, tag FROM entry_tags WHERE entry_id IN (${chunk.map(() => '?').join(',')}) ORDER BY rowid`)
      .all(...chunk) as { entry_id: string; tag: string }[];
    for (const r of rows) {
      const list = out.get(r.entry_id);
      if (list) list.push(r.tag);
      else out.set(r.entry_id, [r.tag]);
    }
  }
  return out;
}

export function parseJsonObject(text: string): EntryProperties {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as EntryProperties) : {};
  } catch {
    return {};
  }
}

/** The first words of a body as one line of plain text. */
export function excerptOf(head: string, max = 180): string {
  if (!head) return '';
  const text = markdownToPlainText(head).replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

function isPristine(row: { template_id: string | null; revision: number }): boolean {
  return row.template_id !== null && row.revision === 1;
}

export function toSummary(row: SummaryRow | EntryRow, tags: string[]): EntrySummaryDto {
  const head = 'head' in row ? row.head : row.body.slice(0, 600);
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    date: row.date,
    time: row.time,
    isPublic: row.is_public === 1,
    locked: row.locked === 1,
    wordCount: row.word_count,
    tags,
    excerpt: excerptOf(head),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    tzOffsetMinutes: row.tz_offset_minutes,
    revision: row.revision,
    deletedAt: row.deleted_at,
    pristine: isPristine(row),
  };
}

export function toEntry(row: EntryRow, tags: string[]): EntryDto {
  return {
    ...toSummary(row, tags),
    body: row.body,
    properties: parseJsonObject(row.properties),
    templateId: row.template_id,
    sourceKey: row.source_key,
  };
}

export function insertEntryRow(db: Sqlite, row: EntryRow): void {
  stmt(
    db,
    `INSERT INTO entries (id, kind, title, title_key, date, time, body, properties, is_public, locked, word_count, created_at,
      updated_at, tz_offset_minutes, deleted_at, source_key, template_id, revision)
     VALUES (@id, @kind, @title, @title_key, @date, @time, @body, @properties, @is_public, @locked, @word_count, @created_at,
      @updated_at, @tz_offset_minutes, @deleted_at, @source_key, @template_id, @revision)`,
  ).run(row);
}

/** Writes every content column of `row` and its revision number. */
export function updateEntryRow(db: Sqlite, row: EntryRow): void {
  stmt(
    db,
    `UPDATE entries SET kind = @kind, title = @title, title_key = @title_key, date = @date, time = @time, body = @body,
      properties = @properties, is_public = @is_public, locked = @locked, word_count = @word_count, updated_at = @updated_at,
      deleted_at = @deleted_at, source_key = @source_key, template_id = @template_id, revision = @revision
     WHERE id = @id`,
  ).run(row);
}

export interface RevisionRow {
  id: number;
  entry_id: string;
  revision: number;
  reason: RevisionReason;
  kind: string;
  title: string;
  date: string;
  body: string;
  properties: string;
  is_public: number;
  word_count: number;
  saves: number;
  created_at: string;
  updated_at: string;
}

/** The newest revision row of an entry. */
export function newestRevision(db: Sqlite, entryId: string): Omit<RevisionRow, 'body' | 'properties'> | undefined {
  return stmt(
    db,
    `SELECT id, entry_id, revision, reason, kind, title, date, is_public, word_count, saves, created_at, updated_at
     FROM entry_revisions WHERE entry_id = ? ORDER BY revision DESC LIMIT 1`,
  ).get(entryId) as Omit<RevisionRow, 'body' | 'properties'> | undefined;
}

export function insertRevision(db: Sqlite, row: EntryRow, reason: RevisionReason, now: string): void {
  stmt(
    db,
    `INSERT INTO entry_revisions (entry_id, revision, reason, kind, title, date, body, properties, is_public, word_count, saves,
      created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  ).run(
    row.id,
    row.revision,
    reason,
    row.kind,
    row.title,
    row.date,
    row.body,
    row.properties,
    row.is_public,
    row.word_count,
    now,
    now,
  );
}

/** Folds an autosave into the newest autosave revision: it now holds `row` at its revision. */
export function foldIntoRevision(db: Sqlite, revisionRowId: number, row: EntryRow, now: string): void {
  stmt(
    db,
    `UPDATE entry_revisions SET revision = ?, kind = ?, title = ?, date = ?, body = ?, properties = ?, is_public = ?, word_count = ?,
      saves = saves + 1, updated_at = ?
     WHERE id = ?`,
  ).run(row.revision, row.kind, row.title, row.date, row.body, row.properties, row.is_public, row.word_count, now, revisionRowId);
}

export function revisionSummary(r: Omit<RevisionRow, 'body' | 'properties'>): RevisionSummaryDto {
  return {
    entryId: r.entry_id,
    revision: r.revision,
    reason: r.reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    title: r.title,
    wordCount: r.word_count,
    saves: r.saves,
  };
}

export function replaceTags(db: Sqlite, entryId: string, tags: readonly string[]): void {
  stmt(db, `DELETE FROM entry_tags WHERE entry_id = ?`).run(entryId);
  const ins = stmt(db, `INSERT OR IGNORE INTO entry_tags (entry_id, tag, tag_key) VALUES (?, ?, ?)`);
  for (const t of tags) ins.run(entryId, t, t.toLocaleLowerCase());
}

export interface LinkInput {
  target: string;
  targetKey: string;
  alias: string | null;
  heading: string | null;
  targetEntryId: string | null;
  targetPaperId: string | null;
}

export function replaceLinks(db: Sqlite, entryId: string, links: readonly LinkInput[]): void {
  stmt(db, `DELETE FROM entry_links WHERE from_entry_id = ?`).run(entryId);
  const ins = stmt(
    db,
    `INSERT INTO entry_links (from_entry_id, target, target_key, target_entry_id, target_paper_id, alias, heading, position)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  links.forEach((l, i) => ins.run(entryId, l.target, l.targetKey, l.targetEntryId, l.targetPaperId, l.alias, l.heading, i));
}

/** The live entry a title key names (the oldest, when several share a title). */
export function entryIdByTitleKey(db: Sqlite, key: string): string | null {
  if (!key) return null;
  const r = stmt(db, `SELECT id FROM entries WHERE title_key = ? AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1`).get(
    key,
  ) as { id: string } | undefined;
  return r?.id ?? null;
}

/** The live entry a link key names: by title, else by alias (the oldest entry, when several share it). */
export function entryIdByLinkKey(db: Sqlite, key: string): string | null {
  if (!key) return null;
  const byTitle = entryIdByTitleKey(db, key);
  if (byTitle) return byTitle;
  const r = stmt(
    db,
    `SELECT e.id FROM entry_aliases a JOIN entries e ON e.id = a.entry_id
      WHERE a.alias_key = ? AND e.deleted_at IS NULL ORDER BY e.created_at, e.id LIMIT 1`,
  ).get(key) as { id: string } | undefined;
  return r?.id ?? null;
}

/** Alias keys of an entry. */
export function aliasKeysOf(db: Sqlite, entryId: string): string[] {
  return (stmt(db, `SELECT alias_key FROM entry_aliases WHERE entry_id = ?`).all(entryId) as { alias_key: string }[]).map(
    (r) => r.alias_key,
  );
}

/** Replaces an entry's aliases (`[alias, key]` pairs, keys unique). */
export function replaceAliases(db: Sqlite, entryId: string, aliases: readonly (readonly [string, string])[]): void {
  stmt(db, `DELETE FROM entry_aliases WHERE entry_id = ?`).run(entryId);
  const ins = stmt(db, `INSERT OR IGNORE INTO entry_aliases (entry_id, alias, alias_key) VALUES (?, ?, ?)`);
  for (const [alias, key] of aliases) ins.run(entryId, alias, key);
}

/** Re-resolves every link written with this target key (after a title or alias appeared, changed or went to the trash). */
export function relinkKey(db: Sqlite, key: string): void {
  if (!key) return;
  const id = entryIdByLinkKey(db, key);
  stmt(db, `UPDATE entry_links SET target_entry_id = ? WHERE target_key = ? AND target_entry_id IS NOT ?`).run(id, key, id);
  // Obsidian path links ([[Projects/Project Alpha]]) written before their note existed reach it by its
  // last segment, as they would have at the time of writing (see resolveLinkTarget): from now on
  // they follow that name.
  if (id && !key.includes('/')) {
    stmt(
      db,
      `UPDATE entry_links SET target_key = ?, target_entry_id = ?
        WHERE target_entry_id IS NULL AND target_paper_id IS NULL AND substr(target_key, -(length(?) + 1)) = '/' || ?`,
    ).run(key, id, key, key);
  }
}

/** Re-resolves links to an entry's title and aliases (after it went to the trash or came back). */
export function relinkEntry(db: Sqlite, row: Pick<EntryRow, 'id' | 'title_key'>): void {
  relinkKey(db, row.title_key);
  for (const key of aliasKeysOf(db, row.id)) if (key !== row.title_key) relinkKey(db, key);
}
